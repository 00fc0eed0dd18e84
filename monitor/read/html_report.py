"""`monitor report`: one self-contained HTML file a person can open, keep and forward.

The page needs nothing at view time: styles are inline, the timeline is inline SVG and the
materiality filter is pure CSS (radio buttons and ``:checked`` selectors), so the page carries no
JavaScript at all. Its Content-Security-Policy says so (``default-src 'none'``): even if policy
text slipped past escaping, a browser would neither run a script nor fetch anything.

Policy text and capture URLs are untrusted: every text goes through ``html.escape`` after
control characters are stripped, and links are only built from http(s) URLs (``report.safe_url``).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from monitor.read import report

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
CHART_WIDTH, CHART_HEIGHT = 960, 230
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, BASELINE = 40, 930, 24, 180
FILTERS = (
    ("all", "all changes"),
    ("minor", "minor and material"),
    ("material", "material only"),
)

STYLE = """
:root { --material: #c62828; --minor: #e0a800; --cosmetic: #9e9e9e; --ink: #1d1d1f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.meta { color: #555; margin: 0 0 1rem; }
.filter { position: absolute; opacity: 0; pointer-events: none; }
.filters { margin: 1rem 0; }
.filters label { display: inline-block; border: 1px solid #bbb; border-radius: 1rem;
                 padding: .15rem .8rem; margin-right: .4rem; cursor: pointer; }
#show-all:checked ~ .filters label[for=show-all],
#show-minor:checked ~ .filters label[for=show-minor],
#show-material:checked ~ .filters label[for=show-material] {
  background: var(--ink); color: #fff; border-color: var(--ink); }
#show-minor:checked ~ main .change.cosmetic,
#show-material:checked ~ main .change:not(.material),
#show-minor:checked ~ main .pair:not(.has-material):not(.has-minor),
#show-material:checked ~ main .pair:not(.has-material) { display: none; }
#show-minor:checked ~ #timeline .bar.cosmetic,
#show-material:checked ~ #timeline .bar:not(.material) { opacity: .12; }
#timeline svg { width: 100%; height: auto; border: 1px solid #ddd; border-radius: 6px; }
.axis { stroke: #888; } .tick { stroke: #e4e4e4; } .tick-label { font-size: 11px; fill: #666; }
.version-mark { stroke: #fff; stroke-width: 1.5; }
.version-mark.wayback { fill: #1565c0; } .version-mark.live { fill: #2e7d32; }
.bar.material { fill: var(--material); } .bar.minor { fill: var(--minor); }
.bar.cosmetic { fill: var(--cosmetic); }
.legend { font-size: .85rem; color: #555; }
.legend span { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px;
               margin: 0 .2rem 0 .8rem; vertical-align: -1px; }
.pair { border-top: 2px solid #ddd; margin-top: 1.5rem; padding-top: .5rem; }
.pair h2 { font-size: 1.15rem; margin: .25rem 0; }
.pair .sides { color: #444; font-size: .9rem; }
h3.section { font-size: 1rem; margin: 1rem 0 .25rem; color: #0d47a1; }
.change { margin: .5rem 0 1rem; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .04em;
         padding: .05rem .45rem; border-radius: 3px; color: #fff; }
.badge.material { background: var(--material); } .badge.minor { background: var(--minor);
  color: #000; } .badge.cosmetic { background: var(--cosmetic); }
.op { font-weight: 600; margin-left: .4rem; }
.reasons { margin: .2rem 0; padding-left: 1.2rem; color: #444; font-size: .9rem; }
table.side-by-side { width: 100%; border-collapse: collapse; table-layout: fixed; }
.side-by-side th { text-align: left; font-size: .8rem; color: #666; font-weight: 600; }
.side-by-side td { vertical-align: top; padding: .4rem .6rem; border: 1px solid #e0e0e0;
                   white-space: pre-wrap; overflow-wrap: anywhere; }
td.before { background: #fff8f8; } td.after { background: #f7fff7; }
del { background: #ffcdd2; color: #7f0000; text-decoration: line-through; }
ins { background: #c8e6c9; color: #003300; text-decoration: none; }
.empty { color: #999; font-style: italic; }
footer { margin-top: 2rem; color: #777; font-size: .85rem; }
"""


def esc(text: str | None) -> str:
    """Untrusted text as inert HTML: control characters gone, markup characters escaped."""
    return html.escape(report.clean(text), quote=True)


def link(url: str | None, label: str) -> str:
    """An <a> to an already safe URL (``report.safe_url``/``capture_url``), or just the label."""
    if url is None:
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{esc(label)}</a>'


def _when(timestamp: str) -> datetime:
    return datetime.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def _max_materiality(changes: list[dict]) -> str | None:
    present = {c["materiality"] for c in changes}
    return next((kind for kind in report.MATERIALITY_ORDER if kind in present), None)


def timeline_svg(versions: list[dict], pairs: list[dict]) -> str:
    """Versions as dots on a time axis; above each new version a bar stacked by materiality
    whose height is the number of changes it brought."""
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

    years = range(start.year, end.year + 2)
    step = max(1, len(years) // 12)
    for year in years[::step]:
        moment = datetime(year, 1, 1, tzinfo=UTC)
        if start <= moment <= end:
            tick = x(moment)
            parts.append(
                f'<line class="tick" x1="{tick:.1f}" y1="{PLOT_TOP}" x2="{tick:.1f}"'
                f' y2="{BASELINE}"/><text class="tick-label" x="{tick:.1f}"'
                f' y="{BASELINE + 30}" text-anchor="middle">{year}</text>'
            )
    parts.append(
        f'<line class="axis" x1="{PLOT_LEFT}" y1="{BASELINE}" x2="{PLOT_RIGHT}" y2="{BASELINE}"/>'
    )
    most = max((len(p["changes"]) for p in pairs), default=0) or 1
    unit = (BASELINE - PLOT_TOP - 10) / most
    for number, pair in enumerate(pairs, start=1):
        left = x(_when(pair["to"]["captured_at"])) - 4
        top = BASELINE
        parts.append(f'<a href="#pair-{number}">')
        for kind, count in reversed(report.counts(pair["changes"]).items()):
            if not count:
                continue
            top -= count * unit
            tip = f"{report.day(pair['to']['captured_at'])}: {count} {kind}"
            parts.append(
                f'<rect class="bar {kind}" data-count="{count}" x="{left:.1f}" y="{top:.1f}"'
                f' width="8" height="{count * unit:.1f}"><title>{esc(tip)}</title></rect>'
            )
        parts.append("</a>")
    for version in versions:
        tip = f"{report.version_label(version)}: {version['captures']} capture(s)"
        parts.append(
            f'<circle class="version-mark {esc(version["source"])}"'
            f' data-captured-at="{esc(version["captured_at"])}"'
            f' cx="{x(_when(version["captured_at"])):.1f}" cy="{BASELINE}" r="6">'
            f"<title>{esc(tip)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _sides(change: dict) -> tuple[str, str]:
    """The before and after cells of a change, removed words in <del>, added in <ins>."""
    empty = '<span class="empty">(none)</span>'
    op = change["op"]
    if op == "modified" and change.get("highlights"):
        before = "".join(
            f"<del>{esc(words)}</del>" if kind < 0 else esc(words)
            for kind, words in change["highlights"]
            if kind <= 0
        )
        after = "".join(
            f"<ins>{esc(words)}</ins>" if kind > 0 else esc(words)
            for kind, words in change["highlights"]
            if kind >= 0
        )
        return before, after
    if op == "removed":
        return f"<del>{esc(change['before'])}</del>", empty
    if op == "added":
        return empty, f"<ins>{esc(change['after'])}</ins>"
    return esc(change["before"]) or empty, esc(change["after"]) or empty


def inline_html(change: dict) -> str:
    """A change as one run of text, removed words in <del> and added words in <ins> (for
    places without room for two columns, such as feed readers)."""
    if change["op"] == "modified" and change.get("highlights"):
        tags = {-1: "del", 1: "ins"}
        return "".join(
            f"<{tags[kind]}>{esc(words)}</{tags[kind]}>" if kind else esc(words)
            for kind, words in change["highlights"]
        )
    before, after = _sides(change)
    return after if change["op"] == "added" else before


def change_html(change: dict) -> str:
    materiality = change["materiality"]
    before, after = _sides(change)
    reasons = "".join(f"<li>{esc(reason)}</li>" for reason in change.get("reasons", []))
    return (
        f'<article class="change {esc(materiality)}" data-materiality="{esc(materiality)}">'
        f'<span class="badge {esc(materiality)}">{esc(materiality.upper())}</span>'
        f'<span class="op">{esc(change["op"])}</span>'
        + (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
        + '<table class="side-by-side"><tr><th>before</th><th>after</th></tr>'
        f'<tr><td class="before">{before}</td><td class="after">{after}</td></tr></table>'
        "</article>"
    )


def pair_html(number: int, pair: dict, wayback_url: str | None) -> str:
    older, newer, changes = pair["from"], pair["to"], pair["changes"]
    found = report.counts(changes)
    classes = ["pair"] + [f"has-{kind}" for kind, count in found.items() if count]
    sides = (
        f"before: {link(report.capture_url(older, wayback_url), report.version_label(older))}"
        f" · after: {link(report.capture_url(newer, wayback_url), report.version_label(newer))}"
    )
    body = [
        f'<section class="{" ".join(classes)}" id="pair-{number}">',
        f"<h2>{esc(report.day(older['captured_at']))} → {esc(report.day(newer['captured_at']))}"
        f" <small>{esc(report.summary(changes))}</small></h2>",
        f'<p class="sides">{sides}</p>',
    ]
    if not changes:
        body.append('<p class="empty">Text unchanged after normalization.</p>')
    for section, grouped in report.by_section(changes):
        body.append(f'<h3 class="section">{esc(section)}</h3>')
        body += [change_html(change) for change in grouped]
    body.append("</section>")
    return "\n".join(body)


def render(
    site: dict,
    versions: list[dict],
    pairs: list[dict],
    *,
    wayback_url: str | None = None,
    period: str = "",
    generated_at: str = "",
) -> str:
    """The whole report page. ``site`` has ``slug`` and, when known, ``name`` and ``url``."""
    title = site.get("name") or site["slug"]
    total = [c for p in pairs for c in p["changes"]]
    found = report.counts(total)
    filters = "\n".join(
        f'<input class="filter" type="radio" name="materiality" id="show-{value}"'
        f' value="{value}"{" checked" if value == "all" else ""}>'
        for value, _ in FILTERS
    )
    labels = " ".join(f'<label for="show-{value}">{label}</label>' for value, label in FILTERS)
    legend = "".join(
        f'<span style="background:var(--{kind})"></span>{kind} ({found[kind]})'
        for kind in report.MATERIALITY_ORDER
    )
    site_link = link(report.safe_url(site.get("url")), site.get("url") or "")
    main = "\n".join(pair_html(n, pair, wayback_url) for n, pair in enumerate(pairs, start=1))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Privacy policy changes: {esc(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>Privacy policy changes: {esc(title)}</h1>
<p class="meta">{site_link}{" · " + esc(period) if period else ""} · {len(versions)} versions,
{esc(report.summary(total))}</p>
</header>
{filters}
<nav class="filters">Show: {labels}</nav>
<section id="timeline">
{timeline_svg(versions, pairs)}
<p class="legend">Dots: versions (<span style="background:#1565c0"></span>Wayback
<span style="background:#2e7d32"></span>live). Bars: changes per update, {legend}</p>
</section>
<main>
{main or '<p class="empty">No changes in this period.</p>'}
</main>
<footer>Made by policy-monitor{" on " + esc(generated_at) if generated_at else ""}.
Removed words are <del>struck through</del>, added words <ins>highlighted</ins>.</footer>
</body>
</html>
"""
