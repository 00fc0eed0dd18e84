"""Run every benchmark (`make bench`); each prints its table and appends it to RESULTS.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS: tuple[tuple[str, ...], ...] = (
    ("judge.py", "--quiet"),
    ("probes.py",),
    ("diff_speed.py", "--quiet"),
    ("extraction.py",),
    ("run_1000.py",),
    ("distributed.py",),
)


def main() -> int:
    here = Path(__file__).parent
    failed = 0
    for name, *arguments in BENCHMARKS:
        print(f"== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(here / name), *arguments]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
