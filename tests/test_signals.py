"""SIGTERM and SIGINT, sent for real to real `monitor` processes crawling a slow replay."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from monitor.demo.replay import ReplayServer
from tests.conftest import Workspace


def start(space: Workspace, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", *args],
        cwd=space.root,
        env=space.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def captures(space: Workspace) -> int:
    try:
        with sqlite3.connect(space.db) as conn:
            return conn.execute("SELECT count(*) FROM captures").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def stopped_in_one_line(process: subprocess.Popen, code: int) -> str:
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "Crawler.stats" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0], stderr
    return lines[0]


@pytest.fixture
def slow(tmp_path):
    with ReplayServer(delay=0.3) as replay:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        yield space


def test_sigterm_stops_a_backfill_with_143_and_the_next_one_finishes_it(slow):
    process = start(slow, "backfill")
    wait_for(lambda: captures(slow) >= 3)
    process.send_signal(signal.SIGTERM)
    line = stopped_in_one_line(process, 143)
    assert "SIGTERM" in line and "stored" in line
    stored = captures(slow)
    assert stored >= 3

    finished = slow.run("backfill", "--format", "json")
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout)["totals"]["already_stored"] >= stored
    nothing_left = json.loads(slow.run("backfill", "--format", "json").stdout)["totals"]
    assert nothing_left["captures_fetched"] == 0


def test_sigint_stops_a_crawl_with_130(slow):
    process = start(slow, "crawl")
    wait_for(lambda: len(slow.replay.requests) >= 1)
    process.send_signal(signal.SIGINT)
    assert "SIGINT" in stopped_in_one_line(process, 130)


def test_sigterm_in_the_archive_phase_of_a_run_records_no_outcome_and_the_next_run_does(slow):
    process = start(slow, "run")
    wait_for(lambda: captures(slow) >= 2)  # archive captures arrive first
    process.send_signal(signal.SIGTERM)
    stopped_in_one_line(process, 143)
    with sqlite3.connect(slow.db) as conn:
        assert conn.execute("SELECT count(*) FROM site_runs").fetchone()[0] == 0
        assert conn.execute("SELECT ok FROM runs").fetchall() == [(0,)]
    again = slow.run("run")
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(slow.db) as conn:
        assert conn.execute("SELECT count(*) FROM site_runs WHERE ok = 1").fetchone()[0] == 5


def test_a_second_sigterm_ends_the_run_at_once_without_a_traceback(slow):
    process = start(slow, "run")
    wait_for(lambda: captures(slow) >= 1)
    process.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143
    assert "Traceback" not in stderr and "Crawler.stats" not in stderr, stderr
    with sqlite3.connect(slow.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_request_hanging_at_the_server_does_not_hold_the_stop(slow):
    process = start(slow, "backfill")
    wait_for(lambda: captures(slow) >= 3)
    slow.replay.fault("/", "timeout", times=None, seconds=120)  # every new request hangs
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    stopped_in_one_line(process, 143)  # within communicate's 30 s, not the server's 120 s
