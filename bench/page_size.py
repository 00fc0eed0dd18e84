"""Cost of one page against its size: CPU time and peak memory, as ratios to the 100 KB page.

What a run does with one fetched page, each size in a fresh child process so peak memory is the
page's own: decode and extract it, split it into clauses, ask monitor/ingest/admission.py whether
it is the policy, then diff and judge it against its previous version (the same page with one
paragraph in ten reworded; its clauses are ready, as the store holds them). Two shapes:

- policy-like: the real policies of bench/data/policies, numbered so no paragraph repeats;
- repetition: one short paragraph repeated (the pathological page), one in fifty reworded.

Sizes run from 100 KB to just under monitor.admission.MAX_PAGE_BYTES (10 MB); larger pages are
rejected before decoding, and pages of more than MAX_CLAUSES (20,000) blocks before splitting
(the "rejected" column), so diff and judge are measured up to about 2 MB. Peak memory is the
child's maximum RSS above what it held after its imports (it includes the previous version's
clauses, which a run holds too). The goal: no page over 10 s of CPU or 500 MB, and ratios close
to the size ratio.

    .venv/bin/python bench/page_size.py            # prints the table, appends it to RESULTS.md
    .venv/bin/python bench/page_size.py --no-save
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import results  # noqa: E402

POLICIES = Path(__file__).parent / "data" / "policies"
SIZES = (100_000, 300_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000)
SHAPES = ("policy-like", "repetition")
REPEATED = "All work and no play makes a very large page, and we keep it for thirty days."


def paragraphs(shape: str, size: int, changed_every: int | None) -> bytes:
    """An HTML page of about ``size`` bytes; every ``changed_every``-th paragraph reworded."""
    if shape == "repetition":
        source = [REPEATED]
    else:
        source = [
            line.strip()
            for path in sorted(POLICIES.glob("*"))
            for line in path.read_text(encoding="utf-8").split("\n\n")
            if len(line.strip()) > 40 and not line.lstrip().startswith(("#", "|", "-", "*"))
        ]
    out = ["<html><head><title>Privacy Policy</title></head><body><h1>Privacy Policy</h1>"]
    total, number = 0, 0
    while total < size:
        text = source[number % len(source)]
        if shape == "policy-like":
            text = f"{text} (clause {number})"
        if changed_every and number % changed_every == 0:
            text = text.replace(" we ", " we may sell and ", 1).replace(" a ", " one ", 1)
        piece = f"<p>{text}</p>\n"
        out.append(piece)
        total += len(piece)
        number += 1
    out.append("</body></html>")
    return "".join(out).encode()[:size]


def measure_one(shape: str, size: int) -> dict:
    """In this (child) process: CPU seconds per stage and peak memory for one page."""
    from diffs import judge_all
    from diffs.clauses import split
    from diffs.normalize import decode, normalize
    from monitor.ingest import admission

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    every = 50 if shape == "repetition" else 10
    old_clauses = split(normalize(paragraphs(shape, size, None), content_type="text/html"))
    new_body = paragraphs(shape, size, every)
    stages = {}
    started = time.process_time()
    html = decode(new_body, "text/html")
    document = normalize(new_body, content_type="text/html")
    stages["extract"] = time.process_time() - started
    mark = time.process_time()
    reason = admission.before_splitting(document)  # as monitor/ingest.py does
    clauses = split(document) if reason is None else []
    stages["split"] = time.process_time() - mark
    mark = time.process_time()
    if reason is None:
        reason = admission.admission_reason(200, html, document, len(clauses), {}, None)
    stages["admission"] = time.process_time() - mark
    mark = time.process_time()
    changes = judge_all(old_clauses, clauses) if reason is None else []
    stages["diff+judge"] = time.process_time() - mark
    total = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "shape": shape,
        "size": len(new_body),
        "clauses": len(clauses),
        "changes": len(changes),
        "rejected": (reason or "")[:40] or None,
        "cpu": total,
        "stages": stages,
        "peak_mb": max(peak - base_rss, 0) / 1024,
    }


def run_child(shape: str, size: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", shape, str(size)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def table(rows: list[dict]) -> str:
    lines = [
        "| shape | size | clauses | changes | CPU s | x 100 KB | peak MB | x 100 KB | "
        "extract / split / admission / diff+judge s | rejected |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = {row["shape"]: row for row in rows if row["size"] <= SIZES[0]}
    for row in rows:
        first = base[row["shape"]]
        stages = " / ".join(f"{row['stages'][name]:.2f}" for name in row["stages"])
        lines.append(
            f"| {row['shape']} | {row['size'] / 1e6:.1f} MB | {row['clauses']} | "
            f"{row['changes']} | {row['cpu']:.2f} | {row['cpu'] / max(first['cpu'], 1e-3):.0f}x | "
            f"{row['peak_mb']:.0f} | {row['peak_mb'] / max(first['peak_mb'], 1):.0f}x | "
            f"{stages} | {row['rejected'] or ''} |"
        )
    worst = max(rows, key=lambda row: row["cpu"])
    biggest = max(rows, key=lambda row: row["peak_mb"])
    lines.append("")
    lines.append(
        f"Size ratio 10 MB / 100 KB = 100x. Worst page: {worst['cpu']:.1f} s CPU "
        f"({worst['shape']}, {worst['size'] / 1e6:.1f} MB); most memory: "
        f"{biggest['peak_mb']:.0f} MB ({biggest['shape']}, {biggest['size'] / 1e6:.1f} MB). "
        "Goal: at most 10 s and 500 MB per page."
    )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure_one(argv[1], int(argv[2]))))
        return
    rows = [run_child(shape, size) for shape in SHAPES for size in SIZES]
    text = table(rows)
    print(text)
    if "--no-save" not in argv:
        results.append("Cost of one page against its size (bench/page_size.py)", text)


if __name__ == "__main__":
    main(sys.argv[1:])
