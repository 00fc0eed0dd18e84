"""A clause removed here and one added there that state the same practice: a rewording the
alignment could not pair (too few words in common), not a practice dropped and another taken
up. Judged as one reworded clause, the pair is material only if the rewording changed what is
done with data (a negation, a party, a place, a period...).

Also what the policy says elsewhere: a clause repeated word for word whose link changed, an
added clause an old one already says, a sentence put into a paragraph that the old version
already says (all by the Dice coefficient of content words)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from .diff import PART_SEPARATOR, Change, highlights, quote, squashed
from .lexicon import PERIOD
from .links import without_targets
from .practice import rights, sentences
from .qualifiers import notice_reasons
from .signals import content_words
from .wording import quantity_key

_MIN_OVERLAP = 0.5  # Dice coefficient of the two clauses' content words


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def restatements(
    changes: Sequence[Change], is_material: Callable[[int], bool]
) -> list[tuple[int, int, Change]]:
    """(removed index, added index, the pair as one modified change) for each material removed
    or added clause that another clause of the opposite kind restates."""
    # stems: "we store data" and "data is stored" share two words, not one
    words = {i: _stems(c.before or c.after or "") for i, c in enumerate(changes)}
    removed = [i for i, c in enumerate(changes) if c.op == "removed"]
    added = [i for i, c in enumerate(changes) if c.op == "added"]
    ranked = sorted(
        (
            (_overlap(words[r], words[a]), r, a)
            for r in removed
            for a in added
            if (is_material(r) or is_material(a))
            and words[r] & words[a]
            and _heading(changes[r]) == _heading(changes[a])  # a title restates no clause
        ),
        reverse=True,
    )
    # side by side, the same age, period or rights said in other words: "Sparkly is only for
    # people aged 18 and over" -> "You must be 18 or older to use Sparkly"
    ranked += [
        (_MIN_OVERLAP, r, a)
        for r in removed
        for a in added
        if abs(r - a) == 1
        and (is_material(r) or is_material(a))
        and (
            _same_figures(changes[r].before or "", changes[a].after or "")
            or _same_rights(changes[r].before or "", changes[a].after or "")
        )
    ]
    ranked.sort(reverse=True)
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
        pairs.append((r, a, _reworded(new, old.before, new.after, old.before_position)))
    return pairs


_STEM = 5  # letters two forms of one word share ("store", "stored", "providing")


def _heading(change: Change) -> bool:
    return change.kind == "heading"


def _same_figures(before: str, after: str) -> bool:
    """Both clauses name ages or periods, the same ones."""
    old = {quantity_key(m.group()) for m in PERIOD.finditer(before)}
    return bool(old) and old == {quantity_key(m.group()) for m in PERIOD.finditer(after)}


def _same_rights(before: str, after: str) -> bool:
    """Both clauses give the reader the same rights, in nouns or in verbs: "un droit d'accès,
    de rectification et d'effacement" -> "vous pouvez accéder à vos données, les rectifier et
    les effacer"."""
    given = rights(before, "")
    return bool(given) and sorted(given) == sorted(rights(after, ""))


def _reworded(change: Change, before: str, after: str, before_position: int | None) -> Change:
    """`change` (where the clause stands now) as one modified change from `before` to
    `after`, with its word highlights."""
    return replace(
        change,
        op="modified",
        before=before,
        after=after,
        before_position=before_position,
        highlights=highlights(before, after),
    )


_MIN_ECHO = 0.7  # Dice coefficient between a clause and the clause it repeats


def echoes(
    changes: Sequence[Change],
    old: Sequence[str],
    new: Sequence[str],
    is_material: Callable[[int], bool],
) -> list[tuple[int, Change]]:
    """(index, the clause and the one it repeats as one modified change) for each material
    added clause that an old clause already said, and each material removed clause that a new
    clause still says: a summary box repeating the policy, a paragraph copied to a second
    section, a sentence dropped from one place but kept in another."""
    texts: dict[str, list[tuple[frozenset[str], str]]] = {}  # each side read when first needed
    found = []
    for index, change in enumerate(changes):
        if change.op not in ("added", "removed") or not is_material(index):
            continue
        text = change.after if change.op == "added" else change.before
        assert text is not None
        mine = frozenset(content_words(text))
        side = "old" if change.op == "added" else "new"
        if side not in texts:
            texts[side] = [
                (frozenset(content_words(t)), t) for t in (old if side == "old" else new)
            ]
        other = texts[side]
        # Dice >= _MIN_ECHO needs sizes within a factor _MIN_ECHO / (2 - _MIN_ECHO) of each other
        low, high = len(mine) * _MIN_ECHO / (2 - _MIN_ECHO), len(mine) * (2 - _MIN_ECHO) / _MIN_ECHO
        score, said = max(
            ((_overlap(mine, w), t) for w, t in other if low <= len(w) <= high and t != text),
            default=(0, ""),
        )
        if score < _MIN_ECHO:
            continue
        before, after = (said, text) if change.op == "added" else (text, said)
        found.append((index, _reworded(change, before, after, change.before_position)))
    return found


def repeated(changes: Sequence[Change]) -> list[tuple[int, int, Change]]:
    """(removed index, added index, the pair as one modified change) for each removed and added
    clause with the same words, links aside."""
    removed: dict[str, list[int]] = {}
    for index, change in enumerate(changes):
        if change.op == "removed":
            removed.setdefault(squashed(without_targets(change.before or "")), []).append(index)
    pairs = []
    for index, change in enumerate(changes):
        twins = removed.get(squashed(without_targets(change.after or "")), [])
        if change.op != "added" or not twins:
            continue
        r = twins.pop(0)
        old = changes[r]
        assert old.before is not None and change.after is not None
        pairs.append((r, index, _reworded(change, old.before, change.after, old.before_position)))
    return pairs


