"""What the words a change inserted or deleted do: the party, place, qualifier, list item,
purpose, right or practice they name. Each signal returns reasons a reader can check, quoting
both sides ("transfer: 'in the EU' -> 'outside the EU'"); the judge decides what they weigh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from .diff import quote, squashed, words
from .lexicon import FUNCTION_WORDS, HIDDEN_EMAIL, SAFEGUARD
from .organisations import (
    ORG_SUFFIX,
    TITLE_WORDS,
    name_words,
    organisations,
    rebrand_named,
    rebranded,
)
from .parties import parties
from .places import places_in_name
from .practice import (
    GIVES_RIGHT,
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


_RESPELLED_RUN = 3  # letters in one run a respelled name keeps


def _alike(old: str, new: str) -> bool:
    """One party under two names: a shared distinctive word ("Zoom Chat" -> "Zoom Team Chat")
    or a respelling ("RGDPRGPD" -> "GDPR"). Two companies of a group are two parties though
    they share its name: "Orbit Ireland Limited" and "Orbit, Inc." differ in legal form,
    "Orbit UK Ltd" and "Orbit Europe Ltd" in place."""
    if _other_entity(old, new):
        return False
    if name_words(old) & name_words(new) or rebranded(old, new):
        return True
    short, long = sorted((squashed(old), squashed(new)), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True  # "OVH" -> "OVHcloud": the name grew
    matcher = SequenceMatcher(None, old.casefold(), new.casefold())
    # letters in common scattered over two words ("Adyen", "Payments") make no respelling
    longest = matcher.find_longest_match().size
    return matcher.ratio() >= 0.6 and longest >= _RESPELLED_RUN


# one legal form written two ways
_FORM_SPELLINGS = {"limited": "ltd", "incorporated": "inc", "corporation": "corp", "company": "co"}


def _legal_form(name: str) -> str:
    found = ORG_SUFFIX.findall(name)
    form = found[-1].replace(".", "").replace(" ", "").casefold() if found else ""
    return _FORM_SPELLINGS.get(form, form)


def _other_entity(old: str, new: str) -> bool:
    """Whether two names of one group are two legal entities: each has a legal form and the
    forms differ, or each names a place and the places differ."""
    forms = _legal_form(old), _legal_form(new)
    if all(forms) and forms[0] != forms[1]:
        return True
    where = places_in_name(old), places_in_name(new)
    return all(where) and where[0] != where[1]


def _respelling_of(name: str, swapped: list[str], other: str) -> bool:
    """Whether a name is another side's name respelled: each of its words is on the `other`
    side or respells a word the edit swapped ("United Kingson" for "United Kingdom"). One word
    alike is no respelling of a whole name ("Data Processing" for "Privacy Protection")."""
    kept = set(words(other))
    respelled = [p for p in _name_parts(name) if p.casefold() not in kept]
    return bool(respelled) and all(any(_alike(p, word) for word in swapped) for p in respelled)


def _bracketed_alias(name: str, text: str) -> bool:
    """Whether a name is written in brackets right after another name ("Google Analytics 4
    (GA4)"): the other name's short form."""
    return bool(re.search(rf"\b[A-Z0-9][\w.]*\s*\(\s*{re.escape(name)}\s*\)", text))


def _expanded(name: str, text: str) -> bool:
    """Whether a name the edit took out stands in brackets in the new text: "the CNIL" ->
    "the Commission Nationale de l'Informatique et des Libertés (CNIL)"."""
    return f"({name})" in text


def _expanded_from(name: str, text: str, old_text: str) -> bool:
    """Whether a new name is followed, in brackets, by a name the old text used: the long form
    of the same party."""
    at = text.find(name)
    tail = text[at + len(name) : at + len(name) + _EXPANSION_REACH] if at >= 0 else ""
    short = re.search(r"\(([^()]{2,20})\)", tail)
    return bool(short) and short.group(1) in old_text


_EXPANSION_REACH = 60  # characters from a long name to the short one in brackets


def _name_parts(name: str) -> list[str]:
    """A name's words but its legal form: "A/S" and "ApS" tell no two companies apart."""
    return [part for part in name.split() if not ORG_SUFFIX.fullmatch(part)]


def party_reasons(
    edit: Edit,
    common: frozenset[str] = frozenset(),
    role: tuple[str, str] = ("party", "party"),
    language: str = "",
    own_name: str = "",
    listed: bool = False,
) -> tuple[list[str], list[str]]:
    """Organisations new to the clause or gone from it (material reasons), and renamed ones
    (minor reasons). One party swapped for another in the clause always counts; one only added
    or removed counts unless all its words are `common` in the policy: the company's own name
    or a defined term ("the Service") moving between clauses is no new recipient. `role` is
    how the clause's context names a party: ("sharing", "recipient"), ("contact",
    "organisation")... A name the sentence does not put where a party stands (a product, a
    feature, a page: see `parties`) is named, not a party. `listed`: the clause sits under a
    heading about recipients."""
    old_names = organisations(edit.before, language)
    new_names = organisations(edit.after, language)
    if listed:  # an entry's name that only its place in the list marks ("Braze, which ...")
        old_names += [n for n in parties(edit.before, language, listed) if n not in old_names]
        new_names += [n for n in parties(edit.after, language, listed) if n not in new_names]
    appeared = [n for n in dict.fromkeys(new_names) if n not in old_names]
    vanished = [n for n in dict.fromkeys(old_names) if n not in new_names]
    renamed = [(old, new) for new in appeared for old in vanished if _alike(old, new)]
    paired = {name for pair in renamed for name in pair}
    # capitalised words the edit brought or took that are not parties (a law, a title)
    swapped_in = CAPITALISED.findall(" ".join(edit.inserted))
    swapped_out = CAPITALISED.findall(" ".join(edit.deleted))
    before_words, after_words = set(words(edit.before)), set(words(edit.after))
    came = [
        n
        for n in appeared
        if n not in paired
        and any(w not in before_words for w in words(n))
        and squashed(n) not in squashed(edit.before)
        and not _respelling_of(n, swapped_out, edit.before)
    ]
    went = [
        n
        for n in vanished
        if n not in paired
        and any(w not in after_words for w in words(n))
        and squashed(n) not in squashed(edit.after)
        and not _respelling_of(n, swapped_in, edit.after)
    ]
    # "Google Analytics 4 (GA4)": a short name in brackets after a name is that name; "the
    # Commission Nationale ... (CNIL)": a long name before an old one in brackets is it
    came = [n for n in came if not _bracketed_alias(n, edit.after)]
    went = [n for n in went if not _bracketed_alias(n, edit.before)]
    went = [n for n in went if not _expanded(n, edit.after) and not rebrand_named(n, edit.after)]
    came = [n for n in came if not _expanded_from(n, edit.after, edit.before)]
    examples = _example_names(edit.before) | _example_names(edit.after)
    examples_changed = [n for n in came + went if n in examples]
    own = [n for n in came + went if own_product(n, own_name) and n not in examples]
    came = [n for n in came if n not in examples and n not in own]
    went = [n for n in went if n not in examples and n not in own]
    new_parties = set(parties(edit.after, language, listed))
    old_parties = set(parties(edit.before, language, listed))
    named = [n for n in came if n not in new_parties] + [n for n in went if n not in old_parties]
    came = [n for n in came if n in new_parties]
    went = [n for n in went if n in old_parties]
    if not (came and went):
        came = [n for n in came if any(w not in common for w in words(n))]
        went = [n for n in went if any(w not in common for w in words(n))]
    label, noun = role
    material = []
    if came and went:
        swap = f"{quote(', '.join(went))} -> {quote(', '.join(came))}"
        material.append(f"{label}: {noun} changed: {swap}")
    material += [f"{label}: new {noun} {quote(name)}" for name in came]
    material += [f"{label}: removed {noun} {quote(name)}" for name in went]
    minor = [f"renamed: {quote(old)} -> {quote(new)}" for old, new in renamed]
    minor += [f"own product named: {quote(name)}" for name in own]
    minor += [f"example changed: {quote(name)}" for name in examples_changed]
    minor += [f"name changed: {quote(name)}" for name in named]
    return material, minor


_EXAMPLE_LEAD = re.compile(
    r"\b(?:like|such as|e\.\s?g\.|for example|for instance|comme|tels? que|telles? que"
    r"|par exemple|wie|z\.\s?B\.)\s",
    re.IGNORECASE,
)
RECIPIENT_NOUNS = re.compile(
    r"partners?|providers?|processors?|vendors?|advertisers?|third[- ]part\w+|companies"
    r"|affiliates?|recipients?|contractors?|prestataires?|partenaires?|sous-traitants?|tiers"
    r"|annonceurs?|sociétés|destinataires?|dienstleister|partner|drittanbieter\w*|empfänger",
    re.IGNORECASE,
)


# who else may see data once it is shared: "only you and our support team can see it"
_AUDIENCE = re.compile(
    rf"{RECIPIENT_NOUNS.pattern}|teams?|staff|employees|support|moderators?|reviewers?"
    r"|administrators?|admins?|anyone|everyone|others|other users|the public|équipes?"
    r"|personnel|mitarbeiter\w*",
    re.IGNORECASE,
)
_JOINED_PARTY = re.compile(
    r"^\W*(?:and|or|as well as|et|ou|und|oder|sowie)\s+(?:also\s+)?"
    r"(?:(?:with|to|avec|à|aux|mit|an)\s+)?",
    re.IGNORECASE,
)


def joined_recipient_reasons(edit: Edit) -> list[str]:
    """Someone joined to those who receive or see data, named by kind: "with our affiliates"
    -> "with our affiliates and with companies we acquire", "only you can see" -> "only you
    and our support team can see"."""
    reasons = []
    for run in edit.inserted:  # "Seul votre médecin peut" -> "Seuls ... et notre équipe peuvent"
        if not _JOINED_PARTY.match(run):
            continue
        came = {m.group().casefold() for m in _AUDIENCE.finditer(run)}
        had = {m.group().casefold() for m in _AUDIENCE.finditer(edit.before)}
        if came - had:
            reasons.append(f"recipient added: {quote(run.strip(' ,;.'))}")
    return reasons


def _example_names(text: str) -> set[str]:
    """Names in an enumeration of examples of something other than recipients: "social
    networks like Facebook, Twitter, Snapchat" names places where people post, not parties
    that receive data ("partners such as Google" does)."""
    found: set[str] = set()
    for lead in _EXAMPLE_LEAD.finditer(text):
        if RECIPIENT_NOUNS.search(text[max(0, lead.start() - 50) : lead.start()]):
            continue
        span = re.split(r"[.;:)]\s|\(", text[lead.end() : lead.end() + 200], maxsplit=1)[0]
        found.update(organisations(f"and {span}"))  # the first name is no sentence start
    return found


def own_product(name: str, own_name: str) -> bool:
    """A name that starts with the policy's own ("Spotify Wrapped", "Bitwarden Send") and is
    no legal entity ("Spotify AB" is a company that may receive data)."""
    own, named = own_name.split(), name.casefold().split()
    return (
        bool(own)
        and named[: len(own)] == own
        and len(named) > len(own)
        and not ORG_SUFFIX.search(name)
    )


_NOVEL_WORDS = 2  # words new to the whole policy that an inserted phrase must bring


def widening_reasons(edit: Edit, old_words: frozenset[str], language: str) -> list[str]:
    """A phrase added to a clause about data that names a practice or data in words the policy
    never used before ("and to train our speech models", "including voice recordings"): a
    purpose or a kind of data more, said in plain words. A phrase that replaces others is a
    rewording, judged by what it swapped."""
    reasons = []
    for run in edit.added:
        run = HIDDEN_EMAIL.sub(" ", run)  # an address Cloudflare hid says nothing of practice
        novel = [w for w in content_words(run) if w not in old_words and len(w) > 3]
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
        if _READER_CONDITION.match(run) and not _verb_of_practice(language).search(run):
            continue  # "If you are unhappy with how we handle your data, you": when to act
        if _IN_READER_CONDITION.search(edit.after[: edit.after.find(run)]):
            continue  # "If you haven't used Sparkly for two years": what the reader does
        # "using industry-standard encryption": how data is protected, not what is done with it
        practice = names_practice(_SECURITY_WORD.sub(" ", _MANNER.sub(" ", run)), language)
        if practice and not purpose and _restated(run, novel, edit.before, language):
            practice = False  # "who also keeps" for "keeping": the clause did that already
        if purpose or (len(novel) >= _NOVEL_WORDS and practice):
            reasons.append(f"practice widened: {quote(run.strip(' ,;.'))}")
        elif _CONDITION_JOINED.match(run) and len(content_words(run)) >= _NOVEL_WORDS:
            reasons.append(f"condition added: {quote(run.strip(' ,;.'))}")
    return reasons


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
# "or for research".
_PURPOSE_OPENING = re.compile(
    r"^\W*(?:and|or|as well as|including|et|ou|notamment|und|oder|einschließlich)\s+(?:also\s+)?"
    r"(?:to|for|in order to|pour|afin de"
    r"|à des fins de|um|zur|zum|für)\s+\w",
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

# Consent as the condition of a practice, said without a lead: "if you consent".
_CONSENT_CONDITION = re.compile(
    r"\b(?:with your (?:prior |explicit |express )?(?:consent|permission|agreement)"
    r"|(?:if|where|when|once) you (?:have )?(?:consent\w*|agree\w*|opt(?:ed)? in"
    r"|allow\w* (?:it|us|this))|subject to your consent|avec votre (?:accord|consentement)"
    r"|si vous (?:y |l')?(?:consentez|avez consenti|acceptez)"
    r"|mit (?:ihrer|deiner) (?:einwilligung|zustimmung)"
    r"|wenn (?:sie|du) (?:\w+ )?(?:einwillig\w*|eingewilligt|zustimm\w*|zugestimmt))",
    re.IGNORECASE,
)


def _bases(text: str) -> dict[str, str]:
    """The legal bases a text names after a lead ("on the basis of your consent"), by name,
    with the words that name each."""
    found = {}
    for safeguard in SAFEGUARD.values():  # "the Standard Contractual Clauses" is no contract
        text = safeguard.sub(" ", text)
    consent = _CONSENT_CONDITION.search(text)  # "with your consent", "if you agree"
    if consent:
        found["consent"] = consent.group()
    named = [
        re.split(r"[(,.;:]", m.group("basis"), maxsplit=1)[0] for m in _BASIS_LEAD.finditer(text)
    ]
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


_ENTITLEMENT = re.compile(
    r"\byou (?:may|can|could|will be able to|are entitled to|have the right to)\b|\bright to\b",
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
    if bool(old_unlinked) == bool(new_unlinked) and bool(old_linked) == bool(new_linked):
        return []
    if old_linked and not (new_linked or old_unlinked or new_unlinked):
        return []  # "delete individual recordings" -> "deleted recordings": no one's data more
    was = ", ".join(sorted(old_unlinked | old_linked)) or "none"
    now = ", ".join(sorted(new_unlinked | new_linked)) or "none"
    return [f"identifiability: '{was}' -> '{now}'"]


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
