"""Stored history and changes as terminal text, with rich: `monitor history` and `monitor diff`,
and the progress bar of long report work.

Policy text is untrusted input: it is only ever placed in ``rich.text.Text`` objects (never
parsed as markup) and stripped of control characters (``report.clean``), so a page cannot restyle
or corrupt the terminal. Kept apart from ``report`` (Markdown, JSON and the helpers the HTML
report and the feed share) because rich is most of a read command's start-up: only the commands
that print to a terminal load it (bench/startup.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group
from rich.text import Text

from monitor.read.reader_filters import shown_reasons
from monitor.read.report import (
    by_section,
    clean,
    counts,
    day,
    one_line,
    plural,
    summary,
    version_label,
)

BADGE_STYLE = {"material": "bold white on red", "minor": "black on yellow", "cosmetic": "dim"}
OP_MARK = {"added": "+", "removed": "-", "modified": "~", "moved": ">", "split": "<", "merged": "<"}


def change_lines(change: dict, *, show_section: bool = True, indent: str = "    ") -> Text:
    """One change: a badge, the op, then the clause with changed words marked."""
    text = Text()
    materiality = change["materiality"]
    text.append(f" {materiality.upper()} ", style=BADGE_STYLE.get(materiality, ""))
    text.append(f" {OP_MARK.get(change['op'], '?')} {change['op']}", style="bold")
    if show_section and change.get("section"):
        text.append(f"  [{one_line(change['section'])}]", style="cyan")
    text.append(f"\n{indent}")
    if change["op"] in ("modified", "moved", "split", "merged") and change.get("highlights"):
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
    for reason in shown_reasons(change):
        text.append(f"\n{indent}why: {clean(reason)}", style="italic")
    return text


def pair_heading(site: str, older: dict, newer: dict, changes: list[dict]) -> Text:
    """``site: 2019-04-07 (wayback) -> 2021-01-15 (live)  3 changes: 1 material, 2 minor``."""
    material = counts(changes)["material"]
    text = Text()
    text.append(f"{clean(site)}: ", style="bold")
    text.append(version_label(older), style="bold")
    text.append(" -> ")
    text.append(version_label(newer), style="bold")
    text.append(f"  {summary(changes)}", style="red" if material else "")
    return text


def diff_renderable(site: str, pairs: list[dict]) -> Group:
    """Each version pair with its dates and sources, then its changes grouped by section."""
    parts: list[Text] = []
    if not pairs:
        parts.append(Text(f"{clean(site)}: no changes in this period"))
    for pair in pairs:
        parts.append(pair_heading(site, pair["from"], pair["to"], pair["changes"]))
        if not pair["changes"]:
            parts.append(Text("    (text unchanged after normalization)", style="dim"))
        for section, changes in by_section(pair["changes"]):
            parts.append(Text(f"  § {section}", style="bold cyan"))
            for change in changes:
                line = change_lines(change, show_section=False, indent="      ")
                parts.append(Text("    ") + line)
        parts.append(Text(""))
    return Group(*parts)


def history_renderable(site: str, versions: Iterable[dict]) -> Group:
    """One line per version, numbered by its ``version_id`` (as in the JSON output)."""
    lines = []
    for version in versions:
        line = Text()
        line.append(f"{version['version_id']:>3}  {day(version['captured_at'])}", style="bold")
        line.append(f" .. {day(version['last_captured_at'])}  ")
        line.append(f"{version['source']:<8}", style="cyan")
        captures = plural(version["captures"], "capture")
        line.append(f"{version['text_sha256'][:12]}  {captures:>12}  ")
        line.append(clean(version["url"]), style="dim")
        lines.append(line)
    if not lines:
        lines.append(Text(f"{clean(site)}: nothing stored yet (run `monitor backfill {site}`)"))
    return Group(*lines)


def print_renderable(renderable: object, *, color: bool | None = None) -> None:
    """Colour on a terminal, plain when piped or when ``color`` is False."""
    if color is False:
        console = Console(color_system=None, highlight=False, soft_wrap=True)
    else:
        console = Console(force_terminal=color or None, highlight=False, soft_wrap=True)
    console.print(renderable)


@contextmanager
def progress(description: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long report work; yields ``update(done, total)``.

    Shown only when stderr is a terminal, so pipes, files and logs stay clean.
    """
    # rich.progress here: `monitor history` and the other renderings never draw a bar
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=total or None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
