"""How one language's word lists read a text: its terms, its negations, limits and modal
verbs, and its quantities. `materiality` asks these questions of both sides of a change."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, cached_property, lru_cache

from .diff import squashed, words
from .lexicon import (
    AGE,
    ALL_DATA_WE_HOLD,
    DATA_SYNONYMS,
    DURATION,
    FUNCTION_WORDS,
    HIDDEN_EMAIL,
    LABELS,
    LEXICON_FLAGS,
    MATERIAL_CATEGORIES,
    SAFEGUARD,
    TERM_SYNONYMS,
    WEAK_NOUNS,
    lexicon,
)
from .modality import IDIOMS, LIMITS, MODALS, NEGATIONS
from .negations import limit_kind, negative_both, negative_word, said_positively, timing_reasons
from .organisations import spelled_out
from .practice import CONSENT_ASKED, protects_data, right_words, sentences
from .qualifiers import choice_made_exception, flows, recipient_acts
from .wording import (
    CLOCK,
    DATE,
    Term,
    not_a_phone,
    not_a_term,
    quantity_key,
    same_span,
)

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_QUANTITY = re.compile(
    rf"(?<![\w.]){AGE}|(?<![\w.]){DURATION}|(?<![\w.,])\d+(?:[.,]\d+)*(?:\s*%|(?![\w]))",
    re.IGNORECASE,
)
_DURATION = re.compile(DURATION, re.IGNORECASE)
# "kept for at least 7 years", "conservées pendant plus de 3 ans": a bound on a period, which
# the age pattern would read as an age ("at least 16 years")
_BOUNDED_PERIOD = re.compile(
    r"\b(for|during|pendant|durant|für|während)\s+(?:at least|over|more than|up to|no more than"
    r"|au moins|plus de|moins de|jusqu'à|mindestens|bis zu)\s+(?=\d|\w+\s*\()",
    re.IGNORECASE,
)
_AGE = re.compile(AGE, re.IGNORECASE)
# "as described in Section 5" -> "in Section 6": a reference to another part of the document,
# renumbered when a section is added; a law's section ("Section 1798.100 of the CCPA") stays
_CROSS_REFERENCE = re.compile(
    r"\b(?:sections?|parts?|chapters?|paragraphs?|abschnitte?s?|kapitels?|ziffer|teil|partie"
    r"|chapitre|paragraphe)\s+(?:\d+(?:\.\d+)*(?!\.?\d)|[a-z]\b|[ivx]+\b|(?:one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve)\b)(?!\s+(?:of|de|des)\s)",
    re.IGNORECASE,
)
# "13-17" is "13 to 17" (two small numbers joined by a dash: no phone number, no date)
_WITHOUT = "without"
_DASHED_RANGE = re.compile(r"(?<![\d-])(\d{1,3})\s*[-–—]\s*(\d{1,3})(?![\d-])")
_CELL = " | "
# Categories whose words say one thing many ways: one replaced by another is a rewording.
_WORDED_ALIKE = ("data-security", "children")  # "people aged 13 to 17" -> "a child aged 13 to 17"
# Words that say one thing many ways, each as good as another in a clause: keeping verbs,
# how long something lasts, public authorities, consent, advertising.
_FAMILIES = tuple(
    re.compile(family, re.IGNORECASE)
    for family in (
        r"(?:keep|keeps|keeping|kept|retain|retains|retained|retaining|store|stores|stored"
        r"|storing|hold|holds|held|holding|conserv\w*|rest(?:e|ent)|gard\w*|stock\w*"
        r"|(?:ge)?speicher\w*|aufbewahr\w*|verbleib\w*)\b",
        r"as long as|while|whilst|until|(?:for )?(?:the )?(?:duration|life|lifetime) of|during",
        r"\b(?:the )?(?:police|law enforcement(?: agencies| authorities)?|public authorities"
        r"|authorities|regulators?|courts?|government(?:al)? (?:agencies|authorities|bodies))\b",
        r"\b(?:consent\w*|agree\w*|agreement|permission|opt(?:ed)?[- ]in|einwillig\w*|eingewilligt"
        r"|zustimm\w*|zugestimmt|consentement|accord|accept\w*)\b",
        r"\b(?:advertising|advertisements?|adverts?|ads?|publicités?(?: ciblées?| personnalisées?)?"
        r"|(?:personalisierte )?werbung)\b",
        r"communiqu\w*|transm\w*|partag\w*|divulgu\w*",  # French sharing, a sale aside
        # people given sight of data, said of them or of the data: "reviewed by" / "may review"
        r"(?:review|reviews|reviewed|access|accesses|accessed|view|views|viewed|read|reads"
        r"|hear|hears|heard|listen to|listens to|listened to)(?: by)?",
        # handing data over, said of the giver or of the receiver (a sale is no sharing)
        r"shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing|ure)|giv(?:e|es|en|ing)|gave|hand(?:s|ed)? over"
        r"|receiv(?:e|es|ed|ing) (?:[\w,-]+ ){0,3}?(?:data|information) from us",
        # German sharing, the noun or the separable verb: "Weitergabe" / "geben ... weiter"
        r"weiterg\w*|weitergab\w*|(?:geben|gibt|leiten|leitet) (?:\S+ ){0,6}?weiter",
    )
)


def _in_family(family: re.Pattern[str], phrase: str, other_text: str) -> bool:
    """Whether the other side says the phrase with another word of the family: "keep" for
    "retain", "ad networks" for "advertising networks"."""
    if family.fullmatch(phrase):
        return bool(family.search(other_text))
    said = family.sub("\x00", phrase)
    return said != phrase and said.casefold() in family.sub("\x00", other_text).casefold()


_GERMAN_ENDING = re.compile(r"^(dritt|empfänger|dienstleister|partner)(?:e|er|en|es|em|n|s)?$")


def _lemma(term: str) -> str:
    """ "Third-party", "third parties" and "third party" are one recipient; "information
    collected" and "data collected" one kind of data."""
    out = []
    for word in term.casefold().replace("-", " ").split():
        if word in ("we", "that"):
            continue  # "information we collect" is "information collected"
        word = _GERMAN_ENDING.sub(r"\1", word)  # "Dritte", "Dritter", "Dritten": one recipient
        if word in ("collect", "process"):
            word += "ed"
        if word in DATA_SYNONYMS:
            word = "data"
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    lemma = " ".join(out)
    return TERM_SYNONYMS.get(lemma, lemma)  # "address book" and "contacts": one kind of data


