"""The `monitor` command: a thin layer over the library; the only place that prints errors."""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from rich.text import Text

from diffs import RULES_VERSION
from diffs.clauses import split
from diffs.normalize import normalize
from monitor import report
from monitor.config import (
    Settings,
    load_sites,
    parse_duration,
    resolve_settings,
    select_sites,
)
from monitor.crawl import CrawlSummary, run_spiders
from monitor.dates import date_bound, wayback_prefix
from monitor.errors import ConfigError, InputError, MonitorError, PolicyNotFound, UnknownSite
from monitor.fetch_log import record_fetches
from monitor.history import history as site_history
from monitor.history import pairs as site_pairs
from monitor.ingest import judged_changes
from monitor.runner import run as run_job
from monitor.set_aside import set_aside_line
from monitor.store import Store, utc_now

DEFAULT_SAVE_INTERVAL = 10.0
EXIT_CODES = """\b
Exit codes: 0 success; 1 unexpected error; 2 bad input (unknown site, bad date,
unreadable file, bad configuration); 3 one or more sites could not be fetched
(everything that was fetched is stored); 4 `monitor add` found no privacy policy;
5 one or more alerts could not be delivered (they stay pending and are retried by
the next `monitor notify`); 6 another run is working on the same database."""


class MonitorGroup(click.Group):
    """Turns domain errors into one line on stderr and a meaningful exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MonitorError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; what was stored is kept.", err=True)
            sys.exit(130)


def settings_options(command):
    """--db, --sites and --wayback-url on every command that needs them (flag, then env)."""

    @click.option("--db", metavar="PATH", help="SQLite file [env MONITOR_DB; default monitor.db]")
    @click.option(
        "--sites",
        "sites_file",
        metavar="PATH",
        help="Sites file [env MONITOR_SITES; default schedules/sites.yaml]",
    )
    @click.option(
        "--wayback-url",
        metavar="URL",
        help="Wayback Machine base URL [env MONITOR_WAYBACK_URL; default https://web.archive.org]",
    )
    @functools.wraps(command)
    def wrapper(*args, db=None, sites_file=None, wayback_url=None, **kwargs):
        settings = resolve_settings(db=db, sites=sites_file, wayback_url=wayback_url)
        return command(*args, settings=settings, **kwargs)

    return wrapper


def apprise_option(command):
    """--apprise-config, applied over the settings (put it below @settings_options)."""

    @click.option(
        "--apprise-config",
        metavar="PATH",
        help="apprise configuration (YAML or text, with tags) of the people to alert "
        "[env MONITOR_APPRISE_CONFIG]",
    )
    @functools.wraps(command)
    def wrapper(*args, settings: Settings, apprise_config=None, **kwargs):
        if apprise_config:
            settings = dataclasses.replace(settings, apprise_config=Path(apprise_config))
        return command(*args, settings=settings, **kwargs)

    return wrapper


def workers_option(command):
    """--workers: crawl through Redis with `monitor worker` processes (below @settings_options)."""

    @click.option(
        "--workers",
        "redis_url",
        metavar="URL",
        help="Redis of a crawl cluster (redis://HOST:PORT/N): the sites are fetched by "
        "`monitor worker` processes [env MONITOR_REDIS_URL; default: crawl in this process]",
    )
    @functools.wraps(command)
    def wrapper(*args, settings: Settings, redis_url=None, **kwargs):
        if redis_url:
            settings = dataclasses.replace(settings, redis_url=redis_url)
        return command(*args, settings=settings, **kwargs)

    return wrapper


def _cluster_settings(settings: Settings) -> Settings:
    if not settings.redis_url:
        raise ConfigError("give the cluster's Redis: --workers redis://HOST:PORT/N")
    return settings


def format_option(*choices: str):
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


color_option = click.option(
    "--color/--no-color", default=None, help="Force colour on or off (default: only on a terminal)."
)


def logging_options(command):
    """-v and --log-format for commands that crawl; they become Scrapy setting overrides."""

    @click.option("-v", "--verbose", is_flag=True, help="Show the crawler's log (INFO) on stderr.")
    @click.option(
        "--log-format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Log lines for people, or one JSON object per line for log shippers.",
    )
    @functools.wraps(command)
    def wrapper(*args, verbose=False, log_format="text", **kwargs):
        overrides = {
            "LOG_LEVEL": "INFO" if verbose else "WARNING",
            "MONITOR_LOG_FORMAT": log_format,
        }
        return command(*args, log_overrides=overrides, **kwargs)

    return wrapper


@click.group(cls=MonitorGroup, epilog=EXIT_CODES)
@click.version_option(package_name="policy-monitor")
def cli():
    """Watch privacy policies change.

    Crawl each site's live policy page and its history in the Wayback Machine, split the text
    into clauses, diff neighbouring versions clause by clause and judge each change cosmetic,
    minor or material.

    \b
    Quick tour:
      monitor demo                           offline demo on bundled seed sites
      monitor backfill perfectdrs --since 2014
      monitor crawl                          fetch every live policy now
      monitor diff perfectdrs --since 2014   what changed, clause by clause
    """


def _alerts():
    """monitor.notify, imported on use: apprise loads ~190 plugins, which only alerting needs."""
    from monitor import notify

    return notify


def _open_store(settings: Settings) -> Store:
    return Store(settings.db)


def _known_site(store: Store, settings: Settings, slug: str) -> None:
    """Fail with a clear message for a slug neither the database nor the sites file knows."""
    stored = store.site_slugs()
    if slug in stored:
        return
    listed = [s.slug for s in load_sites(settings.sites)] if settings.sites.exists() else []
    if slug not in listed:
        raise UnknownSite(slug, sorted(set(listed) | stored))


@cli.command()
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
    sites = select_sites(load_sites(settings.sites), slugs)
    alerting = _alerts().subscribers_for(settings) is not None  # a bad config fails here
    summary = run_spiders(settings, sites, [("live", {})], log_overrides, notify=alerting)
    record_fetches(settings.db, "crawl", summary, live=True, archive=False)
    _finish(summary, output_format)


@cli.command()
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
    sites = select_sites(load_sites(settings.sites), slugs)
    if queue_alerts and _alerts().subscribers_for(settings) is None:
        raise ConfigError(
            "--notify needs an apprise config (--apprise-config or MONITOR_APPRISE_CONFIG)"
        )
    discovered = _discover_archive_urls(settings, sites, output_format) if discover else None
    if discovered:
        sites = select_sites(load_sites(settings.sites), slugs)
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
    _finish(summary, output_format, {"discovered": discovered} if discover else None, True)


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


@cli.command()
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

    fetcher = Fetcher(Politeness.from_settings(settings))
    found = add_site(fetcher, settings.wayback_url, settings.sites, homepage, slug, name, dry_run)
    if output_format == "json":
        click.echo(report.to_json(found.as_dict()))
    else:
        click.echo(explain.add_text(found))
    if not found.found:
        raise PolicyNotFound(f"no page linked from {homepage} reads like a privacy policy")


@cli.command(name="run")
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
            click.echo(_run_line(site))
        if outcome.deliveries:
            _print_deliveries(outcome.deliveries, None, False)
        if outcome.stop_reason:
            click.echo(f"Stopped: {outcome.stop_reason}", err=True)
    if outcome.failed:
        sys.exit(3)
    if outcome.undelivered:
        sys.exit(5)


def _run_line(site) -> str:
    if not site.due:
        return f"{site.slug:<20} not due (next at {site.next_due})"
    if not site.ok:
        streak = (
            f", {site.consecutive_failures} runs in a row" if site.consecutive_failures > 1 else ""
        )
        return f"{site.slug:<20} FAILED{streak}: {site.error}"
    c = site.counts
    if c.get("not_modified"):
        what = "unchanged (304)"
    elif c.get("new_versions"):
        what = (
            f"{c['new_versions']} new version(s), {c['changes']} change(s), "
            f"{c['material_changes']} material"
        )
    else:
        what = "unchanged"
    archive = ", archive checked" if site.archive_checked else ""
    return f"{site.slug:<20} ok: {what}{archive}"


@cli.command()
@settings_options
@format_option("text", "json")
def status(settings: Settings, output_format: str):
    """Health of every watched site: last fetch, last change, failures, database size.

    \b
    Example:
      monitor status --format json
    """
    listed = [s.slug for s in load_sites(settings.sites)] if settings.sites.exists() else []
    with _open_store(settings) as store:
        slugs = list(dict.fromkeys([*listed, *sorted(store.site_slugs())]))
        sites_health = [store.site_health(slug) for slug in slugs]
        data = {
            "database": str(settings.db),
            "database_bytes": store.size_bytes(),
            "sites": sites_health,
        }
    if output_format == "json":
        click.echo(report.to_json(data))
        return
    click.echo(f"database {data['database']} ({data['database_bytes'] / 1024 / 1024:.1f} MB)")
    for health in sites_health:
        line = (
            f"{health['site']:<20} last live fetch {health['last_success'] or 'never'}, "
            f"last archive check {health['last_archive_check'] or 'never'}, "
            f"last change {health['last_change'] or 'none'}, {health['versions']} version(s)"
        )
        if health["pending_alerts"]:
            line += f", {health['pending_alerts']} alert(s) pending"
        if health["consecutive_failures"]:
            line += f", FAILING {health['consecutive_failures']}x: {health['last_error']}"
        click.echo(line)


@cli.command()
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
    if test_only:
        results = _alerts().send_test(settings)
        pending = None
    else:
        with _open_store(settings) as store:
            results = _alerts().deliver_pending(store, settings, retry_now=retry_now)
            pending = store.pending_alerts_summary()
    if output_format == "json":
        data = {"results": [r.as_dict() for r in results]}
        if pending is not None:
            data["pending"] = pending
        click.echo(report.to_json(data))
    else:
        _print_deliveries(results, pending, test_only)
    if any(r.status != "sent" for r in results):
        sys.exit(5)


@cli.command()
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
    from monitor.evidence import save_pages  # requests: only to save pages

    sites = select_sites(load_sites(settings.sites), slugs)
    interval = float(os.environ.get("MONITOR_SAVE_INTERVAL", DEFAULT_SAVE_INTERVAL))
    saved = save_pages(settings.wayback_url, [site.url for site in sites], interval)
    with _open_store(settings) as store:
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


@cli.command()
@click.argument("slug")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the captures that are not versions (error pages, challenges, login walls, "
    "loading shells, unavailable archive captures, redirects), each with its reason.",
)
@settings_options
@format_option("text", "json", "md")
@color_option
def history(slug, show_all: bool, settings: Settings, output_format: str, color):
    """List the versions of a site's policy, oldest first.

    A version is a distinct normalized text; a text that comes back later is listed again.
    `--format md` gives a Markdown table with links to the archived captures. With --all, the
    captures that never became versions follow, with the reason each was set aside.

    \b
    Example:
      monitor history perfectdrs --format json
      monitor history perfectdrs --format md > versions.md
      monitor history perfectdrs --all
    """
    with _open_store(settings) as store:
        _known_site(store, settings, slug)
        versions = site_history(store, slug, wayback_url=settings.wayback_url)
        set_aside = store.captures_not_versions(slug) if show_all else None
    if output_format == "json":
        data = {"site": slug, "versions": versions}
        if set_aside is not None:
            data["not_versions"] = set_aside
        click.echo(report.to_json(data))
        return
    if output_format == "md":
        click.echo(report.history_markdown(slug, versions, wayback_url=settings.wayback_url))
    else:
        report.print_renderable(report.history_renderable(slug, versions), color=color)
    for capture in set_aside or ():
        click.echo(set_aside_line(capture))


@cli.command()
@click.argument("slug")
@click.option("--since", metavar="DATE", help="Pairs whose newer version is from DATE on.")
@click.option("--until", metavar="DATE", help="Pairs whose newer version is up to DATE.")
@settings_options
@format_option("text", "json", "md")
@color_option
def diff(slug, since, until, settings: Settings, output_format: str, color):
    """Show what changed between neighbouring versions, clause by clause.

    DATE is a year (2014), a month (2014-05) or a day (2014-05-31). Each pair of versions is
    shown with its dates and sources, its changes grouped by section: added, removed, modified
    (changed words marked [-old-]{+new+}) or moved, each with its materiality and reasons.
    `--format md` gives Markdown for tickets (~~removed~~ **added**, links to the captures).

    \b
    Example:
      monitor diff perfectdrs --since 2014
      monitor diff perfectdrs --since 2019 --until 2022 --format json
      monitor diff perfectdrs --since 2021 --format md | xclip
    """
    start, end = _period(since, until)
    with _open_store(settings) as store:
        _known_site(store, settings, slug)
        found = _pairs_with_progress(store, slug, start, end, settings.wayback_url)
    if output_format == "md":
        click.echo(report.diff_markdown(slug, found, wayback_url=settings.wayback_url))
    elif output_format == "json":
        public = [
            {
                "from": p["from"],
                "to": p["to"],
                "changes": [report.change_json(c) for c in p["changes"]],
            }
            for p in found
        ]
        click.echo(report.to_json({"site": slug, "pairs": public}))
    else:
        report.print_renderable(report.diff_renderable(slug, found), color=color)


@cli.command("report")
@click.argument("slug")
@click.option("--since", metavar="DATE", help="Versions and changes from DATE on.")
@click.option("--until", metavar="DATE", help="Versions and changes up to DATE (inclusive).")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write the HTML ('-' for stdout)  [default: report-SLUG.html]",
)
@settings_options
def report_command(slug, since, until, output, settings: Settings):
    """Write one self-contained HTML report of a site's policy changes.

    The page opens anywhere, offline: a timeline chart of versions and changes (when, how
    much, how material), then every change side by side with removed and added words
    highlighted and links to the archived captures; buttons filter by materiality. It holds
    no JavaScript and loads nothing from the network.

    \b
    Example:
      monitor report perfectdrs --since 2016 -o report.html
    """
    start, end = _period(since, until)
    with _open_store(settings) as store:
        _known_site(store, settings, slug)
        site = store.site(slug) or {"slug": slug}
        versions = site_history(store, slug, start, end, settings.wayback_url)
        found = _pairs_with_progress(store, slug, start, end, settings.wayback_url)
    from monitor import html_report  # only for the report command

    page = html_report.render(
        site,
        versions,
        found,
        wayback_url=settings.wayback_url,
        period=_period_label(since, until),
        generated_at=utc_now(),
    )
    target = output or f"report-{slug}.html"
    _write(target, page)
    if target != "-":
        changes = sum(len(p["changes"]) for p in found)
        click.echo(f"Wrote {target}: {len(versions)} versions, {changes} changes.")


@cli.command()
@click.argument("slug", required=False)
@click.option("--all", "all_sites", is_flag=True, help="One feed for every site in the database.")
@click.option("--since", metavar="DATE", help="Only updates from DATE on.")
@click.option(
    "-o", "--output", metavar="FILE", default="-", help="Where to write the feed [default: stdout]"
)
@settings_options
def feed(slug, all_sites, since, output, settings: Settings):
    """Write an Atom feed of material changes, for any feed reader.

    One entry per policy update that brought a material change, newest first, with the
    changed words, the reasons and links to the archived captures. Entry ids are stable, so
    regenerating the feed (say, from cron) never shows old news as new.

    \b
    Example:
      monitor feed perfectdrs -o perfectdrs.xml
      monitor feed --all -o /var/www/policies.xml
    """
    if bool(slug) == all_sites:
        raise InputError("give one SLUG or --all")
    start, _ = _period(since, None)
    with _open_store(settings) as store:
        if slug:
            _known_site(store, settings, slug)
        slugs = [slug] if slug else sorted(store.site_slugs())
        sites = [
            (
                store.site(s) or {"slug": s},
                _pairs_with_progress(store, s, start, None, settings.wayback_url),
            )
            for s in slugs
        ]
    from monitor import feed as atom  # only for the feed command

    document = atom.render(
        sites, wayback_url=settings.wayback_url, generated_at=utc_now(), every_site=all_sites
    )
    _write(output, document)


@cli.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option("text", "json")
@color_option
def compare(old, new, output_format: str, color):
    """Compare two policies given as files (HTML, Markdown or text) or URLs.

    Nothing is stored. Exit code 0 whether or not they differ.

    \b
    Example:
      monitor compare policy-2019.html policy-2024.html --format json
    """
    old_doc = _document(old)
    new_doc = _document(new)
    changes = [report.change_json(c) for c in judged_changes(split(old_doc), split(new_doc))]
    if output_format == "json":
        click.echo(report.to_json({"changes": changes}))
        return
    older = {"captured_at": old, "source": "file"}
    newer = {"captured_at": new, "source": "file"}
    report.print_renderable(
        report.diff_renderable("compare", [{"from": older, "to": newer, "changes": changes}])
        if changes
        else Text("No changes."),
        color=color,
    )


@cli.command()
@click.argument("source", metavar="FILE|URL")
@format_option("text", "json")
def extract(source, output_format: str):
    """Print the clauses extracted from a policy, as the diff sees them.

    \b
    Example:
      monitor extract https://www.perfectdrs.com/privacy-policy
    """
    document = _document(source)
    clauses = split(document)
    if output_format == "json":
        data = {
            "sha256": document.sha256,
            "clauses": [
                {"position": c.position, "kind": c.kind, "section": c.section, "text": c.text}
                for c in clauses
            ],
        }
        click.echo(report.to_json(data))
        return
    for clause in clauses:
        prefix = {"heading": "#", "item": "-"}.get(clause.kind, " ")
        click.echo(f"{prefix} {report.clean(clause.text)}")


@cli.command()
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
    from monitor.reprocess import reprocess as reprocess_site

    chosen = select_sites(load_sites(settings.sites), slugs)
    results = []
    with _open_store(settings) as store:
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


@cli.command()
@settings_options
@format_option("text", "json")
def sites(settings: Settings, output_format: str):
    """List the watched sites from the sites file."""
    listed = load_sites(settings.sites)
    if output_format == "json":
        data = [
            {
                "slug": s.slug,
                "name": s.name,
                "url": s.url,
                "archive_urls": list(s.archive_urls),
                "notify": list(s.notify),
                "homepage": s.homepage,
            }
            for s in listed
        ]
        click.echo(report.to_json({"sites": data}))
        return
    for site in listed:
        click.echo(f"{site.slug:<20} {site.name}  <{site.url}>")
        for url in site.archive_urls:
            click.echo(f"{'':<20}   earlier: <{url}>")


@cli.command()
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
    from monitor.cluster import run_worker  # redis and scrapy-redis: only when distributed

    run_worker(
        _cluster_settings(settings), log_overrides, worker_id=worker_id, sites_at_once=sites_at_once
    )


@cli.command(name="ingest")
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
    from monitor.cluster import run_ingester  # redis and scrapy-redis: only when distributed

    run_ingester(_cluster_settings(settings))


@cli.command()
@click.option(
    "--db",
    metavar="PATH",
    default="demo-output/demo.db",
    show_default=True,
    help="Where to write the demo database (replaced on each run).",
)
@click.option("--slug", default="perfectdrs", show_default=True, help="Which site's diff to show.")
@color_option
@logging_options
def demo(db, slug, color, log_overrides: dict):
    """Run the whole pipeline offline on the bundled seed sites.

    Starts a local replay of the five seed sites and of the Wayback Machine and a local
    notification sink on loopback ports, backfills their history silently, lets perfectdrs
    publish a new policy, crawls the live pages (which queues an alert), shows
    `monitor diff perfectdrs --since 2014`, then delivers the alert to the sink and prints it.
    """
    from monitor.replay import ReplayServer
    from monitor.sink import NotificationSink

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
            _print_summary(summary)
            with Store(db_path) as store:
                found = site_pairs(store, slug, date_bound("2014"))
                click.echo(f"\n$ monitor diff {slug} --since 2014 --db {db_path}\n")
                report.print_renderable(report.diff_renderable(slug, found), color=color)
                click.echo("\n$ monitor notify --apprise-config alerts.yaml")
                _print_deliveries(_alerts().deliver_pending(store, settings), None, False)
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


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until as ISO bounds (the whole of --until's period included)."""
    return (
        date_bound(since) if since else None,
        date_bound(until, end=True) if until else None,
    )


