"""Captures and editions that are no change of the policy: a page that is not the policy, the
policy in another language or its other regional edition, an extraction-only upgrade, a
capture cut short (with the page's footer below the cut), sections folded away; and the real
changes that look like them (sections dropped for a new practice, one section emptied)."""

from __future__ import annotations

import pytest

from tests.test_judge_kinds import BASE, markdown_pair, material_reasons


def test_a_page_that_is_not_the_policy_alerts_nobody():
    clauses = " ".join(f"We keep record {n} of your visits for {n} days." for n in range(1, 60))
    policy = BASE.format(clause=f"We never sell your data to anyone. {clauses}")
    changes = markdown_pair(policy, "# Oops\n\nWe're all mixed up. Page not found.")
    assert changes and all(c.judgement.materiality != "material" for c in changes)
    assert any("not the policy" in c.judgement.reasons[0] for c in changes)


def test_the_policy_served_in_another_language_is_no_change():
    """A capture that came back in the visitor's language is another rendition, not an edit."""
    english = " ".join(
        f"We keep record {n} of your visits and we never sell it to anyone." for n in range(40)
    )
    french = " ".join(
        f"Nous conservons le relevé {n} de vos visites et nous ne le vendons jamais."
        for n in range(40)
    )
    changes = markdown_pair(f"# Privacy\n\n{english}", f"# Confidentialité\n\n{french}")
    assert changes and all(c.judgement.materiality != "material" for c in changes)
    assert any("different languages" in c.judgement.reasons[0] for c in changes)


BRITISH = """# Privacy policy

We organise your data to personalise the service.

We analyse how you use the app to optimise it.

Visit our Privacy Centre <https://example.com/en-GB/privacy> to change your settings.

We keep your data in our licenced data centres.

{clause}
"""


def test_the_other_regional_edition_of_the_policy_is_no_change():
    american = (
        BRITISH.replace("organise", "organize")
        .replace("personalise", "personalize")
        .replace("analyse", "analyze")
        .replace("optimise", "optimize")
        .replace("Centre", "Center")
        .replace("/en-GB", "")
        .replace("licenced data centres", "licensed data centers")
    )
    changes = markdown_pair(
        BRITISH.format(clause="Please write to us with any question."),
        american.format(clause="Write to us with any question."),
    )
    assert changes and all(c.judgement.materiality == "cosmetic" for c in changes)
    assert any("regional edition" in c.judgement.reasons[0] for c in changes)


def test_a_practice_changed_in_the_other_edition_is_still_material():
    american = BRITISH.replace("organise", "organize").replace("analyse", "analyze")
    american = american.replace("optimise", "optimize").replace("Centre", "Center")
    changes = markdown_pair(
        BRITISH.format(clause="We never sell your data."),
        american.format(clause="We sell your data."),
    )
    assert any(c.judgement.materiality == "material" for c in changes)


EXTRACTED = """# Privacy policy

We protect your data:

{items}

## Your rights

To exercise your rights, please click [here](https://example.com/form-a).

You can ask for a copy of your data. To exercise your rights, please click [here](https://example.com/form-b).
"""


@pytest.mark.parametrize(
    "upgrade",
    {
        "the title and the date line no longer captured": lambda t: t.replace(
            "# Privacy policy\n\n", "# Privacy policy\n\nLast modified: 12 May 2026\n\n"
        ),
        "a navigation bar captured": lambda t: t.replace(
            "# Privacy policy\n\n",
            "Terms of Service Privacy Policy Cookie Policy Code of Conduct\n\n# Privacy policy\n\n",
        ),
        "numbered lines written as escaped text": lambda t: t.replace("1. ", "1\\. ").replace(
            "2. ", "2\\. "
        ),
        "link markup dropped": lambda t: t.replace(
            "[here](https://example.com/form-a)", "here"
        ).replace("[here](https://example.com/form-b)", "here"),
        "a heading's underline left alone": lambda t: t.replace(
            "# Privacy policy", "**Privacy policy**\n\n============="
        ),
    }.items(),
    ids=lambda item: item[0],
)
def test_an_extraction_only_upgrade_shows_no_change_of_weight(upgrade):
    _, rewrite = upgrade
    items = "1. We encrypt your messages.\n2. We keep backups in the EU."
    old = EXTRACTED.format(items=items)
    changes = markdown_pair(old, rewrite(old))
    assert all(c.judgement.materiality == "cosmetic" for c in changes), [
        (c.change.op, c.judgement.reasons) for c in changes
    ]


LONG = "\n\n".join(
    f"## Section {n}\n\nWe keep record {n} of your visits for {n} days, shared with partner {n}."
    for n in range(1, 21)
)


def test_a_capture_cut_short_alerts_nobody():
    cut = LONG[: LONG.index("## Section 13")] + "## Section 13\n\nWe keep record 13 of your"
    changes = markdown_pair(LONG, cut)
    assert changes and not material_reasons(changes), material_reasons(changes)
    assert any("cut short" in c.judgement.reasons[0] for c in changes)


def test_a_capture_cut_short_above_the_page_footer_alerts_nobody():
    footer = "© 2025 Example Inc. All rights reserved.\n\nTerms | Privacy | Cookies | Contact"
    cut = LONG[: LONG.index("## Section 13")] + "## Section 13\n\nWe keep record 13 of your\n\n"
    changes = markdown_pair(LONG, cut + footer)
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_a_capture_cut_short_above_a_footer_both_captures_show_alerts_nobody():
    footer = "\n\nFollow us on social media.\n\nTerms | Privacy | Cookies | Contact"
    cut = LONG[: LONG.index("## Section 13")] + "## Section 13\n\nWe keep record 13 of your"
    changes = markdown_pair(LONG + footer, cut + footer)
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_a_capture_cut_mid_word_before_its_contact_block_alerts_nobody():
    contact = (
        "\n\nExample Inc.\n\nAddress: 1 Main Street, Springfield\n\nEmail: privacy@example.com"
    )
    whole = "# Notice\n\n" + LONG + contact
    cut = LONG + "\n\nExam"  # the capture stopped inside the first line of the block
    changes = markdown_pair(cut, whole)
    assert changes and not material_reasons(changes), material_reasons(changes)


def test_sections_removed_from_the_end_for_a_new_closing_practice_are_material():
    closing = "We share your visits with advertisers."
    assert material_reasons(markdown_pair(LONG, LONG[: LONG.index("## Section 13")] + closing))


def test_sections_removed_from_the_end_with_another_change_are_material():
    cut = LONG[: LONG.index("## Section 13")].replace("record 2 of", "record 2 and your photos of")
    assert material_reasons(markdown_pair(LONG, cut))


def test_sections_folded_away_in_the_capture_alert_nobody():
    folded = LONG.replace(
        "We keep record 4 of your visits for 4 days, shared with partner 4.", ""
    ).replace("We keep record 9 of your visits for 9 days, shared with partner 9.", "")
    changes = markdown_pair(LONG, folded)
    assert changes and not material_reasons(changes), material_reasons(changes)
    assert any("folded away" in c.judgement.reasons[0] for c in changes)


def test_one_section_emptied_is_judged():
    emptied = LONG.replace("We keep record 4 of your visits for 4 days, shared with partner 4.", "")
    assert material_reasons(markdown_pair(LONG, emptied))
