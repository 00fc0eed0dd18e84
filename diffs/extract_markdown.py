"""Markdown to raw blocks: enough of CommonMark for policy texts and archived extractions."""

from __future__ import annotations

import html
import re

from .document import RawBlock
from .extract_text import TOC_TITLE
from .links import target

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
# "1\. text" is how an HTML-to-Markdown converter writes a numbered line that was no list:
# the same item to a reader, whichever way the page or the extractor wrote it
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}\\?[.)])\s+(.*)$")
# ... and "1\. Title" over a "---" line is a heading: an escaped dot opens no list (CommonMark)
_ORDINAL = re.compile(r"^\s*0*(\d{1,3})\\?[.)]\s")
_ESCAPED_NUMBER = re.compile(r"^\s*\d{1,3}\\[.)]\s")
# an underline indented under a list item's text makes that text a heading inside the item
# ("1.  CHANGES TO THIS POLICY" over "    -----")
_ITEM_UNDERLINE = re.compile(r"^\s{2,}(=+|-+)\s*$")
_HARD_BREAK = re.compile(r"(?<!\\)\\$")  # a line ending in one backslash breaks there (CommonMark)
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s*>\s?")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_ARCHIVE_BANNER = re.compile(r"^\s*>\s*[*_]*the following text is extracted", re.IGNORECASE)
_TOC_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+\[[^\]]+\]\(#[^)]*\)\s*$")
_TOC_MIN_ITEMS = 3
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>(?:(?!\1).)+?)\1\s*$")

_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\([^)]{0,2000}\)")
# [text](target "title") or [text][reference]; the text may hold escaped brackets, the target
# escaped or balanced parentheses ("wiki/Tar_(computing)").
_LINK = re.compile(
    r"\[((?:\\.|[^\]\\]){0,500})\]"
    r"(?:\(((?:\\.|[^()\\]|\([^()]{0,500}\)){0,2000})\)|\[[^\]]{0,500}\])"
)
_HELD_TARGET = re.compile(r"\x00(\d+)\x00")
# CommonMark's autolinks: "<https://...>", "<mailto:...>" and a bare e-mail "<dpo@acme.com>"
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.{1,500}?)(?<=\S)\1(?!\w)")
_STRAY_STRONG = re.compile(r"\*\*")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


def inline_text(text: str, page_url: str | None = None) -> str:
    """Plain text of a Markdown line: link texts with the targets worth keeping (diffs/links.py),
    without emphasis or tags."""
    held: list[str] = []

    def link(match: re.Match[str]) -> str:
        label, inside = match.group(1), (match.group(2) or "").strip()
        href = _ESCAPE.sub(r"\1", inside.split(maxsplit=1)[0].strip("<>")) if inside else None
        kept = target(inline_text(label), href, page_url)
        if not kept:
            return label
        held.append(kept)
        return f"{label}\x00{len(held) - 1}\x00"

    text = _IMAGE.sub("", text)
    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis ("***x***", "**a _b_**") unwraps one layer a pass
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    text = html.unescape(_ESCAPE.sub(r"\1", _STRAY_STRONG.sub("", text)))
    return _HELD_TARGET.sub(lambda m: f" <{held[int(m.group(1))]}>", text)


