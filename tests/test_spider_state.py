"""Spiders are handed their state (decision 14): what they ask for follows it, with no store."""

from __future__ import annotations

import asyncio

from scrapy.crawler import Crawler
from scrapy.settings import Settings as ScrapySettings

from capture import Capture, LiveState, WaybackState
from crawler.spiders.live import LiveSpider
from crawler.spiders.wayback import WaybackSpider
from monitor.config import Site
from monitor.ingest import ingest
from monitor.ops.handover import spider_states
from monitor.store import Store

SITE = Site(slug="clinic", name="Clinic", url="https://clinic.example/privacy")
SETTINGS = {
    "MONITOR_DB": "/nonexistent/never-opened.db",  # a spider that opened it would fail
    "MONITOR_WAYBACK_URL": "http://127.0.0.1:9",
    "MONITOR_CDX_PAGE_SIZE": 100,
    "MONITOR_CDX_PER_MINUTE": 60,
    "MONITOR_CAPTURES_PER_SECOND": 1,
}


def first_requests(spider_cls, **arguments):
    crawler = Crawler(spider_cls, ScrapySettings(SETTINGS))
    spider = spider_cls.from_crawler(crawler, sites=[SITE], **arguments)

    async def collect():
        return [request async for request in spider.start()]

    return spider, asyncio.run(collect())


def test_the_live_spider_asks_conditionally_with_the_validators_it_is_handed():
    state = LiveState('"v1"', "Tue, 01 Mar 2022 00:00:00 GMT")
    _, [request] = first_requests(LiveSpider, states={"clinic": state})
    assert request.headers.get(b"If-None-Match") == b'"v1"'
    assert request.headers.get(b"If-Modified-Since") == b"Tue, 01 Mar 2022 00:00:00 GMT"


def test_a_spider_handed_no_state_fetches_unconditionally():
    _, [request] = first_requests(LiveSpider)
    assert b"If-None-Match" not in request.headers


def test_the_wayback_spider_keeps_the_history_it_is_handed():
    state = WaybackState({("https://clinic.example/privacy", "2020-01-01T00:00:00Z")}, {"D1"})
    spider, requests = first_requests(WaybackSpider, states={"clinic": state})
    assert [r.cb_kwargs["url"] for r in requests] == ["https://clinic.example/privacy"]
    assert spider.known["clinic"] == state.known and spider.stored_digests["clinic"] == {"D1"}


def test_the_crawl_reads_each_sites_state_from_the_store(tmp_path):
    page = b"<html><body><main><h1>Privacy</h1><p>We keep your records for three years.</p>"
    live = Capture(
        site="clinic",
        source="live",
        url=SITE.url,
        captured_at="2024-01-01T00:00:00Z",
        status=200,
        body=page,
        content_type="text/html",
        headers={"etag": '"v1"', "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
    )
    archived = Capture(
        site="clinic",
        source="wayback",
        url=SITE.url,
        captured_at="2020-01-01T00:00:00Z",
        status=200,
        body=page,
        digest="D1",
        content_type="text/html",
    )
    with Store(tmp_path / "state.db") as store:
        store.sync_sites([SITE])
        for capture in (live, archived):
            ingest(store, SITE, capture)
        assert spider_states(store, "live", [SITE]) == {
            "clinic": LiveState('"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
        }
        assert spider_states(store, "wayback", [SITE]) == {
            "clinic": WaybackState({(SITE.url, "2020-01-01T00:00:00Z")}, {"D1"})
        }
