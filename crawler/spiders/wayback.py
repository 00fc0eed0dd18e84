"""Fetch a site's archived history from the Wayback Machine: CDX index first, then raw captures.

Each distinct body is fetched once: rows of the CDX index whose digest is already stored, or
already being fetched in this run, become captures without a download. Rows already stored are
skipped, so a re-run (or a run after a crash) only fetches what is new.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from urllib.parse import urlencode

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.items import Capture
from crawler.spiders.base import PolicySpider
from monitor.config import Site
from monitor.store import Store

CDX_FIELDS = "timestamp,original,statuscode,digest,mimetype"
CDX_PAGE_SIZE = 1000
CDX_SLOT = "wayback-cdx"
CAPTURE_SLOT = "wayback-capture"
ID_URL = re.compile(r"/web/(\d{14})id_/")


def wayback_stamp(timestamp: str) -> str:
    """20140401002136 -> 2014-04-01T00:21:36Z"""
    t = timestamp.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def parse_cdx_json(text: str) -> tuple[list[dict[str, str]], str | None]:
    """Rows of an ``output=json`` CDX answer as dicts, and the resume key if there is one."""
    data = json.loads(text) if text.strip() else []
    if not data:
        return [], None
    header, *rest = data
    resume_key = None
    if len(rest) >= 2 and rest[-2] == [] and len(rest[-1]) == 1:
        resume_key = rest[-1][0]
        rest = rest[:-2]
    rows = [dict(zip(header, row, strict=False)) for row in rest if row]
    return rows, resume_key


class WaybackSpider(PolicySpider):
    name = "wayback"

    def __init__(self, *args, since: str | None = None, until: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.since = since or None
        self.until = until or None
        self.known: dict[str, set[tuple[str, str]]] = {}
        self.stored_digests: dict[str, set[str]] = {}
        self.waiting: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, **kwargs) -> WaybackSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.wayback_url = crawler.settings.get("MONITOR_WAYBACK_URL").rstrip("/")
        cdx_delay = 60.0 / crawler.settings.getfloat("MONITOR_CDX_PER_MINUTE")
        capture_delay = 1.0 / crawler.settings.getfloat("MONITOR_CAPTURES_PER_SECOND")
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        slots.setdefault(CDX_SLOT, {"concurrency": 1, "delay": cdx_delay, "jitter": 0})
        slots.setdefault(CAPTURE_SLOT, {"concurrency": 2, "delay": capture_delay, "jitter": 0})
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        crawler.settings.set("AUTOTHROTTLE_ENABLED", False, priority="spider")
        return spider

    @staticmethod
    def load_state(store: Store, site: Site) -> tuple[set[tuple[str, str]], set[str]]:
        return store.wayback_seen(site.slug)

    def site_requests(self, site: Site, state: tuple[set[tuple[str, str]], set[str]]):
        self.known[site.slug], self.stored_digests[site.slug] = state
        for url in site.all_urls:
            yield self.cdx_request(site.slug, url)

    def cdx_request(self, slug: str, url: str, resume_key: str | None = None) -> Request:
        params = {
            "url": url,
            "output": "json",
            "fl": CDX_FIELDS,
            "filter": "statuscode:200",
            "collapse": "digest",
            "showResumeKey": "true",
            "limit": str(CDX_PAGE_SIZE),
        }
        if self.since:
            params["from"] = self.since
        if self.until:
            params["to"] = self.until
        if resume_key:
            params["resumeKey"] = resume_key
        return Request(
            f"{self.wayback_url}/cdx/search/cdx?{urlencode(params)}",
            callback=self.parse_cdx,
            errback=self.fetch_failed,
            cb_kwargs={"slug": slug, "url": url},
            meta={"download_slot": CDX_SLOT},
            dont_filter=True,
        )

    def parse_cdx(self, response: Response, slug: str, url: str):
        self.crawler.stats.inc_value(f"monitor/{slug}/cdx_requests")
        if response.status != 200:
            self.record_failure(slug, f"CDX query for {url}: HTTP {response.status}")
            return
        try:
            rows, resume_key = parse_cdx_json(response.text)
        except (ValueError, AttributeError):
            self.record_failure(slug, f"CDX query for {url}: answer is not CDX JSON")
            return
        for row in rows:
            yield from self.consider(slug, row)
        if resume_key:
            yield self.cdx_request(slug, url, resume_key)

    def consider(self, slug: str, row: dict[str, str]):
        """Skip what is stored, reuse known bodies, fetch each new digest once."""
        timestamp, original, digest = row["timestamp"], row["original"], row.get("digest")
        captured_at = wayback_stamp(timestamp)
        if (original, captured_at) in self.known[slug]:
            self.crawler.stats.inc_value(f"monitor/{slug}/already_stored")
            return
        self.known[slug].add((original, captured_at))
        if digest and digest in self.stored_digests[slug]:
            self.crawler.stats.inc_value(f"monitor/{slug}/identical_not_fetched")
            yield self.bodiless_capture(slug, row)
            return
        waiting = self.waiting.get((slug, digest)) if digest else None
        if waiting is not None:
            self.crawler.stats.inc_value(f"monitor/{slug}/identical_not_fetched")
            waiting.append(row)
            return
        if digest:
            self.waiting[(slug, digest)] = []
        yield Request(
            f"{self.wayback_url}/web/{timestamp}id_/{original}",
            callback=self.parse_capture,
            errback=self.fetch_failed,
            cb_kwargs={"slug": slug, "row": row},
            meta={"download_slot": CAPTURE_SLOT},
            dont_filter=True,
        )

    def parse_capture(self, response: Response, slug: str, row: dict[str, str]):
        digest = row.get("digest")
        twins = self.waiting.pop((slug, digest), []) if digest else []
        if response.status != 200:
            self.record_failure(slug, f"{response.url}: HTTP {response.status}")
            return
        self.crawler.stats.inc_value(f"monitor/{slug}/captures_fetched")
        served = ID_URL.search(response.url)
        timestamp = served.group(1) if served else row["timestamp"]
        content_type = response.headers.get(b"Content-Type")
        yield Capture(
            site=slug,
            source="wayback",
            url=row["original"],
            captured_at=wayback_stamp(timestamp),
            status=response.status,
            body=response.body,
            digest=digest,
            content_type=content_type.decode("latin-1") if content_type else row.get("mimetype"),
        )
        if digest:
            self.stored_digests[slug].add(digest)
        for twin in twins:
            yield self.bodiless_capture(slug, twin)

    def bodiless_capture(self, slug: str, row: dict[str, str]) -> Capture:
        return Capture(
            site=slug,
            source="wayback",
            url=row["original"],
            captured_at=wayback_stamp(row["timestamp"]),
            status=int(row.get("statuscode") or 200),
            body=None,
            digest=row.get("digest"),
            content_type=row.get("mimetype"),
        )
