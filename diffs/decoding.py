"""Bytes to text: servers lie about charsets, so try the declared ones in order, then detect."""

from __future__ import annotations

import codecs
import re

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
        import charset_normalizer  # only bytes that are not UTF-8 need it; slow to import

        best = charset_normalizer.from_bytes(body[:_DETECT_BYTES]).best()
        return _codec(best.encoding) if best else None
    return "utf-8"


def decode(body: bytes, content_type: str | None = None) -> str:
    """BOM, then the declared charsets (HTTP header, then <meta charset>/http-equiv) when they
    read the bytes plausibly, then detection, then utf-8 with replacement; never raises.

    Servers lie: a header saying utf-16 on a UTF-8 page turned a policy into CJK garbage. A
    declared charset that fails on the bytes, or that the bytes contradict (no NUL byte in
    "UTF-16"; valid multi-byte UTF-8 in a single-byte charset), loses to the bytes' evidence.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, "replace")
    declared = [name for name in (_from_header(content_type), _from_meta(body)) if name]
    for name in declared:
        text = _plausible(body, name)
        if text is not None:
            return text
    for name in (_detect(body), *declared):
        if name:
            try:
                return body.decode(name, "replace")
            except (LookupError, UnicodeError):
                continue
    return body.decode("utf-8", "replace")


def _plausible(body: bytes, name: str) -> str | None:
    """The body read as ``name`` when the bytes agree with that charset, else None."""
    if name.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:_PRESCAN_BYTES]:
        return None  # markup in UTF-16/32 has a NUL byte in every ASCII character
    if not name.startswith("utf") and not body.isascii() and _is_utf8(body):
        return None  # multi-byte UTF-8 sequences do not happen by chance in legacy charsets
    try:
        return body.decode(name)
    except (LookupError, UnicodeError):
        return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
