"""Fetch each site's policy page as it is now."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from crawler.items import Capture
from crawler.spiders.base import PolicySpider, utc_stamp


class LiveSpider(PolicySpider):
    name = "live"

    async def start(self):
        for site in self.sites:
            yield Request(
                site.url,
                callback=self.parse_page,
                errback=self.fetch_failed,
                cb_kwargs={"slug": site.slug},
                dont_filter=True,
            )

    def parse_page(self, response: Response, slug: str):
        if response.status != 200:
            self.record_failure(slug, f"{response.url}: HTTP {response.status}")
            return
        yield Capture(
            site=slug,
            source="live",
            url=response.url,
            captured_at=utc_stamp(),
            status=response.status,
            body=response.body,
            content_type=_header(response, b"Content-Type"),
        )


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
