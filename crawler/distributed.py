"""The crawler's side of a distributed crawl on scrapy-redis (see monitor/ops/cluster.py).

A job's unit of work is one site: scrapy-redis's shared queue holds one request per site (its
state, read from the store by the seeding command, rides in the request's meta), and its
duplicate filter drops a site seeded twice.
A worker claims a site atomically (the queue entry moves to the worker's own processing list),
fetches everything that site needs itself, in memory as the single-process crawl does (the
Wayback spider plans a site's history from all its CDX answers and fetches each digest once), and
acknowledges the site only when its last capture is on the results list. A worker killed
mid-site stops renewing its lease, and its processing list goes back to the queue. See
docs/decisions/0011-distributed-crawl-one-site-one-worker.md.

Captures go to one Redis list that a single ``monitor ingest`` reads: the only SQLite writer.
A Lua script keeps per-slot politeness across all workers: each request, as it is sent,
reserves the next allowed start time of its download slot.
"""

from __future__ import annotations

import asyncio
import pickle
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy import Request, Spider
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.request import request_from_dict
from scrapy_redis.queue import FifoQueue
from scrapy_redis.scheduler import Scheduler

from capture import Capture
from monitor.config import Site

PREFIX = "policy-monitor"
JOBS = f"{PREFIX}:jobs"
RESULTS = f"{PREFIX}:results"
INGESTING = f"{PREFIX}:ingesting"
INGESTER_LOCK = f"{PREFIX}:ingester"
UNIT_META = "monitor_unit"


def job_key(job: str, part: str) -> str:
    return f"{PREFIX}:job:{job}:{part}"


def alive_key(worker: str) -> str:
    return f"{PREFIX}:worker:{worker}"


def processing_key(job: str, worker: str) -> str:
    return job_key(job, f"processing:{worker}")


def connect(url: str) -> redis.Redis:
    """A binary-safe client (pickled requests and page bodies pass through unchanged)."""
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


def unit_request(site: Site, state: object) -> Request:
    """One site's unit of work as a request for scrapy-redis's queue (never downloaded).

    Its body is the slug, so the duplicate filter tells two sites at one URL apart.
    """
    return Request(
        site.url,
        method="GET",
        body=site.slug.encode(),
        meta={UNIT_META: {"site": site, "state": state}},
    )


# Moves every request a dead worker held back to the queue, in one step.
_REQUEUE = """
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'RIGHT') do moved = moved + 1 end
return moved
"""


def requeue_dead_workers(server: redis.Redis, job: str) -> int:
    """Sites claimed by workers whose lease ran out go back to the job's queue."""
    moved = 0
    for raw in server.smembers(job_key(job, "workers")):
        worker = raw.decode()
        if server.exists(alive_key(worker)):
            continue
        moved += server.eval(_REQUEUE, 2, processing_key(job, worker), job_key(job, "requests"))
        server.srem(job_key(job, "workers"), worker)
    return moved


class SiteQueue(FifoQueue):
    """scrapy-redis's FIFO queue with a reliable pop: claim moves, ack removes."""

    def claim(self, job: str, worker: str) -> bytes | None:
        self.server.sadd(job_key(job, "workers"), worker)  # before the move: the reaper sees it
        return self.server.lmove(self.key, processing_key(job, worker), "RIGHT", "LEFT")

    def ack(self, job: str, worker: str, raw: bytes) -> None:
        self.server.lrem(processing_key(job, worker), 1, raw)

    def give_back(self, job: str, worker: str, raw: bytes) -> None:
        pipe = self.server.pipeline()
        pipe.lrem(processing_key(job, worker), 1, raw)
        pipe.rpush(self.key, raw)
        pipe.execute()

    def decode(self, raw: bytes) -> Request:
        return request_from_dict(self.serializer.loads(raw), spider=self.spider)


