"""A progress bar for backfills on a terminal, fed by the crawl's own stats.

A backfill of a ten-year history at the Wayback Machine's pace takes minutes; people should see
it move. The spider and the pipeline already count everything in Scrapy's stats
(``monitor/<site>/<counter>``), so this extension only adds them up across sites and draws them
with rich on stderr. It stays silent when stderr is not a terminal (scripts, cron, CI).
"""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

# What the bar shows, in order: label -> the per-site counter it sums.
SHOWN = (
    ("listed", "listed"),
    ("fetched", "captures_fetched"),
    ("identical", "identical_not_fetched"),
    ("rejected", "rejected"),
    ("new versions", "new_versions"),
)
# A listed capture is done when it is stored already, recorded as identical, fetched, or failed.
DONE = ("already_stored", "identical_not_fetched", "captures_fetched", "capture_failures")
REFRESH_SECONDS = 0.2


def totals(stats: dict, counters: tuple[str, ...]) -> dict[str, int]:
    """Each counter summed over every site (``monitor/<site>/<counter>``)."""
    result = dict.fromkeys(counters, 0)
    for key, value in stats.items():
        counter = key.rsplit("/", 1)[-1]
        if counter in result and key.startswith("monitor/") and isinstance(value, int):
            result[counter] += value
    return result


class ProgressExtension:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.progress: Progress | None = None
        self.task = None
        self.last_update = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        if not crawler.settings.getbool("MONITOR_PROGRESS", True) or not sys.stderr.isatty():
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        for signal in (signals.item_scraped, signals.item_dropped, signals.response_received):
            crawler.signals.connect(extension.update, signal=signal)
        return extension

    def opened(self, spider: Spider) -> None:
        if spider.name != "wayback":
            return
        columns = [TextColumn("[bold]backfill"), BarColumn()]
        columns += [TextColumn(f"{label} {{task.fields[{label}]}}") for label, _ in SHOWN]
        columns.append(TimeElapsedColumn())
        self.progress = Progress(*columns, console=Console(stderr=True), transient=False)
        self.task = self.progress.add_task(
            "backfill", total=None, **{label: 0 for label, _ in SHOWN}
        )
        self.progress.start()

    def update(self, *args, force: bool = False, **kwargs) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if not force and now - self.last_update < REFRESH_SECONDS:
            return
        self.last_update = now
        counts = totals(self.crawler.stats.get_stats(), tuple({c for _, c in SHOWN} | set(DONE)))
        listed = counts["listed"]
        self.progress.update(
            self.task,
            total=listed or None,
            completed=min(sum(counts[c] for c in DONE), listed),
            **{label: counts[counter] for label, counter in SHOWN},
        )

    def closed(self, spider: Spider) -> None:
        if self.progress is None:
            return
        self.update(force=True)
        self.progress.stop()
        self.progress = None
