"""The report's timeline: inline SVG, no script, readable on a phone and on a wide screen.

Versions are dots on a time axis. Above each update a bar stacked by materiality, material at
the bottom so it always starts on the axis, with a count scale on the left; an update that
brought material changes is marked with its material count in red over the bar, so the few
material updates stand out even beside a tall bar of minor wording changes. Year labels have
a class per parity so a narrow screen can show every other year in a larger font (CSS in
``html_report.STYLE``).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from monitor.read import report

CHART_WIDTH, CHART_HEIGHT = 960, 250
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, BASELINE = 56, 930, 40, 190
STACK_ORDER = ("material", "minor", "cosmetic")  # bottom to top


def esc(text: str | None) -> str:
    return html.escape(report.clean(text), quote=True)


def _when(timestamp: str) -> datetime:
    return datetime.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def _scale_step(most: int) -> int:
    """A round step for the count scale: about three gridlines whatever the largest bar."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if most / step <= 4:
            return step
    return 1000


def timeline_svg(versions: list[dict], pairs: list[dict]) -> str:
    """Versions as dots on a time axis; above each update a bar of its changes by materiality."""
    stamps = [_when(v["captured_at"]) for v in versions]
    stamps += [_when(p["to"]["captured_at"]) for p in pairs]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}"'
        ' role="img" aria-label="Timeline of policy versions and changes">'
    ]
    if not stamps:
        parts.append('<text x="20" y="40">No versions in this period.</text></svg>')
        return "".join(parts)
    start, end = min(stamps), max(stamps)
    span = (end - start).total_seconds() or 1.0

    def x(moment: datetime) -> float:
        if start == end:
            return (PLOT_LEFT + PLOT_RIGHT) / 2
        return PLOT_LEFT + (moment - start).total_seconds() / span * (PLOT_RIGHT - PLOT_LEFT)

    most = max((len(p["changes"]) for p in pairs), default=0) or 1
    step = _scale_step(most)
    top_count = -(-most // step) * step
    unit = (BASELINE - PLOT_TOP) / top_count
    parts += _count_scale(step, top_count, unit)
    parts += _year_ticks(start, end, x)
    parts.append(
        f'<line class="axis" x1="{PLOT_LEFT}" y1="{BASELINE}" x2="{PLOT_RIGHT}" y2="{BASELINE}"/>'
    )
    for number, pair in enumerate(pairs, start=1):
        parts += _bar(number, pair, x(_when(pair["to"]["captured_at"])), unit)
    for version in versions:
        tip = f"{report.version_label(version)}: {report.plural(version['captures'], 'capture')}"
        parts.append(
            f'<circle class="version-mark {esc(version["source"])}"'
            f' data-captured-at="{esc(version["captured_at"])}"'
            f' cx="{x(_when(version["captured_at"])):.1f}" cy="{BASELINE}" r="6">'
            f"<title>{esc(tip)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _count_scale(step: int, top_count: int, unit: float) -> list[str]:
    parts = [f'<text class="scale-label" x="4" y="{PLOT_TOP - 16}">changes</text>']
    for count in range(0, top_count + 1, step):
        y = BASELINE - count * unit
        parts.append(
            f'<line class="grid" x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}"/>'
            f'<text class="scale-label" x="{PLOT_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
            f"{count}</text>"
        )
    return parts


def _year_ticks(start: datetime, end: datetime, x) -> list[str]:
    years = range(start.year, end.year + 2)
    step = max(1, len(years) // 12)
    parts = []
    for index, year in enumerate(years[::step]):
        moment = datetime(year, 1, 1, tzinfo=UTC)
        if start <= moment <= end:
            tick = x(moment)
            parity = "even" if index % 2 == 0 else "odd"
            parts.append(
                f'<line class="tick" x1="{tick:.1f}" y1="{PLOT_TOP}" x2="{tick:.1f}"'
                f' y2="{BASELINE}"/><text class="tick-label {parity}" x="{tick:.1f}"'
                f' y="{BASELINE + 36}" text-anchor="middle">{year}</text>'
            )
    return parts


def _bar(number: int, pair: dict, centre: float, unit: float) -> list[str]:
    """One update's stacked bar, linked to its section, with its material count over it."""
    found = report.counts(pair["changes"])
    day = report.day(pair["to"]["captured_at"])
    top = float(BASELINE)
    parts = [f'<a href="#pair-{number}">']
    for kind in STACK_ORDER:
        count = found[kind]
        if not count:
            continue
        top -= count * unit
        parts.append(
            f'<rect class="bar {kind}" data-count="{count}" x="{centre - 5:.1f}" y="{top:.1f}"'
            f' width="10" height="{count * unit:.1f}"><title>{esc(f"{day}: {count} {kind}")}'
            "</title></rect>"
        )
    if found["material"]:
        parts.append(
            f'<text class="material-count" x="{centre:.1f}" y="{top - 6:.1f}"'
            f' text-anchor="middle">{found["material"]}</text>'
        )
    parts.append("</a>")
    return parts
