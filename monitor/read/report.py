"""Turn stored history and changes into what people read: Markdown or JSON (terminal text with
rich: ``terminal``).

Policy text is untrusted input. ``clean`` strips control and bidi characters, so a page cannot
restyle or corrupt a terminal. In Markdown every character that could start markup is escaped and
links are only ever built from http(s) URLs, so a page cannot add headings, links or HTML to a
ticket.

The Markdown of one change (``change_markdown``) and of a whole diff (``diff_markdown``) are
meant for reuse: notifications and tickets show the same text as ``monitor diff --format md``.
The HTML report and the Atom feed live in ``html_report`` and ``feed``; they share the helpers
here (``clean``, ``capture_url``, ``by_section``, ``counts``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from monitor.read.reader_filters import shown_reasons

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
MATERIALITY_ORDER = ("material", "minor", "cosmetic")
NO_SECTION = "(no section)"
# Characters that can open Markdown (CommonMark and GitHub) markup in the middle of a line; line
# starts (where ">", "#", "-" or "1." would count) are safe because every untrusted text is put on
# one line after a fixed prefix.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|~])|&(?=#?\w+;)")
# Characters kept as they are in a link destination; everything else is percent-encoded, so a
# URL cannot close a Markdown link, an HTML attribute or an XML attribute.
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def clean(text: str | None) -> str:
    """Policy text made safe for a terminal: control and bidi characters removed."""
    return CONTROL.sub("", text or "")


def one_line(text: str | None) -> str:
    """Clean text with every run of whitespace (newlines included) made one space."""
    return " ".join(clean(text).split())


def to_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def change_json(change: dict) -> dict:
    """The public JSON shape of a change (names promised to users' scripts)."""
    return {
        "op": change["op"],
        "before": change["before"],
        "after": change["after"],
        "section": change["section"],
        "materiality": change["materiality"],
        "categories": change["categories"],
        "score": change["score"],
        "reasons": change.get("reasons", []),
        "highlights": change.get("highlights", []),
    }


# shared helpers ---------------------------------------------------------------------------


def day(timestamp: str) -> str:
    """2019-04-07T11:00:22Z -> 2019-04-07."""
    return timestamp[:10]


def version_label(version: dict) -> str:
    """When and where a version was seen first: ``2019-04-07 (wayback)``; a document compared
    by hand is named by its path or URL."""
    if "label" in version:
        return version["label"]
    return f"{day(version['captured_at'])} ({version['source']})"


def counts(changes: Iterable[dict]) -> dict[str, int]:
    """Changes per materiality, most material first (zero counts included)."""
    found = dict.fromkeys(MATERIALITY_ORDER, 0)
    for change in changes:
        found[change["materiality"]] = found.get(change["materiality"], 0) + 1
    return found


def summary(changes: list[dict]) -> str:
    """``5 changes: 2 material, 3 cosmetic``."""
    total = f"{len(changes)} change{'s' * (len(changes) != 1)}"
    parts = [f"{n} {kind}" for kind, n in counts(changes).items() if n]
    return f"{total}: {', '.join(parts)}" if parts else total


def plural(count: int, noun: str) -> str:
    """``1 capture``, ``2 captures``."""
    return f"{count} {noun}{'s' * (count != 1)}"


def by_section(changes: Iterable[dict]) -> list[tuple[str, list[dict]]]:
    """Changes grouped by the section they are in, sections in order of first appearance."""
    groups: dict[str, list[dict]] = {}
    for change in changes:
        groups.setdefault(one_line(change.get("section")) or NO_SECTION, []).append(change)
    return list(groups.items())


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with every character that could end a link or attribute percent-encoded;
    None for anything else (``javascript:``, ``data:``, relative or malformed)."""
    if not url:
        return None
    url = clean(url).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    return quote(url, safe=_URL_SAFE)


def capture_url(version: dict, wayback_url: str | None) -> str | None:
    """Where a reader can see the capture a version was first seen in.

    A Wayback capture links to ``{wayback}/web/{timestamp}/{url}``; a live capture to the page
    itself (which shows what the site serves today). None when the stored URL is not http(s).
    """
    original = safe_url(version.get("url"))
    if original is None:
        return None
    if version.get("source") == "wayback" and wayback_url:
        stamp = re.sub(r"\D", "", version["captured_at"])[:14]
        base = safe_url(wayback_url.rstrip("/"))
        return f"{base}/web/{stamp}/{original}" if base else None
    return original


# Markdown ---------------------------------------------------------------------------------


def md_escape(text: str | None) -> str:
    """Untrusted text as inert Markdown on one line: no heading, link, HTML, code or emphasis."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), one_line(text))


def _md_segment(kind: int, words: str) -> str:
    """One highlight segment: ~~removed~~ or **added** words, with the surrounding spaces kept
    outside the markers, as CommonMark needs for the emphasis to take."""
    words = clean(words)
    core = md_escape(words)
    lead = " " if words[:1].isspace() else ""
    trail = " " if words[-1:].isspace() and core else ""
    if core and kind:
        marker = "~~" if kind < 0 else "**"
        core = f"{marker}{core}{marker}"
    return f"{lead}{core}{trail}"


def change_markdown(change: dict, *, show_section: bool = True) -> str:
    """One change as a Markdown list item: badge, op, the clause with ~~removed~~ and
    **added** words, then its reasons as sub-items. Safe to paste anywhere: untrusted text
    cannot add headings, links, HTML or emphasis of its own."""
    head = f"- **{change['materiality'].upper()}** {change['op']}"
    if show_section and change.get("section"):
        head += f" in *{md_escape(change['section'])}*"
    if change["op"] == "modified" and change.get("highlights"):
        body = "".join(_md_segment(kind, words) for kind, words in change["highlights"])
        body = re.sub(r" {2,}", " ", body).strip()
    elif change["op"] == "removed":
        body = f"~~{md_escape(change['before'])}~~"
    elif change["op"] == "added":
        body = f"**{md_escape(change['after'])}**"
    else:
        body = md_escape(change["after"] or change["before"])
    lines = [f"{head}: {body}"]
    lines += [f"  - why: {md_escape(reason)}" for reason in shown_reasons(change)]
    return "\n".join(lines)


def diff_markdown(site: str, pairs: list[dict], *, wayback_url: str | None = None) -> str:
    """``monitor diff --format md``: each version pair as a section, changes grouped by the
    policy section they are in, with links to the archived captures on both sides."""
    out = [f"# {md_escape(site)}: policy changes", ""]
    if not pairs:
        out += ["No changes in this period.", ""]
    for pair in pairs:
        older, newer = pair["from"], pair["to"]
        out += [f"## {md_escape(version_label(older))} → {md_escape(version_label(newer))}", ""]
        links = [
            f"[{name}]({url})"
            for name, url in (
                ("before", capture_url(older, wayback_url)),
                ("after", capture_url(newer, wayback_url)),
            )
            if url
        ]
        line = summary(pair["changes"])
        if links:
            line += " · captures: " + ", ".join(links)
        out += [line, ""]
        if not pair["changes"]:
            out += ["Text unchanged after normalization.", ""]
        for section, changes in by_section(pair["changes"]):
            out += [f"### {md_escape(section)}", ""]
            out += [change_markdown(change, show_section=False) for change in changes]
            out.append("")
    return "\n".join(out)


def history_markdown(site: str, versions: list[dict], *, wayback_url: str | None = None) -> str:
    """``monitor history --format md``: a table of the versions, oldest first."""
    out = [f"# {md_escape(site)}: policy versions", ""]
    if not versions:
        return "\n".join([*out, "Nothing stored yet.", ""])
    out += ["| # | first seen | last seen | source | captures | text | capture |", "|---" * 7 + "|"]
    for version in versions:
        url = capture_url(version, wayback_url)
        link = f"[{md_escape(version['url'])}]({url})" if url else md_escape(version["url"])
        out.append(
            f"| {version['version_id']} | {day(version['captured_at'])} "
            f"| {day(version['last_captured_at'])} "
            f"| {version['source']} | {version['captures']} | `{version['text_sha256'][:12]}` "
            f"| {link} |"
        )
    out.append("")
    return "\n".join(out)
