"""What a crawl did, per site: the counters the spiders and the ingester add up.

Plain data, shared by the crawl in this process (monitor/ops/crawl.py) and the crawl over
Redis (monitor/ops/cluster.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.config import Site
from monitor.errors import Interrupted, StoreWriteError

COUNTERS = (
    "listed",
    "captures_seen",
    "captures_stored",
    "captures_fetched",
    "identical_not_fetched",
    "already_stored",
    "rejected",
    "unavailable",
    "cdx_rows_skipped",
    "redirects",
    "redirects_followed",
    "capture_failures",
    "new_versions",
    "pairs_compared",
    "changes",
    "material_changes",
    "alerts_queued",
    "cdx_requests",
    "not_modified",
    "failures",
)


@dataclass
class SiteSummary:
    slug: str
    counts: dict[str, int] = field(default_factory=dict)
    last_error: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.counts.get("failures"))

    def as_dict(self) -> dict:
        return {"site": self.slug, **self.counts, "last_error": self.last_error}


@dataclass
class CrawlSummary:
    sites: list[SiteSummary]
    stop_reason: str | None = None
    elapsed: float = 0.0
    store_error: str | None = None  # the database refused a write: the command fails with it
    interrupted: int | None = None  # the stop signal received, if any

    @property
    def totals(self) -> dict[str, int]:
        """Each counter summed over the sites."""
        return {c: sum(s.counts.get(c, 0) for s in self.sites) for c in COUNTERS}

    @property
    def failed(self) -> bool:
        return bool(self.stop_reason or self.store_error or self.interrupted) or any(
            s.failed for s in self.sites
        )

    def raise_for_stop(self) -> None:
        """Fail the command when the database refused a write or a signal stopped it."""
        if self.store_error:
            raise StoreWriteError(self.store_error)
        if self.interrupted:
            stored = self.totals["captures_stored"]
            raise Interrupted(self.interrupted, f" ({stored} capture(s) stored)")


def summarise(sites: list[Site], all_stats: list[dict]) -> CrawlSummary:
    """Per-site counters from the stats of every crawler that ran (``monitor/<slug>/<counter>``)."""
    summaries = []
    for site in sites:
        summary = SiteSummary(site.slug, {counter: 0 for counter in COUNTERS})
        for stats in all_stats:
            for counter in COUNTERS:
                summary.counts[counter] += stats.get(f"monitor/{site.slug}/{counter}", 0)
            summary.last_error = stats.get(f"monitor/{site.slug}/last_error") or summary.last_error
        summaries.append(summary)
    stop_reason = next(
        (s["monitor/stop_reason"] for s in all_stats if "monitor/stop_reason" in s), None
    )
    store_error = next(
        (s["monitor/store_error"] for s in all_stats if "monitor/store_error" in s), None
    )
    return CrawlSummary(summaries, stop_reason, store_error=store_error)
