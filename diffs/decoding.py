"""Bytes to text: servers lie about charsets, so try the declared ones in order, then detect."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096
_DETECT_BYTES = 256 * 1024
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do real pages.
_WHATWG_ALIASES = {"ascii": "cp1252", "latin-1": "cp1252", "iso8859-1": "cp1252"}


def _codec(label: str | bytes | None) -> str | None:
    """Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _from_header(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def _from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_PRESCAN_BYTES])
    if not match:
        return None
    name = _codec(match.group(1) or match.group(2))
    # A page read as ASCII-compatible bytes cannot truthfully declare a UTF-16 meta charset.
    return "utf-8" if name and name.startswith("utf-16") else name


def _detect(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:_DETECT_BYTES]).best()
        return _codec(best.encoding) if best else None
    return "utf-8"


def decode(body: bytes, content_type: str | None = None) -> str:
    """BOM, then HTTP header charset, then <meta charset>/http-equiv, then detection,
    then utf-8 with replacement; never raises."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, "replace")
    for name in (_from_header(content_type), _from_meta(body), _detect(body)):
        if name:
            try:
                return body.decode(name, "replace")
            except (LookupError, UnicodeError):
                continue
    return body.decode("utf-8", "replace")
