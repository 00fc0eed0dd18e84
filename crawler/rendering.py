"""Pages only a browser can read: an app shell is fetched again in Chromium and read rendered.

A live page or an archived capture whose HTML reads like an app shell (diffs/shell.py) is
requested a second time with ``meta["playwright"]``: scrapy-playwright opens it in Debian's
``chromium`` (never a downloaded browser build), ``settle`` waits until its text stops changing,
and the spider reads the rendered DOM as if the server had sent it. Every other request keeps
Scrapy's own HTTP handler: `BrowserDownloadHandler` starts Playwright and the browser only when
the first page needs them, so a run without shells pays nothing, and one browser serves the run.

Render requests go through Scrapy's downloader like any other (same download slot, delay and
concurrency as the page's first fetch); the requests the page's scripts make are the browser's.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from capture import Capture
from crawler.chromium import (
    DEFAULT_RENDER_TIMEOUT,
    chromium_available,
    chromium_executable,
    launch_options,
)
from diffs.decoding import decode
from diffs.shell import looks_like_shell, reads_as_loading

SETTLED_FOR = 0.5  # the text must stay the same this long once it reads like a page
GIVE_UP_QUIET = 3.0  # a loading screen that does not move this long will not render
POLL = 0.2
RENDERED_TYPE = "text/html; charset=utf-8"
BROWSER = "browser"
_SKIPPED_RESOURCES = frozenset({"image", "media", "font"})
_TEXT = "() => document.body ? document.body.innerText : ''"

logger = logging.getLogger(__name__)


@dataclass
class PageWatch:
    """What a rendering page is doing, watched from before its navigation: requests still in
    flight (a loading screen waiting for its data is not a failed one) and script errors."""

    in_flight: int = 0
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> PageWatch:
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)
        page.on("pageerror", lambda error: self.errors.append(str(error.message)))
        _WATCHES[page] = self
        return self

    def _started(self, _request: Any) -> None:
        self.in_flight += 1

    def _ended(self, _request: Any) -> None:
        self.in_flight = max(self.in_flight - 1, 0)


_WATCHES: weakref.WeakKeyDictionary[Any, PageWatch] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class RenderOutcome:
    """How waiting for a page went: settled (its text stopped changing) or why not."""

    settled: bool
    waited: float
    problem: str | None = None


async def settle(page: Any, wait_for: str | None = None, timeout: float = DEFAULT_RENDER_TIMEOUT):
    """Wait until the page's text reads like a page and stays put, bounded by ``timeout``.

    First the network goes idle (or not: some pages poll forever), then the visible text is read
    every POLL seconds: settled once it is more than a loading line and unchanged for SETTLED_FOR;
    given up when a loading screen has not moved for GIVE_UP_QUIET with no request in flight (a
    script that failed) or at
    the deadline (a page that never finishes). ``wait_for`` (a CSS selector) must appear first.
    """
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    started = time.monotonic()
    deadline = started + timeout

    def remaining_ms() -> float:
        return max(deadline - time.monotonic(), 0.05) * 1000

    if wait_for:
        try:
            await page.wait_for_selector(wait_for, state="attached", timeout=remaining_ms())
        except PlaywrightTimeout:
            waited = time.monotonic() - started
            return RenderOutcome(False, waited, f"{wait_for} did not appear within {timeout:g} s")
    try:
        await page.wait_for_load_state("networkidle", timeout=min(remaining_ms(), 5000))
    except PlaywrightTimeout:
        pass
    text, changed_at = None, time.monotonic()
    while True:
        now = time.monotonic()
        current = await page.evaluate(_TEXT)
        if current != text:
            text, changed_at = current, now
        elif now - changed_at >= SETTLED_FOR and not reads_as_loading(text):
            return RenderOutcome(True, now - started)
        elif now - changed_at >= GIVE_UP_QUIET and not _waiting_for_network(page):
            return RenderOutcome(False, now - started, "stayed a loading screen")
        if now >= deadline:
            return RenderOutcome(False, now - started, f"did not render within {timeout:g} s")
        await asyncio.sleep(POLL)


def _waiting_for_network(page: Any) -> bool:
    watch = _WATCHES.get(page)
    return watch is not None and watch.in_flight > 0


async def prepare_page(page: Any, request: Request) -> None:
    """Before navigation: collect the page's script errors, and keep an archived page inside the
    archive (its scripts ask the live site otherwise, and would show today's text)."""
    watch = PageWatch().attach(page)
    request.meta["monitor_page_errors"] = watch.errors
    archive = request.meta.get("monitor_archive")
    if archive:
        wayback_url, timestamp, original = archive
        await page.route("**/*", _archive_route(wayback_url, timestamp, original))


def archived_url(url: str, wayback_url: str, timestamp: str, original: str) -> str:
    """Where a resource an archived page asks for lives in the archive: the capture nearest in
    time (``id_``: the bytes as archived). Paths on the archive's own host that are not archive
    URLs were relative to the original page's site."""
    from urllib.parse import urlsplit

    if url.startswith(f"{wayback_url}/web/"):
        return url
    if url.startswith(wayback_url + "/"):
        site = "{0.scheme}://{0.netloc}".format(urlsplit(original))
        url = site + url[len(wayback_url) :]
    return f"{wayback_url}/web/{timestamp}id_/{url}"


def _archive_route(wayback_url: str, timestamp: str, original: str):
    async def handle(route: Any) -> None:
        request = route.request
        url = request.url
        moved = archived_url(url, wayback_url, timestamp, original)
        if url.startswith(("data:", "blob:")) or moved == url:
            await route.fallback()  # the page itself: scrapy-playwright's handler takes it
            return
        if skip_resource(request):
            await route.abort()
            return
        # fetched here, not continued: a continued request may not change its scheme
        try:
            answer = await route.fetch(url=moved)
        except Exception:  # the archive did not answer: the page goes on without it
            await route.abort()
            return
        await route.fulfill(response=answer)

    return handle


def skip_resource(request: Any) -> bool:
    """Requests a rendering page may skip: nothing a policy's text depends on."""
    return request.resource_type in _SKIPPED_RESOURCES


def not_rendered_reason(outcome: RenderOutcome | None, errors: Iterable[str]) -> str:
    """One line saying why a script-rendered page gave no text."""
    problem = (outcome.problem if outcome else None) or "stayed a loading screen"
    first_error = next(iter(errors), None)
    reason = f"script-rendered page not rendered: {problem}"
    if first_error:
        reason += f" (script error: {first_error.splitlines()[0][:160]})"
    return reason


class BrowserDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler, except for requests with ``meta["playwright"]``: those go to
    scrapy-playwright's handler, created (and the browser launched) on the first such request.

    scrapy-playwright starts Playwright when the engine starts; this handler is made before that
    and starts it itself, later, so that runs without app shells never load Playwright.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._browser_handler: Any = None
        self._starting = asyncio.Lock()

    async def download_request(self, request: Request) -> Response:
        if request.meta.get("playwright"):
            handler = await self._browser()
            return await handler.download_request(request)
        return await super().download_request(request)

    async def _browser(self) -> Any:
        async with self._starting:
            if self._browser_handler is None:
                from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

                # its warnings carry tracebacks; our spiders report each failed page in a line
                logging.getLogger("scrapy-playwright").setLevel(logging.ERROR)
                handler = ScrapyPlaywrightDownloadHandler.from_crawler(self._crawler)
                await handler._launch()
                self._browser_handler = handler
        return self._browser_handler

    async def close(self) -> None:
        await super().close()
        if self._browser_handler is not None:
            await self._browser_handler.close()


class RenderingSpider:
    """What a spider needs to send app shells to the browser (mixed into PolicySpider's spiders).

    A site's ``browser: true|false`` forces rendering on or off; ``browser_wait`` names an element
    to wait for. ``then`` are captures that must reach the store after this one (bodiless twins
    reuse its stored body).
    """

    _chromium_warned = False

    def rendered_or_as_fetched(
        self,
        slug: str,
        response: Response,
        capture: Capture,
        then: Iterable[Capture] = (),
        archive: tuple[str, str, str] | None = None,
    ) -> list[Capture | Request]:
        # a cluster worker may fetch a site its own sites file lacks: then it is decided per page
        site = next((s for s in self.sites if s.slug == slug), None)
        forced = getattr(site, "browser", None)
        if forced is False or capture.body is None or capture.location is not None:
            return [capture, *then]
        if forced is None and not _is_shell(capture):
            return [capture, *then]
        if not chromium_available():
            self._warn_no_chromium()
            reason = "script-rendered page not rendered: chromium is not installed"
            return [replace(capture, not_rendered=reason), *then]
        settings = self.crawler.settings
        timeout = settings.getfloat("MONITOR_RENDER_TIMEOUT", DEFAULT_RENDER_TIMEOUT)
        self.crawler.stats.inc_value(f"monitor/{slug}/sent_to_browser")
        from scrapy_playwright.page import PageMethod

        meta = {
            "playwright": True,
            "playwright_context": "render",
            # the one context is made with the first render: the crawler's User-Agent for every
            # request the page makes, not only the first
            "playwright_context_kwargs": {"user_agent": settings.get("USER_AGENT")},
            "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
            "playwright_page_init_callback": prepare_page,
            "playwright_page_methods": [
                PageMethod(settle, wait_for=getattr(site, "browser_wait", None), timeout=timeout)
            ],
            "monitor_archive": archive,
            "dont_redirect": True,
        }
        if "download_slot" in response.meta:
            meta["download_slot"] = response.meta["download_slot"]
        return [
            Request(
                response.url,
                callback=self.parse_rendered,
                errback=self.render_failed,
                # "slug" as every request of a site has it: a cluster worker holds the site
                # until none of its requests is left (crawler/distributed.py)
                cb_kwargs={"slug": slug, "capture": capture, "then": list(then)},
                meta=meta,
                dont_filter=True,
            )
        ]

    def parse_rendered(self, response: Response, slug: str, capture: Capture, then: list[Capture]):
        methods = response.meta.get("playwright_page_methods") or []
        outcome = methods[0].result if methods else None
        html = response.text
        # a page whose text settled is judged by the store like any page, however short; one
        # that never settled and is still a shell, or lacks its awaited element, did not render
        missing = outcome is not None and "did not appear" in (outcome.problem or "")
        settled = outcome is not None and outcome.settled
        reason = None
        if missing or (not settled and looks_like_shell(html)):
            reason = not_rendered_reason(outcome, response.meta.get("monitor_page_errors", []))
            self.logger.warning("%s: %s: %s", capture.site, capture.url, reason)
        rendered = replace(
            capture,
            body=html.encode("utf-8"),
            content_type=RENDERED_TYPE,
            fetched_with=BROWSER,
            # validators name the shell, not the text its scripts fetched: never send them back
            headers={k: v for k, v in capture.headers.items() if k not in _VALIDATORS},
            not_rendered=reason,
        )
        return [rendered, *then]

    def render_failed(self, failure: Failure):
        request = failure.request
        capture: Capture = request.cb_kwargs["capture"]
        from crawler.spiders.base import describe_failure

        reason = f"script-rendered page not rendered: {describe_failure(failure)}"
        self.logger.warning("%s: %s: %s", capture.site, capture.url, reason)
        return [
            replace(capture, fetched_with=BROWSER, not_rendered=reason),
            *request.cb_kwargs["then"],
        ]

    def _warn_no_chromium(self) -> None:
        if not RenderingSpider._chromium_warned:
            RenderingSpider._chromium_warned = True
            self.logger.warning(
                "chromium is not installed (%s): script-rendered pages are recorded unrendered; "
                "`make chromium` installs it",
                chromium_executable(),
            )


_VALIDATORS = ("etag", "last-modified")


def _is_shell(capture: Capture) -> bool:
    content_type = (capture.content_type or "").lower()
    if content_type and "html" not in content_type:
        return False
    return looks_like_shell(decode(capture.body, capture.content_type))


async def render_url(
    url: str,
    *,
    user_agent: str,
    wait_for: str | None = None,
    timeout: float = DEFAULT_RENDER_TIMEOUT,
) -> tuple[str, RenderOutcome, list[str]]:
    """Open one page in Chromium outside a crawl (`monitor extract`, `monitor compare`), wait
    for it as the crawler does: (rendered HTML, how waiting went, script errors)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        try:
            page = await browser.new_page(user_agent=user_agent)
            errors = PageWatch().attach(page).errors
            await page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
            outcome = await settle(page, wait_for=wait_for, timeout=timeout)
            return await page.content(), outcome, errors
        finally:
            await browser.close()
