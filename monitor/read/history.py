"""Read side: a site's versions in time order and the changes between neighbours."""

from __future__ import annotations

from collections.abc import Callable

from diffs import RULES_VERSION
from monitor.config import DEFAULT_WAYBACK_URL
from monitor.read.evidence import memento_url
from monitor.store import Store, VersionRun


def history(
    store: Store,
    slug: str,
    since: str | None = None,
    until: str | None = None,
    wayback_url: str = DEFAULT_WAYBACK_URL,
) -> list[dict]:
    """Versions of the policy, oldest first, each where its text first appeared."""
    runs = store.timeline(slug)
    links = archive_links(store, slug, runs, wayback_url)
    return [
        {**run.as_dict(), "archive_url": links[number]}
        for number, run in enumerate(runs)
        if (since is None or run.captured_at >= since)
        and (until is None or run.captured_at <= until)
    ]


def archive_links(
    store: Store, slug: str, runs: list[VersionRun], wayback_url: str
) -> list[str | None]:
    """Where a third party can see each version: its Wayback capture, or for a version seen on
    the live site, a Save Page Now copy made while it was the live text (None without one)."""
    saves = store.archive_saves(slug)
    links: list[str | None] = []
    for number, run in enumerate(runs):
        if run.source == "wayback":
            links.append(memento_url(wayback_url, run.captured_at, run.url))
            continue
        until = runs[number + 1].captured_at if number + 1 < len(runs) else None
        links.append(
            next(
                (
                    archive_url
                    for saved_at, archive_url in saves
                    if saved_at >= run.captured_at and (until is None or saved_at < until)
                ),
                None,
            )
        )
    return links


def pairs(
    store: Store,
    slug: str,
    since: str | None = None,
    until: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    wayback_url: str = DEFAULT_WAYBACK_URL,
) -> list[dict]:
    """Each pair of neighbouring versions whose newer side falls in [since, until], with changes.

    Pairs compared under other rules (before an upgrade) are diffed again on the fly, which is
    slow on a long history: ``on_progress(number, total)`` is called as each pair is reached.
    """
    runs = store.timeline(slug)
    links = archive_links(store, slug, runs, wayback_url)
    result = []
    for done, (older, newer) in enumerate(zip(runs, runs[1:], strict=False), start=1):
        if on_progress is not None:
            on_progress(done, len(runs) - 1)
        if since is not None and newer.captured_at < since:
            continue
        if until is not None and newer.captured_at > until:
            continue
        changes = store.changes(older.version_id, newer.version_id, RULES_VERSION)
        if changes is None:
            # the diff engine (lxml, pypdf, ftfy, lexicons): only for pairs to diff again
            from monitor.comparison import as_clauses, judged_changes

            changes = judged_changes(
                as_clauses(store.clauses(older.version_id)),
                as_clauses(store.clauses(newer.version_id)),
            )
        result.append(
            {
                "from": {**older.as_dict(), "archive_url": links[done - 1]},
                "to": {**newer.as_dict(), "archive_url": links[done]},
                "changes": changes,
            }
        )
    return result
