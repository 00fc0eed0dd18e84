"""How well the judge separates material changes from the rest, on labelled pairs.

Two sets: our own pairs (bench/data/judge_pairs.yaml, written with the rules: a regression
check, not a measure) and the real development set labelled by another reader
(bench/data/real-dev, Open Terms Archive, ODC-By 1.0), reported per part of its split by
service: `develop` (rules were tuned on it) and `measure` (never read case by case).

Prints material recall (goal 1.0), the false-alarm rate on non-material pairs (goal 0), the
share of material pairs whose reported material clause is the right one, and per label how
often the strongest judged change matches the label; lists every miss. Appends to RESULTS.md.

    .venv/bin/python bench/judge.py [--quiet]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (
    realdev,  # noqa: E402
    results,  # noqa: E402
)
from bench.pairs import LABELS, Pair, load  # noqa: E402
from diffs import compare, normalize  # noqa: E402
from diffs.materiality import rank  # noqa: E402


def expected(pair: Pair, changes: list) -> bool:
    """Whether the judged changes fit the pair's label."""
    strongest = max((rank(c.judgement.materiality) for c in changes), default=-1)
    if pair.label == "noise":
        return not changes
    if pair.label == "cosmetic":
        return 0 <= strongest <= rank("cosmetic")
    if pair.label == "moved":
        return bool(changes) and all(c.change.op == "moved" for c in changes) and strongest < 2
    if pair.label == "minor":
        return strongest == rank("minor")
    return strongest == rank("material")


def real_dev_table() -> str:
    """Per part: material recall at the clause, false material alarms on not-material change
    pairs, and minor-or-material changes on extraction-only (technical) pairs."""
    rows = [
        "| part | material found at the clause | false material alarms | noisy technical pairs |",
        "|---|---|---|---|",
    ]
    for part in realdev.PARTS:
        found = material = alarms = quiet = technical = noisy = 0
        for pair in realdev.load(part):
            if pair.label == "unsure":
                continue
            judged = pair.judged()
            if pair.kind == "technical" and pair.label == "not-material":
                technical += 1
                noisy += any(j.judgement.materiality != "cosmetic" for j in judged)
            elif pair.label == "material":
                material += 1
                found += realdev.found_at_clause(pair, judged)
            else:
                quiet += 1
                alarms += any(j.judgement.materiality == "material" for j in judged)
        rows.append(
            f"| {part} | {found}/{material} ({found / material:.0%}) | {alarms}/{quiet} "
            f"({alarms / quiet:.0%}) | {noisy}/{technical} |"
        )
    return "\n".join(rows)


def main() -> int:
    pairs = load()
    started = time.perf_counter()
    fits: Counter[str] = Counter()
    totals = Counter(pair.label for pair in pairs)
    found = right_clause = false_alarms = 0
    misses: list[str] = []
    for pair in pairs:
        old = normalize(pair.before, url=pair.name)
        new = normalize(pair.after, url=pair.name)
        changes = compare(old, new)
        material = [c for c in changes if c.judgement.materiality == "material"]
        fits[pair.label] += expected(pair, changes)
        if pair.label == "material" and material:
            found += 1
            texts = [f"{c.change.before or ''} {c.change.after or ''}" for c in material]
            if pair.clause is None or any(pair.clause in text for text in texts):
                right_clause += 1
            else:
                misses.append(f"{pair.id}: material, but not on the clause with {pair.clause!r}")
        elif pair.label == "material":
            misses.append(f"{pair.id}: material change missed")
        elif material:
            false_alarms += 1
            misses.append(f"{pair.id}: false alarm: {material[0].judgement.reasons}")
        if not expected(pair, changes) and not (pair.label == "material" or material):
            ops = Counter(f"{c.change.op}/{c.judgement.materiality}" for c in changes)
            misses.append(f"{pair.id}: {pair.label}, judged {dict(ops) or 'no change'}")
    seconds = time.perf_counter() - started
    material_total = totals["material"]
    other_total = len(pairs) - material_total
    lines = [
        f"{len(pairs)} labelled pairs ({', '.join(f'{totals[k]} {k}' for k in LABELS)}), "
        f"judged in {seconds:.1f} s",
        "",
        "| measure | value | goal |",
        "|---|---|---|",
        f"| material recall | {found / material_total:.3f} ({found}/{material_total}) | 1.0 |",
        f"| false-alarm rate (non-material pairs) | {false_alarms / other_total:.3f} "
        f"({false_alarms}/{other_total}) | 0 |",
        f"| right clause reported (material pairs found) | {right_clause / max(found, 1):.3f} "
        f"({right_clause}/{found}) | 1.0 |",
    ]
    lines += [
        f"| label fits: {label} | {fits[label] / totals[label]:.3f} ({fits[label]}/{totals[label]})"
        " | 1.0 |"
        for label in LABELS
    ]
    table = "\n".join(lines)
    print(table)
    if misses and "--quiet" not in sys.argv:
        print("\nmisses:\n" + "\n".join(f"- {miss}" for miss in misses))
    results.append("Judge: labelled pairs (bench/judge.py)", table)
    real = real_dev_table()
    print("\nreal-dev (Open Terms Archive, labelled by another reader):\n" + real)
    results.append("Judge: real-dev, per part of the split (bench/judge.py)", real)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
