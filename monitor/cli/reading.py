"""Commands that read: history, diff, report, feed, compare, extract, sites, status."""

from __future__ import annotations

import click
from rich.text import Text

from diffs.clauses import split
from monitor.cli.options import (
    color_option,
    format_option,
    known_site,
    pairs_with_progress,
    period_label,
    read_document,
    settings_options,
    store_of,
    write_output,
)
from monitor.comparison import judged_changes
from monitor.config import Settings, load_sites
from monitor.dates import period, utc_now
from monitor.errors import InputError
from monitor.read import report
from monitor.read.history import history as site_history
from monitor.read.set_aside import set_aside_line


@click.command()
@settings_options
@format_option("text", "json")
def status(settings: Settings, output_format: str):
    """Health of every watched site: last live fetch, last archive check, last change,
    failures, database size.

    \b
    Example:
      monitor status --format json
    """
    listed = [s.slug for s in load_sites(settings.sites)] if settings.sites.exists() else []
    with store_of(settings) as store:
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
    with store_of(settings) as store:
        known_site(store, settings, slug)
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


@click.command()
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
    start, end = period(since, until)
    with store_of(settings) as store:
        known_site(store, settings, slug)
        found = pairs_with_progress(store, slug, start, end, settings.wayback_url)
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
    start, end = period(since, until)
    with store_of(settings) as store:
        known_site(store, settings, slug)
        site = store.site(slug) or {"slug": slug}
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
    start, _ = period(since, None)
    with store_of(settings) as store:
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

    document = atom.render(
        sites, wayback_url=settings.wayback_url, generated_at=utc_now(), every_site=all_sites
    )
    write_output(output, document)


@click.command()
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
    old_doc = read_document(old)
    new_doc = read_document(new)
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


@click.command()
@click.argument("source", metavar="FILE|URL")
@format_option("text", "json")
def extract(source, output_format: str):
    """Print the clauses extracted from a policy, as the diff sees them.

    \b
    Example:
      monitor extract https://www.perfectdrs.com/privacy-policy
    """
    document = read_document(source)
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