class SiteScheduler(Scheduler):
    """scrapy-redis's scheduler, one site per claim; a site's own requests stay local.

    Settings: MONITOR_JOB, MONITOR_WORKER_ID, MONITOR_WORKER_SITES (sites held at once).
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.job = crawler.settings.get("MONITOR_JOB")
        scheduler.worker = crawler.settings.get("MONITOR_WORKER_ID")
        scheduler.max_sites = crawler.settings.getint("MONITOR_WORKER_SITES")
        scheduler.local: deque[Request] = deque()
        scheduler.held: dict[str, bytes] = {}  # slug -> the claimed queue entry
        return scheduler

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.local.append(request)
        return True

    def next_request(self) -> Request | None:
        self._finish_done_sites()
        if self.local:
            return self.local.popleft()
        while len(self.held) < self.max_sites:
            raw = self.queue.claim(self.job, self.worker)
            if raw is None:
                return None
            unit = self.queue.decode(raw).meta[UNIT_META]
            site: Site = unit["site"]
            self.held[site.slug] = raw
            self.stats.inc_value("scheduler/dequeued/redis")
            self.local.extend(self.spider.site_requests(site, unit["state"]))
            if self.local:
                return self.local.popleft()
            self._finish_done_sites()
        return None

    def has_pending_requests(self) -> bool:
        self._finish_done_sites()
        return bool(self.local or self.held or len(self.queue))

    def close(self, reason: str) -> None:
        """Sites not finished (a graceful stop) go back to the queue for another worker."""
        if reason == "rate_limited":  # the Wayback said stop: the whole job stops, not just us
            why = self.crawler.stats.get_value("monitor/stop_reason") or reason
            self.server.set(job_key(self.job, "stop_reason"), why, ex=86400)
        for raw in self.held.values():
            self.queue.give_back(self.job, self.worker, raw)
        self.held.clear()

    def _finish_done_sites(self) -> None:
        """A site is done when none of its requests is queued here or being handled."""
        if not self.held:
            return
        busy = {r.cb_kwargs.get("slug") for r in self.local}
        # The engine keeps a request in progress from its download until its callback's output
        # (follow-up requests, items) has been handled; Scrapy has no public view of this.
        busy |= {r.cb_kwargs.get("slug") for r in self.crawler.engine._slot.inprogress}
        for slug in [slug for slug in self.held if slug not in busy]:
            self._report_done(slug)
            self.queue.ack(self.job, self.worker, self.held.pop(slug))
            self.spider.forget_site(slug)

    def _report_done(self, slug: str) -> None:
        """After the site's captures, its counters: the ingester marks it done on reading this."""
        stats = self.crawler.stats.get_stats()
        prefix = f"monitor/{slug}/"
        counters = {key[len(prefix) :]: stats[key] for key in list(stats) if key.startswith(prefix)}
        for key in list(stats):
            if key.startswith(prefix):
                del stats[key]
        push_result(self.server, {"kind": "done", "job": self.job, "slug": slug, "stats": counters})


def push_result(server: redis.Redis, record: dict[str, Any]) -> None:
    server.lpush(RESULTS, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


class ResultsPipeline:
    """A worker's only pipeline: each capture goes onto the results list for the ingester."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.job = crawler.settings.get("MONITOR_JOB")
        self.server = connect(crawler.settings.get("REDIS_URL"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResultsPipeline:
        return cls(crawler)

    def process_item(self, item: Capture, spider: Spider | None = None) -> Capture:
        push_result(self.server, {"kind": "capture", "job": self.job, "capture": item})
        item.body = None
        return item


# Reserves the slot's next start: returns how many milliseconds this request must wait.
# KEYS[1]: the slot's next free start; KEYS[2]: the host's pause after a 429 (may be absent)
_RESERVE = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local next_ms = tonumber(redis.call('GET', KEYS[1]) or '0')
local paused_ms = tonumber(redis.call('GET', KEYS[2]) or '0')
local start = math.max(now_ms, next_ms, paused_ms)
local gap = tonumber(ARGV[1])
redis.call('SET', KEYS[1], start + gap, 'PX', gap + 60000 + (start - now_ms))
return start - now_ms
"""

# KEYS[1]: the host's pause; ARGV[1]: milliseconds from now (a longer pause never shrinks)
_PAUSE = """
local now = redis.call('TIME')
local until_ms = now[1] * 1000 + math.floor(now[2] / 1000) + tonumber(ARGV[1])
if until_ms > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[1]) + 1000)
end
return until_ms
"""


def pause_key(host: str) -> str:
    return f"{PREFIX}:pause:{host}"


class SharedHostPause:
    """A 429 pauses the host for every worker, not just the one that was told (Redis's clock)."""

    def __init__(self, url: str):
        self.server = connect(url)
        self.script = self.server.register_script(_PAUSE)

    def pause(self, host: str, seconds: float) -> None:
        self.script(keys=[pause_key(host)], args=[int(seconds * 1000)])


class SharedPaceDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler that first takes its turn in the download slot's shared pace.

    Per download slot, one request start every ``delay`` seconds across all workers: the delay of
    a slot is its DOWNLOAD_SLOTS delay (the Wayback's CDX and capture slots), else DOWNLOAD_DELAY.
    The turn is reserved here, when the worker's own slot (its delay, its concurrency) has let
    the request go, so the request is sent at the reserved time; reserved earlier (in a
    middleware), the local slot could hold it back and squeeze it against another worker's next
    turn. The clock is Redis's, so workers on several machines agree.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.settings = crawler.settings
        self.server = connect(crawler.settings.get("REDIS_URL"))
        self.reserve = self.server.register_script(_RESERVE)

    def delay_of(self, slot: str) -> float:
        configured = self.settings.getdict("DOWNLOAD_SLOTS").get(slot, {})
        return float(configured.get("delay", self.settings.getfloat("DOWNLOAD_DELAY")))

    async def download_request(self, request: Request, spider: Spider | None = None) -> Response:
        host = urlsplit(request.url).netloc
        slot = request.meta.get("download_slot") or host
        delay = self.delay_of(slot)
        wait_ms = await asyncio.to_thread(
            self.reserve,
            keys=[f"{PREFIX}:throttle:{slot}", pause_key(host)],
            args=[int(delay * 1000)],
        )
        if wait_ms:
            await asyncio.sleep(wait_ms / 1000)
        return await super().download_request(request)
