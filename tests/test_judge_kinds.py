"""The kinds of change issue 14 names, each on a small policy written for the test: what the
judge must find material, and the false alarms it must not raise. Real cases are measured by
bench/judge.py on the labelled real-dev set."""

from __future__ import annotations

import pytest

from diffs import compare, normalize
from diffs.diff import Change
from diffs.judged import JudgedChange, _restated
from diffs.materiality import judge

BASE = """# Privacy policy

We collect your name and e-mail address when you create an account.

{clause}

## Your rights

You can ask us for a copy of your personal data. Contact privacy@example.com for any request.
"""


def markdown_pair(old: str, new: str) -> list[JudgedChange]:
    """Two Markdown versions compared as `monitor compare old.md new.md` does."""
    md = "text/markdown"
    return compare(normalize(old, content_type=md), normalize(new, content_type=md))


def material_reasons(changes: list[JudgedChange]) -> list[str]:
    return [
        r for c in changes if c.judgement.materiality == "material" for r in c.judgement.reasons
    ]


def material_reasons_in(policy: str, before: str, after: str) -> list[str]:
    """The material reasons for one clause of `policy` (a template with `{clause}`) edited."""
    return material_reasons(
        markdown_pair(policy.format(clause=before), policy.format(clause=after))
    )


def judged(before: str, after: str) -> list[JudgedChange]:
    return markdown_pair(BASE.format(clause=before), BASE.format(clause=after))


def strongest(before: str, after: str) -> tuple[str, list[str]]:
    changes = judged(before, after)
    assert changes, "the edit shows no change"
    ranks = ["cosmetic", "minor", "material"]
    top = max(changes, key=lambda c: ranks.index(c.judgement.materiality))
    return top.judgement.materiality, [r for c in changes for r in c.judgement.reasons]


