"""Read side: a site's versions in time order and the changes between neighbours."""

from __future__ import annotations

from collections.abc import Callable

from diffs import RULES_VERSION
from monitor.ingest import as_clauses, judged_changes
from monitor.store import Store


def history(
    store: Store, slug: str, since: str | None = None, until: str | None = None
) -> list[dict]:
    """Versions of the policy, oldest first, each where its text first appeared."""
    return [
        run.as_dict()
        for run in store.timeline(slug)
        if (since is None or run.captured_at >= since)
        and (until is None or run.captured_at <= until)
    ]


def pairs(
    store: Store,
    slug: str,
    since: str | None = None,
    until: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[dict]:
    """Each pair of neighbouring versions whose newer side falls in [since, until], with changes.

    Pairs compared under other rules (before an upgrade) are diffed again on the fly, which is
    slow on a long history: ``on_progress(number, total)`` is called as each pair is reached.
    """
    runs = store.timeline(slug)
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
            changes = judged_changes(
                as_clauses(store.clauses(older.version_id)),
                as_clauses(store.clauses(newer.version_id)),
            )
        result.append({"from": older.as_dict(), "to": newer.as_dict(), "changes": changes})
    return result