# Broad classes of recipient: one named for another in a reworded clause is the same class.
_ALL_DATA = re.compile("|".join(ALL_DATA_WE_HOLD.values()), re.IGNORECASE)
_ALL_DATA_LEMMA = "all data"
GENERIC_RECIPIENTS = frozenset(
    "third party|service provider|processor|sub processor|subprocessor|vendor|supplier"
    "|contractor|subcontractor|sub contractor|affiliate"
    "|affiliated company|group company|company of our group|company in our group"
    "|company within our group|company of the group|company in the group|company within the group"
    "|subsidiary|tier|prestataire|sous traitant|filiale|partenaire|dienstleister"
    "|auftragsverarbeiter".split("|")
)
_RECIPIENT_WORD = re.compile(r"\b(?:recipients?|destinataires?|empfänger)\b", re.IGNORECASE)


_REORDER_SLACK = 3  # other words a reordered phrase may have among its own


def _reordered(phrase: str, other: Sequence[str]) -> bool:
    """A phrase of several words that the other side holds close together in another order
    ("direct marketing and profiling purposes" -> "direct marketing purposes and profiling")."""
    wanted = set(words(phrase))
    several = " " in phrase.strip()
    if several:  # "access your data" -> "access to your data"; an address is one
        wanted -= FUNCTION_WORDS
    if not wanted or not wanted <= set(other):
        return False
    if len(wanted) == 1:
        return several  # "with your permission" -> "if you give us permission"
    width = len(wanted) + _REORDER_SLACK
    return any(wanted <= set(other[at : at + width]) for at in range(len(other)))


_PURPOSE_HEADS = frozenset({"purpose", "purposes", "fins", "zwecke", "zwecken"})


