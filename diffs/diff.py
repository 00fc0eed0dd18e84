"""Clause-level alignment: what was kept, added, removed, reworded, moved, split or merged.

The two clause lists are diffed as token sequences with diff-match-patch (one token per clause),
which gives the unchanged clauses and the hunks of deleted and inserted ones between them. The
hunks are then explained, most certain first: the same clause elsewhere (moved), one clause cut
into consecutive ones (split) or the reverse (merged), a reworded clause (modified: paired by
word-set similarity, in place, or moved when it went elsewhere), and what is left is added or
removed. Similar pairs are found through an inverted index with prefix filtering, so the cost
grows with the number of plausible pairs, not with deleted x inserted clauses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from math import ceil

from .clauses import Clause
from .dmp import diff_tokens
from .language import detect
from .lexicon import GENERIC_NAMES

OPS = ("unchanged", "added", "removed", "modified", "moved", "split", "merged")
MODIFIED_MIN_SIMILARITY = 0.5  # a reworded clause in place
REPLACED_MIN_SIMILARITY = 0.25  # the one clause between two unchanged ones, replaced by one
MOVED_MIN_SIMILARITY = 0.75  # a (reworded) clause that went elsewhere
SPLIT_MIN_CONTAINMENT = 0.7  # share of each piece's words found in the whole
SPLIT_MIN_SIMILARITY = 0.8  # the pieces together against the whole
# Words in more clauses than this are not used to find candidate pairs (they still count in
# the similarity of a pair): "the", "data", "we" would make candidate search quadratic.
_MAX_POSTINGS = 200
PART_SEPARATOR = "\n"  # between the pieces of a split or merged clause in `before`/`after`

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\s+|[^\W_]+|_+|[^\w\s]")


@dataclass(frozen=True)
class Context:
    """What the judge may need to know about the two whole documents, not just one clause."""

    language: str
    old_words: frozenset[str]
    # words in many clauses of either version: the company's name, defined terms ("Service")
    common_words: frozenset[str] = frozenset()
    # the name the policy calls its author by most often ("spotify"), casefolded: "Spotify
    # Wrapped" is one of its own products, not another party
    own_name: str = ""
    # every clause of each version, to tell a sentence the other version says elsewhere
    old_texts: tuple[str, ...] = ()
    new_texts: tuple[str, ...] = ()
    # each version's headings, squashed: a list that repeats them is a table of contents
    old_headings: frozenset[str] = frozenset()
    new_headings: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Change:
    """One clause-level difference; positions index each version's clause list.

    For "split" (one old clause became several) and "merged" (several became one), the many
    side's texts are joined with PART_SEPARATOR and its position is the first piece's.
    """

    op: str
    before: str | None
    after: str | None
    section: str | None
    before_position: int | None
    after_position: int | None
    highlights: tuple[tuple[int, str], ...] = ()
    kind: str | None = None  # clause kind ("heading", "item", "sentence"): judging needs it
    context: Context | None = field(default=None, compare=False, repr=False)

    @property
    def language(self) -> str | None:
        return self.context.language if self.context else None


_COMMON_IN = 6  # clauses a word must appear in to be one of the document's common words


_CAPITALISED = re.compile(r"(?<![\w.@/-])[A-Z][\w-]*[A-Za-z]")


def _own_name(clauses: Sequence[Clause]) -> str:
    """The capitalised word most clauses use, when it is a name (not "Personal", "We"),
    casefolded; with the words that tie with it and follow it in the name ("open
    collective"). Ties go by first appearance: a set's order would change with the hash seed."""
    seen = Counter(
        w.casefold()
        for c in clauses
        for w in dict.fromkeys(_CAPITALISED.findall(c.text))
        if w.casefold() not in GENERIC_NAMES
    )
    top = seen.most_common(1)
    if not top or top[0][1] < _COMMON_IN:
        return ""
    first, count = top[0]
    tied = {w for w, n in seen.items() if n == count}
    for clause in clauses:
        for run in _CAPITALISED_RUN.findall(clause.text):
            names = run.casefold().split()
            if first in names:
                at = names.index(first)
                while at > 0 and names[at - 1] in tied:
                    at -= 1
                end = at + 1
                while end < len(names) and names[end] in tied:
                    end += 1
                return " ".join(names[at:end])
    return first


_CAPITALISED_RUN = re.compile(rf"{_CAPITALISED.pattern}(?:[ \t]+[A-Z][\w-]*[A-Za-z])*")


def _common_words(word_sets: Sequence[frozenset[str]]) -> frozenset[str]:
    seen = Counter(w for each in word_sets for w in each)
    return frozenset(w for w, count in seen.items() if count >= _COMMON_IN)


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The words of a text, casefolded: what similarity and "same wording" compare. Cached:
    the aligner, the capture checks and the judge each read every clause's words."""
    return tuple(_WORD.findall(text.casefold()))


@lru_cache(maxsize=16384)
def squashed(text: str) -> str:
    """Letters and digits only: "Device phone book" and "Device Phonebook", "DataUsage" and
    "Data Usage" are the same words."""
    return "".join(words(text))


_QUOTE_CHARS = 60


def quote(text: str) -> str:
    """A text as a reason quotes it: one line, cut at 60 characters."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= _QUOTE_CHARS else f"'{text[: _QUOTE_CHARS - 3].rstrip()}...'"


def clause_key(clause: Clause) -> str:
    """What decides "same clause": the extractor's noise-masked key when it gives one."""
    return getattr(clause, "key", None) or clause.text


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


_LONGEST_RUNS_MAX_TOKENS = 1200  # difflib's matching is quadratic: long clauses keep dmp's diff


def judged_highlights(before: str, after: str) -> tuple[tuple[int, str], ...]:
    """The word diff the judge reads. diff-match-patch finds the fewest edits, which can tear a
    phrase that moved a few words ("the service and to improve our products" -> "the service,
    to improve our products and to train our models" reads as "improve" -> "train"). Matching
    the longest common runs first (difflib) keeps such a phrase whole and shows only what was
    put in; that diff is used when it keeps every word of weight and changes fewer words."""
    marks = highlights(before, after)
    if not ({op for op, text in marks if _WORD.search(text)} >= {-1, 1}):
        return marks  # nothing replaced: both diffs agree
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    if len(a) + len(b) > _LONGEST_RUNS_MAX_TOKENS:
        return marks
    runs: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((0, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append((-1, "".join(a[i1:i2])))
        if j2 > j1:
            runs.append((1, "".join(b[j1:j2])))
    # only an addition torn apart is undone: every word of weight the old clause had is kept
    if any(len(w) > _LINK_WORD for op, text in runs if op == -1 for w in _WORD.findall(text)):
        return marks
    return tuple(runs) if _changed_words(runs) < _changed_words(marks) else marks


_LINK_WORD = 3  # "and", "or", "et", "und": the words a list takes and gives back as it grows


def _changed_words(marks: Sequence[tuple[int, str]]) -> int:
    return sum(len(_WORD.findall(text)) for op, text in marks if op)


Hunk = tuple[list[int], list[int]]  # deleted old indexes, inserted new indexes


def _align(old_keys: list[str], new_keys: list[str]) -> tuple[list[Hunk], dict[int, int]]:
    """Runs of deleted and inserted clauses between unchanged ones, and the old -> new index
    map of the unchanged ones."""
    hunks: list[Hunk] = []
    kept: dict[int, int] = {}
    deleted: list[int] = []
    inserted: list[int] = []
    i = j = 0
    for op, count in diff_tokens(old_keys, new_keys, semantic=False):
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


def _prefix(tokens: frozenset[str], frequency: Counter[str]) -> list[str]:
    """The rarest words of a clause that any clause at least MODIFIED_MIN_SIMILARITY (Dice)
    similar to it must share at least one of (prefix filtering)."""
    needed = ceil(MODIFIED_MIN_SIMILARITY * len(tokens) / (2 - MODIFIED_MIN_SIMILARITY))
    ordered = sorted(tokens, key=lambda t: (frequency[t], t))
    return ordered[: len(tokens) - needed + 1]


_KIND_CHANGE_SIMILARITY = 0.8


class _Aligner:
    """Turns the clause-level hunks into typed changes."""

    def __init__(self, old: Sequence[Clause], new: Sequence[Clause]) -> None:
        self.old, self.new = old, new
        self.old_keys = [clause_key(c) for c in old]
        self.new_keys = [clause_key(c) for c in new]
        self.hunks, self.kept = _align(self.old_keys, self.new_keys)
        self.hunk_of_old = {i: n for n, (deleted, _) in enumerate(self.hunks) for i in deleted}
        self.hunk_of_new = {j: n for n, (_, inserted) in enumerate(self.hunks) for j in inserted}
        self.gone = set(self.hunk_of_old)
        self.came = set(self.hunk_of_new)
        # each clause's words, read once: the aligner scores pairs by them, the judge asks which
        # words the old version had and which are common to both
        old_words = [frozenset(words(c.text)) for c in old]
        new_words = [frozenset(words(c.text)) for c in new]
        self.old_sets = {i: old_words[i] for i in self.gone}
        self.new_sets = {j: new_words[j] for j in self.came}
        self.keyed: list[tuple[tuple[int, int, int], Change]] = []
        self._kept_order: list[int] = []
        texts = [c.text for c in new] or [c.text for c in old]
        old_vocabulary = frozenset().union(*old_words)
        new_vocabulary = frozenset().union(*new_words)
        self.context = Context(
            language=detect(texts),
            old_words=old_vocabulary,
            # a word one version lost or gained is no name merely moving between clauses: a
            # processor with a section of its own, dropped from the policy, is a party gone
            common_words=_common_words([*old_words, *new_words]) & old_vocabulary & new_vocabulary,
            own_name=_own_name([*old, *new]),
            old_texts=tuple(c.text for c in old),
            new_texts=tuple(c.text for c in new),
            old_headings=frozenset(squashed(c.text) for c in old if c.kind == "heading"),
            new_headings=frozenset(squashed(c.text) for c in new if c.kind == "heading"),
        )

    # --- scoring -------------------------------------------------------------------------

    def _overlap(self, i: int, j: int) -> int:
        return len(self.old_sets[i] & self.new_sets[j])

    def _may_pair(self, i: int, j: int, similarity: float) -> bool:
        """A heading reworded into a sentence, or back, only when nearly the same words: "How
        we protect your data" is no rewording of "We encrypt your data"."""
        kinds = {self.old[i].kind, self.new[j].kind}
        return "heading" not in kinds or len(kinds) == 1 or similarity >= _KIND_CHANGE_SIMILARITY

    def score(self, i: int, j: int) -> float:
        """Dice similarity of the two clauses' word sets."""
        total = len(self.old_sets[i]) + len(self.new_sets[j])
        if not total:  # no words at all ("|", "-"): only the same text is similar
            return float(self.old_keys[i] == self.new_keys[j])
        return 2 * self._overlap(i, j) / total

    def candidates(self) -> set[tuple[int, int]]:
        """Old/new pairs sharing at least one of each other's rarest words."""
        frequency: Counter[str] = Counter()
        for tokens in (*self.old_sets.values(), *self.new_sets.values()):
            frequency.update(tokens)
        pairs: set[tuple[int, int]] = set()
        for own, other, flip in (
            (self.old_sets, self.new_sets, False),
            (self.new_sets, self.old_sets, True),
        ):
            postings: dict[str, list[int]] = {}
            for index, tokens in other.items():
                for token in tokens:
                    postings.setdefault(token, []).append(index)
            for index, tokens in own.items():
                for token in _prefix(tokens, frequency):
                    hits = postings.get(token, ())
                    if len(hits) > _MAX_POSTINGS:
                        continue
                    pairs.update((hit, index) if flip else (index, hit) for hit in hits)
        return pairs

    # --- emitting --------------------------------------------------------------------------

    def _anchor(self, i: int) -> int:
        """Where a removed clause sits in the new version: just after the nearest earlier old
        clause that is still in place (unchanged, modified, split or merged)."""
        before = bisect_left(self._kept_order, i)
        return self.kept[self._kept_order[before - 1]] + 1 if before else 0

    def emit(self, op: str, olds: Sequence[int], news: Sequence[int]) -> None:
        a = PART_SEPARATOR.join(self.old[i].text for i in olds) if olds else None
        b = PART_SEPARATOR.join(self.new[j].text for j in news) if news else None
        if a is not None and b is not None and a != b:
            marks = highlights(a.replace(PART_SEPARATOR, " "), b.replace(PART_SEPARATOR, " "))
        else:
            marks = ()
        source = self.new[news[0]] if news else self.old[olds[0]]
        self.gone.difference_update(olds)
        self.came.difference_update(news)
        if op in ("modified", "split", "merged"):  # still in place: an anchor for removed ones
            self.kept.update((i, news[0]) for i in olds)
        key = (news[0], 1, 0) if news else (self._anchor(olds[0]), 0, olds[0])
        change = Change(
            op,
            a,
            b,
            source.section,
            olds[0] if olds else None,
            news[0] if news else None,
            marks,
            source.kind,
            self.context,
        )
        self.keyed.append((key, change))

    # --- the passes, most certain first ----------------------------------------------------

    def exact_moves(self) -> None:
        """The same clause deleted in one place and inserted in another."""
        by_key: dict[str, list[int]] = {}
        for i in sorted(self.gone):
            by_key.setdefault(self.old_keys[i], []).append(i)
        for j in sorted(self.came):
            same = by_key.get(self.new_keys[j])
            if same:
                self.emit("moved", [same.pop(0)], [j])

    def _runs(self, indexes: list[int], pool: set[int]) -> list[list[int]]:
        """Maximal runs of consecutive indexes, all still unexplained."""
        runs: list[list[int]] = []
        for index in sorted(indexes):
            if index not in pool:
                continue
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        return [run for run in runs if len(run) > 1]

    def splits_and_merges(self, pairs: set[tuple[int, int]]) -> None:
        """One old clause whose words are spread over consecutive new ones, or the reverse."""
        pieces_of_old: dict[int, list[int]] = {}
        pieces_of_new: dict[int, list[int]] = {}
        for i, j in pairs:
            overlap = self._overlap(i, j)
            if overlap >= SPLIT_MIN_CONTAINMENT * len(self.new_sets[j]):
                pieces_of_old.setdefault(i, []).append(j)
            if overlap >= SPLIT_MIN_CONTAINMENT * len(self.old_sets[i]):
                pieces_of_new.setdefault(j, []).append(i)
        found: list[tuple[float, str, int, list[int]]] = []
        for whole, pieces in pieces_of_old.items():
            for run in self._runs(pieces, self.came):
                joined = frozenset().union(*(self.new_sets[j] for j in run))
                found.append(
                    (self._joined_score(self.old_sets[whole], joined), "split", whole, run)
                )
        for whole, pieces in pieces_of_new.items():
            for run in self._runs(pieces, self.gone):
                joined = frozenset().union(*(self.old_sets[i] for i in run))
                found.append(
                    (self._joined_score(self.new_sets[whole], joined), "merged", whole, run)
                )
        for similarity, op, whole, run in sorted(found, key=lambda f: (-f[0], f[2], f[1])):
            if similarity < SPLIT_MIN_SIMILARITY:
                break
            if op == "split" and whole in self.gone and all(j in self.came for j in run):
                if similarity > max(self.score(whole, j) for j in run):
                    self.emit("split", [whole], run)
            elif op == "merged" and whole in self.came and all(i in self.gone for i in run):
                if similarity > max(self.score(i, whole) for i in run):
                    self.emit("merged", run, [whole])

    @staticmethod
    def _joined_score(whole: frozenset[str], joined: frozenset[str]) -> float:
        total = len(whole) + len(joined)
        return 2 * len(whole & joined) / total if total else 0.0

    def pairings(self, pairs: set[tuple[int, int]]) -> None:
        """Reworded clauses: in place (same hunk) when similar enough, elsewhere (moved) when
        nearly the same; the best pairs are taken first."""
        ranked = []
        for i, j in pairs:
            same_hunk = self.hunk_of_old[i] == self.hunk_of_new[j]
            ranked.append((self.score(i, j), same_hunk, i, j))
        ranked.sort(key=lambda r: (-(r[0] + 0.05 * r[1]), r[2], r[3]))
        for similarity, same_hunk, i, j in ranked:
            if i not in self.gone or j not in self.came or not self._may_pair(i, j, similarity):
                continue
            if same_hunk and similarity >= MODIFIED_MIN_SIMILARITY:
                self.emit("modified", [i], [j])
            elif not same_hunk and similarity >= MOVED_MIN_SIMILARITY:
                self.emit("moved", [i], [j])

    def replacements(self) -> None:
        """A hunk of exactly one deleted and one inserted clause is one clause rewritten, even
        when few words survive ("Configuration des murs de paie : RevenueCat" -> "Péages de
        lecture numérique : RevenueCat"), unless they share nothing at all."""
        for deleted, inserted in self.hunks:
            if len(deleted) == len(inserted) == 1:
                i, j = deleted[0], inserted[0]
                if (
                    i in self.gone
                    and j in self.came
                    and self.score(i, j) >= REPLACED_MIN_SIMILARITY
                    and self._may_pair(i, j, self.score(i, j))
                ):
                    self.emit("modified", [i], [j])

    def run(self, include_unchanged: bool) -> list[Change]:
        self.exact_moves()
        pairs = self.candidates()
        self.splits_and_merges(pairs)
        self.pairings(pairs)
        self.replacements()
        for j in sorted(self.came):
            self.emit("added", [], [j])
        if include_unchanged:
            for i, j in list(self.kept.items()):
                if i not in self.hunk_of_old:
                    self.emit("unchanged", [i], [j])
        self._kept_order = sorted(self.kept)
        for i in sorted(self.gone):
            self.emit("removed", [i], [])
        return [change for _, change in sorted(self.keyed, key=lambda pair: pair[0])]


def diff(
    old: Sequence[Clause], new: Sequence[Clause], *, include_unchanged: bool = False
) -> list[Change]:
    """Changes ordered by position in the new version; removed clauses sit where they were.

    Unchanged clauses are left out unless `include_unchanged` (then they come as "unchanged").
    """
    return _Aligner(old, new).run(include_unchanged)
