"""Commands that alert and keep evidence: notify, save."""

from __future__ import annotations

import os
import sys

import click

from monitor.cli.options import (
    alerts_module,
    apprise_option,
    format_option,
    settings_options,
    store_of,
)
from monitor.config import Settings, load_sites, select_sites
from monitor.logs import setup_logging
from monitor.read import report
from monitor.read.text import print_deliveries

DEFAULT_SAVE_INTERVAL = 10.0


@click.command()
@click.option("--test", "test_only", is_flag=True, help="Send a test message to each URL.")
@click.option(
    "--retry-now",
    is_flag=True,
    help="Retry every pending alert now, without waiting for its backoff (after fixing a channel).",
)
@settings_options
@apprise_option
@format_option("text", "json")
def notify(test_only: bool, retry_now: bool, settings: Settings, output_format: str):
    """Deliver pending alerts to the subscribers in the apprise config.

    Each alert queued by `crawl` (or `backfill --notify`) goes to each of its subscriber URLs
    once. A URL that fails keeps its alerts pending: they are retried by later runs, waiting
    longer after each failure (MONITOR_NOTIFY_BACKOFF seconds, doubling, at most 6 hours);
    the other URLs are not held up. Exit code 5 when anything could not be delivered.

    With --test, sends a short test message to every configured URL and reports each result;
    nothing is stored.

    \b
    Example:
      monitor notify --apprise-config alerts.yaml --test
      monitor notify --apprise-config alerts.yaml --format json
    """
    setup_logging()  # apprise's own warnings go through the redacting handler too
    if test_only:
        results = alerts_module().send_test(settings)
        pending = None
    else:
        with store_of(settings) as store:
            results = alerts_module().deliver_pending(store, settings, retry_now=retry_now)
            pending = store.pending_alerts_summary()
    if output_format == "json":
        data = {"results": [r.as_dict() for r in results]}
        if pending is not None:
            data["pending"] = pending
        click.echo(report.to_json(data))
    else:
        print_deliveries(results, pending, test_only)
    if any(r.status not in ("sent", "unconfirmed") for r in results):
        sys.exit(5)


@click.command()
@click.argument("slugs", nargs=-1, metavar="SLUG...", required=True)
@settings_options
@format_option("text", "json")
def save(slugs, settings: Settings, output_format: str):
    """Ask the Wayback Machine to archive a site's live policy page now (Save Page Now).

    The archived copy is remembered, and `history`/`diff --format json` link the live version
    to it (archive_url), so a change can be shown to a third party. Saves are spaced
    MONITOR_SAVE_INTERVAL seconds apart (default 10): Save Page Now allows only a few a minute.

    \b
    Example:
      monitor save perfectdrs
    """
    from monitor.read.evidence import save_pages  # requests: only to save pages

    sites = select_sites(load_sites(settings.sites), slugs)
    interval = float(os.environ.get("MONITOR_SAVE_INTERVAL", DEFAULT_SAVE_INTERVAL))
    saved = save_pages(settings.wayback_url, [site.url for site in sites], interval)
    with store_of(settings) as store:
        store.sync_sites(sites)
        for site, copy in zip(sites, saved, strict=True):
            store.add_archive_save(site.slug, copy.url, copy.archive_url, copy.saved_at)
    if output_format == "json":
        data = [
            {"site": site.slug, "url": c.url, "archive_url": c.archive_url, "saved_at": c.saved_at}
            for site, c in zip(sites, saved, strict=True)
        ]
        click.echo(report.to_json({"saved": data}))
        return
    for site, copy in zip(sites, saved, strict=True):
        click.echo(f"{site.slug:<20} archived at {copy.archive_url}")
