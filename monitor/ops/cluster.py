"""Crawling past one machine: seed a job into Redis, workers fetch it, one ingester stores it.

``monitor crawl|backfill|run --workers redis://HOST:PORT/N`` (or MONITOR_REDIS_URL) pushes one
unit per site into Redis and waits; ``monitor worker`` processes on any machine claim units and
fetch them (crawler/distributed.py); ``monitor ingest`` is the only process that writes the
SQLite file, so ingest's guarantees (one transaction per capture, idempotence, the alert
outbox) are the single-process crawl's. While it waits, the seeding command ingests itself when
no ``monitor ingest`` holds the ingester lock, so one writer at a time is all there ever is.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import redis
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.spiderloader import SpiderLoader
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.distributed import (
    INGESTER_LOCK,
    INGESTING,
    JOBS,
    RESULTS,
    SiteQueue,
    alive_key,
    connect,
    job_key,
    requeue_dead_workers,
    unit_request,
)
from monitor.config import Settings, Site, alert_key_path
from monitor.errors import ConfigError, MonitorError, StoreWriteError
from monitor.ingest.core import ingest
from monitor.logs import setup_logging
from monitor.ops.handover import scrapy_settings, spider_states
from monitor.ops.summary import COUNTERS, CrawlSummary, SiteSummary
from monitor.store import Store

logger = logging.getLogger(__name__)

LEASE = float(os.environ.get("MONITOR_WORKER_LEASE", 15))  # seconds a silent worker keeps sites
TICK = 0.5
JOB_SETTINGS = (  # the seeder's, so every worker fetches and throttles alike
    "MONITOR_WAYBACK_URL",
    "MONITOR_CDX_PER_MINUTE",
    "MONITOR_CAPTURES_PER_SECOND",
    "MONITOR_CDX_PAGE_SIZE",
    "MONITOR_MAX_429",
    "MONITOR_429_PAUSE",
    "DOWNLOAD_DELAY",
)


def open_redis(url: str) -> redis.Redis:
    """A connected client, or one clear error naming where (without a password)."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"--workers must be a redis:// URL, not {url!r}")
    server = connect(url)
    try:
        server.ping()
    except redis.RedisError as exc:
        parts = urlsplit(url)
        where = parts.netloc.rsplit("@", 1)[-1] + parts.path  # never the password
        raise ConfigError(f"cannot reach Redis at {where}: {exc}") from None
    return server


def worker_settings(settings: Settings, overrides: dict | None = None):
    """The Scrapy settings of a worker: scrapy-redis scheduler, results to Redis, shared pace."""
    result = scrapy_settings(settings, overrides)
    result.set("SCHEDULER", "crawler.distributed.SiteScheduler", priority="cmdline")
    result.set("SCHEDULER_QUEUE_CLASS", "crawler.distributed.SiteQueue", priority="cmdline")
    result.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="cmdline")
    result.set("SCHEDULER_PERSIST", True, priority="cmdline")  # a closing worker keeps the queue
    result.set("REDIS_URL", settings.redis_url, priority="cmdline")
    result.set("ITEM_PIPELINES", {"crawler.distributed.ResultsPipeline": 300}, priority="cmdline")
    handler = "crawler.distributed.SharedPaceDownloadHandler"
    result.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="cmdline")
    return result


# seeding -------------------------------------------------------------------------------------


def run_jobs(
    settings: Settings,
    sites: list[Site],
    jobs: list[tuple[str, dict]],
    overrides: dict | None = None,
    *,
    notify: bool = False,
) -> CrawlSummary:
    """monitor.ops.jobs.run_spiders over Redis: each job seeded, fetched by workers, ingested."""
    server = open_redis(settings.redis_url)
    scrapy = scrapy_settings(settings, overrides)
    loader = SpiderLoader.from_settings(scrapy)
    summaries = {site.slug: SiteSummary(site.slug, dict.fromkeys(COUNTERS, 0)) for site in sites}
    stop_reason = None
    for name, kwargs in jobs:
        arguments = {"sites": sites, **kwargs}
        job_sites = arguments.pop("sites")
        job_notify = arguments.pop("notify", notify)
        job = submit(server, settings, loader.load(name), job_sites, arguments, job_notify, scrapy)
        try:
            stop_reason = wait_for(server, settings, job) or stop_reason
            _merge_summary(server, job, summaries)
        finally:
            finish(server, job)
    return CrawlSummary(list(summaries.values()), stop_reason)


def submit(server, settings, spider_cls, sites, arguments, notify, scrapy) -> str:
    """One unit per site (with what its spider needs from the store) into a new job's queue."""
    job = uuid.uuid4().hex[:12]
    with Store(settings.db) as store:
        store.sync_sites(sites)
        states = spider_states(store, spider_cls.name, sites)
    queue = SiteQueue(server, spider_cls, job_key(job, "requests"))
    dupefilter = RFPDupeFilter(server, job_key(job, "dupefilter"))
    total = 0
    for site in sites:
        request = unit_request(site, states[site.slug])
        if not dupefilter.request_seen(request):
            queue.push(request)
            total += 1
    meta = {
        "spider": spider_cls.name,
        "arguments": arguments,
        "sites": sites,
        "notify": notify,
        "total": total,
        "settings": {key: scrapy.get(key) for key in JOB_SETTINGS},
    }
    server.set(job_key(job, "meta"), pickle.dumps(meta), ex=86400)
    server.sadd(JOBS, job)
    return job


