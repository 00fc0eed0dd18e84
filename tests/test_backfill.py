"""`monitor backfill` against the Wayback stand-in: complete, deduplicated, polite, resumable.

Each test runs the real command (Scrapy in a subprocess) over loopback into a SQLite file and
asserts on what the replay was asked and on the rows stored.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from monitor.demo.fixtures import DEFAULT_FIXTURES
from monitor.demo.replay import ReplayServer
from monitor.read.history import pairs
from monitor.store import Store
from tests.conftest import Workspace, run_with_stderr_on_a_terminal


def rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def cdx_queries(replay: ReplayServer) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(r.path).query) for r in replay.requests if r.path.startswith("/cdx/")]


def fetches(replay: ReplayServer) -> list[str]:
    return [r.path for r in replay.requests if r.path.startswith("/web/")]


def write_sites(space: Workspace, *sites: dict) -> None:
    space.sites.write_text(yaml.safe_dump({"sites": list(sites)}), encoding="utf-8")


@pytest.fixture(scope="module")
def backfilled(tmp_path_factory) -> Workspace:
    """One backfill of every seed site, shared by the tests that only read its result."""
    with ReplayServer() as replay:
        space = Workspace(tmp_path_factory.mktemp("backfilled"), replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        done = space.run("backfill")
        assert done.returncode == 0, done.stderr
        yield space


PERFECTDRS = {
    "slug": "perfectdrs",
    "name": "Perfect Doctors Clinic",
    "url": "https://perfectdrs.com/privacy-policy",
    "archive_urls": [
        "http://www.perfectdrs.com/privacy-policy",
        "https://www.perfectdrs.com/privacy-policy",
    ],
}


# -- complete --------------------------------------------------------------------------------


def test_one_cdx_query_covers_scheme_and_www_variants(workspace):
    write_sites(workspace, PERFECTDRS)
    done = workspace.run("backfill", "perfectdrs")
    assert done.returncode == 0, done.stderr
    queries = cdx_queries(workspace.replay)
    assert len(queries) == 1
    assert "statuscode:(200|301|302|303|307|308)" in queries[0]["filter"]
    assert queries[0]["collapse"] == ["digest"]
    stored = {u for (u,) in rows(workspace.db, "SELECT DISTINCT url FROM captures")}
    assert stored == {
        "http://www.perfectdrs.com/privacy-policy",
        "https://www.perfectdrs.com/privacy-policy",
    }


def test_url_and_archive_urls_merge_into_one_timeline_without_duplicates(backfilled):
    queries = [q["url"][0] for q in cdx_queries(backfilled.replay)]
    assert sum("drbatras" in url or "bperfect" in url for url in queries) == 3  # 3 URL keys
    stamps = [
        s
        for (s,) in rows(
            backfilled.db,
            "SELECT captured_at FROM captures WHERE site = 'drbatras' AND source = 'wayback'",
        )
    ]
    assert len(stamps) == len(set(stamps)) == 6
    urls = {
        u
        for (u,) in rows(
            backfilled.db,
            "SELECT DISTINCT url FROM captures WHERE site = 'drbatras' AND source = 'wayback'",
        )
    }
    assert urls == {
        "http://www.bperfect.co.in/privacy-policy.aspx",
        "https://www.drbatras.com/privacy-policy",
    }
    history = json.loads(backfilled.run("history", "drbatras", "--format", "json").stdout)
    assert [v["captured_at"][:4] for v in history["versions"] if v["source"] == "wayback"] == [
        "2014",
        "2016",
        "2019",
        "2022",
        "2025",
    ]


def test_paging_uses_resume_keys_and_finds_everything(workspace):
    done = workspace.run("backfill", "qtraq", MONITOR_CDX_PAGE_SIZE="2")
    assert done.returncode == 0, done.stderr
    queries = cdx_queries(workspace.replay)
    assert len(queries) > 4
    assert all("offset" not in q and "page" not in q for q in queries)
    assert sum("resumeKey" in q for q in queries) == len(queries) - 2  # two URL keys
    assert rows(workspace.db, "SELECT count(*) FROM captures")[0][0] == 7


# -- each distinct capture fetched once --------------------------------------------------------


def test_a_non_adjacent_repeat_is_recorded_without_a_download(backfilled):
    repeat = "/web/20191102054510id_/https://www.qtraq.com/privacy-policy"
    assert repeat not in fetches(backfilled.replay)
    twin = rows(
        backfilled.db,
        "SELECT c.body_sha1, c.version_id FROM captures c WHERE captured_at = ?",
        "2019-11-02T05:45:10Z",
    )
    first = rows(
        backfilled.db,
        "SELECT c.body_sha1, c.version_id FROM captures c WHERE captured_at = ?",
        "2019-03-12T13:00:45Z",
    )
    assert twin == first and twin[0][0] is not None


def test_a_rerun_fetches_only_what_is_new(workspace):
    assert workspace.run("backfill", "perfectdrs", "--until", "2019").returncode == 0
    first = set(fetches(workspace.replay))
    assert workspace.run("backfill", "perfectdrs").returncode == 0
    second = fetches(workspace.replay)[len(first) :]
    assert second and all(path.split("/")[2][:4] > "2019" for path in second)


@pytest.fixture
def same_day_fixtures(tmp_path) -> Path:
    """The seed fixtures plus two more 1mg captures on 2019-06-11, one of them an hour later."""
    root = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, root)
    manifest = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    site = next(s for s in manifest["sites"] if s["slug"] == "1mg")
    url = "https://www.1mg.com/privacypolicy"
    extra = [
        {"timestamp": "20190611093000", "url": url, "status": 200, "version": "2021.md"},
        {"timestamp": "20190611101500", "url": url, "status": 200, "version": "2016.md"},
    ]
    for capture in extra:
        capture["theme"] = "react"
    site["captures"] = sorted(site["captures"] + extra, key=lambda c: c["timestamp"])
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return root


@pytest.mark.parametrize(("per", "that_day"), [("all", 3), ("hour", 2), ("day", 1)])
def test_per_keeps_one_capture_per_period(tmp_path, same_day_fixtures, per, that_day):
    with ReplayServer(same_day_fixtures) as replay:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        done = space.run("backfill", "1mg", "--per", per)
        assert done.returncode == 0, done.stderr
        fetched_that_day = [p for p in fetches(replay) if "/20190611" in p]
    assert len(fetched_that_day) == that_day
    stored = rows(space.db, "SELECT count(*) FROM captures WHERE captured_at LIKE '2019-06-11%'")
    assert stored[0][0] == that_day


# -- redirects ----------------------------------------------------------------------------------


def test_an_archived_redirect_is_recorded_with_its_target_and_never_a_version(backfilled):
    redirect = rows(
        backfilled.db,
        "SELECT status, location, version_id, body_sha1 FROM captures WHERE captured_at = ?",
        "2015-06-23T12:00:00Z",
    )
    assert redirect == [(301, "https://www.drbatras.com/privacy-policy", None, redirect[0][3])]
    assert redirect[0][3] is not None


def test_a_redirect_is_followed_to_the_policy_new_home(workspace):
    done = workspace.run("backfill", "drbatras", "--until", "2015", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sites"][0]["redirects_followed"] == 1
    followed = rows(
        workspace.db,
        "SELECT url, status, version_id FROM captures WHERE captured_at = ?",
        "2016-03-10T08:45:12Z",
    )
    assert followed[0][:2] == ("https://www.drbatras.com/privacy-policy", 200)
    assert followed[0][2] is not None


# -- polite -------------------------------------------------------------------------------------


def test_every_request_names_the_project(backfilled):
    agents = {r.headers.get("User-Agent", "") for r in backfilled.replay.requests}
    assert len(agents) == 1 and agents.pop().startswith("policy-monitor/")


_RACING = 6  # requests the crawler may have sent before it read a 429 (two slots, fast pages)


def test_a_429_pauses_every_request_to_the_host(workspace):
    workspace.replay.fault("/web/", "429", times=1)
    done = workspace.run(
        "backfill",
        "perfectdrs",
        "drbatras",
        MONITOR_CDX_PER_MINUTE="300",
        MONITOR_429_PAUSE="2.0",
        MONITOR_MAX_429="3",
    )
    assert done.returncode == 0, done.stderr
    requests = workspace.replay.requests
    hit = next(r for r in requests if r.status == 429)
    cdx_after = [r for r in requests if r.time > hit.time and r.path.startswith("/cdx/")]
    assert cdx_after, "the CDX queries should still have been running"
    # Requests already on the wire when the 429 came back still arrive (how many depends on how
    # fast the crawler reads the answer, so on the machine's load); then nothing until the pause
    # is over. Without the pause CDX queries alone come every 0.2 s; load only lengthens a gap.
    soon_after = [r.time for r in requests if r.time >= hit.time][: _RACING + 2]
    silence = max(b - a for a, b in pairwise(soon_after))
    assert silence >= 1.0, f"the longest gap after the 429 was {silence:.2f} s"


def test_too_many_429s_stop_the_run_with_a_clear_message(workspace):
    write_sites(workspace, PERFECTDRS)
    workspace.replay.fault("/cdx/", "429", times=None)
    done = workspace.run("backfill", "perfectdrs", MONITOR_MAX_429="2", MONITOR_429_PAUSE="0.1")
    assert done.returncode == 3
    assert "Stopped: stopped after 3 HTTP 429 answers" in done.stderr
    assert len(cdx_queries(workspace.replay)) == 3
    assert "Traceback" not in done.stderr


def test_5xx_is_retried_after_a_growing_pause_without_holding_others(workspace):
    path = "/web/20250120031259id_/"
    workspace.replay.fault(path, "503", times=2)
    done = workspace.run("backfill", "perfectdrs", MONITOR_RETRY_BACKOFF="0.5")
    assert done.returncode == 0, done.stderr
    tries = [r for r in workspace.replay.requests if r.path.startswith(path)]
    assert [r.status for r in tries] == [503, 503, 200]
    assert tries[1].time - tries[0].time >= 0.5
    assert tries[2].time - tries[1].time >= 1.0
    others = [r for r in workspace.replay.requests if tries[0].time < r.time < tries[1].time]
    assert others, "other captures must go on during the pause"
    assert rows(workspace.db, "SELECT count(*) FROM captures WHERE captured_at LIKE '2025%'")[0][0]


def test_a_timeout_is_retried(workspace):
    path = "/web/20230310192501id_/"
    workspace.replay.fault(path, "timeout", times=1, seconds=3)
    done = workspace.run(
        "backfill", "perfectdrs", MONITOR_DOWNLOAD_TIMEOUT="1", MONITOR_RETRY_BACKOFF="0.2"
    )
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 5  # the replay logs the timed-out request when it answers
    while len([r for r in workspace.replay.requests if r.path.startswith(path)]) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert rows(workspace.db, "SELECT count(*) FROM captures WHERE captured_at LIKE '2023%'")[0][0]


def test_a_blocked_site_is_one_clear_line(workspace):
    workspace.replay.fault("/cdx/", "cdx-blocked", times=None)
    done = workspace.run("backfill", "perfectdrs")
    assert done.returncode == 3
    assert "the site is excluded from the archive" in done.stdout
    assert "Traceback" not in done.stderr


# -- right text -----------------------------------------------------------------------------------


IMPOSTORS = {
    "challenge": ("20160212081530", "bot challenge page"),
    "soft-404": ("20170611175502", "soft 404"),
    "login": ("20190407110022", "login wall"),
    "empty": ("20230310192501", "empty body"),
    "windows-1252": ("20250120031259", None),
}


@pytest.fixture(scope="module")
def impostors(tmp_path_factory) -> Workspace:
    """perfectdrs backfilled while four captures answer with pages that are not the policy,
    and one with the policy re-encoded as windows-1252, declared only in a <meta> tag."""
    with ReplayServer() as replay:
        space = Workspace(tmp_path_factory.mktemp("impostors"), replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        for kind, (stamp, _) in IMPOSTORS.items():
            replay.fault(f"/web/{stamp}id_/", kind)
        assert space.run("backfill", "perfectdrs").returncode == 0
        yield space


def stamp_iso(stamp: str) -> str:
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}Z"


@pytest.mark.parametrize("kind", [k for k, (_, reason) in IMPOSTORS.items() if reason])
def test_impostor_captures_are_kept_with_a_reason_never_as_versions(impostors, kind):
    stamp, reason = IMPOSTORS[kind]
    stored = rows(
        impostors.db,
        "SELECT version_id, rejected_reason, body_sha1 FROM captures WHERE captured_at = ?",
        stamp_iso(stamp),
    )
    assert stored[0][0] is None and stored[0][1].startswith(reason) and stored[0][2]


def test_no_impostor_text_became_a_version(impostors):
    texts = [t for (t,) in rows(impostors.db, "SELECT text FROM versions")]
    assert texts and not any(
        "moment" in t or "not found" in t.lower() or "Sign in" in t for t in texts
    )


def test_a_capture_declared_windows_1252_only_in_meta_is_decoded(impostors):
    (text,) = rows(
        impostors.db,
        """SELECT v.text FROM captures c JOIN versions v ON v.id = c.version_id
           WHERE c.captured_at = ?""",
        "2025-01-20T03:12:59Z",
    )[0]
    assert "\ufffd" not in text and "â€" not in text


# -- resumable ------------------------------------------------------------------------------------


def state(space: Workspace) -> tuple:
    """What a user can see: every capture, every version, and each site's diff."""
    db = space.db
    captures = rows(
        db,
        """SELECT c.site, c.url, c.captured_at, c.status, c.digest, c.body_sha1, c.location,
                  c.rejected_reason, v.text_sha256
           FROM captures c LEFT JOIN versions v ON v.id = c.version_id ORDER BY 1, 3, 2""",
    )
    versions = rows(db, "SELECT site, text_sha256 FROM versions ORDER BY 1, 2")
    with Store(db) as store:
        diffs = [
            [
                (p["from"]["text_sha256"], p["to"]["text_sha256"], p["changes"])
                for p in pairs(store, s)
            ]
            for s in sorted(store.site_slugs())
        ]
    return captures, versions, diffs


