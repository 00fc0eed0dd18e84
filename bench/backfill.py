"""Benchmark: a large backfill on the replay, against what the throttle settings allow.

Generates 200 sites x 40 captures (40% of the captures repeat an earlier digest: half of them
right after it, which CDX collapse=digest drops, half later, which we must record without a
download), serves them with the replay, runs `monitor backfill` in a subprocess and prints:

- raw capture fetches per distinct digest (goal 1.00),
- CDX requests per site (goal: 1 query per URL key + 1 per extra page),
- wall time against the floor the pace settings impose (goal: within 10% of it),
- peak memory (max RSS of the backfill process).

Appends the table to bench/RESULTS.md with the date and the machine.
Usage: python bench/backfill.py [--sites 200] [--captures 40] [--captures-per-second 40]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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

THEMES = ("bootstrap", "wordpress", "react", "next")
TOPICS = (
    "account details",
    "payment records",
    "appointment history",
    "device identifiers",
    "location data",
    "health information",
    "marketing preferences",
    "support messages",
)


def policy_text(site: int, version: int) -> str:
    """A small, distinct policy per (site, version): a few sections that drift over time."""
    lines = [f"# Privacy Policy of Site {site}", ""]
    for section, topic in enumerate(TOPICS):
        lines += [f"## {topic.capitalize()}", ""]
        days = 30 + (version + section) % 7 * 30
        lines.append(
            f"We collect {topic} when you use the services of site {site}. We keep {topic} "
            f"for {days} days and share it only with processors bound by contract. "
            f"You may ask for a copy or deletion of your {topic} at any time (rule {version})."
        )
        lines.append("")
    return "\n".join(lines)


def blocks(captures: int) -> list[list[int]]:
    """Version numbers per year: [a, a] (adjacent repeat) and [a, b, a] (a later repeat)."""
    result, version, used = [], 0, 0
    while used < captures:
        if len(result) % 2 == 0 and captures - used >= 2:
            result.append([version, version])
            version, used = version + 1, used + 2
        elif captures - used >= 3:
            result.append([version, version + 1, version])
            version, used = version + 2, used + 3
        else:
            result.append([version])
            version, used = version + 1, used + 1
    return result


def generate(root: Path, sites: int, captures: int) -> tuple[int, int, list[dict]]:
    """Write a fixtures folder; return (distinct digests, repeated rows, sites-file entries)."""
    shutil.copytree(DEFAULT_FIXTURES / "themes", root / "themes")
    demo = yaml.safe_load((DEFAULT_FIXTURES / "manifest.yaml").read_text(encoding="utf-8"))
    manifest = {"themes": demo["themes"], "sites": []}
    entries, distinct, repeated = [], 0, 0
    for number in range(sites):
        slug = f"site{number:03d}"
        url = f"https://www.{slug}.example/privacy"
        folder = root / "policies" / slug
        folder.mkdir(parents=True)
        rows = []
        for year_index, years_versions in enumerate(blocks(captures)):
            year = 2000 + year_index
            theme = THEMES[year_index % len(THEMES)]
            seen = set()
            for month, version in enumerate(years_versions, start=1):
                (folder / f"v{version}.md").write_text(policy_text(number, version), "utf-8")
                repeated += version in seen
                seen.add(version)
                variant = ("http://", "https://www.")[month % 2]
                rows.append(
                    {
                        "timestamp": f"{year}{month:02d}15120000",
                        "url": f"{variant}{slug}.example/privacy".replace("www.www.", "www."),
                        "status": 200,
                        "version": f"v{version}.md",
                        "theme": theme,
                    }
                )
            distinct += len(seen)
        last = rows[-1]
        manifest["sites"].append(
            {
                "slug": slug,
                "name": f"Site {number}",
                "url": url,
                "archive_urls": [url],
                "nav": ["Home", "Contact"],
                "live": {
                    "version": last["version"],
                    "theme": last["theme"],
                    "modified": "2025-01-01T00:00:00Z",
                },
                "captures": rows,
            }
        )
        entries.append({"slug": slug, "name": f"Site {number}", "url": url})
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return distinct, repeated, entries


def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-backfill-"))
    try:
        distinct, repeated, entries = generate(work / "fixtures", args.sites, args.captures)
        (work / "sites.yaml").write_text(yaml.safe_dump({"sites": entries}), encoding="utf-8")
        with ReplayServer(work / "fixtures") as replay:
            env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
            env.update(
                PYTHONPATH=str(REPO),
                MONITOR_ALLOW_PRIVATE="1",  # the replay is on loopback
                MONITOR_DB=str(work / "bench.db"),
                MONITOR_SITES=str(work / "sites.yaml"),
                MONITOR_WAYBACK_URL=replay.url,
                MONITOR_CDX_PER_MINUTE=str(args.cdx_per_minute),
                MONITOR_CAPTURES_PER_SECOND=str(args.captures_per_second),
            )
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "monitor", "backfill", "--format", "json"],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
            )
            wall = time.monotonic() - started
            if done.returncode != 0:
                raise SystemExit(f"backfill failed ({done.returncode}): {done.stderr[-2000:]}")
            summary = json.loads(done.stdout)
            fetches = sum(1 for r in replay.requests if r.path.startswith("/web/"))
            cdx = sum(1 for r in replay.requests if r.path.startswith("/cdx/"))
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cdx_delay = 60.0 / args.cdx_per_minute
    capture_delay = 1.0 / args.captures_per_second
    per_site = distinct / args.sites
    floor = max((fetches - 1) * capture_delay, (cdx - 1) * cdx_delay + per_site * capture_delay)
    crawl_time = summary["elapsed_seconds"]
    return {
        "sites": args.sites,
        "captures": args.sites * args.captures,
        "repeated": repeated,
        "distinct": distinct,
        "fetches": fetches,
        "cdx": cdx,
        "floor": floor,
        "crawl_time": crawl_time,
        "wall": wall,
        "peak_mb": peak_mb,
        "listed": summary["totals"]["listed"],
        "identical": summary["totals"]["identical_not_fetched"],
        "settings": f"CDX {args.cdx_per_minute:g}/min, captures {args.captures_per_second:g}/s",
    }


def table(r: dict) -> str:
    rows = [
        ("captures in the archive", f"{r['captures']} ({r['repeated']} repeat a digest)", ""),
        ("listed after collapse=digest", str(r["listed"]), ""),
        (
            "fetches per distinct digest",
            f"{r['fetches']} / {r['distinct']} = {r['fetches'] / r['distinct']:.2f}",
            "1.00",
        ),
        ("recorded without download", str(r["identical"]), ""),
        ("CDX requests per site", f"{r['cdx'] / r['sites']:.2f}", "1.00 (1 key, 1 page)"),
        (
            "crawl time / throttle floor",
            f"{r['crawl_time']:.1f} s / {r['floor']:.1f} s = {r['crawl_time'] / r['floor']:.3f}",
            "<= 1.10",
        ),
        ("process wall time", f"{r['wall']:.1f} s", ""),
        ("peak memory (max RSS)", f"{r['peak_mb']:.0f} MB", ""),
    ]
    lines = [
        f"| backfill {r['sites']} sites x {r['captures'] // r['sites']} captures "
        f"({r['settings']}) | result | goal |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {value} | {goal} |" for name, value, goal in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--captures", type=int, default=40)
    parser.add_argument("--cdx-per-minute", type=float, default=1200)
    parser.add_argument("--captures-per-second", type=float, default=40)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    result = run(args)
    text = table(result)
    print(text)
    if not args.no_record:
        results.append("bench/backfill.py", text)


if __name__ == "__main__":
    main()
