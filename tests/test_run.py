"""`monitor run` and `monitor status`: due times, the lock, failures, health, logs, 304s."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import yaml

from monitor.ops.lock import RunLock
from monitor.ops.runner import is_due


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def live_requests(replay):
    return [r for r in replay.requests if r.path.startswith("/live/")]


def set_every(workspace, every: str) -> None:
    data = yaml.safe_load(workspace.sites.read_text())
    for site in data["sites"]:
        site["every"] = every
    workspace.sites.write_text(yaml.safe_dump(data, sort_keys=False))


def test_due_when_never_fetched_or_when_every_has_passed():
    now = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    assert is_due(None, 3600, now)
    assert is_due("2026-01-02T10:59:00Z", 3600, now)
    assert not is_due("2026-01-02T11:30:00Z", 3600, now)
    assert is_due("2026-01-02T11:05:00Z", 3600, now)  # within cron slack (5 min)


def test_first_run_fetches_every_site_and_prints_a_line_each(workspace):
    done = workspace.run("run")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 5 and all(" ok: " in line for line in lines)
    assert (
        rows(workspace.db, "SELECT count(DISTINCT site) FROM captures WHERE source='live'")[0][0]
        == 5
    )


def test_a_second_run_only_does_what_is_due(workspace):
    set_every(workspace, "6h")
    assert workspace.run("run").returncode == 0
    before = len(live_requests(workspace.replay))
    done = workspace.run("run")
    assert done.returncode == 0
    assert "not due (next at" in done.stdout
    assert len(live_requests(workspace.replay)) == before


def test_an_unchanged_live_page_costs_a_304(workspace):
    assert workspace.run("run").returncode == 0
    captures = rows(workspace.db, "SELECT count(*) FROM captures")[0][0]
    done = workspace.run("run", "--force", "perfectdrs", "--format", "json")
    site = json.loads(done.stdout)["sites"][0]
    assert site["not_modified"] == 1
    assert live_requests(workspace.replay)[-1].status == 304
    assert rows(workspace.db, "SELECT count(*) FROM captures")[0][0] == captures


def test_two_runs_never_overlap(workspace):
    with RunLock(workspace.db):
        done = workspace.run("run")
    assert done.returncode == 6
    assert "another run (pid" in done.stderr and "Traceback" not in done.stderr
    assert not live_requests(workspace.replay)


def test_a_lock_file_left_by_a_dead_run_is_taken_over(workspace):
    (workspace.root / "monitor.db.lock").write_text("999999")
    done = workspace.run("run", "perfectdrs")
    assert done.returncode == 0, done.stderr


def test_failing_site_exits_3_and_status_counts_consecutive_failures(workspace):
    workspace.replay.fault("/live/qtraq/", "500", times=None)
    for _ in range(3):
        done = workspace.run("run", "--force", "qtraq", "perfectdrs")
        assert done.returncode == 3
    assert "qtraq" in done.stdout and "FAILED, 3 runs in a row" in done.stdout
    status = json.loads(workspace.run("status", "--format", "json").stdout)
    health = {s["site"]: s for s in status["sites"]}
    assert health["qtraq"]["consecutive_failures"] == 3
    assert health["perfectdrs"]["consecutive_failures"] == 0
    assert "HTTP 500" in health["qtraq"]["last_error"]


def test_status_json_reports_health_and_database_size(workspace):
    assert workspace.run("run").returncode == 0
    status = json.loads(workspace.run("status", "--format", "json").stdout)
    assert status["database_bytes"] > 0
    site = next(s for s in status["sites"] if s["site"] == "perfectdrs")
    assert site["last_success"].endswith("Z")
    assert site["last_change"] is not None and site["versions"] >= 2
    assert site["consecutive_failures"] == 0


def test_json_logs_are_one_object_per_line_and_redact_secrets(workspace):
    data = yaml.safe_load(workspace.sites.read_text())
    url = data["sites"][0]["url"]
    data["sites"][0]["url"] = url + "?token=s3cret"
    workspace.sites.write_text(yaml.safe_dump(data, sort_keys=False))
    workspace.replay.fault("/live/", "500", times=None)  # so the URL is logged with the failure
    done = workspace.run("run", "-v", "--log-format", "json", data["sites"][0]["slug"])
    assert done.returncode == 3, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines and all(json.loads(line)["message"] is not None for line in lines)
    assert "s3cret" not in done.stderr
    assert "token=<redacted>" in done.stderr
    assert "s3cret" not in str(rows(workspace.db, "SELECT * FROM site_runs"))


def test_redact_removes_credentials_tokens_and_apprise_paths():
    from monitor.logs import redact

    line = (
        "GET http://alice:s3cret@host/p?token=s3cret&page=2 then mailto://bob:s3cret@smtp.x "
        "and slack://T1/B2/s3cret; invalid hostname: alice:s3cret@127.0.0.1"
    )
    cleaned = redact(line)
    assert "s3cret" not in cleaned
    assert "page=2" in cleaned and "slack://<redacted>" in cleaned


# -- alerts from the cron job --------------------------------------------------------------


def alerting(workspace, sink) -> str:
    config = workspace.root / "alerts.yaml"
    config.write_text(
        f"urls:\n  - json://{sink.host}:{sink.port}/subscribers:\n      tag: all\n"
        f"  - json://{sink.host}:{sink.port}/operator:\n      tag: operator\n"
    )
    return str(config)


def received(sink, path):
    return [r for r in sink.delivered() if r.path.startswith(path)]


def test_run_alerts_subscribers_once_about_a_new_policy(workspace):
    from monitor.demo.sink import NotificationSink

    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        assert workspace.run("run", "--apprise-config", config).returncode == 0
        assert not sink.delivered()  # history is imported silently; the live page is the baseline
        workspace.replay.set_live("perfectdrs", "2026.md")
        done = workspace.run("run", "--force", "perfectdrs", "--apprise-config", config)
        assert done.returncode == 0, done.stdout + done.stderr
        alerts = received(sink, "/subscribers")
        assert len(alerts) == 1
        assert "Perfect Doctors Clinic privacy policy: " in alerts[0].json()["title"]
        assert "material" in alerts[0].json()["title"]
        assert workspace.run("run", "--force", "--apprise-config", config).returncode == 0
        assert len(received(sink, "/subscribers")) == 1


def test_a_site_failing_runs_in_a_row_alerts_the_operator_once(workspace):
    from monitor.demo.sink import NotificationSink

    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        workspace.replay.fault("/live/qtraq/", "500", times=None)
        for _ in range(4):
            workspace.run(
                "run", "--force", "qtraq", "--operator-after", "3", "--apprise-config", config
            )
        operator = received(sink, "/operator")
        assert len(operator) == 1
        assert "qtraq" in operator[0].json()["title"]
        assert "failed 3 runs in a row" in operator[0].json()["message"]
        assert not received(sink, "/subscribers")


def test_a_policy_that_suddenly_shrinks_alerts_the_operator_not_subscribers(workspace):
    from monitor.demo.sink import NotificationSink

    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        assert workspace.run("run", "perfectdrs", "--apprise-config", config).returncode == 0
        # A sixth of the text, but every privacy-policy topic still covered: still the policy.
        workspace.replay.set_live("perfectdrs", "shrunk.md")
        assert (
            workspace.run("run", "--force", "perfectdrs", "--apprise-config", config).returncode
            == 0
        )
        assert not received(sink, "/subscribers")
        operator = received(sink, "/operator")
        assert len(operator) == 1 and "shrank by more than half" in operator[0].json()["message"]
        live = "SELECT count(DISTINCT version_id) FROM captures WHERE source = 'live'"
        assert rows(workspace.db, live)[0][0] == 2


def test_an_emptied_policy_page_alerts_the_operator(workspace):
    from monitor.demo.sink import NotificationSink

    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        assert workspace.run("run", "perfectdrs", "--apprise-config", config).returncode == 0
        workspace.replay.fault("/live/perfectdrs/", "empty", times=None)
        workspace.run("run", "--force", "perfectdrs", "--apprise-config", config)
        operator = received(sink, "/operator")
        assert len(operator) == 1 and "no policy text" in operator[0].json()["message"]
        assert not received(sink, "/subscribers")


def test_status_shows_pending_alerts_when_a_channel_is_down(workspace):
    from monitor.demo.sink import NotificationSink

    with NotificationSink() as sink:
        config = alerting(workspace, sink)
        assert workspace.run("run", "--apprise-config", config).returncode == 0
        workspace.replay.set_live("perfectdrs", "2026.md")
        sink.fail_next(10)
        done = workspace.run("run", "--force", "perfectdrs", "--apprise-config", config)
        assert done.returncode == 5
        status = json.loads(workspace.run("status", "--format", "json").stdout)
        health = {s["site"]: s for s in status["sites"]}
        assert health["perfectdrs"]["pending_alerts"] == 2  # tag all: both URLs


def test_a_run_opens_no_control_port(workspace):
    done = workspace.run("run", "perfectdrs", "-v")
    assert done.returncode == 0
    assert "Remote control" not in done.stderr and "Telnet console" not in done.stderr
