"""Plain-text lines of what a command did (crawl and backfill summaries, scheduled runs,
deliveries) and their JSON, beside the report renderers."""

from __future__ import annotations

import sys

import click

from monitor.ops.summary import CrawlSummary
from monitor.read import report


def run_line(site) -> str:
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


def print_deliveries(results, pending: list[dict] | None, test_only: bool) -> None:
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


def backfill_line(summary: CrawlSummary) -> str:
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


def print_summary(summary: CrawlSummary, backfill: bool = False) -> None:
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
        click.echo(backfill_line(summary))
    if summary.stop_reason:
        click.echo(f"Stopped: {summary.stop_reason}", err=True)


def finish(
    summary: CrawlSummary, output_format: str, extra: dict | None = None, backfill: bool = False
) -> None:
    if output_format == "json":
        data = {
            "sites": [s.as_dict() for s in summary.sites],
            "stop_reason": summary.stop_reason,
            "ok": not summary.failed,
            "store_error": summary.store_error,
            "interrupted": bool(summary.interrupted),
            **(extra or {}),
        }
        if backfill:
            data["totals"] = summary.totals
            data["elapsed_seconds"] = round(summary.elapsed, 3)
        click.echo(report.to_json(data))
    elif not summary.interrupted:
        print_summary(summary, backfill)
    summary.raise_for_stop()
    if summary.failed:
        sys.exit(3)
