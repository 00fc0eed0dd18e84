"""Fetch each site's policy page as it is now.

Requests are conditional (If-None-Match / If-Modified-Since from the last live capture, handed
in as a ``LiveState``), so an unchanged page costs a 304 and no body.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from capture import Capture, LiveState
from crawler.spiders.base import PolicySpider, utc_stamp
from monitor.config import Site


class LiveSpider(PolicySpider):
    name = "live"

    @staticmethod
    def empty_state() -> LiveState:
        return LiveState()

    def site_requests(self, site: Site, state: LiveState):
        etag, last_modified = state
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        yield Request(
            site.url,
            headers=headers,
            callback=self.parse_page,
            errback=self.fetch_failed,
            cb_kwargs={"slug": site.slug},
            dont_filter=True,
        )

    def parse_page(self, response: Response, slug: str) -> list[Capture]:
        # a list, not a generator: Scrapy parses a generator callback's source on every response
        if response.status == 304:
            self.crawler.stats.inc_value(f"monitor/{slug}/not_modified")
            return [
                Capture(
                    site=slug,
                    source="live",
                    url=response.url,
                    captured_at=utc_stamp(),
                    status=304,
                    body=None,
                )
            ]
        if response.status != 200:
            self.record_failure(slug, f"{response.url}: HTTP {response.status}")
            return []
        capture = Capture(
            site=slug,
            source="live",
            url=response.url,
            captured_at=utc_stamp(),
            status=response.status,
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            headers={
                name.decode("latin-1").lower(): values[-1].decode("latin-1")
                for name, values in response.headers.items()
                if values
            },
        )
        return [capture]


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