def _period_label(since: str | None, until: str | None) -> str:
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def _pairs_with_progress(
    store: Store, slug: str, start: str | None, end: str | None, wayback_url: str
) -> list:
    """The version pairs of a site, with a progress bar on a terminal (re-diffs can be slow)."""
    with report.progress(f"Reading {slug}", total=0) as update:
        return site_pairs(store, slug, start, end, on_progress=update, wayback_url=wayback_url)


def _write(target: str, text: str) -> None:
    """Write a report to a file, or to stdout for '-'."""
    if target == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None


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


def _document(location: str):
    from monitor.sources import read_source  # file or URL reading: only for compare

    body, content_type = read_source(location)
    return normalize(body, content_type=content_type, url=location)


def _print_deliveries(results, pending: list[dict] | None, test_only: bool) -> None:
    if not results:
        click.echo("Nothing to deliver." if not test_only else "No URLs configured.")
    for result in results:
        line = f"{result.status:<9} {result.label or result.subscriber}"
        if result.title:
            line += f"  {report.clean(result.title)}"
        if result.error:
            line += f"\n          {report.clean(result.error)}"
        if result.status == "failed" and result.next_try:
            line += f" (attempt {result.attempts}; next try after {result.next_try})"
        click.echo(line)
    if pending:
        total = sum(p["pending"] for p in pending)
        click.echo(
            f"Pending: {total} alert(s) for {len({p['subscriber'] for p in pending})} URL(s)"
        )
        for entry in pending:
            click.echo(
                f"  {entry['site']:<20} {entry['subscriber'][:12]}  {entry['pending']} pending, "
                f"{entry['attempts']} attempt(s), next try after {entry['next_try']}"
            )


