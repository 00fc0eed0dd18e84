"""Extraction rules, noise, headings, themes and PDF: what `normalize` and `split` promise."""

from __future__ import annotations

import pytest

from diffs import compare, split
from diffs.noise import key
from diffs.normalize import normalize
from diffs.rules import Boundary, Rules
from monitor.demo.fixtures import Fixtures

SHARED_PAGE = """<html><body><header><a href="/">Home</a></header><main>
<h1>Legal</h1>
<section id="terms"><h2>Terms of service</h2><p>You agree to behave.</p></section>
<section id="privacy"><h2>Privacy policy</h2><p>We collect your e-mail address.</p>
<p>We never sell it.</p></section>
<section id="cookies"><h2>Cookies</h2><p>We use one cookie.</p></section>
</main></body></html>"""


def texts(content, **kwargs) -> list[str]:
    return [c.text for c in split(normalize(content, content_type="text/html", **kwargs))]


def test_start_and_end_markers_cut_one_policy_out_of_a_shared_page():
    found = texts(SHARED_PAGE, start=Boundary("#privacy"), end=Boundary("#cookies"))
    assert found == ["Privacy policy", "We collect your e-mail address.", "We never sell it."]


def test_after_markers_exclude_the_marker_element():
    found = texts(SHARED_PAGE, start=Boundary("#terms", after=True), end=Boundary("#cookies"))
    assert found[0] == "Privacy policy"
    found = texts(SHARED_PAGE, start=Boundary("#privacy h2", after=True))
    assert found == [
        "We collect your e-mail address.",
        "We never sell it.",
        "Cookies",
        "We use one cookie.",
    ]


def test_a_missing_start_marker_finds_nothing_and_a_missing_end_runs_to_the_end():
    assert texts(SHARED_PAGE, start=Boundary("#nowhere")) == []
    assert texts(SHARED_PAGE, start=Boundary("#cookies"), end=Boundary("#nowhere")) == [
        "Cookies",
        "We use one cookie.",
    ]


def test_select_lists_and_remove_as_in_ota_declarations():
    found = texts(SHARED_PAGE, select=["#privacy", "#cookies"], remove=["#cookies p"])
    assert found == [
        "Privacy policy",
        "We collect your e-mail address.",
        "We never sell it.",
        "Cookies",
    ]


def test_rules_parse_the_sites_file_shapes_and_reject_others():
    rules = Rules.parse({"select": "main", "start": {"after": ".header"}, "end": ".footer"})
    assert rules == Rules(("main",), (), Boundary(".header", True), Boundary(".footer"))
    with pytest.raises(ValueError, match="start"):
        Rules.parse({"start": {"inside": "main"}})


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Last updated: March 3, 2024.", "Last updated: April 15, 2025."),
        ("Dernière mise à jour : 12 septembre 2025", "Dernière mise à jour : 1er octobre 2025"),
        ("Effective date 2024-03-01", "Effective date 2025-01-15"),
        (
            "Copyright © 2019 Acme Inc. All rights reserved.",
            "Copyright © 2019-2024 Acme Inc. All rights reserved.",
        ),
        ("See https://x.com/p?utm_source=mail&id=3", "See https://x.com/p?id=3&gclid=abc"),
        (
            "Log in at https://x.com/;jsessionid=A1B2C3D4E5F6",
            "Log in at https://x.com/;jsessionid=99ffee77dd66",
        ),
        ("Styles: /static/main.3f9a1c2b7d4e5f60.css", "Styles: /static/main.0a1b2c3d4e5f6789.css"),
    ],
)
def test_noise_has_the_same_key(before, after):
    assert key(before) == key(after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We keep your data until March 3, 2024.", "We keep your data until March 3, 2026."),
        ("We keep records for 5 years.", "We keep records for 7 years."),
        ("Last updated: we share data with partners.", "Last updated: we sell data to brokers."),
    ],
)
def test_real_changes_keep_different_keys(before, after):
    assert key(before) != key(after)


def page(body: str) -> str:
    return f"<html><body><main><h1>Privacy</h1>{body}</main></body></html>"


def test_noise_alone_is_shown_as_cosmetic_and_never_more():
    old = normalize(page("<p>Last updated: March 3, 2024.</p><p>We sell nothing.</p>"))
    new = normalize(page("<p>Last updated: June 9, 2025.</p><p>We sell nothing.</p>"))
    changes = compare(old, new)
    assert len(changes) == 1
    assert changes[0].change.after == "Last updated: June 9, 2025."
    assert changes[0].judgement.materiality == "cosmetic"
    assert "only noise changed" in changes[0].judgement.reasons[0]


def test_noise_is_not_listed_beside_a_real_change():
    old = normalize(page("<p>Last updated: March 3, 2024.</p><p>We sell nothing.</p>"))
    new = normalize(page("<p>Last updated: June 9, 2025.</p><p>We sell your data.</p>"))
    changes = compare(old, new)
    assert [c.change.after for c in changes] == ["We sell your data."]


