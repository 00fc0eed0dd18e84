"""Start-up of `monitor --help` and the read commands against a bare `python -c pass`.

Each command runs as a subprocess several times in this run, interleaved with the baseline; the
median CPU time (user + system of the child) is printed as a ratio of the baseline's median
(goal: within 5x) and appended to bench/RESULTS.md. The read commands run on a small database
made here by storing two versions of one policy through the store (no crawl, no network), with
a sites file listing that site. Each command runs once unmeasured first, with bytecode allowed,
as an installed package runs.

Usage: python bench/startup.py [--repeat 9] [--no-save]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import results  # noqa: E402


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU time (user + system) one child process spent, from the kernel's accounting."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=env["HOME"])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


SITES_FILE = """sites:
  - slug: clinic
    name: Clinic
    url: https://clinic.test/privacy
"""


def small_database(path: Path) -> None:
    """Two versions of one site's policy, stored and compared as a crawl would."""
    script = f"""
import sys; sys.path.insert(0, {str(REPO)!r})
from monitor.config import Site
from monitor.ingest import ingest
from monitor.store import Store
from capture import Capture
site = Site(slug="clinic", name="Clinic", url="https://clinic.test/privacy")
with Store({str(path)!r}) as store:
    store.sync_sites([site])
    for stamp, body in (("2020-01-01T00:00:00Z", "We never sell your data."),
                        ("2021-01-01T00:00:00Z", "We may sell your data to partners.")):
        ingest(store, site, Capture(site="clinic", source="live", url=site.url,
            captured_at=stamp, status=200, body=f"<h1>Privacy</h1><p>{{body}}</p>".encode(),
            content_type="text/html"))
"""
    subprocess.run([sys.executable, "-c", script], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-save", action="store_true", help="Do not append to RESULTS.md.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as home:
        db = Path(home) / "monitor.db"
        small_database(db)
        sites = Path(home) / "sites.yaml"
        sites.write_text(SITES_FILE, encoding="utf-8")
        env = {
            **os.environ,
            "HOME": home,
            "MONITOR_DB": str(db),
            "MONITOR_SITES": str(sites),
            "PYTHONPATH": str(REPO),
        }
        env.pop("MONITOR_HOME", None)
        # As installed, a package's modules are compiled once (pip writes the bytecode); a
        # shell that forbids bytecode would time the compiler, not the start-up.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        monitor = [sys.executable, "-m", "monitor"]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "monitor --help": [*monitor, "--help"],
            "monitor history --help": [*monitor, "history", "--help"],
            "monitor history clinic": [*monitor, "history", "clinic"],
            "monitor diff clinic": [*monitor, "diff", "clinic"],
            "monitor status": [*monitor, "status"],
            "monitor sites": [*monitor, "sites"],
            "monitor feed clinic": [*monitor, "feed", "clinic"],
            "monitor report clinic": [*monitor, "report", "clinic", "-o", "report.html"],
        }
        for command in commands.values():  # warm-up: bytecode written, files in the page cache
            cpu_seconds(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.repeat):
            for name, command in commands.items():
                times[name].append(cpu_seconds(command, env))
    floor = statistics.median(times["python -c pass"])
    rows = ["| command | median CPU s | ratio to `python -c pass` |", "|---|---|---|"]
    for name, measured in times.items():
        median = statistics.median(measured)
        rows.append(f"| `{name}` | {median:.3f} | {median / floor:.1f}x |")
    table = "\n".join(rows)
    print(table)
    if not options.no_save:
        results.append("Start-up of monitor commands (bench/startup.py)", table)


if __name__ == "__main__":
    main()
