"""Commands that fetch: crawl, backfill, add, run, reprocess, and a cluster's worker and ingest.

The renderers (rich), the store and the diff engine are imported inside the commands that use
them, so `monitor --help` and the other commands do not load them (bench/startup.py).
"""

from __future__ import annotations

import sys
import time

import click

from monitor.cli.options import (
    alerts_module,
    apprise_option,
    cluster_settings,
    format_option,
    logging_options,
    settings_options,
    store_of,
    workers_option,
)
from monitor.config import Settings, load_sites, parse_duration, select_sites
from monitor.dates import period, wayback_prefix
from monitor.errors import ConfigError, PolicyNotFound
from monitor.ops.jobs import run_spiders


@click.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@settings_options
@workers_option
@apprise_option
@format_option("text", "json")
@logging_options
def crawl(slugs, settings: Settings, output_format: str, log_overrides: dict):
    """Fetch each site's live policy page now and record what changed.

    Without SLUGs every site in the sites file is fetched. With an apprise config, each new
    version pair with changes at or above a subscriber's threshold queues an alert for
    `monitor notify` (a site's first version is its baseline and alerts nobody).

    \b
    Example:
      monitor crawl perfectdrs 1mg --apprise-config alerts.yaml
      monitor notify --apprise-config alerts.yaml
    """
    from monitor.ops.fetch_log import record_fetches  # the store: only once a crawl has run
    from monitor.read.text import finish

    sites = select_sites(load_sites(settings.sites), slugs)
    alerting = alerts_module().subscribers_for(settings) is not None  # a bad config fails here
    summary = run_spiders(settings, sites, [("live", {})], log_overrides, notify=alerting)
    record_fetches(settings.db, "crawl", summary, live=True, archive=False)
    finish(summary, output_format)


@click.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--since", metavar="DATE", help="Only captures from DATE on (2014, 2014-05, 2014-05-31)."
)
@click.option("--until", metavar="DATE", help="Only captures up to DATE (inclusive).")
@click.option(
    "--discover",
    is_flag=True,
    help="First search the CDX index for earlier URLs of each policy (under the site's homepage "
    "or domain) and add those that read like it to its archive_urls in the sites file.",
)
@click.option(
    "--notify",
    "queue_alerts",
    is_flag=True,
    help="Queue alerts for the changes found, as `crawl` does (default: import silently).",
)
@click.option(
    "--per",
    type=click.Choice(["day", "hour", "all"]),
    default="all",
    show_default=True,
    help="Keep one capture per day or hour; 'all' keeps every distinct capture.",
)
@settings_options
@workers_option
@apprise_option
@format_option("text", "json")
@logging_options
def backfill(
    slugs,
    since,
    until,
    discover,
    queue_alerts,
    per,
    settings: Settings,
    output_format: str,
    log_overrides: dict,
):
    """Import a site's history from the Wayback Machine.

    Queries the CDX index once per distinct URL among the site's url and archive_urls (each
    query covers http/https and www variants), merges the answers into one timeline, then
    fetches each distinct capture once (raw, without the archive's toolbar). Repeats of a body
    already stored are recorded without a download; archived redirects are recorded with their
    target. Pages that are not the policy (bot challenges, error pages, soft 404s, login walls,
    empty bodies) are kept with the reason and never become versions. Captures already stored
    are skipped, so running it again, even after a crash, only fetches what is missing. With
    --discover, earlier homes of the policy found in the index are added to the site's
    archive_urls (comments in the sites file are kept) and backfilled too. History is imported
    silently unless --notify is given.

    Requests are paced (MONITOR_CDX_PER_MINUTE, MONITOR_CAPTURES_PER_SECOND); an HTTP 429
    pauses every request to the archive, and the run stops after MONITOR_MAX_429 of them.
    A progress bar shows on a terminal; a summary line ends the run.

    \b
    Example:
      monitor backfill perfectdrs --since 2014
      monitor backfill drbatras --discover
      monitor backfill perfectdrs --since 2024 --notify --apprise-config alerts.yaml
      monitor backfill --per day --format json
    """
    from monitor.ops.fetch_log import record_fetches  # the store: only once a crawl has run
    from monitor.read.text import finish

    sites = select_sites(load_sites(settings.sites), slugs)
    if queue_alerts and alerts_module().subscribers_for(settings) is None:
        raise ConfigError(
            "--notify needs an apprise config (--apprise-config or MONITOR_APPRISE_CONFIG)"
        )
    discovered = _discover_archive_urls(settings, sites, output_format) if discover else None
    if discovered:
        sites = select_sites(load_sites(settings.sites), slugs)
    period(since, until)  # an inverted range is bad input before anything is fetched
    arguments = {
        "since": wayback_prefix(since) if since else None,
        "until": wayback_prefix(until) if until else None,
        "per": per,
    }
    started = time.monotonic()
    summary = run_spiders(
        settings, sites, [("wayback", arguments)], log_overrides, notify=queue_alerts
    )
    summary.elapsed = time.monotonic() - started
    record_fetches(settings.db, "backfill", summary, live=False, archive=True)
    finish(summary, output_format, {"discovered": discovered} if discover else None, True)