MATERIAL = {
    "identifiability": (
        "We share aggregated usage data with our advertising partners.",
        "We share individual usage data with our advertising partners.",
        "identifiability: 'aggregated' -> 'individual'",
    ),
    "place moved outside": (
        "We store your personal data on servers in the European Union.",
        "We store your personal data on servers outside the European Union.",
        "transfer: 'European Union' -> 'outside European Union'",
    ),
    "a sale for a sharing": (
        "We share your usage data with our advertising partners.",
        "We sell your usage data to our advertising partners.",
        "'share' -> 'sell'",
    ),
    "a duty for a choice": (
        "Your phone number is optional when you sign up for an account.",
        "Your phone number is required when you sign up for an account.",
        "obligation: 'optional' -> 'required'",
    ),
    "implied consent for explicit": (
        "We use your health data only with your explicit consent.",
        "We use your health data only with your implied consent.",
        "consent: 'explicit' -> 'implied'",
    ),
    "part of the data for all of it": (
        "You can ask us to delete all of your personal data.",
        "You can ask us to delete some of your personal data.",
        "scope: 'all' -> 'some'",
    ),
    "one condition for another": (
        "We may disclose information to government authorities where required by law.",
        "We may disclose information to government authorities when we believe it is appropriate.",
        "condition changed: 'where required by law' -> 'when we believe it is appropriate'",
    ),
    "a purpose joined on": (
        "We may use information about you to market our products to you.",
        "We may use information about you to market our products to you and to set your premium.",
        "practice widened: 'and to set your premium'",
    ),
    "a promise of no discrimination removed": (
        "You can ask us to delete your data. We will not discriminate against you for "
        "exercising these rights.",
        "You can ask us to delete your data.",
        "non-discrimination",
    ),
    "people given sight of the data": (
        "Flagged conversations may be reviewed by our safety team.",
        "Flagged conversations may be reviewed by our safety team and by third-party contractors.",
        "third-party",
    ),
    "a processor named among examples after what it does": (
        "We share personal data with service providers that help us run the service, such as "
        "cloud hosting (Google Cloud Platform).",
        "We share personal data with service providers that help us run the service, such as "
        "cloud hosting (Microsoft Azure).",
        "'Google Cloud Platform' -> 'Microsoft Azure'",
    ),
    "a representative named": (
        "We keep your support messages.",
        "We keep your support messages. Our representative in the European Union is Datarep "
        "GmbH, Berlin.",
        "Datarep GmbH",
    ),
    "a service the company uses on its visitors": (
        "We keep your support messages.",
        "We keep your support messages. We use Hotjar to understand how visitors use our website.",
        "Hotjar",
    ),
    "an answer to do-not-track signals": (
        "We keep your support messages.",
        "We keep your support messages. We do not respond to Do Not Track signals.",
        "choice: sentence added",
    ),
    "calls recorded": (
        "We keep your support messages.",
        "We keep your support messages. We may record phone calls with our support team.",
        "collection: sentence added",
    ),
    "data made visible to others": (
        "We keep your support messages.",
        "We keep your support messages. Your name and photo are visible to other users.",
        "sharing: sentence added",
    ),
    "the reader's choice made the company's": (
        "Reminders are sent to the phone number you select.",
        "Reminders are sent to the phone number we select.",
        "who acts or whose: 'you' -> 'we'",
    ),
    "a right the word lists do not know, put into a paragraph": (
        "You can ask us to stop sending newsletters.",
        "You can ask us to stop sending newsletters. You may also request that we explain "
        "how a credit score about you was calculated.",
        "right added",
    ),
    "one right of a list of rights taken out": (
        "Members have the right to see their file, to have mistakes fixed, and to receive a "
        "record of who viewed it.",
        "Members have the right to see their file and to have mistakes fixed.",
        "right removed: 'and to receive a record of who viewed it'",
    ),
    "a promise not to retaliate taken out": (
        "You may exercise these rights at any time. We will not penalize you for doing so.",
        "You may exercise these rights at any time.",
        "right removed",
    ),
    "a consent condition taken off a practice": (
        "We send your order history to our loyalty partner if you agree.",
        "We send your order history to our loyalty partner.",
        "legal basis: 'consent' -> 'none'",
    ),
    "a condition that held sharing back, cut": (
        "We share your location with delivery partners while an order is active.",
        "We share your location with delivery partners.",
        "condition removed: 'while an order is active'",
    ),
    "one more item at the end of a list of data": (
        "When you apply, we collect your CV and your cover letter.",
        "When you apply, we collect your CV, your cover letter and your social media profiles.",
        "list item added",
    ),
    "a choice open at any time made open at set times": (
        "You may withdraw your consent at any time in your account settings.",
        "You may withdraw your consent during the first 14 days in your account settings.",
        "right limited: 'at any time' taken out",
    ),
    "the body people complain to, replaced": (
        "You can submit a complaint to the Swedish Privacy Protection Authority.",
        "You can submit a complaint to the Nordic Data Processing Board.",
        "'Swedish Privacy Protection Authority' -> 'Nordic Data Processing Board'",
    ),
    "an audience for another": (
        "Your profile and your posts are visible to other members.",
        "Your profile and your posts are visible to anyone on the internet.",
        "recipient changed: 'other members' -> 'anyone on the internet'",
    ),
    "people reading the data": (
        "We keep your support messages.",
        "We keep your support messages. Our staff may listen to recordings of your calls.",
        "use: sentence added",
    ),
    "one of two mentions of a place moved outside": (
        "If you live within the EEA and such transfers occur, we give you the protection you "
        "would have within the EEA.",
        "If you live outside the EEA and such transfers occur, we give you the protection you "
        "would have within the EEA.",
        "transfer: 'EEA' -> 'outside EEA'",
    ),
    "country added": (
        "We may transfer your data to our teams in Ireland.",
        "We may transfer your data to our teams in Ireland and India.",
        "place added: 'India'",
    ),
    "a sentence stating a right taken out of a paragraph": (
        "- Your rights: You can ask for a copy of your data. You can ask us to correct it. "
        "Write to privacy@example.com.",
        "- Your rights: You can ask for a copy of your data. Write to privacy@example.com.",
        "right removed: correction",
    ),
    "a special category of data": (
        "We collect your name and your date of birth for your profile.",
        "We collect your name, your date of birth and your gender identity for your profile.",
        "new data type 'gender identity'",
    ),
    "the postal address for requests moved": (
        "To exercise your rights, write to Acme Ltd, 10 Downing Street, London SW1A 2AA.",
        "To exercise your rights, write to Acme Ltd, 20 Baker Street, London NW1 6XE.",
        "contact: postal address changed: '10 Downing Street, SW1A 2AA' -> '20 Baker Street, "
        "NW1 6XE'",
    ),
    "l'adresse postale pour les demandes a changé": (
        "Pour exercer vos droits, écrivez à Acme SAS, 12 rue de la Paix, 75002 Paris.",
        "Pour exercer vos droits, écrivez à Acme SAS, 3 avenue Foch, 69006 Lyon.",
        "contact: postal address changed",
    ),
    "the data protection officer replaced": (
        "Our Data Protection Officer is Jane Smith (dpo@example.com).",
        "Our Data Protection Officer is John Doe (dpo@example.com).",
        "contact: officer changed: 'Jane Smith' -> 'John Doe'",
    ),
    "the representative replaced": (
        "Our EU representative is VeraSafe Ireland Ltd.",
        "Our EU representative is DataRep Europe Ltd.",
        "organisation changed: 'VeraSafe Ireland Ltd' -> 'DataRep Europe Ltd'",
    ),
    "an identity document asked for": (
        "We ask for your name to verify your age.",
        "We ask for your name and a government-issued ID to verify your age.",
        "new data type 'government-issued id'",
    ),
    "the legal basis changed": (
        "We send you offers on the basis of your consent.",
        "We send you offers on the basis of our legitimate interests.",
        "legal basis: 'consent' -> 'legitimate interest'",
    ),
    "a promise to protect data taken out": (
        "We take reasonable steps to protect your personal information when it is sent to us.",
        "We take reasonable steps to use your personal information when it is sent to us.",
        "security: protection removed: 'protect'",
    ),
    "one kind of recipient for another": (
        "We may share your data with doctors who treat you.",
        "We may share your data with marketers who contact you.",
        "new recipient 'marketers'",
    ),
    "a partner among examples of recipients": (
        "We share your usage data with advertising partners such as Google and Meta.",
        "We share your usage data with advertising partners such as Google, Meta and TikTok.",
        "TikTok",
    ),
    "processor swapped": (
        "We use Acoustic to email receipts and store records of your donations.",
        "We use Braze to email receipts and store records of your donations.",
        "changed: 'Acoustic' -> 'Braze'",
    ),
    "data item added to a list": (
        "We process your name, e-mail address, date of birth, etc.",
        "We process your name, e-mail address, date of birth, phone number, etc.",
        "list item added: 'phone number'",
    ),
    "right removed": (
        "You may object to marketing at any time. You can ask us to delete your data.",
        "You may object to marketing at any time.",
        "right removed: deletion",
    ),
    "purpose in plain words": (
        "We keep your support messages.",
        "We keep your support messages. We use your voice recordings to train our speech models.",
        "use: sentence added",
    ),
    "a purpose added in plain words inside a sentence": (
        "We use your messages to provide and improve the Service.",
        "We use your messages to provide and improve the Service and to train generative models.",
        "practice widened: 'and to train generative models'",
    ),
    "a word negated by its prefix": (
        "We store your medical records in encrypted form.",
        "We store your medical records in unencrypted form.",
        "security: removed practice 'encrypted'",
    ),
    "one country for another": (
        "Your personal data is stored on servers in India.",
        "Your personal data is stored on servers in China.",
        "place: 'India' -> 'China'",
    ),
    "consent asked after instead of before": (
        "We ask for your consent before sharing your health data.",
        "We ask for your consent after sharing your health data.",
        "timing: 'before' -> 'after'",
    ),
    "a purpose swapped for advertising": (
        "We use your data to provide care.",
        "We use your data to provide advertising.",
        "new purpose 'advertising'",
    ),
    "a qualifier swapped where others stay": (
        "We may share aggregated or de-identified information, and this anonymous data may "
        "include device identifiers.",
        "We may share aggregated or de-identified information, and this identifiable data may "
        "include device identifiers.",
        "identifiability: 'anonymous' -> 'identifiable'",
    ),
    "a specific recipient for a broad one": (
        "We combine it with information we obtain from third parties.",
        "We combine it with information we obtain from advertisers.",
        "new recipient 'advertisers'",
    ),
    "a security promise dropped": (
        "We take reasonable steps to protect your personal information.",
        "We take reasonable steps to use your personal information.",
        "security: removed practice 'protect'",
    ),
    "notice of changes dropped": (
        "We may change this policy at any time with prior notice to you.",
        "We may change this policy at any time without prior notice to you.",
        "limit added: 'without'",
    ),
    "an age limit in other units": (
        "We do not collect information from those under 18 (eighteen) years of age.",
        "We do not collect information from those under 18 (eighteen) months of age.",
        "children: under 18 -> under 18 months",
    ),
    "retention period in a new sentence": (
        "We keep your search history.",
        "We keep your search history. Search queries are deleted after 90 days.",
        "period added: '90 days'",
    ),
}


