"""Options and helpers the commands share: settings from flags and environment, output formats,
the store, periods."""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor.config import Settings, load_sites, resolve_settings
from monitor.errors import ConfigError, InputError, UnknownSite
from monitor.read.reader_filters import LEVELS

if TYPE_CHECKING:  # the store and the renderers are imported on use: `monitor --help` stays quick
    from monitor.store import Store


def settings_options(command):
    """--db, --sites and --wayback-url on every command that needs them (flag, then env)."""

    @click.option(
        "--db",
        metavar="PATH",
        help="SQLite file [env MONITOR_DB; default monitor.db here, else $MONITOR_HOME or the "
        "user data directory]",
    )
    @click.option(
        "--sites",
        "sites_file",
        metavar="PATH",
        help="Sites file [env MONITOR_SITES; default schedules/sites.yaml here, else "
        "$MONITOR_HOME or the user config directory]",
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


def cluster_settings(settings: Settings) -> Settings:
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

materiality_option = click.option(
    "--materiality",
    type=click.Choice(LEVELS),
    default=None,
    help="Only changes at least this material (default: every change).",
)


def pager_option(command):
    """--pager/--no-pager on a command that may print more than a screen (monitor/read/pager.py)."""

    @click.option(
        "--pager/--no-pager",
        "use_pager",
        default=True,
        show_default=True,
        help="Page output longer than the terminal ($PAGER, else less -FRX); never when piped.",
    )
    @functools.wraps(command)
    def wrapper(*args, use_pager: bool = True, **kwargs):
        return command(*args, use_pager=use_pager, **kwargs)

    return wrapper


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


def alerts_module():
    """monitor.notify, imported on use: apprise loads ~190 plugins, which only alerting needs."""
    from monitor.delivery import notify

    return notify


def store_of(settings: Settings) -> Store:
    """The database for a command that writes: created and migrated when needed."""
    from monitor.store import Store

    return Store(settings.db)


def read_store_of(settings: Settings) -> Store:
    """The database for a command that only reads: never created, never migrated."""
    from monitor.store import Store

    return Store(settings.db, create=False)


def configured(settings: Settings, slug: str) -> dict:
    """The name and policy URL the sites file gives a site now (over the URL it was crawled
    at, which may be a test server long gone); empty when the file does not list it."""
    if not settings.sites.exists():
        return {}
    for site in load_sites(settings.sites):
        if site.slug == slug:
            return {"name": site.name, "url": site.url}
    return {}


def known_site(store: Store, settings: Settings, slug: str) -> None:
    """Fail with a clear message for a slug neither the database nor the sites file knows."""
    stored = store.site_slugs()
    if slug in stored:
        return
    listed = [s.slug for s in load_sites(settings.sites)] if settings.sites.exists() else []
    if slug not in listed:
        raise UnknownSite(slug, sorted(set(listed) | stored))


def period_label(since: str | None, until: str | None) -> str:
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def pairs_with_progress(
    store: Store, slug: str, start: str | None, end: str | None, wayback_url: str
) -> list:
    """The version pairs of a site, with a progress bar when stderr is a terminal (re-diffs can
    be slow); rich loads only for the bar, so the feed, the report and piped output skip it."""
    from monitor.read.history import pairs as site_pairs  # SQLite: only once a command runs

    if not sys.stderr.isatty():
        return site_pairs(store, slug, start, end, wayback_url=wayback_url)
    from monitor.read.terminal import progress

    with progress(f"Reading {slug}", total=0) as update:
        return site_pairs(store, slug, start, end, on_progress=update, wayback_url=wayback_url)


def write_output(target: str, text: str) -> None:
    """Write a report to a file, or to stdout for '-'."""
    if target == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None


def read_document(location: str):
    return read_with_how(location)[0]


def read_with_how(location: str):
    """The document at a file or URL, and how it was read ("file", "http", "browser")."""
    from diffs.normalize import normalize  # the diff engine: only for compare and extract
    from monitor.sources import read_page  # file or URL reading: only for compare, extract

    page = read_page(location, warn=lambda message: click.echo(f"warning: {message}", err=True))
    return normalize(page.body, content_type=page.content_type, url=location), page.fetched_with