def _discover_archive_urls(settings: Settings, sites, output_format: str) -> dict:
    """backfill --discover: find earlier policy URLs per site, write them to the sites file."""
    from monitor.discover import explain  # the discovery modules: only for commands that discover
    from monitor.discover.archive import propose_for_site
    from monitor.discover.fetch import Fetcher, Politeness
    from monitor.sites_file import add_archive_urls

    fetcher = Fetcher(Politeness.from_settings(settings))
    found = {}
    for site in sites:
        homes, notes, proposed = propose_for_site(
            fetcher, settings.wayback_url, site.homepage, site.url, site.all_urls
        )
        if proposed:
            add_archive_urls(settings.sites, site.slug, proposed)
        found[site.slug] = {
            "archive": [h.as_dict() for h in homes],
            "added": proposed,
            "notes": notes,
        }
        if output_format == "text":
            click.echo(f"{site.slug}: earlier homes in the Wayback Machine")
            for line in explain.archive_lines(homes, notes, proposed):
                click.echo(line)
    return found


@click.command()
@click.argument("homepage", metavar="HOMEPAGE_URL")
@click.option("--slug", help="Slug for the new site [default: from the homepage's domain].")
@click.option("--name", help="Name of the new site [default: from the homepage].")
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@settings_options
@format_option("text", "json")
def add(homepage, slug, name, dry_run, settings: Settings, output_format: str):
    """Find a clinic's privacy policy from its homepage and start watching it.

    Ranks the homepage's links by their text, title and URL (privacy policy, data protection,
    confidentialité, datenschutz, privacidad, गोपनीयता नीति ...), then, if none convinces, the
    sitemap's and a second page's; reads the best pages until one reads like a privacy policy;
    looks in the Wayback Machine for earlier URLs of that policy and the years each was live;
    and adds the site, with those archive_urls, to the sites file (comments and order kept).
    Every choice is reported with its reasons. When no page reads like a privacy policy,
    nothing is added and the exit code is 4.

    \b
    Example:
      monitor add https://www.drbatras.com/ --dry-run
      monitor add https://www.perfectdrs.com/ --slug perfectdrs --format json
    """
    from monitor.discover import explain  # the discovery modules: only for commands that discover
    from monitor.discover.add import add_site
    from monitor.discover.fetch import Fetcher, Politeness
    from monitor.read import report

    fetcher = Fetcher(Politeness.from_settings(settings))
    found = add_site(fetcher, settings.wayback_url, settings.sites, homepage, slug, name, dry_run)
    if output_format == "json":
        click.echo(report.to_json(found.as_dict()))
    else:
        click.echo(explain.add_text(found))
    if not found.found:
        raise PolicyNotFound(f"no page linked from {homepage} reads like a privacy policy")


@click.command(name="run")
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--force",
    is_flag=True,
    help="Fetch every live page now, due or not (archives keep their pace).",
)
@click.option(
    "--archive-every",
    metavar="DURATION",
    default="7d",
    show_default=True,
    help="How often a site's Wayback history is checked for new captures (30m, 6h, 1d, 2w).",
)
@click.option(
    "--operator-after",
    metavar="N",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Failed runs in a row before the URLs tagged `operator` are told.",
)
@settings_options
@workers_option
@apprise_option
@format_option("text", "json")
@logging_options
def run_command(
    slugs, force, archive_every, operator_after, settings: Settings, output_format, log_overrides
):
    """The job for cron: fetch what is due, diff, judge, alert, in one locked run.

    Each site is fetched when its `every:` (sites file; default 1d) has passed since its last
    successful fetch, so a frequent cron line only does what is due. Its Wayback history is
    checked for new captures every --archive-every (imported silently). With an apprise config,
    new changes at or above each subscriber's threshold are queued and every pending alert is
    delivered; a site failing --operator-after runs in a row, or whose policy suddenly shrinks by
    more than half or empties, alerts the URLs tagged `operator` instead of subscribers.

    Two runs never overlap: a second one exits with code 6 (a lock left by a killed run is taken
    over). One line per site; exit code 3 when any site failed, 5 when alerts stay pending.

    \b
    Example (crontab, every 15 minutes):
      */15 * * * * cd /srv/policy-monitor && .venv/bin/monitor run --log-format json
    """
    from monitor.ops.runner import run as run_job  # the store and its lock: only for a run
    from monitor.read import report
    from monitor.read.text import print_deliveries, run_line

    sites = select_sites(load_sites(settings.sites), slugs)
    outcome = run_job(
        settings,
        sites,
        force=force,
        archive_every=parse_duration(archive_every, "--archive-every"),
        operator_after=operator_after,
        overrides=log_overrides,
    )
    if output_format == "json":
        data = {
            "run_id": outcome.run_id,
            "ok": not outcome.failed and not outcome.undelivered,
            "stop_reason": outcome.stop_reason,
            "sites": [site.as_dict() for site in outcome.sites],
            "deliveries": [d.as_dict() for d in outcome.deliveries],
        }
        click.echo(report.to_json(data))
    else:
        for site in outcome.sites:
            click.echo(run_line(site))
        if outcome.deliveries:
            print_deliveries(outcome.deliveries, None, False)
        if outcome.stop_reason:
            click.echo(f"Stopped: {outcome.stop_reason}", err=True)
    if outcome.failed:
        sys.exit(3)
    if outcome.undelivered:
        sys.exit(5)


