"""Kinds met reading real policy histories of services outside real-dev (Open Terms Archive
versions of Academia.edu, Bluesky, Twitch, WhatsApp and 500px, read in the stored index):
each is written anew here as a small policy, and each failed before its rule."""

from __future__ import annotations

import pytest

from tests.test_judge_kinds import BASE, markdown_pair, material_reasons, material_reasons_in

LIST = "# Privacy policy\n\n{clause}\n\n## Your rights\n\nYou can ask us for a copy of your data.\n"
TABLE = (
    "# Privacy policy\n\n## California residents\n\n"
    "| Category of personal information we collect | Recipients |\n| --- | --- |\n{clause}\n\n"
    "## Your rights\n\nYou can ask us for a copy of your data.\n"
)

MATERIAL = {
    "a kind of data added under a list's opening that says it is collected": (
        LIST,
        "We collect the following data:\n\n- your name;\n- your email address.",
        "We collect the following data:\n\n- your name;\n- your birthday;\n- your email address.",
        "collection: data added: 'your birthday;'",
    ),
    "a purpose added under a list's opening that says data is used for it": (
        LIST,
        "We use your data to:\n\n- provide the service;\n- answer support requests.",
        "We use your data to:\n\n- provide the service;\n- issue payments to course creators;\n"
        "- answer support requests.",
        "use: purpose added: 'issue payments to course creators;'",
    ),
    "data added as a line a typed bullet opens, under a heading about collection": (
        "# Politique de confidentialité\n\n## Quelles données collectons-nous ?\n\n{clause}\n",
        "• Données d'identification : prénom, nom.",
        "• Données d'identification : prénom, nom.\n\n• Données financières : numéro de carte "
        "de crédit, achats effectués chez nous.",
        "collection: data added",
    ),
    "a purpose added under a list's opening that names its legal basis": (
        "# Politique de confidentialité\n\n{clause}\n",
        "Sur la base de l'exécution d'un contrat :\n\n- gérer votre compte ;\n- gérer vos "
        "commandes.",
        "Sur la base de l'exécution d'un contrat :\n\n- gérer votre compte ;\n- gérer les "
        "impayés ;\n- gérer vos commandes.",
        "use: purpose added: 'gérer les impayés ;'",
    ),
    "a recipient added under a list's opening that says data is shared": (
        LIST,
        "We share your data with:\n\n- our payment provider;\n- our hosting provider.",
        "We share your data with:\n\n- our payment provider;\n- insurers;\n- our hosting provider.",
        "sharing: list item added: 'insurers;'",
    ),
    "kinds of data added in a table cell that holds sentences, under a collecting header": (
        TABLE,
        "| Identifiers.<br><br>A real name, alias, email address, or other ids. | Vendors |",
        "| Identifiers.<br><br>A real name, voice, signature, photograph, alias, email address, "
        "or other ids. | Vendors |",
        "voice, signature, photograph",
    ),
    "a recipient added as a bullet of a table cell": (
        TABLE,
        "| Identifiers. | * Advertising networks * Data analytics providers * Service providers |",
        "| Identifiers. | * Advertising networks * Data analytics providers * Service providers "
        "* Other users |",
        "list item added: 'Other users'",
    ),
    "a release of data to authorities taken out": (
        BASE,
        "We show public information to other users and may release other information to "
        "authorities where required by law.",
        "We show public information to other users.",
        "sharing: removed practice 'release other information to'",
    ),
    "a pointer that names a party and a choice": (
        BASE,
        "",
        "Learn more about how Google uses your personal information, or opt out of Google "
        "Analytics.",
        "choice: new right 'opt out'",
    ),
    "data exchanged with others": (
        BASE,
        "",
        "Your purchase history is exchanged with the other companies of the alliance.",
        "sharing: sentence added",
    ),
    "staff reading direct messages, no longer said": (
        BASE,
        "DMs may be accessed by moderators when reported in-app.",
        "",
        "sharing: sentence removed",
    ),
    "the company users in a region contract with, gone": (
        BASE,
        "If you are a user from Hong Kong, you are contracting with Acme Hong Kong Limited.",
        "",
        "party: removed organisation 'Acme Hong Kong Limited'",
    ),
    "data joined to what a right to delete covers": (
        BASE,
        "You can delete your account in your account settings.",
        "You can delete your account and all personal data associated with it in your "
        "account settings.",
        "right widened: deletion: 'and all personal data associated with it'",
    ),
    "kinds of data taken out of what a right of access covers, in French": (
        "# Politique de confidentialité\n\nNous collectons votre nom.\n\n{clause}\n",
        "Vous pouvez accéder à vos commandes et à vos messages échangés avec les vendeurs.",
        "Vous pouvez accéder à vos commandes.",
        "right narrowed: access",
    ),
    "a representative named after a label, gone": (
        BASE,
        "UK GDPR Representative: Prighter Group",
        "",
        "party: removed organisation 'Prighter Group'",
    ),
    "a right to complain given to the readers of one country, gone": (
        BASE,
        "Individuals in the UK can lodge a complaint with the Information Commissioner's "
        "Office (ICO).",
        "",
        "right removed: complaint",
    ),
    "the company that represents the policy's author in a region, gone": (
        BASE,
        "We are represented in Europe by Acme Software Europe Ltd (based in the UK).",
        "",
        "party: removed organisation 'Acme Software Europe Ltd'",
    ),
    "data added under a list's opening that says the data is processed": (
        LIST,
        "We process the following personal data:\n\n- First name;\n- Country.",
        "We process the following personal data:\n\n- First name;\n- Domicile address;\n- Country.",
        "use: data added: 'Domicile address;'",
    ),
}


