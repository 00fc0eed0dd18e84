"""The CDX reader on real answers recorded from the Wayback Machine (tests/data/cdx, EDGI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.cdx import DEFAULT_FIELDS, parse_cdx, refusal, surt_key
from crawler.spiders.wayback import archived_target, merge_rows
from monitor.demo.fixtures import urlkey

DATA = Path(__file__).parent / "data" / "cdx"


def recorded(name: str) -> tuple[str, dict]:
    meta = json.loads((DATA / f"{name}.meta.json").read_text())
    return (DATA / f"{name}.cdx.txt").read_text(encoding="utf-8"), meta


def test_text_page_rows_have_the_default_fields():
    body, _ = recorded("test_search__00")
    page = parse_cdx(body)
    assert len(page.rows) == 3 and page.resume_key is None
    assert page.rows[0] == dict(
        zip(
            DEFAULT_FIELDS,
            "gov,nasa)/ 19961231235847 http://www.nasa.gov:80/ text/html 200 "
            "MGIGF4GRGGF5GKV6VNCBAXOE3OR5BTZC 1811".split(),
            strict=True,
        )
    )


def test_resume_key_follows_a_blank_line_and_is_kept_verbatim():
    body, _ = recorded("test_search_multipage__00")
    page = parse_cdx(body)
    assert len(page.rows) == 25
    assert page.resume_key == "com%2Ccnn%29%2F+2001041400593%3A"
    _, next_meta = recorded("test_search_multipage__01")
    # the client sends the key back as an opaque value: URL-encoded once more
    assert "resumeKey=com%252Ccnn%2529%252F%2B2001041400593%253A" in next_meta["request_uri"]


def test_last_recorded_page_still_has_a_key_and_rows_are_in_time_order():
    body, _ = recorded("test_search_multipage__13")
    page = parse_cdx(body)
    stamps = [row["timestamp"] for row in page.rows]
    assert stamps == sorted(stamps)
    assert page.resume_key == "com%2Ccnn%29%2F+20010509235545"


def test_redirects_and_revisits_are_read():
    body, _ = recorded("test_search_does_not_repeat_results__00")
    rows = parse_cdx(body).rows
    assert {row["statuscode"] for row in rows} == {"200", "301", "-"}
    assert any(row["mimetype"] == "warc/revisit" for row in rows)


def test_blocked_site_answer_is_a_clear_refusal():
    body, meta = recorded("test_search_raises_for_blocked_urls__00")
    assert meta["status"]["code"] == 403
    error = refusal(403, body, "https://nationalpost.com/health")
    assert error is not None
    assert str(error) == (
        "the Wayback Machine will not list https://nationalpost.com/health: "
        "the site is excluded from the archive"
    )


def test_an_ordinary_answer_is_not_a_refusal():
    body, _ = recorded("test_search__00")
    assert refusal(200, body, "nasa.gov") is None
    assert "HTTP 500" in str(refusal(500, "oops", "nasa.gov"))


def test_json_answer_with_resume_key():
    body = '[["timestamp","original"],\n["2014","http://a.example/"],\n[],\n["a%2C+2014"]]'
    page = parse_cdx(body)
    assert page.rows == [{"timestamp": "2014", "original": "http://a.example/"}]
    assert page.resume_key == "a%2C+2014"


def test_a_line_that_does_not_fit_the_fields_is_an_error():
    with pytest.raises(ValueError, match="line 1 has 2 fields"):
        parse_cdx("com,a)/ 2014\n")


@pytest.mark.parametrize(
    "url",
    [
        "http://www.perfectdrs.com/privacy-policy",
        "https://perfectdrs.com/privacy-policy",
        "https://WWW.PerfectDrs.com/Privacy-Policy",
        "perfectdrs.com/privacy-policy",
        "http://127.0.0.1:8765/live/x?b=2&a=1",
    ],
)
def test_url_key_agrees_with_the_replay_and_ignores_scheme_and_www(url):
    assert surt_key(url) == urlkey(url)


def test_variants_share_one_key():
    keys = {surt_key(u) for u in ("http://www.a.com/p", "https://a.com/p", "https://www.a.com/p")}
    assert keys == {"com,a)/p"}


def row(timestamp, original="http://a.com/p", status="200", digest="D"):
    return {"timestamp": timestamp, "original": original, "statuscode": status, "digest": digest}


def test_merge_sorts_by_time_and_drops_rows_seen_by_two_queries():
    rows = [row("2016"), row("2014", "https://www.a.com/p"), row("2016"), row("2015")]
    merged = merge_rows(rows)
    assert [r["timestamp"] for r in merged] == ["2014", "2015", "2016"]


@pytest.mark.parametrize(("per", "kept"), [("all", 4), ("hour", 3), ("day", 2)])
def test_per_period_keeps_the_first_page_of_each_period_and_every_redirect(per, kept):
    rows = [
        row("20190611090909"),
        row("20190611093000"),
        row("20190611101500"),
        row("20190611101600", status="301"),
        row("20190612000000"),
    ]
    merged = merge_rows(rows, per)
    assert sum(r["statuscode"] == "200" for r in merged) == kept
    assert any(r["statuscode"] == "301" for r in merged)


def test_archived_target_strips_the_wayback_prefix():
    location = "http://127.0.0.1:1/web/20150623120000id_/https://www.drbatras.com/privacy-policy"
    assert archived_target(location) == "https://www.drbatras.com/privacy-policy"
    assert archived_target("https://example.com/new") == "https://example.com/new"
