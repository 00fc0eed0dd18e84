"""The judge on probe policies written by a second writer (`tests/data/judge_probes/second`):
six policies in styles the development part lacks (a camera maker, a therapy app, a car maker,
an edtech for schools, a German health insurer, a French marketplace), each with 15 material and
15 meaning-keeping one-sentence edits, the whole policy rewritten in plainer words (every
material verdict on it is a false alarm) and a next version with 5 or 6 labelled material
changes. Prints, per policy: edits found, alarms on quiet edits, alarms on the rewrite, labelled
changes of the next version found at their clause.

    .venv/bin/python bench/probes.py
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import results  # noqa: E402
from diffs import JudgedChange, compare, normalize  # noqa: E402

SECOND = ROOT / "tests" / "data" / "judge_probes" / "second"
NAMES = ("camera", "therapy", "car", "school", "de-krankenkasse", "fr-marketplace")
_MARKDOWN = "text/markdown"


def compared(old: str, new: str) -> list[JudgedChange]:
    return compare(normalize(old, content_type=_MARKDOWN), normalize(new, content_type=_MARKDOWN))


def material(changes: list[JudgedChange]) -> list[JudgedChange]:
    return [c for c in changes if c.judgement.materiality == "material"]


def policy(name: str) -> str:
    return (SECOND / f"{name}.md").read_text(encoding="utf-8")


def edits(name: str) -> dict[str, list[list[str]]]:
    return json.loads((SECOND / "edits" / f"{name}.json").read_text(encoding="utf-8"))


def edited(name: str, old: str, new: str, every: bool) -> list[JudgedChange]:
    """The policy with one edit made (a quiet edit everywhere it applies)."""
    text = policy(name)
    return compared(text, text.replace(old, new) if every else text.replace(old, new, 1))


def rewrite_alarms(name: str) -> list[JudgedChange]:
    rewritten = (SECOND / "rewrites" / f"{name}.md").read_text(encoding="utf-8")
    return material(compared(policy(name), rewritten))


def labels(name: str) -> list[dict[str, str]]:
    return json.loads((SECOND / "updates" / f"{name}.json").read_text(encoding="utf-8"))


def _squashed(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text).casefold().strip()


def found_at_clause(changes: list[JudgedChange], label: dict[str, str]) -> bool:
    """Whether a change whose side holds the label's words is judged material."""
    needle = _squashed(label["needle"])
    side = "after" if label["side"] == "new" else "before"
    return any(
        c.judgement.materiality == "material"
        for c in changes
        if needle in _squashed(getattr(c.change, side) or "")
    )


def update(name: str) -> list[JudgedChange]:
    next_version = (SECOND / "updates" / f"{name}.md").read_text(encoding="utf-8")
    return compared(policy(name), next_version)


@dataclass
class Figures:
    found: int = 0
    material: int = 0
    alarms: int = 0
    quiet: int = 0
    rewrite_alarms: int = 0
    rewrite_changes: int = 0
    update_found: int = 0
    update_labels: int = 0
    missed: list[str] = field(default_factory=list)


def figures(name: str) -> Figures:
    out = Figures()
    for old, new in edits(name)["material"]:
        out.material += 1
        hit = bool(material(edited(name, old, new, every=False)))
        out.found += hit
        if not hit:
            out.missed.append(f"{old[:60]!r} -> {new[:60]!r}")
    for old, new in edits(name)["quiet"]:
        out.quiet += 1
        out.alarms += bool(material(edited(name, old, new, every=True)))
    rewritten = (SECOND / "rewrites" / f"{name}.md").read_text(encoding="utf-8")
    changes = compared(policy(name), rewritten)
    out.rewrite_changes, out.rewrite_alarms = len(changes), len(material(changes))
    changes = update(name)
    for label in labels(name):
        out.update_labels += 1
        out.update_found += found_at_clause(changes, label)
    return out


def main() -> int:
    rows = [
        "| policy | material edits found | alarms on quiet edits | alarms on the rewrite "
        "(changes) | next version: labelled changes found |",
        "|---|---|---|---|---|",
    ]
    total = Figures()
    for name in NAMES:
        f = figures(name)
        rows.append(
            f"| {name} | {f.found}/{f.material} | {f.alarms}/{f.quiet} | "
            f"{f.rewrite_alarms} ({f.rewrite_changes}) | {f.update_found}/{f.update_labels} |"
        )
        for key in (
            "found",
            "material",
            "alarms",
            "quiet",
            "rewrite_alarms",
            "rewrite_changes",
            "update_found",
            "update_labels",
        ):
            setattr(total, key, getattr(total, key) + getattr(f, key))
    rows.append(
        f"| all | {total.found}/{total.material} | {total.alarms}/{total.quiet} | "
        f"{total.rewrite_alarms} ({total.rewrite_changes}) | "
        f"{total.update_found}/{total.update_labels} |"
    )
    table = "\n".join(rows)
    print(table)
    results.append("Judge: probe policies by a second writer (bench/probes.py)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
