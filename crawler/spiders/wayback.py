"""Fetch a site's archived history from the Wayback Machine: CDX index first, then raw captures.

For each site, one CDX query per distinct URL key (the key ignores scheme and a leading www, so
one query covers every variant of a URL; see docs/decisions/0009) lists its captures, page by
page with ``resumeKey``. When every query of the site is done, the rows are merged into one
timeline (the index sorts by URL key, then time), cut to one capture per period with ``--per``,
and each capture is then either skipped (already stored), recorded without a download (its
digest's body is stored or being fetched), or fetched once as a raw ``id_`` capture.

Archived redirects (3xx) are fetched too, recorded with their target, and followed when the
target is one of the site's URLs and that page's capture after the redirect is not already
planned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlencode

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from capture import ArchiveMiss, Capture, WaybackState, wayback_stamp
from crawler.cdx import parse_cdx, refusal, row_problem, surt_key
from crawler.rendering import RenderingSpider
from crawler.spiders.base import PolicySpider, describe_failure
from monitor.config import Site

CDX_FIELDS = ("timestamp", "original", "statuscode", "digest", "mimetype")
CDX_SLOT = "wayback-cdx"
CAPTURE_SLOT = "wayback-capture"
# Status 200 pages and archived redirects; not 404s, 5xx or revisit records (status "-").
CDX_FILTERS = ("statuscode:(200|301|302|303|307|308)", "mimetype:text/html")
ID_URL = re.compile(r"/web/(\d{14})id_/")
WAYBACK_TARGET = re.compile(r"/web/\d{1,14}(?:[a-z]{2}_)?/(.+)$")
PERIOD_DIGITS = {"day": 8, "hour": 10, "all": 14}
MAX_WAYBACK_HOPS = 3
# Runs that may each try a capture that times out or answers 5xx (each try is itself retried
# RETRY_TIMES times within the run) before it is recorded as unavailable.
MAX_ARCHIVE_ATTEMPTS = 3
GONE_STATUSES = frozenset({403, 404, 410})  # the archive will not serve it, now or later


def merge_rows(rows: list[dict[str, str]], per: str = "all") -> list[dict[str, str]]:
    """The rows of several queries as one timeline: without repeats, oldest first.

    With ``per`` "day" or "hour" only the first page capture of each period is kept; archived
    redirects are always kept, they tell where the policy went.
    """
    unique = {(row["timestamp"], row["original"]): row for row in rows}
    ordered = [unique[key] for key in sorted(unique)]
    digits = PERIOD_DIGITS[per]
    kept, periods = [], set()
    for row in ordered:
        if row.get("statuscode", "200") == "200":
            period = row["timestamp"][:digits]
            if period in periods:
                continue
            periods.add(period)
        kept.append(row)
    return kept


def archived_target(location: str) -> str:
    """The original URL a Wayback Location points at (``.../web/<ts>id_/<url>`` -> ``<url>``)."""
    match = WAYBACK_TARGET.search(location)
    target = match[1] if match else location
    return re.sub(r"^(https?):/+", r"\1://", target)


class WaybackSpider(PolicySpider, RenderingSpider):
    name = "wayback"

    def __init__(
        self,
        *args,
        since: str | None = None,
        until: str | None = None,
        per: str = "all",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if per not in PERIOD_DIGITS:
            raise ValueError(f"per must be one of {', '.join(PERIOD_DIGITS)}, not {per!r}")
        self.since = since or None
        self.until = until or None
        self.per = per
        self.known: dict[str, set[tuple[str, str]]] = {}
        self.stored_digests: dict[str, set[str]] = {}
        self.attempts: dict[str, dict[tuple[str, str], int]] = {}
        self.waiting: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        self.listed: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.open_queries: dict[str, int] = {}
        self.planned: dict[str, list[dict[str, str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, **kwargs) -> WaybackSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.wayback_url = crawler.settings.get("MONITOR_WAYBACK_URL").rstrip("/")
        spider.page_size = crawler.settings.getint("MONITOR_CDX_PAGE_SIZE")
        cdx_delay = 60.0 / crawler.settings.getfloat("MONITOR_CDX_PER_MINUTE")
        capture_delay = 1.0 / crawler.settings.getfloat("MONITOR_CAPTURES_PER_SECOND")
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        slots.setdefault(CDX_SLOT, {"concurrency": 1, "delay": cdx_delay, "jitter": 0})
        slots.setdefault(CAPTURE_SLOT, {"concurrency": 2, "delay": capture_delay, "jitter": 0})
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        crawler.settings.set("AUTOTHROTTLE_ENABLED", False, priority="spider")
        # Each slot keeps its own pace; queued CDX queries must not keep captures out of the
        # downloader (Scrapy backs out when this many requests are queued, whatever the slot).
        crawler.settings.set("CONCURRENT_REQUESTS", 100_000, priority="spider")
        return spider

    @staticmethod
    def empty_state() -> WaybackState:
        return WaybackState(set(), set())

    def site_requests(self, site: Site, state: WaybackState):
        self.known[site.slug], self.stored_digests[site.slug] = state.known, state.digests
        self.attempts[site.slug] = state.attempts
        urls = self.query_urls(site)
        self.open_queries[site.slug] = len(urls)
        for url in urls:
            yield self.cdx_request(site.slug, url)

    def forget_site(self, slug: str) -> None:
        for state in (
            self.known,
            self.stored_digests,
            self.attempts,
            self.listed,
            self.open_queries,
            self.planned,
        ):
            state.pop(slug, None)

    @staticmethod
    def query_urls(site: Site) -> list[str]:
        """One URL per distinct CDX key among the site's url and archive_urls."""
        return list({surt_key(url): url for url in reversed(site.all_urls)}.values())[::-1]

    # CDX ------------------------------------------------------------------------------------

    def cdx_request(self, slug: str, url: str, resume_key: str | None = None) -> Request:
        params = [
            ("url", url),
            ("output", "json"),
            ("fl", ",".join(CDX_FIELDS)),
            *(("filter", spec) for spec in CDX_FILTERS),
            ("collapse", "digest"),
            ("showResumeKey", "true"),
            ("limit", str(self.page_size)),
        ]
        if self.since:
            params.append(("from", self.since))
        if self.until:
            params.append(("to", self.until))
        if resume_key:
            params.append(("resumeKey", resume_key))
        return Request(
            f"{self.wayback_url}/cdx/search/cdx?{urlencode(params)}",
            callback=self.parse_cdx,
            errback=self.cdx_failed,
            cb_kwargs={"slug": slug, "url": url},
            meta={"download_slot": CDX_SLOT},
            dont_filter=True,
        )

    def parse_cdx(self, response: Response, slug: str, url: str):
        self.crawler.stats.inc_value(f"monitor/{slug}/cdx_requests")
        refused = refusal(response.status, response.text, url)
        if refused is not None:
            self.record_failure(slug, str(refused))
            yield from self.query_done(slug)
            return
        try:
            page = parse_cdx(response.text, CDX_FIELDS)
        except (ValueError, AttributeError):
            self.record_failure(slug, f"CDX query for {url}: answer is not CDX")
            yield from self.query_done(slug)
            return
        self.listed[slug].extend(page.rows)
        if page.resume_key:
            yield self.cdx_request(slug, url, page.resume_key)
        else:
            yield from self.query_done(slug)

    def cdx_failed(self, failure: Failure):
        self.fetch_failed(failure)
        yield from self.query_done(failure.request.cb_kwargs["slug"])

    def query_done(self, slug: str):
        """After the site's last CDX answer: merge, plan, and start fetching."""
        self.open_queries[slug] -= 1
        if self.open_queries[slug]:
            return
        plan = merge_rows(self.valid_rows(slug, self.listed.pop(slug, [])), self.per)
        self.planned[slug] = plan
        self.crawler.stats.inc_value(f"monitor/{slug}/listed", len(plan))
        for row in plan:
            yield from self.consider(slug, row)

    def valid_rows(self, slug: str, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        """The rows that can describe a real capture; the others are skipped, with their
        reason in the log and their number in the summary (``cdx_rows_skipped``)."""
        valid = []
        for row in rows:
            problem = row_problem(row)
            if problem is None:
                valid.append(row)
                continue
            self.crawler.stats.inc_value(f"monitor/{slug}/cdx_rows_skipped")
            self.logger.warning("%s: CDX row skipped: %s", slug, problem)
        return valid

    # captures -------------------------------------------------------------------------------

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
        yield self.capture_request(slug, row, f"{self.wayback_url}/web/{timestamp}id_/{original}")

    def capture_request(self, slug: str, row: dict[str, str], url: str, hops: int = 0) -> Request:
        return Request(
            url,
            callback=self.parse_capture,
            errback=self.capture_failed,
            cb_kwargs={"slug": slug, "row": row, "hops": hops},
            # Redirects are read here: an archived 3xx is recorded, not silently followed.
            meta={"download_slot": CAPTURE_SLOT, "dont_redirect": True},
            dont_filter=True,
        )

    def parse_capture(self, response: Response, slug: str, row: dict[str, str], hops: int = 0):
        location = _header(response, b"Location")
        archived = response.headers.get(b"Memento-Datetime") is not None
        if 300 <= response.status < 400 and location and not archived:
            # The Wayback Machine itself moves us to the nearest capture it has.
            if hops < MAX_WAYBACK_HOPS:
                yield self.capture_request(slug, row, response.urljoin(location), hops + 1)
                return
        digest = row.get("digest")
        twins = self.waiting.pop((slug, digest), []) if digest else []
        if not (200 <= response.status < 400):
            self.crawler.stats.inc_value(f"monitor/{slug}/capture_failures")
            yield self.miss(
                slug, row, response.status, f"the archive answered HTTP {response.status}"
            )
            return
        served = ID_URL.search(response.url)
        timestamp = served.group(1) if served else row["timestamp"]
        captured_at = wayback_stamp(timestamp)
        if row.get("followed") and (row["original"], captured_at) in self.known[slug]:
            self.crawler.stats.inc_value(f"monitor/{slug}/already_stored")
            return
        self.known[slug].add((row["original"], captured_at))
        self.crawler.stats.inc_value(f"monitor/{slug}/captures_fetched")
        target = archived_target(response.urljoin(location)) if location else None
        capture = Capture(
            site=slug,
            source="wayback",
            url=row["original"],
            captured_at=captured_at,
            status=response.status,
            body=response.body,
            digest=digest,
            content_type=_header(response, b"Content-Type") or row.get("mimetype"),
            headers=original_headers(response),
            location=target,
        )
        if digest:
            self.stored_digests[slug].add(digest)
        # an archived app shell is rendered too; its twins reuse whatever body gets stored
        yield from self.rendered_or_as_fetched(
            slug,
            response,
            capture,
            [self.bodiless_capture(slug, twin) for twin in twins],
            archive=(self.wayback_url, timestamp, row["original"]),
        )
        if target and not row.get("followed"):
            yield from self.follow(slug, row["timestamp"], target)

    def follow(self, slug: str, timestamp: str, target: str):
        """A redirect to one of the site's URLs: make sure the page it led to is recorded."""
        site = next(s for s in self.sites if s.slug == slug)
        key = surt_key(target)
        if key not in {surt_key(url) for url in site.all_urls}:
            return
        self.crawler.stats.inc_value(f"monitor/{slug}/redirects_followed")
        covered = any(
            surt_key(row["original"]) == key
            and row["timestamp"] >= timestamp
            and row.get("statuscode", "200") == "200"
            for row in self.planned.get(slug, [])
        )
        if not covered:
            row = {"timestamp": timestamp, "original": target, "followed": "1"}
            yield self.capture_request(slug, row, f"{self.wayback_url}/web/{timestamp}id_/{target}")

    def capture_failed(self, failure: Failure):
        request = failure.request
        slug, row = request.cb_kwargs["slug"], request.cb_kwargs["row"]
        if row.get("digest"):
            self.waiting.pop((slug, row["digest"]), None)
        self.crawler.stats.inc_value(f"monitor/{slug}/capture_failures")
        yield self.miss(slug, row, 0, describe_failure(failure))

    def miss(self, slug: str, row: dict[str, str], status: int, reason: str) -> ArchiveMiss:
        """A capture the archive did not serve: a fact about the archive, not a failed run.

        403/404/410 will not change: recorded once, never fetched again. A timeout or a 5xx
        (after the run's own retries) is one attempt; later runs try again, up to
        MAX_ARCHIVE_ATTEMPTS runs, then it is recorded as unavailable too.
        """
        captured_at = wayback_stamp(row["timestamp"])
        key = (row["original"], captured_at)
        tried = self.attempts.get(slug, {}).get(key, 0) + 1
        final = status in GONE_STATUSES or tried >= MAX_ARCHIVE_ATTEMPTS
        if not final:
            reason = f"{reason} (attempt {tried} of {MAX_ARCHIVE_ATTEMPTS})"
        elif status not in GONE_STATUSES:
            reason = f"{reason} ({tried} runs tried)"
        self.logger.warning("%s: %s at %s: %s", slug, row["original"], captured_at, reason)
        return ArchiveMiss(slug, row["original"], captured_at, status, reason, final)

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


def original_headers(response: Response) -> dict[str, str]:
    """The headers the site sent when the page was archived (the Wayback prefixes them)."""
    prefix = "x-archive-orig-"
    headers = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1").lower()
        value = values[-1].decode("latin-1") if values else ""
        if key.startswith(prefix):
            headers[key[len(prefix) :]] = value
        else:
            headers.setdefault(key, value)
    return headers


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
