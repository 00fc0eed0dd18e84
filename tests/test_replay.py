"""The offline replay behaves like the sites and the Wayback Machine the crawler will meet.

Every test speaks real HTTP over loopback, as the crawler does; a wrong answer here would make
every crawler and integration test downstream pass or fail for the wrong reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, unquote_plus

import pytest
import yaml

from monitor.demo.fixtures import DEFAULT_FIXTURES, digest
from monitor.demo.replay import ReplayServer

SEED_SLUGS = {"perfectdrs", "drbatras", "qtraq", "backofficeservices", "1mg"}
PERFECTDRS = "https://www.perfectdrs.com/privacy-policy"
QTRAQ = "https://www.qtraq.com/privacy-policy"


class Reply(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # hand 3xx back to the test instead of following it


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 5) -> Reply:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


def cdx(server: ReplayServer, url: str, **params: str) -> list[list[str]]:
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in {"url": url, **params}.items())
    reply = fetch(f"{server.url}/cdx/search/cdx?output=json&{query}")
    assert reply.status == 200, reply.body
    return json.loads(reply.body)


@pytest.fixture(scope="module")
def shared() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


@pytest.fixture
def server(shared: ReplayServer) -> Iterator[ReplayServer]:
    yield shared
    shared.clear_faults()


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((DEFAULT_FIXTURES / "manifest.yaml").read_text(encoding="utf-8"))


# -- fixtures ---------------------------------------------------------------------------------


def test_manifest_files_exist_and_captures_are_sorted(manifest: dict) -> None:
    for site in manifest["sites"]:
        folder = DEFAULT_FIXTURES / "policies" / site["slug"]
        versions = {c["version"] for c in site["captures"] if "version" in c}
        for version in versions | {site["live"]["version"]}:
            assert (folder / version).is_file(), f"{site['slug']}/{version}"
        for theme in {c["theme"] for c in site["captures"] if "theme" in c}:
            assert (DEFAULT_FIXTURES / "themes" / f"{theme}.html").is_file()
        stamps = [c["timestamp"] for c in site["captures"]]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps), site["slug"]
        assert all(re.fullmatch(r"\d{14}", s) for s in stamps)


def test_manifest_live_page_is_the_newest_version(manifest: dict) -> None:
    for site in manifest["sites"]:
        last = [c for c in site["captures"] if c["status"] == 200][-1]
        assert site["live"]["version"] == last["version"], site["slug"]


# (site, older version, newer version, phrase, "added" or "removed"): the material changes that
# monitor/demo/README.md promises to the demo and to integration tests.
DOCUMENTED_CHANGES = [
    ("perfectdrs", "2016.md", "2019.md", "Google remarketing", "added"),
    ("perfectdrs", "2019.md", "2021.md", "no longer than 3 years", "removed"),
    ("perfectdrs", "2019.md", "2021.md", "no longer than 10 years", "added"),
    ("perfectdrs", "2019.md", "2021.md", "Pharmaceutical companies", "added"),
    ("perfectdrs", "2021.md", "2023.md", "We never sell your personal information", "removed"),
    (
        "perfectdrs",
        "2021.md",
        "2023.md",
        "Mr. Rohan Kapoor, Perfect Doctors Clinic, email: dpo@",
        "added",
    ),
    ("drbatras", "2016.md", "2019.md", "+91.22.6740.7676", "added"),
    ("drbatras", "2016.md", "2019.md", "franchisees, pharmacy partners", "added"),
    ("drbatras", "2019.md", "2022.md", "India and Singapore", "added"),
    ("drbatras", "2022.md", "2025.md", "Ms. Priya Nair", "added"),
    ("qtraq", "2017.md", "2019.md", "contact lists in your device", "added"),
    ("qtraq", "2019.md", "2019-07.md", "partner clinics and diagnostic centres", "added"),
    ("qtraq", "2021.md", "2024.md", "including in the background", "added"),
    ("backofficeservices", "2015.md", "2018.md", "### Parent company", "added"),
    ("backofficeservices", "2020.md", "2023.md", "we will not share, rent or sell", "removed"),
    ("backofficeservices", "2020.md", "2023.md", "up to 8 years", "added"),
    ("1mg", "2016.md", "2019.md", "1mg may sell or otherwise transfer", "added"),
    ("1mg", "2019.md", "2021.md", "- Location information", "added"),
    ("1mg", "2019.md", "2021.md", "- Health records", "added"),
    ("1mg", "2021.md", "2023.md", "Tata group companies", "added"),
    ("1mg", "2021.md", "2023.md", "Mr. Vikas Chauhan", "removed"),
]


@pytest.mark.parametrize(
    ("slug", "old", "new", "phrase", "how"),
    DOCUMENTED_CHANGES,
    ids=[f"{c[0]}-{c[1][:-3]}-{c[2][:-3]}-{c[4]}" for c in DOCUMENTED_CHANGES],
)
def test_documented_material_changes_are_in_the_fixtures(
    slug: str, old: str, new: str, phrase: str, how: str
) -> None:
    folder = DEFAULT_FIXTURES / "policies" / slug
    in_before = phrase in (folder / old).read_text(encoding="utf-8")
    in_after = phrase in (folder / new).read_text(encoding="utf-8")
    assert (in_before, in_after) == ((False, True) if how == "added" else (True, False))


def test_sites_yaml_lists_the_five_seed_sites(server: ReplayServer) -> None:
    sites = yaml.safe_load(server.sites_yaml())["sites"]
    assert {s["slug"] for s in sites} == SEED_SLUGS
    by_slug = {s["slug"]: s for s in sites}
    assert by_slug["perfectdrs"]["url"] == server.live_url("perfectdrs")
    assert by_slug["drbatras"]["archive_urls"] == [
        "https://www.drbatras.com/privacy-policy",
        "http://www.bperfect.co.in/privacy-policy.aspx",
    ]
    assert all(set(s) == {"slug", "name", "url", "archive_urls"} for s in sites)


# -- CDX --------------------------------------------------------------------------------------


def test_cdx_json_has_a_header_row_then_string_rows(server: ReplayServer) -> None:
    table = cdx(server, PERFECTDRS)
    assert table[0] == [
        "urlkey",
        "timestamp",
        "original",
        "mimetype",
        "statuscode",
        "digest",
        "length",
    ]
    assert len(table) == 11
    first = table[1]
    assert first[:5] == [
        "com,perfectdrs)/privacy-policy",
        "20160212081530",
        "http://www.perfectdrs.com/privacy-policy",
        "text/html",
        "200",
    ]
    assert all(isinstance(value, str) for row in table for value in row)


def test_cdx_fl_selects_fields(server: ReplayServer) -> None:
    table = cdx(server, PERFECTDRS, fl="timestamp,statuscode", to="2016")
    assert table == [
        ["timestamp", "statuscode"],
        ["20160212081530", "200"],
        ["20160918140211", "200"],
    ]


def test_cdx_text_output_is_space_separated(server: ReplayServer) -> None:
    reply = fetch(
        f"{server.url}/cdx/search/cdx?url=perfectdrs.com/privacy-policy&fl=timestamp,digest"
    )
    lines = reply.body.decode().splitlines()
    assert len(lines) == 10
    assert re.fullmatch(r"20160212081530 [A-Z2-7]{32}", lines[0])


def test_cdx_url_ignores_scheme_and_www(server: ReplayServer) -> None:
    expected = cdx(server, PERFECTDRS)
    assert cdx(server, "http://perfectdrs.com/privacy-policy") == expected
    assert cdx(server, "perfectdrs.com/privacy-policy") == expected


def test_cdx_for_the_live_replay_url_returns_the_site_history(server: ReplayServer) -> None:
    via_live = cdx(server, server.live_url("perfectdrs"))
    assert via_live == cdx(server, PERFECTDRS)
    drbatras = cdx(server, server.live_url("drbatras"), fl="original")
    assert {row[0] for row in drbatras[1:]} == {
        "https://www.drbatras.com/privacy-policy",
        "http://www.bperfect.co.in/privacy-policy.aspx",
        "http://bperfect.co.in/privacy-policy.aspx",
    }


def test_cdx_collapse_digest_drops_only_adjacent_repeats(server: ReplayServer) -> None:
    full = cdx(server, QTRAQ, fl="timestamp,digest")[1:]
    collapsed = cdx(server, QTRAQ, fl="timestamp,digest", collapse="digest")[1:]
    digests = {ts: d for ts, d in full}
    # 2019-03 and 2019-11 are the same page, with a different one in between: both stay.
    assert digests["20190312130045"] == digests["20191102054510"]
    assert ["20191102054510", digests["20191102054510"]] in collapsed
    # perfectdrs 2016-02 and 2016-09 are identical neighbours: the second goes.
    perfect = [row[0] for row in cdx(server, PERFECTDRS, fl="timestamp", collapse="digest")[1:]]
    assert "20160212081530" in perfect and "20160918140211" not in perfect
    assert len(collapsed) == len(full)  # qtraq has no adjacent repeats at all


def test_cdx_from_and_to_are_inclusive_timestamp_prefixes(server: ReplayServer) -> None:
    rows = cdx(server, PERFECTDRS, fl="timestamp", **{"from": "2019", "to": "2021"})
    assert [r[0] for r in rows[1:]] == [
        "20190407110022",
        "20190923060505",
        "20210115154233",
        "20210702081744",
    ]
    rows = cdx(server, PERFECTDRS, fl="timestamp", **{"from": "201909", "to": "20210115154233"})
    assert [r[0] for r in rows[1:]] == ["20190923060505", "20210115154233"]


def test_cdx_filter_statuscode_and_its_negation(server: ReplayServer) -> None:
    ok = cdx(server, PERFECTDRS, fl="statuscode", filter="statuscode:200")
    assert {r[0] for r in ok[1:]} == {"200"} and len(ok) == 10
    not_ok = cdx(server, PERFECTDRS, fl="timestamp,statuscode", filter="!statuscode:200")
    assert not_ok[1:] == [["20170305093000", "404"]]
    redirects = cdx(
        server, "http://www.bperfect.co.in/privacy-policy.aspx", filter="statuscode:3.."
    )
    assert [r[4] for r in redirects[1:]] == ["301", "301"]


def test_cdx_match_type_domain(server: ReplayServer) -> None:
    rows = cdx(server, "bperfect.co.in", matchType="domain", fl="urlkey")
    assert {r[0] for r in rows[1:]} == {"in,co,bperfect)/privacy-policy.aspx"}


def test_cdx_empty_result_is_an_empty_json_array(server: ReplayServer) -> None:
    assert cdx(server, "https://example.org/nothing") == []
    assert cdx(server, PERFECTDRS, **{"from": "2030"}) == []


def test_cdx_resume_key_pages_through_everything_once(server: ReplayServer) -> None:
    expected = cdx(server, server.live_url("drbatras"))[1:]
    pages, resume = [], None
    for _ in range(20):
        params = {"limit": "3", "showResumeKey": "true"}
        if resume:
            params["resumeKey"] = resume
        table = cdx(server, server.live_url("drbatras"), **params)
        if table[-2:-1] == [[]]:
            resume = table[-1][0]
            pages.append(table[1:-2])
        else:
            pages.append(table[1:])
            break
    rows = [row for page in pages for row in page]
    assert len(pages) == 3 and all(len(page) <= 3 for page in pages)
    assert rows == expected
    assert " " in unquote_plus(resume)  # "urlkey timestamp", URL-encoded as the real server does


def test_cdx_resume_key_in_text_output(server: ReplayServer) -> None:
    url = f"{server.url}/cdx/search/cdx?url={PERFECTDRS}&fl=timestamp&limit=2&showResumeKey=true"
    lines = fetch(url).body.decode().split("\n")
    assert lines[:3] == ["20160212081530", "20160918140211", ""]
    assert lines[3].endswith("20160918140211")


# -- captures ---------------------------------------------------------------------------------


def test_id_capture_body_digest_equals_cdx_digest(server: ReplayServer) -> None:
    for _, timestamp, original, _, status, cdx_digest, length in cdx(server, PERFECTDRS)[1:]:
        reply = fetch(f"{server.url}/web/{timestamp}id_/{original}")
        assert reply.status == int(status)
        assert digest(reply.body) == cdx_digest
        assert len(reply.body) == int(length)


def test_id_capture_has_wayback_headers(server: ReplayServer) -> None:
    reply = fetch(
        f"{server.url}/web/20140401002136id_/http://www.bperfect.co.in/privacy-policy.aspx"
    )
    assert reply.status == 200
    assert reply.headers["Memento-Datetime"] == "Tue, 01 Apr 2014 00:21:36 GMT"
    assert reply.headers["X-Archive-Src"].endswith(".warc.gz")
    assert b"Dr. Batra's may reviews its Privacy Policy" in reply.body  # the 2014 seed text
    assert b"wm-ipp" not in reply.body


def test_missing_timestamp_redirects_to_the_nearest_capture(server: ReplayServer) -> None:
    reply = fetch(f"{server.url}/web/20190601000000id_/{PERFECTDRS}")
    assert reply.status == 302
    assert reply.headers["Location"] == f"{server.url}/web/20190407110022id_/{PERFECTDRS}"
    short = fetch(f"{server.url}/web/2023id_/{PERFECTDRS}")
    assert short.headers["Location"].startswith(f"{server.url}/web/20230310192501id_/")


def test_redirect_capture_points_at_the_new_url_inside_the_archive(server: ReplayServer) -> None:
    old = "http://www.bperfect.co.in/privacy-policy.aspx"
    reply = fetch(f"{server.url}/web/20150623120000id_/{old}")
    assert reply.status == 301
    new = "https://www.drbatras.com/privacy-policy"
    assert reply.headers["Location"] == f"{server.url}/web/20150623120000id_/{new}"
    hop = fetch(reply.headers["Location"])
    assert hop.status == 302 and "/web/20160310084512id_/" in hop.headers["Location"]
    assert fetch(hop.headers["Location"]).status == 200


def test_unknown_url_in_the_archive_is_404(server: ReplayServer) -> None:
    assert fetch(f"{server.url}/web/20200101000000id_/https://example.org/").status == 404


def test_toolbar_mode_injects_the_wayback_toolbar(server: ReplayServer) -> None:
    raw = fetch(f"{server.url}/web/20190407110022id_/{PERFECTDRS}").body
    shown = fetch(f"{server.url}/web/20190407110022/{PERFECTDRS}").body
    assert b"BEGIN WAYBACK TOOLBAR INSERT" not in raw
    assert b"<!-- BEGIN WAYBACK TOOLBAR INSERT -->" in shown
    assert b"The Wayback Machine - " in shown and b"bundle-playback.js" in shown
    stripped = re.sub(
        rb"\n<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->\n",
        b"",
        shown,
        flags=re.S,
    )
    assert raw.split(b"<body")[1] in stripped


def test_fragmented_theme_uses_div_titles_and_spans(server: ReplayServer) -> None:
    body = fetch(f"{server.url}/web/20210115154233id_/{PERFECTDRS}").body.decode()
    assert '<div class="title"><span>How Long Do We Keep Your Data?</span></div>' in body
    assert "<h2>" not in body.split('data-testid="policy"')[1].split("</main>")[0]
    assert '<a href="mailto:concierge@perfectdrs.com">' in body
    assert "<span>We never sell your personal information for any purpose.</span>" in body


# -- live pages -------------------------------------------------------------------------------


def test_live_page_serves_the_newest_version_with_validators(server: ReplayServer) -> None:
    reply = fetch(server.live_url("perfectdrs"))
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert reply.headers["ETag"] == f'"{digest(reply.body)}"'
    assert reply.headers["Last-Modified"] == "Sat, 18 Jan 2025 10:15:00 GMT"
    assert b"Mr. Rohan Kapoor" in reply.body and b"We never sell your personal" not in reply.body


def test_live_page_answers_304_to_a_matching_if_none_match(server: ReplayServer) -> None:
    etag = fetch(server.live_url("1mg")).headers["ETag"]
    reply = fetch(server.live_url("1mg"), {"If-None-Match": etag})
    assert reply.status == 304 and reply.body == b""
    assert fetch(server.live_url("1mg"), {"If-None-Match": '"other"'}).status == 200


def test_live_page_answers_304_to_if_modified_since(server: ReplayServer) -> None:
    modified = fetch(server.live_url("qtraq")).headers["Last-Modified"]
    assert fetch(server.live_url("qtraq"), {"If-Modified-Since": modified}).status == 304
    old = "Mon, 01 Jan 2018 00:00:00 GMT"
    assert fetch(server.live_url("qtraq"), {"If-Modified-Since": old}).status == 200


def test_set_live_changes_the_page_and_its_etag() -> None:
    with ReplayServer() as server:
        before = fetch(server.live_url("qtraq"))
        server.set_live("qtraq", "2021.md")
        after = fetch(server.live_url("qtraq"), {"If-None-Match": before.headers["ETag"]})
    assert after.status == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert b"in the background" in before.body and b"in the background" not in after.body


def test_rendering_is_identical_across_server_instances(server: ReplayServer) -> None:
    with ReplayServer() as other:
        for slug in SEED_SLUGS:
            assert fetch(server.live_url(slug)).body == fetch(other.live_url(slug)).body
            rows = cdx(server, server.live_url(slug))
            assert rows[1:] == cdx(other, other.live_url(slug))[1:]
            for row in rows[1:]:
                path = f"/web/{row[1]}id_/{row[2]}"
                assert fetch(server.url + path).body == fetch(other.url + path).body


# -- faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["429", "500", "503"])
def test_status_faults(server: ReplayServer, kind: str) -> None:
    server.fault("/cdx/", kind)
    assert fetch(f"{server.url}/cdx/search/cdx?url={PERFECTDRS}").status == int(kind)
    assert fetch(f"{server.url}/cdx/search/cdx?url={PERFECTDRS}").status == 200


def test_429_has_no_retry_after_unless_asked(server: ReplayServer) -> None:
    server.fault("/cdx/", "429")
    server.fault("/cdx/", "429-retry-after", retry_after=7)
    plain = fetch(f"{server.url}/cdx/search/cdx?url={PERFECTDRS}")
    polite = fetch(f"{server.url}/cdx/search/cdx?url={PERFECTDRS}")
    assert plain.status == polite.status == 429
    assert "Retry-After" not in plain.headers and polite.headers["Retry-After"] == "7"


def test_fault_counts_times_then_stops(server: ReplayServer) -> None:
    server.fault("/live/", "503", times=2)
    statuses = [fetch(server.live_url("drbatras")).status for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_fault_forever_until_cleared(server: ReplayServer) -> None:
    server.fault("/live/perfectdrs", "500", times=None)
    assert [fetch(server.live_url("perfectdrs")).status for _ in range(4)] == [500] * 4
    assert fetch(server.live_url("qtraq")).status == 200  # other paths untouched
    server.clear_faults()
    assert fetch(server.live_url("perfectdrs")).status == 200


def test_unknown_fault_kind_is_refused(server: ReplayServer) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        server.fault("/", "teapot")


def test_timeout_fault_delays_the_answer(server: ReplayServer) -> None:
    server.fault("/live/", "timeout", seconds=0.3)
    with pytest.raises(TimeoutError):
        fetch(server.live_url("1mg"), timeout=0.05)
    server.fault("/live/", "timeout", seconds=0.2)
    started = time.monotonic()
    reply = fetch(server.live_url("1mg"))
    assert reply.status == 200 and time.monotonic() - started >= 0.2


def test_redirect_loop_fault_redirects_to_itself(server: ReplayServer) -> None:
    server.fault("/live/", "redirect-loop")
    reply = fetch(server.live_url("qtraq"))
    assert reply.status == 302 and reply.headers["Location"] == server.live_url("qtraq")


def test_empty_fault(server: ReplayServer) -> None:
    server.fault("/live/", "empty")
    reply = fetch(server.live_url("qtraq"))
    assert reply.status == 200 and reply.body == b"" and reply.headers["Content-Length"] == "0"


def test_huge_fault_sends_the_requested_size(server: ReplayServer) -> None:
    server.fault("/live/", "huge", size=300_000)
    reply = fetch(server.live_url("qtraq"))
    assert len(reply.body) == 300_000 and reply.body.startswith(b"<html>")


def test_garbage_fault_is_not_text(server: ReplayServer) -> None:
    server.fault("/live/", "garbage")
    reply = fetch(server.live_url("qtraq"))
    assert reply.status == 200 and reply.headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")


def test_windows_1252_fault_declares_charset_only_in_meta(server: ReplayServer) -> None:
    server.fault("/live/perfectdrs", "windows-1252")
    reply = fetch(server.live_url("perfectdrs"))
    assert reply.headers["Content-Type"] == "text/html"
    assert b'charSet="windows-1252"' in reply.body
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")
    text = reply.body.decode("cp1252")
    assert "€25" in text and "“Company”" in text


@pytest.mark.parametrize(
    ("kind", "marker"),
    [("challenge", b"<title>Just a moment...</title>"), ("soft-404", b"Page not found")],
)
def test_pages_that_lie_with_200(server: ReplayServer, kind: str, marker: bytes) -> None:
    server.fault("/web/", kind)
    reply = fetch(f"{server.url}/web/20190407110022id_/{PERFECTDRS}")
    assert reply.status == 200 and marker in reply.body


# -- serving ----------------------------------------------------------------------------------


def test_requests_are_recorded(server: ReplayServer) -> None:
    before = len(server.requests)
    fetch(server.live_url("1mg"), {"User-Agent": "policy-monitor-test"})
    # found by its header: an earlier test's request held by a timeout fault may be recorded
    # after this one started (its client gave up; the server answers when the delay ends)
    ours = [
        r for r in server.requests[before:] if r.headers.get("User-Agent") == "policy-monitor-test"
    ]
    assert [(r.method, r.path, r.status) for r in ours] == [
        ("GET", "/live/1mg/privacy-policy", 200)
    ]


def test_delay_waits_before_each_response() -> None:
    with ReplayServer(delay=0.1) as server:
        started = time.monotonic()
        fetch(server.live_url("1mg"))
        assert time.monotonic() - started >= 0.1


def test_many_concurrent_requests_all_succeed(server: ReplayServer) -> None:
    urls = [server.live_url(slug) for slug in sorted(SEED_SLUGS)] * 60
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda url: fetch(url).status, urls))
    assert statuses == [200] * len(urls)


def test_module_entry_point_serves_until_stopped() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.demo.replay", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        line = process.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:\d+", line)[0]
        sites = yaml.safe_load(fetch(f"{base}/sites.yaml").body)["sites"]
        assert {s["slug"] for s in sites} == SEED_SLUGS
    finally:
        process.terminate()
        process.wait(timeout=5)
