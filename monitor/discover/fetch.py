"""A small, polite, synchronous HTTP client for the few requests `monitor add` makes.

Finding a policy is a short sequence of decisions (fetch the homepage, look, maybe fetch the
sitemap, then the best link, then ask the CDX index), a dozen requests at most; a Scrapy crawl
would spread that over callbacks and, since Twisted's reactor starts once per process, would
keep `backfill --discover` from running its discovery before the backfill's own crawl. So this
client follows the crawler's rules instead of its engine: it reads the same Scrapy settings
(User-Agent, timeout, size limit, the pause between two requests to one host, the CDX and
capture paces, the 429 pause and limit) and honours them per host. See docs/decisions/0005.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.middlewares import retry_after_seconds
from crawler.netguard import ALLOW_PRIVATE_ENV, allowed_networks, refusal
from monitor.config import Settings
from monitor.errors import CrawlFailed
from monitor.ops.handover import scrapy_settings

CDX = "wayback-cdx"
CAPTURE = "wayback-capture"


@dataclass(frozen=True)
class Page:
    """What a fetch returned: the final URL after redirects, the status and the body."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.body)


@dataclass(frozen=True)
class Politeness:
    """The crawler's politeness settings, read from crawler/settings.py and the environment."""

    user_agent: str
    timeout: float
    max_bytes: int
    host_delay: float
    cdx_delay: float
    capture_delay: float
    retries: int
    pause_429: float
    max_429: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Politeness:
        scrapy = scrapy_settings(settings)
        return cls(
            user_agent=scrapy.get("USER_AGENT"),
            timeout=scrapy.getfloat("DOWNLOAD_TIMEOUT"),
            max_bytes=scrapy.getint("DOWNLOAD_MAXSIZE"),
            host_delay=scrapy.getfloat("DOWNLOAD_DELAY"),
            cdx_delay=60.0 / scrapy.getfloat("MONITOR_CDX_PER_MINUTE"),
            capture_delay=1.0 / scrapy.getfloat("MONITOR_CAPTURES_PER_SECOND"),
            retries=scrapy.getint("RETRY_TIMES"),
            pause_429=scrapy.getfloat("MONITOR_429_PAUSE"),
            max_429=scrapy.getint("MONITOR_MAX_429"),
        )


class Fetcher:
    """GET with a fixed pace per slot (a host, or the CDX or capture slot of the Wayback)."""

    def __init__(self, politeness: Politeness, sleep=time.sleep, clock=time.monotonic) -> None:
        self.politeness = politeness
        self._sleep = sleep
        self._clock = clock
        self._next_start: dict[str, float] = {}
        self._count_429 = 0
        self.log: list[tuple[str, int]] = []  # (url, status) of every request, for the report
        self.allowed = allowed_networks(os.environ.get(ALLOW_PRIVATE_ENV))
        self._opener = urllib.request.build_opener(_CheckedRedirects(self._check_public))

    def _check_public(self, url: str) -> None:
        """Refuse internal addresses, as the crawler does (crawler/netguard.py)."""
        reason = None if self.allowed is None else refusal(url, self.allowed)
        if reason:
            raise CrawlFailed(f"{url}: {reason}")

    def get(self, url: str, slot: str | None = None) -> Page:
        """Fetch a URL; HTTP errors come back as a Page with their status, never raise.

        Network failures are retried (with a growing pause) and then raise CrawlFailed, and so
        does a run of 429s past the configured limit: better to stop than to get banned.
        """
        slot = slot or (urlsplit(url).hostname or url)
        interval = {CDX: self.politeness.cdx_delay, CAPTURE: self.politeness.capture_delay}.get(
            slot, self.politeness.host_delay
        )
        streak = 0
        failures = 0
        while True:
            self._wait_turn(slot, interval)
            try:
                page = self._request(url)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                failures += 1
                if failures > self.politeness.retries:
                    reason = getattr(exc, "reason", exc)
                    raise CrawlFailed(f"{url}: cannot fetch ({reason})") from None
                self._sleep(float(failures))
                continue
            self.log.append((url, page.status))
            if page.status == 429:
                self._count_429 += 1
                if self._count_429 > self.politeness.max_429:
                    raise CrawlFailed(
                        f"stopped after {self._count_429} HTTP 429 answers (rate limited by {slot})"
                    )
                pause = retry_after_seconds(page.retry_after)
                if pause is None:
                    pause = self.politeness.pause_429 * (2**streak)
                streak += 1
                self._next_start[slot] = self._clock() + pause
                continue
            if page.status >= 500 and failures < self.politeness.retries:
                failures += 1
                self._sleep(float(failures))
                continue
            return page

    def _wait_turn(self, slot: str, interval: float) -> None:
        now = self._clock()
        start = max(now, self._next_start.get(slot, now))
        if start > now:
            self._sleep(start - now)
        self._next_start[slot] = start + interval

    def _request(self, url: str) -> Page:
        self._check_public(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.politeness.user_agent})
        try:
            with self._opener.open(request, timeout=self.politeness.timeout) as response:
                body = response.read(self.politeness.max_bytes + 1)[: self.politeness.max_bytes]
                content_type = response.headers.get("Content-Type")
                return Page(response.geturl(), response.status, body, content_type)
        except urllib.error.HTTPError as exc:
            headers = exc.headers or {}
            body = exc.read() if exc.fp else b""
            return Page(
                exc.geturl() or url,
                exc.code,
                body,
                headers.get("Content-Type"),
                headers.get("Retry-After"),
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to hosts the fetcher may fetch."""

    def __init__(self, check) -> None:
        self._check = check

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self._check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
