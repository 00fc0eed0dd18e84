"""`monitor run` over 1,000 sites on the local replay, 2% of them changed, against the floor.

The floor is the same 1,000 fetches by a bare Scrapy spider with the project's settings that
stores nothing. Both run as subprocesses in this run; wall time and peak memory (max RSS) are
printed as ratios against the floor (goal: within 1.5x) and appended to bench/RESULTS.md.

Usage: python bench/run_1000.py [--sites 1000] [--changed 0.02]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import results  # noqa: E402
from monitor.demo.fixtures import DEFAULT_FIXTURES  # noqa: E402
from monitor.demo.replay import ReplayServer  # noqa: E402

MEASURE = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code, file=sys.stderr)"
)


def own_words(text: str, n: int) -> str:
    """A seed policy made this clinic's own: its name in nearly every sentence, so no two sites
    share clause texts (as real sites mostly don't) and no cache helps across sites."""
    return text.replace("We ", f"We at clinic {n} ").replace(" we ", f" we at clinic {n} ")


def make_fixtures(root: Path, count: int) -> list[str]:
    """A replay fixture folder with ``count`` sites built from the demo's policy versions."""
    demo = yaml.safe_load((DEFAULT_FIXTURES / "manifest.yaml").read_text())
    shutil.copytree(DEFAULT_FIXTURES / "themes", root / "themes")
    sources = [
        (s["slug"], sorted((DEFAULT_FIXTURES / "policies" / s["slug"]).iterdir()))
        for s in demo["sites"]
    ]
    themes = sorted(demo["themes"])
    sites = []
    for n in range(count):
        seed, versions = sources[n % len(sources)]
        slug = f"site{n:05d}"
        folder = root / "policies" / slug
        folder.mkdir(parents=True)
        for version in versions:
            (folder / version.name).write_text(own_words(version.read_text(), n))
        sites.append(
            {
                "slug": slug,
                "name": f"Clinic {n} ({seed})",
                "url": f"https://www.clinic{n:05d}.example/privacy",
                "archive_urls": [f"https://www.clinic{n:05d}.example/privacy"],
                "live": {
                    "version": versions[-2].name,
                    "theme": themes[n % len(themes)],
                    "modified": "2025-01-01T00:00:00Z",
                },
                "captures": [],
            }
        )
    manifest = {"themes": demo["themes"], "sites": sites}
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return [s["slug"] for s in sites]


def write_sites_on_own_hosts(replay: ReplayServer, slugs: list[str], path: Path) -> dict:
    """A sites file giving each site its own loopback address (127.0.0.2, .3, ...), so each is
    its own host with its own download slot, as on the real web. The replay must listen on
    0.0.0.0. Returns slug -> address."""
    hosts = {slug: f"127.0.{n // 250}.{n % 250 + 2}" for n, slug in enumerate(slugs)}
    text = replay.sites_yaml()
    for slug, host in hosts.items():
        text = text.replace(
            f"0.0.0.0:{replay.port}/live/{slug}/", f"{host}:{replay.port}/live/{slug}/"
        )
    path.write_text(text.replace("0.0.0.0", "127.0.0.1"))
    return hosts


def measured(command: list[str], env: dict, cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB and exit code of a command run in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, cwd=cwd, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    rss_kb, code = done.stderr.strip().splitlines()[-1].split()
    return wall, int(rss_kb) // 1024, int(code)


def median_run(runs: list[tuple[float, int, int]]) -> tuple[float, int, int]:
    """The median wall time and peak memory of repeated runs, and the worst exit code."""
    return (
        statistics.median(r[0] for r in runs),
        int(statistics.median(r[1] for r in runs)),
        max(r[2] for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--changed", type=float, default=0.02)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, medians kept")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-run-"))
    try:
        slugs = make_fixtures(work / "fixtures", args.sites)
        with ReplayServer(work / "fixtures", host="0.0.0.0") as replay:
            hosts = write_sites_on_own_hosts(replay, slugs, work / "sites.yaml")
            urls = [replay.live_url(s).replace("0.0.0.0", hosts[s]) for s in slugs]
            (work / "urls.txt").write_text("\n".join(urls))
            env = {
                **os.environ,
                "MONITOR_ALLOW_PRIVATE": "1",  # the replay is on loopback
                "MONITOR_DB": str(work / "monitor.db"),
                "MONITOR_SITES": str(work / "sites.yaml"),
                "MONITOR_WAYBACK_URL": replay.url.replace("0.0.0.0", "127.0.0.1"),
                "MONITOR_DOWNLOAD_DELAY": "0",
                "MONITOR_CDX_PER_MINUTE": "600000",
                "MONITOR_CAPTURES_PER_SECOND": "10000",
                "MONITOR_SCRAPY_LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(REPO),
            }
            monitor = [sys.executable, "-m", "monitor", "run"]
            first = measured(monitor, env, REPO)
            changed = slugs[:: max(1, round(1 / args.changed))]
            bare = [
                sys.executable,
                "-m",
                "scrapy",
                "runspider",
                "bench/bare_spider.py",
                "-a",
                f"urls={work / 'urls.txt'}",
            ]
            # Alternate the floor and our run, each time with the same sites changing again
            # (forth and back between two versions), and keep the medians: this machine is
            # shared, and one pair of runs can be off by a third.
            ours_runs, floor_runs = [], []
            for repetition in range(args.repeat):
                for slug in changed:
                    versions = sorted(p.name for p in (work / "fixtures/policies" / slug).iterdir())
                    replay.set_live(slug, versions[-1 - repetition % 2])
                ours_runs.append(measured([*monitor, "--force"], env, REPO))
                floor_runs.append(measured(bare, env, REPO))
            ours, floor = median_run(ours_runs), median_run(floor_runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        (f"bare Scrapy, {args.sites} GETs, stores nothing (floor, median of {args.repeat})", floor),
        (f"monitor run, first run ({args.sites} new sites, archive checked)", first),
        (f"monitor run --force, {len(changed)} changed (median of {args.repeat})", ours),
    ]
    lines = [
        "| run | wall s | x floor | peak MB | x floor | exit |",
        "|---|---|---|---|---|---|",
    ]
    for label, (wall, rss, code) in rows:
        ratios = f"{wall / floor[0]:.2f} | {rss} | {rss / floor[1]:.2f}"
        lines.append(f"| {label} | {wall:.1f} | {ratios} | {code} |")
    goal = "met" if ours[0] <= 1.5 * floor[0] else "NOT met"
    lines += ["", f"Goal (changed-run wall time within 1.5x of the floor): {goal}."]
    text = "\n".join(lines)
    print(text)
    results.append("bench/run_1000.py", text)


if __name__ == "__main__":
    main()
