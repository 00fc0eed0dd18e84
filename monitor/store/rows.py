"""The plain values the store returns: no SQL, no database handle."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredCapture:
    """What the store did with one capture."""

    capture_id: int
    is_new: bool
    version_id: int | None
    new_version: bool
    rejected_reason: str | None


@dataclass(frozen=True)
class VersionRun:
    """A stretch of the timeline where the policy text stayed the same."""

    version_id: int
    text_sha256: str
    capture_id: int
    captured_at: str
    source: str
    url: str
    last_captured_at: str
    capture_count: int

    def as_dict(self) -> dict:
        return {
            "version_id": self.version_id,
            "captured_at": self.captured_at,
            "source": self.source,
            "url": self.url,
            "text_sha256": self.text_sha256,
            "last_captured_at": self.last_captured_at,
            "captures": self.capture_count,
        }


@dataclass(frozen=True)
class StoredBody:
    """A capture whose raw body is kept, as `monitor reprocess` re-reads it."""

    capture_id: int
    status: int
    url: str
    content_type: str | None
    body_sha1: str
    version_id: int | None
    rejected_reason: str | None


@dataclass(frozen=True)
class Delivery:
    """One outbox row: a change set owed to one subscriber."""

    id: int
    alert_id: int
    site: str
    subscriber: str
    tags: tuple[str, ...]
    threshold: str
    attempts: int
    next_try: str
    last_error: str | None
    queued_at: str


@dataclass(frozen=True)
class AlertCapture:
    """One side of an alerted pair: where and when that version was captured."""

    captured_at: str
    source: str
    url: str


@dataclass(frozen=True)
class AlertEvidence:
    """Everything a message about one change set needs, read back from the store."""

    site: str
    site_name: str
    site_url: str
    older: AlertCapture
    newer: AlertCapture
    changes: list[dict]


@dataclass(frozen=True)
class ClauseRow:
    position: int
    kind: str
    section: str | None
    text: str
