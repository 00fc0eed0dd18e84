"""Kinds found on the unlabelled real snapshots (UptimeRobot's split sub-processor entry) and in
pairs written for each kind: a party in a table whose first column names parties, a place named
once less in a clause that still names it, "within" / "outside" where processing takes place, a
promise made temporary or an effort, what people do described as data ("the pages you visit"),
a list of three without a serial comma, a recipient or audience joined on by its kind, a German
controller named by "verantwortlich"; and the ways of writing one thing that
must stay quiet. The verdicts do not depend on Python's hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diffs import compare, normalize

POLICY = {
    "en": "# Privacy notice\n\n{clause}\n\n## Your rights\n\nYou can ask us for a copy of your"
    " personal data. Contact privacy@example.com for any request.\n",
    "fr": "# Politique de confidentialité\n\n{clause}\n\n## Vos droits\n\nVous pouvez nous"
    " demander une copie de vos données personnelles. Écrivez à privacy@example.com.\n",
    "de": "# Datenschutzerklärung\n\n{clause}\n\n## Ihre Rechte\n\nSie können eine Kopie Ihrer"
    " personenbezogenen Daten verlangen. Schreiben Sie an privacy@example.com.\n",
}
_BASES = "## What we collect\n\n| Data | Purpose | Legal basis |\n|---|---|---|"
_VENDORS = "| Vendor | Purpose | Location |\n|---|---|---|\n| Mailgun | Email delivery | USA |"


def verdicts(before: str, after: str, language: str = "en") -> list[tuple[str, tuple[str, ...]]]:
    md = "text/markdown"
    old, new = (
        normalize(POLICY[language].format(clause=c), content_type=md) for c in (before, after)
    )
    changes = compare(old, new)
    assert changes, "the edit shows no change"
    return [(c.judgement.materiality, c.judgement.reasons) for c in changes]


@pytest.mark.parametrize(
    ("language", "before", "after", "reason"),
    [
        (  # a row of a table whose first column names vendors is a vendor
            "en",
            _VENDORS,
            f"{_VENDORS}\n| Segment | Analytics | USA |",
            "new recipient 'Segment'",
        ),
        (  # where processing takes place, crossing "within" / "outside"
            "en",
            "All processing takes place within the European Economic Area.",
            "Processing may take place outside the European Economic Area.",
            "transfer: 'European Economic Area' -> 'outside European Economic Area'",
        ),
        (  # the place is still named (whose data), no longer where the data is kept
            "en",
            "Data about California residents is kept in California.",
            "Data about California residents may be kept in any state where we operate.",
            "place named once less: 'California'",
        ),
        (
            "en",
            "We will never sell your personal information.",
            "We do not currently sell your personal information.",
            "promise limited to the present: 'currently' added",
        ),
        (
            "fr",
            "Nous ne vendons jamais vos données.",
            "Nous ne vendons pas actuellement vos données.",
            "promise limited to the present: 'actuellement' added",
        ),
        (  # "the pages you visit" is data: a purpose joined to what is done with it
            "en",
            "We look at the pages you visit to fix bugs.",
            "We look at the pages you visit to fix bugs and to decide which offers to show you.",
            "practice widened: 'and to decide which offers to show you'",
        ),
        (  # an entry of a list of recipients named first, then what it does
            "en",
            "## Who we share with\n\n- Acoustic, to send donation receipts by email.\n- Google,"
            " for analytics.",
            "## Who we share with\n\n- Braze, which sends our donation receipts.\n- Google, for"
            " analytics.",
            "recipient changed: 'Acoustic' -> 'Braze'",
        ),
        (  # a renamed company's name is no cover for another one
            "en",
            "We share data with Facebook to measure ads.",
            "We share data with Google to measure ads.",
            "recipient changed: 'Facebook' -> 'Google'",
        ),
        (  # a purpose joined on by "including"
            "en",
            "We use your voice recordings to answer your requests.",
            "We use your voice recordings to answer your requests, including to develop new"
            " features.",
            "practice widened: 'including to develop new features'",
        ),
        (  # what the data helps the company do, one thing more
            "en",
            "Your purchase history helps us show relevant products.",
            "Your purchase history helps us show relevant products and set prices.",
            "practice widened: 'and set prices'",
        ),
        (  # whose rights: a state more
            "en",
            "Residents of California, Colorado and Virginia have additional rights described"
            " below.",
            "Residents of California, Colorado, Virginia, Texas and Oregon have additional rights"
            " described below.",
            "place added: 'Oregon, Texas'",
        ),
        (  # what a section applies to
            "en",
            "This section applies to users in the EEA and the UK.",
            "This section applies to users in the EEA, the UK and Switzerland.",
            "place added: 'Switzerland'",
        ),
        (  # a heading that says whose rights the section gives
            "en",
            "## Notice to California residents\n\nYou can ask us what personal data we hold.",
            "## Notice to residents of California, Texas and Oregon\n\nYou can ask us what"
            " personal data we hold.",
            "place added: 'Oregon, Texas'",
        ),
        (  # the cell under a "Legal basis" column
            "en",
            f"{_BASES}\n| Email | Account | Contract |",
            f"{_BASES}\n| Email | Account | Legitimate interest |",
            "legal basis changed: 'Contract' -> 'Legitimate interest'",
        ),
        (  # a purpose beyond the service asked for, in plain words
            "en",
            "Our staff may read your messages to investigate abuse.",
            "Our staff may read your messages to improve our products.",
            "purpose changed: 'investigate abuse' -> 'improve our products'",
        ),
        (  # the practice now acts on another kind of data
            "en",
            "We keep your messages for 30 days.",
            "We keep your photos for 30 days.",
            "data changed: 'messages' -> 'photos'",
        ),
        (  # processed on the person's device, now on the company's servers
            "en",
            "We process your photos on your device.",
            "We process your photos on our servers.",
            "transfer: 'on your device' -> 'our servers'",
        ),
        (  # contacting the person is a use of their details: another channel
            "en",
            "We may contact you by email.",
            "We may contact you by phone and text message.",
            "phone and text message",
        ),
        (  # the promise to tell people of changes taken out with its sentence
            "en",
            "We will notify you before we make material changes.",
            "We may change this policy at any time.",
            "notice removed",
        ),
        (  # ... or reworded into posting the policy
            "en",
            "We will notify you by email of any material changes.",
            "We will post any changes on this page.",
            "notice removed",
        ),
        (  # three items without a serial comma are a list: one dropped
            "en",
            "We collect your name, email and phone number.",
            "We collect your name and email.",
            "list item removed",
        ),
        (  # a recipient joined on, named by its kind
            "en",
            "We share your data with our affiliates.",
            "We share your data with our affiliates and with companies we acquire.",
            "recipient added: 'and with companies we acquire'",
        ),
        (  # one more who may see it
            "en",
            "Only you can see your private notes.",
            "Only you and our support team can see your private notes.",
            "recipient added: 'and our support team'",
        ),
        (  # an effort promised where a result was
            "en",
            "We will respond to your request within 30 days.",
            "We will try to respond to your request within 30 days.",
            "promise weakened: 'try to' added",
        ),
        (
            "fr",
            "Nous répondrons à votre demande sous 30 jours.",
            "Nous nous efforçons de répondre à votre demande sous 30 jours.",
            "promise weakened",
        ),
        (
            "fr",
            "Seul votre médecin peut consulter vos résultats.",
            "Seuls votre médecin et notre équipe support peuvent consulter vos résultats.",
            "recipient added",
        ),
        (
            "fr",
            "Nous collectons votre nom, votre e-mail et votre numéro de téléphone.",
            "Nous collectons votre nom et votre e-mail.",
            "list item removed",
        ),
        (
            "de",
            "Ihre Fotos werden auf Ihrem Gerät verarbeitet.",
            "Ihre Fotos werden auf unseren Servern verarbeitet.",
            "transfer: 'auf Ihrem Gerät' -> 'unseren Servern'",
        ),
        (  # "Verantwortlich ist": the controller, in German
            "de",
            "Verantwortlich ist die Acme GmbH.",
            "Verantwortlich ist die Beta AG.",
            "organisation changed: 'Acme GmbH' -> 'Beta AG'",
        ),
    ],
)
def test_the_change_is_material(language, before, after, reason):
    found = verdicts(before, after, language)
    assert any(m == "material" and any(reason in r for r in why) for m, why in found), found


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We currently do not sell your data.", "We do not currently sell your data."),
        ("At this time we do not offer dark mode.", "We do not offer dark mode at present."),
        ("Processing takes place in the EEA.", "All processing happens within the EEA."),
        (_VENDORS, _VENDORS.replace("| USA |", "| United States |")),
        (_VENDORS, _VENDORS.replace("Email delivery", "Sending emails")),
        (
            "We look at the pages you visit to fix bugs.",
            "To fix bugs, we look at the pages you visit.",
        ),
        (
            "Data about EU residents stays in the EU.",
            "Data about residents of the EU stays in the EU.",
        ),
        ("We use User.com for customer support.", "For customer support we use User.com."),
        (
            "We use it to run, improve and protect the service.",
            "We use it to run and improve the service, and to protect it.",
        ),
        ("We collect your name, email and phone number.", "We collect your name, phone and email."),
        ("We try to respond within 30 days.", "We aim to respond within 30 days."),
        ("If possible, we will notify you.", "Where possible, we will notify you."),
        ("We use your data to fix bugs.", "We use your data to resolve technical problems."),
        # one company under its new name, or its name spelled out or shortened in brackets
        ("We share data with Facebook to measure ads.", "We share data with Meta to measure ads."),
        ("We share data with Twitter to measure ads.", "We share data with X to measure ads."),
        (
            "You can complain to the CNIL.",
            "You can complain to the Commission Nationale de l'Informatique et des Libertés"
            " (CNIL).",
        ),
        ("We use Google Analytics.", "We use Google Analytics 4 (GA4)."),
        (
            "## Who we share with\n\n- Service providers, to run the site.",
            "## Who we share with\n\n- Service providers, which help us run the site.",
        ),
        (  # the promise said again in another sentence
            "We may update this policy. We will notify you before we make material changes.",
            "We may update this policy at any time. Before material changes take effect, you will"
            " be informed by email.",
        ),
        (
            "Your photos are processed on your device.",
            "Your photos are processed locally on your phone.",
        ),
        (  # one more thing not done widens nothing
            "Face data never leaves your device.",
            "Face data stays on your device and is never uploaded to our servers.",
        ),
        ("We use cookies to keep you signed in.", "We use cookies to remember your login session."),
        ("We keep your messages for 30 days.", "We keep your communications for 30 days."),
        ("We use your browsing history for ads.", "We use your browsing activity for ads."),
        (
            "We collect your contacts to find friends.",
            "We collect your address book to find friends.",
        ),
        ("We collect your device identifiers.", "We collect your device IDs."),
        ("We collect your IP address.", "We collect your internet protocol address."),
        (
            f"{_BASES}\n| Email | Account | Contract |",
            f"{_BASES}\n| Email | Account | Performance of a contract |",
        ),
        (
            "## Notice to California residents\n\nYou can ask us what we hold.",
            "## Notice to residents of California\n\nYou can ask us what we hold.",
        ),
        (  # a place inside a name ("California Privacy Rights") is named on both sides
            "## 8. California Privacy Rights\n\nYou can ask us what we hold.",
            "## H. Privacy Rights for California Residents\n\nYou can ask us what we hold.",
        ),
        (  # one mention fewer, but none said where anything is
            "Residents of U.S. States which have passed U.S. State Privacy Laws have rights.",
            "Residents of U.S. States which have enacted state privacy laws have rights.",
        ),
        (
            "Residents of the United States have the rights below.",
            "US residents have the rights below.",
        ),
        (  # "other than when" is "except when"; a sentence split in two keeps its negation
            "We do not collect precise location data, and we do not access your photos except"
            " when you start a video session.",
            "Precise location data isn't collected. We also don't access your photos, other than"
            " when you start a video session.",
        ),
    ],
)
def test_the_same_thing_written_otherwise_raises_no_alarm(before, after):
    found = verdicts(before, after)
    assert all(m != "material" for m, _ in found), found


_OWN_NAME_POLICY = "\n\n".join(
    [
        "# Open Collective privacy policy",
        "Open Collective collects your name and e-mail address.",
        "Open Collective keeps your data for two years.",
        "Open Collective encrypts your data.",
        "Open Collective never sells your data.",
        "You can ask Open Collective for a copy of your data.",
        "Write to Open Collective at privacy@example.com.",
        "{clause}",
    ]
)
_OWN_NAME_SCRIPT = """
import json, sys
from diffs import compare, normalize
policy, before, after = json.loads(sys.stdin.read())
md = "text/markdown"
old, new = (normalize(policy.replace("{clause}", c), content_type=md) for c in (before, after))
print(json.dumps([[c.judgement.materiality, c.judgement.reasons] for c in compare(old, new)]))
"""


def test_a_verdict_on_the_company_s_own_name_does_not_depend_on_the_hash_seed():
    """Two capitalised words tie as the policy's most used ("Open", "Collective"): the own
    name was whichever a set yielded first, so "Open Collective" was read as the company's
    own product under some hash seeds and its replacement as a new recipient under others."""
    pair = [
        _OWN_NAME_POLICY,
        "This information may be used by Open Collective and others to analyse trends.",
        "This information may be used by OFiTech and others to analyse trends.",
    ]
    root = Path(__file__).resolve().parents[1]
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        run = subprocess.run(
            [sys.executable, "-c", _OWN_NAME_SCRIPT],
            input=json.dumps(pair),
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1, outputs
    found = json.loads(outputs.pop())
    assert any(m == "material" for m, _ in found), found
