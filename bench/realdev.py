"""The labelled real-policy development set (bench/data/real-dev, Open Terms Archive, ODC-By 1.0):
reading its pairs, the split by service, and scoring the judge on them.

The set is split once, by service, into a part the rules are developed on and a part that is
only measured: a service goes to the measured part when the first hex digit of the SHA-256 of
its name is 8 or more. The rule is fixed and blind to the labels, so nobody picks the easy
services for the measured part.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from diffs import JudgedChange, compare, normalize
from diffs.diff import PART_SEPARATOR, words

ROOT = Path(__file__).parent / "data" / "real-dev"
PARTS = ("develop", "measure")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def part(service: str) -> str:
    """Which part of the split a service belongs to (see the module docstring)."""
    return "measure" if hashlib.sha256(service.encode()).hexdigest()[0] >= "8" else "develop"


@dataclass(frozen=True)
class RealPair:
    """Two consecutive OTA versions with one reader's label and the words that changed."""

    id: str
    service: str
    kind: str  # "change" | "technical" (OTA re-extracted: nothing should show)
    label: str  # "material" | "not-material" | "unsure"
    needle: str
    side: str  # "old" | "new": where the needle is
    why: str
    lang: str

    @property
    def part(self) -> str:
        return part(self.service)

    def texts(self) -> tuple[str, str]:
        folder = ROOT / "pairs" / self.id
        return (folder / "old.md").read_text(), (folder / "new.md").read_text()

    def judged(self) -> list[JudgedChange]:
        """The pair as `monitor compare old.md new.md` judges it."""
        old, new = self.texts()
        md = "text/markdown"
        return compare(normalize(old, content_type=md), normalize(new, content_type=md))


def load(which: str | None = None) -> Iterator[RealPair]:
    """Every labelled pair, or those of one part."""
    for row in json.loads((ROOT / "labels.json").read_text()):
        pair = RealPair(
            row["pair"],
            row["service"],
            row["kind"],
            row["label"],
            row["needle"],
            row["needle_side"],
            row["why"],
            row["lang"],
        )
        if which is None or pair.part == which:
            yield pair


def holds_needle(pair: RealPair, judged: JudgedChange) -> bool:
    """Whether a change's text on the needle's side holds the labelled words (a needle cut
    mid-word still matches: words are compared as one string)."""
    change = judged.change
    text = change.before if pair.side == "old" else change.after
    if not text:
        return False
    needle = words(_LINK_TARGET.sub("]", pair.needle))
    held = words(text.replace(PART_SEPARATOR, " "))
    if " ".join(needle) in " ".join(held):
        return True
    # a needle that runs over a clause's end: the clause holds most of it, in one piece
    match = SequenceMatcher(None, needle, held, autojunk=False).find_longest_match()
    return match.size >= max(3, (len(needle) + 1) // 2)


def found_at_clause(pair: RealPair, judged: list[JudgedChange]) -> bool:
    """A material change whose before/after holds the labelled words."""
    return any(j.judgement.materiality == "material" and holds_needle(pair, j) for j in judged)
