"""The Python API scripts use (exported by ``monitor``): open a store, read a site's versions
and the judged changes between them, compare two documents.

Everything returned is a plain value: ``Version`` and ``VersionPair`` here, and the diff's own
``JudgedChange`` (a ``Change`` with its ``Judgement``) for every change, whether read from the
store or just compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diffs import Change, JudgedChange, Judgement
from monitor.config import DEFAULT_WAYBACK_URL
from monitor.dates import period
from monitor.read.history import history as version_dicts
from monitor.read.history import pairs as pair_dicts
from monitor.store import Store


@dataclass(frozen=True)
class Version:
    """One distinct text of a site's policy, where it first appeared on the timeline.

    ``source`` is "live" or "wayback"; ``archive_url`` is where a third party can see it (its
    Wayback capture, or a Save Page Now copy of a live version), None without one.
    """

    version_id: int
    captured_at: str  # ISO 8601 UTC
    last_captured_at: str
    source: str
    url: str
    text_sha256: str
    captures: int
    archive_url: str | None

    @classmethod
    def from_dict(cls, data: dict) -> Version:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class VersionPair:
    """Two neighbouring versions on a site's timeline and the judged changes between them."""

    older: Version
    newer: Version
    changes: list[JudgedChange]


def open_store(path: str | Path) -> Store:
    """Open a policy-monitor database (created and migrated if needed); use it in ``with``."""
    return Store(path)


def versions(
    store: Store,
    slug: str,
    *,
    since: str | None = None,
    until: str | None = None,
    wayback_url: str = DEFAULT_WAYBACK_URL,
) -> list[Version]:
    """A site's versions, oldest first; ``since``/``until`` are dates as the CLI takes them
    ("2014", "2014-05", "2014-05-31"; ``until`` includes its whole period)."""
    start, end = period(since, until)
    return [Version.from_dict(v) for v in version_dicts(store, slug, start, end, wayback_url)]


def history(
    store: Store,
    slug: str,
    *,
    since: str | None = None,
    until: str | None = None,
    wayback_url: str = DEFAULT_WAYBACK_URL,
) -> list[VersionPair]:
    """Each pair of neighbouring versions whose newer side falls in the period, oldest first,
    with its judged changes (as `monitor diff` shows them)."""
    start, end = period(since, until)
    return [
        VersionPair(
            Version.from_dict(pair["from"]),
            Version.from_dict(pair["to"]),
            [judged_change(change) for change in pair["changes"]],
        )
        for pair in pair_dicts(store, slug, start, end, wayback_url=wayback_url)
    ]


def judged_change(data: dict) -> JudgedChange:
    """A change as stored (the JSON of `monitor diff --format json`) as the diff's own types."""
    change = Change(
        op=data["op"],
        before=data["before"],
        after=data["after"],
        section=data["section"],
        before_position=None,
        after_position=None,
        highlights=tuple(tuple(part) for part in data.get("highlights") or ()),
    )
    judgement = Judgement(
        materiality=data["materiality"],
        categories=tuple(data["categories"]),
        score=data["score"],
        reasons=tuple(data["reasons"]),
    )
    return JudgedChange(change, judgement)
