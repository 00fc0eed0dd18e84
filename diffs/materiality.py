"""Rate a change: does it alter what a policy lets the company do with someone's data?"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .diff import Change
from .lexicon import CATEGORIES, DURATION, LABELS, LEXICON, MATERIAL_CATEGORIES, WEAK_NOUNS

Term = tuple[str, str, str]  # category, noun, term

_WORD = re.compile(r"\w+")
_MODALITY = re.compile(
    r"\b(?:(?:may|might|can|could|will|shall|must|should|would)(?:\s+not|n't)?|(?:do|does|did)"
    r"(?:\s+not|n't)|won't|can't|cannot|never|not|only|solely|exclusively|unless|except|without)\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"\b(?:not|never)\b")
_LIMITS = frozenset({"only", "solely", "exclusively", "unless", "except", "without"})
_CONTRACTIONS = (
    ("won't", "will not"),
    ("can't", "can not"),
    ("cannot", "can not"),
    ("n't", " not"),
)
_QUANTITY = re.compile(rf"(?<![\w.]){DURATION}|(?<![\w.,])\d+(?:[.,]\d+)*(?:\s*%)?", re.IGNORECASE)
_DURATION = re.compile(DURATION, re.IGNORECASE)
_NAME = re.compile(r"(?<=[a-z,;:(] )[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*")
_GENERIC_NAMES = frozenset(
    "we you our us personal information personal data privacy policy website site services "
    "service company users user terms app application".split()
)
_SCORE = {"cosmetic": 0.0, "minor": 0.3}
_MATERIAL_BASE, _MATERIAL_STEP = 0.6, 0.1
_QUOTE_CHARS = 60


@dataclass(frozen=True)
class Judgement:
    """How much a change matters, about what, and why, in words a person reads."""

    materiality: str
    categories: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]


def _quote(text: str) -> str:
    text = text.strip()
    return f"'{text}'" if len(text) <= _QUOTE_CHARS else f"'{text[: _QUOTE_CHARS - 3].rstrip()}...'"


def _terms(text: str) -> set[Term]:
    """Lexicon terms in the text; where matches overlap the longest wins ("parental consent"
    is about children, not a separate consent term)."""
    matches = [
        (match.start(), match.end(), category, noun)
        for category, entries in LEXICON.items()
        for noun, pattern in entries
        for match in pattern.finditer(text)
    ]
    matches.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: list[tuple[int, int]] = []
    terms: set[Term] = set()
    for start, end, category, noun in matches:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            terms.add((category, noun, " ".join(text[start:end].casefold().split())))
    return terms


def _categories(*texts: str) -> tuple[str, ...]:
    found = {category for text in texts for category, _, _ in _terms(text)}
    return tuple(c for c in CATEGORIES if c in found) or ("other",)


def _is_strong(term: Term) -> bool:
    return term[0] in MATERIAL_CATEGORIES and term[1] not in WEAK_NOUNS


def _term_reasons(before: str, after: str) -> list[str]:
    """New and removed sensitive terms; periods are left to the quantity comparison."""
    old = {t for t in _terms(before) if t[1] != "period"}
    new = {t for t in _terms(after) if t[1] != "period"}
    reasons = [
        f"{LABELS[c]}: new {noun} '{t}'"
        for c, noun, t in sorted(new - old)
        if _is_strong((c, noun, t))
    ]
    reasons += [
        f"{LABELS[c]}: removed {noun} '{t}'"
        for c, noun, t in sorted(old - new)
        if _is_strong((c, noun, t))
    ]
    return reasons


def _modalities(text: str) -> Counter[str]:
    found = Counter()
    for match in _MODALITY.finditer(text):
        phrase = match.group().casefold()
        for short, long in _CONTRACTIONS:
            phrase = phrase.replace(short, long)
        found[" ".join(phrase.split())] += 1
    return found


def _modality_reasons(before: str, after: str) -> list[str]:
    """Flipped negations, dropped limits ("only") and changed modal verbs."""
    old, new = _modalities(before), _modalities(after)
    gone, came = sorted((old - new).elements()), sorted((new - old).elements())
    reasons = [f"negation removed: '{p}'" for p in gone if _NEGATIVE.search(p)]
    reasons += [f"negation added: '{p}'" for p in came if _NEGATIVE.search(p)]
    reasons += [f"limit removed: '{p}'" for p in gone if p in _LIMITS]
    reasons += [f"limit added: '{p}'" for p in came if p in _LIMITS]
    modal_gone = [p for p in gone if p not in _LIMITS and p not in ("not", "never")]
    modal_came = [p for p in came if p not in _LIMITS and p not in ("not", "never")]
    if modal_gone or modal_came:
        reasons.append(f"modality: '{', '.join(modal_gone)}' -> '{', '.join(modal_came)}'")
    return reasons


def _quantity_reason(
    before: str, after: str, categories: tuple[str, ...]
) -> tuple[str, bool] | None:
    """A changed number; material when it is a duration or sits in a sensitive clause."""
    old = Counter(" ".join(m.group().casefold().split()) for m in _QUANTITY.finditer(before))
    new = Counter(" ".join(m.group().casefold().split()) for m in _QUANTITY.finditer(after))
    gone, came = sorted((old - new).elements()), sorted((new - old).elements())
    if not gone and not came:
        return None
    is_duration = any(_DURATION.fullmatch(q) for q in gone + came)
    label = "retention" if is_duration or "data-retention" in categories else "number"
    material = is_duration or bool(MATERIAL_CATEGORIES.intersection(categories))
    return f"{label}: {', '.join(gone) or 'none'} -> {', '.join(came) or 'none'}", material


def _name_reasons(before: str, after: str, categories: tuple[str, ...]) -> list[str]:
    """Proper names newly listed in a sharing clause are new recipients ("Anthropic")."""
    if "third-party-sharing" not in categories:
        return []
    known = before.casefold()
    names = {m.group().rstrip(".-") for m in _NAME.finditer(after)}
    fresh = [n for n in names if n.casefold() not in known and n.casefold() not in _GENERIC_NAMES]
    return [f"sharing: new recipient '{name}'" for name in sorted(fresh)]


def _material(reasons: list[str], categories: tuple[str, ...]) -> Judgement:
    score = min(1.0, _MATERIAL_BASE + _MATERIAL_STEP * (len(reasons) - 1))
    return Judgement("material", categories, round(score, 2), tuple(reasons))


def _minor(reasons: list[str], categories: tuple[str, ...]) -> Judgement:
    return Judgement("minor", categories, _SCORE["minor"], tuple(reasons))


def _reworded(change: Change) -> str:
    cut = " ... ".join(text.strip() for op, text in change.highlights if op == -1 and text.strip())
    pasted = " ... ".join(
        text.strip() for op, text in change.highlights if op == 1 and text.strip()
    )
    if cut and pasted:
        return f"reworded: {_quote(cut)} -> {_quote(pasted)}"
    return f"words added: {_quote(pasted)}" if pasted else f"words removed: {_quote(cut)}"


def _judge_modified(change: Change, categories: tuple[str, ...]) -> Judgement:
    before, after = change.before or "", change.after or ""
    material = _term_reasons(before, after) + _modality_reasons(before, after)
    material += _name_reasons(before, after, categories)
    minor: list[str] = []
    quantity = _quantity_reason(before, after, categories)
    if quantity:
        (material if quantity[1] else minor).append(quantity[0])
    if material:
        return _material(material, categories)
    return _minor([*minor, _reworded(change)], categories)


def _judge_added_or_removed(change: Change, categories: tuple[str, ...]) -> Judgement:
    text = change.after if change.op == "added" else change.before
    text = text or ""
    word = "new" if change.op == "added" else "removed"
    strong = sorted(t for t in _terms(text) if _is_strong(t))
    if change.kind == "heading" or not strong:
        return _minor([f"{change.kind or 'clause'} {change.op}: {_quote(text)}"], categories)
    return _material([f"{LABELS[c]}: {word} {noun} '{t}'" for c, noun, t in strong], categories)


def judge(change: Change) -> Judgement:
    """Cosmetic, minor or material, with the categories touched and the reasons."""
    before, after = change.before or "", change.after or ""
    categories = _categories(before, after)
    same_words = _WORD.findall(before.casefold()) == _WORD.findall(after.casefold())
    if change.op == "moved":
        if before == after:
            return Judgement("cosmetic", categories, _SCORE["cosmetic"], ("moved, text unchanged",))
        return _minor([f"moved and reworded: {_quote(before)} -> {_quote(after)}"], categories)
    if change.op == "modified" and same_words:
        reason = "only case, punctuation or spacing changed"
        return Judgement("cosmetic", categories, _SCORE["cosmetic"], (reason,))
    if change.op == "modified" and change.kind == "heading":
        return _minor([f"heading renamed: {_quote(before)} -> {_quote(after)}"], categories)
    if change.op == "modified":
        return _judge_modified(change, categories)
    return _judge_added_or_removed(change, categories)
