"""Run the Scrapy spiders in this process and summarise what they did per site.

Twisted's reactor starts once per process, so one call runs every spider the command needs and
returns when all are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from scrapy.crawler import AsyncCrawlerProcess

from monitor.config import Settings, Site
from monitor.logs import setup_logging
from monitor.ops.handover import scrapy_settings, spider_states
from monitor.ops.summary import CrawlSummary, summarise
from monitor.store import Store

YOUNG_GENERATION_THRESHOLD = 10_000  # allocations between collections during a crawl


def crawl_here(
    settings: Settings,
    sites: list[Site],
    jobs: list[tuple[str, dict]],
    overrides: dict | None = None,
    *,
    notify: bool = False,
) -> CrawlSummary:
    """The jobs of monitor.ops.jobs.run_spiders, run one after another in this process.

    Each spider is handed its sites' state from the store just before it starts, so a job sees
    what the jobs before it stored.
    """
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
            with Store(settings.db) as store:
                arguments["states"] = spider_states(
                    store, crawler.spidercls.name, arguments["sites"]
                )
            process.crawl(crawler, **arguments).add_done_callback(start_next)

    crawlers = [crawler for crawler, _ in queue]
    start_next()
    with _collector_tuned_for_crawling():
        process.start()
    return summarise(sites, [crawler.stats.get_stats() for crawler in crawlers])


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
