"""Page furniture is no clause: a re-extraction that keeps or drops it shows no change."""

from __future__ import annotations

import pytest

from diffs import compare, normalize
from diffs.furniture import is_furniture
from tests.test_judge_kinds import markdown_pair

POLICY = """# Privacy Policy

## What we collect

We collect your name and e-mail address.

## Who we share it with

We share your e-mail address with our newsletter provider.
"""

FURNITURE = {
    "cookie banner": "We use cookies to improve your experience. [Accept all](#) [Reject all](#) "
    "[Cookie settings](#)",
    "French cookie banner": "Nous utilisons des cookies. Tout accepter Tout refuser Paramétrer",
    "copyright line": "© 2025 Example Inc. All rights reserved.",
    "breadcrumb": "Home > Legal > Privacy Policy",
    "language menu": "English | Français | Deutsch | Español",
    "widgets": "Was this article helpful? Yes No",
    "print links": "Print this page | Download PDF",
}


@pytest.mark.parametrize("kind", FURNITURE)
def test_furniture_around_the_policy_makes_no_change(kind):
    md = "text/markdown"
    with_it = normalize(f"{FURNITURE[kind]}\n\n{POLICY}", content_type=md)
    assert compare(normalize(POLICY, content_type=md), with_it) == []


@pytest.mark.parametrize(
    "text",
    [
        "We may disclose information to protect our copyright and other rights.",
        "Pendo | Analytics | USA",
        "You can accept or reject cookies in the settings, and we keep your choice for a year.",
        # two "buttons" read in prose, the paragraph going on after them
        "Most web browsers are set to accept cookies by default. If you prefer, you can set your"
        " browser to remove or reject cookies. Please note that if you choose to remove or reject"
        " cookies, this could affect the availability of our Services.",
    ],
)
def test_policy_text_is_no_furniture(text):
    assert not is_furniture(text)


SITE_MENU = "MENU\n\n* Shop for a Vehicle\n* Dealer Locator\n* Stock Information\n* Careers\n* Back"


def test_the_site_menu_above_the_policy_makes_no_change():
    md = "text/markdown"
    with_it = normalize(f"{SITE_MENU}\n\n{POLICY}", content_type=md)
    assert compare(normalize(POLICY, content_type=md), with_it) == []


def test_a_list_between_the_policy_paragraphs_is_no_menu():
    items = "* Name\n* Birthday\n* Marketing\n* Analytics\n* Stripe"
    listed = POLICY.replace("## Who we share", f"{items}\n\nThat is all we collect.\n\n## Who")
    md = "text/markdown"
    changes = compare(normalize(POLICY, content_type=md), normalize(listed, content_type=md))
    assert {c.change.after for c in changes} >= {"Name", "Birthday", "Stripe"}


def test_a_table_of_contents_entry_is_cosmetic():
    md = "text/markdown"
    toc = "- What we collect\n- Who we share it with\n\n"
    old = normalize(POLICY, content_type=md)
    new = normalize(
        POLICY.replace("## What we collect", toc + "## What we collect"), content_type=md
    )
    changes = compare(old, new)
    assert changes and all(c.judgement.materiality == "cosmetic" for c in changes)


def test_a_link_written_out_as_text_is_cosmetic():
    md = "text/markdown"
    old = POLICY + "\nSee our [cookie policy](https://example.com/cookies).\n"
    new = POLICY + "\nSee our cookie policy (https://example.com/cookies).\n"
    changes = compare(normalize(old, content_type=md), normalize(new, content_type=md))
    assert [c.judgement.materiality for c in changes] == ["cosmetic"]


def test_a_line_without_words_is_cosmetic():
    md = "text/markdown"
    changes = compare(
        normalize(POLICY, content_type=md), normalize(POLICY + "\n- * *\n", content_type=md)
    )
    assert [c.judgement.materiality for c in changes] == ["cosmetic"]


def test_a_contact_block_that_ends_the_policy_is_no_menu():
    policy = (
        "# Privacy policy\n\nWe collect your name and e-mail address when you create an account "
        "and we keep it for two years.\n\n## Contact us\n\nAcme Inc\n\n{street}\n\n"
        "San Francisco, CA 94107\n\nUnited States\n\n{mail}\n"
    )
    changes = markdown_pair(
        policy.format(street="123 Main Street", mail="privacy@acme.com"),
        policy.format(street="500 Market Street", mail="dpo@acme.com"),
    )
    assert [c.judgement.materiality for c in changes] == ["material", "material"]


def test_a_site_footer_in_titled_columns_is_furniture():
    column = "\n\n**{title}**\n\n" + "\n".join(
        f"* [{{title}} {n}](https://acme.example/{n})" for n in range(3)
    )
    footer = "".join(column.format(title=t) for t in ("Browser", "News", "Community", "About"))
    body = "# Privacy policy\n\nWe collect your name and e-mail address when you create an account."
    changes = markdown_pair(body + "\n", body + footer + "\n")
    assert all(c.judgement.materiality == "cosmetic" for c in changes), [
        (c.change.after, c.judgement.reasons) for c in changes
    ]


def test_a_footer_that_ends_in_a_row_of_links_is_furniture():
    column = "\n\n### [{title}](https://acme.example/{title})\n\n" + "\n".join(
        f"* [{{title}} {n}](https://acme.example/{n})" for n in range(3)
    )
    columns = "".join(column.format(title=t) for t in ("Shop", "Orders", "Support", "Parents"))
    bar = (
        "[Contact us](https://acme.example/c)[Website feedback](https://acme.example/f)"
        "[Terms of Use](https://acme.example/t)[Documents & Policies](https://acme.example/d)"
    )
    body = "# Privacy policy\n\nWe collect your name and e-mail address when you create an account."
    changes = markdown_pair(body + "\n", f"{body}{columns}\n\n{bar}\n")
    assert all(c.judgement.materiality == "cosmetic" for c in changes), [
        (c.change.after, c.judgement.reasons) for c in changes
    ]
