"""Each alert once per subscriber: concurrent `monitor notify`, crashes between send and mark,
a busy database after a send, and stop signals, with a real webhook peer on loopback."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from tests.conftest import Workspace
from tests.test_store_faults import write_lock


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


class Alerting:
    """A workspace whose outbox holds ``rows`` alerts for one webhook, and that webhook."""

    def __init__(self, space: Workspace, sink: NotificationSink) -> None:
        self.space = space
        self.sink = sink
        self.config = space.root / "alerts.yaml"
        self.config.write_text(
            f"urls:\n  - json://127.0.0.1:{sink.port}/hook:\n      tag: all\n", encoding="utf-8"
        )

    def env(self, **extra: str) -> dict[str, str]:
        return {"MONITOR_APPRISE_CONFIG": str(self.config), **extra}

    def start(self, *args: str, **extra: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "monitor", *args],
            cwd=self.space.root,
            env=self.space.env(**self.env(**extra)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def outbox(self) -> list[tuple]:
        with sqlite3.connect(self.space.db) as conn:
            return conn.execute(
                "SELECT status, in_doubt, last_error FROM outbox ORDER BY id"
            ).fetchall()


@pytest.fixture
def alerting(tmp_path):
    """Two sites changed: two alerts pending for the webhook."""
    with ReplayServer() as replay, NotificationSink() as sink:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        setup = Alerting(space, sink)
        assert space.run("crawl", **setup.env()).returncode == 0
        replay.set_live("perfectdrs", "2026.md")
        replay.set_live("drbatras", "2019.md")
        assert space.run("crawl", **setup.env()).returncode == 0
        assert [row[0] for row in setup.outbox()] == ["pending", "pending"]
        yield setup


def test_two_notify_at_once_send_each_alert_once(alerting):
    alerting.sink.answer_delay = 0.5  # both deliveries overlap
    first, second = alerting.start("notify"), alerting.start("notify")
    for process in (first, second):
        process.communicate(timeout=120)
        assert process.returncode == 0
    assert len(alerting.sink.received) == 2
    assert len({r.json()["title"] for r in alerting.sink.received}) == 2
    assert [row[0] for row in alerting.outbox()] == ["sent", "sent"]


def kill_after_the_peer_took_it(alerting: Alerting, expected: int) -> None:
    """kill -9 a notify between its send and its mark."""
    alerting.sink.answer_delay = 30
    process = alerting.start("notify", MONITOR_NOTIFY_LEASE="0")
    wait_for(lambda: len(alerting.sink.received) == expected)
    process.kill()
    process.communicate(timeout=30)


def test_a_crash_between_send_and_mark_repeats_that_message_once_and_never_again(alerting):
    kill_after_the_peer_took_it(alerting, expected=1)
    time.sleep(1.1)  # the first claim's lease (0 s, to the second) is over: the repeat takes it
    kill_after_the_peer_took_it(alerting, expected=2)  # the one repeat, killed again
    alerting.sink.answer_delay = 0
    time.sleep(1.1)  # the claims' leases (0 s, to the second) are over
    done = alerting.space.run("notify", **alerting.env())
    assert done.returncode == 0, done.stderr
    titles = [r.json()["title"] for r in alerting.sink.received]
    assert titles.count(titles[0]) == 2  # sent twice in all, not three times
    assert len(titles) == 3  # the other alert, once
    first, other = alerting.outbox()
    assert first[0] == "sent" and "unconfirmed" in first[2]
    assert other == ("sent", 0, None)
    assert "unconfirmed" in done.stdout


def test_a_busy_database_after_a_send_fails_in_one_line_and_repeats_once(alerting):
    alerting.sink.answer_delay = 1.0
    process = alerting.start("notify", MONITOR_BUSY_TIMEOUT="0.2", MONITOR_NOTIFY_LEASE="0")
    wait_for(lambda: len(alerting.sink.received) == 1)
    with write_lock(alerting.space.db):  # held while the peer answers and notify records it
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 7
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "database is busy" in stderr
    alerting.sink.answer_delay = 0
    time.sleep(1.1)
    done = alerting.space.run("notify", **alerting.env())
    assert done.returncode == 0, done.stderr
    titles = [r.json()["title"] for r in alerting.sink.received]
    assert titles.count(titles[0]) == 2 and len(titles) == 3
    assert [row[:2] for row in alerting.outbox()] == [("sent", 0), ("sent", 0)]


def test_sigterm_stops_notify_with_143_and_the_next_notify_delivers(alerting):
    alerting.sink.answer_delay = 30
    process = alerting.start("notify")
    wait_for(lambda: len(alerting.sink.received) == 1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143
    assert "Traceback" not in stderr and "interrupted by SIGTERM" in stderr
    alerting.sink.answer_delay = 0
    done = alerting.space.run("notify", **alerting.env())
    assert done.returncode == 0, done.stderr
    assert len(alerting.sink.received) == 3  # the interrupted one again, and the other
    assert [row[0] for row in alerting.outbox()] == ["sent", "sent"]
