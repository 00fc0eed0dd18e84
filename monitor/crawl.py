"""Run the Scrapy spiders in this process and summarise what they did per site.

Twisted's reactor starts once per process, so one call runs every spider the command needs and
returns when all are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from monitor.config import Settings, Site, alert_key_path
from monitor.logs import setup_logging

YOUNG_GENERATION_THRESHOLD = 10_000  # allocations between collections during a crawl

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

    @property
    def totals(self) -> dict[str, int]:
        """Each counter summed over the sites."""
        return {c: sum(s.counts.get(c, 0) for s in self.sites) for c in COUNTERS}

    @property
    def failed(self) -> bool:
        return bool(self.stop_reason) or any(s.failed for s in self.sites)


def scrapy_settings(settings: Settings, overrides: dict | None = None) -> ScrapySettings:
    result = ScrapySettings()
    result.setmodule("crawler.settings", priority="project")
    result.set("MONITOR_DB", str(settings.db), priority="cmdline")
    result.set("MONITOR_SITES", str(settings.sites), priority="cmdline")
    result.set("MONITOR_WAYBACK_URL", settings.wayback_url, priority="cmdline")
    # Our own handler (monitor.logs) formats and redacts every log line, Scrapy's included.
    result.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if settings.apprise_config is not None:
        result.set("MONITOR_APPRISE_CONFIG", str(settings.apprise_config), priority="cmdline")
        result.set("MONITOR_ALERT_KEY_FILE", str(alert_key_path(settings)), priority="cmdline")
    for key, value in (overrides or {}).items():
        result.set(key, value, priority="cmdline")
    return result


def run_spiders(
    settings: Settings,
    sites: list[Site],
    jobs: list[tuple[str, dict]],
    overrides: dict | None = None,
    *,
    notify: bool = False,
) -> CrawlSummary:
    """Run the (spider name, arguments) jobs over ``sites`` one after another; per-site counts.

    A job's arguments may name its own ``sites`` (a subset) and its own ``notify``. With
    ``notify`` (and an apprise config in ``settings``), alerts about new version pairs are queued
    as the changes are stored. Jobs run in turn so that a silent history import finishes before
    an alerting crawl compares the newest pair. With ``settings.redis_url`` the jobs are
    fetched by `monitor worker` processes instead (monitor/cluster.py), with the same summary.
    """
    if settings.redis_url:
        from monitor.cluster import run_jobs  # redis and scrapy-redis: only when distributed

        return run_jobs(settings, sites, jobs, overrides, notify=notify)
    process = AsyncCrawlerProcess(scrapy_settings(settings, overrides))
    setup_logging(process.settings.get("LOG_LEVEL"), process.settings.get("MONITOR_LOG_FORMAT"))
    queue = []
    for name, kwargs in jobs:
        arguments = {"sites": sites, **kwargs}
        crawler = process.create_crawler(name)
        crawler.settings.set("MONITOR_NOTIFY", arguments.pop("notify", notify), priority="cmdline")
        queue.append((crawler, arguments))

    def start_next(_finished=None) -> None:
        if queue:
            crawler, arguments = queue.pop(0)
            process.crawl(crawler, **arguments).add_done_callback(start_next)

    crawlers = [crawler for crawler, _ in queue]
    start_next()
    with _collector_tuned_for_crawling():
        process.start()
    return _summarise(sites, [crawler.stats.get_stats() for crawler in crawlers])


@contextmanager
def _collector_tuned_for_crawling() -> Iterator[None]:
    """Less garbage-collector work while the reactor runs (bench/run_1000.py: ~10% of a run).

    A crawl allocates many short-lived objects (requests, Deferreds, clause lists) on top of a
    large heap that lives as long as the process (Scrapy, Twisted, the sites). Freezing that
    heap keeps full collections from walking it again and again, and collecting the youngest
    generation every 10,000 allocations instead of every 700 stops short-lived objects from
    being promoted, and walked, by the older generations' collections.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _summarise(sites: list[Site], all_stats: list[dict]) -> CrawlSummary:
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
    return CrawlSummary(summaries, stop_reason)
