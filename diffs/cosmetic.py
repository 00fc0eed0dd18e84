"""Noise that is the only thing that moved: shown, as cosmetic, so a reader sees why a new
version exists, and never rated minor or material (see diffs/noise.py for what noise is)."""

from __future__ import annotations

from collections.abc import Sequence

from .clauses import Clause
from .diff import Change, highlights
from .materiality import Judgement
from .noise import key

NOISE_REASON = "only noise changed (a date, a copyright year, a session id or a tracking code)"


def is_noise(before: str | None, after: str | None) -> bool:
    """True when two different texts differ only in noise."""
    return (
        before is not None and after is not None and before != after and key(before) == key(after)
    )


def noise_changes(old: Sequence[Clause], new: Sequence[Clause]) -> list[Change]:
    """The clauses whose text moved while every key stayed: the only changes worth showing when
    nothing else changed. Empty when the clause keys differ anywhere."""
    if [c.key for c in old] != [c.key for c in new]:
        return []
    return [
        Change(
            "modified",
            a.text,
            b.text,
            b.section,
            a.position,
            b.position,
            highlights(a.text, b.text),
            b.kind,
        )
        for a, b in zip(old, new, strict=True)
        if a.text != b.text
    ]


def noise_judgement(before: str | None, after: str | None) -> Judgement | None:
    """Cosmetic, with its reason, when only noise changed; None otherwise."""
    if not is_noise(before, after):
        return None
    return Judgement("cosmetic", (), 0.0, (NOISE_REASON,))
