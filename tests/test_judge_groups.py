"""Kinds found with the payments-app and dating-app probes: two companies of one group are two
parties, a condition joined to a disclosure widens it, a decision's review is a right, a list
grows or loses an item however the word diff aligned it, private becomes public, a transfer
safeguard goes; and the ways of writing one thing that must stay quiet (a state's name for its
code, "13-17" for "13 to 17", "you have the right to access" for "you can access")."""

from __future__ import annotations

import pytest

from diffs import compare, normalize

POLICY = """# Privacy notice

{clause}

## Your rights

You can ask us for a copy of your personal data. Contact privacy@example.com for any request.
"""


def verdicts(before: str, after: str) -> list[tuple[str, tuple[str, ...]]]:
    md = "text/markdown"
    old, new = (normalize(POLICY.format(clause=c), content_type=md) for c in (before, after))
    changes = compare(old, new)
    assert changes, "the edit shows no change"
    return [(c.judgement.materiality, c.judgement.reasons) for c in changes]


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        (
            "Orbit Social Ireland Limited is the controller of your personal data.",
            "Orbit Social, Inc. is the controller of your personal data.",
            "changed",
        ),
        (
            "Ledgerly UK Ltd is the controller of your personal data.",
            "Ledgerly Europe Ltd is the controller of your personal data.",
            "changed",
        ),
        (
            "We disclose your data to the police when the law requires us to.",
            "We disclose your data to the police when the law requires us to and when we"
            " believe it helps prevent harm.",
            "condition added",
        ),
        (
            "We use automated systems to approve payments. You can ask a member of our team to"
            " review a decision made by these systems.",
            "We use automated systems to approve payments.",
            "human review",
        ),
        (
            "We collect your profile details, such as your job, your education and your height.",
            "We collect your profile details, such as your job, your education, your height and"
            " your income.",
            "list item added: 'your income'",
        ),
        (
            "Photos and messages you send are encrypted in transit.",
            "Photos you send are encrypted in transit.",
            "list item removed",
        ),
        (
            "Your profile is private by default until you publish it.",
            "Your profile is public by default.",
            "visibility",
        ),
        (
            "We protect transfers of your data with the Standard Contractual Clauses.",
            "We protect transfers of your data with our own contracts.",
            "safeguard changed: standard contractual clauses -> none",
        ),
        (
            "We share information with the police when the law requires it.",
            "We share information with the police when they ask for it.",
            "condition changed",
        ),
        (
            "You can review and change your profile at any time.",
            "You can review your profile at any time.",
            "right removed: correction",
        ),
        (
            "If we make significant changes, we will notify you in the app before they take"
            " effect.",
            "If we make significant changes, we will update the date at the top of this page.",
            "notice removed",
        ),
        (
            "Please contact us to exercise your rights. An authorized agent can submit a request"
            " for you with your signed permission.",
            "Please contact us to exercise your rights.",
            "right removed: agent",
        ),
        (
            "We will keep all user information confidential and use it only as described here.",
            "We will keep all user information public and use it only as described here.",
            "visibility",
        ),
        (
            "The user can access, modify, correct and delete the personal information provided.",
            "The user can access, modify, view and delete the personal information provided.",
            "right removed: correction",
        ),
        (
            "We use Google Analytics to understand how our customers use the site.",
            "We use Hotjar Recordings to understand how our customers use the site.",
            "organisation changed",
        ),
        (
            "We use cookies, pixels and web beacons to measure our campaigns.",
            "We use fingerprinting, pixels and web beacons to measure our campaigns.",
            "fingerprinting",
        ),
        (
            "Write to our privacy team at 12 High Street, Bangalore 560102, India.",
            "Write to our privacy team at 12 High Street, Bangalore 560102, Singapore.",
            "address country changed",
        ),
        (
            "We ban an account after a member of our safety team has reviewed it.",
            "We ban an account automatically after our tools have flagged it.",
            "automated decision",
        ),
        (
            "Seules les personnes âgées d'au moins 18 ans peuvent utiliser PlaceNova.",
            "Seules les personnes âgées d'au moins 16 ans peuvent utiliser PlaceNova.",
            "children: at least 18 -> at least 16",
        ),
        (  # an item says its practice through the sentence opening the list
            "We disclose your data to the authorities only when:\n\n- we receive a valid court"
            " order or subpoena; or\n- we must do so to protect someone's life.",
            "We disclose your data to the authorities only when:\n\n- we receive a court order,"
            " subpoena, or law-enforcement request; or\n- we must do so to protect someone's"
            " life.",
            "list item added",
        ),
        (  # a digest is part of the whole
            "Teachers can review all of their students' conversations with the tutor.",
            "Teachers can review a summary of their students' conversations with the tutor.",
            "scope: 'all' -> 'a summary'",
        ),
        (  # the negation kept for selling, no longer for sharing
            "We do not sell personal data or share it for advertising.",
            "We do not sell personal data, but we may share it for advertising.",
            "negation narrowed: 'share' now allowed",
        ),
        (
            "Our staff cannot read your messages or your notes.",
            "Our staff can read your messages but not your notes.",
            "negation narrowed",
        ),
        (  # a "no" turned into "only" with no exception to restrict it to: a practice begun
            "We do not share your data with advertisers.",
            "We share your data only with advertisers.",
            "negation removed",
        ),
        (  # the same verb ("use") as the clause had, but for an aim the policy never named
            "We use your payment history to detect fraud.",
            "We use your payment history to detect fraud, and use it to set your credit limit.",
            "practice widened",
        ),
        (  # the recipient's side of the flow still says where data goes
            "We use your data to run the service.",
            "We use your data to run the service, and our advertising partners receive it.",
            "sharing",
        ),
        (
            "Votre consentement est la base légale de ce traitement.",
            "Notre intérêt légitime est la base légale de ce traitement.",
            "legal basis: 'consent' -> 'legitimate interest'",
        ),
        (
            "We keep your chat logs for a year.",
            "We keep your chat logs for two years.",
            "retention: 1 year -> 2 years",
        ),
        (  # "an" is the French year, said once
            "Nous conservons vos factures pendant 1 an.",
            "Nous conservons vos factures pendant 13 mois.",
            "retention: 1 an -> 13 mois",
        ),
        (  # a period in another unit that lasts longer is another period
            "We keep your chat logs for one year.",
            "We keep your chat logs for 13 months.",
            "retention",
        ),
        (  # the word diff cuts "non-personal" at its hyphen
            "We share non-personal information with our partners.",
            "We share personal information with our partners.",
            "identifiability: 'non-personal' -> 'none'",
        ),
        (  # a promise to tell people before a practice, taken out of it
            "We will tell you before we share your data with a new partner.",
            "We may share your data with new partners.",
            "notice removed",
        ),
        (  # who may see the data, said of it by a pronoun
            "We encrypt your health records. Only your care team can read them.",
            "We encrypt your health records.",
            "use: sentence removed",
        ),
        (  # a promise about passwords is one about data
            "We keep your account safe. We will never ask for your password.",
            "We keep your account safe.",
            "collection: sentence removed",
        ),
        (  # a role, then "is", then the party that fills it
            "Our processor for card payments is Stripe.",
            "Our processor for card payments is Adyen.",
            "recipient changed: 'Stripe' -> 'Adyen'",
        ),
        (  # the comma the list gained pulls the old purpose along: still one purpose more
            "We use your data to provide the service and to improve our products.",
            "We use your data to provide the service, to improve our products and to train our"
            " machine learning models.",
            "practice widened: 'and to train our machine learning models'",
        ),
        (  # a split entry of a list of sub-processors: its second piece is a new one
            "## Sub-processors\n\nUser.com: for CRM service, customer support and updates.",
            "## Sub-processors\n\nUser.com: for CRM service and updates. Intercom.com: for"
            " CRM service, customer support and updates.",
            "new recipient 'Intercom.com'",
        ),
        (  # the dot of a domain name ends no object of "we use"
            "We use User.com for customer support.",
            "We use User.com and Intercom for customer support.",
            "new organisation 'Intercom'",
        ),
    ],
)
def test_the_change_is_material(before, after, reason):
    found = verdicts(before, after)
    assert any(m == "material" and any(reason in r for r in why) for m, why in found), found


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Write to our privacy team at 500 Howard Street, San Francisco, CA 94105.",
            "Write to our privacy team at 500 Howard Street, San Francisco, California 94105.",
        ),
        (
            "A parent can open an account for a teen aged 13 to 17 and see their payments.",
            "A parent can open an account for a teen aged 13-17 and see their payments.",
        ),
        (
            "You can access, correct and delete your personal data in the app.",
            "You have the right to access, correct and delete your personal data in the app.",
        ),
        (
            "To create a profile you give us your first name and your photos.",
            "When you create a profile, you give us your first name and your photos.",
        ),
        (
            "We keep personal information for as long as we need it for these purposes.",
            "We keep personal information only for as long as we need it for these purposes.",
        ),
        (
            "We encrypt your data in transit and at rest.",
            "We encrypt your data in transit and at rest, using industry-standard encryption.",
        ),
        (
            "Sparkly is only for people aged 18 and over.",
            "You must be 18 or older to use Sparkly.",
        ),
        (
            "We limit access to your data to staff who need it for their jobs.",
            "Only staff who need your data for their jobs can access it.",
        ),
        (
            "Other information: We may also collect your device type.",
            "Other information: The Company may also collect your device type.",
        ),
        (
            "If we make significant changes, we will notify you in the app before they take"
            " effect.",
            "Before significant changes take effect, we will let you know in the app.",
        ),
        (
            "We share aggregated, de-identified data with researchers.",
            "Researchers receive aggregated, de-identified data from us.",
        ),
        (
            "We use cookies to remember your settings.",
            "We use cookies to remember your settings. Cookies are small text files stored on"
            " your device when you visit a website.",
        ),
        (
            "Acme Ltd is the controller of your personal data.",
            "Acme Limited is the controller of your personal data.",
        ),
        (  # the sentence turned around: "keeping" said again as "who also keeps"
            "Your therapist is responsible for your clinical care and for keeping clinical"
            " records as their licensing board requires.",
            "Responsibility for your clinical care lies with your therapist, who also keeps"
            " clinical records as their licensing board requires.",
        ),
        (  # a "no" with its exception said as the restriction it is
            "We do not use or disclose sensitive personal information for purposes other than"
            " those permitted under the CCPA.",
            "We use and disclose sensitive personal information only for purposes that the CCPA"
            " permits.",
        ),
        (  # "never X without Y" is "always Y before X"
            "Aucune commande n'est annulée définitivement sans l'examen d'un membre de notre"
            " équipe.",
            "Un membre de notre équipe examine toujours la commande avant toute annulation"
            " définitive.",
        ),
        (  # a list that states no practice grows by an item: a feature, not data
            "Our app has these features:\n\n- a calendar, a timer or a diary; and\n- reminders.",
            "Our app has these features:\n\n- a calendar, a timer, a diary or a notebook; and"
            "\n- reminders.",
        ),
        (  # one negation said as two: each practice is still not done
            "We do not sell or share your data.",
            "We never sell your data, and we do not share it.",
        ),
        (  # one age bound said two ways, in French and in German
            "PlaceNova est réservé aux personnes âgées de 18 ans ou plus.",
            "Seules les personnes âgées d'au moins 18 ans peuvent utiliser PlaceNova.",
        ),
        (
            "Die App ist nur für Personen ab 16 Jahren oder älter.",
            "Die App ist nur für Personen, die mindestens 16 Jahre alt sind.",
        ),
        (  # "Should a parent contact us" is "if"; "pass it to" is "forward it to"
            "If we receive a request directly from a parent, we will forward it to the School"
            " within 5 business days and will not act on it without the School's instructions.",
            "Should a parent contact us directly with a request, we'll pass it to the School"
            " within five business days, and we won't act on it unless the School instructs us"
            " to.",
        ),
        (
            "Account data | Life of the account plus 12 months",
            "Account data | As long as the account exists, plus twelve months",
        ),
        (  # "ne ... qu'en": the elided "que" restricts as "uniquement" did
            "Nous pouvons vous demander un justificatif d'identité uniquement en cas de doute"
            " raisonnable sur votre identité.",
            "Un justificatif d'identité ne pourra vous être demandé qu'en cas de doute"
            " raisonnable sur votre identité.",
        ),
        (  # a section renumbered is a cross-reference, not a quantity
            "In the last 12 months, we collected the categories described in Section 1:"
            " identifiers, commercial information and internet activity.",
            "In the last 12 months, we collected the categories described in Section A:"
            " identifiers, commercial information and internet activity.",
        ),
        (  # data handed over, told from the side of who receives it
            "We share your data with our hosting provider, which stores it in Ireland.",
            "Our hosting provider stores your data in Ireland on our behalf.",
        ),
        (
            "Your information may be shared with our affiliates for the purposes above.",
            "Our affiliates may receive your information for the purposes above.",
        ),
        (
            "We do not share your personal data with third parties for their marketing.",
            "Third parties do not receive your personal data for their own marketing.",
        ),
        (  # the "no" inside the word, then beside it
            "We may share aggregated, non-identifying information with partners.",
            "We may share aggregated information that does not identify you with partners.",
        ),
        (  # one period in another unit
            "We will answer your request within one month.",
            "We will answer your request within 30 days.",
        ),
        (  # "one another" holds no French year
            "We allow teachers and parents to communicate.",
            "We let teachers and parents communicate with one another.",
        ),
        (  # "a month" is one month
            "We respond to requests within 30 days.",
            "We respond to requests within a month.",
        ),
        (
            "Nous conservons vos factures pendant 2 ans.",
            "Nous conservons vos factures pendant 24 mois.",
        ),
        (  # the data as a whole named on one side only; a condition is no list item
            "Information we collect automatically includes your IP address, browser type and"
            " pages visited.",
            "When you use the site, we automatically collect your IP address, the type of"
            " browser you use and the pages you visit.",
        ),
        (  # the basis named before "is the legal basis" is the same basis
            "We process your data on the basis of your consent.",
            "Your consent is the legal basis on which we process your data.",
        ),
        (  # "strictly necessary" restricts, as "only" does
            "We use cookies that are strictly necessary for the site to work.",
            "The site uses only the cookies it needs to work.",
        ),
        (  # a role word alone, capitalised as a page's name, is no party
            "Our partners are listed on the Partners page of our website.",
            "Our partners are listed on the Vendors page of our website.",
        ),
        (  # the data as a whole named two ways: no kind of data came or went
            "We collect the following categories of personal data when you use the app:",
            "The personal data we collect when you use the app falls into these groups:",
        ),
        (
            "Nous ne collectons pas de données sensibles au sens de l'article 9 du RGPD.",
            "Aucune donnée sensible au sens de l'article 9 du RGPD n'est collectée par nos soins.",
        ),
    ],
)
def test_the_same_thing_written_otherwise_raises_no_alarm(before, after):
    found = verdicts(before, after)
    assert all(m != "material" for m, _ in found), found