def test_people_and_titles_are_not_new_organisations():
    before = "Grievance Officer: Ms. Priya Kapoor, under the Information Technology Act."
    after = "Grievance Officer: Ms. Anita Rao, under the Digital Personal Data Protection Act."
    reasons = [r for c in judged(before, after) for r in c.judgement.reasons]
    parties = [r for r in reasons if "organisation" in r or "recipient" in r or "party" in r]
    assert not parties, parties


GERMAN = """# Datenschutzerklärung

## Ihre Daten

Wir speichern Ihre Telefonnummer und Ihre Kontakte, um den Dienst bereitzustellen.

{clause}
"""


def test_german_nouns_are_not_organisations():
    """German capitalises every noun: "Einstellungen" (settings) is no new recipient."""
    old = GERMAN.format(clause="Sie können Ihr Konto jederzeit löschen.")
    new = GERMAN.format(clause="Sie können Ihr Konto jederzeit in den Einstellungen löschen.")
    changes = markdown_pair(old, new)
    assert changes and all(c.judgement.materiality != "material" for c in changes)


def test_a_german_sentence_passing_data_to_a_named_party_is_material():
    old = GERMAN.format(clause="Sie können Ihr Konto jederzeit löschen.")
    new = GERMAN.format(
        clause="Sie können Ihr Konto jederzeit löschen. Wir geben Ihre Daten an Google Analytics"
        " weiter."
    )
    changes = markdown_pair(old, new)
    reasons = [
        r for c in changes if c.judgement.materiality == "material" for r in c.judgement.reasons
    ]
    assert any("Google Analytics" in r for r in reasons), reasons


