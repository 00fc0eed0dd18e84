"""kill -9 at random points of a run, then run again: nothing lost, nothing doubled, no damage."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from monitor.history import pairs
from monitor.replay import ReplayServer
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


def test_killed_runs_resume_cleanly(tmp_path, slow_replay):
    reference = Workspace(tmp_path / "reference", slow_replay)
    reference.root.mkdir()
    reference.sites.write_text(slow_replay.sites_yaml())
    before = len(slow_replay.requests)
    assert reference.run("run").returncode == 0
    expected = snapshot(reference.db)
    requests_per_run = len(slow_replay.requests) - before

    crashed = Workspace(tmp_path / "crashed", slow_replay)
    crashed.root.mkdir()
    crashed.sites.write_text(slow_replay.sites_yaml())
    rng = random.Random(7)
    kills = 0
    for _ in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run"],
            cwd=crashed.root,
            env=crashed.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # kill after a random share of a full run's requests: fetch, write or compare, whatever
        # the machine's speed
        start = len(slow_replay.requests)
        target = rng.randint(1, requests_per_run - 1)
        while process.poll() is None and len(slow_replay.requests) - start < target:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.1))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        with sqlite3.connect(crashed.db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kills >= 2, "the runs finished too fast to be interrupted"

    done = crashed.run("run", "--force")
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(crashed.db) == expected
