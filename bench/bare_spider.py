"""The floor for bench/run_1000.py: the same fetches by a Scrapy spider that stores nothing.

Run with `scrapy runspider bench/bare_spider.py -a urls=FILE` from the repository root, so it
uses the project's settings (same concurrency and delays) without our pipeline.
"""

from pathlib import Path

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {"ITEM_PIPELINES": {}, "DOWNLOADER_MIDDLEWARES": {}}

    def __init__(self, urls: str, **kwargs):
        super().__init__(**kwargs)
        self.url_list = Path(urls).read_text().split()

    async def start(self):
        for url in self.url_list:
            yield scrapy.Request(url, dont_filter=True)

    def parse(self, response):
        return None
