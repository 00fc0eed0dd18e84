"""Turn stored history and changes into what people read: terminal text or JSON.

Policy text is untrusted input: it is only ever placed in ``rich.text.Text`` objects (never
parsed as markup) and stripped of control characters, so a page cannot restyle or corrupt the
terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from rich.console import Console, Group
from rich.text import Text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
BADGE_STYLE = {"material": "bold white on red", "minor": "black on yellow", "cosmetic": "dim"}
OP_MARK = {"added": "+", "removed": "-", "modified": "~", "moved": ">"}


def clean(text: str | None) -> str:
    """Policy text made safe for a terminal: control and bidi characters removed."""
    return CONTROL.sub("", text or "")


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


def change_lines(change: dict) -> Text:
    """One change: a badge, the section, then the clause with changed words marked."""
    text = Text()
    materiality = change["materiality"]
    text.append(f" {materiality.upper()} ", style=BADGE_STYLE.get(materiality, ""))
    text.append(f" {OP_MARK.get(change['op'], '?')} {change['op']}", style="bold")
    if change.get("section"):
        text.append(f"  [{clean(change['section'])}]", style="cyan")
    text.append("\n    ")
    if change["op"] == "modified" and change.get("highlights"):
        for kind, words in change["highlights"]:
            words = clean(words)
            if kind < 0:
                text.append(f"[-{words}-]", style="red strike")
            elif kind > 0:
                text.append(f"{{+{words}+}}", style="green")
            else:
                text.append(words)
    elif change["op"] == "removed":
        text.append(clean(change["before"]), style="red")
    elif change["op"] == "added":
        text.append(clean(change["after"]), style="green")
    else:
        text.append(clean(change["after"] or change["before"]))
    for reason in change.get("reasons", []):
        text.append(f"\n    why: {clean(reason)}", style="italic")
    return text


def pair_heading(site: str, older: dict, newer: dict, changes: list[dict]) -> Text:
    material = sum(1 for c in changes if c["materiality"] == "material")
    text = Text()
    text.append(f"{site}: ", style="bold")
    text.append(f"{older['captured_at']} ({older['source']})", style="bold")
    text.append(" -> ")
    text.append(f"{newer['captured_at']} ({newer['source']})", style="bold")
    summary = f"  {len(changes)} change{'s' * (len(changes) != 1)}"
    if material:
        summary += f", {material} material"
    text.append(summary, style="red" if material else "")
    return text


def diff_renderable(site: str, pairs: list[dict]) -> Group:
    parts: list[Text] = []
    if not pairs:
        parts.append(Text(f"{site}: no changes in this period"))
    for pair in pairs:
        parts.append(pair_heading(site, pair["from"], pair["to"], pair["changes"]))
        if not pair["changes"]:
            parts.append(Text("    (text unchanged after normalization)", style="dim"))
        for change in pair["changes"]:
            parts.append(change_lines(change))
        parts.append(Text(""))
    return Group(*parts)


def history_renderable(site: str, versions: Iterable[dict]) -> Group:
    lines = []
    for number, version in enumerate(versions, start=1):
        line = Text()
        line.append(f"{number:>3}  {version['captured_at']}  ", style="bold")
        line.append(f"{version['source']:<8}", style="cyan")
        line.append(f"{version['text_sha256'][:12]}  {version['captures']:>3} capture(s)  ")
        line.append(clean(version["url"]), style="dim")
        lines.append(line)
    if not lines:
        lines.append(Text(f"{site}: nothing stored yet (run `monitor backfill {site}`)"))
    return Group(*lines)


def print_renderable(renderable: object, *, color: bool | None = None) -> None:
    """Colour on a terminal, plain when piped or when ``color`` is False."""
    console = Console(no_color=color is False, highlight=False, soft_wrap=True)
    if color is False:
        console = Console(color_system=None, highlight=False, soft_wrap=True)
    console.print(renderable)
