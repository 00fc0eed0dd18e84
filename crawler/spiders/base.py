"""What both spiders share: which sites to visit, their state, and how a failure is recorded.

Spiders never open the store: the command that starts a crawl hands each spider what it needs
to know (``states``, by slug: see monitor/ops/handover.py), and what a spider fetches leaves
through the item pipeline.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from twisted.python.failure import Failure

from monitor.config import Site, load_sites, select_sites
from monitor.logs import redact

MAX_ERROR_CHARS = 200  # a failure is one line; a long one is cut between words


def utc_stamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


class PolicySpider(Spider):
    """A spider over the sites file; ``-a slugs=a,b`` limits it to some sites.

    ``states`` (a spider argument) holds each site's state by slug. A site without one starts
    from ``empty_state``: a bare ``scrapy crawl`` fetches everything unconditionally, and ingest
    stores each capture once.
    """

    sites: list[Site]
    states: Mapping[str, object] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, **kwargs) -> PolicySpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        slugs = kwargs.get("slugs") or ()
        if isinstance(slugs, str):
            slugs = tuple(s for s in slugs.split(",") if s)
        sites = kwargs.get("sites")
        if sites is None:
            sites = load_sites(crawler.settings.get("MONITOR_SITES"))
        spider.sites = select_sites(list(sites), slugs)
        return spider

    @staticmethod
    def empty_state() -> object:
        """The state of a site nothing is known of yet."""
        return None

    def site_requests(self, site: Site, state: object) -> Iterable[Request]:
        """The first requests for one site, given its state."""
        raise NotImplementedError

    def forget_site(self, slug: str) -> None:
        """A site is done (no request of it left): drop what was kept in memory for it, so a
        cluster worker that runs for weeks does not hold every site it ever fetched."""

    async def start(self):
        # A distributed worker has no database: its sites arrive from Redis with their state
        # (crawler/distributed.py), one at a time.
        if self.settings.get("MONITOR_JOB"):
            return
        states = self.states or {}
        for site in self.sites:
            state = states.get(site.slug)
            for request in self.site_requests(site, self.empty_state() if state is None else state):
                yield request

    def record_failure(self, slug: str, message: str) -> None:
        """Remember why a site could not be fetched, for the run summary (secrets removed)."""
        message = redact(message)
        self.logger.warning("%s: %s", slug, message)
        self.crawler.stats.inc_value(f"monitor/{slug}/failures")
        self.crawler.stats.set_value(f"monitor/{slug}/last_error", message)

    def fetch_failed(self, failure: Failure) -> None:
        request = failure.request
        slug = request.cb_kwargs.get("slug") or request.meta.get("slug", "?")
        self.record_failure(slug, f"{request.url}: {describe_failure(failure)}")


def describe_failure(failure: Failure) -> str:
    """One line a person understands: no class paths, no traceback."""
    error = failure.value
    name = type(error).__name__
    text = str(error).strip()
    if name == "TimeoutError" or "took longer than" in text:
        return "timed out"
    if name in ("DNSLookupError",):
        return "host not found"
    if name in ("ConnectionRefusedError", "TCPTimedOutError", "ConnectError"):
        return "connection refused" if "Refused" in name else "could not connect"
    if "redirect" in text.lower():
        return "too many redirects"
    first_line = text.splitlines()[0] if text else name
    return textwrap.shorten(first_line, MAX_ERROR_CHARS, placeholder=" ...")
