"""The one item pipeline: hand each capture to the store, count what it added."""

from __future__ import annotations

from pathlib import Path

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ArchiveMiss, Capture
from monitor.alerts import Subscriber
from monitor.errors import MonitorError
from monitor.ingest import ingest
from monitor.store import Store


class StorePipeline:
    def __init__(
        self,
        crawler: Crawler,
        db_path: str,
        apprise_config: str | None = None,
        alert_key_file: str | None = None,
    ):
        self.crawler = crawler
        self.db_path = db_path
        self.apprise_config = apprise_config
        self.alert_key_file = alert_key_file
        self.store: Store | None = None
        self.subscribers: list[Subscriber] | None = None

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
        self.store = Store(self.db_path)
        spider = spider or self.crawler.spider
        self.sites = {site.slug: site for site in spider.sites}
        self.store.sync_sites(self.sites.values())
        if self.apprise_config:
            from monitor.notify import alert_key, load_channels  # apprise: only when alerting

            key = alert_key(Path(self.alert_key_file))
            channels = load_channels(Path(self.apprise_config), key)
            self.subscribers = [channel.subscriber for channel in channels]

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(
        self, item: Capture | ArchiveMiss, spider: Spider | None = None
    ) -> Capture | ArchiveMiss:
        stats = self.crawler.stats
        prefix = f"monitor/{item.site}"
        try:
            result = ingest(
                self.store, self.sites[item.site], item, self.subscribers, self.apprise_config
            )
        except MonitorError as exc:
            # The transaction rolled back: nothing half-written; the next run tries again.
            stats.inc_value(f"{prefix}/failures")
            stats.set_value(f"{prefix}/last_error", f"{item.url}: {exc}")
            raise DropItem(str(exc)) from None
        for counter, value in result.counters().items():
            if value:
                stats.inc_value(f"{prefix}/{counter}", value)
        if failure := result.failure(item.url):
            stats.set_value(f"{prefix}/last_error", failure)
        if isinstance(item, Capture):
            item.body = None  # the raw page is stored; do not keep it in memory
        return item
