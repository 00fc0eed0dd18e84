"""`monitor compare` on a ~200 KB policy pair: the judge of issue 14 against the judge before
it, measured in one run.

The baseline is the `diffs` package as it was at BASELINE (the last commit before issue 14's
judge), taken from git into a temporary folder; both run `compare` on the same pair in a fresh
process (import included, as a user running `monitor compare` pays it, with bytecode written
by a warm-up run as an installed package has it; the median of 3 runs, alternated with the
baseline's) and warm (best of 3 in each of those processes). Prints the ratios; the goal is
within 1.5x.

    .venv/bin/python bench/compare_speed.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import results  # noqa: E402
from bench.diff_speed import edited, policy_text  # noqa: E402
from diffs import normalize, split  # noqa: E402

BASELINE = "afcea65"
SIZE = 200_000
_TIMER = """
import sys, time, json
sys.path.insert(0, sys.argv[1])
started = time.process_time()
from diffs import compare, normalize
old, new = (open(p, encoding="utf-8").read() for p in sys.argv[2:4])
md = "text/markdown"
first = compare(normalize(old, content_type=md), normalize(new, content_type=md))
cold = time.process_time() - started
warm = []
for _ in range(3):
    started = time.process_time()
    compare(normalize(old, content_type=md), normalize(new, content_type=md))
    warm.append(time.process_time() - started)
material = sum(j.judgement.materiality == "material" for j in first)
print(json.dumps({"cold": cold, "warm": min(warm), "changes": len(first), "material": material}))
"""


def timed(code_root: Path, old: Path, new: Path) -> dict:
    # bytecode allowed, as an installed package runs (this environment may forbid writing it;
    # a warm-up run per side writes it, as bench/startup.py does)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(code_root), str(old), str(new)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    import json

    return json.loads(out.stdout)


_ROUNDS = 3


def _typical(runs: list[dict]) -> dict:
    """The median cold time and the best warm time of several runs of one side."""
    colds = sorted(run["cold"] for run in runs)
    return {**runs[0], "cold": colds[len(colds) // 2], "warm": min(run["warm"] for run in runs)}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        baseline = tmp / "baseline"
        baseline.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BASELINE, "diffs"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
        text = policy_text(SIZE)
        clauses = split(normalize(text, content_type="text/markdown"))
        old, new = tmp / "old.md", tmp / "new.md"
        old.write_text(text, encoding="utf-8")
        new.write_text("\n\n".join(c.text for c in edited(clauses)), encoding="utf-8")
        runs: dict[Path, list[dict]] = {baseline: [], ROOT: []}
        for root in runs:
            timed(root, old, new)  # warm-up: writes the bytecode
        for _ in range(_ROUNDS):  # alternated, so a burst of load falls on both sides
            for root in runs:
                runs[root].append(timed(root, old, new))
        before, after = (_typical(runs[root]) for root in (baseline, ROOT))
    lines = [
        f"~{SIZE // 1000} KB policy pair, {after['changes']} changes "
        f"({after['material']} material now, {before['material']} before); CPU seconds",
        "",
        "| judge | cold (import + compare) | warm (best of 3) |",
        "|---|---|---|",
        f"| before issue 14 ({BASELINE}) | {before['cold']:.2f} | {before['warm']:.2f} |",
        f"| now | {after['cold']:.2f} | {after['warm']:.2f} |",
        f"| ratio | {after['cold'] / before['cold']:.2f}x "
        f"| {after['warm'] / before['warm']:.2f}x |",
    ]
    table = "\n".join(lines)
    print(table)
    results.append("monitor compare on a 200 KB pair, judge before/after issue 14", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