def test_writing_to_the_reader_is_no_sharing():
    found = verdicts("We may send you an email to ask you to renew your consent.", "")
    assert not any(r.startswith("sharing") for _, why in found for r in why), found


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("We may license public posts to companies that build AI models.", "sharing"),
        ("Information you provide may be fed into our recommendation systems.", "use"),
        ("We leverage your purchase history to tailor promotions.", "use"),
        ("Your messages are scanned to detect spam.", "use"),
        ("Your feedback helps us improve our models.", "use"),
        ("Employers who pay for your subscription can see your usage reports.", "sharing"),
    ],
)
def test_an_added_sentence_in_other_verbs_states_a_practice(sentence, label):
    found = verdicts("", sentence)
    assert any(m == "material" and why[0].startswith(f"{label}:") for m, why in found), found


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # "records" is a practice word too; the sentence states sharing first
        ("We may share your health records with pharmaceutical companies.", "sharing"),
        # "collectées" only describes the data; what is done to it is keeping
        (
            "Les données sont conservées par notre partenaire pendant un an, puis les données"
            " collectées sont supprimées.",
            "retention",
        ),
        ("Biometric information is not retained beyond the check, and is never used.", "retention"),
        # rights said without their names: a request for information, a format, a stop
        (
            "California residents may request information about our disclosure of personal"
            " information to third parties for their direct marketing purposes.",
            "right added",
        ),
        ("You can receive your data in a structured, machine-readable format.", "right added"),
        ("You can request that we stop using your data.", "right added"),
        ("You can update your email preferences in settings.", "right added: choice"),
        # the data the sentence before named, at work for the company
        ("This also helps us improve our recognition models.", "use"),
    ],
)
def test_an_added_sentence_is_named_by_the_practice_it_states_first(sentence, label):
    found = verdicts("", sentence)
    assert any(m == "material" and why[0].startswith(f"{label}:") for m, why in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "When Acme is used as a trade name, no trademark symbol needs to be added.",
        "Lorsque Acme est utilisé comme nom commercial, le symbole de marque n'est pas requis.",
    ],
)
def test_a_name_of_a_brand_is_no_data(sentence):
    found = verdicts("", sentence)
    assert all(m != "material" for m, _ in found), found


