"""The story `monitor demo` tells: backfill five seed sites from the replay, let one publish a new
policy, crawl it (an alert is queued), show the diff, deliver the alert to the local sink.

Everything runs offline on loopback ports; the database is replaced on each run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from crawler.netguard import ALLOW_PRIVATE_ENV
from monitor.config import Settings, load_sites, resolve_settings
from monitor.dates import date_bound
from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink
from monitor.errors import MonitorError
from monitor.ops.jobs import run_spiders
from monitor.read import report, terminal
from monitor.read.history import pairs as site_pairs
from monitor.read.text import print_deliveries, print_summary
from monitor.store import Store

# The demo's live change: perfectdrs/2026.md shares sensitive data that 2025.md promised never to.
DEMO_CHANGED_SITE = "perfectdrs"
DEMO_NEW_VERSION = "2026.md"
# Loopback: the real Wayback limits (20 CDX a minute, 4 captures a second) would only be slow.
DEMO_FAST_CRAWL = {
    "MONITOR_CDX_PER_MINUTE": 600,
    "MONITOR_CAPTURES_PER_SECOND": 50,
    "MONITOR_DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY": 0,
}


def _demo_backfill(settings: Settings, log_overrides: dict) -> None:
    """`monitor backfill` in a child process, finished before the live crawl starts.

    Twisted's reactor starts once per process, and the live crawl must not run beside the
    backfill: the newest pair would then be compared by the silent backfill and alert nobody.
    """
    command = [sys.executable, "-m", "monitor", "backfill", "--db", str(settings.db)]
    command += ["--sites", str(settings.sites), "--wayback-url", settings.wayback_url]
    env = {**os.environ, **{key: str(value) for key, value in DEMO_FAST_CRAWL.items()}}
    if log_overrides.get("LOG_LEVEL") == "INFO":
        command.append("-v")
    command += ["--log-format", log_overrides.get("MONITOR_LOG_FORMAT", "text")]
    done = subprocess.run(command, env=env, check=False)
    if done.returncode not in (0, 3):
        raise MonitorError(f"the demo backfill failed (exit code {done.returncode})")


def run_demo(db: str, slug: str, color: bool | None, log_overrides: dict) -> None:
    """Tell the story on stdout, writing the database to ``db``; ``slug`` is the site whose diff
    is shown."""
    from monitor.delivery.notify import deliver_pending  # apprise: only when alerting

    os.environ[ALLOW_PRIVATE_ENV] = "1"  # the replay and the sink listen on loopback
    db_path = Path(db)
    for suffix in ("", "-wal", "-shm", ".alert-key"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="policy-monitor-demo-"))
    try:
        with ReplayServer() as replay, NotificationSink() as sink:
            sites_path = workdir / "sites.yaml"
            sites_path.write_text(replay.sites_yaml(), encoding="utf-8")
            apprise_path = workdir / "alerts.yaml"
            apprise_path.write_text(
                f"urls:\n  - json://{sink.host}:{sink.port}/alerts:\n      tag: all\n",
                encoding="utf-8",
            )
            settings = resolve_settings(
                db=str(db_path),
                sites=str(sites_path),
                wayback_url=replay.url,
                apprise_config=str(apprise_path),
            )
            sites_list = load_sites(settings.sites)
            click.echo(
                f"Replay of {len(sites_list)} seed sites and the Wayback Machine at {replay.url}; "
                f"notification sink (apprise json://) at {sink.url}"
            )
            click.echo("\n$ monitor backfill            # history, imported silently")
            _demo_backfill(settings, log_overrides)
            replay.set_live(DEMO_CHANGED_SITE, DEMO_NEW_VERSION)
            click.echo(f"\n({DEMO_CHANGED_SITE} publishes a new privacy policy)")
            click.echo("$ monitor crawl --apprise-config alerts.yaml")
            summary = run_spiders(
                settings,
                sites_list,
                [("live", {})],
                {**log_overrides, **DEMO_FAST_CRAWL},
                notify=True,
            )
            print_summary(summary)
            with Store(db_path) as store:
                found = site_pairs(store, slug, date_bound("2014"))
                click.echo(f"\n$ monitor diff {slug} --since 2014 --db {db_path}\n")
                terminal.print_renderable(terminal.diff_renderable(slug, found), color=color)
                click.echo("\n$ monitor notify --apprise-config alerts.yaml")
                print_deliveries(deliver_pending(store, settings), None, False)
            for received in sink.delivered():
                message = received.json()
                click.echo(f"\nReceived by the local sink at {sink.url}{received.path}:\n")
                click.echo(f"# {report.clean(message.get('title'))}\n")
                click.echo(report.clean(message.get("message")))
        click.echo(
            f"\nThe database is {db_path}: try `monitor history {slug} --db {db_path}` "
            f"or `monitor diff 1mg --db {db_path} --format json`."
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