_ECHO_WORDS = 5  # content words a run needs to be a sentence that can repeat another


def said_elsewhere(change: Change) -> str:
    """Why a reworded clause changes nothing the policy says: each sentence it put in, the old
    version already said elsewhere, and each it took out, the new version still says; no
    other word of weight moved. Empty when that is not so."""
    context = change.context
    if context is None or not (context.old_texts and context.new_texts):
        return ""
    cut = [r for op, r in change.highlights if op == -1 and content_words(r)]
    put = [r for op, r in change.highlights if op == 1 and content_words(r)]
    if not (cut or put):
        return ""
    # elsewhere: not in the clause itself (a split clause's pieces were all in it)
    old_texts = _without(context.old_texts, change.before_position, change.before)
    new_texts = _without(context.new_texts, change.after_position, change.after)
    if put and not sentences_said(put, old_texts):
        return ""
    if cut and not sentences_said(cut, new_texts):
        return ""
    quoted = quote(" ".join(put or cut))
    return f"{'already' if put else 'still'} said elsewhere in the policy: {quoted}"


def notice_said_anew(change: Change) -> bool:
    """The new version promises notice of changes in a sentence the old one did not have: a
    promise removed from one place was said again in other words."""
    context = change.context
    if context is None:
        return False
    old = set(context.old_texts)
    return any(notice_reasons("", text) for text in context.new_texts if text not in old)


def _without(texts: tuple[str, ...], start: int | None, text: str | None) -> tuple[str, ...]:
    """A version's clause texts without a change's own clauses on that side."""
    if start is None or text is None:
        return texts
    return texts[:start] + texts[start + text.count(PART_SEPARATOR) + 1 :]


def sentences_said(runs: Sequence[str], texts: tuple[str, ...]) -> bool:
    """Whether each run is a whole sentence (or more) that a sentence of `texts`, one
    version's clauses, already says (Dice of content words at least `_MIN_ECHO`)."""
    if not runs or not all(_a_sentence(run) for run in runs):
        return False
    said = _sentence_words(texts)
    run_words = [frozenset(content_words(run)) for run in runs]
    return all(any(_overlap(mine, other) >= _MIN_ECHO for other in said) for mine in run_words)


def _a_sentence(run: str) -> bool:
    whole = run.strip().endswith((".", "!", "?")) or ". " in run
    return whole and len(set(content_words(run))) >= _ECHO_WORDS


@lru_cache(maxsize=4)
def _sentence_words(texts: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The content words of every sentence of a version (computed once per version)."""
    return tuple(
        frozenset(content_words(sentence)) for text in texts for sentence in sentences(text)
    )


_NEIGHBOURS = ("modified", "added", "removed", "split", "merged")


def _span(start: int | None, text: str | None) -> tuple[int | None, int]:
    """Where a change's clauses start on one side, and how many it holds there."""
    return start, 0 if text is None else text.count(PART_SEPARATOR) + 1


def neighbourhoods(changes: Sequence[Change]) -> list[list[int]]:
    """Runs of two or more changes side by side in both versions, one at least adding or
    removing a clause: a paragraph split into sentences, a sentence made a list, two sentences
    said in three. Each run, read as one change, says whether the words only moved among
    neighbours."""
    runs: list[list[int]] = []
    current: list[int] = []
    old_end = new_end = None
    for index, change in enumerate(changes):
        old_start, old_count = _span(change.before_position, change.before)
        new_start, new_count = _span(change.after_position, change.after)
        beside = (
            change.op in _NEIGHBOURS
            and current
            and old_start in (None, old_end if old_end is not None else old_start)
            and new_start in (None, new_end if new_end is not None else new_start)
        )
        if not beside:
            if len(current) > 1:
                runs.append(current)
            current = [index] if change.op in _NEIGHBOURS else []
            old_end = new_end = None
        else:
            current.append(index)
        if old_start is not None:
            old_end = old_start + old_count
        if new_start is not None:
            new_end = new_start + new_count
    if len(current) > 1:
        runs.append(current)
    return [run for run in runs if _moved_among(changes, run)]


def _moved_among(changes: Sequence[Change], run: list[int]) -> bool:
    """Whether a run adds or removes a clause and its words, read together, mostly stay."""
    if not any(changes[i].op in ("added", "removed") for i in run):
        return False
    before = " ".join(changes[i].before or "" for i in run)
    after = " ".join(changes[i].after or "" for i in run)
    return _overlap(_stems(before), _stems(after)) >= _MIN_ECHO


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in content_words(text))


def as_one(changes: Sequence[Change]) -> Change:
    """Neighbouring changes as one modified change from all they removed to all they put."""
    before = " ".join(c.before.replace(PART_SEPARATOR, " ") for c in changes if c.before)
    after = " ".join(c.after.replace(PART_SEPARATOR, " ") for c in changes if c.after)
    first = changes[0]
    return replace(
        first,
        op="modified",
        before=before,
        after=after,
        before_position=next((c.before_position for c in changes if c.before), None),
        after_position=next((c.after_position for c in changes if c.after), None),
        highlights=highlights(before, after),
        kind=None,
    )


_FEW_NEW = 2  # word stems a clause may bring into its neighbourhood and still only restate it


def only_moved(change: Change, together: Change) -> bool:
    """Whether a change of a neighbourhood brings in, and takes out, at most a couple of word
    stems that the neighbourhood's other side lacks: its words moved, none came or went."""
    came = _stems(change.after or "") - _stems(together.before or "")
    went = _stems(change.before or "") - _stems(together.after or "")
    return len(came) <= _FEW_NEW and len(went) <= _FEW_NEW
