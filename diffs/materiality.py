"""Rate a change: does it alter what a policy lets the company do with someone's data?

Rules, not a model: every judgement can say why in words, runs in microseconds and gives the
same answer tomorrow. A change is

- cosmetic when only case, punctuation, spelling, whitespace, quote style or formatting changed
  (and a clause that moved without rewording);
- material when it alters what happens to people's data: a new data type, recipient or purpose,
  a sale, a flipped negation or modality, a changed number or duration, a removed promise or
  right, a new transfer abroad, a changed privacy contact;
- minor otherwise.

Language-independent signals (numbers and durations, organisation names new to the policy, new
table rows, negations) work in any language; the vocabulary comes from `lexicon` in the
language detected for the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from .diff import PART_SEPARATOR, Change, highlights, words
from .language import detect
from .lexicon import (
    AGE,
    CATEGORIES,
    DATA_WORDS,
    DURATION,
    GRIEVANCE_WORDS,
    HIDDEN_EMAIL,
    IDIOMS,
    LABELS,
    LEXICONS,
    LIMITS,
    MATERIAL_CATEGORIES,
    MODALS,
    NEGATIONS,
    PRIVACY_WORDS,
    WEAK_NOUNS,
)
from .links import targets, without_targets
from .practice import (
    PARTY_SECTION,
    about_people,
    organisations,
    practices,
    rights,
    sentences,
    states_practice,
)
from .signals import (
    Edit,
    identifiability_reasons,
    list_item_reasons,
    own_product,
    party_reasons,
    place_reasons,
    widening_reasons,
)
from .wording import (
    ABOUT_THE_POLICY,
    DATE,
    PLACEHOLDER,
    UPDATE_HEAD,
    UPDATE_NOTE,
    not_a_term,
    quantity_key,
    same_dates_reformatted,
    spelling_fixes,
)

SCALE = ("cosmetic", "minor", "material")
Term = tuple[str, str, str]  # category, noun, lemma

_SCORE = {"cosmetic": 0.0, "minor": 0.3}
_MATERIAL_BASE, _MATERIAL_STEP = 0.6, 0.1
_QUOTE_CHARS = 60
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"[^/\s@]+@[^/\s@]+\.\w+|\+?[\d\s().-]{6,}")  # e-mail or phone target
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_QUANTITY = re.compile(
    rf"(?<![\w.]){AGE}|(?<![\w.]){DURATION}|(?<![\w.,])\d+(?:[.,]\d+)*(?:\s*%|(?![\w]))",
    re.IGNORECASE,
)
_DURATION = re.compile(DURATION, re.IGNORECASE)
_PERIOD = re.compile(rf"(?<![\w.])(?:{AGE}|{DURATION})(?!\w)", re.IGNORECASE)
_AGE = re.compile(AGE, re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[\w&.+'-]*\w")
_CELL = " | "
_LINK_HINT = re.compile(
    r"\s?\((?:new window|opens? in (?:a )?new (?:window|tab)|external link|nouvelle fenêtre"
    r"|s'ouvre dans une nouvelle fenêtre|neues fenster|öffnet (?:sich )?in (?:einem )?neuen"
    r" fenster)\)",
    re.IGNORECASE,
)
_EXCEPTION = re.compile(
    r"unless|except|without|sauf|sans|außer|es sei denn|ohne|strictly|strictement", re.I
)
_FRAGMENT_WORDS = 6
# A numbered title written as a line of text ("3. Personal data we collect about you"): an
# entry of a table of contents or a heading the page did not mark up.
_TITLE_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+[^.!?;:]{1,80}$")


@dataclass(frozen=True)
class Judgement:
    """How much a change matters, about what, and why, in words a person reads."""

    materiality: str
    categories: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]


def rank(materiality: str) -> int:
    """Position on the cosmetic < minor < material scale."""
    return SCALE.index(materiality)


def at_least(materiality: str, threshold: str) -> bool:
    """Whether a change of this materiality reaches a subscriber's threshold."""
    return rank(materiality) >= rank(threshold)


def at_most_minor(judgement: Judgement, why: str) -> Judgement:
    """The judgement capped at minor, with why first: a change that cannot matter to anyone's
    data whatever its words say (one side of the pair is not the policy)."""
    if judgement.materiality != "material":
        return judgement
    reasons = (why, *judgement.reasons)
    return Judgement("minor", judgement.categories, _SCORE["minor"], reasons)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= _QUOTE_CHARS else f"'{text[: _QUOTE_CHARS - 3].rstrip()}...'"


