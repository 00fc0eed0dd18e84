"""Who is owed an alert about a newly compared version pair, decided inside the ingest transaction.

A pair alerts a subscriber when it has a change at or above the threshold of a tag through which
the subscriber follows the site, once per update: a text that comes back and changes again alerts
again (docs/decisions/0015). The first version of a site is its baseline and forms no pair;
changes marked technical (our own extraction rules changed, not the policy) never alert, and
neither does a pair that was already compared under earlier rules. The outbox rows are written in
the caller's transaction, with the changes, so an alert is never lost between the two. An alert
nobody was sent yet about a pair that a later-arriving capture split in two is replaced by alerts
about the two new pairs, so a backfill with ``--notify`` alerts the final timeline only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diffs import RULES_VERSION
from diffs.materiality import at_least
from monitor.config import THRESHOLDS, Site
from monitor.store import Store, VersionRun

MATCH_ALL_TAG = "all"  # apprise's own meaning: every URL in the configuration


@dataclass(frozen=True)
class Subscriber:
    """An apprise URL as the store may know it: a keyed fingerprint and its tags, no secret."""

    fingerprint: str
    tags: frozenset[str]


@dataclass(frozen=True)
class Subscription:
    """How one subscriber follows one site: the tags that matched and the least change it wants."""

    fingerprint: str
    tags: tuple[str, ...]
    threshold: str


def subscriptions(site: Site, subscribers: Iterable[Subscriber]) -> list[Subscription]:
    """Subscribers reached by the site's notify tags, each with its most inclusive threshold.

    Tag ``all`` reaches every URL of the apprise configuration, as ``apprise --tag all`` does.
    """
    result = []
    for subscriber in subscribers:
        matched = tuple(
            tag for tag in site.notify if tag == MATCH_ALL_TAG or tag in subscriber.tags
        )
        if matched:
            threshold = min((site.threshold(tag) for tag in matched), key=THRESHOLDS.index)
            result.append(Subscription(subscriber.fingerprint, matched, threshold))
    return result


def reaches(changes: Iterable[dict], threshold: str) -> bool:
    """True when a change that is not technical is at or above the threshold."""
    return any(
        not change.get("technical") and at_least(change["materiality"], threshold)
        for change in changes
    )


def updates_to_alert(
    runs: Sequence[VersionRun], capture_id: int, compared: Iterable[tuple[int, int]]
) -> list[tuple[VersionRun, VersionRun]]:
    """The updates a new capture brought: the neighbouring runs where its own run starts, and
    those of every pair compared just now (a backfill's capture can split an older pair).

    An update is a pair of versions at one point of the timeline, so a text that comes back
    (A -> B -> A -> B) is a new update each time, even when the pair was compared before.
    """
    compared = set(compared)
    return [
        (older, newer)
        for older, newer in zip(runs, runs[1:], strict=False)
        if newer.capture_id == capture_id or (older.version_id, newer.version_id) in compared
    ]


def queue_alerts(
    store: Store,
    site: Site,
    updates: Iterable[tuple[VersionRun, VersionRun]],
    subscribers: Iterable[Subscriber],
    config: str | None = None,
) -> int:
    """Write outbox rows for the updates just stored (see `updates_to_alert`); returns how many
    rows are new. Call inside the transaction that stored the comparisons.
    """
    wanted = subscriptions(site, subscribers)
    if not wanted:
        return 0
    _drop_split_pairs(store, site.slug, store.timeline(site.slug))
    queued = 0
    for older, newer in updates:
        from_version, to_version = older.version_id, newer.version_id
        if store.compared_under_other_rules(from_version, to_version, RULES_VERSION):
            continue
        comparison_id = store.comparison_id(from_version, to_version, RULES_VERSION)
        if comparison_id is None:
            continue
        changes = store.comparison_changes(comparison_id)
        deliveries = [
            (s.fingerprint, s.tags, s.threshold) for s in wanted if reaches(changes, s.threshold)
        ]
        if not deliveries:
            continue
        queued += store.queue_alert(
            site=site.slug,
            comparison_id=comparison_id,
            from_capture=older.capture_id,
            to_capture=newer.capture_id,
            deliveries=deliveries,
            config=config,
        )
    return queued


def _drop_split_pairs(store: Store, slug: str, runs) -> None:
    """Unsent alerts about updates that are no longer on the timeline give way to the new ones.

    Captures of a backfill arrive in any order: a pair (A, C) compared early is split into
    (A, B) and (B, C) when B arrives, and those two are alerted instead.
    """
    neighbours = {
        (a.version_id, b.version_id, b.capture_id) for a, b in zip(runs, runs[1:], strict=False)
    }
    for alert_id, from_version, to_version, to_capture in store.unsent_alert_pairs(slug):
        if (from_version, to_version, to_capture) not in neighbours:
            store.drop_alert(alert_id)
