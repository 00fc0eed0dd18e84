"""Only the policy becomes a version (issue 16).

Soft 404s in the site's chrome, bot challenges, login walls, empty pages and "Loading..." shells,
live and archived, before and after real versions, are stored with their reason, shown by
`monitor history --all`, never compared or alerted about; dead archive captures are recorded
once; bad CDX rows are skipped; a lying charset loses to the bytes. Every test runs the real
command over the replay into a SQLite file, and asserts what is stored, shown and alerted.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from diffs.decoding import decode
from diffs.normalize import normalize
from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from monitor.ingest import admission
from tests.conftest import Workspace

JUNK = ("soft-404-chrome", "challenge", "login", "empty", "loading")
REASONS = {
    "soft-404-chrome": 'page says "Oops! That page can\'t be found.", not a privacy policy',
    "challenge": "bot challenge page",
    "login": "login wall",
    "empty": "empty body",
    "loading": "loading shell",
}


# What an operator alert says of each (apprise escapes Markdown in messages).
MARKERS = {**REASONS, "soft-404-chrome": "can't be found"}


def rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def alerting(space: Workspace, sink: NotificationSink) -> str:
    config = space.root / "alerts.yaml"
    config.write_text(
        f"urls:\n  - json://{sink.host}:{sink.port}/subscribers:\n      tag: all\n"
        f"  - json://{sink.host}:{sink.port}/operator:\n      tag: operator\n"
    )
    return str(config)


def received(sink: NotificationSink, path: str) -> list:
    return [r for r in sink.delivered() if r.path.startswith(path)]


def iso(stamp: str) -> str:
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}Z"


# -- the gate, on literal pages --------------------------------------------------------------


def verdict(body: bytes, reference_text: str | None = None) -> str | None:
    html = decode(body, "text/html")
    document = normalize(body, content_type="text/html")
    from diffs.clauses import split

    reference = (
        admission.Reference(len(reference_text), lambda: reference_text) if reference_text else None
    )
    return admission.admission_reason(200, html, document, len(split(document)), {}, reference)


POLICY = (Path(__file__).parents[1] / "monitor/demo/policies/perfectdrs/2025.md").read_text()


def test_a_loading_shell_is_named_as_such():
    body = b"<html><body><nav>Home</nav><div id=root><p>Loading...</p></div></body></html>"
    assert verdict(body).startswith("loading shell")


def test_a_page_that_lost_the_policy_and_reads_like_something_else_is_not_a_version():
    body = b"<h1>Privacy Policy</h1><p>This page is being updated. Please check back later.</p>"
    reason = verdict(body, POLICY)
    assert reason.startswith("lost most of the policy") and "reads like something else" in reason


def test_a_short_page_with_no_previous_version_is_still_a_version():
    body = b"<h1>Privacy Policy</h1><p>We share data with our payment processor.</p>"
    assert verdict(body) is None


def test_a_future_capture_and_a_huge_page_are_refused_before_reading():
    assert "future" in admission.before_reading("2999-01-01T00:00:00Z", b"<p>x</p>")
    huge = b"x" * (admission.MAX_PAGE_BYTES + 1)
    assert admission.before_reading("2020-01-01T00:00:00Z", huge).startswith("page too large")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-16", "<p>Données personnelles – we keep them</p>".encode()),
        ("text/html; charset=iso-8859-1", "<p>Données personnelles – we keep them</p>".encode()),
        (
            "text/html",
            '<meta charset="shift_jis"><p>Données personnelles – we keep them</p>'.encode(),
        ),
    ],
    ids=["header-utf-16", "header-latin-1", "meta-shift-jis"],
)
def test_a_lying_charset_loses_to_the_bytes(content_type, body):
    assert "Données personnelles – we keep them" in decode(body, content_type)


# -- archived junk, before and after real versions ----------------------------------------

ARCHIVED = {  # CDX collapses adjacent repeats of a digest: these are all listed
    "20160212081530": ("perfectdrs", "soft-404-chrome"),  # first capture: before any version
    "20170611175502": ("perfectdrs", "loading"),  # still before any real version
    "20210115154233": ("perfectdrs", "login"),  # between the real 2019 and 2021 versions
    "20230310192501": ("perfectdrs", "lying-charset"),  # the real 2023 policy, lying header
    "20250120031259": ("perfectdrs", "challenge"),  # after the last real version
    "20190514072230": ("drbatras", "empty"),  # between drbatras' 2016 and 2022 versions
}
DRBATRAS_REDIRECT = "20150623120000"  # an archived 301 whose capture the archive answers 404


@pytest.fixture(scope="module")
def junk_backfill(tmp_path_factory) -> tuple[Workspace, dict, str]:
    """perfectdrs and drbatras backfilled with --notify while junk hides among the captures,
    the CDX index lists impossible rows, and an archived redirect is answered 404."""
    with ReplayServer() as replay, NotificationSink() as sink:
        space = Workspace(tmp_path_factory.mktemp("junk"), replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        config = alerting(space, sink)
        for stamp, (_, kind) in ARCHIVED.items():
            replay.fault(f"/web/{stamp}id_/", kind, times=None)
        replay.fault(f"/web/{DRBATRAS_REDIRECT}id_/", "404", times=None)
        replay.fault("/cdx/", "cdx-bad-rows", times=1)
        done = space.run(
            "backfill", "perfectdrs", "drbatras", "--notify", "--apprise-config", config,
            "--format", "json",
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        summary = json.loads(done.stdout)
        fetched_before = len([r for r in replay.requests if r.path.startswith("/web/")])
        again = space.run("backfill", "perfectdrs", "drbatras")
        assert again.returncode == 0, again.stdout + again.stderr
        refetched = [r.path for r in replay.requests if r.path.startswith("/web/")]
        notified = space.run("notify", "--apprise-config", config)
        assert notified.returncode == 0, notified.stdout
        yield space, summary, refetched[fetched_before:], received(sink, "/subscribers")


@pytest.mark.parametrize("stamp", [s for s, (_, kind) in ARCHIVED.items() if kind in JUNK])
def test_archived_junk_is_stored_with_its_reason_never_as_a_version(junk_backfill, stamp):
    space = junk_backfill[0]
    ((version, reason, body),) = rows(
        space.db,
        "SELECT version_id, rejected_reason, body_sha1 FROM captures WHERE captured_at = ?",
        iso(stamp),
    )
    assert version is None and body and reason.startswith(REASONS[ARCHIVED[stamp][1]])


def test_only_real_policies_are_versions_and_compared(junk_backfill):
    space = junk_backfill[0]
    texts = [t for (t,) in rows(space.db, "SELECT text FROM versions WHERE site = 'perfectdrs'")]
    assert len(texts) == 3  # 2019, 2021, 2023: the real texts
    assert all(t.startswith("# Privacy Policy") for t in texts)
    assert not any("can't be found" in t or "Loading" in t or "Sign in" in t for t in texts)
    # the lying header did not turn the 2023 policy into another text
    assert not any("\u4e00" <= ch <= "\u9fff" for t in texts for ch in t)
    history = json.loads(space.run("history", "perfectdrs", "--format", "json").stdout)
    assert len(history["versions"]) == 3


def test_history_all_shows_every_capture_set_aside_with_its_reason(junk_backfill):
    space = junk_backfill[0]
    shown = space.run("history", "perfectdrs", "--all")
    assert shown.returncode == 0, shown.stderr
    for kind in ("soft-404-chrome", "loading", "login", "challenge"):
        assert REASONS[kind] in shown.stdout
    data = json.loads(space.run("history", "drbatras", "--all", "--format", "json").stdout)
    dead = [c for c in data["not_versions"] if c["captured_at"] == iso(DRBATRAS_REDIRECT)]
    assert dead[0]["rejected_reason"] == "unavailable: the archive answered HTTP 404"


def test_only_real_changes_are_alerted(junk_backfill):
    space, _, _, alerts = junk_backfill
    queued = rows(
        space.db,
        """SELECT count(*) FROM alerts a JOIN comparisons c ON c.id = a.comparison_id
           JOIN versions v ON v.id = c.to_version WHERE a.site = 'perfectdrs'""",
    )[0][0]
    assert queued == 2  # 2019 -> 2021 -> 2023
    messages = " ".join(a.json()["message"] for a in alerts)
    assert "can't be found" not in messages and "Sign in" not in messages


def test_a_dead_archive_capture_is_recorded_once_and_counted_unavailable(junk_backfill):
    space, summary, refetched, _ = junk_backfill
    assert summary["ok"] and summary["totals"]["unavailable"] == 1
    assert not any(DRBATRAS_REDIRECT in path for path in refetched)
    assert not any(stamp in path for stamp in ARCHIVED for path in refetched)


def test_impossible_cdx_rows_are_skipped_counted_and_never_stored(junk_backfill):
    space, summary, _, _ = junk_backfill
    assert summary["totals"]["cdx_rows_skipped"] == 5
    stored = rows(
        space.db,
        "SELECT count(*) FROM captures WHERE captured_at > ? OR captured_at NOT LIKE ?",
        "2090",
        "____-__-__T%",
    )
    assert stored == [(0,)]
    report = space.run("report", "perfectdrs", "--output", str(space.root / "r.html"))
    assert report.returncode == 0 and "Traceback" not in report.stderr


def test_status_shows_the_archive_check_of_a_backfill(junk_backfill):
    space = junk_backfill[0]
    status = json.loads(space.run("status", "--format", "json").stdout)
    health = {s["site"]: s for s in status["sites"]}
    assert health["perfectdrs"]["last_archive_check"].endswith("Z")
    assert health["perfectdrs"]["last_success"] is None  # a backfill is not a live fetch


def test_a_capture_that_keeps_failing_is_recorded_unavailable_after_three_runs(workspace):
    path = "/web/20250120031259id_/"
    workspace.replay.fault(path, "503", times=None)
    for run in range(1, 5):
        done = workspace.run("backfill", "perfectdrs", MONITOR_RETRIES="0")
        assert done.returncode == 0, done.stdout + done.stderr
        stored = rows(
            workspace.db,
            "SELECT rejected_reason FROM captures WHERE captured_at = ?",
            iso("20250120031259"),
        )
        assert bool(stored) == (run >= 3)
    assert stored[0][0] == "unavailable: the archive answered HTTP 503 (3 runs tried)"
    tries = [r for r in workspace.replay.requests if r.path.startswith(path)]
    assert len(tries) == 3


# -- live junk, before and after a real version -------------------------------------------

LIVE = dict(
    zip(("perfectdrs", "drbatras", "qtraq", "1mg", "backofficeservices"), JUNK, strict=True)
)


def live_versions(space: Workspace) -> int:
    """Distinct versions the live pages gave (a first run also imports the archive)."""
    query = "SELECT count(DISTINCT version_id) FROM captures WHERE source = 'live'"
    return rows(space.db, query)[0][0]


def test_live_junk_before_any_version_fails_the_site_and_says_what_it_is(workspace):
    for slug, kind in LIVE.items():
        workspace.replay.fault(f"/live/{slug}/", kind, times=None)
    done = workspace.run("run")
    assert done.returncode == 3
    for slug, kind in LIVE.items():
        line = next(line for line in done.stdout.splitlines() if line.startswith(slug + " "))
        assert "FAILED" in line and "the live page is not the policy: " + REASONS[kind] in line
    assert live_versions(workspace) == 0
    assert rows(workspace.db, "SELECT count(*) FROM captures WHERE source = 'live'") == [
        (len(LIVE),)
    ]


def test_live_junk_after_a_version_alerts_the_operator_not_subscribers(workspace):
    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        assert workspace.run("run", "--apprise-config", config).returncode == 0
        for slug, kind in LIVE.items():
            workspace.replay.fault(f"/live/{slug}/", kind, times=None)
        for _ in range(2):
            done = workspace.run(
                "run", "--force", "--operator-after", "2", "--apprise-config", config
            )
            assert done.returncode == 3
        operator = [r.json()["message"] for r in received(sink, "/operator")]
        for slug, kind in LIVE.items():
            failing = [m for m in operator if m.startswith(f"{slug} failed 2 runs in a row")]
            assert len(failing) == 1 and MARKERS[kind] in failing[0]
        status = workspace.run("status").stdout
        assert "FAILING 2x" in status and "login wall" in status
        workspace.replay.clear_faults()
        assert workspace.run("run", "--force", "--apprise-config", config).returncode == 0
        assert not received(sink, "/subscribers")
    assert live_versions(workspace) == len(LIVE)  # one per site, the same before and after


def test_a_live_page_that_lost_the_policy_is_not_a_version(workspace):
    assert workspace.run("run", "perfectdrs").returncode == 0
    workspace.replay.set_live("perfectdrs", "broken.md")
    done = workspace.run("run", "--force", "perfectdrs")
    assert done.returncode == 3 and "lost most of the policy" in done.stdout
    assert live_versions(workspace) == 1


def test_a_huge_live_page_is_rejected_with_its_reason(workspace):
    size = admission.MAX_PAGE_BYTES + 1024 * 1024
    workspace.replay.fault("/live/perfectdrs/", "huge", times=None, size=size)
    done = workspace.run("crawl", "perfectdrs")
    assert done.returncode == 3 and "page too large" in done.stdout
    ((reason,),) = rows(workspace.db, "SELECT rejected_reason FROM captures")
    assert reason.startswith("page too large (11.0 MB")


def test_status_shows_the_live_fetch_of_a_crawl(workspace):
    assert workspace.run("crawl", "perfectdrs").returncode == 0
    status = workspace.run("status").stdout
    line = next(line for line in status.splitlines() if line.startswith("perfectdrs "))
    assert "last live fetch never" not in line and "last live fetch 20" in line