class _Reader:
    """Line-by-line block assembly; a blank line or a new marker ends the current block."""

    def __init__(self, page_url: str | None) -> None:
        self.page_url = page_url
        self.blocks: list[RawBlock] = []
        self._kind = "paragraph"
        self._lines: list[str] = []
        self._numbered_title = ""  # the line of an item opened by "1\." while it is one line
        self._table = False  # under a table's header rule, until a blank line

    def flush(self) -> None:
        if self._lines:
            # a link or an emphasis may run over a line break: the block is read as one text
            text = inline_text(" ".join(self._lines), self.page_url)
            self.blocks.append((self._kind, text, 0))
        self._kind, self._lines = "paragraph", []

    def blank(self) -> None:
        """A blank line ends the block, and a table."""
        self.flush()
        self._table = False

    def start(self, kind: str, line: str) -> None:
        self.flush()
        self._kind, self._lines = kind, [line]

    def heading(self, text: str, level: int) -> None:
        self.flush()
        self.blocks.append(("heading", inline_text(text, self.page_url), level))

    def _continues_paragraph(self, raw: str) -> bool:
        """ "16. The end" inside a paragraph wrapped before "16." goes on with the paragraph:
        only a list numbered from 1 may interrupt one (CommonMark)."""
        number = _ORDINAL.match(raw)
        return (
            bool(number)
            and number.group(1) != "1"
            and self._kind == "paragraph"
            and bool(self._lines)
        )

    def line(self, raw: str) -> None:
        numbered = raw if _ESCAPED_NUMBER.match(raw) and _ITEM.match(raw) else ""
        if _ATX.match(raw):
            match = _ATX.match(raw)
            self.heading(match.group(2) or "", len(match.group(1)))
        elif _SETEXT.match(raw) and self._kind == "paragraph" and len(self._lines) == 1:
            text = self._lines.pop()
            self.heading(text, 1 if raw.strip().startswith("=") else 2)
        elif _SETEXT.match(raw) and self._kind == "item" and self._numbered_title:
            self._lines = []
            self.heading(self._numbered_title.strip(), 1 if raw.strip().startswith("=") else 2)
        elif _ITEM_UNDERLINE.match(raw) and self._kind == "item" and len(self._lines) == 1:
            self.heading(self._lines.pop(), 1 if raw.strip().startswith("=") else 2)
        elif _TABLE_RULE.match(raw):  # a table's header rule; its rows may go without outer pipes
            if self._kind == "paragraph" and len(self._lines) == 1 and "|" in self._lines[0]:
                self._lines = [_row(self._lines[0])]  # "Data | Purpose" over "---|---"
            self.flush()
            self._table = True
        elif _RULE.match(raw) or _REFERENCE.match(raw):
            self.flush()
        elif _SETEXT.match(raw) and not self._lines:
            self.flush()  # the underline of a heading already taken ("**Title**" then "===")
        elif _ITEM.match(raw) and not self._continues_paragraph(raw):
            self.start("item", _ITEM.match(raw).group(1))
        elif _BOLD_LINE.match(raw) and not self._lines:
            self.heading(_BOLD_LINE.match(raw).group("text"), 0)
        elif raw.lstrip().startswith("|") or (self._table and "|" in raw):
            self.start("paragraph", _row(raw))
            self.flush()
        else:
            self._lines.append(_HARD_BREAK.sub("", raw.strip()))
        self._numbered_title = numbered
        if raw.endswith("  ") or raw.rstrip().endswith("<br>") or _HARD_BREAK.search(raw):
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


def _without_tables_of_contents(lines: list[str]) -> list[str]:
    """Drop runs of list items that only link within the page, and their title: navigation."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        if _TOC_ITEM.match(lines[index]):
            while end < len(lines) and (_TOC_ITEM.match(lines[end]) or not lines[end].strip()):
                end += 1
        if sum(1 for line in lines[index:end] if line.strip()) >= _TOC_MIN_ITEMS:
            while kept and not kept[-1].strip():
                kept.pop()
            if kept and TOC_TITLE.match(inline_text(kept[-1]).lstrip("#")):
                kept.pop()
            kept.append("")
            index = end
        else:
            kept.append(lines[index])
            index += 1
    return kept


def _row(line: str) -> str:
    """A table row's cells, with or without outer pipes, as one text."""
    return line.strip().strip("|").replace("|", " | ")


def extract(text: str, page_url: str | None = None) -> list[RawBlock]:
    reader = _Reader(page_url)
    for raw in _without_tables_of_contents(_without_banners(text.splitlines())):
        if not raw.strip() or _FENCE.match(raw):
            reader.blank()
            continue
        reader.line(_QUOTE.sub("", raw) if _QUOTE.match(raw) else raw)
    reader.flush()
    return reader.blocks