def _purpose_said(term: Term, phrase: str, other: Sequence[str]) -> bool:
    """A purpose named on one side with "purposes" after it and on the other without."""
    named = set(words(phrase)) - _PURPOSE_HEADS - FUNCTION_WORDS
    return term[1] == "purpose" and bool(named) and named <= set(other)


_GLUED_WORD = 4  # letters of a word that lost its space after an address


def _glued(old: str, new: str) -> bool:
    """One address written twice, once with the next word stuck to it."""
    short, long = sorted((old.casefold(), new.casefold()), key=len)
    rest = long[len(short) :]
    return long.startswith(short) and rest.isalpha() and len(rest) <= _GLUED_WORD


def _fewer(word: str, text: str, other_text: str) -> bool:
    """Whether a text says a word fewer times than the other side: the word was replaced."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return len(pattern.findall(text)) < len(pattern.findall(other_text))


def _coordinated(one: str, other: str, text: str) -> bool:
    """Two words joined as one ("sell or rent", "share and disclose")."""
    joint = r"\s*(?:,|or|and|and/or|ou|et|oder|und)\s+"
    first, second = re.escape(one), re.escape(other)
    pattern = rf"(?i)\b(?:{first}{joint}{second}|{second}{joint}{first})\b"
    return re.search(pattern, text) is not None


def _generic_recipients(terms: dict[Term, str], text: str) -> bool:
    """Whether a side names a broad class of recipient ("third parties", "recipients")."""
    return bool(_RECIPIENT_WORD.search(text)) or any(
        t[1] == "recipient" and t[2] in GENERIC_RECIPIENTS for t in terms
    )


def is_table_row(text: str) -> bool:
    return text.count(_CELL) >= 1 and not text.rstrip().endswith((".", "?", "!"))


_WORD_START = r"(?<![\w@])"


def _scanner(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    """One pattern that stops wherever any of ``patterns`` matches and captures, in group
    ``term<i>``, what pattern i matches there; None when the patterns cannot be combined.

    Scanning a clause once instead of once per lexicon pattern is what makes judging cheap:
    each pattern's own scan tested its word-start condition at every character, the scanner
    tests it once, and tries the patterns only where one of them matches.
    """
    # Every lexicon pattern starts with the same word-start test: test it once, not per pattern.
    shared = _WORD_START if all(p.startswith(_WORD_START) for p in patterns) else ""
    rests = [pattern[len(shared) :] for pattern in patterns]
    any_of = "|".join(f"(?:{rest})" for rest in rests)
    each = "".join(f"(?=(?P<term{i}>{rest})?)" for i, rest in enumerate(rests))
    try:
        return re.compile(f"{shared}(?={any_of}){each}", flags)
    except re.error:  # a pattern with backreferences or inline flags of its own
        return None


class Reader:
    """The rules, read in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lexicon = lexicon(language)
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
        self._recipient_acts = recipient_acts(languages)
        self.entries = [
            (category, noun, pattern)
            for category, entries in self.lexicon.items()
            for noun, pattern in entries
        ]
        self.scanner = _scanner([pattern for _, _, pattern in self.entries], LEXICON_FLAGS)
        self.scanner_groups = (
            [self.scanner.groupindex[f"term{i}"] for i in range(len(self.entries))]
            if self.scanner
            else []
        )
        # a clause's and a section's terms are asked for several times per change and per pair
        self.terms = lru_cache(maxsize=4096)(self._terms)
        self.masked = lru_cache(maxsize=4096)(self._masked)

    @cached_property
    def _patterns(self) -> list[tuple[str, str, re.Pattern[str]]]:
        """Each lexicon pattern compiled on its own: only for a text the scanner cannot read
        (a pattern that matched empty text there)."""
        return [(c, noun, re.compile(p, LEXICON_FLAGS)) for c, noun, p in self.entries]

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
        # Cloudflare's "[email protected]" hides an address and protects no data
        text = _BOUNDED_PERIOD.sub(r"\1 ", HIDDEN_EMAIL.sub("[email]", text))
        matches = self._scan(text)
        if matches is None:
            matches = [
                (match.start(), match.end(), category, noun)
                for category, noun, pattern in self._patterns
                for match in pattern.finditer(text)
            ]
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken: list[tuple[int, int]] = []
        terms: dict[Term, str] = {}
        for start, end, category, noun in matches:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                written = " ".join(text[start:end].casefold().split())
                if noun == "phone" and not_a_phone(written):
                    continue
                # "under the age of 13" and "under 13" are one age limit
                lemma = quantity_key(written) if _AGE.match(written) else _lemma(written)
                if noun == "data type" and _ALL_DATA.fullmatch(written):
                    lemma = _ALL_DATA_LEMMA  # "categories of personal data", "data we collect"
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
        # part of a name on either side is part of it on both ("Notice of Financial Incentive:
        # Members receive..." reads the name longer than "Notice of Financial Incentive: in")
        named = {t for t, text in old.items() if not_a_term(t, text, before, language)}
        named |= {t for t, text in new.items() if not_a_term(t, text, after, language)}
        old = {t: x for t, x in old.items() if t not in named}
        new = {t: x for t, x in new.items() if t not in named}
        # Broad recipients count only where the clause shares data ("as a service provider
        # we..." is a role), and not when one broad class is named another way ("the types of
        # third parties below" -> "the following recipients").
        if not sharing or (_generic_recipients(old, before) and _generic_recipients(new, after)):
            old = {t: text for t, text in old.items() if t[2] not in GENERIC_RECIPIENTS}
            new = {t: text for t, text in new.items() if t[2] not in GENERIC_RECIPIENTS}
        # a word of security counts where it protects data ("to protect our rights" does not)
        if not protects_data(before, language):
            old = {t: x for t, x in old.items() if t[0] != "data-security"}
        if not protects_data(after, language):
            new = {t: x for t, x in new.items() if t[0] != "data-security"}
        # a phrase read whole on one side and in pieces on the other ("Einwilligung jederzeit
        # widerrufen" -> "Einwilligung können Sie jederzeit widerrufen") is one term
        # (the whole phrase itself goes with the reordered phrases below)
        pieces = [
            (side, term)
            for side, other, text in ((new, old, after), (old, new, before))
            for term in side.keys() - other.keys()
            for whole in other.keys() - side.keys()
            if whole[0] == term[0]
            and set(words(side[term])) < set(words(other[whole]))
            and set(words(other[whole])) <= set(words(text))
        ]
        for side, term in pieces:
            side.pop(term, None)
        # one practice named another way ("share" -> "disclose", "sell" -> "sell or rent"):
        # a practice word is new only where the clause did not already state that practice,
        # and a sale is not a sharing ("share" -> "sell")
        restated = [
            (side, term)
            for side, other, text, other_text in (
                (new, old, after, before),
                (old, new, before, after),
            )
            for term in side.keys() - other.keys()
            if term[1] == "practice"
            and any(
                t[0] == term[0]
                and t[1] == "practice"
                and flows(x, language) == flows(side[term], language)
                and (_fewer(x, text, other_text) or _coordinated(x, side[term], text))
                for t, x in other.items()
            )
        ]
        # "we share it with our provider" -> "our provider stores it": the same flow, told
        # from the recipient's side
        restated += [
            (side, term)
            for side, other_text in ((new, before), (old, after))
            for term in side.keys() - (old.keys() & new.keys())
            if term[0] == "third-party-sharing"
            and term[1] == "practice"
            and flows(side[term], language) == {"sharing"}
            and self._recipient_acts.search(other_text)
        ]
        for side, term in restated:
            side.pop(term, None)
        # a phrase whose words the other side holds in another order ("for direct marketing
        # and tracking purposes" -> "for direct marketing purposes and tracking") is no new term
        old_words, new_words = words(before), words(after)
        new = {t: x for t, x in new.items() if t in old or not _reordered(x, old_words)}
        old = {t: x for t, x in old.items() if t in new or not _reordered(x, new_words)}
        # "for their own marketing" -> "for their own marketing purposes": the same purpose
        new = {t: x for t, x in new.items() if t in old or not _purpose_said(t, x, old_words)}
        old = {t: x for t, x in old.items() if t in new or not _purpose_said(t, x, new_words)}
        # a recipient the other side names inside a longer phrase ("geben ... nicht an Dritte
        # weiter" is read whole as the practice) is named on both sides
        new = {t: x for t, x in new.items() if t in old or not _recipient_named(t, x, before)}
        old = {t: x for t, x in old.items() if t in new or not _recipient_named(t, x, after)}
        # the data as a whole ("the information we collect") names no kind of data that came or
        # went; it only says what the clause is about
        new = {t: x for t, x in new.items() if t in old or t[2] != _ALL_DATA_LEMMA}
        old = {t: x for t, x in old.items() if t in new or t[2] != _ALL_DATA_LEMMA}
        # "Data Protection Officer" -> "... Officer (DPO)": a name and its initials, one term
        new = {t: x for t, x in new.items() if t in old or not spelled_out(x, before)}
        old = {t: x for t, x in old.items() if t in new or not spelled_out(x, after)}
        came, went = new.keys() - old.keys(), old.keys() - new.keys()
        for c in came:
            for g in went:
                if c not in new or g not in old:
                    continue
                if _initials(new[c]) == squashed(old[g]) or _initials(old[g]) == squashed(new[c]):
                    new.pop(c, None)  # "Data Protection Officer" -> "DPO": one term
                    old.pop(g, None)
                elif c[1] == g[1] == "email" and _glued(old[g], new[c]):
                    new.pop(c, None)  # "privacy@acme.se" -> "privacy@acme.seor": a lost space
                    old.pop(g, None)
        came, went = new.keys() - old.keys(), old.keys() - new.keys()
        # one right named another way ("delete" -> "erasure", "opt out" -> "unsubscribe")
        for c in [t for t in came if t[1] == "right"]:
            for g in [t for t in went if t[1] == "right" and t in old]:
                came_words = set(words(new[c])) - FUNCTION_WORDS
                went_words = set(words(old[g])) - FUNCTION_WORDS
                if came_words < went_words or went_words < came_words:
                    continue  # "withdraw your consent" -> "withdraw": words cut, not renamed
                if set(right_words(new[c], language)) & set(right_words(old[g], language)):
                    new.pop(c, None)
                    old.pop(g, None)
                    break
        for side, other_text in ((new, before), (old, after)):
            for term in [t for t in side.keys() - (old.keys() & new.keys()) if t[1] == "right"]:
                named = set(right_words(side[term], language))
                if named and named <= set(right_words(other_text, language)):
                    side.pop(term)  # "delete your data" -> "to delete it": the right stays
        came, went = new.keys() - old.keys(), old.keys() - new.keys()
        for side, other_text in ((new, before), (old, after)):
            for term in list(side.keys() & (came | went)):
                if any(_in_family(f, side[term], other_text) for f in _FAMILIES):
                    side.pop(term)  # "keep signed forms" -> "retain signed forms": one verb
                elif term[0] == "user-choice" and CONSENT_ASKED.search(other_text):
                    side.pop(term)  # "avec votre accord" -> "si vous l'acceptez": consent kept
        came, went = new.keys() - old.keys(), old.keys() - new.keys()
        if any(p.search(before) and p.search(after) for p in SAFEGUARD.values()):
            # "we use the Transfer Agreement" -> "we protect it with the Transfer Agreement":
            # the safeguard is the protection, named on both sides
            new = {t: x for t, x in new.items() if t[0] != "data-security" or t in old}
            old = {t: x for t, x in old.items() if t[0] != "data-security" or t in new}
        for category in _WORDED_ALIKE:  # "safe" -> "secure": one promise said another way
            if any(t[0] == category for t in came) and any(t[0] == category for t in went):
                new = {t: text for t, text in new.items() if t[0] != category}
                old = {t: text for t, text in old.items() if t[0] != category}
            if any(t[0] == category for t in old.keys() & new.keys()):
                # "access controls and regular audits" -> "regular security audits": the
                # clause kept its promise and names it more exactly
                new = {t: text for t, text in new.items() if t[0] != category or t in old}
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
        text = self.masked(text.replace("’", "'"))  # "can’t" is "can't"
        found: Counter[str] = Counter()
        for match in pattern.finditer(text):
            phrase = " ".join(match.group().casefold().split())
            phrase = phrase.replace("won't", "will not").replace("can't", "can not")
            phrase = phrase.replace("cannot", "can not").replace("n't", " not")
            if phrase.startswith(("ne ", "n'")):  # "ne communiquons jamais" -> "ne ... jamais"
                phrase = "ne ... " + phrase.split()[-1]
            elif phrase.startswith("aucun"):  # "aucun transfert n'a lieu" -> "ne ... aucun"
                phrase = "ne ... " + phrase.split()[0]
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
        one_sentence = len(sentences(before)) == len(sentences(after)) == 1
        still = one_sentence and negative_both(old, new, self._is_negation)
        # ...or negated on both sides in other forms: "nicht ... und nicht" -> "weder ... noch"
        both = one_sentence and bool(negated_gone) and bool(negated_came)
        if len(negated_gone) == len(negated_came) or still or both:
            # one negation for another ("do not" -> "never", "aucun" -> "aucune"), or one
            # sentence negated on both sides ("never sell" -> "do not, and will never, sell"):
            # as negative as before; what else changed is judged by its own words
            negated_gone = negated_came = []
        # "non-identifying" -> "that does not identify you": one "no", in the word or beside it
        negated_came = [p for p in negated_came if not negative_word(p, after, before)]
        negated_gone = [p for p in negated_gone if not negative_word(p, before, after)]
        old_limits, new_limits = (self._phrases(self.limit, t) for t in (before, after))
        limits_gone = sorted((old_limits - new_limits).elements())
        limits_came = sorted((new_limits - old_limits).elements())
        if [limit_kind(p) for p in limits_gone] == [limit_kind(p) for p in limits_came]:
            # "ne ... que" -> "uniquement", "only" -> "solely": as limited as before
            limits_gone = limits_came = []
        if choice_made_exception(after, before):  # "off by default" -> "off unless you ..."
            limits_came = [p for p in limits_came if limit_kind(p) != "exception"]
        if choice_made_exception(before, after):
            limits_gone = [p for p in limits_gone if limit_kind(p) != "exception"]
        # "without affecting earlier processing" -> "this won't affect it": one "no" said two ways
        if _WITHOUT in limits_gone and len(negated_came) == 1 and not negated_gone:
            limits_gone, negated_came = [p for p in limits_gone if p != _WITHOUT], []
        if _WITHOUT in limits_came and len(negated_gone) == 1 and not negated_came:
            limits_came, negated_gone = [p for p in limits_came if p != _WITHOUT], []
        if said_positively(before, after, negated_gone, negated_came, limits_gone, limits_came):
            negated_gone = negated_came = limits_gone = limits_came = []
        elif said_positively(after, before, negated_came, negated_gone, limits_came, limits_gone):
            negated_gone = negated_came = limits_gone = limits_came = []
        reasons = [f"negation removed: '{p}'" for p in negated_gone]
        reasons += [f"negation added: '{p}'" for p in negated_came]
        reasons += [f"limit removed: '{p}'" for p in limits_gone]
        reasons += [f"limit added: '{p}'" for p in limits_came]
        reasons += timing_reasons(before, after)
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

        before, after = (
            _DASHED_RANGE.sub(r"\1 to \2", _BOUNDED_PERIOD.sub(r"\1 ", _URL.sub(" ", t)))
            for t in (before, after)
        )
        before, after = (_CROSS_REFERENCE.sub(" ", t) for t in (before, after))
        old, new = (
            found(_QUANTITY, CLOCK.sub(" ", DATE.sub(" ", text))) for text in (before, after)
        )
        gone, came = sorted((old - new).elements()), sorted((new - old).elements())
        for was in list(gone):  # "one month" -> "30 days", "12 months" -> "a year"
            same = next((now for now in came if same_span(was, now)), None)
            if same is not None:
                gone.remove(was)
                came.remove(same)
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


def _recipient_named(term: Term, written: str, other: str) -> bool:
    return term[1] == "recipient" and bool(
        re.search(rf"(?<!\w){re.escape(written)}(?!\w)", other, re.IGNORECASE)
    )


def _initials(phrase: str) -> str:
    words_ = phrase.split()
    return "".join(w[0] for w in words_).casefold() if len(words_) > 1 else ""


@cache
def reader_for(language: str) -> Reader:
    return Reader(language)
