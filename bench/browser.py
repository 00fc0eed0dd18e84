"""What rendering costs: `monitor crawl` over 50 script-rendered pages against the same 50 pages
served as plain HTML, in one run.

Each site is its own host on the local replay (as in bench/run_1000.py). The plain arm serves
each policy in the ``plain`` theme of tests/data/scripted; the rendered arm serves the same text
as an app shell that fetches it from a JSON endpoint (``spa-fetch``), so every page goes through
Chromium. Pages per second and peak memory (the summed PSS of the crawl and every process it
starts, Chromium's included, sampled from /proc every 0.1 s) are printed as ratios against the
plain arm and appended to bench/RESULTS.md.

Usage: python bench/browser.py [--pages 50] [--repeat 1]
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
from bench.run_1000 import own_words, write_sites_on_own_hosts  # noqa: E402
from monitor.demo.fixtures import DEFAULT_FIXTURES  # noqa: E402
from monitor.demo.replay import ReplayServer  # noqa: E402

SCRIPTED = REPO / "tests" / "data" / "scripted"
ARMS = (("plain", "plain HTML"), ("spa-fetch", "script-rendered"))


def make_fixtures(root: Path, pages: int) -> dict[str, list[str]]:
    """A replay fixture folder with each of ``pages`` policies twice, once per arm's theme."""
    scripted = yaml.safe_load((SCRIPTED / "manifest.yaml").read_text())
    shutil.copytree(SCRIPTED / "themes", root / "themes")
    # every seed version but the demo's deliberately broken stub, which is not a policy
    seeds = [
        p for p in sorted((DEFAULT_FIXTURES / "policies").glob("*/*.md")) if p.stem != "broken"
    ]
    sites, slugs = [], {theme: [] for theme, _ in ARMS}
    for n in range(pages):
        text = own_words(seeds[n % len(seeds)].read_text(), n)
        for theme, _ in ARMS:
            slug = f"{theme}-{n:03d}"
            folder = root / "policies" / slug
            folder.mkdir(parents=True)
            (folder / "policy.md").write_text(text)
            sites.append(
                {
                    "slug": slug,
                    "name": f"Clinic {n}",
                    "url": f"https://www.clinic{n:03d}.example/{theme}/privacy",
                    "archive_urls": [f"https://www.clinic{n:03d}.example/{theme}/privacy"],
                    "live": {
                        "version": "policy.md",
                        "theme": theme,
                        "modified": "2025-01-01T00:00:00Z",
                    },
                    "captures": [],
                }
            )
            slugs[theme].append(slug)
    manifest = {"themes": scripted["themes"], "sites": sites}
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return slugs


def tree_pss_mb(root_pid: int) -> float:
    """Memory of a process and all its descendants, from /proc: the sum of their proportional
    set sizes (PSS), so pages Chromium's processes share are counted once, not once each."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(entry))
    total_kb, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total_kb += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total_kb / 1024


def measured(command: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, peak memory (summed PSS) in MB and exit code of one crawl."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_pss_mb(process.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if process.returncode:
        print(process.stderr.read().decode()[-2000:], file=sys.stderr)
    return wall, peak, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each arm, medians kept")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    try:
        slugs = make_fixtures(work / "fixtures", args.pages)
        with ReplayServer(work / "fixtures", host="0.0.0.0") as replay:
            write_sites_on_own_hosts(replay, slugs["plain"] + slugs["spa-fetch"], work / "all")
            rows = []
            for theme, label in ARMS:
                runs = []
                for attempt in range(args.repeat):
                    db = work / f"{theme}-{attempt}.db"
                    env = {
                        **os.environ,
                        "MONITOR_DB": str(db),
                        "MONITOR_SITES": str(work / "all"),
                        "MONITOR_WAYBACK_URL": replay.url.replace("0.0.0.0", "127.0.0.1"),
                        "MONITOR_DOWNLOAD_DELAY": "0",
                        "MONITOR_SCRAPY_LOG_LEVEL": "WARNING",
                        "PYTHONPATH": str(REPO),
                    }
                    command = [sys.executable, "-m", "monitor", "crawl", *slugs[theme]]
                    runs.append(measured(command, env))
                    check_versions(db, slugs[theme])
                wall = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                rows.append((label, wall, args.pages / wall, peak, max(r[2] for r in runs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base_rate, base_peak = rows[0][2], rows[0][3]
    table = [
        "| arm | wall s | pages/s | x plain | peak MB | x plain | exit |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, wall, rate, peak, code in rows:
        table.append(
            f"| {label} | {wall:.1f} | {rate:.2f} | {rate / base_rate:.2f} | {peak:.0f} "
            f"| {peak / base_peak:.2f} | {code} |"
        )
    body = "\n".join(table) + (
        f"\n\n{args.pages} pages each, `monitor crawl`, each site its own host; "
        f"median of {args.repeat}. Peak MB: the summed PSS of the crawl and its Chromium "
        "processes.\n"
    )
    print(body)
    results.append("Browser rendering: script-rendered pages vs plain HTML", body)


def check_versions(db: Path, slugs: list[str]) -> None:
    """Every page must have become a version: a bench of failed renders would measure nothing."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        done = conn.execute(
            "SELECT count(DISTINCT site) FROM captures WHERE version_id IS NOT NULL"
        ).fetchone()[0]
        reasons = conn.execute(
            "SELECT site, rejected_reason FROM captures WHERE version_id IS NULL"
        ).fetchall()
    if done != len(slugs):
        shown = "; ".join(f"{site}: {reason}" for site, reason in reasons[:5])
        raise SystemExit(f"only {done} of {len(slugs)} pages became versions ({shown})")


if __name__ == "__main__":
    main()
