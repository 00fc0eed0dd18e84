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

from monitor.read import report
from monitor.read.html_chart import timeline_svg
from monitor.read.reader_filters import shown_reasons

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
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
#show-material:checked ~ main .pair:not(.has-material),
#show-minor:checked ~ main .group:not(.has-material):not(.has-minor),
#show-material:checked ~ main .group:not(.has-material),
.count-minor, .count-material,
#show-minor:checked ~ main .count-all, #show-material:checked ~ main .count-all,
#show-minor:checked ~ main .count-material, #show-material:checked ~ main .count-minor
  { display: none; }
#show-minor:checked ~ main .count-minor,
#show-material:checked ~ main .count-material { display: inline; }
#show-minor:checked ~ #timeline .bar.cosmetic,
#show-material:checked ~ #timeline .bar:not(.material) { opacity: .12; }
#timeline svg { width: 100%; height: auto; border: 1px solid #ddd; border-radius: 6px; }
.axis { stroke: #888; } .tick { stroke: #e4e4e4; } .grid { stroke: #f0f0f0; }
.tick-label { font-size: 13px; fill: #555; } .scale-label { font-size: 12px; fill: #777; }
.material-count { font-size: 14px; font-weight: 700; fill: var(--material); }
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
#material-summary { border: 2px solid var(--material); border-radius: 6px; padding: .5rem 1rem;
                    margin: 1rem 0; }
#material-summary h2 { font-size: 1.15rem; margin: .25rem 0 .5rem; color: var(--material); }
.summary-list { list-style: none; margin: 0; padding: 0; }
.summary-item { border-top: 1px solid #eee; padding: .5rem 0; }
.summary-item:first-child { border-top: 0; }
.summary-head { margin: 0; font-weight: 600; } .summary-head .where { color: #0d47a1; }
.summary-item .words { margin: .2rem 0; overflow-wrap: anywhere; }
.evidence { margin: .1rem 0; font-size: .9rem; }
@media (max-width: 640px) {
  body { padding: .75rem; font-size: 16px; }
  h1 { font-size: 1.3rem; }
  .filters label { margin-bottom: .4rem; }
  table.side-by-side, .side-by-side tbody, .side-by-side tr, .side-by-side td { display: block;
    width: 100%; }
  .side-by-side tr.labels { display: none; }
  td.before::before, td.after::before { display: block; font-size: .75rem; font-weight: 600;
    color: #666; white-space: normal; }
  td.before::before { content: "before"; } td.after::before { content: "after"; }
  .tick-label { font-size: 30px; } .tick-label.odd { display: none; }
  .scale-label { font-size: 26px; } .material-count { font-size: 30px; }
}
"""


def esc(text: str | None) -> str:
    """Untrusted text as inert HTML: control characters gone, markup characters escaped."""
    return html.escape(report.clean(text), quote=True)


def link(url: str | None, label: str) -> str:
    """An <a> to an already safe URL (``report.safe_url``/``capture_url``), or just the label."""
    if url is None:
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{esc(label)}</a>'


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
    reasons = "".join(f"<li>{esc(reason)}</li>" for reason in shown_reasons(change))
    return (
        f'<article class="change {esc(materiality)}" data-materiality="{esc(materiality)}">'
        f'<span class="badge {esc(materiality)}">{esc(materiality.upper())}</span>'
        f'<span class="op">{esc(change["op"])}</span>'
        + (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
        + '<table class="side-by-side"><tr class="labels"><th>before</th><th>after</th></tr>'
        f'<tr><td class="before">{before}</td><td class="after">{after}</td></tr></table>'
        "</article>"
    )


def _has_classes(changes: list[dict]) -> list[str]:
    """``has-material``, ``has-minor``...: what the CSS filters read to hide a whole block."""
    return [f"has-{kind}" for kind, count in report.counts(changes).items() if count]


def _counted(changes: list[dict]) -> str:
    """The pair's change count once per filter; CSS shows the one matching the filter."""
    minor_up = [c for c in changes if c["materiality"] != "cosmetic"]
    material = [c for c in changes if c["materiality"] == "material"]
    return (
        f'<span class="count-all">{esc(report.summary(changes))}</span>'
        f'<span class="count-minor">{esc(report.summary(minor_up))}</span>'
        f'<span class="count-material">{esc(report.summary(material))}</span>'
    )


def pair_html(number: int, pair: dict, wayback_url: str | None) -> str:
    older, newer, changes = pair["from"], pair["to"], pair["changes"]
    classes = ["pair", *_has_classes(changes)]
    sides = (
        f"before: {link(report.capture_url(older, wayback_url), report.version_label(older))}"
        f" · after: {link(report.capture_url(newer, wayback_url), report.version_label(newer))}"
    )
    body = [
        f'<section class="{" ".join(classes)}" id="pair-{number}">',
        f"<h2>{esc(report.day(older['captured_at']))} → {esc(report.day(newer['captured_at']))}"
        f" <small>{_counted(changes)}</small></h2>",
        f'<p class="sides">{sides}</p>',
    ]
    if not changes:
        body.append('<p class="empty">Text unchanged after normalization.</p>')
    for section, grouped in report.by_section(changes):
        body.append(f'<div class="{" ".join(["group", *_has_classes(grouped)])}">')
        body.append(f'<h3 class="section">{esc(section)}</h3>')
        body += [change_html(change) for change in grouped]
        body.append("</div>")
    body.append("</section>")
    return "\n".join(body)


def material_summary(pairs: list[dict], wayback_url: str | None) -> str:
    """What a reader needs first: every material change, newest first, with its date, section,
    changed words, reasons and links to the evidence and to the change in context."""
    items = []
    for number, pair in reversed(list(enumerate(pairs, start=1))):
        newer = pair["to"]
        evidence = link(report.capture_url(newer, wayback_url), report.version_label(newer))
        for change in pair["changes"]:
            if change["materiality"] != "material":
                continue
            reasons = "".join(f"<li>{esc(r)}</li>" for r in shown_reasons(change))
            where = one_section(change)
            items.append(
                '<li class="summary-item">'
                f'<p class="summary-head"><time>{esc(report.day(newer["captured_at"]))}</time>'
                f"{' · ' + where if where else ''} · {esc(change['op'])}</p>"
                f'<p class="words">{inline_html(change)}</p>'
                + (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
                + f'<p class="evidence">evidence: {evidence} · '
                f'<a href="#pair-{number}">in context</a></p></li>'
            )
    body = (
        f'<ol class="summary-list">{"".join(items)}</ol>'
        if items
        else '<p class="empty">No material changes in this period.</p>'
    )
    return (
        '<section id="material-summary">'
        f"<h2>{len(items)} material change{'s' * (len(items) != 1)}, newest first</h2>"
        f"{body}</section>"
    )


def one_section(change: dict) -> str:
    section = report.one_line(change.get("section"))
    return f'<span class="where">{esc(section)}</span>' if section else ""


def render(
    site: dict,
    versions: list[dict],
    pairs: list[dict],
    *,
    wayback_url: str | None = None,
    period: str = "",
    generated_at: str = "",
) -> str:
    """The whole report page. ``site`` has ``slug`` and, when known, ``name`` and ``url`` (the
    configured policy URL). Updates are shown newest first, after the material summary."""
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
    numbered = list(enumerate(pairs, start=1))  # numbered oldest first, shown newest first
    main = "\n".join(pair_html(n, pair, wayback_url) for n, pair in reversed(numbered))
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
{material_summary(pairs, wayback_url)}
{filters}
<nav class="filters">Show: {labels}</nav>
<section id="timeline">
{timeline_svg(versions, pairs)}
<p class="legend">Dots: versions (<span style="background:#1565c0"></span>Wayback
<span style="background:#2e7d32"></span>live). Bars: changes per update on the scale at
the left, material at the bottom, the material count in red above; {legend}</p>
</section>
<main>
{main or '<p class="empty">No changes in this period.</p>'}
</main>
<footer>Made by policy-monitor{" on " + esc(generated_at) if generated_at else ""}.
Removed words are <del>struck through</del>, added words <ins>highlighted</ins>.</footer>
</body>
</html>
"""
