"""Bytes or text of a policy page to a `Document`: the single place where "same text" is decided."""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import extract_markdown, extract_pdf, extract_text
from .canon import canonical
from .decoding import decode
from .document import Block, Document
from .rules import Boundary

__all__ = ["Block", "Document", "decode", "normalize", "sniff_format"]

_HTML_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)|<(?:body|head|div|p|table)\b[^>]*>",
    re.IGNORECASE,
)
_MARKDOWN_SIGNALS = (
    re.compile(r"^ {0,3}#{1,6}\s+\S", re.MULTILINE),
    re.compile(r"^\S.*\n {0,3}(?:=+|-{3,})\s*$", re.MULTILINE),
    re.compile(r"\[[^\]\n]*\]\([^)\s]+\)"),
    re.compile(r"(?:\*\*|__)[^*\n_]+(?:\*\*|__)"),
    re.compile(r"^ {0,3}> ", re.MULTILINE),
)
_MARKDOWN_MIN_SIGNALS = 2
_SNIFF_CHARS = 64 * 1024
_CHROME_BLOCK = re.compile(r"^\W*(?:back to top|skip to (?:main )?content)\W*$", re.IGNORECASE)


def sniff_format(text: str, content_type: str | None = None, url: str | None = None) -> str:
    """Return "html", "markdown" or "text": a specific header, then the URL, then the content."""
    mime = (content_type or "").split(";")[0].strip().lower()
    path = (url or "").split("?")[0].split("#")[0].lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("text/markdown", "text/x-markdown") or path.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:_SNIFF_CHARS]
    if mime != "text/plain" and (path.endswith((".html", ".htm")) or _HTML_SNIFF.search(head)):
        return "html"
    signals = sum(1 for signal in _MARKDOWN_SIGNALS if signal.search(head))
    return "markdown" if signals >= _MARKDOWN_MIN_SIGNALS else "text"


def _resolve_levels(raw: list[tuple[str, str, int]]) -> list[Block]:
    """Give pseudo-headings (bold lines, title <div>s: level 0 or a negative depth) a level
    under the last real heading, then rank levels densely, so an <h2> theme and a <div><b>
    theme of the same policy give the same blocks."""
    resolved: list[tuple[str, str, int]] = []
    last_real = 0
    for kind, text, level in raw:
        if kind == "heading" and level > 0:
            last_real = level
        elif kind == "heading":
            level = last_real + max(-level, 1)
        resolved.append((kind, text, level))
    ranks = {
        level: rank
        for rank, level in enumerate(sorted({lv for k, _, lv in resolved if k == "heading"}), 1)
    }
    return [
        Block(kind, text, ranks.get(level, 0) if kind == "heading" else 0)
        for kind, text, level in resolved
    ]


def normalize(
    content: bytes | str,
    *,
    content_type: str | None = None,
    url: str | None = None,
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
    start: Boundary | None = None,
    end: Boundary | None = None,
) -> Document:
    """Decode (if bytes), detect format (HTML, Markdown, text, PDF), extract the policy body,
    canonicalize text.

    Never raises on malformed or empty content (empty `Document` instead); raises ValueError
    only for an invalid CSS selector, which is a configuration error.
    """
    if isinstance(content, bytes) and extract_pdf.is_pdf(content, content_type):
        return _document(extract_pdf.extract(content), None)
    text = decode(content, content_type) if isinstance(content, bytes) else content
    text = text.lstrip("\ufeff")
    title = None
    fmt = sniff_format(text, content_type, url)
    if fmt == "html":
        from . import extract_html  # lxml: only HTML needs it, and a Markdown compare starts faster

        raw, title = extract_html.extract(text, select, remove, start, end, url)
    elif fmt == "markdown":
        raw = extract_markdown.extract(text, url)
    else:
        raw = extract_text.extract(text)
    return _document(raw, title)


def _document(raw: list[tuple[str, str, int]], title: str | None) -> Document:
    cleaned = [(kind, canonical(body), level) for kind, body, level in raw]
    kept = [block for block in cleaned if block[1] and not _CHROME_BLOCK.match(block[1])]
    return Document(blocks=tuple(_resolve_levels(kept)), title=canonical(title or "") or None)
