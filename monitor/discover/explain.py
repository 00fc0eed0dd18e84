"""The text report of `monitor add` and `backfill --discover`: what was chosen, and why."""

from __future__ import annotations

from monitor.discover.add import AddReport
from monitor.discover.archive import ArchivedHome


def archive_lines(homes: list[ArchivedHome], notes: list[str], proposed: list[str]) -> list[str]:
    """One line per archived home: its URL, the years it was live, and whether it is proposed."""
    if not homes:
        lines = ["  no earlier policy URLs in the Wayback Machine"]
    else:
        lines = []
        for home in homes:
            if home.url in proposed:
                verdict = "proposed as archive_url"
            elif home.is_policy:
                verdict = "the current URL"
            else:
                verdict = "left out: " + (home.reading.summary() if home.reading else "not checked")
            lines.append(f"  {home.url}  live {home.years_text()}  ({verdict})")
    return lines + [f"  note: {note}" for note in notes]


def add_text(report: AddReport) -> str:
    lines = [f"Homepage {report.homepage}  ->  {report.slug!r} ({report.name})", "Looked at:"]
    for source in report.sources:
        found = f"{source['candidates']} candidate link(s)"
        if source["status"] != 200:
            found = f"HTTP {source['status']}"
        lines.append(f"  {source['kind']} {source['url']}: {found}")
    if report.candidates:
        lines.append("Candidate links, best first:")
        for candidate in report.candidates:
            lines.append(f"  {candidate.score:4.1f}  {candidate.where} link {candidate.label!r}")
            lines.append(f"        {candidate.url}")
            lines.append(f"        {'; '.join(candidate.reasons)}")
    if report.tried:
        lines.append("Pages read:")
        for tried in report.tried:
            verdict = tried.reading.summary() if tried.reading else f"HTTP {tried.status}"
            lines.append(f"  {tried.final_url}: {verdict}")
            if tried.reading:
                lines.append(f"        {'; '.join(tried.reading.reasons)}")
    if not report.found:
        lines.append("No page reads like a privacy policy: nothing was added.")
        return "\n".join(lines)
    chosen = report.chosen
    lines.append(f"Chosen: {chosen.final_url}")
    lines.append(
        f"  because its {chosen.candidate.where} link {chosen.candidate.label!r} scored "
        f"{chosen.candidate.score:.1f} and the page {chosen.reading.summary()}"
    )
    lines.append("Earlier homes in the Wayback Machine:")
    lines += archive_lines(report.archive, report.archive_notes, report.archive_urls)
    if report.written:
        lines.append(f"Added {report.slug!r} to {report.sites_file}.")
    else:
        lines.append(f"Dry run: {report.sites_file} not changed. It would get:")
        for key, value in report.entry().items():
            lines.append(f"  {key}: {value}")
    return "\n".join(lines)