def test_numbered_and_all_caps_paragraphs_are_headings_in_html():
    document = normalize(
        page(
            "<p>1. Information We Collect</p><p>We collect names.</p>"
            "<p>SHARING</p><p>We share nothing.</p>"
        )
    )
    clauses = split(document)
    assert [(c.kind, c.text) for c in clauses if c.kind == "heading"] == [
        ("heading", "Privacy"),
        ("heading", "1. Information We Collect"),
        ("heading", "SHARING"),
    ]
    assert clauses[-1].section == "Privacy > SHARING"


def test_an_escaped_number_over_an_underline_is_a_heading_in_markdown():
    # how OTA's HTML-to-Markdown writes "<h2>5. What data do we process?</h2>"
    text = (
        "# Privacy\n\n5\\. WHAT DATA DO WE PROCESS?\n---------------\n\n"
        "We process the following data:\n\n* Usage data (clicks)."
    )
    clauses = split(normalize(text, content_type="text/markdown"))
    assert [(c.kind, c.text) for c in clauses][:2] == [
        ("heading", "Privacy"),
        ("heading", "5. WHAT DATA DO WE PROCESS?"),
    ]
    assert clauses[-1].section == "Privacy > 5. WHAT DATA DO WE PROCESS?"


def test_an_underline_indented_under_a_list_item_makes_it_a_heading_in_markdown():
    text = (
        "# Privacy\n\n1.  CHANGES TO THIS POLICY\n    ------------------\n\n"
        "We may change this policy."
    )
    clauses = split(normalize(text, content_type="text/markdown"))
    assert clauses[-1].section == "Privacy > CHANGES TO THIS POLICY"


def test_a_hard_wrapped_paragraph_reads_as_the_same_sentences_in_markdown():
    # a wrap before "16." continues the paragraph (only a list from 1 interrupts one), and a
    # link whose text runs over a line break is one link
    one_line = (
        "# Privacy\n\nWe limit the data of users aged 13 to 16. See [Section 4 'Our purposes']"
        "(#purposes) for more."
    )
    wrapped = (
        "# Privacy\n\nWe limit the data of users aged 13 to\n16. See [Section 4 'Our\n"
        "purposes'](#purposes) for more."
    )
    md = "text/markdown"
    assert compare(normalize(one_line, content_type=md), normalize(wrapped, content_type=md)) == []


def test_a_markdown_table_without_outer_pipes_reads_as_the_same_rows():
    piped = "# Privacy\n\n| Data | Purpose |\n|---|---|\n| Email | Receipts |\n| Phone | Support |"
    bare = "# Privacy\n\nData | Purpose\n---|---\nEmail | Receipts\nPhone | Support"
    md = "text/markdown"
    assert compare(normalize(piped, content_type=md), normalize(bare, content_type=md)) == []


def test_a_backslash_line_break_breaks_as_two_trailing_spaces_do_in_markdown():
    spaces = "# Privacy\n\nAcme Ltd  \n1 High Street  \nLondon\n\nWe never sell data."
    backslashes = "# Privacy\n\nAcme Ltd\\\n1 High Street\\\nLondon\n\nWe never sell data."
    md = "text/markdown"
    assert (
        compare(normalize(spaces, content_type=md), normalize(backslashes, content_type=md)) == []
    )


def test_the_same_version_gives_identical_clauses_in_every_replay_theme():
    fixtures = Fixtures()
    for site in fixtures.sites.values():
        version = site.live_version
        seen = {
            theme: [
                (c.kind, c.section, c.text)
                for c in split(normalize(fixtures.render(site, version, theme, 2020)))
            ]
            for theme in fixtures.themes
        }
        first = next(iter(seen.values()))
        assert first, site.slug
        assert all(clauses == first for clauses in seen.values()), site.slug


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Helvetica text layer, written by hand (no PDF library needed)."""
    stream = (
        "BT /F1 11 Tf 72 760 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_policies_split_into_headings_items_and_sentences():
    body = minimal_pdf(
        [
            "PRIVACY POLICY",
            "1. Data We Collect",
            "We collect your name. We keep it safe.",
            "- e-mail address",
        ]
    )
    clauses = split(normalize(body, content_type="application/pdf"))
    assert [(c.kind, c.text) for c in clauses] == [
        ("heading", "PRIVACY POLICY"),
        ("heading", "1. Data We Collect"),
        ("sentence", "We collect your name."),
        ("sentence", "We keep it safe."),
        ("item", "e-mail address"),
    ]
    assert clauses[-1].section == "1. Data We Collect"


def test_a_broken_pdf_gives_an_empty_document():
    assert normalize(b"%PDF-1.4\nnot really a pdf").blocks == ()
