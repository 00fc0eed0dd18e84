"""Material kinds said in wordings the first batteries of test_judge_kinds.py did not use
(hosts named by what they run, sources of data, conditions cut, data made visible to others,
purposes joined on), in English, German and French, with German meaning-keeping edits beside
them. Each case is a small policy written for the test; each failed before its rule."""

from __future__ import annotations

import pytest

from tests.test_judge_kinds import (
    BASE,
    GERMAN,
    markdown_pair,
    material_reasons,
    material_reasons_in,
)

FRENCH = "# Politique de confidentialité\n\nNous collectons votre nom.\n\n{clause}\n"

MATERIAL = {
    "consent taken off a practice, in French": (
        "Avec votre accord, nous utilisons des cookies pour vous proposer des publicités.",
        "Nous utilisons des cookies pour vous proposer des publicités.",
        "legal basis: 'consent' -> 'none'",
    ),
    "an exception opened to a refusal the reader had no choice over": (
        "We never share your location.",
        "We never share your location unless you turn on sharing.",
        "limit added: 'unless'",
    ),
    "a measure of security beside a motto": (
        "We keep your support messages.",
        "We keep your support messages. We take the security of your data seriously and "
        "encrypt it at rest.",
        "security: sentence added",
    ),
    "a host named by what it runs": (
        "We store your data on servers in Ireland.",
        "We store your data on servers operated by Amazon Web Services in Ireland.",
        "new organisation 'Amazon Web Services'",
    ),
    "a host named before its servers": (
        "We store your data on servers in Ireland.",
        "We store your data on Hetzner Online servers in Ireland.",
        "new organisation 'Hetzner Online'",
    ),
    "a body swapped for a party": (
        "Unresolved complaints go to the DataRep Panel.",
        "Unresolved complaints go to VeraSafe, an independent dispute resolution provider.",
        "'DataRep Panel' -> 'VeraSafe'",
    ),
    "data kept on the device now synced to the company's cloud": (
        "Your data stays on your device.",
        "Your data is synced to our cloud.",
        "transfer: 'stays on your device' -> 'our cloud'",
    ),
    "another source of the data": (
        "We collect your address from you.",
        "We collect your address from credit agencies.",
        "collection: source changed: 'you' -> 'credit agencies'",
    ),
    "a purpose joined on with 'so that'": (
        "We look at how you use the app so that we can fix problems.",
        "We look at how you use the app so that we can fix problems and so that our partners "
        "can show you relevant offers.",
        "practice widened: 'and so that our partners can show you relevant offers'",
    ),
    "other members given sight of when the reader is online": (
        "We keep your support messages.",
        "We keep your support messages. Other members can see when you were last online.",
        "sharing: sentence added",
    ),
    "reviews shown publicly": (
        "We keep your support messages.",
        "We keep your support messages. Your reviews are shown publicly with your first name.",
        "sentence added",
    ),
    "the screen recorded": (
        "We keep your support messages.",
        "We keep your support messages. Our app may record your screen while you use it.",
        "collection: sentence added",
    ),
    "staff in another country given access": (
        "We keep your support messages.",
        "We keep your support messages. Our support staff in India may access your account.",
        "sentence added",
    ),
    "the reader's sole say over who sees their data, taken out": (
        "We process your data. Only you decide who sees your journal. Write to us any time.",
        "We process your data. Write to us any time.",
        "right removed: choice",
    ),
    "the promise to tell people before the company is sold, taken out": (
        "We process your data. If we ever sell the company, we will tell you first.",
        "We process your data.",
        "notice removed",
    ),
    "a processor named after 'once'": (
        "We keep your support messages.",
        "We keep your support messages. Once Stripe receives your payment details, it processes "
        "them on our behalf.",
        "new organisation 'Stripe'",
    ),
    "a measure of security before a motto": (
        "We keep your support messages.",
        "We keep your support messages. We encrypt your data because security is important to us.",
        "security: sentence added",
    ),
}

