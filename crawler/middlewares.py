"""Downloader middlewares for politeness: pause a host on HTTP 429, back off before retries.

Scrapy's retry middleware would retry a 429 at once and ignore Retry-After; the Wayback Machine
answers 429 often without Retry-After and firewalls an IP that keeps going. So on a 429 every
request to that host waits, whatever its download slot (Retry-After if given, else a pause that
doubles on each repeat), and after too many 429s the spider stops with a clear reason rather than
risk a ban. Timeouts and 5xx are retried too, but after a pause that doubles on each attempt
(Scrapy's own retry goes again at once); the pause holds only the request being retried, so
other requests, in its slot or another, go on.
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep
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
    def __init__(
        self,
        crawler: Crawler,
        pause: float,
        max_429: int,
        shared=None,
        max_retry_after: float = float("inf"),
    ):
        self.crawler = crawler
        self.pause = pause
        self.max_retry_after = max_retry_after
        self.max_429 = max_429
        self.shared = shared  # crawler.distributed.SharedHostPause when workers share a Redis
        self.count = 0
        self.streak: dict[str, int] = {}
        self.slot_hosts: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TooManyRequestsMiddleware:
        shared = None
        if crawler.settings.get("REDIS_URL"):
            from crawler.distributed import SharedHostPause  # redis: only for workers

            shared = SharedHostPause(crawler.settings.get("REDIS_URL"))
        return cls(
            crawler,
            crawler.settings.getfloat("MONITOR_429_PAUSE"),
            crawler.settings.getint("MONITOR_MAX_429"),
            shared,
            crawler.settings.getfloat("MONITOR_MAX_RETRY_AFTER", float("inf")),
        )

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Remember which host each download slot talks to, to pause them all together."""
        slot_key = request.meta.get("download_slot") or urlsplit(request.url).netloc
        self.slot_hosts.setdefault(slot_key, urlsplit(request.url).netloc)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        host = urlsplit(request.url).netloc
        if response.status != 429:
            self.streak.pop(host, None)
            return response
        self.count += 1
        self.crawler.stats.inc_value("monitor/http_429")
        if self.count > self.max_429:
            reason = f"stopped after {self.count} HTTP 429 answers (rate limited by {host})"
            self.crawler.stats.set_value("monitor/stop_reason", reason)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="rate_limited"))
            raise IgnoreRequest(reason)
        streak = self.streak.get(host, 0)
        self.streak[host] = streak + 1
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.max_retry_after:
            raise IgnoreRequest(too_long(429, wait, self.max_retry_after))
        if wait is None:
            wait = self.pause * (2**streak)
        self.crawler.stats.inc_value("monitor/paused_seconds", wait)
        for slot_key, slot_host in self.slot_hosts.items():
            if slot_host == host:
                self._pause_slot(slot_key, wait)
        if self.shared is not None:
            self.shared.pause(host, wait)
        logger.warning("HTTP 429 from %s: pausing every request to it for %.1f s", host, wait)
        retry = request.replace(dont_filter=True)
        retry.meta["monitor_429_retries"] = request.meta.get("monitor_429_retries", 0) + 1
        return retry

    def _pause_slot(self, slot_key: str, seconds: float) -> None:
        """Hold every queued request of the slot: its next download may start only later."""
        slot = self.crawler.engine.downloader.slots.get(slot_key)
        if slot is not None:
            slot.lastseen = max(slot.lastseen, time.monotonic() + seconds)


def too_long(status: int, wait: float, limit: float) -> str:
    return (
        f"HTTP {status}: asked to retry after {wait:.0f} s, longer than the {limit:.0f} s "
        "we wait (MONITOR_MAX_RETRY_AFTER); trying again next run"
    )


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry (same settings, stats and give-up log) with a doubling pause first.

    The n-th retry of a request waits ``MONITOR_RETRY_BACKOFF * 2**(n-1)`` seconds; only that
    request waits, in an asynchronous sleep, so nothing else is held up. A 503 with Retry-After
    waits what the server asked instead, as a 429 does, up to ``MONITOR_MAX_RETRY_AFTER``; past
    that the request is given up and the site fails for this run.
    """

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("MONITOR_RETRY_BACKOFF")
        self.max_retry_after = settings.getfloat("MONITOR_MAX_RETRY_AFTER", float("inf"))

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        asked = None
        if response.status == 503:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and asked > self.max_retry_after:
            raise IgnoreRequest(too_long(503, asked, self.max_retry_after))
        return await self._after_pause(super().process_response(request, response), asked)

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        return await self._after_pause(super().process_exception(request, exception))

    async def _after_pause(self, result, asked: float | None = None):
        if isinstance(result, Request):
            attempt = result.meta.get("retry_times", 1)
            wait = asked if asked is not None else self.backoff * 2 ** (attempt - 1)
            self.crawler.stats.inc_value("monitor/retries")
            logger.info("retrying %s in %.1f s (attempt %d)", result.url, wait, attempt + 1)
            await sleep(wait)
        return result
