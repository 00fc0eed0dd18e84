"""What the words a change inserted or deleted do: the party, place, qualifier, list item,
purpose, right or practice they name. Each signal returns reasons a reader can check, quoting
both sides ("transfer: 'in the EU' -> 'outside the EU'"); the judge decides what they weigh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from .diff import quote, words
from .lexicon import DATA_SYNONYMS, FUNCTION_WORDS, HIDDEN_EMAIL, SAFEGUARD
from .organisations import (
    TITLE_WORDS,
    spelled_out,
)
from .practice import (
    CONSENT_ASKED,
    GIVES_RIGHT,
    data_nouns,
    identifiability,
    names_data,
    names_practice,
    practice_verbs,
    practice_words,
    protects_data,
    right_words,
    rights,
    sentences,
)

_RESPELLED = 0.7  # similarity of two spellings of one place
CAPITALISED = re.compile(r"(?<![\w])[A-Z][\w'-]+")


def content_words(text: str) -> list[str]:
    """Words that carry meaning: not function words, not numbers, at least three letters."""
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    """Read once per text: a comparison asks for the same clause's words many times."""
    return tuple(
        w for w in words(text) if len(w) >= 3 and w not in FUNCTION_WORDS and not w.isdigit()
    )


@dataclass(frozen=True)
class Edit:
    """A reworded clause as its word-level diff: the runs deleted from `before` and inserted
    into `after`, each with the words around it."""

    before: str
    after: str
    deleted: tuple[str, ...]
    inserted: tuple[str, ...]
    added: tuple[str, ...] = ()  # inserted runs that replace no words of weight: additions
    swaps: tuple[tuple[str, str], ...] = ()  # (deleted, inserted) runs that replace each other

    @classmethod
    def of(cls, before: str, after: str, highlights: tuple[tuple[int, str], ...]) -> Edit:
        """An inserted run stands in for a deleted one beside it (a rewording: "checks that
        we comply" -> "monitors our compliance") unless it brings at least twice the words
        of weight it takes (an addition)."""
        deleted = tuple(text for op, text in highlights if op == -1 and text.strip())
        inserted = tuple(text for op, text in highlights if op == 1 and text.strip())
        runs = [(op, text) for op, text in highlights if op == 0 or text.strip()]
        added, swaps = [], []
        for at, (op, text) in enumerate(runs):
            if op != 1:
                continue
            beside = runs[max(0, at - 1) : at] + runs[at + 1 : at + 2]
            taken = " ".join(t for o, t in beside if o == -1)
            if content_words(taken) and len(content_words(text)) < 2 * len(content_words(taken)):
                swaps.append((taken, text))
            else:
                added.append(text)
        return cls(before, after, deleted, inserted, tuple(added), tuple(swaps))

    def masked(self, pattern: re.Pattern[str]) -> Edit:
        """The edit with set phrases that change nothing taken out of its runs."""

        def mask(runs: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(r for r in (pattern.sub(" ", run) for run in runs) if r.strip())

        return Edit(
            self.before,
            self.after,
            mask(self.deleted),
            mask(self.inserted),
            mask(self.added),
            self.swaps,
        )


def respelled(old: str, new: str) -> bool:
    """A word typed wrong ("Kingson" for "Kingdom"), not another name ("India", "China")."""
    return SequenceMatcher(None, old.casefold(), new.casefold()).ratio() >= _RESPELLED


_NOVEL_WORDS = 2  # words new to the whole policy that an inserted phrase must bring


def _known(word: str, old_words: frozenset[str]) -> bool:
    """Whether the policy used the word before, maybe in the plural or the singular ("email"
    for "emails")."""
    return bool({word, f"{word}s", f"{word}es", word.removesuffix("s")} & old_words)


def widening_reasons(edit: Edit, old_words: frozenset[str], language: str) -> list[str]:
    """A phrase added to a clause about data that names a practice or data in words the policy
    never used before ("and to train our speech models", "including voice recordings"): a
    purpose or a kind of data more, said in plain words. A phrase that replaces others is a
    rewording, judged by what it swapped."""
    reasons = []
    for run in edit.added:
        run = HIDDEN_EMAIL.sub(" ", run)  # an address Cloudflare hid says nothing of practice
        novel = [w for w in content_words(run) if len(w) > 3 and not _known(w, old_words)]
        # one word new to the policy is enough for a purpose joined on: "and to set your premium"
        purpose = bool(novel) and bool(_PURPOSE_OPENING.match(run))
        # "to train our moderation models and our generative AI models": what the purpose is
        # for gained an object
        at = edit.after.find(run)
        purpose = purpose or (
            bool(novel) and bool(_JOINED.match(run)) and bool(_PURPOSE_SPAN.search(edit.after[:at]))
        )
        if _REFUSED.search(run):
            continue  # "and is never uploaded to our servers": one more thing not done
        if CONSENT_ASKED.match(run.strip(" ,;")):
            continue  # "if you agree to receive them": a condition the reader controls
        if _RELATIVE.match(run) and _ON_OUR_BEHALF.search(run):
            continue  # ", who act on our behalf": a recipient bound to the company, no use more
        if spelled_out(run, edit.before, edit.after):
            continue  # "the GDPR" -> "the General Data Protection Regulation (GDPR)"
        if _READER_CONDITION.match(run) and not _verb_of_practice(language).search(run):
            continue  # "If you are unhappy with how we handle your data, you": when to act
        if _IN_READER_CONDITION.search(edit.after[: edit.after.find(run)]):
            continue  # "If you haven't used Sparkly for two years": what the reader does
        # "using industry-standard encryption": how data is protected, not what is done with it
        said = _SECURITY_WORD.sub(" ", _MANNER.sub(" ", _POLICY_NAME.sub(" ", run)))
        practice = names_practice(said, language)
        if practice and not purpose and _restated(run, novel, edit.before, language):
            practice = False  # "who also keeps" for "keeping": the clause did that already
        if purpose or (len(novel) >= _NOVEL_WORDS and practice):
            reasons.append(f"practice widened: {quote(run.strip(' ,;.'))}")
        elif _CONDITION_JOINED.match(run) and len(content_words(run)) >= _NOVEL_WORDS:
            reasons.append(f"condition added: {quote(run.strip(' ,;.'))}")
    return reasons


# the policy's own name, which holds words of data: "diese Datenschutzinformationen"
_POLICY_NAME = re.compile(
    r"\b(?:datenschutz(?:erklärung|hinweis|information|richtlinie|bestimmung|info)\w*"
    r"|privacy (?:policy|policies|notice|statement|information|info)"
    r"|(?:politique|charte|déclaration|notice|avis) (?:de|sur la) (?:confidentialité|protection"
    r" des données(?: personnelles)?))\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\W*(?:who|which|that|qui|lesquels|lesquelles|die|der)\b", re.I)
# a recipient bound to act for the company: "who act on our behalf", "pour notre compte"
_ON_OUR_BEHALF = re.compile(
    r"\b(?:on our behalf|on behalf of us|under our (?:instructions|direction)|pour (?:notre|son)"
    r" compte|sur (?:nos|notre) instructions?|(?:in unserem|im) auftrag|nach unser\w* weisung\w*)",
    re.IGNORECASE,
)
# a phrase whose verb is refused: "and is never uploaded", "but will not be shared"
_REFUSED = re.compile(
    r"^\W*(?:and|or|but|et|ou|mais|und|oder|aber)?\s*(?:[\w']+\s+){0,3}?(?:never|not|no longer"
    r"|jamais|nie|niemals|nicht|ne\s+\S+\s+(?:pas|jamais))\b|^\W*(?:\w+\s+){0,3}?\w+n't\b",
    re.IGNORECASE,
)


def _restated(run: str, novel: list[str], before: str, language: str) -> bool:
    """Whether an inserted phrase does only what the old clause already did to data (the same
    practices by their verbs, "are processed by" -> "processes"), naming no data and no aim
    the policy did not: a sentence turned around, not one more practice."""
    done = practice_words(run, language)
    if not done or not done <= practice_words(before, language):
        return False
    # "to train our fraud models": what it is done for, in words new to the policy, is a purpose
    aims = {w for match in _AIM.finditer(run) for w in content_words(match.group(1))}
    return not aims & set(novel) and not names_data(" ".join(novel), language)


_AIM = re.compile(r"\b(?:to|in order to|so (?:that )?we can|pour|afin d[e']|um)\s+([^.,;:]+)", re.I)


# One more case in which a practice is done, joined to the one stated: "and when we believe
# it helps prevent harm", "or if a partner asks us to".
_CONDITION_JOINED = re.compile(
    r"^\W*(?:and|or|as well as|et|ou|und|oder)\s+(?:also\s+)?(?:when|whenever|where|if|in case"
    r"|lorsque|quand|si|wenn|falls|sofern)\b",
    re.IGNORECASE,
)

_MANNER = re.compile(r"^\W*(?:by\s+)?using\b", re.IGNORECASE)  # how, not a use of data
_JOINED = re.compile(r"^\W*(?:and|or|as well as)\s+(?!to\b|for\b|when\b|if\b)\w", re.IGNORECASE)
_PURPOSE_SPAN = re.compile(
    r"\b(?:helps? us|to|in order to)\s+(?:train|improve|develop|build|personali[sz]e|power|test"
    r"|evaluate|show|recommend|suggest|offer"
    r"|enhance|create)\s+[^.,;:]{0,60}$",
    re.IGNORECASE,
)
_IN_READER_CONDITION = re.compile(
    r"\b(?:if|when|unless|once|until|si|wenn|falls) (?:you|vous|sie|du)\s*$", re.IGNORECASE
)
_READER_CONDITION = re.compile(
    r"\W*(?:if|when|where|should|in case|si|wenn|falls) (?:you|vous|sie|du)\b", re.IGNORECASE
)


@cache
def _verb_of_practice(language: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{practice_verbs(language)})(?!\w)", re.IGNORECASE)


# A phrase joined to a clause about data as one more purpose: "and to develop new products",
# "or for research", ", to train our fraud models" (one more in a series).
_PURPOSE_OPENING = re.compile(
    r"^\W*(?:and|or|as well as|including|et|ou|notamment|und|oder|einschließlich)\s+(?:also\s+)?"
    r"(?:to|for|in order to|so(?: that)?|pour(?: que)?|afin (?:de|qu)"
    r"|à des fins de|um|zur|zum|für|damit)\s+\w"
    r"|^\s*,\s*(?:to|in order to|pour|afin d[e'])\s*(?!(?:our|the|your|us|you|them|a|an|any|all"
    r"|its|their|nos|vos|les|des|la|le)\b)\w",
    re.IGNORECASE,
)


_PURPOSE_LEAD = re.compile(
    r"\b(?:to|for|in order to|so (?:that )?we can|pour|afin de|à des fins de|aux fins de|um|zu"
    r"|zur|zum|für)\s+(?:(?:train|improve|develop|build|personali[sz]e|entraîner|améliorer)\s+)?$",
    re.IGNORECASE,
)


_SECONDARY_USE = re.compile(
    r"\b(?:advertis\w*|marketing|ads|promot\w*|premiums?|pric\w*|credit\w*|eligib\w*"
    r"|insurance|underwrit\w*|research\w*|profil\w*|(?:improv|develop|build)\w* (?:\w+ ){0,2}?"
    r"(?:products?|services?|features?|models?|algorithms?|technolog\w*)|publicit\w*|prospection"
    r"|recherche|améliorer nos|werbung|forschung|produktentwicklung)\b",
    re.IGNORECASE,
)


def purpose_swap_reasons(edit: Edit, old_words: frozenset[str], language: str) -> list[str]:
    """One purpose put in place of another ("to provide care" -> "to train models"), in words
    new to the policy: a use of data the policy did not state before."""
    reasons = []
    for taken, put in edit.swaps:
        at = edit.after.find(put)
        lead = edit.after[max(0, at - 30) : at] if at >= 0 else ""
        novel = [w for w in content_words(put) if w not in old_words and len(w) > 3]
        # a use of data beyond the service the person asked for ("to set your premium", "to
        # improve our products") is a new purpose in any words; other new words must name a
        # practice or data ("to keep you signed in" -> "to remember your login session")
        beyond = bool(_SECONDARY_USE.search(put)) and not _SECONDARY_USE.search(taken)
        aim = names_practice(put, language) or beyond
        if _PURPOSE_LEAD.search(lead) and len(novel) >= _NOVEL_WORDS and aim:
            reasons.append(f"purpose changed: {quote(taken.strip())} -> {quote(put.strip())}")
    return reasons


def protection_reasons(edit: Edit, language: str) -> list[str]:
    """A promise to protect data taken out of a clause and not put back in other words ("we
    take steps to protect your information" -> "to use your information")."""
    for run in edit.deleted:
        at = edit.before.find(run)
        word = protects_data(edit.before[max(0, at - 40) : at + len(run) + 40], language)
        if word and word.casefold() in run.casefold():
            if not any(
                protects_data(r, language) or _SECURITY_WORD.search(r) for r in edit.inserted
            ):
                return [f"security: protection removed: {quote(word)}"]
    return []


_SECURITY_WORD = re.compile(
    r"protect\w*|secur\w*|safe\w*|encrypt\w*|safeguard\w*|prot[èée]g\w*|sécuris\w*|chiffr(?!es?\b)\w*"
    r"|schütz\w*|schutz|sicher\w*|verschlüssel\w*",
    re.IGNORECASE,
)


_BASES = {
    "consent": r"consent\w*|consentement|accord|einwilligung|zustimmung",
    "contract": r"contract\w*|contrat\w*|exécution d'un contrat|vertrag\w*",
    "legitimate interest": (
        r"legitimate interests?|intérêts? légitimes?|berechtigte\w* interesse\w*"
    ),
    "legal obligation": r"legal obligations?|obligations? légales?|rechtliche\w* verpflichtung\w*",
    "vital interest": r"vital interests?|intérêts? vitaux|lebenswichtige\w* interesse\w*",
    "public interest": r"public interest|intérêt public|öffentliche\w* interesse\w*",
}


def states_basis(text: str) -> bool:
    """Whether a sentence says what a processing rests on ("reposent sur l'intérêt légitime",
    "on the basis of your consent", "X is the legal basis")."""
    named = _BASIS_LEAD.search(text) or _BASIS_TAIL.search(text) or _RESTS_ON.search(text)
    return bool(named) and bool(basis_kinds(text))


_RESTS_ON = re.compile(
    r"\b(?:rests? on|relies on|repos\w* sur|se fond\w* sur|beruh\w* auf|stütz\w* sich auf)\b",
    re.IGNORECASE,
)


def basis_kinds(text: str) -> set[str]:
    """The legal bases a text names anywhere ("Performance of a contract": contract)."""
    return {kind for kind, words in _BASES.items() if re.search(rf"\b(?:{words})", text, re.I)}


_BASIS_LEAD = re.compile(
    r"(?:on the basis of|based on|legal basis\W+(?:\w+\W+){0,6}?(?:is|are|:)|we rely on|relying on"
    r"|sur la base d[eu']|fondée? sur|base légale\W+(?:\w+\W+){0,6}?(?:est|sont|:)|auf (?:der )?"
    r"grundlage|rechtsgrundlage\W+(?:\w+\W+){0,4}?(?:ist|:))\s+(?P<basis>(?:\S+\s+){0,4}\S+)",
    re.IGNORECASE,
)

# The basis named first: "Your consent is the legal basis on which we process your data".
_BASIS_TAIL = re.compile(
    r"(?P<basis>(?:\S+\s+){0,4}\S+)\s+(?:is|are|serves as|constitutes?|est|sont|constitue\w*"
    r"|ist|sind|bildet)\s+(?:the|our|la|notre|die|unsere)\s+(?:legal basis|lawful basis"
    r"|base légale|base juridique|rechtsgrundlage)",
    re.IGNORECASE,
)


_BASIS_NAMED = re.compile(
    r"legal basis|lawful basis|base légale|base juridique|rechtsgrundlage", re.IGNORECASE
)


def _bases(text: str) -> dict[str, str]:
    """The legal bases a text names after a lead ("on the basis of your consent"), by name,
    with the words that name each."""
    found = {}
    for safeguard in SAFEGUARD.values():  # "the Standard Contractual Clauses" is no contract
        text = safeguard.sub(" ", text)
    consent = CONSENT_ASKED.search(text)  # "with your consent", "if you agree"
    if consent:
        found["consent"] = consent.group()
    named = [
        re.split(r"[(,.;:]", m.group("basis"), maxsplit=1)[0] for m in _BASIS_LEAD.finditer(text)
    ]
    if _BASIS_NAMED.search(text):  # the tail pattern is costly: read it only where it can hold
        named += [re.split(r"[(),.;:]", m.group("basis"))[-1] for m in _BASIS_TAIL.finditer(text)]
    for basis in named:
        for name, pattern in _BASES.items():
            hit = re.search(rf"\b(?:{pattern})", basis, re.IGNORECASE)
            if hit:
                found.setdefault(name, hit.group())
    return found


def basis_reasons(edit: Edit) -> list[str]:
    """The legal basis of a processing changed: the words that named it were cut or put in
    ("sur la base de votre consentement" -> "de votre information")."""
    old, new = _bases(edit.before), _bases(edit.after)
    if old.keys() == new.keys():
        return []
    touched = " ".join(edit.deleted + edit.inserted).casefold()
    named = [words for words in (*old.values(), *new.values()) if words.casefold() in touched]
    if not named:
        return []
    return [f"legal basis: '{', '.join(old) or 'none'}' -> '{', '.join(new) or 'none'}'"]


def right_reasons(edit: Edit, language: str) -> list[str]:
    """A sentence stating a right taken out of a paragraph that keeps the rest, or put into
    one ("You can ask us to correct it."): read sentence by sentence, so a right the paragraph
    names elsewhere in passing does not hide it. Choices ("settings", "preferences") are worded
    too many ways to be read this way."""
    if not (edit.deleted or edit.inserted):
        return []
    old, new = _stated_rights(edit.before, language), _stated_rights(edit.after, language)
    cut = set(right_words(" ".join(edit.deleted), language))
    put = set(right_words(" ".join(edit.inserted), language))
    # the edit must take out or put in the right's own words: a sentence split in two or an
    # "also" dropped before "you may" changes no right
    reasons = [f"right removed: {r}" for r in sorted(old.keys() - new.keys()) if r in cut - put]
    reasons += [f"right added: {r}" for r in sorted(new.keys() - old.keys()) if r in put - cut]
    reasons += _anytime_reasons(edit, language)
    reasons += _object_reasons(edit, language, old, new)
    if not reasons:  # a right the word lists do not know, given in so many words
        reasons += _rights_worded("removed", edit.deleted, edit.before, edit.after, language)
        reasons += _rights_worded("added", edit.inserted, edit.after, edit.before, language)
    return reasons


# A right a person may use whenever they like, not only at set times.
_ANYTIME = re.compile(
    r"\b(?:at any time|anytime|whenever you (?:like|want|wish|choose)|à tout moment"
    r"|à tout instant|jederzeit)\b",
    re.IGNORECASE,
)


def _anytime_reasons(edit: Edit, language: str) -> list[str]:
    """A right or choice usable "at any time" made usable at set times ("once a year"), or
    back."""
    cut = any(_ANYTIME.search(r) for r in edit.deleted)
    put = any(_ANYTIME.search(r) for r in edit.inserted)
    if cut and rights(edit.before, language) and not _ANYTIME.search(edit.after):
        return [f"right limited: {quote(_ANYTIME.search(edit.before).group())} taken out"]
    if put and rights(edit.after, language) and not _ANYTIME.search(edit.before):
        return [f"right widened: {quote(_ANYTIME.search(edit.after).group())} put in"]
    return []


def _object_reasons(
    edit: Edit, language: str, old: dict[str, str], new: dict[str, str]
) -> list[str]:
    """A right both versions give whose object grew or shrank: "delete your account" ->
    "delete your account and all personal data associated with it": a kind of data joined to
    the one the right's sentence names, on one side only. Data said another way ("your
    personal data" -> "information about you") is the same object."""
    reasons = []
    for right in sorted(old.keys() & new.keys()):
        for done, runs, said, other in (
            ("narrowed", edit.deleted, old[right], new[right]),
            ("widened", edit.inserted, new[right], old[right]),
        ):
            kept = _kinds_of_data(other, language)
            for run in runs:
                fresh = _kinds_of_data(run, language) - kept
                joined = _ANOTHER_OBJECT.match(run) and run.strip() in said
                if fresh and joined and len(content_words(run)) >= _NEW_WORDS:
                    reasons.append(f"right {done}: {right}: {quote(run.strip(' ,;'))}")
    return reasons


def _kinds_of_data(text: str, language: str) -> set[str]:
    text = _WHERE_IN_THE_APP.sub(" ", text)
    return {_DATA if n in DATA_SYNONYMS else n for n in data_nouns(text, language)}


_DATA = "data"
# where a right is used, not what it covers: "by updating your email preferences", a menu's
# path "(Account settings / My information / My personal data)"
_WHERE_IN_THE_APP = re.compile(
    r"\([^()]*/[^()]*\)|\b\w+\s+(?:settings|preferences|page|menu|dashboard|cent(?:er|re)"
    r"|paramètres|einstellungen)\b",
    re.IGNORECASE,
)
# an object joined to the one the right names: "and all personal data ...", ", messages"
# (not a way joined to the way the right is used: ", or by updating your preferences")
_AND = (
    r"(?:and|or|as well as|plus|including|et|ou|ainsi que|y compris|und|oder|sowie|einschließlich)"
)
_ANOTHER_OBJECT = re.compile(
    rf"\s*(?:,\s*(?:{_AND}\b)?|{_AND}\b)(?!\s*(?:{_AND}\s+)?(?:by|via|through|using|in|on|at"
    r"|from|par|en|dans|depuis|über|per|durch|mittels|im)\b)",
    re.IGNORECASE,
)
_ENTITLEMENT = re.compile(
    r"\byou (?:may|can|could|will be able to|are entitled to|have the right to)\b"
    r"|\b(?<!reserve the )(?<!reserves the )right to\b",
    re.IGNORECASE,
)
# One more right in a sentence that lists them: ", and to request a list of disclosures".
_RIGHT_ITEM = re.compile(r"^\W*(?:,\s*)?(?:(?:and|or)\s+)?to\s+(\w+)", re.IGNORECASE)
_NEW_WORDS = 2  # words of weight a right must bring that the other side lacks
_SENTENCE_REACH = 300  # characters before a run in which its sentence begins


def _rights_worded(
    done: str, runs: tuple[str, ...], text: str, other: str, language: str
) -> list[str]:
    """Runs that give a right of their own, which the other side does not: "you may ask us to
    contact you at another address", ", and to request a list of disclosures" in a sentence
    of rights. Words the other side holds too moved or were reworded."""
    kept = set(words(other))
    # as many rights said on both sides: one said another way ("you can instruct your
    # browser" -> "you can modify your settings")
    more = len(_ENTITLEMENT.findall(text)) > len(_ENTITLEMENT.findall(other))
    reasons = []
    for run in runs:
        fresh = [w for w in content_words(run) if w not in kept]
        if len(fresh) < _NEW_WORDS:
            continue
        item = _RIGHT_ITEM.match(run)
        listed = False
        if item and item.group(1).casefold() not in FUNCTION_WORDS:
            at = text.find(run)
            sentence = (sentences(text[max(0, at - _SENTENCE_REACH) : at + 1]) or [""])[-1]
            listed = bool(GIVES_RIGHT.search(sentence) or rights(sentence, language))
        if (more and GIVES_RIGHT.search(run)) or listed:
            reasons.append(f"right {done}: {quote(run.strip(' ,;'))}")
    return reasons


def _stated_rights(text: str, language: str) -> dict[str, str]:
    """The rights a text's sentences give, each with the first sentence that gives it."""
    found: dict[str, str] = {}
    for sentence in sentences(text):
        for right in rights(sentence, language):
            if right != "choice":
                found.setdefault(right, sentence)
    return found


_KEEP = re.compile(
    r"\b(?:retain\w*|kept|keep\w*|stor(?:e|ed|es|ing)|hold\w*|conserv\w*|garder|gardé\w*"
    r"|speicher\w*|aufbewahr\w*)\b",
    re.IGNORECASE,
)
_ERASE = re.compile(
    r"\b(?:delet\w*|eras\w*|destroy\w*|purg\w*|supprim\w*|effac\w*|détrui\w*|lösch\w*)\b",
    re.IGNORECASE,
)


def keeping_flipped(edit: Edit) -> bool:
    """A negated keeping said as erasing, or the other way ("is not retained beyond
    verification" -> "is deleted upon verification"): the negation went with its verb, and the
    promise stands."""
    cut, put = " ".join(edit.deleted), " ".join(edit.inserted)
    return bool(
        (_KEEP.search(cut) and _ERASE.search(put)) or (_ERASE.search(cut) and _KEEP.search(put))
    )


_PERSON = re.compile(
    r"(?<![\w.])[A-Z][a-zà-ÿ'’-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-Z][a-zà-ÿ'’-]+){1,3}"
)


def _a_person(name: str) -> bool:
    """A name with no word of a title, a law or a role ("Information Technology Act")."""
    return not any(word.casefold() in TITLE_WORDS for word in name.split())


def person_reasons(edit: Edit) -> list[str]:
    """The person named as an officer or a representative changed ("Our Data Protection Officer
    is Jane Smith" -> "John Doe"): who answers for people's data is part of the policy."""
    gone = [m.group() for run in edit.deleted for m in _PERSON.finditer(run)]
    came = [m.group() for run in edit.inserted for m in _PERSON.finditer(run)]
    gone = [n for n in gone if n not in edit.after and _a_person(n)]
    came = [n for n in came if n not in edit.before and _a_person(n)]
    if not (gone and came):
        return []
    return [f"contact: officer changed: {quote(', '.join(gone))} -> {quote(', '.join(came))}"]


def identifiability_reasons(edit: Edit, language: str) -> list[str]:
    """A qualifier that changes whose data it is: "aggregated" -> "individual", "approximate"
    -> "precise". Read in the words the edit deleted and inserted, so other qualifiers the
    sentence keeps do not hide the swap; one word for another of the same kind
    ("anonymized" -> "de-identified") and "personal" alone ("information" -> "personal
    information") change nothing."""
    cut, put = _whole_words(edit.deleted, edit.before), _whole_words(edit.inserted, edit.after)
    old_unlinked, old_linked = identifiability(cut, language)
    new_unlinked, new_linked = identifiability(put, language)
    old_linked, new_linked = old_linked - _PERSONAL, new_linked - _PERSONAL
    # "anonymised" -> "pseudonymised": still someone's data, with the key kept elsewhere
    regraded = _pseudonymous(old_unlinked) != _pseudonymous(new_unlinked)
    unchanged = bool(old_unlinked) == bool(new_unlinked) and bool(old_linked) == bool(new_linked)
    if unchanged and not (regraded and old_unlinked and new_unlinked):
        return []
    if old_linked and not (new_linked or old_unlinked or new_unlinked):
        return []  # "delete individual recordings" -> "deleted recordings": no one's data more
    was = ", ".join(sorted(old_unlinked | old_linked)) or "none"
    now = ", ".join(sorted(new_unlinked | new_linked)) or "none"
    return [f"identifiability: '{was}' -> '{now}'"]


def _pseudonymous(words_: set[str]) -> bool:
    """Whether unlinked data is only pseudonymised (hashed, coded), not anonymous."""
    return bool(words_) and all(re.match(r"pseudonym|hashed", w) for w in words_)


def _whole_words(runs: tuple[str, ...], text: str) -> str:
    """Runs cut at a hyphen widened to the whole words they cut into: the word diff reads
    "non-personal" -> "personal" as "non-" taken out."""
    whole = []
    for run in runs:
        at = text.find(run)
        hyphened = run.strip().startswith("-") or run.strip().endswith("-")
        if at < 0 or not hyphened:
            whole.append(run)
            continue
        start = _WORD_START.search(text[:at]).start()
        end = at + len(run) + _WORD_END.match(text[at + len(run) :]).end()
        whole.append(text[start:end])
    return " ".join(whole)


_WORD_START = re.compile(r"[\w-]*$")
_WORD_END = re.compile(r"[\w-]*")
_PERSONAL = frozenset(
    {
        "personal",
        "personally",
        "personnel",
        "personnelle",
        "personnelles",
        "personnels",
        "personenbezogen",
        "personenbezogene",
        "personenbezogenen",
    }
)
