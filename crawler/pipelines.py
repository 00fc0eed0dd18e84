"""The one item pipeline: hand each capture to the application, count what it added."""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.logformatter import LogFormatter
from scrapy.utils.defer import deferred_from_coro

from capture import ArchiveMiss, Capture
from monitor.errors import MonitorError, StoreWriteError
from monitor.ingest.receiver import Receiver


class OneLineDrops(LogFormatter):
    """A dropped capture is logged in one line: Scrapy's default adds the whole item (its page)."""

    def dropped(self, item, exception, response, spider=None) -> dict:
        logged = super().dropped(item, exception, response, spider)
        return {**logged, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}


class StorePipeline:
    def __init__(
        self,
        crawler: Crawler,
        db_path: str,
        apprise_config: str | None = None,
        alert_key_file: str | None = None,
    ):
        self.crawler = crawler
        self.receiver = Receiver(db_path, apprise_config, alert_key_file)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        settings = crawler.settings
        alerting = settings.getbool("MONITOR_NOTIFY") and settings.get("MONITOR_APPRISE_CONFIG")
        return cls(
            crawler,
            settings.get("MONITOR_DB"),
            settings.get("MONITOR_APPRISE_CONFIG") if alerting else None,
            settings.get("MONITOR_ALERT_KEY_FILE"),
        )

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        self.receiver.open(spider.sites)

    def close_spider(self, spider: Spider | None = None) -> None:
        self.receiver.close()

    def process_item(
        self, item: Capture | ArchiveMiss, spider: Spider | None = None
    ) -> Capture | ArchiveMiss:
        stats = self.crawler.stats
        prefix = f"monitor/{item.site}"
        try:
            counters, failure = self.receiver.receive(item)
        except StoreWriteError as exc:
            # The database cannot take writes (full, busy past the timeout, read-only): the
            # capture is not stored, the site fails, and the crawl stops rather than fetch pages
            # it cannot keep. The command fails with this cause; the next run retries.
            stats.inc_value(f"{prefix}/failures")
            stats.set_value(f"{prefix}/last_error", str(exc))
            if self.crawler.engine is not None and not stats.get_value("monitor/store_error"):
                stats.set_value("monitor/store_error", str(exc))
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="store_error"))
            raise DropItem(str(exc), log_level="INFO") from None
        except MonitorError as exc:
            # The transaction rolled back: nothing half-written; the next run tries again.
            stats.inc_value(f"{prefix}/failures")
            stats.set_value(f"{prefix}/last_error", f"{item.url}: {exc}")
            raise DropItem(str(exc)) from None
        for counter, value in counters.items():
            if value:
                stats.inc_value(f"{prefix}/{counter}", value)
        if failure:
            stats.set_value(f"{prefix}/last_error", failure)
        if isinstance(item, Capture):
            item.body = None  # the raw page is stored; do not keep it in memory
        return item