def test_the_policys_own_products_are_not_new_parties():
    """A name that starts with the policy's own ("Acme Rewind") is one of its products."""
    own = "\n\n".join(f"Acme keeps record {n} of your visits." for n in range(8))
    old = BASE.format(clause=f"{own}\n\nWe keep your listening history to make Acme Wrapped.")
    new = BASE.format(clause=f"{own}\n\nWe keep your listening history to make Acme Rewind.")
    changes = markdown_pair(old, new)
    assert changes and all(c.judgement.materiality != "material" for c in changes)


def test_a_name_that_grew_is_a_rename():
    before = "| OVH | Hosting | France |"
    after = "| OVHcloud | Hosting | France |"
    materiality, reasons = strongest(before, after)
    assert materiality != "material", reasons


def test_a_new_item_in_a_list_of_purposes_is_material_without_a_subject():
    """Under "What does Acme use your data for?", "Communicate X to you" is a purpose."""
    head = "# Privacy\n\n## What does Acme use your personal data for?\n\n"
    old = head + "- Provide the Service to you.\n- Answer your support requests.\n"
    new = old + "- Communicate information from public authorities to you in the Service.\n"
    changes = markdown_pair(old, new)
    assert [c.judgement.materiality for c in changes if c.change.op == "added"] == ["material"]


