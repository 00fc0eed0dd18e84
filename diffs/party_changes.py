"""What an edit does to the parties a clause names: an organisation new to it or gone from it,
one renamed (a respelling, a new brand, a name spelled out in brackets), a company's own
product, an example named after "such as", someone joined on by kind ("and our support
team"). `parties` says which names stand where a party stands; this module compares the two
sides."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .diff import quote, squashed, words
from .organisations import ORG_SUFFIX, name_words, organisations, rebrand_named, rebranded
from .parties import parties
from .places import places_in_name
from .signals import CAPITALISED, Edit

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


def _not_in(names: list[str], paired: set[str], other: str, swapped: list[str]) -> list[str]:
    """The names the `other` side does not hold: not as a renamed pair, not word for word, not
    written together ("DataRep" for "Data Rep"), not respelled in the words the edit swapped."""
    other_words = set(words(other))
    return [
        n
        for n in names
        if n not in paired
        and any(w not in other_words for w in words(n))
        and squashed(n) not in squashed(other)
        and not _respelling_of(n, swapped, other)
        and not _form_added(n, other)
    ]


def _form_added(name: str, other: str) -> bool:
    """Whether the `other` side writes this name without its legal form: "Twitch UK" ->
    "Twitch UK Limited" names the same party. Not where the other side gives it another form
    ("Orbit, Inc." and "Orbit Limited" are two companies)."""
    bare = " ".join(_name_parts(name))
    if not bare or bare == name:
        return False
    for found in re.finditer(rf"(?<!\w){re.escape(bare)}(?!\w)", other):
        if not ORG_SUFFIX.match(other[found.end() :].lstrip(" ,")):
            return True
    return False


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
    old_parties = parties(edit.before, language, listed)
    new_parties = parties(edit.after, language, listed)
    old_names = organisations(edit.before, language)
    new_names = organisations(edit.after, language)
    if listed:  # an entry's name that only its place in the list marks ("Braze, which ...")
        old_names += [n for n in old_parties if n not in old_names]
        new_names += [n for n in new_parties if n not in new_names]
    appeared = [n for n in dict.fromkeys(new_names) if n not in old_names]
    vanished = [n for n in dict.fromkeys(old_names) if n not in new_names]
    renamed = [(old, new) for new in appeared for old in vanished if _alike(old, new)]
    paired = {name for pair in renamed for name in pair}
    # capitalised words the edit brought or took that are not parties (a law, a title)
    swapped_in = CAPITALISED.findall(" ".join(edit.inserted))
    swapped_out = CAPITALISED.findall(" ".join(edit.deleted))
    came = _not_in(appeared, paired, edit.before, swapped_out)
    went = _not_in(vanished, paired, edit.after, swapped_in)
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
    named = [n for n in came if n not in new_parties] + [n for n in went if n not in old_parties]
    # one name for another where one side puts its name where a party stands: "participate in
    # the DataRep DPF" -> "cooperate with VeraSafe, an independent dispute resolution provider"
    swapped = (
        bool(came)
        and bool(went)
        and any(n in new_parties for n in came) != any(n in old_parties for n in went)
    )
    if not swapped:
        came = [n for n in came if n in new_parties]
        went = [n for n in went if n in old_parties]
    else:
        named = []
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