def _lemma(term: str) -> str:
    """ "Third-party", "third parties" and "third party" are one recipient."""
    out = []
    for word in term.casefold().replace("-", " ").split():
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return " ".join(out)


# Broad classes of recipient: one named for another in a reworded clause is the same class.
GENERIC_RECIPIENTS = frozenset(
    "third party|service provider|processor|sub processor|subprocessor|vendor|affiliate"
    "|subsidiary|tier|prestataire|sous traitant|filiale|partenaire|dienstleister"
    "|auftragsverarbeiter".split("|")
)
_RECIPIENT_WORD = re.compile(r"\b(?:recipients?|destinataires?|empfänger)\b", re.IGNORECASE)


def _generic_recipients(terms: dict[Term, str], text: str) -> bool:
    """Whether a side names a broad class of recipient ("third parties", "recipients")."""
    return bool(_RECIPIENT_WORD.search(text)) or any(
        t[1] == "recipient" and t[2] in GENERIC_RECIPIENTS for t in terms
    )


def _is_table_row(text: str) -> bool:
    return text.count(_CELL) >= 1 and not text.rstrip().endswith((".", "?", "!"))


_WORD_START = r"(?<![\w@])"


def _scanner(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that stops wherever any of ``patterns`` matches and captures, in group
    ``term<i>``, what pattern i matches there; None when the patterns cannot be combined.

    Scanning a clause once instead of once per lexicon pattern is what makes judging cheap:
    each pattern's own scan tested its word-start condition at every character, the scanner
    tests it once, and tries the patterns only where one of them matches.
    """
    if len({pattern.flags for pattern in patterns}) != 1:
        return None
    # Every lexicon pattern starts with the same word-start test: test it once, not per pattern.
    shared = _WORD_START if all(p.pattern.startswith(_WORD_START) for p in patterns) else ""
    rests = [pattern.pattern[len(shared) :] for pattern in patterns]
    any_of = "|".join(f"(?:{rest})" for rest in rests)
    each = "".join(f"(?=(?P<term{i}>{rest})?)" for i, rest in enumerate(rests))
    try:
        return re.compile(f"{shared}(?={any_of}){each}", patterns[0].flags)
    except re.error:  # a pattern with backreferences or inline flags of its own
        return None


class _Reader:
    """The rules, read in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lexicon = LEXICONS.get(language, LEXICONS["und"])
        languages = ("en", "fr") if language not in MODALS else (language,)
        self.modal = re.compile(
            r"(?<!\w)(?:" + "|".join(MODALS[lang] for lang in languages) + r")(?!\w)",
            re.IGNORECASE,
        )
        self.limit = re.compile(
            r"(?<!\w)(?:" + "|".join(LIMITS[lang] for lang in languages) + r")(?!\w)",
            re.IGNORECASE,
        )
        self.idiom = re.compile(
            r"(?<!\w)(?:" + "|".join(IDIOMS[lang] for lang in languages) + r")(?!\w)",
            re.IGNORECASE,
        )
        self.negations = [NEGATIONS[lang] for lang in languages]
        self.entries = [
            (category, noun, pattern)
            for category, entries in self.lexicon.items()
            for noun, pattern in entries
        ]
        self.scanner = _scanner([pattern for _, _, pattern in self.entries])
        self.scanner_groups = (
            [self.scanner.groupindex[f"term{i}"] for i in range(len(self.entries))]
            if self.scanner
            else []
        )
        # a clause's and a section's terms are asked for several times per change and per pair
        self.terms = lru_cache(maxsize=4096)(self._terms)
        self.masked = lru_cache(maxsize=4096)(self._masked)

    def _masked(self, text: str) -> str:
        """The text without dates ("May 2024" has no modal verb) and set phrases that change
        nothing ("including but not limited to")."""
        return self.idiom.sub(" ", DATE.sub(" ", text))

    # --- what a text is about --------------------------------------------------------------

    def _terms(self, text: str) -> dict[Term, str]:
        """Lexicon terms in the text (read-only: results are cached); where matches overlap
        the longest wins ("parental consent" is about children, not a separate consent term).
        Keyed by lemma, so "third parties" and "third-party" are one term; the value is the
        text as written."""
        matches = self._scan(text)
        if matches is None:
            matches = [
                (match.start(), match.end(), category, noun)
                for category, noun, pattern in self.entries
                for match in pattern.finditer(text)
            ]
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken: list[tuple[int, int]] = []
        terms: dict[Term, str] = {}
        for start, end, category, noun in matches:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                written = " ".join(text[start:end].casefold().split())
                # "under the age of 13" and "under 13" are one age limit
                lemma = quantity_key(written) if _AGE.match(written) else _lemma(written)
                terms.setdefault((category, noun, lemma), written)
        return terms

    def _scan(self, text: str) -> list[tuple[int, int, str, str]] | None:
        """What each lexicon pattern's ``finditer`` would find, in the same order, from one
        pass of the scanner; None when there is no scanner or a pattern matched empty text."""
        if self.scanner is None:
            return None
        found: list[list[tuple[int, int]]] = [[] for _ in self.entries]
        ends = [0] * len(self.entries)  # where each pattern's own search would go on from
        for hit in self.scanner.finditer(text):
            spans = hit.regs
            for index, group in enumerate(self.scanner_groups):
                start, end = spans[group]
                if start >= ends[index]:  # -1: the pattern does not match here
                    if end == start:
                        return None
                    found[index].append((start, end))
                    ends[index] = end
        return [
            (start, end, category, noun)
            for (category, noun, _), spans in zip(self.entries, found, strict=True)
            for start, end in spans
        ]

    def categories(self, *texts: str) -> set[str]:
        return {category for text in texts for category, _, _ in self.terms(text)}

    # --- signals ---------------------------------------------------------------------------

    def is_strong(self, term: Term, privacy_context: bool) -> bool:
        category, noun, _ = term
        if category not in MATERIAL_CATEGORIES or noun in WEAK_NOUNS or noun == "period":
            return False
        return privacy_context or noun not in ("email", "phone")

    def term_reasons(
        self, before: str, after: str, privacy_context: bool, sharing: bool = True
    ) -> list[str]:
        """New and removed sensitive terms; periods are left to the quantity comparison, and
        an address hidden by Cloudflare on one side is not a changed one. Recipients count
        only where the clause is about `sharing` data."""
        old, new = self.terms(before), self.terms(after)
        if HIDDEN_EMAIL.search(before) or HIDDEN_EMAIL.search(after):
            old = {term: text for term, text in old.items() if term[1] != "email"}
            new = {term: text for term, text in new.items() if term[1] != "email"}
        language = self.language
        old = {t: text for t, text in old.items() if not not_a_term(t, text, before, language)}
        new = {t: text for t, text in new.items() if not not_a_term(t, text, after, language)}
        if not sharing:  # "as a service provider we...": a role, no one receiving data
            old = {t: text for t, text in old.items() if t[1] != "recipient"}
            new = {t: text for t, text in new.items() if t[1] != "recipient"}
        elif _generic_recipients(old, before) and _generic_recipients(new, after):
            # "the types of third parties below" -> "the following recipients": one broad
            # class of recipient named another way
            old = {t: text for t, text in old.items() if t[2] not in GENERIC_RECIPIENTS}
            new = {t: text for t, text in new.items() if t[2] not in GENERIC_RECIPIENTS}
        reasons = [
            f"{LABELS[term[0]]}: new {term[1]} '{new[term]}'"
            for term in sorted(new.keys() - old.keys())
            if self.is_strong(term, privacy_context)
        ]
        reasons += [
            f"{LABELS[term[0]]}: removed {term[1]} '{old[term]}'"
            for term in sorted(old.keys() - new.keys())
            if self.is_strong(term, privacy_context)
        ]
        return reasons

    def _phrases(self, pattern: re.Pattern[str], text: str) -> Counter[str]:
        text = self.masked(text)
        found: Counter[str] = Counter()
        for match in pattern.finditer(text):
            phrase = " ".join(match.group().casefold().split())
            phrase = phrase.replace("won't", "will not").replace("can't", "can not")
            phrase = phrase.replace("cannot", "can not").replace("n't", " not")
            if phrase.startswith(("ne ", "n'")):  # "ne communiquons jamais" -> "ne ... jamais"
                phrase = "ne ... " + phrase.split()[-1]
            found[phrase] += 1
        return found

    def _is_negation(self, phrase: str) -> bool:
        return any(negation.search(phrase) for negation in self.negations)

    def modality_reasons(self, before: str, after: str) -> list[str]:
        """Flipped negations, dropped or added limits ("only") and changed modal verbs."""
        old, new = self._phrases(self.modal, before), self._phrases(self.modal, after)
        gone, came = sorted((old - new).elements()), sorted((new - old).elements())
        negated_gone = [p for p in gone if self._is_negation(p)]
        negated_came = [p for p in came if self._is_negation(p)]
        if len(negated_gone) == len(negated_came):
            # one negation for another ("do not" -> "never", "aucun" -> "aucune"): the clause
            # is as negative as before; what else changed is judged by its own words
            negated_gone = negated_came = []
        reasons = [f"negation removed: '{p}'" for p in negated_gone]
        reasons += [f"negation added: '{p}'" for p in negated_came]
        old_limits, new_limits = (self._phrases(self.limit, t) for t in (before, after))
        limits_gone = sorted((old_limits - new_limits).elements())
        limits_came = sorted((new_limits - old_limits).elements())
        if [_limit_kind(p) for p in limits_gone] == [_limit_kind(p) for p in limits_came]:
            # "ne ... que" -> "uniquement", "only" -> "solely": as limited as before
            limits_gone = limits_came = []
        reasons += [f"limit removed: '{p}'" for p in limits_gone]
        reasons += [f"limit added: '{p}'" for p in limits_came]
        modal_gone = [p for p in gone if p not in ("not", "never", "jamais")]
        modal_came = [p for p in came if p not in ("not", "never", "jamais")]
        if modal_gone or modal_came:
            reasons.append(f"modality: '{', '.join(modal_gone)}' -> '{', '.join(modal_came)}'")
        return reasons

    def quantity_reason(self, before: str, after: str, categories: set[str]) -> tuple[str, bool]:
        """A changed number (links aside); material when it is a duration or an age, or sits
        in a clause about a data practice. A changed date alone is minor ("Last updated")."""

        def found(pattern: re.Pattern[str], text: str) -> Counter[str]:
            return Counter(quantity_key(m.group()) for m in pattern.finditer(text))

        before, after = _URL.sub(" ", before), _URL.sub(" ", after)
        old, new = (found(_QUANTITY, DATE.sub(" ", text)) for text in (before, after))
        gone, came = sorted((old - new).elements()), sorted((new - old).elements())
        if not gone and not came:
            old_dates, new_dates = found(DATE, before), found(DATE, after)
            if old_dates == new_dates:
                return "", False
            was = ", ".join(sorted((old_dates - new_dates).elements())) or "none"
            now = ", ".join(sorted((new_dates - old_dates).elements())) or "none"
            return f"date: {was} -> {now}", False
        changed = gone + came
        if any(_AGE.fullmatch(q) for q in changed):
            label, material = "children", True
        elif any(_DURATION.fullmatch(q) for q in changed):
            label, material = "retention", True
        else:
            # a count or a figure (request statistics, a version, an article number) says
            # nothing about data unless the clause is about keeping it or about children
            label = "number"
            material = bool({"data-retention", "children"} & categories)
        return f"{label}: {', '.join(gone) or 'none'} -> {', '.join(came) or 'none'}", material


def _squashed(text: str) -> str:
    """Letters and digits only: words joined or split by spacing are the same words."""
    return "".join(words(text))


def _limit_kind(phrase: str) -> str:
    """A limit restricts ("only", "ne ... que", "nur") or makes an exception ("unless")."""
    return "exception" if _EXCEPTION.search(phrase) else "restriction"


@cache
def _reader(language: str) -> _Reader:
    return _Reader(language)


def _material(reasons: list[str], categories: tuple[str, ...]) -> Judgement:
    score = min(1.0, _MATERIAL_BASE + _MATERIAL_STEP * (len(reasons) - 1))
    return Judgement("material", categories, round(score, 2), tuple(reasons))


def _minor(reasons: list[str], categories: tuple[str, ...]) -> Judgement:
    return Judgement("minor", categories, _SCORE["minor"], tuple(reasons))


def _cosmetic(reason: str, categories: tuple[str, ...]) -> Judgement:
    return Judgement("cosmetic", categories, _SCORE["cosmetic"], (reason,))


def _reworded(change: Change) -> str:
    cut = " ... ".join(text.strip() for op, text in change.highlights if op == -1 and text.strip())
    pasted = " ... ".join(
        text.strip() for op, text in change.highlights if op == 1 and text.strip()
    )
    if cut and pasted:
        return f"reworded: {_quote(cut)} -> {_quote(pasted)}"
    if pasted or cut:
        return f"words added: {_quote(pasted)}" if pasted else f"words removed: {_quote(cut)}"
    return "reworded"


def address_blind_words(text: str) -> list[str]:
    """The words of a text with every e-mail address, hidden by Cloudflare ("[email protected]")
    or not, as one word: what stays when only Cloudflare's hiding moved."""
    return words(_EMAIL.sub("address", HIDDEN_EMAIL.sub("address", text)))


def _section_tail(section: str | None) -> str:
    """The two innermost headings: what the clause is filed under."""
    return " ".join((section or "").split(" > ")[-2:])


class _Judge:
    """One change, read with one `_Reader`."""

    def __init__(self, change: Change, reader: _Reader) -> None:
        self.change, self.reader = change, reader
        before = (change.before or "").replace(PART_SEPARATOR, " ")
        after = (change.after or "").replace(PART_SEPARATOR, " ")
        # Link targets are judged apart (`relinked`): words in a URL say nothing.
        self.old_targets, self.new_targets = targets(before), targets(after)
        # "(new window)" after a link is the page's hint for screen readers, not policy text
        before, after = _LINK_HINT.sub("", before), _LINK_HINT.sub("", after)
        self.before, self.after = without_targets(before), without_targets(after)
        self.section = _section_tail(change.section)
        self.clause_categories = reader.categories(self.before, self.after)
        self.section_categories = reader.categories(self.section)
        found = self.clause_categories or self.section_categories
        self.categories = tuple(c for c in CATEGORIES if c in found) or ("other",)
        context = self.clause_categories | self.section_categories
        self.sharing_context = bool({"third-party-sharing", "international"} & context)

    # Read only by the judgements that need them: most added or removed clauses need none.
    @cached_property
    def privacy_context(self) -> bool:
        text = f"{self.before} {self.after} {self.section}"
        return bool(
            PRIVACY_WORDS.search(text) or any(n == "contact" for _, n, _ in self.reader.terms(text))
        )

    @cached_property
    def grievance_context(self) -> bool:
        return bool(GRIEVANCE_WORDS.search(f"{self.before} {self.after}"))

    @cached_property
    def about_data(self) -> bool:
        """Modal verbs and limits matter where the clause says what happens to data."""
        return bool(MATERIAL_CATEGORIES & self.clause_categories) or bool(
            DATA_WORDS.search(f"{self.before} {self.after}")
        )

    @cached_property
    def practice_context(self) -> bool:
        """The clause or the heading it sits under states a data practice, a right or a
        choice: then a changed party, place, qualifier, list item or purpose matters."""
        language = self.reader.language
        return bool(
            states_practice(f"{self.before} {self.after}", language)
            or states_practice(self.section, language)
            or PARTY_SECTION.search(self.section)
            or (MATERIAL_CATEGORIES - {"contact"}) & self.section_categories
        )

    @cached_property
    def about_sharing(self) -> bool:
        """The clause says data goes to someone, or sits where recipients are listed."""
        language = self.reader.language
        return bool(
            "sharing" in practices(f"{self.before} {self.after}", language)
            or "third-party-sharing" in self.section_categories
            or PARTY_SECTION.search(self.section)
        )

    @property
    def party_role(self) -> tuple[str, str]:
        """What a named organisation is here, as a reason says it."""
        if self.sharing_context or PARTY_SECTION.search(self.section):
            return ("sharing", "recipient")
        if self.grievance_context:
            return ("contact", "organisation")
        return ("party", "organisation")

    @cached_property
    def party_context(self) -> bool:
        """Where a new organisation is a new recipient, processor or controller."""
        return bool(
            self.sharing_context
            or self.grievance_context
            or PARTY_SECTION.search(self.section)
            or self.practice_context
        )

    def relinked(self) -> Judgement:
        """Same words, links pointing elsewhere: the document a clause refers to changed
        (minor), or where people write to exercise their rights (material). Words that became
        or stopped being a link are cosmetic."""
        gone = [t for t in self.old_targets if t not in self.new_targets]
        came = [t for t in self.new_targets if t not in self.old_targets]
        moved = f"'{', '.join(gone) or 'none'}' -> '{', '.join(came) or 'none'}'"  # whole URLs
        if not gone or not came:
            return _cosmetic(f"link {'added' if came else 'removed'}: {moved}", self.categories)
        addresses = [t for t in gone + came if _ADDRESS.fullmatch(t)]
        about_contact = self.grievance_context or "contact" in self.categories
        if addresses and (about_contact or self.privacy_context):
            return _material([f"contact: address changed: {moved}"], self.categories)
        return _minor([f"link target changed: {moved}"], self.categories)

    def rewording(self) -> Judgement:
        """Modified, moved-and-reworded, split or merged with new words: judged by what the
        inserted and deleted words do in the sentence."""
        change = self.change
        if _squashed(self.before) == _squashed(self.after) and self.old_targets != self.new_targets:
            return self.relinked()
        if HIDDEN_EMAIL.search(f"{self.before} {self.after}") and address_blind_words(
            self.before
        ) == address_blind_words(self.after):
            reason = "an e-mail address Cloudflare hid on one side is shown on the other"
            return _cosmetic(reason, self.categories)
        if _squashed(self.before) == _squashed(self.after):  # "DataUsage" -> "Data Usage"
            what = {
                "split": f"split into {change.after.count(PART_SEPARATOR) + 1} clauses",
                "merged": f"{change.before.count(PART_SEPARATOR) + 1} clauses merged",
                "moved": "moved",
            }.get(change.op)
            reason = "only case, punctuation or spacing changed"
            return _cosmetic(f"{what}, wording unchanged" if what else reason, self.categories)
        fixes = spelling_fixes(self.before, self.after)
        if fixes and not self.reader.modality_reasons(self.before, self.after):
            spelled = ", ".join(f"'{old}' -> '{new}'" for old, new in fixes)
            return _cosmetic(f"spelling only: {spelled}", self.categories)
        if same_dates_reformatted(self.before, self.after):
            return _cosmetic("date written another way, same date", self.categories)
        if any(PLACEHOLDER.search(run) for op, run in change.highlights if op == -1):
            filled = f"template placeholder filled in: {_reworded(change)}"
            return _minor([filled], self.categories)
        if change.kind == "heading":  # a title promises nothing; its clauses do
            renamed = f"heading renamed: {_quote(self.before)} -> {_quote(self.after)}"
            return _minor([renamed], self.categories)
        lead = [] if change.op == "modified" else [f"{change.op} and reworded"]
        material, minor = self.edit_reasons()
        if material:
            return _material(lead + material, self.categories)
        return _minor([*lead, *minor, _reworded(change)], self.categories)

    def edit_reasons(self) -> tuple[list[str], list[str]]:
        """Material and minor reasons from the words the change inserted and deleted."""
        reader, language = self.reader, self.reader.language
        edit = Edit.of(self.before, self.after, highlights(self.before, self.after))
        edit = edit.masked(reader.idiom)  # "including but not limited to" adds no list item
        material = reader.term_reasons(
            self.before, self.after, self.privacy_context, self.about_sharing
        )
        modality = reader.modality_reasons(self.before, self.after)
        # A flipped negation is material anywhere, a limit where the clause is about data; a
        # modal verb alone ("will" -> "may" send a reminder) says how sure, not what is done.
        negations = [r for r in modality if r.startswith("negation")]
        limits = [r for r in modality if r.startswith("limit")]
        modals = [r for r in modality if r.startswith("modality")]
        material += negations + (limits if self.about_data else [])
        material += modals if negations else []  # "will not" -> "may": the modal says how
        minor = [] if negations else modals
        minor += [] if self.about_data else limits
        if self.practice_context or "international" in self.clause_categories:
            material += place_reasons(edit)
        context = self.change.context
        common = context.common_words if context else frozenset()
        own_name = context.own_name if context else ""
        parties, renamed = party_reasons(edit, common, self.party_role, language, own_name)
        material += parties if self.party_context else []
        minor += renamed if self.party_context else renamed + parties
        if self.practice_context:
            material += identifiability_reasons(edit, language)
            material += list_item_reasons(edit)
            if context is not None:
                material += widening_reasons(edit, context.old_words, language)
        quantity, quantity_material = reader.quantity_reason(
            self.before, self.after, set(self.categories)
        )
        if (
            quantity
            and quantity_material
            and _is_table_row(self.after)
            and quantity.startswith("number")
        ):
            quantity, quantity_material = f"figures in a table: {quantity[8:]}", False
        if quantity:
            (material if quantity_material else minor).append(quantity)
        return list(dict.fromkeys(material)), minor

    def added_or_removed(self) -> Judgement:
        """An added or removed clause matters when it states a data practice, a right or a
        choice, names a party where parties are listed, or sets a period or an age."""
        change, reader = self.change, self.reader
        text = self.after if change.op == "added" else self.before
        word = "new" if change.op == "added" else "removed"
        done = "added" if change.op == "added" else "removed"
        plain = f"{change.kind or 'clause'} {change.op}: {_quote(text)}"
        if change.kind == "heading" or text.rstrip().endswith("?") or _TITLE_LINE.match(text):
            return _minor([plain], self.categories)  # titles and questions promise nothing
        if (DATE.search(text[:40]) and UPDATE_NOTE.search(text)) or UPDATE_HEAD.search(text):
            # "On 26 September 2025 we added two processors": the policy's log of its own
            # changes; the change it reports is judged where the policy says it
            return _minor([f"update note {change.op}: {_quote(text)}"], self.categories)
        stated_here = " ".join(s for s in sentences(text) if not ABOUT_THE_POLICY.search(s))
        if not stated_here:
            return _minor([f"about the policy itself: {_quote(text)}"], self.categories)
        text = stated_here
        terms = reader.terms(text)
        about_data = self.sharing_context and bool(self.section_categories)
        about_data = about_data or bool(DATA_WORDS.search(text))
        reasons = []
        right = rights(text, reader.language)
        practice = states_practice(text, reader.language, self.section)
        if right:
            reasons.append(f"right {done}: {right[0]}: {_quote(text)}")
        elif practice:
            reasons.append(f"{practice}: {change.kind or 'clause'} {done}: {_quote(text)}")
        listed = PARTY_SECTION.search(self.section)
        entry = (change.kind == "item" or _is_table_row(text)) and bool(
            listed or (MATERIAL_CATEGORIES - {"contact"}) & self.section_categories
        )
        stated = bool(right or practice or entry)
        # a fragment of the page around the policy ("Security", "Contact us!") states nothing
        people = about_people(text, reader.language) and len(words(text)) >= _FRAGMENT_WORDS
        reasons += [
            f"{LABELS[term[0]]}: {word} {term[1]} '{terms[term]}'"
            for term in sorted(terms)
            if reader.is_strong(term, self.privacy_context)
            and (about_data or term[0] != "third-party-sharing")
            and (stated or term[0] == "contact" or people)
        ]
        listing_context = listed or practice or self.sharing_context
        if not (listed or _is_table_row(text) or about_people(text, reader.language)):
            listing_context = False  # "Withings SAS owns the trademark": no one's data
        parties = organisations(text, reader.language) if listing_context else []
        context = change.context
        common = context.common_words if context else frozenset()
        listing = PARTY_SECTION.search(self.section) and (
            _is_table_row(text) or change.kind == "item"
        )  # a row or item of a list of recipients is that recipient, wherever else it appears
        if not listing:
            parties = [p for p in parties if any(w not in common for w in words(p))]
            own_name = context.own_name if context else ""
            parties = [p for p in parties if not own_product(p, own_name)]
        label, noun = self.party_role
        reasons += [f"{label}: {word} {noun} {_quote(p)}" for p in dict.fromkeys(parties)]
        periods = [m.group() for m in _PERIOD.finditer(text)]
        if periods:
            reasons.append(f"period {done}: {_quote(', '.join(periods))}")
        material_section = (MATERIAL_CATEGORIES - {"contact"}) & self.section_categories
        if change.op == "added" and _is_table_row(text) and material_section:
            label = LABELS[next(c for c in CATEGORIES if c in material_section)]
            reasons.append(f"{label}: new table row {_quote(text)}")
        return _material(reasons, self.categories) if reasons else _minor([plain], self.categories)


def judge(change: Change, language: str | None = None) -> Judgement:
    """Cosmetic, minor or material, with the categories touched and the reasons.

    The lexicon is the one of `language`, else of the language `diff` detected for the
    document, else of the language detected in the change's own text.
    """
    language = language or change.language or detect([change.before or "", change.after or ""])
    judging = _Judge(change, _reader(language))
    if change.op == "unchanged":
        return _cosmetic("unchanged", judging.categories)
    if change.op == "moved" and change.before == change.after:
        return _cosmetic("moved, text unchanged", judging.categories)
    if change.op in ("modified", "moved", "split", "merged"):
        return judging.rewording()
    return judging.added_or_removed()
