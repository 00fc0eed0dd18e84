"""A clause removed here and one added there that state the same practice: a rewording the
alignment could not pair (too few words in common), not a practice dropped and another taken
up. Judged as one reworded clause, the pair is material only if the rewording changed what is
done with data (a negation, a party, a place, a period...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .diff import Change, highlights
from .signals import content_words

_MIN_OVERLAP = 0.5  # Dice coefficient of the two clauses' content words


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def restatements(
    changes: Sequence[Change], is_material: Callable[[int], bool]
) -> list[tuple[int, int, Change]]:
    """(removed index, added index, the pair as one modified change) for each material removed
    or added clause that another clause of the opposite kind restates."""
    words = {i: frozenset(content_words(c.before or c.after or "")) for i, c in enumerate(changes)}
    removed = [i for i, c in enumerate(changes) if c.op == "removed"]
    added = [i for i, c in enumerate(changes) if c.op == "added"]
    ranked = sorted(
        (
            (_overlap(words[r], words[a]), r, a)
            for r in removed
            for a in added
            if (is_material(r) or is_material(a)) and words[r] & words[a]
        ),
        reverse=True,
    )
    taken: set[int] = set()
    pairs = []
    for score, r, a in ranked:
        if score < _MIN_OVERLAP:
            break
        if r in taken or a in taken:
            continue
        taken |= {r, a}
        old, new = changes[r], changes[a]
        assert old.before is not None and new.after is not None
        pairs.append(
            (
                r,
                a,
                Change(
                    "modified",
                    old.before,
                    new.after,
                    new.section,
                    old.before_position,
                    new.after_position,
                    highlights(old.before, new.after),
                    new.kind,
                    new.context,
                ),
            )
        )
    return pairs
