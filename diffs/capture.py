"""A side of a comparison that is not the policy: an error page, a login wall or a truncated
capture that kept a fraction of the text and states almost no data practice.

Comparing a policy with such a page "removes" the whole policy; a reader learns nothing from
that, and a subscriber must not be alerted. The judge then rates every change of the pair
minor at most, saying why, so the evidence stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from .clauses import Clause
from .diff import words
from .language import detect
from .practice import states_practice

# The smaller side keeps less than this share of the larger side's words...
_LOST_SHARE = 0.25
# ...of a text long enough to be a whole policy (short test texts and stubs are compared as
# they are)...
_POLICY_WORDS = 300
# ...and states fewer data practices than this (a footer's "Do not sell my data" link is one).
_FEW_PRACTICES = 5


def _size(clauses: Sequence[Clause]) -> int:
    return sum(len(words(clause.text)) for clause in clauses)


def _practices(clauses: Sequence[Clause], language: str) -> int:
    return sum(1 for clause in clauses if states_practice(clause.text, language))


def _language(clauses: Sequence[Clause]) -> str:
    return detect(clause.text for clause in clauses if clause.kind != "heading")


def not_the_policy(old: Sequence[Clause], new: Sequence[Clause]) -> str | None:
    """Why one side is not the policy the other side is, or None when both read as policies."""
    old_size, new_size = _size(old), _size(new)
    if min(old_size, new_size) >= _POLICY_WORDS:
        was, now = _language(old), _language(new)
        if was != now and "und" not in (was, now):
            # a capture served in the visitor's language ("/fr/" by geolocation): the same
            # policy in another rendition, whose every clause would read as changed
            return (
                f"the two texts are in different languages ({was} -> {now}): another "
                "rendition of the policy, not a change of it"
            )
    if max(old_size, new_size) < _POLICY_WORDS:
        return None
    if min(old_size, new_size) >= _LOST_SHARE * max(old_size, new_size):
        return None
    smaller, side = (new, "newer") if new_size < old_size else (old, "older")
    language = detect(clause.text for clause in old + new if clause.kind != "heading")
    if _practices(smaller, language) >= _FEW_PRACTICES:
        return None
    small, large = min(old_size, new_size), max(old_size, new_size)
    return (
        f"the {side} text is not the policy ({small} words against {large}, almost no data "
        "practice stated): a failed capture, not a change of the policy"
    )