def test_a_removed_and_an_added_clause_that_restate_each_other_are_one_change():
    """The same sentence about another party, too reworded for the alignment to pair: one
    modified change with its word highlights, and the swap of parties as its reason."""
    old = "Our e-mail provider SalesForce Marketing Cloud receives your donation records."
    new = "Your donation records go to Acoustic Inc., our e-mail provider."
    rows = [
        Change("removed", old, None, "Vendors", 3, None, (), "sentence"),
        Change("added", None, new, "Vendors", None, 3, (), "sentence"),
    ]
    (merged,) = _restated([JudgedChange(c, judge(c)) for c in rows])
    assert merged.change.op == "modified" and merged.change.highlights
    assert merged.judgement.materiality == "material"
    assert any("Acoustic" in r and "SalesForce" in r for r in merged.judgement.reasons)


GERMAN_MATERIAL = {
    "a retention period": (
        "Wir speichern Ihre Daten für 3 Jahre.",
        "Wir speichern Ihre Daten für 10 Jahre.",
        "retention: 3 jahre -> 10 jahre",
    ),
    "a country": (
        "Ihre Daten werden in Deutschland gespeichert.",
        "Ihre Daten werden in den USA gespeichert.",
        "place: 'Deutschland' -> 'USA'",
    ),
    "a kind of data": (
        "Wir erheben Ihre E-Mail-Adresse.",
        "Wir erheben Ihren Standort.",
        "new data type 'standort'",
    ),
    "consent dropped": (
        "Wir teilen Ihre Daten mit Ihrer Einwilligung.",
        "Wir teilen Ihre Daten ohne Ihre Einwilligung.",
        "limit added: 'ohne'",
    ),
    "a period in words": (
        "Rechnungsdaten bewahren wir zehn Jahre auf.",
        "Rechnungsdaten bewahren wir fünf Jahre auf.",
        "retention: 10 jahre -> 5 jahre",
    ),
    "a word for its negation": (
        "Wir übertragen Ihre Daten verschlüsselt.",
        "Wir übertragen Ihre Daten unverschlüsselt.",
        "negation: 'verschlüsselt' -> 'unverschlüsselt'",
    ),
    "a processor named with a dotted legal form": (
        "Zahlungen wickeln wir über die Stripe Payments Europe Ltd. ab.",
        "Zahlungen wickeln wir über die Adyen N.V. ab.",
        "'Stripe Payments Europe Ltd' -> 'Adyen N.V'",
    ),
    "data in a compound noun": (
        "Wir verwenden Ihre Daten nicht für Werbung.",
        "Wir verwenden Ihre Daten nicht für Werbung. Wir nutzen Ihre Chatverläufe, um unsere "
        "KI-Modelle zu trainieren.",
        "sentence added",
    ),
}

GERMAN_QUIET = {
    "one verb of keeping for another": (
        "Wir speichern Ihre Daten, solange Ihr Konto besteht.",
        "Wir bewahren Ihre Daten auf, solange Ihr Konto besteht.",
    ),
    "a right said in another word order": (
        "Sie können Ihre Einwilligung jederzeit widerrufen.",
        "Ihre Einwilligung können Sie jederzeit widerrufen.",
    ),
    "one exception for another": (
        "Wir geben Ihre Daten nicht weiter, es sei denn, dies ist erforderlich.",
        "Wir geben Ihre Daten nicht weiter, außer wenn dies erforderlich ist.",
    ),
    "a number in words or digits": (
        "Rechnungsdaten bewahren wir zehn Jahre auf.",
        "Rechnungsdaten bewahren wir 10 Jahre auf.",
    ),
}


@pytest.mark.parametrize("kind", GERMAN_QUIET)
def test_the_german_edit_raises_no_material_alarm(kind):
    before, after = GERMAN_QUIET[kind]
    changes = markdown_pair(GERMAN.format(clause=before), GERMAN.format(clause=after))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_staff_bound_to_secrecy_is_a_promise_about_data():
    old = "Wir speichern Ihre Daten. Unsere Mitarbeiter sind zur Vertraulichkeit verpflichtet."
    changes = markdown_pair(
        GERMAN.format(clause=old), GERMAN.format(clause="Wir speichern Ihre Daten.")
    )
    assert any("security" in r for r in material_reasons(changes)), material_reasons(changes)


