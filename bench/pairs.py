"""Build the before/after texts of a labelled pair from bench/data/judge_pairs.yaml.

A pair is either two real versions (`before`, `after`: files under bench/data) or one base
policy with edits: `before_edits` make the older text, `edits` the newer one. An edit is
{insert: TEXT, after_line: PREFIX} (a new paragraph after the first line starting with PREFIX),
{replace: OLD, with: NEW} (first occurrence) or {move_line: PREFIX, after_line: PREFIX}.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
LABELS = ("noise", "cosmetic", "moved", "minor", "material")


@dataclass(frozen=True)
class Pair:
    id: str
    label: str
    before: str
    after: str
    name: str  # a file name, so normalize() knows the format
    clause: str | None  # words the reported material clause must contain


def _line_index(lines: list[str], prefix: str) -> int:
    for index, line in enumerate(lines):
        if line.lstrip().startswith(prefix):
            return index
    raise ValueError(f"no line starts with {prefix!r}")


def apply(text: str, edit: dict) -> str:
    if "replace" in edit:
        if edit["replace"] not in text:
            raise ValueError(f"not found: {edit['replace']!r}")
        return text.replace(edit["replace"], edit["with"], 1)
    lines = text.split("\n")
    if "insert" in edit:
        at = _line_index(lines, edit["after_line"])
        lines[at + 1 : at + 1] = ["", edit["insert"], ""]
        return "\n".join(lines)
    if "move_line" in edit:
        moved = lines.pop(_line_index(lines, edit["move_line"]))
        at = _line_index(lines, edit["after_line"])
        lines[at + 1 : at + 1] = ["", moved, ""]
        return "\n".join(lines)
    raise ValueError(f"unknown edit: {edit}")


def load(path: Path = DATA / "judge_pairs.yaml") -> list[Pair]:
    pairs = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        if entry["label"] not in LABELS:
            raise ValueError(f"{entry['id']}: unknown label {entry['label']!r}")
        if "base" in entry:
            base = (DATA / entry["base"]).read_text(encoding="utf-8")
            before, after = base, base
            for edit in entry.get("before_edits", ()):
                before = apply(before, edit)
            after = before
            for edit in entry.get("edits", ()):
                after = apply(after, edit)
            name = entry["base"]
        else:
            before = (DATA / entry["before"]).read_text(encoding="utf-8")
            after = (DATA / entry["after"]).read_text(encoding="utf-8")
            name = entry["after"]
        pairs.append(Pair(entry["id"], entry["label"], before, after, name, entry.get("clause")))
    return pairs