def wait_for(server: redis.Redis, settings: Settings, job: str) -> str | None:
    """Until every site of the job is ingested; ingests itself when no ingester runs."""
    meta = load_meta(server, job)
    ingester = Ingester(server, settings)
    try:
        while True:
            requeue_dead_workers(server, job)
            if ingester.acquire():
                ingester.drain(TICK)
            else:
                time.sleep(TICK)
            stop = server.get(job_key(job, "stop_reason"))
            if stop:
                return stop.decode()
            if server.scard(job_key(job, "done")) >= meta["total"]:
                return None
    finally:
        ingester.close()


def _merge_summary(server: redis.Redis, job: str, summaries: dict[str, SiteSummary]) -> None:
    for field, value in server.hgetall(job_key(job, "counts")).items():
        slug, counter = field.decode().rsplit("/", 1)
        if slug in summaries and counter in COUNTERS:
            summaries[slug].counts[counter] += int(value)
    for slug, error in server.hgetall(job_key(job, "errors")).items():
        if slug.decode() in summaries:
            summaries[slug.decode()].last_error = error.decode()


def finish(server: redis.Redis, job: str) -> None:
    """The job's keys go; its meta stays a day for a late capture from a worker thought dead."""
    server.srem(JOBS, job)
    keys = [job_key(job, part) for part in ("requests", "dupefilter", "workers", "done")]
    keys += list(server.scan_iter(job_key(job, "processing:*")))
    server.delete(*keys)
    for part in ("counts", "errors", "stop_reason"):
        server.expire(job_key(job, part), 3600)


def load_meta(server: redis.Redis, job: str) -> dict | None:
    raw = server.get(job_key(job, "meta"))
    return pickle.loads(raw) if raw else None


# ingesting -----------------------------------------------------------------------------------


# Extends the ingester lock only for the process that holds it (a GET then PEXPIRE could extend
# a lock another process took in between).
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class Ingester:
    """Reads the results list into SQLite, one capture per transaction; one at a time holds it.

    A record is moved to an ``ingesting`` list while it is stored and removed after the commit,
    so an ingester killed mid-capture leaves it there for the next one (ingest is idempotent).
    The lock is kept alive by a thread while the process lives, so a capture that takes longer
    than the lease to store does not let a second ingester start beside it (it would store a
    repeat capture before the commit of the body it refers to); the lock is checked before each
    record, so an ingester that lost it stops.
    """

    def __init__(self, server: redis.Redis, settings: Settings):
        self.server = server
        self.settings = settings
        self.token = uuid.uuid4().hex
        self.held = False
        self.store: Store | None = None
        self.jobs: dict[str, dict] = {}
        self._renew = server.register_script(_RENEW)
        self._closed = threading.Event()
        self._keeper: threading.Thread | None = None

    def renew(self) -> bool:
        """Extend the lock if this process still holds it; whether it does."""
        try:
            self.held = self.held and bool(
                self._renew(keys=[INGESTER_LOCK], args=[self.token, int(LEASE * 1000)])
            )
        except redis.RedisError as exc:
            logger.warning("Redis: %s; the ingester lock could not be renewed", exc)
        return self.held

    def _keep_alive(self) -> None:
        while not self._closed.wait(LEASE / 3) and self.renew():
            pass

    def acquire(self) -> bool:
        if self.held and self.renew():
            return True
        self.held = bool(self.server.set(INGESTER_LOCK, self.token, nx=True, px=int(LEASE * 1000)))
        if self.held:
            if self._keeper is None or not self._keeper.is_alive():
                self._keeper = threading.Thread(target=self._keep_alive, daemon=True)
                self._keeper.start()
            while self.server.lmove(INGESTING, RESULTS, "RIGHT", "RIGHT"):
                pass  # left by an ingester that died mid-capture: stored again, idempotently
            self.store = self.store or Store(self.settings.db)
        return self.held

    def drain(self, seconds: float) -> int:
        """Ingest what arrives for up to ``seconds``, while the lock is ours; returns how many
        records were handled."""
        deadline = time.monotonic() + seconds
        handled = 0
        while time.monotonic() < deadline and self.renew():
            raw = self.server.blmove(RESULTS, INGESTING, TICK / 2, "RIGHT", "LEFT")
            if raw is None:
                break
            self.handle(pickle.loads(raw))
            self.server.lrem(INGESTING, 1, raw)
            handled += 1
        return handled

    def handle(self, record: dict) -> None:
        job, kind = record["job"], record["kind"]
        meta = self.job(job)
        if kind == "done":
            slug = record["slug"]
            pipe = self.server.pipeline()
            for counter, value in record["stats"].items():
                if counter == "last_error":
                    pipe.hset(job_key(job, "errors"), slug, value)
                elif isinstance(value, int):
                    pipe.hincrby(job_key(job, "counts"), f"{slug}/{counter}", value)
            pipe.sadd(job_key(job, "done"), slug)
            pipe.execute()
            return
        if meta is None:
            logger.warning("capture of an unknown or expired job %s dropped", job)
            return
        capture = record["capture"]
        site = meta["site_by_slug"][capture.site]
        counts = job_key(job, "counts")
        prefix = capture.site
        try:
            result = ingest(self.store, site, capture, *self.alerting(meta))
        except StoreWriteError:
            # not acknowledged: the record stays in the ingesting list, which the next ingester
            # moves back to the results; this one fails in one line
            raise
        except MonitorError as exc:
            self.server.hincrby(counts, f"{prefix}/failures", 1)
            self.server.hset(job_key(job, "errors"), prefix, f"{capture.url}: {exc}")
            return
        pipe = self.server.pipeline()
        for counter, value in result.counters().items():
            if value:
                pipe.hincrby(counts, f"{prefix}/{counter}", value)
        if failure := result.failure(capture.url):
            pipe.hset(job_key(job, "errors"), prefix, failure)
        pipe.execute()

    def job(self, job: str) -> dict | None:
        if job not in self.jobs:
            meta = load_meta(self.server, job)
            if meta is not None:
                meta["site_by_slug"] = {site.slug: site for site in meta["sites"]}
                self.store.sync_sites(meta["sites"])
            self.jobs[job] = meta
        return self.jobs[job]

    def alerting(self, meta: dict) -> tuple:
        """(subscribers, apprise config) when the job alerts and this ingester has a config."""
        config = self.settings.apprise_config
        if not meta["notify"] or config is None:
            return None, None
        if "subscribers" not in meta:
            from monitor.delivery.notify import (  # apprise: only when alerting
                alert_key,
                load_channels,
            )

            key = alert_key(Path(alert_key_path(self.settings)))
            meta["subscribers"] = [c.subscriber for c in load_channels(Path(config), key)]
        return meta["subscribers"], str(config)

    def close(self) -> None:
        self._closed.set()
        if self._keeper is not None:
            self._keeper.join()
        if self.held and self.server.get(INGESTER_LOCK) == self.token.encode():
            self.server.delete(INGESTER_LOCK)
        self.held = False
        if self.store is not None:
            self.store.close()
            self.store = None


