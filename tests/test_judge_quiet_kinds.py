"""The meaning-keeping edits issue 14 names (the same thing written otherwise, numbers that are
no quantities, names that are no parties...), each on a small policy written for the test: the
judge must raise no material alarm on any of them. Their material counterparts are in
test_judge_kinds.py."""

from __future__ import annotations

import pytest

from tests.test_judge_kinds import markdown_pair, material_reasons, strongest

QUIET = {
    "date written another way": (
        "This policy was last changed on 29 June 2022.",
        "This policy was last changed on June 29, 2022.",
    ),
    "a version string is no phone number": (
        "This is version 2.3.1 of the policy, published 2023-05-01.",
        "This is version 2.3.2 of the policy, published 2023-06-01.",
    ),
    "the month May is no modal verb": (
        "These terms apply from 1 June 2024.",
        "These terms apply from 1 May 2024.",
    ),
    "a modal verb alone": (
        "We will send you a reminder by e-mail before your appointment.",
        "We may send you a reminder by e-mail before your appointment.",
    ),
    "a product renamed": (
        "Zoom Chat Messages: account owners can see who sent messages.",
        "Zoom Team Chat Messages: account owners can see who sent messages.",
    ),
    "a typo in a country": (
        "If you live in the United Kingson, Acme Ltd controls your data.",
        "If you live in the United Kingdom, Acme Ltd controls your data.",
    ),
    "examples added to a definition": (
        "Account data means data about your account (e.g. your name).",
        "Account data means data about your account (e.g. your name, your avatar, your theme).",
    ),
    "request statistics in a table": (
        "| Requests to delete | 7,542,315 | 15.5 |",
        "| Requests to delete | 8,260,593 | 15.47 |",
    ),
    "an age written another way": (
        "We do not knowingly collect personal information from anyone under the age of 13.",
        "We do not knowingly collect personal information from anyone under 13.",
    ),
    "an age spelled out": (
        "We do not knowingly collect personal data from children under 13.",
        "We do not knowingly collect personal data from children under thirteen (13).",
    ),
    "one limit for another": (
        "Nous n'utilisons que les données de santé que vous nous fournissez.",
        "Nous utilisons uniquement les données de santé que vous nous fournissez.",
    ),
    "a sentence's opening words are no list item": (
        "Residual information may remain in our backups, which may contain your personal data.",
        "In addition, residual information may remain in our backups, which may contain your "
        "personal data.",
    ),
    "words joined by a lost space": (
        "| Usage Data | We collect data about how you use the app. |",
        "| UsageData | We collect data about how you use the app. |",
    ),
    "a screen reader's link hint": (
        "Read the [Lumo Privacy Policy](https://lumo.example/privacy) for the app.",
        "Read the [Lumo Privacy Policy(new window)](https://lumo.example/privacy) for the app.",
    ),
    "a link to the same page in another locale": (
        "See our [state disclosures](https://www.example.com/en-GB/privacy/states).",
        "See our [state disclosures](https://example.com/en-US/privacy/states/).",
    ),
    "an example in a list of places people post": (
        "When you post on social networks like Facebook, Twitter or Snapchat, read their policies.",
        "When you post on social networks like Facebook, X or Snapchat, read their policies.",
    ),
    "information called data": (
        "The personal information collected may be used to book your visits.",
        "The personal data collected may be used to book your visits.",
    ),
    "a place by its short name": (
        "If you are in the European Union, your data may be transferred to the United States.",
        "If you are in the EU, your data may be transferred to the U.S.",
    ),
    "a role by its initials": (
        "You can contact our Data Protection Officer at dpo@example.com.",
        "You can contact our DPO at dpo@example.com.",
    ),
    "calendar days": (
        "We keep server logs of your visits for 30 days.",
        "We keep server logs of your visits for 30 calendar days.",
    ),
    "the privacy-choice link renamed": (
        "Privacy | Terms | Do Not Sell My Personal Information",
        "Privacy | Terms | Do Not Sell or Share My Personal Information | Your Privacy Choices",
    ),
    "one word of security for another": (
        "We keep your records safe.",
        "We keep your records secure.",
    ),
    "a broad class of recipient named another way": (
        "We may share your data with the types of third parties described below:",
        "We may share your data with the following recipients:",
    ),
    "a run-in heading is no organisation": (
        "We use your data to send you invoices and security alerts.",
        "Communication: We use your data to send you invoices and security alerts.",
    ),
    "a sentence about the policy itself": (
        "We keep your support messages.",
        "We keep your support messages.\n\nThis Privacy Policy explains how we collect and use "
        "your personal data.",
    ),
    "a numbered title line": (
        "We keep your support messages.",
        "We keep your support messages.\n\n[3\\. Personal data we collect about you](#collect)",
    ),
    "a summary repeating what the policy says": (
        "We keep your support messages.",
        "We keep your support messages.\n\nIn short: we collect your name and e-mail address "
        "when you create an account.",
    ),
    "a page chrome fragment": (
        "We keep your support messages.",
        "We keep your support messages.\n\nSecurity",
    ),
    "a keeping verb for another before a described record": (
        "We keep signed consent forms for ten years.",
        "We retain signed consent forms for ten years.",
    ),
    "a protection named more exactly": (
        "We protect your data with access controls and staff training.",
        "We protect your data with access controls and staff security training.",
    ),
    "one right said another way": (
        "You can tell your browser to refuse cookies.",
        "You can change your browser settings to refuse cookies.",
    ),
    "a period of keeping said with another conjunction": (
        "We keep your profile for as long as you are a member.",
        "We keep your profile while you are a member.",
    ),
    "a product the reader uses": (
        "We keep your support messages.",
        "We keep your support messages. If you use the Nimbus Notes app, you will find them "
        "under My Tickets in the Help Centre.",
    ),
    "a feature renamed in a sentence about data": (
        "We use your listening history to build the Year in Review playlist.",
        "We use your listening history to build the Time Capsule playlist.",
    ),
    "the same words in another order": (
        "You can opt out of the use of your data for direct marketing and profiling purposes.",
        "You can opt out of the use of your data for direct marketing purposes and profiling.",
    ),
    "opening hours are no phone number": (
        "Call us on +44 20 7946 0000 between 09.00-11.00 about your data.",
        "Call us on +44 20 7946 0000 between 13.00-15.00 about your data.",
    ),
    "an address that lost the space after it": (
        "To exercise your rights, write to privacy@acme.example.",
        "To exercise your rights, write to privacy@acme.exampleor call us.",
    ),
    "a sentence about a section of the policy": (
        "We keep your support messages.",
        "We keep your support messages. This section explains how you can manage cookies.",
    ),
    "an invitation to get in touch said another way": (
        "If you have any question about your data, please contact us.",
        "If you have any question about your data, please write to us.",
    ),
    "a bound on a period is no age": (
        "We keep invoices for at least 7 years, as tax law requires.",
        "We keep invoices for at least 7 years, as the tax code requires.",
    ),
    "an address Cloudflare hid protects nothing": (
        "Our support team answers questions about your account.",
        "Our support team answers questions about your account: [email protected]",
    ),
    "a negated keeping said as erasing": (
        "Your identity document is not retained beyond the verification.",
        "Your identity document is deleted upon the verification.",
    ),
    "one right named another way": (
        "You can ask us to delete your data at any time.",
        "You may request the erasure of your data at any time.",
    ),
    "a lead-in to a list": (
        "We keep your support messages.",
        "We keep your support messages. Depending on the case, these may include the following:",
    ),
    "a count is no postcode": (
        "We keep your support messages. We have 10000 Users in 3 countries.",
        "We keep your support messages. We have 20000 Users in 3 countries.",
    ),
    "a motto about privacy": (
        "We keep your support messages.",
        "We keep your support messages.\n\nWe are committed to protecting your privacy.",
    ),
    "the name of a data protection law": (
        "You can exercise your rights under the data protection regulation by e-mail.",
        "You can exercise your rights under the Data Protection Regulation by e-mail.",
    ),
    "a run-in label reworded": (
        "Marketing and promotions: we send you offers by e-mail if you agree.",
        "Marketing, promotions and campaigns: we send you offers by e-mail if you agree.",
    ),
    "a document named after a practice": (
        "We keep your support messages.",
        "We keep your support messages. Business customers can ask for our Data Processing "
        "Agreement.",
    ),
    "protecting something other than data": (
        "We may disclose information to protect our rights.",
        "We may disclose information to enforce our rights.",
    ),
    "access to the service is no right of access": (
        "We keep your support messages.",
        "We keep your support messages. You can access the service from any browser.",
    ),
    "one practice named another way": (
        "We share your usage data with our advertising partners.",
        "We disclose your usage data to our advertising partners.",
    ),
    "one more word for a sale": (
        "We never sell your personal data.",
        "We never sell or rent your personal data.",
    ),
    "a body that approves, named in a transfer clause": (
        "When we transfer personal data from the EEA, we rely on the EU Standard Contractual "
        "Clauses.",
        "When we transfer personal data from the EEA, we rely on the Standard Contractual "
        "Clauses approved by the European Commission.",
    ),
    "a word that names a definition": (
        'We collect the prompts and files you submit ("Inputs") and your name.',
        'We collect the prompts and files you submit (collectively, "Inputs") and your name.',
    ),
    "keeping said as retaining": (
        "We keep your conversations for 30 days after you delete them.",
        "We retain your conversations for 30 days after you delete them.",
    ),
    "a hedge that binds nothing": (
        "We share your contact details with our payment providers.",
        "We share your contact details, where applicable, with our payment providers.",
    ),
    "one class of related companies for another": (
        "We share your usage data with our affiliates.",
        "We share your usage data with our group companies.",
    ),
    "a law's name in a removed sentence": (
        "We keep your support messages. California's Shine the Light law lets residents ask "
        "about sharing for direct marketing.",
        "We keep your support messages.",
    ),
    "consent asked another way": (
        "With your consent, we use cookies to show you personalised ads.",
        "Where you accept them, cookies let us show you personalised ads.",
    ),
    "consent asked another way, in French": (
        "Avec votre accord, nous utilisons des cookies pour vous proposer des publicités.",
        "Si vous l'acceptez, des cookies nous permettent de vous proposer des publicités.",
    ),
    "consent asked another way, in German": (
        "Mit Ihrer Einwilligung nutzen wir Cookies für personalisierte Werbung.",
        "Wenn Sie zustimmen, nutzen wir Cookies für personalisierte Werbung.",
    ),
    "a consent condition reworded is no practice widened": (
        "We send you marketing emails only with your consent.",
        "We send you marketing emails only if you agree to receive them.",
    ),
    "the reader's choice said as an exception": (
        "Location sharing is off by default; you can turn it on in Settings.",
        "Location sharing stays off unless you turn it on in Settings.",
    ),
    "a list item reworded in its own words": (
        "Avec votre accord, nous utilisons des cookies pour vous proposer des publicités "
        "adaptées à vos centres d'intérêt, sur notre site et sur des sites partenaires.",
        "Si vous l'acceptez, des cookies nous permettent d'afficher, sur notre site comme sur "
        "des sites partenaires, des publicités correspondant à vos centres d'intérêt.",
    ),
    "an acronym spelled out": (
        "We process your data in accordance with the GDPR.",
        "We process your data in accordance with the General Data Protection Regulation (GDPR).",
    ),
    "a name given its initials": (
        "You can contact our Data Protection Officer at dpo@acme.com.",
        "You can contact our Data Protection Officer (DPO) at dpo@acme.com.",
    ),
    "a motto about security, no measure": (
        "We keep your support messages.",
        "We keep your support messages. We take the security of your data seriously.",
    ),
    "a motto about security, in French": (
        "Nous conservons vos messages.",
        "Nous conservons vos messages. La sécurité de vos données est une priorité pour nous.",
    ),
    "a sentence that points to the table below": (
        "We keep your support messages.",
        "We keep your support messages. The table below lists the cookies we use.",
    ),
    "where the policy's past versions are kept": (
        "We keep your support messages.",
        "We keep your support messages. You can find previous versions of this policy in our "
        "archive.",
    ),
    "securing the service is no promise about data": (
        "We use your data to provide the service.",
        "We use your data to provide, maintain and secure the service.",
    ),
    "the same rights given in verbs for nouns, in French": (
        "Vous disposez d'un droit d'accès, de rectification et d'effacement.",
        "Vous pouvez accéder à vos données, les rectifier et les effacer.",
    ),
    "a row of purposes reordered": (
        "We use your information to provide, improve and secure our services.",
        "We use your information to provide, secure and improve our services.",
    ),
    "a word the policy used in the plural is not new": (
        "You can opt out of marketing emails by clicking unsubscribe.",
        "You can opt out of marketing emails by clicking the unsubscribe link in any email.",
    ),
    "a condition reworded": (
        "We collect your location while you use the app.",
        "We collect your location while the app is open.",
    ),
    "an acronym spelled out, in French": (
        "Conformément au RGPD, vous disposez d'un droit d'accès.",
        "Conformément au Règlement général sur la protection des données (RGPD), vous disposez "
        "d'un droit d'accès.",
    ),
    "a recipient said to act on the company's behalf": (
        "We share your data with our service providers.",
        "We share your data with our service providers, who act on our behalf.",
    ),
    "a party's former name dropped": (
        "Your data is processed by Acme Inc. (formerly Widgets Inc.).",
        "Your data is processed by Acme Inc.",
    ),
    "a cross-reference renumbered at a sentence's end": (
        "Children's data is handled as described in Section 7.",
        "Children's data is handled as described in Part Seven.",
    ),
    "the same source said more exactly": (
        "We collect your address from you.",
        "We collect your address directly from you.",
    ),
    "British spelling made American, in a name too": (
        "Disputes go to the International Centre for Dispute Resolution, amongst others.",
        "Disputes go to the International Center for Dispute Resolution, among others.",
    ),
}


@pytest.mark.parametrize("kind", QUIET)
def test_the_edit_raises_no_material_alarm(kind):
    before, after = QUIET[kind]
    materiality, reasons = strongest(before, after)
    assert materiality != "material", reasons


SUB_PROCESSORS = (
    "# Privacy\n\nWe collect your name.\n\n## Sub-processors\n\n| Name | Purpose | Location |\n"
    "| --- | --- | --- |\n{rows}\n"
)


def test_a_legal_form_added_to_a_sub_processors_row_is_no_new_item():
    old = "| Stripe | Payments | USA |\n| Mailgun | Email | USA |"
    new = "| Stripe, Inc. | Payments | USA |\n| Mailgun | Email | USA |"
    changes = markdown_pair(SUB_PROCESSORS.format(rows=old), SUB_PROCESSORS.format(rows=new))
    assert changes and not material_reasons(changes), material_reasons(changes)