@pytest.mark.parametrize("kind", MATERIAL)
def test_the_kind_is_material_with_a_reason_naming_what_changed(kind):
    policy, before, after, reason = MATERIAL[kind]
    reasons = material_reasons_in(policy, before, after)
    assert any(reason in r for r in reasons), reasons


QUIET = {
    "a law whose name holds data words": (
        BASE,
        "",
        "Visit our Korea page to read additional disclosures required under the Personal "
        "Information Protection Act.",
    ),
    "a notice called a disclosure": (
        BASE,
        "Residents of Nevada: see below.",
        "Residents of Nevada: this disclosure is required by Nevada law; see below.",
    ),
    "a notice named Disclosures": (
        BASE,
        "",
        "These U.S. State Privacy Disclosures supplement the information in the Policy.",
    ),
    "the policy's log of its own edits, taken out": (
        BASE,
        "We've added information about our calling features, which you can access through "
        "your camera.",
        "",
    ),
    "a pointer elsewhere taken out": (
        BASE,
        "Learn more <https://example.com/legal> about these legal bases and how they relate to "
        "the ways in which we process data.",
        "",
    ),
    "'whether ... or not' taken out with the words around it": (
        BASE,
        "Device information that we collect whether you have an account or not: We collect "
        "information about your devices.",
        "Device information: We collect information about your devices.",
    ),
    "the reader's wish, said as a condition or as a choice": (
        BASE,
        "If you do not want to see interest-based ads, please adjust your ad preferences.",
        "You may adjust your personalized ad preferences in Your Ads Privacy Choices.",
    ),
    "suppliers called service providers": (
        BASE,
        "We share your data with our suppliers who host our servers.",
        "We share your data with our service providers who host our servers.",
    ),
    "geolocation called location": (
        BASE,
        "We may share general demographics and geolocation in de-identified form.",
        "We may share general demographics and location in de-identified form.",
    ),
    "a data protection representative is no protection": (
        BASE,
        "",
        "Individuals may contact our data protection representatives according to Article 27 GDPR:",
    ),
    "the data a right covers said another way": (
        BASE,
        "You can delete your account and your personal data in your settings.",
        "You can delete your account and information about you in your settings.",
    ),
    "a way to unsubscribe taken out of a right the sentence keeps": (
        BASE,
        "You can unsubscribe via the link in each message, or by updating your email "
        "preferences in your account.",
        "You can unsubscribe via the link in each message.",
    ),
    "one data protection officer become several": (
        BASE,
        "Contacting our DPO and EEA Representative.",
        "Contact our DPOs and EEA Representative.",
    ),
    "advertising by interests under another name": (
        BASE,
        "You may opt out of the interest-based advertising of companies in the program.",
        "You may opt out of the targeted advertising of companies in the program.",
    ),
    "a computer several people use": (
        BASE,
        "Remember to log out of your account on a public computer.",
        "Remember to log out of your account on a shared computer.",
    ),
    "an address a link wrote to, written out": (
        BASE,
        "[Contact us](mailto:dpo@acme.com).",
        "By email: dpo@acme.com",
    ),
    "a way in called secure": (
        BASE,
        "",
        "Please log in to your secure account to get what you need.",
    ),
}


@pytest.mark.parametrize("kind", QUIET)
def test_the_edit_raises_no_material_alarm(kind):
    policy, before, after = QUIET[kind]
    changes = markdown_pair(policy.format(clause=before), policy.format(clause=after))
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_the_legal_form_of_a_party_the_clause_names_is_no_new_party():
    before = "Please contact Acme UK with any questions at 1 New Oxford Street, London."
    after = "Please contact Acme UK with any questions at Acme UK Limited, 1 New Oxford Street."
    changes = markdown_pair(BASE.format(clause=before), BASE.format(clause=after))
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert changes and not [r for r in reasons if "new organisation" in r], reasons


