"""kill -9 at random points of a run, then run again: nothing lost, nothing doubled, no damage."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from monitor.read.history import pairs
from monitor.store import Store
from tests.conftest import Workspace


def snapshot(db) -> dict:
    """What must be the same whatever happened on the way: the archive, versions, changes."""
    with sqlite3.connect(db) as conn:
        q = conn.execute
        return {
            "integrity": q("PRAGMA integrity_check").fetchone()[0],
            "wayback": sorted(
                q("SELECT site, url, captured_at, body_sha1 FROM captures WHERE source='wayback'")
            ),
            "live_per_site": sorted(
                q("SELECT site, count(*) FROM captures WHERE source='live' GROUP BY site")
            ),
            "versions": sorted(q("SELECT site, text_sha256 FROM versions")),
            # what the timeline shows: neighbouring pairs and their changes (a pair compared
            # before a late capture split it stays stored but is never shown; decision 2)
            "visible_pairs": visible_pairs(db),
            "clauses_per_version": sorted(
                q(
                    """SELECT v.text_sha256, count(*) FROM clauses
                       JOIN versions v ON v.id = clauses.version_id GROUP BY v.id"""
                )
            ),
        }


def visible_pairs(db) -> list:
    with Store(db) as store:
        result = []
        for site in sorted(store.site_slugs()):
            for pair in pairs(store, site):
                changes = [(c["op"], c["before"], c["after"]) for c in pair["changes"]]
                result.append(
                    (site, pair["from"]["text_sha256"], pair["to"]["text_sha256"], changes)
                )
        return result


@pytest.fixture
def slow_replay():
    # a remote-like delay makes a run last a few seconds, so kills land in every phase
    with ReplayServer(delay=0.12) as server:
        yield server


def alerting_workspace(root, replay, sink) -> Workspace:
    """A workspace whose runs alert a sink: fetch, write and notify all happen in a run."""
    space = Workspace(root, replay)
    root.mkdir()
    space.sites.write_text(replay.sites_yaml())
    (root / "alerts.yaml").write_text(f"urls:\n  - json://{sink.host}:{sink.port}{root}:\n")
    return space


def alert_titles(sink, root) -> set[str]:
    return {r.json()["title"] for r in sink.delivered() if r.path == str(root)}


def test_killed_runs_resume_cleanly(tmp_path, slow_replay):
    # the live perfectdrs policy is newer than its last archived copy: each run alerts once
    slow_replay.set_live("perfectdrs", "2026.md")
    with NotificationSink() as sink:
        reference = alerting_workspace(tmp_path / "reference", slow_replay, sink)
        env = {"MONITOR_APPRISE_CONFIG": str(reference.root / "alerts.yaml")}
        before = len(slow_replay.requests)
        assert reference.run("run", **env).returncode == 0
        expected = snapshot(reference.db)
        requests_per_run = len(slow_replay.requests) - before
        expected_alerts = alert_titles(sink, reference.root)
        assert expected_alerts

        crashed = alerting_workspace(tmp_path / "crashed", slow_replay, sink)
        env = crashed.env(MONITOR_APPRISE_CONFIG=str(crashed.root / "alerts.yaml"))
        kills = kill_runs_at_random_points(crashed, env, slow_replay, requests_per_run)
        assert kills >= 2, "the runs finished too fast to be interrupted"

        done = subprocess.run(
            [sys.executable, "-m", "monitor", "run", "--force"],
            cwd=crashed.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert snapshot(crashed.db) == expected
        # every alert arrived (at least once: a kill between a send and its mark repeats it)
        assert alert_titles(sink, crashed.root) == expected_alerts
        with sqlite3.connect(crashed.db) as conn:
            assert conn.execute(
                "SELECT count(*) FROM outbox WHERE status != 'sent'"
            ).fetchone() == (0,)


def kill_runs_at_random_points(crashed, env, replay, requests_per_run) -> int:
    """Start runs and SIGKILL each after a random share of the work left; how many were killed.

    The share is of what is left, not of a whole run: a run killed late leaves little, and a
    target beyond it would let every later run finish unkilled. Each run is forced, so even
    with the archives done it fetches, writes, compares and notifies for the live pages."""
    rng = random.Random(7)
    kills = done = 0
    live_pages = len(replay.fixtures.sites)
    for _ in range(5):
        left = max(live_pages, requests_per_run - done)
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--force"],
            cwd=crashed.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # kill after a random share of a full run's requests, then a little more: during a
        # fetch, a write, a comparison or the delivery, whatever the machine's speed
        start = len(replay.requests)
        target = rng.randint(1, left)
        while process.poll() is None and len(replay.requests) - start < target:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        done += len(replay.requests) - start
        with sqlite3.connect(crashed.db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return kills
