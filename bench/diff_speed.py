"""Clause diff speed and memory on big policies, as ratios measured in one run.

- diffs.diff() on a ~200 KB policy pair (real policies from bench/data/policies, concatenated,
  then reworded, moved, added to and cut in places), with the C++ diff-match-patch build and
  with the pure-Python one;
- the clause alignment alone against Python's difflib on the same clause sequences;
- peak memory (tracemalloc) to normalize, split and diff a ~1 MB policy pair.

    .venv/bin/python bench/diff_speed.py
"""

from __future__ import annotations

import difflib
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import results  # noqa: E402
from diffs import dmp, normalize, split  # noqa: E402
from diffs.clauses import Clause  # noqa: E402
from diffs.diff import clause_key, diff  # noqa: E402

POLICIES = Path(__file__).parent / "data" / "policies"
REPEAT = 5


def policy_text(size: int) -> str:
    """Real policy text, repeated with a numbered suffix per round until `size` characters."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("*.md"))]
    out: list[str] = []
    total, round_number = 0, 0
    while total < size:
        for text in texts:
            chunk = text.replace(". ", f" (part {round_number}). ", 3)
            out.append(chunk)
            total += len(chunk)
        round_number += 1
    return "\n\n".join(out)[:size]


def edited(clauses: list[Clause], seed: int = 5) -> list[Clause]:
    """Reword 3% of the clauses, move 1%, cut 1% and add 1%."""
    rng = random.Random(seed)
    texts = [c.text for c in clauses]
    for i in rng.sample(range(len(texts)), len(texts) // 33):
        words = texts[i].split()
        words[rng.randrange(len(words))] = "reworded"
        texts[i] = " ".join(words)
    for _ in range(len(texts) // 100):
        texts.insert(rng.randrange(len(texts)), texts.pop(rng.randrange(len(texts))))
    for _ in range(len(texts) // 100):
        texts.pop(rng.randrange(len(texts)))
        texts.insert(rng.randrange(len(texts)), f"New clause {rng.random()} about sharing data.")
    return [Clause(i, "sentence", text, None) for i, text in enumerate(texts)]


def best_of(function, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    text = policy_text(200_000)
    old = split(normalize(text, url="policy.md"))
    new = edited(old)
    old_keys, new_keys = [clause_key(c) for c in old], [clause_key(c) for c in new]

    timings = {}
    for engine in dmp.BACKENDS:
        previous = dmp.prefer(engine)
        timings[f"diff() {engine}"] = best_of(lambda: diff(old, new))
        timings[f"align {engine}"] = best_of(
            lambda e=engine: dmp.diff_tokens(old_keys, new_keys, semantic=False, engine=e)
        )
        dmp.prefer(previous)
    timings["align difflib"] = best_of(
        lambda: difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    )
    changes = diff(old, new)

    big = policy_text(1_000_000)
    big_new = "\n\n".join(c.text for c in edited(split(normalize(big, url="policy.md"))))
    tracemalloc.start()
    big_changes = diff(
        split(normalize(big, url="policy.md")), split(normalize(big_new, url="policy.md"))
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    fast, pure = timings["diff() fast"], timings["diff() pure"]
    lines = [
        f"200 KB pair: {len(text) // 1000} KB, {len(old)} -> {len(new)} clauses, "
        f"{len(changes)} changes (best of {REPEAT})",
        "",
        "| measure | seconds | ratio |",
        "|---|---|---|",
        f"| diff() with C++ diff-match-patch | {fast:.3f} | 1.00 |",
        f"| diff() with pure-Python diff-match-patch | {pure:.3f} | {pure / fast:.2f} x C++ |",
        f"| clause alignment, C++ dmp | {timings['align fast']:.4f} | 1.00 |",
        f"| clause alignment, pure dmp | {timings['align pure']:.4f} | "
        f"{timings['align pure'] / timings['align fast']:.2f} x C++ |",
        f"| clause alignment, difflib | {timings['align difflib']:.4f} | "
        f"{timings['align difflib'] / timings['align fast']:.2f} x C++ |",
        "",
        f"1 MB pair: {len(big) // 1000} KB, {len(big_changes)} changes; peak memory "
        f"(normalize + split + diff, tracemalloc) {peak / 2**20:.0f} MiB",
    ]
    table = "\n".join(lines)
    print(table)
    results.append("Diff speed (bench/diff_speed.py)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
