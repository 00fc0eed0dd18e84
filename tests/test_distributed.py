"""A crawl cluster for real: a Redis server, two `monitor worker`s and one `monitor ingest`.

Each test starts its processes against the local replay and a redis-server of its own on a free
loopback port (no persistence); what they store is compared with a single-process crawl of the
same fixtures (the `crawled` workspace).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from itertools import pairwise

import pytest
import redis
from scrapy.crawler import Crawler
from scrapy.settings import Settings as ScrapySettings

import monitor.ops.cluster
from bench.redis_server import free_loopback_port, redis_server, redis_server_binary
from capture import WaybackState
from crawler.distributed import INGESTER_LOCK
from crawler.spiders.wayback import WaybackSpider
from monitor.config import Settings, Site
from monitor.ops.cluster import Ingester
from tests.conftest import Workspace
from tests.pace import pace_breaches


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = redis_server_binary(install=True)
    if binary is None:
        pytest.skip("redis-server is not installed and apt-get could not install it")
    with redis_server(tmp_path_factory.mktemp("redis"), binary) as url:
        yield url


@pytest.fixture
def cluster(redis_url, workspace):
    """Two workers and the ingester, started; stopped (and Redis emptied) after the test."""
    redis.Redis.from_url(redis_url).flushall()
    env = workspace.env(MONITOR_WORKER_LEASE="1")
    started = {}

    def start(name: str, *args: str) -> subprocess.Popen:
        started[name] = subprocess.Popen(
            [sys.executable, "-m", "monitor", *args, "--workers", redis_url],
            cwd=workspace.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(workspace.root / f"{name}.log").open("w"),
        )
        return started[name]

    for name in ("w1", "w2"):
        start(name, "worker", "--id", name, "--sites-at-once", "2")
    start("ingest", "ingest")
    client, deadline = redis.Redis.from_url(redis_url), time.monotonic() + 30
    while not all(client.exists(f"policy-monitor:worker:{name}") for name in ("w1", "w2")):
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.05)
    yield started
    for process in started.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started.values():
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _stored(db) -> tuple[Counter, Counter]:
    """Wayback captures (site, url, time) and versions (site, text hash), with repeats counted."""
    with sqlite3.connect(db) as connection:
        captures = Counter(
            connection.execute(
                "SELECT site, url, captured_at FROM captures WHERE source = 'wayback'"
            ).fetchall()
        )
        versions = Counter(connection.execute("SELECT site, text_sha256 FROM versions").fetchall())
    return captures, versions


def _distributed(workspace: Workspace, redis_url: str, command: str, **env: str):
    done = workspace.run(command, "--workers", redis_url, "--format", "json", timeout=60, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_two_workers_fetch_every_page_once_and_store_every_version_once(
    workspace, redis_url, cluster, crawled
):
    _distributed(workspace, redis_url, "backfill")
    _distributed(workspace, redis_url, "crawl")

    fetched = Counter(
        r.path for r in workspace.replay.requests if "id_/" in r.path or "/live/" in r.path
    )
    assert fetched and max(fetched.values()) == 1, fetched.most_common(3)
    captures, versions = _stored(workspace.db)
    expected_captures, expected_versions = _stored(crawled.db)
    assert captures == expected_captures and max(captures.values()) == 1
    assert versions == expected_versions and max(versions.values()) == 1


def _seed_watching_claims(workspace: Workspace, redis_url: str, **env: str) -> set[str]:
    """Run `monitor backfill --workers` to its end; the names of the workers that claimed sites."""
    client = redis.Redis.from_url(redis_url)
    seeding = subprocess.Popen(
        [sys.executable, "-m", "monitor", "backfill", "--workers", redis_url],
        cwd=workspace.root,
        env=workspace.env(**env),
        stdout=(workspace.root / "seeding.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    claimed = set()
    while seeding.poll() is None:
        claimed |= {k.decode().rsplit(":", 1)[1] for k in client.keys("*:processing:*")}
        time.sleep(0.02)
    assert seeding.returncode == 0, (workspace.root / "seeding.log").read_text()
    return claimed


def test_both_workers_fetch(workspace, redis_url, cluster):
    """The work is shared: each worker claims sites (the queue is theirs, not one's)."""
    workspace.replay.delay = 0.1
    assert _seed_watching_claims(workspace, redis_url) == {"w1", "w2"}


def test_the_wayback_pace_is_shared_by_both_workers(workspace, redis_url, cluster):
    """200 CDX queries a minute means one every 300 ms at the archive, whichever worker asks.

    Read from the replay's log: every run of consecutive queries spans its intervals, less one
    late note (a worker descheduled after reserving its turn, or the replay's handler thread
    woken late; see tests/pace).
    """
    workspace.replay.delay = 0.05
    claimed = _seed_watching_claims(workspace, redis_url, MONITOR_CDX_PER_MINUTE="200")

    assert claimed == {"w1", "w2"}
    arrivals = [r.time for r in workspace.replay.requests if r.path.startswith("/cdx/")]
    assert len(arrivals) >= 5
    assert not pace_breaches(arrivals, 0.3), pace_breaches(arrivals, 0.3)


def test_killing_a_worker_mid_crawl_loses_nothing(workspace, redis_url, cluster, crawled):
    client = redis.Redis.from_url(redis_url)
    workspace.replay.delay = 0.2  # slow enough to kill a worker holding sites
    seeding = subprocess.Popen(
        [sys.executable, "-m", "monitor", "backfill", "--workers", redis_url],
        cwd=workspace.root,
        env=workspace.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    holding = []
    while not holding:
        assert time.monotonic() < deadline, "no worker claimed a site"
        holding = [k for k in client.keys("*:processing:*") if client.llen(k)]
        time.sleep(0.02)
    victim = holding[0].decode().rsplit(":", 1)[1]
    cluster[victim].kill()  # SIGKILL: no goodbye, its claimed sites stay in its processing list
    out, err = seeding.communicate(timeout=60)
    assert seeding.returncode == 0, err
    workspace.replay.delay = 0
    _distributed(workspace, redis_url, "crawl")

    captures, versions = _stored(workspace.db)
    expected_captures, expected_versions = _stored(crawled.db)
    assert captures == expected_captures
    assert versions == expected_versions


def test_unreachable_redis_is_one_clear_line(workspace):
    port = free_loopback_port()
    done = workspace.run("crawl", "--workers", f"redis://127.0.0.1:{port}/0")
    assert done.returncode == 2
    assert done.stderr.startswith(f"Error: cannot reach Redis at 127.0.0.1:{port}/0")
    assert "Traceback" not in done.stderr


def test_worker_without_redis_says_what_to_give(workspace):
    done = workspace.run("worker")
    assert done.returncode == 2
    assert "--workers redis://HOST:PORT/N" in done.stderr


_RACING = 4  # requests the two workers may have sent before the pause reached them


def test_a_429_pauses_the_host_for_both_workers(workspace, redis_url, cluster):
    """One worker is told 429; neither sends the archive anything until the pause is over."""
    workspace.replay.delay = 0.05
    workspace.replay.fault("/cdx/search/cdx", "429", times=1)
    claimed = _seed_watching_claims(workspace, redis_url, MONITOR_429_PAUSE="1.5")

    assert claimed == {"w1", "w2"}
    [told] = [r.time for r in workspace.replay.requests if r.status == 429]
    # Requests already on the wire when the 429 came back still arrive (how many depends on the
    # machine's load); then a silence of most of the pause, from both workers.
    soon_after = [r.time for r in workspace.replay.requests if r.time >= told][: _RACING + 2]
    silence = max(b - a for a, b in pairwise(soon_after))
    assert silence >= 1.0, f"the longest gap after the 429 was {silence:.2f} s"
    assert any(r.time >= told + 1.3 for r in workspace.replay.requests)


def test_a_worker_forgets_a_finished_sites_wayback_state():
    site = Site(slug="clinic", name="Clinic", url="https://clinic.example/privacy")
    settings = ScrapySettings(
        {
            "MONITOR_WAYBACK_URL": "http://127.0.0.1:9",
            "MONITOR_CDX_PAGE_SIZE": 100,
            "MONITOR_CDX_PER_MINUTE": 60,
            "MONITOR_CAPTURES_PER_SECOND": 1,
        }
    )
    crawler = Crawler(WaybackSpider, settings)
    spider = WaybackSpider.from_crawler(crawler, sites=[site])
    known = {("https://clinic.example/privacy", "2020")}
    attempts = {("https://clinic.example/privacy", "2021"): 1}
    list(spider.site_requests(site, WaybackState(known, {"DIGEST"}, attempts)))
    assert "clinic" in spider.known and "clinic" in spider.open_queries
    spider.forget_site("clinic")
    kept = (
        spider.known,
        spider.stored_digests,
        spider.attempts,
        spider.listed,
        spider.open_queries,
        spider.planned,
    )
    assert all("clinic" not in state for state in kept)


def test_an_ingester_keeps_its_lock_while_storing_a_capture_longer_than_the_lease(
    redis_url, tmp_path, monkeypatch
):
    monkeypatch.setattr(monitor.ops.cluster, "LEASE", 0.3)
    server = redis.Redis.from_url(redis_url)
    server.flushall()
    first, second = (Ingester(server, Settings(db=tmp_path / "m.db")) for _ in range(2))
    try:
        assert first.acquire()
        time.sleep(1.0)  # storing one big capture: three leases long
        assert not second.acquire()
        server.set(INGESTER_LOCK, "another process")  # lost (say Redis was flushed): it stops
        assert not first.renew() and first.drain(1) == 0
    finally:
        first.close()
        second.close()
