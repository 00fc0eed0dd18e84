"""Where a policy's links point is part of its text: kept, compared, judged (diffs/links.py)."""

from __future__ import annotations

from bench.corpus import reads_the_same
from diffs import compare, normalize
from diffs.links import target
from diffs.noise import key

PAGE = "https://www.clinic.example/privacy"


def html(body: str) -> str:
    return f"<html><body><main><h1>Privacy</h1>{body}</main></body></html>"


def text_of(body: str, url: str | None = PAGE) -> str:
    return normalize(html(body), content_type="text/html", url=url).text


def judged(old_body: str, new_body: str) -> list[tuple[str, str, tuple[str, ...]]]:
    old, new = (
        normalize(html(b), content_type="text/html", url=PAGE) for b in (old_body, new_body)
    )
    return [(c.change.op, c.judgement.materiality, c.judgement.reasons) for c in compare(old, new)]


def test_a_link_elsewhere_is_written_after_its_text():
    body = '<p>The processors are listed <a href="https://docs.example/list.pdf">here</a>.</p>'
    assert "listed here <https://docs.example/list.pdf>." in text_of(body)


def test_a_file_on_the_same_site_is_written_as_a_path_whatever_the_domain_or_scheme():
    assert target("list", "https://www.clinic.example/docs/list.pdf", PAGE) == "/docs/list.pdf"
    assert target("list", "/docs/list.pdf", "http://clinic.example/privacy") == "/docs/list.pdf"
    assert target("list", "docs/list.pdf", "https://new.example/privacy") == "/docs/list.pdf"


def test_links_to_other_pages_of_the_same_site_are_left_out():
    assert target("book an appointment", "/book", PAGE) is None
    assert target("cookies", "https://clinic.example/cookies?lang=en", PAGE) is None


def test_links_that_say_nothing_about_the_policy_are_left_out():
    assert target("Rights", "#rights", PAGE) is None
    assert target("this page", "https://clinic.example/privacy#top", PAGE) is None
    assert target("open", "javascript:void(0)", PAGE) is None
    assert target("dpo@clinic.example", "mailto:dpo@clinic.example", PAGE) is None
    assert target("docs.example", "https://docs.example/", PAGE) is None
    assert target("[email protected]", "/cdn-cgi/l/email-protection#a1b2", PAGE) is None


def test_an_archived_link_points_where_the_live_one_did():
    archived = "https://web.archive.org/web/20140101000000/http://docs.example/list.pdf"
    assert target("list", archived, PAGE) == "http://docs.example/list.pdf"
    in_replay = "/web/20140101000000id_/http://clinic.example/list.pdf"
    assert target("list", in_replay, PAGE) == "/list.pdf"


def test_a_mail_link_keeps_its_address():
    body = '<p>Write <a href="mailto:dpo@clinic.example?subject=Rights">to our officer</a>.</p>'
    assert "to our officer <dpo@clinic.example>." in text_of(body)


def test_markdown_links_are_kept_the_same_way():
    markdown = "# P\n\nSee [the list](https://docs.example/list.pdf) and [rights](#rights)."
    assert normalize(markdown, content_type="text/markdown").text.endswith(
        "See the list <https://docs.example/list.pdf> and rights."
    )


def test_a_link_pointing_to_another_document_is_a_minor_change():
    old = '<p>The processors are listed <a href="https://docs.example/2024.pdf">here</a>.</p>'
    new = '<p>The processors are listed <a href="https://docs.example/2025.pdf">here</a>.</p>'
    [(op, materiality, reasons)] = judged(old, new)
    assert (op, materiality) == ("modified", "minor")
    assert "2024.pdf" in reasons[0] and "2025.pdf" in reasons[0]


def test_words_that_became_a_link_are_a_cosmetic_change():
    old = "<p>The processors are listed in our annex.</p>"
    new = '<p>The processors are listed in <a href="https://docs.example/annex">our annex</a>.</p>'
    assert [materiality for _, materiality, _ in judged(old, new)] == ["cosmetic"]


def test_a_new_address_behind_a_contact_link_is_material():
    old = '<p>To exercise your rights, <a href="mailto:dpo@clinic.example">write to us</a>.</p>'
    new = '<p>To exercise your rights, <a href="mailto:privacy@other.example">write to us</a>.</p>'
    [(_, materiality, reasons)] = judged(old, new)
    assert materiality == "material" and "privacy@other.example" in reasons[0]


def test_tracking_parameters_and_scheme_of_a_link_are_noise():
    old = '<p>See <a href="http://docs.example/list.pdf?usp=sharing">the list</a>.</p>'
    new = '<p>See <a href="https://docs.example/list.pdf?utm_source=mail">the list</a>.</p>'
    assert {materiality for _, materiality, _ in judged(old, new)} <= {"cosmetic"}
    assert key("a <https://docs.example/x?sid=1>") == key("a <http://www.docs.example/x>")


def test_a_new_file_id_in_a_link_path_is_not_noise():
    assert key("<https://drive.example/file/d/1oc_2KDS79dQ6dgbyiZedlr9RbhpXvMRD/view>") != key(
        "<https://drive.example/file/d/1yCn_bLhVfK1l--r_st7_g_kgAnDkoW50/view>"
    )


def test_a_table_of_contents_is_navigation():
    toc = (
        '<p id="toc">Table of contents</p><ul><li><a href="#a">What we collect</a></li>'
        '<li><a href="#b">Who we share it with</a></li><li><a href="#c">Your rights</a></li></ul>'
    )
    assert text_of(toc + "<p>We collect your name.</p>") == text_of("<p>We collect your name.</p>")


def test_a_markdown_table_of_contents_is_navigation():
    toc = "Contents\n\n* [What we collect](#a)\n* [Sharing](#b)\n    * [Rights](#c)\n\n"
    with_toc = normalize(f"# P\n\n{toc}We collect your name.", content_type="text/markdown")
    assert with_toc.text == "# P\n\nWe collect your name."


def test_ota_versions_that_differ_only_in_rendering_read_the_same():
    assert reads_the_same("# T\n\n* item one\n", "# T\n\n*   item one\n")
    assert reads_the_same("[](#short)Short\n-----\n\nText.", "[Short #](#short)\n-----\n\nText.")
    assert reads_the_same(
        "Write to [\\[email protected\\]](https://x.example/cdn-cgi/l/email-protection).",
        "Write to [dpo@x.example](mailto:dpo@x.example).",
    )


def test_ota_versions_with_a_new_word_or_link_target_read_differently():
    assert not reads_the_same("We keep data 1 year.", "We keep data 2 years.")
    assert not reads_the_same(
        "See [here](https://a.example/1).", "See [here](https://a.example/2)."
    )
