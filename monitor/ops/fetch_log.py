"""Every fetch counts as a fetch: `crawl` and `backfill` record their site runs as `run` does.

`monitor status` (and `run`'s due times) read the last live fetch and the last archive check
from ``site_runs``; before this, only `monitor run` wrote there, so right after a crawl or a
backfill that stored captures, status still said "last fetch never".
"""

from __future__ import annotations

import os
from pathlib import Path

from monitor.ops.summary import CrawlSummary
from monitor.store import Store


def record_fetches(
    db: Path, command: str, summary: CrawlSummary, *, live: bool, archive: bool
) -> None:
    """One run row for the command, one site run per site: ``live`` when it fetched the live
    pages, ``archive`` when it checked the archive. A crawl stopped by a signal or by a
    database that refused a write records nothing, as `monitor run` does: what was stored
    stays, the sites stay due, and the command fails with its own one line."""
    if summary.interrupted or summary.store_error:
        return
    with Store(db) as store:
        run_id = store.start_run(command, os.getpid())
        with store.atomic():
            for site in summary.sites:
                ok = not site.failed and not summary.stop_reason
                store.record_site_run(
                    run_id,
                    site.slug,
                    ok=ok,
                    archive_checked=archive and ok,
                    error=site.last_error or (None if ok else summary.stop_reason),
                    counts=site.counts,
                    live_fetched=live,
                )
        store.finish_run(run_id, ok=not summary.failed)
