"""Markdown to raw blocks: enough of CommonMark for policy texts and archived extractions."""

from __future__ import annotations

import html
import re

from .document import RawBlock

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s*>\s?")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_ARCHIVE_BANNER = re.compile(r"^\s*>\s*[*_]*the following text is extracted", re.IGNORECASE)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>(?:(?!\1).)+?)\1\s*$")

_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_LINK = re.compile(r"\[([^\]]{0,500})\](?:\([^)]{0,2000}\)|\[[^\]]{0,500}\])")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.{1,500}?)(?<=\S)\1(?!\w)")
_STRAY_STRONG = re.compile(r"\*\*")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


def inline_text(text: str) -> str:
    """Plain text of a Markdown line: keep link text, drop link targets, emphasis and tags."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis ("***x***", "**a _b_**") unwraps one layer a pass
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return html.unescape(_ESCAPE.sub(r"\1", _STRAY_STRONG.sub("", text)))


class _Reader:
    """Line-by-line block assembly; a blank line or a new marker ends the current block."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self._kind = "paragraph"
        self._lines: list[str] = []

    def flush(self) -> None:
        if self._lines:
            text = " ".join(inline_text(line) for line in self._lines)
            self.blocks.append((self._kind, text, 0))
        self._kind, self._lines = "paragraph", []

    def start(self, kind: str, line: str) -> None:
        self.flush()
        self._kind, self._lines = kind, [line]

    def heading(self, text: str, level: int) -> None:
        self.flush()
        self.blocks.append(("heading", inline_text(text), level))

    def line(self, raw: str) -> None:
        if _ATX.match(raw):
            match = _ATX.match(raw)
            self.heading(match.group(2) or "", len(match.group(1)))
        elif _SETEXT.match(raw) and self._kind == "paragraph" and len(self._lines) == 1:
            text = self._lines.pop()
            self.heading(text, 1 if raw.strip().startswith("=") else 2)
        elif _RULE.match(raw) or _TABLE_RULE.match(raw) or _REFERENCE.match(raw):
            self.flush()
        elif _ITEM.match(raw):
            self.start("item", _ITEM.match(raw).group(1))
        elif _BOLD_LINE.match(raw) and not self._lines:
            self.heading(_BOLD_LINE.match(raw).group("text"), 0)
        elif raw.lstrip().startswith("|"):
            self.start("paragraph", raw.strip().strip("|").replace("|", " | "))
            self.flush()
        else:
            self._lines.append(raw.strip())
        if raw.endswith("  ") or raw.rstrip().endswith("<br>"):
            self.flush()


def _without_banners(lines: list[str]) -> list[str]:
    """Drop archive banners: a blockquote whose first line announces an extracted copy."""
    kept: list[str] = []
    in_banner = False
    for line in lines:
        if _ARCHIVE_BANNER.match(line):
            in_banner = True
        elif in_banner and not _QUOTE.match(line):
            in_banner = False
        if not in_banner:
            kept.append(line)
    return kept


def extract(text: str) -> list[RawBlock]:
    reader = _Reader()
    for raw in _without_banners(text.splitlines()):
        if not raw.strip() or _FENCE.match(raw):
            reader.flush()
            continue
        reader.line(_QUOTE.sub("", raw) if _QUOTE.match(raw) else raw)
    reader.flush()
    return reader.blocks