@pytest.mark.parametrize(
    "banner",
    [
        "This site uses cookies. By continuing to browse the Acme website, you accept the use "
        "of cookies by us and our partners.",
        "Ok",
    ],
)
def test_a_cookie_banner_that_takes_browsing_as_consent_shows_no_change(banner):
    policy = "# Privacy policy\n\nWe collect your name.\n\n{clause}\n"
    changes = markdown_pair(policy.format(clause=""), policy.format(clause=banner))
    assert not changes, [(c.change.after, c.judgement.reasons) for c in changes]


@pytest.mark.parametrize(
    ("language", "policy", "before", "after"),
    [
        (
            "fr",
            "# Politique de confidentialité\n\n{clause}\n",
            "Si vous ne souhaitez pas recevoir nos lettres, modifiez vos préférences.",
            "Vous pouvez modifier vos préférences de lettres dans vos paramètres.",
        ),
        (
            "de",
            "# Datenschutzerklärung\n\n{clause}\n",
            "Wenn Sie keine Newsletter erhalten möchten, ändern Sie Ihre Einstellungen.",
            "Sie können Ihre Newsletter-Einstellungen in den Einstellungen ändern.",
        ),
    ],
)
def test_the_readers_wish_is_no_negation_in_french_and_german(language, policy, before, after):
    changes = markdown_pair(policy.format(clause=before), policy.format(clause=after))
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert changes and not [r for r in reasons if r.startswith("negation")], reasons


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("# Privacy policy\n\nAcme Privacy Policy\n\n{rest}", "# Privacy policy\n\n{rest}"),
        (
            "# Privacy policy\n\nEffective starting May 25, 2018\n\n{rest}",
            "# Privacy policy\n\n{rest}",
        ),
        (
            "# Privacy policy\n\n## What this policy covers\n\n{rest}",
            "# Privacy policy\n\n## Acme Privacy Policy What this policy covers\n\n{rest}",
        ),
        ("# Privacy policy\n\n{rest}", "# Privacy policy\n\n{rest}\n\nPowered by Translate"),
        (
            "# Privacy policy\n\n{rest}",
            "# Privacy policy\n\n{rest}\n\nSelect LanguageAfrikaansAlbanianArabicChinese "
            "(Simplified)Chinese (Traditional)DanishDutch",
        ),
        (
            "# Privacy policy\n\n{rest}\n\nMain menu\n\n7883083686883300480",
            "# Privacy policy\n\n{rest}\n\nMain menu\n\n7896500607127094233",
        ),
        (
            "# Privacy policy\n\n{rest}\n\nRelated articles\n\n* Privacy Policy\n"
            "* Cookies & Tracking Technologies\n* Unavailable Items With No Photos\n"
            "* Tips for Buying Safely on Acme\n* Community Guidelines",
            "# Privacy policy\n\n{rest}",
        ),
    ],
    ids=[
        "title with the name",
        "effective starting",
        "title run into a heading",
        "credit",
        "menu",
        "render number",
        "related articles",
    ],
)
def test_what_a_capture_shows_around_the_policy_weighs_nothing(old, new):
    rest = "We collect your name and e-mail address when you create an account."
    changes = markdown_pair(old.format(rest=rest), new.format(rest=rest))
    assert all(c.judgement.materiality == "cosmetic" for c in changes), [
        (c.change.op, c.judgement.reasons) for c in changes
    ]


def test_a_sales_inquiry_is_no_right_of_access():
    before = "If you create an account, you may receive commercial emails from us."
    after = (
        "If you create an account or request information about Acme's services, you may "
        "receive commercial emails from us."
    )
    reasons = material_reasons_in(BASE, before, after)
    assert reasons and not [r for r in reasons if r.startswith("right")], reasons


def test_a_processor_with_a_section_of_its_own_dropped_from_a_list_is_a_party_gone():
    section = "\n\n".join(
        f"AB Tasty {n} is a tool we run on page {n}." for n in range(1, 8)
    )  # the name in many clauses: common in the old version, absent from the new one
    before = f"# Privacy policy\n\n## AB Tasty\n\n{section}\n\n## Your choices\n\n"
    before += "We share usage statistics with Nielsen, Comscore and AB Tasty."
    after = "# Privacy policy\n\n## Your choices\n\n"
    after += "We share usage statistics with Nielsen and Comscore."
    changes = markdown_pair(before, after)
    listed = [c for c in changes if c.change.op == "modified"]
    assert listed and "removed recipient 'AB Tasty'" in " ".join(listed[0].judgement.reasons)


