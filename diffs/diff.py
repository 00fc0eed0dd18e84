"""Clause-level alignment: what was added, removed, reworded or moved between two versions."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .clauses import Clause
from .dmp import diff_tokens

MODIFIED_MIN_SIMILARITY = 0.5
MOVED_MIN_SIMILARITY = 0.9
# Pairing looks this many deleted clauses ahead: enough for a rewritten paragraph, never quadratic.
_PAIRING_WINDOW = 50
_NEAR_MOVE_MAX_PAIRS = 250_000
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Change:
    """One clause-level difference; positions index each version's clause list."""

    op: str
    before: str | None
    after: str | None
    section: str | None
    before_position: int | None
    after_position: int | None
    highlights: tuple[tuple[int, str], ...] = ()
    kind: str | None = None  # clause kind ("heading", "item", "sentence"): judging needs it


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def _dice(left: Counter[str], right: Counter[str]) -> float:
    total = left.total() + right.total()
    return 2 * (left & right).total() / total if total else 0.0


def highlights(before: str, after: str) -> tuple[tuple[int, str], ...]:
    """Word-level diff, cleaned up so a reader sees whole phrases, not scattered letters."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out: list[tuple[int, str]] = []
    i = j = 0
    for op, count in diff_tokens(a, b, semantic=True):
        if op == 1:
            text, j = "".join(b[j : j + count]), j + count
        else:
            text, i = "".join(a[i : i + count]), i + count
            j += count if op == 0 else 0
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(out)


Hunk = tuple[list[int], list[int]]  # deleted old indexes, inserted new indexes


def _align(old: Sequence[Clause], new: Sequence[Clause]) -> tuple[list[Hunk], dict[int, int]]:
    """Runs of deleted and inserted clauses between unchanged ones, and the old -> new index
    map of the unchanged ones."""
    hunks: list[Hunk] = []
    kept: dict[int, int] = {}
    deleted: list[int] = []
    inserted: list[int] = []
    i = j = 0
    for op, count in diff_tokens([c.key for c in old], [c.key for c in new], semantic=False):
        if op == 0:
            if deleted or inserted:
                hunks.append((deleted, inserted))
                deleted, inserted = [], []
            kept.update((i + k, j + k) for k in range(count))
            i, j = i + count, j + count
        elif op == -1:
            deleted.extend(range(i, i + count))
            i += count
        else:
            inserted.extend(range(j, j + count))
            j += count
    if deleted or inserted:
        hunks.append((deleted, inserted))
    return hunks, kept


class _Aligner:
    """Turns the clause-level hunks into typed changes, caching each clause's word bag."""

    def __init__(self, old: Sequence[Clause], new: Sequence[Clause]) -> None:
        self.old, self.new = old, new
        self.hunks, self.kept = _align(old, new)
        self.gone = {i for deleted, _ in self.hunks for i in deleted}
        self.came = {j for _, inserted in self.hunks for j in inserted}
        self._old_bags = {i: _bag(old[i].text) for i in self.gone}
        self._new_bags = {j: _bag(new[j].text) for j in self.came}
        self.keyed: list[tuple[tuple[int, int, int], Change]] = []
        self._kept_order: list[int] = []

    def score(self, i: int, j: int) -> float:
        if self.old[i].text == self.new[j].text:
            return 1.0
        return _dice(self._old_bags[i], self._new_bags[j])

    def _anchor(self, i: int) -> int:
        """Where a removed clause sits in the new version: just after the nearest earlier old
        clause that is still there (unchanged or modified in place)."""
        before = bisect_left(self._kept_order, i)
        return self.kept[self._kept_order[before - 1]] + 1 if before else 0

    def emit(self, op: str, i: int | None, j: int | None) -> None:
        a = self.old[i] if i is not None else None
        b = self.new[j] if j is not None else None
        marks = highlights(a.text, b.text) if a and b and a.text != b.text else ()
        source = b or a
        self.gone.discard(i)
        self.came.discard(j)
        if op == "modified":
            self.kept[i] = j
        key = (j, 1, 0) if j is not None else (self._anchor(i), 0, i)
        change = Change(
            op,
            a.text if a else None,
            b.text if b else None,
            source.section,
            i,
            j,
            marks,
            source.kind,
        )
        self.keyed.append((key, change))

    def exact_moves(self) -> None:
        """The same text deleted in one place and inserted in another."""
        by_text: dict[str, list[int]] = {}
        for i in sorted(self.gone):
            by_text.setdefault(self.old[i].text, []).append(i)
        for j in sorted(self.came):
            same = by_text.get(self.new[j].text)
            if same:
                self.emit("moved", same.pop(0), j)

    def modifications(self) -> None:
        """Greedy, order-keeping pairing inside each hunk, looking a bounded window ahead."""
        for deleted, inserted in self.hunks:
            candidates = [i for i in deleted if i in self.gone]
            start = 0
            for j in [j for j in inserted if j in self.came]:
                window = candidates[start : start + _PAIRING_WINDOW]
                best = max(((self.score(i, j), -k) for k, i in enumerate(window)), default=None)
                if best and best[0] >= MODIFIED_MIN_SIMILARITY:
                    self.emit("modified", window[-best[1]], j)
                    start += -best[1] + 1

    def near_moves(self) -> None:
        """Nearly identical text elsewhere; skipped when the pair count would be huge."""
        if len(self.gone) * len(self.came) > _NEAR_MOVE_MAX_PAIRS:
            return
        for j in sorted(self.came):
            best = max(((self.score(i, j), -i) for i in self.gone), default=None)
            if best and best[0] >= MOVED_MIN_SIMILARITY:
                self.emit("moved", -best[1], j)

    def run(self) -> list[Change]:
        self.exact_moves()
        self.modifications()
        self.near_moves()
        for j in sorted(self.came):
            self.emit("added", None, j)
        self._kept_order = sorted(self.kept)
        for i in sorted(self.gone):
            self.emit("removed", i, None)
        return [change for _, change in sorted(self.keyed, key=lambda pair: pair[0])]


def diff(old: Sequence[Clause], new: Sequence[Clause]) -> list[Change]:
    """Changes ordered by position in the new version; removed clauses sit where they were."""
    return _Aligner(old, new).run()