def test_kill_9_mid_backfill_then_rerun_equals_an_uninterrupted_run(tmp_path, workspace):
    slow = {"MONITOR_CAPTURES_PER_SECOND": "20"}
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "backfill"],
        cwd=workspace.root,
        env=workspace.env(**slow),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if workspace.db.exists():
            try:
                stored = rows(workspace.db, "SELECT count(*) FROM captures")[0][0]
            except sqlite3.OperationalError:
                stored = 0
        if stored >= 8:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the backfill finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted = rows(workspace.db, "SELECT count(*) FROM captures")[0][0]
    assert 0 < interrupted < 31

    done = workspace.run("backfill")
    assert done.returncode == 0, done.stderr
    assert rows(workspace.db, "PRAGMA integrity_check") == [("ok",)]
    duplicates = rows(
        workspace.db,
        "SELECT count(*) - count(DISTINCT site || url || captured_at) FROM captures",
    )
    assert duplicates == [(0,)]

    clean = Workspace(tmp_path / "clean", workspace.replay)
    clean.root.mkdir()
    clean.sites.write_text(workspace.sites.read_text(), encoding="utf-8")
    assert clean.run("backfill").returncode == 0
    assert state(workspace) == state(clean)


# -- visible --------------------------------------------------------------------------------------


def test_summary_line_and_json_summary(workspace):
    done = workspace.run("backfill", "qtraq")
    assert done.returncode == 0
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("backfill: 1 site(s), 7 captures listed, 6 fetched, ")
    assert "1 identical not fetched" in last and "new versions" in last
    data = json.loads(workspace.run("backfill", "qtraq", "--format", "json").stdout)
    assert data["ok"] is True and data["stop_reason"] is None
    site = data["sites"][0]
    assert site["site"] == "qtraq" and site["already_stored"] == 7
    assert {"listed", "captures_fetched", "rejected", "redirects", "new_versions"} <= set(site)
    assert data["totals"]["listed"] == 7 and data["elapsed_seconds"] >= 0
    assert "listed 7" not in done.stderr  # no progress bar when stderr is not a terminal


def test_progress_bar_on_a_terminal(workspace):
    _, screen = run_with_stderr_on_a_terminal(
        [sys.executable, "-m", "monitor", "backfill", "perfectdrs"],
        workspace.root,
        {**workspace.env(), "COLUMNS": "200", "TERM": "xterm"},
    )
    text = screen.decode("utf-8", "replace")
    for label in ("backfill", "listed 7", "fetched 7", "identical 0", "rejected 0", "new versions"):
        assert label in text, text
