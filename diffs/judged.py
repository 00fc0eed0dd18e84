"""Two clause lists compared and every change judged: what `diffs.compare` returns."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .capture import collapsed, cut_short, not_the_policy, regional_edition
from .clauses import Clause, split
from .cosmetic import noise_changes, noise_judgement
from .diff import Change, diff, quote
from .materiality import Judgement, at_most_minor, judge, minor_as_cosmetic
from .normalize import Document
from .restated import as_one, echoes, neighbourhoods, only_moved, repeated, restatements

_SAME_PLACE = 2  # changes apart in the list for an added clause to stand where one was removed


@dataclass(frozen=True)
class JudgedChange:
    """A change together with its rating, as the store and reports keep them."""

    change: Change
    judgement: Judgement


def compare(old: Document, new: Document) -> list[JudgedChange]:
    """Split both versions, align their clauses and judge every change; when only noise moved,
    the noisy clauses, as cosmetic."""
    return judge_all(split(old), split(new))


def judge_all(old: list[Clause], new: list[Clause]) -> list[JudgedChange]:
    """Every change between two clause lists with its judgement (noise-only pairs cosmetic)."""
    changes = diff(old, new) or noise_changes(old, new)
    judged = [
        JudgedChange(change, noise_judgement(change.before, change.after) or judge(change))
        for change in changes
    ]
    judged = _restated(judged)
    judged = _among_neighbours(judged)
    judged = _echoed(judged, [c.text for c in old], [c.text for c in new])
    failed = (
        (not_the_policy(old, new) or cut_short(old, new) or collapsed(old, new)) if judged else None
    )
    if failed is not None:
        return [JudgedChange(j.change, at_most_minor(j.judgement, failed)) for j in judged]
    if any(j.judgement.materiality == "material" for j in judged):
        return judged  # a change of practice: the policy changed, whatever its edition
    edition = regional_edition([j.change for j in judged])
    if edition is None:
        return judged
    return [JudgedChange(j.change, minor_as_cosmetic(j.judgement, edition)) for j in judged]


def _echoed(judged: list[JudgedChange], old: list[str], new: list[str]) -> list[JudgedChange]:
    """An added clause the old version already said, or a removed one the new version still
    says, is rated as the rewording it is of that clause (see `restated.echoes`)."""
    changes = [j.change for j in judged]
    out = list(judged)
    material = [j.judgement.materiality == "material" for j in judged]
    for index, pair in echoes(changes, old, new, lambda i: material[i]):
        together = judge(pair)
        if together.materiality == "material":
            continue
        added = changes[index].op == "added"
        said = pair.before if added else pair.after
        where = "already said" if added else "still said"
        why = f"{where} elsewhere in the policy: {quote(said or '')}"
        out[index] = JudgedChange(
            judged[index].change,
            Judgement("minor", judged[index].judgement.categories, 0.3, (why,)),
        )
    return out


def _among_neighbours(judged: list[JudgedChange]) -> list[JudgedChange]:
    """Material changes whose words only moved among the clauses beside them (a paragraph
    split in sentences, a sentence made a list), read together as one change that is not
    material, are rated minor with the reason of the whole."""
    out = list(judged)
    for run in neighbourhoods([j.change for j in judged]):
        # the whole run, then each material change with the one before or after it: a long
        # section reworded holds other changes that the whole would be judged by
        # (each pair once: two material neighbours share theirs)
        pairs = dict.fromkeys(
            tuple(pair)
            for at, i in enumerate(run)
            if judged[i].judgement.materiality == "material"
            for pair in (run[max(0, at - 1) : at + 1], run[at : at + 2])
            if len(pair) == 2
        )
        windows = [run, *map(list, pairs)]
        for window in windows:
            material = [i for i in window if out[i].judgement.materiality == "material"]
            if not material:
                continue
            whole = as_one([judged[i].change for i in window])
            together = judge(whole)
            if together.materiality == "material":
                continue
            why = f"said again across {len(window)} neighbouring clauses: {together.reasons[0]}"
            for i in material:
                if only_moved(judged[i].change, whole):
                    categories = judged[i].judgement.categories
                    minor = Judgement("minor", categories, 0.3, (why,))
                    out[i] = JudgedChange(judged[i].change, minor)
    return out


def _restated(judged: list[JudgedChange]) -> list[JudgedChange]:
    """A removed and an added clause that restate each other become one change, with its word
    highlights, judged as the rewording it is (see `restated`): "modified" where the new clause
    took the old one's place, "moved" when it went elsewhere. First the pairs with the same
    words (links aside): a sentence the policy repeats ("please click here") whose link changed,
    which the alignment paired with another copy."""
    judged = _as_one(judged, repeated([j.change for j in judged]))
    material = [j.judgement.materiality == "material" for j in judged]
    return _as_one(judged, restatements([j.change for j in judged], lambda i: material[i]))


def _as_one(judged: list[JudgedChange], pairs: list[tuple[int, int, Change]]) -> list[JudgedChange]:
    """Each (removed index, added index, pair) judged as one change where the first stood."""
    merged: dict[int, JudgedChange] = {}
    dropped: set[int] = set()
    for r, a, pair in pairs:
        if abs(r - a) > _SAME_PLACE:
            pair = replace(pair, op="moved")
        merged[min(r, a)] = JudgedChange(pair, judge(pair))
        dropped.add(max(r, a))
    return [merged.get(i, j) for i, j in enumerate(judged) if i not in dropped]