PARTY_SLOTS = {
    "data shared with it": "We share your e-mail address with Brightwave for marketing.",
    "listed after a role": "Our payment providers include Stripe, Braintree and PayPal.",
    "named by its role": "We send your order to the company Nordfrakt to deliver it.",
    "used by the company": "We use Mailvista to send you receipts.",
    "acting on the data": "For receipts, Mailvista processes your e-mail address.",
    "people turn to it": "If a complaint cannot be resolved, you may contact VeraSafe.",
    "a legal form": "Your account is hosted by our parent, Nordfrakt Holding AB.",
    "a role with its name": "Donations are handled by a third party called Fundraise Up.",
}


def test_a_french_host_where_the_data_sits_is_a_new_party():
    base = "# Politique de confidentialité\n\nNous collectons votre nom.\n\n{}\n"
    old = "Vos données de santé sont hébergées en France."
    new = "Vos données de santé sont hébergées en France chez Scaleway, hébergeur certifié HDS."
    reasons = material_reasons(markdown_pair(base.format(old), base.format(new)))
    assert any("Scaleway" in r for r in reasons), reasons
    assert not any("'HDS'" in r for r in reasons), reasons


@pytest.mark.parametrize("slot", PARTY_SLOTS)
def test_a_name_where_a_party_stands_is_a_new_party(slot):
    added = PARTY_SLOTS[slot]
    reasons = material_reasons(
        judged("We keep your support messages.", f"We keep your support messages. {added}")
    )
    assert any("recipient" in r or "organisation" in r for r in reasons), reasons


MATERIAL_IN = {
    **{kind: (BASE, *case) for kind, case in MATERIAL.items()},
    **{f"German: {kind}": (GERMAN, *case) for kind, case in GERMAN_MATERIAL.items()},
}


@pytest.mark.parametrize("kind", MATERIAL_IN)
def test_the_kind_is_material_with_a_reason_naming_what_changed(kind):
    policy, before, after, reason = MATERIAL_IN[kind]
    reasons = material_reasons_in(policy, before, after)
    assert any(reason in r for r in reasons), reasons


def test_writing_to_the_reader_about_the_policy_shares_nothing():
    base = "# Politique de confidentialité\n\nNous collectons votre nom.\n\n{}\n"
    added = "Nous pouvons communiquer par mail afin de vous rappeler le contenu de cette politique."
    changes = markdown_pair(base.format("Fin."), base.format(f"Fin.\n\n{added}"))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_a_right_removed_from_a_french_paragraph_is_material():
    base = "# Politique de confidentialité\n\nNous collectons votre nom.\n\n## Vos droits\n\n{}\n"
    old = "Vous pouvez accéder à vos données. Vous pouvez demander leur suppression. Écrivez-nous."
    new = "Vous pouvez accéder à vos données. Écrivez-nous."
    changes = markdown_pair(base.format(old), base.format(new))
    reasons = [
        r for c in changes if c.judgement.materiality == "material" for r in c.judgement.reasons
    ]
    assert any("right removed: deletion" in r for r in reasons), reasons


def test_a_country_in_a_company_name_is_the_company_not_a_place():
    before = "Receipts are handled by our processor Storebox ApS."
    after = "Receipts are handled by our processor NETS Denmark A/S."
    reasons = material_reasons(judged(before, after))
    assert any("NETS Denmark A/S" in r for r in reasons), reasons
    assert not any(r.startswith("place") for r in reasons), reasons


