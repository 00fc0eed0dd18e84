"""`monitor feed`: an Atom feed (RFC 4287) of material policy changes, for any feed reader.

One entry per policy update that brought at least one material change: a reader wants to hear
"the policy changed, and this is what matters", once per update, not once per clause. Entry ids
are ``urn:uuid`` values derived from the site, both texts' hashes and the update's time, so they
stay the same across runs and databases and differ when a text comes back later (A, B, A, B).

The XML is built with ElementTree, which escapes text and attributes; characters XML 1.0 cannot
carry at all (control characters, U+FFFE/U+FFFF) are removed first.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from importlib.metadata import PackageNotFoundError, version

from monitor.read import html_report, report
from monitor.read.reader_filters import at_least, shown_reasons

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", ATOM)


def xml_text(text: str | None) -> str:
    """Text XML 1.0 can carry: control and bidi characters, surrogates and non-characters gone."""
    return _NOT_XML.sub("", report.clean(text))


def stable_id(*parts: str) -> str:
    """A ``urn:uuid`` that depends only on ``parts``."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "policy-monitor:" + ":".join(parts)).urn


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _generator_version() -> str:
    try:
        return version("policy-monitor")
    except PackageNotFoundError:
        return "unknown"


def entry_content(pair: dict, material: list[dict], wayback_url: str | None) -> str:
    """The HTML body of an entry: the changes it is about inline, their reasons, capture links."""
    parts = []
    for change in material:
        where = (
            f" in <em>{html_report.esc(change['section'])}</em>" if change.get("section") else ""
        )
        reasons = "".join(f"<li>{html_report.esc(r)}</li>" for r in shown_reasons(change))
        badge = html_report.esc(change["materiality"].upper())
        parts.append(
            f"<p><strong>{badge}</strong> {html_report.esc(change['op'])}{where}: "
            f"{html_report.inline_html(change)}</p>" + (f"<ul>{reasons}</ul>" if reasons else "")
        )
    links = [
        f"{name}: "
        + html_report.link(report.capture_url(version, wayback_url), report.version_label(version))
        for name, version in (("before", pair["from"]), ("after", pair["to"]))
    ]
    parts.append(f"<p>{' · '.join(links)}</p>")
    return "\n".join(parts)


def add_entries(
    feed: ET.Element,
    site: dict,
    pairs: list[dict],
    wayback_url: str | None,
    level: str = "material",
) -> None:
    """One entry per pair with a change at least ``level`` material."""
    name = site.get("name") or site["slug"]
    for pair in pairs:
        material = [c for c in pair["changes"] if at_least(c, level)]
        if not material:
            continue
        older, newer = pair["from"], pair["to"]
        entry = _add(feed, "entry")
        _add(
            entry,
            "id",
            stable_id(
                site["slug"], older["text_sha256"], newer["text_sha256"], newer["captured_at"]
            ),
        )
        if level == "material":
            count = f"{len(material)} material change{'s' * (len(material) != 1)}"
        else:
            count = f"{report.summary(material)} (at least {level})"
        _add(
            entry,
            "title",
            f"{name}: {count} to the privacy policy ({report.day(newer['captured_at'])})",
        )
        _add(entry, "updated", newer["captured_at"])
        _add(entry, "published", newer["captured_at"])
        link = report.capture_url(newer, wayback_url) or report.safe_url(site.get("url"))
        if link:
            _add(entry, "link", rel="alternate", type="text/html", href=link)
        previous = report.capture_url(older, wayback_url)
        if previous:
            _add(
                entry,
                "link",
                rel="related",
                type="text/html",
                href=previous,
                title="previous version",
            )
        for category in sorted({c for change in material for c in change["categories"]}):
            _add(entry, "category", term=category)
        first = report.one_line(material[0]["after"] or material[0]["before"])
        _add(entry, "summary", f"{report.summary(pair['changes'])}. {first}", type="text")
        _add(entry, "content", entry_content(pair, material, wayback_url), type="html")


def render(
    sites: list[tuple[dict, list[dict]]],
    *,
    wayback_url: str | None = None,
    generated_at: str,
    every_site: bool = False,
    level: str = "material",
    self_url: str | None = None,
) -> str:
    """The feed for (site, pairs) items: one site (``monitor feed SLUG``) or, with
    ``every_site``, all of them (``--all``), each kind with its own stable feed id.

    The feed's ``updated`` is its newest entry's; with no entries, ``generated_at``. Entries
    are the updates with a change at least ``level`` material; ``self_url`` is where the feed
    is published (its ``rel="self"`` link, which RFC 4287 recommends).
    """
    feed = ET.Element(f"{{{ATOM}}}feed")
    if not every_site:
        site = sites[0][0]
        _add(feed, "id", stable_id("feed", site["slug"]))
        _add(feed, "title", f"Privacy policy changes: {site.get('name') or site['slug']}")
        if report.safe_url(site.get("url")):
            _add(feed, "link", rel="alternate", type="text/html", href=report.safe_url(site["url"]))
    else:
        _add(feed, "id", stable_id("feed", "all"))
        _add(feed, "title", "Privacy policy changes: all watched sites")
    if report.safe_url(self_url):
        _add(feed, "link", rel="self", type="application/atom+xml", href=report.safe_url(self_url))
    what = "Material" if level == "material" else "Minor and material"
    _add(feed, "subtitle", f"{what} changes to privacy policies, found by policy-monitor.")
    updated = _add(feed, "updated", generated_at)
    author = _add(feed, "author")
    _add(author, "name", "policy-monitor")
    _add(feed, "generator", "policy-monitor", version=_generator_version())
    entries = ET.Element("entries")
    for site, pairs in sites:
        add_entries(entries, site, pairs, wayback_url, level)
    ordered = sorted(entries, key=lambda e: e.findtext(f"{{{ATOM}}}updated") or "", reverse=True)
    if ordered:
        updated.text = ordered[0].findtext(f"{{{ATOM}}}updated")
    feed.extend(ordered)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
