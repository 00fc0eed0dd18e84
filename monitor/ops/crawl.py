"""Run the Scrapy spiders in this process and summarise what they did per site.

Twisted's reactor starts once per process, so one call runs every spider the command needs and
returns when all are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.utils.defer import deferred_from_coro

from monitor.config import Settings, Site
from monitor.logs import setup_logging
from monitor.ops import signals
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

    def stop_gracefully() -> None:
        queue.clear()  # no job starts after a stop signal
        deferred_from_coro(process.stop())

    def stop_now() -> None:
        from twisted.internet import reactor

        with suppress(RuntimeError):  # already stopped
            reactor.crash()  # at once, without waiting for requests in flight

    signals.install_for_loop(stop_gracefully, stop_now)
    start_next()
    with _collector_tuned_for_crawling():
        process.start(install_signal_handlers=False)
    signals.install()  # the loop is gone: what the command does next stops on a signal too
    # a job that never started (stopped by a signal first) has no stats
    started = [c._stats.get_stats() for c in crawlers if getattr(c, "_stats", None) is not None]
    summary = summarise(sites, started)
    summary.interrupted = signals.received()
    return summary


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
