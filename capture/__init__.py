"""What crosses between the crawler and the application, importable by both.

The spiders yield ``Capture`` items that the application ingests, and are handed what they need
to know of the store (``LiveState``, ``WaybackState``) by the command that starts the crawl: this
module holds those plain types and the identity both sides show the web, with no Scrapy and no
store import (see docs/decisions/0014-spiders-are-handed-their-state.md).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple

USER_AGENT = (
    "policy-monitor/0.1 (privacy-policy change monitor; "
    "+https://github.com/policy-monitor/policy-monitor)"
)


def sha1_base32(body: bytes) -> str:
    """The digest the Wayback Machine's CDX index uses: base32 of the SHA-1 of the body."""
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass
class Capture:
    """A policy page as fetched, live or from the Wayback Machine.

    ``body`` is None when the CDX index says this capture's digest is one whose body is already
    stored: the capture is recorded on the timeline without fetching the same bytes again; and
    for a live page that answered 304 Not Modified to a conditional request.
    ``location`` is the target of an archived redirect (3xx), as an original URL.
    ``not_rendered`` is set when the page is an app shell the browser could not render: the
    capture is kept with that reason and never becomes a version.
    """

    site: str
    source: str  # "live" | "wayback"
    url: str
    captured_at: str  # ISO 8601 UTC, e.g. 2014-04-01T00:21:36Z
    status: int
    body: bytes | None
    digest: str | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    location: str | None = None
    fetched_with: str = "http"  # "browser": the DOM Chromium rendered (crawler/rendering.py)
    not_rendered: str | None = None  # why an app shell could not be rendered, if it could not


class LiveState(NamedTuple):
    """The validators of a site's last live capture, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None


class WaybackState(NamedTuple):
    """What a site's archived history already holds, so nothing stored is fetched again.

    ``known`` is the (URL, capture time) pairs recorded; ``digests`` the CDX digests whose bodies
    are stored; ``attempts`` the failed attempts at captures not yet recorded.
    """

    known: set[tuple[str, str]]
    digests: set[str]
    # (URL, capture time) -> runs that could not fetch it (timeouts, 5xx); read, never changed
    attempts: dict[tuple[str, str], int] = {}  # noqa: RUF012


@dataclass
class ArchiveMiss:
    """A Wayback capture the archive could not serve.

    ``final`` for an answer that will not change (403, 404, 410: recorded as unavailable and
    never fetched again); otherwise one failed attempt (timeout, 5xx after the run's retries),
    tried again by later runs until the wayback spider's MAX_ARCHIVE_ATTEMPTS.
    """

    site: str
    url: str
    captured_at: str
    status: int  # 0 when nothing answered
    reason: str
    final: bool
    digest: str | None = None


def wayback_stamp(timestamp: str) -> str:
    """20140401002136 -> 2014-04-01T00:21:36Z"""
    t = timestamp.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
