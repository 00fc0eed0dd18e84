"""Items the spiders yield: one fetched (or recognised) capture of a policy page."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field


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
