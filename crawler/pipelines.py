"""The one item pipeline: hand each capture to the store, count what it added."""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Capture
from monitor.errors import MonitorError
from monitor.ingest import ingest
from monitor.store import Store


class StorePipeline:
    def __init__(self, crawler: Crawler, db_path: str):
        self.crawler = crawler
        self.db_path = db_path
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, crawler.settings.get("MONITOR_DB"))

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = Store(self.db_path)
        spider = spider or self.crawler.spider
        self.sites = {site.slug: site for site in spider.sites}
        self.store.sync_sites(self.sites.values())

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(self, item: Capture, spider: Spider | None = None) -> Capture:
        stats = self.crawler.stats
        prefix = f"monitor/{item.site}"
        try:
            result = ingest(self.store, self.sites[item.site], item)
        except MonitorError as exc:
            # The transaction rolled back: nothing half-written; the next run tries again.
            stats.inc_value(f"{prefix}/failures")
            stats.set_value(f"{prefix}/last_error", f"{item.url}: {exc}")
            raise DropItem(str(exc)) from None
        stats.inc_value(f"{prefix}/captures_seen")
        if result.stored:
            stats.inc_value(f"{prefix}/captures_stored")
        if result.rejected_reason:
            stats.inc_value(f"{prefix}/rejected")
        if result.new_version:
            stats.inc_value(f"{prefix}/new_versions")
        for *_, changes, material in result.comparisons:
            stats.inc_value(f"{prefix}/pairs_compared")
            stats.inc_value(f"{prefix}/changes", changes)
            stats.inc_value(f"{prefix}/material_changes", material)
        item.body = None  # the raw page is stored; do not keep it in memory
        return item
