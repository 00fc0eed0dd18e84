"""`monitor compare` on a ~200 KB policy pair: the judge of issue 14 against the judge before
it, measured in one run.

The baseline is the code as it was at BASELINE (the last commit before issue 14's judge), taken
from git into a temporary folder. Two measures, each side run in a fresh process, alternated
with the other side so a burst of load falls on both:

- the command: `monitor compare OLD NEW --format json`, the whole process as a user runs it
  (start-up, reading the files, extracting, judging, writing the JSON), CPU seconds of the child;
- the engine alone: `diffs` imported and `compare` run once (cold), then three more times in the
  same process (warm).

Each figure is the minimum over the runs: load on a shared machine only ever adds time, so the
smallest reading is the closest to the code's own cost (the advice of Python's `timeit`). The
goal is within 1.5x.

    .venv/bin/python bench/compare_speed.py
"""

from __future__ import annotations

import os
import resource
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


def _environment() -> dict[str, str]:
    # bytecode allowed, as an installed package runs (this environment may forbid writing it;
    # a warm-up run per side writes it, as bench/startup.py does)
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(code_root: Path, old: Path, new: Path) -> dict:
    """The engine alone, in a fresh process: cold and warm CPU seconds."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(code_root), str(old), str(new)],
        check=True,
        capture_output=True,
        text=True,
        env=_environment(),
    )
    import json

    return json.loads(out.stdout)


_COMMAND = "import sys; sys.path.insert(0, sys.argv.pop(1)); from monitor.cli import cli; cli()"


def command_seconds(code_root: Path, old: Path, new: Path) -> float:
    """CPU seconds (user + system) of one `monitor compare OLD NEW --format json` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-c", _COMMAND, str(code_root), "compare", str(old), str(new)]
        + ["--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**_environment(), "PYTHONPATH": str(code_root)},
        cwd=code_root,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


_ROUNDS = 5


def _least(runs: list[dict]) -> dict:
    """The smallest cold and warm time of several runs of one side."""
    return {
        **runs[0],
        "cold": min(run["cold"] for run in runs),
        "warm": min(run["warm"] for run in runs),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        baseline = tmp / "baseline"
        baseline.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BASELINE, "diffs", "monitor", "crawler"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
        text = policy_text(SIZE)
        clauses = split(normalize(text, content_type="text/markdown"))
        old, new = tmp / "old.md", tmp / "new.md"
        old.write_text(text, encoding="utf-8")
        new.write_text("\n\n".join(c.text for c in edited(clauses)), encoding="utf-8")
        engine: dict[Path, list[dict]] = {baseline: [], ROOT: []}
        command: dict[Path, list[float]] = {baseline: [], ROOT: []}
        for root in engine:  # warm-up: writes the bytecode
            timed(root, old, new)
            command_seconds(root, old, new)
        for _ in range(_ROUNDS):  # alternated, so a burst of load falls on both sides
            for root in engine:
                engine[root].append(timed(root, old, new))
                command[root].append(command_seconds(root, old, new))
        before, after = (_least(engine[root]) for root in (baseline, ROOT))
        was, now = (min(command[root]) for root in (baseline, ROOT))
    lines = [
        f"~{SIZE // 1000} KB policy pair, {after['changes']} changes "
        f"({after['material']} material now, {before['material']} before); CPU seconds, the "
        f"least of {_ROUNDS} runs of each side, alternated",
        "",
        "| code | `monitor compare --format json` | engine cold (import + compare) | engine warm |",
        "|---|---|---|---|",
        f"| before issue 14 ({BASELINE}) | {was:.2f} | {before['cold']:.2f} "
        f"| {before['warm']:.2f} |",
        f"| now | {now:.2f} | {after['cold']:.2f} | {after['warm']:.2f} |",
        f"| ratio | {now / was:.2f}x | {after['cold'] / before['cold']:.2f}x "
        f"| {after['warm'] / before['warm']:.2f}x |",
    ]
    table = "\n".join(lines)
    print(table)
    results.append("monitor compare on a 200 KB pair, judge before/after issue 14", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
