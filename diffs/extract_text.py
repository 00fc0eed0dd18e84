"""Plain text to raw blocks: guess headings and items from the shape of each line."""

from __future__ import annotations

import html
import re

from .document import RawBlock

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣●–]|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\(\d{1,3}\))\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(\S.*)$")
_FINAL_PUNCTUATION = re.compile(r"[.,;!]$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MINOR_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to via with we you it how what who "
    "why when where our your us is are do does".split()
)
# The title of a table of contents, which goes with it (in HTML and Markdown alike).
TOC_TITLE = re.compile(
    r"^\W*(?:table of contents|contents|on this page|in this (?:article|page|policy)|jump to"
    r"|sommaire|table des matières|dans cet(?:te)? (?:article|page)|sur cette page)\W*$",
    re.IGNORECASE,
)
_HEADING_MAX_CHARS = 100
_SHORT_HEADING_WORDS = 4


def _title_level(line: str) -> int:
    """1 for ALL CAPS, 2 for Title Case or a very short capitalised label, 0 for prose: in plain
    text, capitals are how authors mark the top level."""
    words = _WORD.findall(line)
    if not words or not words[0][0].isupper():
        return 0
    letters = [c for c in line if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return 1
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if major and all(w[0].isupper() for w in major):
        return 2
    short = len(words) <= _SHORT_HEADING_WORDS and not line.rstrip().endswith((":", "?"))
    return 2 if short else 0


def is_marked_heading(line: str) -> bool:
    """A line that announces a section in any format: ALL CAPS, or numbered with a title
    ("2. Data We Collect", "4.1 Retention"); short and without final punctuation."""
    if len(line) > _HEADING_MAX_CHARS or _FINAL_PUNCTUATION.search(line):
        return False
    numbered = _NUMBERED.match(line)
    if numbered:
        return bool(_title_level(numbered.group(2)))
    return _title_level(line) == 1


def _classify(line: str) -> tuple[str, str, int]:
    if len(line) <= _HEADING_MAX_CHARS and not _FINAL_PUNCTUATION.search(line):
        numbered = _NUMBERED.match(line)
        if numbered and _title_level(numbered.group(2)):
            return "heading", line, len(re.findall(r"\d+", numbered.group(1)))
        level = 0 if numbered or _BULLET.match(line) else _title_level(line)
        if level:
            return "heading", line, level
    bullet = _BULLET.match(line) or _NUMBERED.match(line)
    if bullet:
        return "item", bullet.group(bullet.lastindex), 0
    return "paragraph", line, 0


def _continues(kind: str, last_line: str, line: str) -> bool:
    """A hard-wrapped line: the previous line ends a paragraph unfinished and this starts
    lowercase."""
    return (
        kind in ("paragraph", "item")
        and last_line[-1:] not in ".:;!?"
        and line[:1].islower()
        and not _BULLET.match(line)
    )


def extract(text: str) -> list[RawBlock]:
    blocks: list[tuple[str, list[str], int]] = []
    last_line = ""
    for raw in html.unescape(text).splitlines():
        line = " ".join(raw.split())
        if line and last_line and _continues(blocks[-1][0], last_line, line):
            blocks[-1][1].append(line)
        elif line:
            kind, body, level = _classify(line)
            blocks.append((kind, [body], level))
        last_line = line
    return [(kind, " ".join(parts), level) for kind, parts, level in blocks]
