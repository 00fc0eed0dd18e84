"""The Wayback CDX server's answers read into rows, and the URL key it indexes pages by.

The spider asks for ``output=json``; the plain text format (the server's default, and what
recorded answers such as the EDGI ``wayback`` cassettes hold) is read too. Both end a page with a
resume key after an empty row or line when ``showResumeKey=true`` and more rows remain. The key is
opaque (already URL-encoded by the server) and goes back verbatim as ``resumeKey``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from monitor.errors import WaybackRefused

# The fields of the text format when no ``fl`` is given, in the server's order.
DEFAULT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
_TIMESTAMP = re.compile(r"\d{14}")
_DIGEST = re.compile(r"(?:sha1:)?[A-Za-z0-9+/=_-]{16,64}")
_FIRST_CAPTURE_YEAR = 1996  # the Wayback Machine's first crawl
_FUTURE_SLACK = timedelta(days=1)
_BLOCKED = ("AdministrativeAccessControlException", "Blocked Site Error")


@dataclass(frozen=True)
class CdxPage:
    """One answer of the CDX server: its rows (field name -> value) and the next page's key."""

    rows: list[dict[str, str]]
    resume_key: str | None


def surt_key(url: str) -> str:
    """The key the CDX index files a URL under: no scheme, no leading ``www``, host reversed.

    ``http://www.example.com/Privacy`` and ``https://example.com/privacy`` share one key, so one
    query per key finds the captures of every scheme and www variant of a page.
    """
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = re.sub(r"^www\d*\.", "", (parts.hostname or "").rstrip("."))
    if not re.fullmatch(r"[\d.]+", host):
        host = ",".join(reversed(host.split(".")))
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{host}){parts.path or '/'}{'?' + query if query else ''}".lower()


def refusal(status: int, body: str, url: str) -> WaybackRefused | None:
    """The error for an answer that refuses the query, or None for an ordinary answer."""
    if any(marker in body for marker in _BLOCKED):
        return WaybackRefused(
            f"the Wayback Machine will not list {url}: the site is excluded from the archive"
        )
    if status != 200:
        return WaybackRefused(f"CDX query for {url}: HTTP {status}")
    return None


def parse_cdx(body: str, fields: Sequence[str] = DEFAULT_FIELDS) -> CdxPage:
    """Rows of a CDX answer, JSON (header row first) or text (``fields`` in order).

    Raises ValueError for an answer that is neither, or whose rows do not fit the fields.
    """
    if body.lstrip().startswith("["):
        return _parse_json(body)
    return _parse_text(body, tuple(fields))


def _parse_json(body: str) -> CdxPage:
    data = json.loads(body)
    if not isinstance(data, list) or not data:
        return CdxPage([], None)
    header, *rest = data
    resume_key = None
    if len(rest) >= 2 and rest[-2] == [] and len(rest[-1]) == 1:
        resume_key = rest[-1][0]
        rest = rest[:-2]
    return CdxPage([dict(zip(header, row, strict=False)) for row in rest if row], resume_key)


def _parse_text(body: str, fields: tuple[str, ...]) -> CdxPage:
    lines = body.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    resume_key = None
    if len(lines) >= 2 and not lines[-2].strip() and " " not in lines[-1].strip():
        resume_key = lines.pop().strip()
        lines.pop()
    rows = []
    for number, line in enumerate(lines, start=1):
        values = line.split()
        if not values:
            continue
        if len(values) != len(fields):
            raise ValueError(f"CDX line {number} has {len(values)} fields, expected {len(fields)}")
        rows.append(dict(zip(fields, values, strict=True)))
    return CdxPage(rows, resume_key)


def row_problem(row: dict[str, str], now: datetime | None = None) -> str | None:
    """Why a CDX row cannot describe a real capture (a bad timestamp, status or digest), or
    None. Such a row is skipped: stored, a date like 99999999999999 would hide every later
    capture and crash the reports."""
    timestamp = row.get("timestamp", "")
    if not _TIMESTAMP.fullmatch(timestamp):
        return f"impossible timestamp {timestamp[:20]!r}"
    try:
        moment = datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return f"impossible timestamp {timestamp!r}"
    if moment.year < _FIRST_CAPTURE_YEAR:
        return f"timestamp {timestamp} before the archive existed"
    if moment > (now or datetime.now(UTC)) + _FUTURE_SLACK:
        return f"timestamp {timestamp} in the future"
    status = row.get("statuscode", "200")
    if not (status.isdigit() and len(status) == 3 and 100 <= int(status) <= 599):
        return f"impossible status {status[:20]!r}"
    digest = row.get("digest")
    if digest is not None and digest != "-" and not _DIGEST.fullmatch(digest):
        return f"impossible digest {digest[:40]!r}"
    if not row.get("original"):
        return "no original URL"
    return None
