"""normalize(): canonical text, block structure, chrome removal and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diffs import compare
from diffs.normalize import Block, Document, decode, normalize, sniff_format

DATA = Path(__file__).parent / "data" / "diffs"
CASES = yaml.safe_load((DATA / "normalize_cases.yaml").read_text(encoding="utf-8"))


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_normalize_case(case):
    document = normalize(case["content"], content_type=case.get("content_type"))
    assert [[b.kind, b.text, b.level] for b in document.blocks] == case["blocks"]


def test_document_text_renders_headings_and_items_and_hash_follows_text():
    document = Document(
        (Block("heading", "Policy", 1), Block("item", "Name."), Block("paragraph", "Hi."))
    )
    assert document.text == "# Policy\n\n- Name.\n\nHi."
    other = Document(document.blocks, title="another title")
    assert document.sha256 == other.sha256
    assert len(document.sha256) == 64


def test_two_themes_with_different_chrome_give_identical_text():
    a = normalize(read("html/theme-a.html"), content_type="text/html; charset=utf-8")
    b = normalize(read("html/theme-b.html"), content_type="text/html")
    assert a.text == b.text
    assert a.sha256 == b.sha256
    assert compare(a, b) == []


def test_chrome_text_does_not_reach_the_document():
    text = normalize(read("html/theme-a.html")).text
    for chrome in (
        "Doctors",
        "cookies to improve",
        "2023",
        "Skip to content",
        "Back to top",
        "Tweet",
    ):
        assert chrome not in text
    assert "Subscribe" not in text


def test_document_text_is_readable_markdown_that_round_trips():
    document = normalize(read("html/theme-a.html"))
    again = normalize(document.text, content_type="text/markdown")
    assert again.blocks == document.blocks


def test_html_title_is_kept_apart_from_the_hashed_text():
    document = normalize(read("html/theme-a.html"))
    assert document.title == "Privacy Policy | Example Clinic"
    assert "Example Clinic Pvt. Ltd." in document.text


def test_select_keeps_only_matching_elements_in_document_order():
    page = "<body><div id=a>First part.</div><p>Noise.</p><div class=b>Second part.</div></body>"
    document = normalize(page, content_type="text/html", select=[".b", "#a"])
    assert [b.text for b in document.blocks] == ["First part.", "Second part."]


def test_remove_selectors_apply_before_selection():
    page = "<body><main><p>Keep this.</p><p class='ad'>Buy now.</p></main></body>"
    document = normalize(page, content_type="text/html", select=["main"], remove=[".ad"])
    assert [b.text for b in document.blocks] == ["Keep this."]


def test_invalid_selector_is_a_value_error():
    with pytest.raises(ValueError, match="invalid CSS selector"):
        normalize("<p>x</p>", content_type="text/html", select=["p[["])


def test_main_element_preferred_over_surrounding_body_text():
    page = (
        "<body><div>Promo banner text that is not policy.</div>"
        "<main><p>The policy text is here and it is long enough to dominate the page.</p></main>"
        "</body>"
    )
    assert [b.text for b in normalize(page, content_type="text/html").blocks] == [
        "The policy text is here and it is long enough to dominate the page."
    ]


def test_link_dense_menu_outside_nav_is_dropped_without_main():
    menu = "<div class='menu'><a href=1>Home</a> <a href=2>About</a> <a href=3>Blog</a></div>"
    page = f"<body>{menu}<div>We never sell personal data.</div></body>"
    assert normalize(page, content_type="text/html").text == "We never sell personal data."


def test_cloudflare_obfuscated_email_is_decoded():
    obfuscated = (
        '<body><p>Write to <a href="/cdn-cgi/l/email-protection#00"><span class="__cf_email__" '
        'data-cfemail="4226322d02273a232f322e276c212d2f">[email&#160;protected]</span></a>.</p></body>'
    )
    plain = "<body><p>Write to <a href='mailto:dpo@example.com'>dpo@example.com</a>.</p></body>"
    assert normalize(obfuscated, content_type="text/html").text == "Write to dpo@example.com."
    assert normalize(obfuscated, content_type="text/html") == normalize(
        plain, content_type="text/html"
    )


FWS_BIRDS = "https://www.fws.gov/birds/"  # the capture's original URL


def test_wayback_toolbar_page_normalizes_like_the_raw_id_capture():
    raw = normalize(read("wayback/fws-birds-id_.html"), content_type="text/html", url=FWS_BIRDS)
    played = normalize(
        read("wayback/fws-birds-toolbar.html"), content_type="text/html", url=FWS_BIRDS
    )
    assert raw.blocks, "the fixture must keep some content"
    assert played.text == raw.text
    assert "Wayback Machine" not in played.text


def test_wayback_toolbar_removed_by_ids_when_comment_markers_are_missing():
    page = read("wayback/fws-birds-toolbar.html").decode("utf-8")
    page = page.replace("<!-- BEGIN WAYBACK TOOLBAR INSERT -->", "")
    page = page.replace("<!-- END WAYBACK TOOLBAR INSERT -->", "")
    raw = normalize(read("wayback/fws-birds-id_.html"), content_type="text/html", url=FWS_BIRDS)
    assert normalize(page, content_type="text/html", url=FWS_BIRDS).text == raw.text


def test_1mg_seed_mojibake_residue_is_removed():
    text = normalize(read("seeds/1mg-2019-05.txt")).text
    assert "â" not in text
    assert "hereinafter referred to a 1mg or we or our or us or company." in text
    assert "the user's personal" in text


def test_perfectdrs_seed_mojibake_nbsp_residue_is_removed():
    text = normalize(read("seeds/perfectdrs.txt")).text
    assert "Â" not in text
    assert "We collect Personal Information from users of our Website, including:" in text


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n\t ",
        bytes(range(256)) * 40,
        b"\x00\x00\xff\xfe garbage \x81\x82",
        b"<html><body><p>Unclosed <b>bold <div><li>item",
        b"<?xml version='1.0' encoding='utf-8'?><html><body><p>XML declared</p></body></html>",
        b"<<<>>><!-- <p",
        b"<p>" + "\u00e9".encode("latin-1") * 3,
    ],
    ids=[
        "empty",
        "whitespace",
        "all-bytes",
        "binary",
        "truncated",
        "xml-declaration",
        "tags-only",
        "latin1",
    ],
)
def test_normalize_never_raises(body):
    document = normalize(body)
    assert isinstance(document, Document)
    assert all(block.text for block in document.blocks)


def test_empty_input_gives_empty_document():
    assert normalize(b"").blocks == ()
    assert normalize("<html><body><script>x()</script></body></html>").blocks == ()


def test_five_megabyte_page_completes():
    paragraph = (
        "<div class='c'><p>We may share <b>your</b> data with partners, e.g. them.</p></div>\n"
    )
    count = 5_000_000 // len(paragraph)
    page = ("<html><body><main>" + paragraph * count + "</main></body></html>").encode()
    assert len(page) >= 4_900_000
    document = normalize(page, content_type="text/html")
    assert len(document.blocks) == count
    assert document.blocks[0].text == "We may share your data with partners, e.g. them."


def test_five_megabyte_hard_wrapped_text_joins_lines_without_blowing_up():
    text = "we may share your data with\nour partners and affiliates\n" * 90_000
    document = normalize(text.encode(), content_type="text/plain")
    assert len(document.blocks) == 1
    assert document.blocks[0].text.startswith("we may share your data with our partners and")


def test_unclosed_nav_does_not_swallow_the_policy():
    page = "<body><nav><ul><li>Home</ul><main><p>Policy text that matters.</p></main></body>"
    assert normalize(page, content_type="text/html").text == "Policy text that matters."


def test_page_wrapped_in_a_form_keeps_its_text():
    page = (
        "<body><form id=form1><input type=hidden name=__VIEWSTATE value=abc>"
        "<p>Our policy text is long enough to be the page.</p></form></body>"
    )
    assert (
        normalize(page, content_type="text/html").text
        == "Our policy text is long enough to be the page."
    )


def test_deeply_nested_markup_does_not_raise():
    depth = 1500
    page = "<div>" * depth + "Deep text." + "</div>" * depth
    assert normalize(page, content_type="text/html").text == "Deep text."
    assert isinstance(normalize("<div>" * 100_000, content_type="text/html"), Document)


def test_decode_prefers_bom_then_header_then_meta():
    assert decode("\ufeffcafé".encode("utf-8"), "text/html; charset=iso-8859-1") == "café"
    assert decode("café".encode("cp1252"), "text/html; charset=ISO-8859-1") == "café"
    assert (
        decode(b'<meta charset="windows-1252"><p>caf\xe9') == '<meta charset="windows-1252"><p>café'
    )
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>\xa4'
    assert decode(meta).endswith("€")


def test_decode_detects_undeclared_legacy_encoding_and_survives_bad_labels():
    assert decode("Привет мир, это тест кодировки текста".encode("cp1251")).startswith("Привет")
    assert decode("café".encode(), "text/html; charset=no-such-charset") == "café"
    assert "\ufffd" in decode(b"\xff\xfe\xfa", "text/plain; charset=utf-8")


@pytest.mark.parametrize(
    ("text", "content_type", "url", "expected"),
    [
        ("<p>x</p>", "text/html; charset=utf-8", None, "html"),
        ("# Title", "text/plain", "https://raw.example/policy.md", "markdown"),
        ("<!DOCTYPE html><html>", None, None, "html"),
        ("# Policy\n\nWe **never** sell [data](x).", None, None, "markdown"),
        ("Privacy Policy\nWe collect data.", None, None, "text"),
        ("<p>looks like html</p>", "text/plain", None, "text"),
    ],
)
def test_sniff_format(text, content_type, url, expected):
    assert sniff_format(text, content_type, url) == expected