POLICIES = {
    "fr": "# Politique de confidentialité\n\n{clause}\n\n## Vos droits\n\nVous pouvez nous"
    " demander une copie de vos données personnelles. Écrivez à privacy@example.com.\n",
    "de": "# Datenschutzerklärung\n\n{clause}\n\n## Ihre Rechte\n\nSie können eine Kopie Ihrer"
    " personenbezogenen Daten verlangen. Schreiben Sie an privacy@example.com.\n",
}


@pytest.mark.parametrize(
    ("language", "before", "after", "reason"),
    [
        (  # one more kind of data in a French list
            "fr",
            "Nous recueillons votre nom et votre adresse e-mail.",
            "Nous recueillons votre nom, votre adresse e-mail et votre date de naissance.",
            "practice widened: 'et votre date de naissance'",
        ),
        (  # "ablegen" keeps data as "speichern" does
            "de",
            "Wir verschlüsseln alle Verbindungen.",
            "Wir verschlüsseln alle Verbindungen. Ihre Dokumente legen wir zehn Jahre lang ab.",
            "retention",
        ),
    ],
)
def test_the_change_is_material_in_french_or_german(language, before, after, reason):
    md = "text/markdown"
    old, new = (
        normalize(POLICIES[language].format(clause=c), content_type=md) for c in (before, after)
    )
    found = [(c.judgement.materiality, c.judgement.reasons) for c in compare(old, new)]
    assert any(m == "material" and any(reason in r for r in why) for m, why in found), found


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        (  # data handed over, told from the side of who receives it
            "fr",
            "Nous partageons vos données avec notre hébergeur, qui les stocke en France.",
            "Notre hébergeur stocke vos données en France pour notre compte.",
        ),
        (  # the recipient read inside the practice's phrase on one side is named on both
            "de",
            "Wir geben Ihre Daten nicht an Dritte weiter.",
            "Ihre Daten werden nicht an Dritte weitergegeben.",
        ),
    ],
)
def test_the_same_thing_written_otherwise_in_french_or_german_raises_no_alarm(
    language, before, after
):
    md = "text/markdown"
    old, new = (
        normalize(POLICIES[language].format(clause=c), content_type=md) for c in (before, after)
    )
    found = [(c.judgement.materiality, c.judgement.reasons) for c in compare(old, new)]
    assert all(m != "material" for m, _ in found), found