@click.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@settings_options
@format_option("text", "json")
def reprocess(slugs, settings: Settings, output_format: str):
    """Re-extract stored captures with the current extraction rules.

    Run it after upgrading policy-monitor or editing a site's select/remove/start/end rules.
    Every stored raw capture is normalized again; captures whose text changes move to the
    version holding the new text. The differences this causes are recorded as technical
    changes (as Open Terms Archive does): they are caused by the rules, not by the site, and
    never alert anyone. Without SLUGs every site in the sites file is reprocessed.

    \b
    Example:
      monitor reprocess perfectdrs
      monitor reprocess --format json
    """
    from diffs import RULES_VERSION  # the diff engine and the ingest core: only to reprocess
    from monitor.ingest.reprocess import reprocess as reprocess_site
    from monitor.read import report

    chosen = select_sites(load_sites(settings.sites), slugs)
    results = []
    with store_of(settings) as store:
        store.sync_sites(chosen)
        for site in chosen:
            results.append(reprocess_site(store, site))
    if output_format == "json":
        click.echo(report.to_json({"sites": [r.as_dict() for r in results]}))
        return
    for r in results:
        changes = sum(n for _, _, n in r.technical_comparisons)
        click.echo(
            f"{r.site:<20} {r.captures:>3} captures re-extracted, {r.moved:>3} moved to another"
            f" text, {r.new_versions:>2} new versions, {changes:>3} technical changes"
            f" (rules {RULES_VERSION}; never alerted)"
        )


@click.command()
@click.option(
    "--sites-at-once",
    metavar="N",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Sites this worker holds (claimed, not finished) at a time.",
)
@click.option("--id", "worker_id", metavar="NAME", help="Worker name [default: HOST-PID].")
@settings_options
@workers_option
@logging_options
def worker(sites_at_once, worker_id, settings: Settings, log_overrides: dict):
    """Fetch sites for a crawl cluster until stopped: one of N crawler processes.

    Claims sites from the Redis given by --workers (or MONITOR_REDIS_URL), one at a time up to
    --sites-at-once, fetches each completely (its live page, or its Wayback history) and sends
    the captures back through Redis to the single `monitor ingest`. A worker needs no database;
    a worker killed mid-site stops renewing its lease and its sites go to another worker.
    Per-host pauses (the Wayback's limits above all) are shared by all workers through Redis.
    Stop it with SIGTERM or Ctrl-C: unfinished sites go back to the queue.

    \b
    Example:
      monitor worker --workers redis://10.0.0.5:6379/0 -v
    """
    from monitor.ops.cluster import run_worker  # redis and scrapy-redis: only when distributed

    run_worker(
        cluster_settings(settings), log_overrides, worker_id=worker_id, sites_at_once=sites_at_once
    )


@click.command(name="ingest")
@settings_options
@workers_option
@apprise_option
def ingest_command(settings: Settings):
    """Store what a crawl cluster's workers fetch: the one process that writes the database.

    Reads captures from the Redis given by --workers (or MONITOR_REDIS_URL) and stores each in
    one transaction, exactly as a single-process crawl does (so a capture sent twice is stored
    once, and alerts go through the outbox). Run one, beside the database; a second one waits.
    Killed mid-capture, the capture is stored again by the next start. Until stopped.

    \b
    Example:
      monitor ingest --workers redis://10.0.0.5:6379/0 --db /var/lib/policy-monitor/monitor.db
    """
    from monitor.ops.cluster import run_ingester  # redis and scrapy-redis: only when distributed

    run_ingester(cluster_settings(settings))
