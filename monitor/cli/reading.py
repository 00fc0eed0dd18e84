"""Commands that read: history, diff, report, feed, compare, extract, sites, status, serve.

The terminal renderers (rich), the store and the diff engine are imported inside the commands
that use them, so `monitor --help` and the other commands do not load them (bench/startup.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli.options import (
    color_option,
    configured,
    format_option,
    known_site,
    materiality_option,
    pager_option,
    pairs_with_progress,
    period_label,
    read_document,
    read_store_of,
    read_with_how,
    settings_options,
    write_output,
)
from monitor.config import Settings, load_sites
from monitor.dates import period, utc_now
from monitor.errors import InputError
from monitor.read import report
from monitor.read.pager import render, show, show_renderable
from monitor.read.reader_filters import LEVELS, at_least, keep_at_least
from monitor.read.set_aside import set_aside_line


@click.command()
@settings_options
@format_option("text", "json")
@pager_option
def status(settings: Settings, output_format: str, use_pager: bool):
    """Health of every watched site: last live fetch, last archive check, last change,
    failures, database size.

    \b
    Example:
      monitor status --format json
    """

    listed = [s.slug for s in load_sites(settings.sites)] if settings.sites.exists() else []
    with read_store_of(settings) as store:
        slugs = list(dict.fromkeys([*listed, *sorted(store.site_slugs())]))
        sites_health = [store.site_health(slug) for slug in slugs]
        data = {
            "database": str(settings.db),
            "database_bytes": store.size_bytes(),
            "sites_file": str(settings.sites),
            "sites_file_found": settings.sites.exists(),
            "paths_chosen_by": settings.chosen_by,
            "sites": sites_health,
        }
    if output_format == "json":
        show(report.to_json(data) + "\n", use_pager=use_pager)
        return
    found = "" if data["sites_file_found"] else " (not found)"
    lines = [
        f"database {data['database']} ({data['database_bytes'] / 1024 / 1024:.1f} MB)",
        f"sites file {data['sites_file']}{found}; paths from {data['paths_chosen_by']}",
    ]
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
        lines.append(line)
    show("\n".join(lines) + "\n", use_pager=use_pager)


@click.command()
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
@pager_option
def history(slug, show_all: bool, settings: Settings, output_format: str, color, use_pager: bool):
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
    from monitor.read.history import history as site_history  # SQLite: only once a command runs

    with read_store_of(settings) as store:
        known_site(store, settings, slug)
        versions = site_history(store, slug, wayback_url=settings.wayback_url)
        set_aside = store.captures_not_versions(slug) if show_all else None
    if output_format == "json":
        data = {"site": slug, "versions": versions}
        if set_aside is not None:
            data["not_versions"] = set_aside
        show(report.to_json(data) + "\n", use_pager=use_pager)
        return
    if output_format == "md":
        text = report.history_markdown(slug, versions, wayback_url=settings.wayback_url) + "\n"
    else:
        from monitor.read import terminal  # rich: only for terminal text

        text = render(terminal.history_renderable(slug, versions), color=color)
    text += "".join(set_aside_line(capture) + "\n" for capture in set_aside or ())
    show(text, use_pager=use_pager, color=color)


@click.command()
@click.argument("slug")
@click.option("--since", metavar="DATE", help="Pairs whose newer version is from DATE on.")
@click.option("--until", metavar="DATE", help="Pairs whose newer version is up to DATE.")
@materiality_option
@settings_options
@format_option("text", "json", "md")
@color_option
@pager_option
def diff(slug, since, until, materiality, settings: Settings, output_format: str, color, use_pager):
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

    start, end = period(since, until)
    with read_store_of(settings) as store:
        known_site(store, settings, slug)
        found = pairs_with_progress(store, slug, start, end, settings.wayback_url)
    found = keep_at_least(found, materiality)
    if output_format == "md":
        markdown = report.diff_markdown(slug, found, wayback_url=settings.wayback_url)
        show(markdown + "\n", use_pager=use_pager)
    elif output_format == "json":
        public = [
            {
                "from": p["from"],
                "to": p["to"],
                "changes": [report.change_json(c) for c in p["changes"]],
            }
            for p in found
        ]
        show(report.to_json({"site": slug, "pairs": public}) + "\n", use_pager=use_pager)
    else:
        from monitor.read import terminal  # rich: only for terminal text

        show_renderable(terminal.diff_renderable(slug, found), use_pager=use_pager, color=color)


@click.command("report")
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
    from monitor.read.history import history as site_history

    start, end = period(since, until)
    with read_store_of(settings) as store:
        known_site(store, settings, slug)
        site = {**(store.site(slug) or {"slug": slug}), **configured(settings, slug)}
        versions = site_history(store, slug, start, end, settings.wayback_url)
        found = pairs_with_progress(store, slug, start, end, settings.wayback_url)
    from monitor.read import html_report  # only for the report command

    page = html_report.render(
        site,
        versions,
        found,
        wayback_url=settings.wayback_url,
        period=period_label(since, until),
        generated_at=utc_now(),
    )
    target = output or f"report-{slug}.html"
    write_output(target, page)
    if target != "-":
        changes = sum(len(p["changes"]) for p in found)
        click.echo(f"Wrote {target}: {len(versions)} versions, {changes} changes.")


@click.command()
@click.argument("slug", required=False)
@click.option("--all", "all_sites", is_flag=True, help="One feed for every site in the database.")
@click.option("--since", metavar="DATE", help="Only updates from DATE on.")
@click.option(
    "-o", "--output", metavar="FILE", default="-", help="Where to write the feed [default: stdout]"
)
@click.option(
    "--self-url",
    metavar="URL",
    help='Where the feed is published, for its rel="self" link [default: MONITOR_REPORT_URL '
    "and the file name of -o, when both are known]",
)
@click.option(
    "--materiality",
    type=click.Choice(LEVELS),
    default="material",
    show_default=True,
    help="Entries for updates with a change at least this material.",
)
@settings_options
def feed(slug, all_sites, since, output, self_url, materiality, settings: Settings):
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
    start, _ = period(since, None)
    with read_store_of(settings) as store:
        if slug:
            known_site(store, settings, slug)
        slugs = [slug] if slug else sorted(store.site_slugs())
        sites = [
            (
                store.site(s) or {"slug": s},
                pairs_with_progress(store, s, start, None, settings.wayback_url),
            )
            for s in slugs
        ]
    from monitor.read import feed as atom  # only for the feed command

    if self_url is None and settings.report_url and output != "-":
        self_url = f"{settings.report_url}/{Path(output).name}"
    document = atom.render(
        sites,
        wayback_url=settings.wayback_url,
        generated_at=utc_now(),
        every_site=all_sites,
        level=materiality,
        self_url=self_url,
    )
    write_output(output, document)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@settings_options
def serve(host, port, settings: Settings):
    """Browse and search the database in Datasette, with titles, labels and canned queries.

    Needs the optional extra: pip install 'policy-monitor[serve]'. Shows the views
    (change_log, material_changes ...) with full-text search (?_search=sell) and the queries
    material_by_month, site_changes_since, search_changes and search_clauses. The database
    must exist; it is never created or changed.

    \b
    Example:
      monitor serve --db /var/lib/policy-monitor/monitor.db --port 8001
    """
    from monitor.read.serve import serve as run_datasette  # Datasette: an optional extra

    read_store_of(settings).close()  # a missing or older database fails here, in one line
    run_datasette(settings.db, host, port)


@click.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@materiality_option
@format_option("text", "json")
@color_option
@pager_option
def compare(old, new, materiality, output_format: str, color, use_pager: bool):
    """Compare two policies given as files (HTML, Markdown or text) or URLs.

    Nothing is stored. Exit code 0 whether or not they differ. A URL whose page is built by
    script (an app shell) is rendered in chromium first, as the crawler does.

    \b
    Example:
      monitor compare policy-2019.html policy-2024.html --format json
    """
    from diffs.clauses import split  # the diff engine: only for the commands that compare
    from monitor.comparison import judged_changes

    old_doc = read_document(old)
    new_doc = read_document(new)
    changes = [
        report.change_json(c)
        for c in judged_changes(split(old_doc), split(new_doc))
        if at_least(c, materiality)
    ]
    if output_format == "json":
        show(report.to_json({"changes": changes}) + "\n", use_pager=use_pager)
        return
    from rich.text import Text  # rich: only for terminal text

    from monitor.read import terminal

    older = {"captured_at": old, "source": "file", "label": old}
    newer = {"captured_at": new, "source": "file", "label": new}
    show_renderable(
        terminal.diff_renderable("compare", [{"from": older, "to": newer, "changes": changes}])
        if changes
        else Text("No changes."),
        use_pager=use_pager,
        color=color,
    )


@click.command()
@click.argument("source", metavar="FILE|URL")
@format_option("text", "json")
def extract(source, output_format: str):
    """Print the clauses extracted from a policy, as the diff sees them.

    A URL whose page is built by script (an app shell) is rendered in chromium first, as the
    crawler does; `--format json` says how it was read (`fetched_with`: http, browser, file).

    \b
    Example:
      monitor extract https://www.perfectdrs.com/privacy-policy
    """
    from diffs.clauses import split  # the diff engine: only for the commands that compare

    document, fetched_with = read_with_how(source)
    clauses = split(document)
    if output_format == "json":
        data = {
            "sha256": document.sha256,
            "fetched_with": fetched_with,
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


@click.command()
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
