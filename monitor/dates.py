"""Dates as people type them on the command line: a year, a year-month or a day."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime

from monitor.errors import InputError

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bound(text: str, *, end: bool = False) -> str:
    """The first (or, with ``end``, last) second of a period as ISO 8601 UTC.

    ``2014`` -> ``2014-01-01T00:00:00Z``; with end, ``2014-02`` -> ``2014-02-28T23:59:59Z``.
    """
    match = DATE.match(text.strip())
    if not match:
        raise InputError(
            f"bad date {text!r}: use a year (2014), a month (2014-05) or a day (2014-05-31)"
        )
    year = int(match.group(1))
    month = int(match.group(2) or (12 if end else 1))
    if not 1 <= month <= 12:
        raise InputError(f"bad date {text!r}: month must be 01..12")
    last_day = calendar.monthrange(year, month)[1]
    day = int(match.group(3) or (last_day if end else 1))
    if not 1 <= day <= last_day:
        raise InputError(f"bad date {text!r}: day out of range for that month")
    clock = "23:59:59" if end else "00:00:00"
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}Z"


def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until as ISO bounds (the whole of --until's period included); an inverted
    range is bad input, not a quiet empty answer."""
    start = date_bound(since) if since else None
    end = date_bound(until, end=True) if until else None
    if start and end and start > end:
        raise InputError(f"--since {since} is after --until {until}")
    return start, end


def wayback_prefix(text: str) -> str:
    """The CDX ``from``/``to`` form of a date: 2014-05 -> 201405 (validated first)."""
    date_bound(text)
    return text.strip().replace("-", "")


def utc_now() -> str:
    """Now, as the store writes every timestamp: ISO 8601 UTC to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
