"""The judge on probe policies written by a second writer (`tests/data/judge_probes/second`):
six policies in styles the development part lacks (a camera maker, a therapy app, a car maker,
an edtech for schools, a German health insurer, a French marketplace), each with 15 material and
15 meaning-keeping one-sentence edits, the whole policy rewritten in plainer words (every
material verdict on it is a false alarm) and a next version with 5 or 6 labelled material
changes. Prints, per policy: edits found, alarms on quiet edits, alarms on the rewrite, labelled
changes of the next version found at their clause.

A second set of two policies by the same writer (`held/`: a fitness wearable, a French neobank)
was read once, when rules 9 were done, and is kept out of the tests so that no rule is ever
tuned on it: its figures are the nearest this repository has to a held-out measure.

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

PROBES = ROOT / "tests" / "data" / "judge_probes"
SECOND = PROBES / "second"
NAMES = ("camera", "therapy", "car", "school", "de-krankenkasse", "fr-marketplace")
HELD = PROBES / "held"
HELD_NAMES = ("fitness", "bank-fr")
_MARKDOWN = "text/markdown"


def compared(old: str, new: str) -> list[JudgedChange]:
    return compare(normalize(old, content_type=_MARKDOWN), normalize(new, content_type=_MARKDOWN))


def material(changes: list[JudgedChange]) -> list[JudgedChange]:
    return [c for c in changes if c.judgement.materiality == "material"]


def policy(name: str, folder: Path = SECOND) -> str:
    return (folder / f"{name}.md").read_text(encoding="utf-8")


def edits(name: str, folder: Path = SECOND) -> dict[str, list[list[str]]]:
    return json.loads((folder / "edits" / f"{name}.json").read_text(encoding="utf-8"))


def edited(name: str, old: str, new: str, every: bool, folder: Path = SECOND) -> list[JudgedChange]:
    """The policy with one edit made (a quiet edit everywhere it applies)."""
    text = policy(name, folder)
    return compared(text, text.replace(old, new) if every else text.replace(old, new, 1))


def rewrite_alarms(name: str, folder: Path = SECOND) -> list[JudgedChange]:
    rewritten = (folder / "rewrites" / f"{name}.md").read_text(encoding="utf-8")
    return material(compared(policy(name, folder), rewritten))


def labels(name: str, folder: Path = SECOND) -> list[dict[str, str]]:
    return json.loads((folder / "updates" / f"{name}.json").read_text(encoding="utf-8"))


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


def update(name: str, folder: Path = SECOND) -> list[JudgedChange]:
    next_version = (folder / "updates" / f"{name}.md").read_text(encoding="utf-8")
    return compared(policy(name, folder), next_version)


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


def figures(name: str, folder: Path = SECOND) -> Figures:
    out = Figures()
    for old, new in edits(name, folder)["material"]:
        out.material += 1
        hit = bool(material(edited(name, old, new, every=False, folder=folder)))
        out.found += hit
        if not hit:
            out.missed.append(f"{old[:60]!r} -> {new[:60]!r}")
    for old, new in edits(name, folder)["quiet"]:
        out.quiet += 1
        out.alarms += bool(material(edited(name, old, new, every=True, folder=folder)))
    rewritten = (folder / "rewrites" / f"{name}.md").read_text(encoding="utf-8")
    changes = compared(policy(name, folder), rewritten)
    out.rewrite_changes, out.rewrite_alarms = len(changes), len(material(changes))
    changes = update(name, folder)
    for label in labels(name, folder):
        out.update_labels += 1
        out.update_found += found_at_clause(changes, label)
    return out


def table(names: tuple[str, ...], folder: Path) -> str:
    rows = [
        "| policy | material edits found | alarms on quiet edits | alarms on the rewrite "
        "(changes) | next version: labelled changes found |",
        "|---|---|---|---|---|",
    ]
    total = Figures()
    for name in names:
        f = figures(name, folder)
        rows.append(
            f"| {name} | {f.found}/{f.material} | {f.alarms}/{f.quiet} | "
            f"{f.rewrite_alarms} ({f.rewrite_changes}) | {f.update_found}/{f.update_labels} |"
        )
        for key in ("found", "material", "alarms", "quiet", "rewrite_alarms", "rewrite_changes"):
            setattr(total, key, getattr(total, key) + getattr(f, key))
        total.update_found += f.update_found
        total.update_labels += f.update_labels
    rows.append(
        f"| all | {total.found}/{total.material} | {total.alarms}/{total.quiet} | "
        f"{total.rewrite_alarms} ({total.rewrite_changes}) | "
        f"{total.update_found}/{total.update_labels} |"
    )
    return "\n".join(rows)


def main() -> int:
    developed = table(NAMES, SECOND)
    held = table(HELD_NAMES, HELD)
    body = f"developed on (second/):\n\n{developed}\n\nread once (held/):\n\n{held}"
    print(body)
    results.append("Judge: probe policies by a second writer (bench/probes.py)", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