def run_ingester(settings: Settings) -> None:
    """`monitor ingest`: store what the workers send until stopped."""
    server = open_redis(settings.redis_url)
    ingester = Ingester(server, settings)
    waiting_said = False
    try:
        while True:
            for raw in server.smembers(JOBS):
                requeue_dead_workers(server, raw.decode())
            if ingester.acquire():
                ingester.drain(5)
            else:
                if not waiting_said:
                    logger.warning("another process is ingesting; waiting for its lock")
                    waiting_said = True
                time.sleep(TICK)
    finally:
        ingester.close()


# working -------------------------------------------------------------------------------------


def run_worker(
    settings: Settings,
    overrides: dict | None = None,
    *,
    worker_id: str | None = None,
    sites_at_once: int = 16,
) -> None:
    """`monitor worker`: crawl the sites of every job in Redis, until stopped."""
    server = open_redis(settings.redis_url)
    worker = worker_id or f"{socket.gethostname()}-{os.getpid()}"
    base = worker_settings(settings, overrides)
    base.set("MONITOR_WORKER_ID", worker, priority="cmdline")
    base.set("MONITOR_WORKER_SITES", sites_at_once, priority="cmdline")
    process = AsyncCrawlerProcess(base)
    setup_logging(process.settings.get("LOG_LEVEL"), process.settings.get("MONITOR_LOG_FORMAT"))
    running: set[str] = set()

    def start_job(job: str, meta: dict) -> None:
        crawler = process.create_crawler(meta["spider"])
        for key, value in meta["settings"].items():
            crawler.settings.set(key, value, priority="cmdline")
        crawler.settings.set("MONITOR_JOB", job, priority="cmdline")
        crawler.settings.set("SCHEDULER_QUEUE_KEY", job_key(job, "requests"), priority="cmdline")
        crawler.settings.set(
            "SCHEDULER_DUPEFILTER_KEY", job_key(job, "dupefilter"), priority="cmdline"
        )
        running.add(job)
        task = process.crawl(crawler, sites=meta["sites"], **meta["arguments"])
        task.add_done_callback(lambda _: running.discard(job))

    def tick() -> None:
        try:
            server.set(alive_key(worker), 1, px=int(LEASE * 1000))
            for raw in server.smembers(JOBS):
                job = raw.decode()
                requeue_dead_workers(server, job)
                if job in running or server.exists(job_key(job, "stop_reason")):
                    continue
                if server.llen(job_key(job, "requests")) and (meta := load_meta(server, job)):
                    start_job(job, meta)
        except redis.RedisError as exc:
            logger.warning("Redis: %s; trying again", exc)

    from twisted.internet import task

    loop = task.LoopingCall(tick)
    loop.start(TICK)
    process.start(stop_after_crawl=False)
    server.delete(alive_key(worker))
