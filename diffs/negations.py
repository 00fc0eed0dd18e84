"""Whether a clause's "no" and its limits turned or were only said another way: a negation
carried by a word ("non-identifying"), one negation joining another, "before" flipped to
"after", a "no ... other than" said as "only". The reader asks these of a modified clause
before it reports a negation or a limit that came or went."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .modality import AFTER, BEFORE

_EXCEPTION = re.compile(
    r"unless|except|without|lack|other than|apart from|save|sauf|sans|exception|hormis|excepté"
    r"|außer|ausser|es sei denn|ohne",
    re.I,
)


# "purposes other than those permitted", "autres que", "andere als": what a "no" excepts
_OTHER_THAN = re.compile(
    r"\b(?:other than|except|apart from|autres? que|sauf|hormis|außer|ausser|andere[nrs]? als)\b",
    re.IGNORECASE,
)
_ALWAYS = re.compile(r"\b(?:always|toujours|systématiquement|immer|stets)\b", re.IGNORECASE)
_WITHOUTS = frozenset({"without", "sans", "ohne"})


def said_positively(
    negative: str,
    positive: str,
    negations: list[str],
    other_negations: list[str],
    limits: list[str],
    new_limits: list[str],
) -> bool:
    """Whether one "no" with its exception is said the other way round, as the same limit:
    "we do not use it for purposes other than those permitted" -> "we use it only for
    permitted purposes"; "no order is cancelled without a review" -> "a member always reviews
    an order before cancelling it". Any other limit that came or went still counts."""
    if len(negations) != 1 or other_negations:
        return False
    restrictions = [p for p in new_limits if limit_kind(p) == "restriction"]
    if _OTHER_THAN.search(negative) and len(restrictions) == 1 and len(new_limits) == 1:
        return all(limit_kind(p) == "exception" for p in limits) and len(limits) <= 1
    withouts = [p for p in limits if p in _WITHOUTS]
    return (
        len(withouts) == 1 == len(limits)
        and not new_limits
        and bool(_ALWAYS.search(positive) and BEFORE.search(positive))
        and not _ALWAYS.search(negative)
    )


def limit_kind(phrase: str) -> str:
    """A limit restricts ("only", "ne ... que", "nur") or makes an exception ("unless")."""
    return "exception" if _EXCEPTION.search(phrase) else "restriction"


_STEM = 5  # letters two forms of a word share ("identify", "identifying")


def negative_word(negation: str, text: str, other: str) -> bool:
    """Whether the word a negation denies is, on the other side, one word that carries its own
    "no": "does not identify" and "non-identifying", "is not encrypted" and "unencrypted"."""
    after = re.search(
        rf"\b{re.escape(negation)}\s+(?:be\s+|been\s+)?([^\W\d_]{{{_STEM},}})", text, re.I
    )
    if not after:
        return False
    stem = re.escape(after.group(1)[:_STEM])
    return bool(re.search(rf"\b(?:non-?\s?|un)(?:{stem})", other, re.IGNORECASE))


def negative_both(old: Counter[str], new: Counter[str], is_negation: Callable[[str], bool]) -> bool:
    """Whether a sentence's one negation stays and another only joins it: said again, not
    turned."""
    kept = (old & new).elements()
    return any(is_negation(p) for p in kept) and sum(old.values()) == 1


def timing_reasons(before: str, after: str) -> list[str]:
    """ "Before" one side, "after" the other, in the same number: the order of a practice and
    the person's say flipped ("we ask for consent before" -> "after sharing")."""
    gone = len(BEFORE.findall(before)) - len(BEFORE.findall(after))
    came = len(AFTER.findall(after)) - len(AFTER.findall(before))
    if gone > 0 and came > 0:
        return ["timing: 'before' -> 'after'"]
    if gone < 0 and came < 0:
        return ["timing: 'after' -> 'before'"]
    return []