def test_a_german_sentence_naming_the_company_of_a_service_used_is_a_party_removed():
    policy = "# Datenschutzerklärung\n\nWir speichern Ihre Daten.\n\n{clause}\n"
    before = "Wir nutzen den Dienst Tastix des Unternehmens Tastix GmbH."
    reasons = material_reasons_in(policy, before, "")
    assert any("removed organisation" in r and "Tastix GmbH" in r for r in reasons), reasons


def test_the_companys_right_to_change_its_policy_is_no_right_of_the_reader_nor_a_notice():
    before = (
        "We reserve the right to update or modify this Privacy Policy at any time and from "
        "time to time without prior notice."
    )
    after = "We will update this Privacy Policy from time to time."
    changes = markdown_pair(BASE.format(clause=before), BASE.format(clause=after))
    reasons = [r for c in changes for r in c.judgement.reasons]
    wrong = [r for r in reasons if r.startswith("right") or "notice removed" in r]
    assert changes and not wrong, reasons


def test_a_german_sentence_naming_the_company_a_service_comes_from_is_a_new_party():
    policy = "# Datenschutzerklärung\n\nWir speichern Ihre Daten.\n\n{clause}\n"
    after = "Wir nutzen den Dienst der Firma Qvest, um Live-Statistiken bereitzustellen."
    reasons = material_reasons_in(policy, "", after)
    assert any("new organisation" in r and "Qvest" in r for r in reasons), reasons


def test_a_table_of_contents_of_linked_lines_that_repeat_headings_weighs_nothing():
    sections = (
        "**A. COLLECTION OF INFORMATION**\n\nWe collect your name.\n\n"
        "**B. DISCLOSURE OR SHARING OF PERSONAL INFORMATION**\n\nWe share your name with our bank."
    )
    contents = (
        "[A. COLLECTION OF INFORMATION.](https://acme.example/privacy#AA)\n\n"
        "[B. DISCLOSURE OR SHARING OF PERSONAL INFORMATION.](https://acme.example/privacy#BB)"
    )
    before = f"# Privacy policy\n\n{sections}\n"
    after = f"# Privacy policy\n\n{contents}\n\n{sections}\n"
    changes = markdown_pair(before, after)
    assert all(c.judgement.materiality == "cosmetic" for c in changes), [
        (c.change.after, c.judgement.reasons) for c in changes
    ]


def test_a_word_inside_a_company_name_is_no_practice_of_its_own():
    clause = "If you live in China, the Acme entity you contract with is Acme Advertising Co., Ltd."
    reasons = material_reasons_in(BASE, clause, "")
    assert reasons and not [r for r in reasons if "advertising'" in r.casefold()], reasons


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("California Residents.", "U.S. State Residents (as allowed under applicable laws)."),
        ("", "Analytics Intended to help us understand how visitors use the Service."),
    ],
    ids=["the people a section speaks to", "a table's label run into its cell's verb"],
)
def test_words_that_name_no_company_are_no_recipient(before, after):
    policy = (
        "# Privacy policy\n\n## Who we share your data with\n\n"
        "We share your data with our payment provider.\n\n{clause}\n"
    )
    changes = markdown_pair(policy.format(clause=before), policy.format(clause=after))
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert changes and not [r for r in reasons if "recipient" in r], reasons


def test_the_policys_word_for_its_own_site_is_no_organisation():
    clause = (
        "Messaging: If you exchange messages with others through the Site, we may store these "
        "messages in order to deliver them."
    )
    reasons = material_reasons_in(BASE, clause, "")
    assert reasons and not [r for r in reasons if "'Site'" in r], reasons


def test_an_address_in_angle_brackets_is_read_and_its_change_found():
    changes = markdown_pair(
        BASE.format(clause="Write to our DPO at <dpo@acme.com>."),
        BASE.format(clause="Write to our DPO at <privacy@acme.com>."),
    )
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert "contact: new email 'privacy@acme.com'" in reasons, reasons


def test_a_topic_of_data_protection_is_no_promise_of_protection():
    clause = "Swiss representative for data protection questions:"
    changes = markdown_pair(BASE.format(clause=""), BASE.format(clause=clause))
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert changes and not [r for r in reasons if r.startswith("security")], reasons


def test_the_name_of_the_readers_rights_is_no_promise_of_protection():
    before = "You can contact our data protection officer at privacy@acme.com."
    after = (
        "To contact our data protection officer, or to exercise your data protection and "
        "privacy rights, email privacy@acme.com."
    )
    changes = markdown_pair(BASE.format(clause=before), BASE.format(clause=after))
    reasons = [r for c in changes for r in c.judgement.reasons]
    assert changes and not [r for r in reasons if r.startswith("security")], reasons