def test_a_sentence_added_to_a_list_item_that_the_policy_says_elsewhere_is_a_rewording():
    summary = "We share your order details with our delivery partners to bring you your parcel."
    policy = BASE.format(clause="## Sharing\n\n{sharing}\n\n## In short\n\n- Orders: {item}")
    old = policy.format(sharing=summary, item="we keep your orders for a year.")
    new = policy.format(sharing=summary, item=f"we keep your orders for a year. {summary}")
    changes = markdown_pair(old, new)
    assert changes and not material_reasons(changes), material_reasons(changes)
    assert any("said elsewhere" in r for c in changes for r in c.judgement.reasons)


def test_a_heading_that_turns_its_practice_around_is_material():
    old = "# Privacy\n\n## How we share your data\n\nWe work with partners.\n"
    new = "# Privacy\n\n## How we sell your data\n\nWe work with partners.\n"
    reasons = material_reasons(markdown_pair(old, new))
    assert any("'share' -> 'sell'" in r for r in reasons), reasons


def test_a_prefix_for_its_opposite_is_no_spelling_fix():
    old = "Ces projets nécessitent votre consentement explicite."
    new = "Ces projets nécessitent votre consentement implicite."
    reasons = material_reasons(markdown_pair(FRENCH.format(old), FRENCH.format(new)))
    assert any("consent" in r for r in reasons), reasons


FRENCH = "# Politique de confidentialité\n\nNous collectons votre nom.\n\n{}\n"


def test_a_french_sentence_about_data_named_by_a_pronoun_states_a_practice():
    old = "Vos données sont hébergées en France. Elles ne sont pas transférées hors de l'UE."
    new = "Vos données sont hébergées en France. Elles peuvent être transférées aux États-Unis."
    reasons = material_reasons(markdown_pair(FRENCH.format(old), FRENCH.format(new)))
    assert reasons, reasons


def test_one_french_verb_of_sharing_for_another_is_no_alarm():
    old = "Vos données sont transmises à nos prestataires logistiques."
    new = "Vos données sont communiquées à nos prestataires logistiques."
    changes = markdown_pair(FRENCH.format(old), FRENCH.format(new))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_an_item_naming_recipients_by_kind_under_a_sharing_heading_is_material():
    base = "# Privacy Policy\n\nWe collect your name.\n\n## Who we share data with\n\n"
    base += "- our bank\n{}"
    changes = markdown_pair(base.format(""), base.format("- market research agencies\n"))
    reasons = material_reasons(changes)
    assert any("sharing: recipient added: 'market research agencies'" in r for r in reasons)


def test_a_country_added_under_a_transfers_heading_is_material():
    base = "# Privacy Policy\n\nWe collect your name.\n\n## International transfers\n\n{}\n"
    old = "Our support team works from Canada."
    new = old.replace("Canada", "Canada and Brazil")
    changes = markdown_pair(base.format(old), base.format(new))
    assert any("Brazil" in r for r in material_reasons(changes)), material_reasons(changes)


PARAGRAPH = "# Privacy Policy\n\n## What we collect\n\n{}\n\n## Contact\n\nWrite to us.\n"


def test_a_sentence_split_in_two_with_its_data_moving_across_stays_quiet():
    old = (
        "When you shop, we collect your order history, your device type, your IP address and "
        "a location derived from your IP address."
    )
    new = (
        "We collect information about your shopping: your order history. We also collect "
        "your device type and your IP address, and a location derived from it."
    )
    changes = markdown_pair(PARAGRAPH.format(old), PARAGRAPH.format(new))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_a_sentence_made_a_list_stays_quiet():
    old = "We use your data to deliver orders, to answer questions and to prevent fraud."
    new = (
        "We use your data for these purposes:\n\n- delivering orders;\n- answering questions;"
        " and\n- preventing fraud."
    )
    changes = markdown_pair(PARAGRAPH.format(old), PARAGRAPH.format(new))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_a_sentence_split_in_two_that_adds_data_is_material():
    old = "When you shop, we collect your order history, your device type and your IP address."
    new = (
        "When you shop, we collect your order history. We also collect your device type, "
        "your IP address and your precise location."
    )
    changes = markdown_pair(PARAGRAPH.format(old), PARAGRAPH.format(new))
    assert any("location" in r for r in material_reasons(changes)), material_reasons(changes)
