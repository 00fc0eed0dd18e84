"""Downloader middleware for HTTP 429: pause the whole host, then try again.

Scrapy's retry middleware would retry a 429 at once and ignore Retry-After; the Wayback Machine
answers 429 often without Retry-After and firewalls an IP that keeps going. So on a 429 every
request to that download slot waits (Retry-After if given, else a pause that doubles on each
repeat), and after too many 429s the spider stops with a clear reason rather than risk a ban.
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class TooManyRequestsMiddleware:
    def __init__(self, crawler: Crawler, pause: float, max_429: int):
        self.crawler = crawler
        self.pause = pause
        self.max_429 = max_429
        self.count = 0
        self.streak: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TooManyRequestsMiddleware:
        return cls(
            crawler,
            crawler.settings.getfloat("MONITOR_429_PAUSE"),
            crawler.settings.getint("MONITOR_MAX_429"),
        )

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        slot_key = request.meta.get("download_slot") or ""
        if response.status != 429:
            self.streak.pop(slot_key, None)
            return response
        self.count += 1
        self.crawler.stats.inc_value("monitor/http_429")
        if self.count > self.max_429:
            reason = f"stopped after {self.count} HTTP 429 answers (rate limited by {slot_key})"
            self.crawler.stats.set_value("monitor/stop_reason", reason)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="rate_limited"))
            raise IgnoreRequest(reason)
        streak = self.streak.get(slot_key, 0)
        self.streak[slot_key] = streak + 1
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            wait = self.pause * (2**streak)
        self._pause_slot(slot_key, wait)
        logger.warning("HTTP 429 from %s: pausing that host for %.1f s", slot_key, wait)
        retry = request.replace(dont_filter=True)
        retry.meta["monitor_429_retries"] = request.meta.get("monitor_429_retries", 0) + 1
        return retry

    def _pause_slot(self, slot_key: str, seconds: float) -> None:
        """Hold every queued request of the slot: its next download may start only later."""
        slot = self.crawler.engine.downloader.slots.get(slot_key)
        if slot is not None:
            slot.lastseen = max(slot.lastseen, time.monotonic() + seconds)
