"""No secret of the apprise configuration in any output: every command's stdout, stderr (logs at
INFO, text and JSON), JSON reports and the database are searched for each secret of a config
whose URLs deliver for real (SMTP with a password, a JSON webhook with a path token and a bearer
header, Slack through its stand-in) or fail (Discord, a refused webhook)."""

from __future__ import annotations

import pytest

from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from tests.conftest import Workspace
from tests.peers import SlackHooks, SMTPPeer, refused_port

MAIL_PASSWORD = "mail-pw-5e4f0c2a"
PATH_TOKEN = "pathtok3n9b1d7e2"
HEADER_TOKEN = "hdrtok4c8f2a6b0d"
SLACK_BOT, SLACK_TOKEN = "B7Q2W4E6R", "sl4ckT0kenZq8Wv3Xk9Jm2"
DISCORD_TOKEN = "d1sc0rdT0kenYv7Np3Qs8"
REFUSED_TOKEN = "refusedtok7a2c9e1f"
SECRETS = (MAIL_PASSWORD, PATH_TOKEN, HEADER_TOKEN, SLACK_BOT, SLACK_TOKEN, DISCORD_TOKEN,
           REFUSED_TOKEN)  # fmt: skip


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("secrets")
    smtp = SMTPPeer().start()
    slack = SlackHooks(root).start()
    with ReplayServer() as replay, NotificationSink() as sink, refused_port() as dead:
        space = Workspace(root, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        urls = [
            smtp.mailto(MAIL_PASSWORD),
            f"json://127.0.0.1:{sink.port}/hook/{PATH_TOKEN}"
            f"?+Authorization=Bearer%20{HEADER_TOKEN}",
            f"slack://T1JJ3T3L2/{SLACK_BOT}/{SLACK_TOKEN}",
            f"discord://123456789012/{DISCORD_TOKEN}",
            f"json://127.0.0.1:{dead}/hook/{REFUSED_TOKEN}",
        ]
        config = root / "alerts.yaml"
        config.write_text("urls:\n" + "".join(f'  - "{url}"\n' for url in urls), encoding="utf-8")
        env = {"MONITOR_APPRISE_CONFIG": str(config), "MONITOR_NOTIFY_BACKOFF": "0", **slack.env()}
        runs = [space.run("crawl", "-v", **env)]
        replay.set_live("perfectdrs", "2026.md")
        runs.append(space.run("crawl", "-v", "--log-format", "json", "--format", "json", **env))
        runs.append(space.run("notify", **env))
        runs.append(space.run("notify", "--format", "json", "--retry-now", **env))
        runs.append(space.run("notify", "--test", **env))
        runs.append(space.run("notify", "--test", "--format", "json", **env))
        replay.set_live("perfectdrs", "2025.md")
        runs.append(space.run("run", "--force", "-v", "--format", "json", **env))
        runs.append(space.run("run", "--force", "-v", **env))
        runs.append(space.run("status", "--format", "json", **env))
        delivered = (len(smtp.messages), len(sink.delivered()), len(slack.requests))
        database = b"".join(path.read_bytes() for path in root.glob("monitor.db*"))
        yield runs, delivered, database
    slack.stop()
    smtp.stop()


def test_the_working_urls_really_delivered(outputs):
    _, (mails, posts, hooks), _ = outputs
    assert mails >= 1 and posts >= 1 and hooks >= 1


def test_the_failing_urls_were_reported(outputs):
    runs, _, _ = outputs
    assert any("discord://" in run.stdout for run in runs)
    assert any(run.returncode == 5 for run in runs)


@pytest.mark.parametrize("secret", SECRETS)
def test_no_output_and_no_row_holds_a_secret(outputs, secret):
    runs, _, database = outputs
    for run in runs:
        assert secret not in run.stdout, (run.args, run.stdout)
        assert secret not in run.stderr, (run.args, run.stderr)
    assert secret.encode() not in database