GERMAN_MATERIAL = {
    "a processor named after its role, swapped": (
        "Die Zahlungen werden von unserem Dienstleister Stripe abgewickelt.",
        "Die Zahlungen werden von unserem Dienstleister Adyen abgewickelt.",
        "'Stripe' -> 'Adyen'",
    ),
    "a processor added to a list after its role": (
        "Unsere Auftragsverarbeiter sind Stripe und Mailchimp.",
        "Unsere Auftragsverarbeiter sind Stripe, Mailchimp und Hotjar.",
        "new recipient 'Hotjar'",
    ),
    "recordings kept on the device now uploaded": (
        "Ihre Aufnahmen bleiben auf Ihrem Gerät.",
        "Ihre Aufnahmen werden auf unsere Server hochgeladen.",
        "transfer: 'bleiben auf Ihrem Gerät' -> 'unsere Server'",
    ),
    "a condition that held sharing back, cut": (
        "Wir geben Ihren Standort an Lieferpartner weiter, solange eine Bestellung läuft.",
        "Wir geben Ihren Standort an Lieferpartner weiter.",
        "condition removed: 'solange eine Bestellung läuft'",
    ),
    "information combined from several sources": (
        "Wir speichern Ihre Nachrichten.",
        "Wir speichern Ihre Nachrichten. Wir können Informationen aus verschiedenen Quellen "
        "zusammenführen.",
        "sentence added",
    ),
    "calls recorded": (
        "Wir speichern Ihre Nachrichten.",
        "Wir speichern Ihre Nachrichten. Anrufe werden aufgezeichnet.",
        "collection: sentence added",
    ),
    "the employer given reports on use": (
        "Wir speichern Ihre Nachrichten.",
        "Wir speichern Ihre Nachrichten. Ihr Arbeitgeber kann Berichte über Ihre Nutzung erhalten.",
        "sharing: sentence added",
    ),
    "end-to-end encryption taken out": (
        "Wir speichern Ihre Nachrichten. Ihre Nachrichten sind Ende-zu-Ende-verschlüsselt.",
        "Wir speichern Ihre Nachrichten.",
        "security",
    ),
}

FRENCH_MATERIAL = {
    "anonymised data now only pseudonymised": (
        "Nous partageons des données anonymisées avec des chercheurs.",
        "Nous partageons des données pseudonymisées avec des chercheurs.",
        "identifiability: 'anonymisées' -> 'pseudonymisées'",
    ),
    "the court order that held sharing back, cut": (
        "Nous pouvons partager vos données avec les autorités sur réquisition judiciaire.",
        "Nous pouvons partager vos données avec les autorités.",
        "condition removed: 'sur réquisition judiciaire'",
    ),
    "other members given sight of when the reader is online": (
        "Nous conservons vos messages.",
        "Nous conservons vos messages. Les autres membres peuvent voir quand vous étiez en ligne "
        "pour la dernière fois.",
        "sharing: sentence added",
    ),
    "calls recorded": (
        "Nous conservons vos messages.",
        "Nous conservons vos messages. Les appels sont enregistrés.",
        "collection: sentence added",
    ),
    "content used to improve language models": (
        "Nous conservons vos messages.",
        "Nous conservons vos messages. Vos contenus peuvent servir à améliorer nos modèles de "
        "langage.",
        "sentence added",
    ),
    "support teams abroad given access": (
        "Nous conservons vos messages.",
        "Nous conservons vos messages. Nos équipes support à Madagascar peuvent accéder à votre "
        "compte.",
        "sentence added",
    ),
}

GERMAN_QUIET = {
    "the policy revised, said with its name": (
        "Wir passen diese Datenschutzhinweise an, wenn sich die App ändert. Wir speichern Ihre "
        "Nachrichten.",
        "Ändert sich die App, überarbeiten wir diese Datenschutzinformationen. Wir speichern "
        "Ihre Nachrichten.",
    ),
    "a compound law's name spelled out before its acronym": (
        "Gemäß DSGVO haben Sie ein Auskunftsrecht.",
        "Gemäß der Datenschutz-Grundverordnung (DSGVO) haben Sie ein Auskunftsrecht.",
    ),
}

CASES = {
    **{kind: (BASE, *case) for kind, case in MATERIAL.items()},
    **{f"German: {kind}": (GERMAN, *case) for kind, case in GERMAN_MATERIAL.items()},
    **{f"French: {kind}": (FRENCH, *case) for kind, case in FRENCH_MATERIAL.items()},
}


@pytest.mark.parametrize("kind", CASES)
def test_the_kind_is_material_with_a_reason_naming_what_changed(kind):
    policy, before, after, reason = CASES[kind]
    reasons = material_reasons_in(policy, before, after)
    assert any(reason in r for r in reasons), reasons


@pytest.mark.parametrize("kind", GERMAN_QUIET)
def test_the_german_edit_raises_no_material_alarm(kind):
    before, after = GERMAN_QUIET[kind]
    changes = markdown_pair(GERMAN.format(clause=before), GERMAN.format(clause=after))
    assert changes and not material_reasons(changes), material_reasons(changes)
