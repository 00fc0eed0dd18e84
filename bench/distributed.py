"""Benchmark: a crawl cluster against the single-process crawler, and the shared Wayback pace.

2,000 sites (each on its own loopback host, as in run_1000.py) on the local replay with a delay
per response that models a remote server (50 ms). In the same run:

- pages per second of `monitor crawl` in one process (the baseline), then through Redis with 1, 2
  and 4 `monitor worker` processes and one `monitor ingest` (a fresh database each time), as a
  ratio to the baseline; every page must be fetched once;
- `monitor backfill` with 4 workers: CDX requests per minute and the smallest gap between two,
  measured at the replay from the arrival times it records, against MONITOR_CDX_PER_MINUTE.

A local Redis is started on a free loopback port (redis-server must be installed). Prints a table
and appends it to bench/RESULTS.md with the date and the machine.
Usage: python bench/distributed.py [--sites 2000] [--delay 0.05] [--workers 1,2,4]
       [--throttle-sites 300] [--cdx-per-minute 1200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import results  # noqa: E402
from bench.redis_server import redis_server, redis_server_binary  # noqa: E402
from bench.run_1000 import make_fixtures, write_sites_on_own_hosts  # noqa: E402
from monitor.demo.replay import ReplayServer  # noqa: E402


@contextmanager
def cluster(url: str, env: dict, workers: int, root: Path):
    """``workers`` `monitor worker` processes and one `monitor ingest`, running until the end."""
    client = redis.Redis.from_url(url)
    client.flushall()
    processes = []
    names = [f"w{n}" for n in range(1, workers + 1)]
    for name, args in [(n, ("worker", "--id", n)) for n in names] + [("ingest", ("ingest",))]:
        log = (root / f"{name}.log").open("w")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "monitor", *args, "--workers", url],
                cwd=root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        )
    deadline = time.monotonic() + 60
    while not all(client.exists(f"policy-monitor:worker:{name}") for name in names):
        if time.monotonic() > deadline:
            raise SystemExit(f"the workers did not start; see {root}/w1.log")
        time.sleep(0.05)
    try:
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def timed(command: list[str], env: dict, cwd: Path) -> float:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "monitor", *command], cwd=cwd, env=env, capture_output=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.monotonic() - started


def live_pages(replay: ReplayServer) -> tuple[int, int]:
    """(pages fetched, distinct pages) of the live sites since the last reset."""
    paths = [r.path for r in replay.requests if r.path.startswith("/live/")]
    return len(paths), len(set(paths))


def cdx_pace(replay: ReplayServer) -> tuple[int, float, float]:
    """(CDX requests, requests per minute, smallest gap in seconds) as the replay saw them."""
    arrivals = sorted(r.time for r in replay.requests if r.path.startswith("/cdx/"))
    if len(arrivals) < 2:
        return len(arrivals), 0.0, 0.0
    rate = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) * 60
    return len(arrivals), rate, min(b - a for a, b in zip(arrivals, arrivals[1:], strict=False))


def run(args: argparse.Namespace) -> tuple[list[tuple], tuple[int, float, float]]:
    binary = redis_server_binary()
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    work = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    rows = []
    try:
        slugs = make_fixtures(work / "fixtures", args.sites)
        with (
            ReplayServer(work / "fixtures", host="0.0.0.0", delay=args.delay) as replay,
            redis_server(work, binary) as url,
        ):
            write_sites_on_own_hosts(replay, slugs, work / "sites.yaml")
            env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
            env.update(
                PYTHONPATH=str(REPO),
                MONITOR_ALLOW_PRIVATE="1",  # the replay is on loopback
                MONITOR_SITES=str(work / "sites.yaml"),
                MONITOR_WAYBACK_URL=replay.url.replace("0.0.0.0", "127.0.0.1"),
                MONITOR_SCRAPY_LOG_LEVEL="WARNING",
            )

            def crawl(label: str, workers: int) -> None:
                run_env = {**env, "MONITOR_DB": str(work / f"{label}.db")}
                replay.requests.clear()
                if workers:
                    with cluster(url, run_env, workers, work):
                        seconds = timed(["crawl", "--workers", url], run_env, work)
                else:
                    seconds = timed(["crawl"], run_env, work)
                fetched, distinct = live_pages(replay)
                if distinct != args.sites:
                    raise SystemExit(f"{label}: {distinct} of {args.sites} pages fetched")
                rate = distinct / seconds
                baseline = rows[0][3] if rows else rate
                rows.append((label, seconds, fetched, rate, rate / baseline))
                print(f"{label}: {seconds:.1f} s, {rate:.1f} pages/s", file=sys.stderr)

            crawl("single process (baseline)", 0)
            for workers in args.workers:
                crawl(f"{workers} worker{'s' * (workers > 1)} + ingester", workers)

            replay.requests.clear()
            throttle_env = {
                **env,
                "MONITOR_DB": str(work / "throttle.db"),
                "MONITOR_CDX_PER_MINUTE": str(args.cdx_per_minute),
            }
            chosen = slugs[: args.throttle_sites]
            with cluster(url, throttle_env, 4, work):
                timed(["backfill", *chosen, "--workers", url], throttle_env, work)
            pace = cdx_pace(replay)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows, pace


def table(args: argparse.Namespace, rows: list, pace: tuple[int, float, float]) -> str:
    lines = [
        f"| crawl of {args.sites} sites, replay delay {args.delay * 1000:.0f} ms "
        "| wall s | pages fetched | pages/s | x single process |",
        "|---|---|---|---|---|",
    ]
    for label, seconds, fetched, rate, ratio in rows:
        lines.append(f"| {label} | {seconds:.1f} | {fetched} | {rate:.1f} | {ratio:.2f} |")
    count, rate, gap = pace
    spacing = 60 / args.cdx_per_minute
    holds = "holds" if rate <= args.cdx_per_minute * 1.02 else "DOES NOT hold"
    lines += [
        "",
        f"| backfill of {args.throttle_sites} sites with 4 workers | measured at the replay "
        "| configured |",
        "|---|---|---|",
        f"| CDX requests | {count} | |",
        f"| CDX requests per minute | {rate:.0f} "
        f"| {args.cdx_per_minute:g} (MONITOR_CDX_PER_MINUTE) |",
        f"| smallest gap between two CDX requests | {gap * 1000:.0f} ms "
        f"| {spacing * 1000:.0f} ms |",
        "",
        f"The shared Wayback throttle {holds} across 4 workers.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.05, help="replay delay per response")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2, 4],
        help="worker counts to measure, comma-separated",
    )
    parser.add_argument("--throttle-sites", type=int, default=300)
    parser.add_argument("--cdx-per-minute", type=float, default=1200)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    args.throttle_sites = min(args.throttle_sites, args.sites)
    rows, pace = run(args)
    text = table(args, rows, pace)
    print(text)
    if not args.no_record:
        results.append("bench/distributed.py", text)


if __name__ == "__main__":
    main()