def _summary_line(summary: CrawlSummary) -> str:
    """The whole backfill in one line, for people and for logs."""
    t = summary.totals
    return (
        f"backfill: {len(summary.sites)} site(s), {t['listed']} captures listed, "
        f"{t['captures_fetched']} fetched, {t['identical_not_fetched']} identical not fetched, "
        f"{t['already_stored']} already stored, {t['rejected']} rejected, "
        f"{t['unavailable']} unavailable, {t['cdx_rows_skipped']} bad CDX rows skipped, "
        f"{t['redirects']} redirects, {t['new_versions']} new versions, "
        f"{t['cdx_requests']} CDX requests, {t['failures']} failures "
        f"in {summary.elapsed:.1f} s"
    )


def _print_summary(summary: CrawlSummary, backfill: bool = False) -> None:
    for site in summary.sites:
        c = site.counts
        line = (
            f"{site.slug:<20} {c['captures_stored']:>3} captures stored, "
            f"{c['identical_not_fetched']:>3} identical not fetched, "
            f"{c['new_versions']:>2} new versions, {c['changes']:>3} changes "
            f"({c['material_changes']} material)"
        )
        if c.get("alerts_queued"):
            line += f", {c['alerts_queued']} alerts queued"
        if site.failed:
            line += f"  FAILED: {site.last_error}"
        click.echo(line)
    if backfill:
        click.echo(_summary_line(summary))
    if summary.stop_reason:
        click.echo(f"Stopped: {summary.stop_reason}", err=True)


def _finish(
    summary: CrawlSummary, output_format: str, extra: dict | None = None, backfill: bool = False
) -> None:
    if output_format == "json":
        data = {
            "sites": [s.as_dict() for s in summary.sites],
            "stop_reason": summary.stop_reason,
            "ok": not summary.failed,
            **(extra or {}),
        }
        if backfill:
            data["totals"] = summary.totals
            data["elapsed_seconds"] = round(summary.elapsed, 3)
        click.echo(report.to_json(data))
    else:
        _print_summary(summary, backfill)
    if summary.failed:
        sys.exit(3)
