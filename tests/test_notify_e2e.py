"""Alerts end to end: real crawls over the replay, real SMTP, HTTP and Slack-webhook peers."""

from __future__ import annotations

import json
import sqlite3
from types import SimpleNamespace

import pytest

from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from tests.conftest import Workspace
from tests.peers import SLACK_HOST, SlackHooks, SMTPPeer, refused_port

SLACK_TOKENS = "T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7"
JSON_SECRET_PATH = "hook-3f9a7c2e"


def outbox(db, where="1=1"):
    with sqlite3.connect(db) as conn:
        return conn.execute(
            f"SELECT subscriber, status, attempts, last_error, tags FROM outbox WHERE {where}"
        ).fetchall()


def write_config(path, *urls: str) -> str:
    lines = ["urls:"] + [f'  - "{url}"' for url in urls]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def alerted(tmp_path_factory):
    """Silent backfill of perfectdrs, a new live policy, a crawl that alerts, notify twice."""
    root = tmp_path_factory.mktemp("alerted")
    smtp = SMTPPeer().start()
    slack = SlackHooks(root).start()
    with ReplayServer() as replay, NotificationSink() as sink:
        space = Workspace(root, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        config = write_config(
            root / "alerts.yaml",
            smtp.mailto(),
            f"json://127.0.0.1:{sink.port}/{JSON_SECRET_PATH}",
            f"slack://{SLACK_TOKENS}",
        )
        env = {"MONITOR_APPRISE_CONFIG": config, **slack.env()}
        runs = {}
        runs["backfill"] = space.run("backfill", "perfectdrs", **env)
        runs["unchanged crawl"] = space.run("crawl", "perfectdrs", **env)
        queued_before_change = len(outbox(space.db))
        replay.set_live("perfectdrs", "2026.md")
        runs["crawl"] = space.run("crawl", "perfectdrs", **env)
        queued = outbox(space.db)
        runs["notify"] = space.run("notify", **env)
        delivered = (len(smtp.messages), len(sink.delivered()), len(slack.requests))
        runs["notify again"] = space.run("notify", "--format", "json", **env)
        yield SimpleNamespace(
            space=space,
            replay=replay,
            runs=runs,
            queued_before_change=queued_before_change,
            queued=queued,
            delivered_first=delivered,
            mails=list(smtp.messages),
            posts=sink.delivered(),
            hooks=list(slack.requests),
        )
    slack.stop()
    smtp.stop()


def test_every_command_succeeds(alerted):
    for name, run in alerted.runs.items():
        assert run.returncode == 0, (name, run.stdout, run.stderr)


def test_backfill_without_notify_and_an_unchanged_crawl_queue_nothing(alerted):
    assert alerted.queued_before_change == 0


def test_a_changed_policy_queues_one_row_per_subscriber_url(alerted):
    assert len(alerted.queued) == 3
    assert {status for _, status, *_ in alerted.queued} == {"pending"}
    assert "3 alerts queued" in alerted.runs["crawl"].stdout


def test_each_url_receives_the_alert_once(alerted):
    assert alerted.delivered_first == (1, 1, 1)
    assert (len(alerted.mails), len(alerted.posts), len(alerted.hooks)) == (1, 1, 1)
    assert {status for _, status, *_ in outbox(alerted.space.db)} == {"sent"}


def test_a_second_notify_sends_nothing(alerted):
    again = json.loads(alerted.runs["notify again"].stdout)
    assert again["results"] == [] and again["pending"] == []


def test_the_email_has_the_title_an_html_part_and_a_text_part(alerted):
    mail = alerted.mails[0]
    assert mail["Subject"].startswith("Perfect Doctors Clinic privacy policy: 2 material changes (")
    html = mail.get_body(preferencelist=("html",)).get_content()
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "<strong>may</strong>" in html  # the changed words, marked
    assert "Data brokers and health insurers" in html
    assert "Who Do We Share Your Personal Data With?" in text


def test_the_json_post_links_both_captures_and_the_report(alerted):
    message = alerted.posts[0].json()
    replay = alerted.replay
    wayback = f"{replay.url}/web/20250120031259/https://www.perfectdrs.com/privacy-policy"
    assert message["title"].startswith("Perfect Doctors Clinic privacy policy: 2 material changes")
    assert f"({wayback})" in message["message"]
    assert f"({replay.live_url('perfectdrs')})" in message["message"]
    assert "monitor report perfectdrs --since" in message["message"]
    assert "third-party-sharing" in message["message"]
    assert "negation removed" in message["message"]


def test_slacks_own_plugin_posts_its_webhook_format(alerted):
    hook = alerted.hooks[0]
    assert hook.connect.startswith(f"CONNECT {SLACK_HOST}:443")
    assert hook.path == f"/services/{SLACK_TOKENS}"
    payload = json.loads(hook.body)
    text = json.dumps(payload)
    assert "Perfect Doctors Clinic privacy policy: 2 material changes" in text
    assert "*may*" in text  # Markdown bold became Slack mrkdwn


def test_no_url_or_token_lands_in_the_database_or_the_output(alerted):
    space = alerted.space
    with sqlite3.connect(space.db) as conn:
        dump = "\n".join(conn.iterdump())
    output = "".join(run.stdout + run.stderr for run in alerted.runs.values())
    for secret in (JSON_SECRET_PATH, "TIiajkdnlazkcOXrIdevi7", "journalist@example.org"):
        assert secret not in dump
    assert "TIiajkdnlazkcOXrIdevi7" not in output
    key_file = space.db.with_name(space.db.name + ".alert-key")
    assert key_file.stat().st_mode & 0o077 == 0


def test_an_endpoint_answering_500_is_retried_later_without_duplicates(workspace, tmp_path):
    with NotificationSink() as sink:
        config = write_config(tmp_path / "alerts.yaml", f"json://127.0.0.1:{sink.port}/a")
        env = {"MONITOR_APPRISE_CONFIG": config, "MONITOR_NOTIFY_BACKOFF": "600"}
        assert workspace.run("crawl", "perfectdrs", **env).returncode == 0
        workspace.replay.set_live("perfectdrs", "2026.md")
        assert workspace.run("crawl", "perfectdrs", **env).returncode == 0
        sink.fail_next(1, status=500)
        failed = workspace.run("notify", **env)
        assert failed.returncode == 5
        [(_, status, attempts, error, _)] = outbox(workspace.db)
        assert (status, attempts) == ("pending", 1) and "500" in error
        too_soon = workspace.run("notify", **env)
        assert too_soon.returncode == 0 and len(sink.received) == 1  # backing off: not tried
        assert workspace.run("notify", "--retry-now", **env).returncode == 0  # channel fixed
        assert workspace.run("notify", "--retry-now", **env).returncode == 0
        assert len(sink.delivered()) == 1 and len(sink.received) == 2
        assert [row[1:3] for row in outbox(workspace.db)] == [("sent", 2)]


def test_a_dead_smtp_server_loses_nothing_and_blocks_no_one(workspace, tmp_path):
    smtp = SMTPPeer()  # not started yet: its port refuses connections
    with NotificationSink() as sink:
        config = write_config(
            tmp_path / "alerts.yaml",
            smtp.mailto(password="S3cretPassw0rd"),
            f"json://127.0.0.1:{sink.port}/b",
        )
        env = {"MONITOR_APPRISE_CONFIG": config, "MONITOR_NOTIFY_BACKOFF": "0"}
        assert workspace.run("crawl", "perfectdrs", **env).returncode == 0
        workspace.replay.set_live("perfectdrs", "2026.md")
        assert workspace.run("crawl", "perfectdrs", **env).returncode == 0
        down = workspace.run("notify", "--format", "json", **env)
        assert down.returncode == 5
        assert len(sink.delivered()) == 1  # the other URL got its alert
        report = json.loads(down.stdout)
        [pending] = report["pending"]
        assert pending["site"] == "perfectdrs" and pending["pending"] == 1
        assert "S3cretPassw0rd" not in down.stdout + down.stderr
        assert "S3cretPassw0rd" not in str(outbox(workspace.db))
        smtp.start()
        try:
            back = workspace.run("notify", **env)
        finally:
            smtp.stop()
    assert back.returncode == 0, back.stdout
    assert len(smtp.messages) == 1 and len(sink.delivered()) == 1


def test_notify_test_reports_each_urls_result(workspace, tmp_path):
    with NotificationSink() as sink, refused_port() as dead:
        config = write_config(
            tmp_path / "alerts.yaml",
            f"json://127.0.0.1:{sink.port}/t",
            f"mailto://127.0.0.1:{dead}?from=a@example.org&to=b@example.org",
        )
        done = workspace.run("notify", "--test", "--format", "json", "--apprise-config", config)
    results = {r["url"].split(":")[0]: r["status"] for r in json.loads(done.stdout)["results"]}
    assert done.returncode == 5
    assert results == {"json": "sent", "mailto": "failed"}
    assert sink.delivered()[0].json()["title"] == "policy-monitor test message"


def test_the_first_version_of_a_site_is_its_baseline(workspace, tmp_path):
    with NotificationSink() as sink:
        config = write_config(tmp_path / "alerts.yaml", f"json://127.0.0.1:{sink.port}/c")
        assert workspace.run("crawl", "qtraq", "--apprise-config", config).returncode == 0
    assert outbox(workspace.db) == []


@pytest.mark.parametrize(("threshold", "alerts"), [("material", 3), ("minor", 4)])
def test_backfill_with_notify_alerts_each_pair_at_or_above_the_threshold(
    workspace, tmp_path, threshold, alerts
):
    config = write_config(tmp_path / "alerts.yaml", "json://127.0.0.1:9/never-sent")
    sites = workspace.sites.read_text(encoding="utf-8")
    workspace.sites.write_text(f"notify_thresholds:\n  all: {threshold}\n{sites}", "utf-8")
    done = workspace.run("backfill", "perfectdrs", "--notify", "--apprise-config", config)
    assert done.returncode == 0, done.stderr
    assert len(outbox(workspace.db)) == alerts


def test_backfill_notify_without_an_apprise_config_is_a_clear_error(workspace):
    done = workspace.run("backfill", "perfectdrs", "--notify")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("Error: --notify needs an apprise config")
