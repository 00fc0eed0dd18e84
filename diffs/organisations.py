"""Which capitalised runs of a text name organisations or products: not a sentence's first
word, not titles, roles, laws, places or people. Whether a name stands where a party to the
data stands is `parties`' question."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import FUNCTION_WORDS
from .places import places

TITLE_WORDS = frozenset(
    "mr mrs ms miss dr prof sir madam shri smt mme mlle m herr frau officer officers head manager "
    "director chief team act acts law laws regulation regulations directive code rules rule "
    "protection statement notice notices policy policies terms section article chapter annex "
    "appendix schedule part clause agreement version edition update updated effective "
    "department agency authority commission board council committee court government "
    "grievance nodal compliance legal privacy data personal information officer contact "
    "customer support help center centre settings account page portal form cookie cookies "
    "performance contract legitimate interest interests obligation obligations basis bases "
    "services tool tools intelligence framework principles shield clauses processor processors "
    "controller controllers controllership inc ltd llc llp gmbh sa sas sarl ab bv nv aps limited "
    "corp corporation plc note notes opt-out opt-in dpo "
    # the policy's own words for where it applies: "through the Site", "in the App"
    "site sites website websites app apps application applications platform service "
    "gdpr ccpa cpra dsa dpa hipaa coppa lgpd pipeda rgpd dsgvo uk gdpr".split()
)
_NAME_RUN = re.compile(
    r"(?<![\w@/.])(?:[A-Z][\w&'.+-]*[\w&+]|[A-Z])(?:\s+(?:&\s+|of\s+|de\s+|for\s+)?"
    r"(?:A/S|S\.A\.|[A-Z][\w&'.+-]*[\w&+]|[A-Z]|\(\w+\)|ApS|GmbH|Inc\.?|Ltd\.?|LLC|SAS|AB|BV))*"
    # "Stripe, Inc.": a legal form after a comma is still the name's
    r"(?:,\s+(?:Inc|LLC|Ltd|Limited|Corp|GmbH|PLC|plc|AB|AG|SAS|B\.V|N\.V)\b\.?)?"
)
ORG_SUFFIX = re.compile(
    r"\b(?:Inc|Ltd|Limited|LLC|LLP|GmbH|AG|SA|SAS|SASU|SARL|EURL|SNC|GIE|S\.A|A/S|ApS|AB|BV|NV|Oy|SE|Corp"
    r"|Corporation|Company|Co|plc|PLC|Pty|S\.r\.l|SpA|KG|N\.V|B\.V|S\.p\.A|S\.L|SL|SRL|Srl|Ltda"
    r"|KGaA|UG|e\.V|Pte|Oyj)\b\.?"
)
# Endings of German nouns ("Einstellungen", "Sicherheit", "Nachrichten"): a run of such
# capitalised words is a phrase, not a name.
_GERMAN_PRONOUNS = frozenset(
    "sie ihr ihre ihres ihrer ihrem ihren ihnen du dein deine deines deiner deinem deinen "
    "unser unsere unseres unserer unserem unseren wir uns".split()
)
_GERMAN_NOUN_END = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|tät|täten|nis|nisse"
    r"|ment|mente|ern|eln|chen|ismus|ik|ie|ien|en|er|e)$"
)
# First words of a sentence: after "Label:" they make the label a run-in heading, not a party
# ("Communication: We use..." vs "Sentry: for logging errors").
_SENTENCE_OPENERS = frozenset(
    "we you our your us they their in when if this these those it upon where as some many "
    "the a an all any each "
    "nous vous notre nos votre vos lorsque si dans les le la wir sie ihre unsere".split()
)
# Last words of names that are documents, laws, roles, places in a product or the people a
# section speaks to ("U.S. State Residents", "Your California Privacy Rights"), not
# organisations.
_NOT_AN_ORGANISATION = frozenset(
    "act acts law laws regulation regulations directive code rules policy policies statement "
    "notice notices agreement agreements principles framework clauses officer officers manager "
    "settings page portal form section article chapter annex appendix schedule note notes "
    "representative dpo rights residents users customers consumers visitors individuals".split()
)
_PERSON_TITLES = frozenset("mr mrs ms miss dr prof sir madam shri smt mme mlle m herr frau".split())
# Days and months are capitalised in English and name nothing.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_STREET_WORDS = frozenset(
    "rue avenue av boulevard bd place quai allée chemin impasse street st road rd lane drive "
    "way square strasse straße str platz weg gasse".split()
)
# Capitalised first words of changelog lines and sentences that are not names.
_LEAD_VERBS = frozenset(
    "added removed replaced updated changed clarified new our your their when where while "
    "please see under per beginning starting effective since from as after before until "
    "following".split()
)


def organisations(text: str, language: str = "") -> list[str]:
    """Names of organisations or products in a text (see `_organisations`). German
    capitalises every noun, so there a lone capitalised word is a name only when it is marked
    as one: a legal form, a capital or digit inside it ("WhatsApp", "Web3"), or its place in a
    list of parties or after a role ("Auftragsverarbeiter sind Stripe", "Dienstleister
    Stripe")."""
    found = _organisations(text)
    if language == "de":
        listed = _german_list_members(text)
        # "Dienstleister Stripe" read as one run: the name is the word after the role
        found = tuple(name.split()[-1] if name.split()[-1] in listed else name for name in found)
        found = tuple(name for name in found if _marked_as_name(name) or name in listed)
    return list(found)


# a German list of parties after their role: "Unsere Auftragsverarbeiter sind Stripe, Mailchimp
# und Hotjar", "Empfänger: Stripe, Hotjar"
_GERMAN_PARTY_LIST = re.compile(
    r"\b(?:\w*auftragsverarbeiter|\w*dienstleister|empfänger|\w*partner|\w*anbieter)\w*\s*"
    r"(?:sind|:|wie|(?:gehören|zählen)(?: dazu| insbesondere)?)\s+(?P<members>[^.;!?]+)",
    re.IGNORECASE,
)
_GERMAN_MEMBER_WORDS = 3
_GERMAN_ROLE_NAME = re.compile(
    r"\b(?i:\w*auftragsverarbeiter|\w*dienstleister|\w*partner|\w*anbieter)\w*\s+"
    r"([A-Z][\w.&-]+)(?=\s*[.,;:()]|\s*$|\s+(?:abgewickelt|verarbeitet|gespeichert|gehostet"
    r"|bereitgestellt|betrieben|genutzt|eingesetzt|übermittelt|weitergegeben|und|oder|sowie|als"
    r"|mit Sitz)\b)"
)


@lru_cache(maxsize=8192)
def _german_list_members(text: str) -> frozenset[str]:
    """The capitalised members of German lists of parties, or the name right after a role
    ("unserem Dienstleister Stripe"): there a lone capitalised word is a name, not a noun."""
    members = {m.group(1) for m in _GERMAN_ROLE_NAME.finditer(text)}
    for listed in _GERMAN_PARTY_LIST.finditer(text):
        for member in re.split(r",|\b(?:und|oder|sowie)\b", listed.group("members")):
            member = member.strip()
            if member[:1].isupper() and len(member.split()) <= _GERMAN_MEMBER_WORDS:
                members.add(member)
    return frozenset(members)


def _marked_as_name(name: str) -> bool:
    tokens = [t for t in name.split() if t.strip("()").casefold() not in FUNCTION_WORDS]
    if ORG_SUFFIX.search(name):
        return True
    if any(t.casefold() in _GERMAN_PRONOUNS for t in name.split()):
        return False  # "Löschung Ihres Kontos", "Wird Ihr Konto": nouns around "Ihr"
    if len(tokens) >= 2 and not all(_GERMAN_NOUN_END.search(t) for t in tokens):
        return True  # "Google Analytics": two capitalised words in a row, not compounds
    return any(re.search(r"\w[A-Z0-9]", t) for t in tokens)


@lru_cache(maxsize=8192)
def _organisations(text: str) -> tuple[str, ...]:
    """Names that read like organisations or products: capitalised runs that are not a
    sentence's first word alone, not titles, roles, laws, places or people (a title before a
    name). In a table row only the first cell names a party; the others describe it."""
    if " | " in text:
        cell = text.split(" | ")[0].strip(" |*")
        first = cell.split()[0].casefold() if cell.split() else ""
        if cell[:1].isupper() and first not in FUNCTION_WORDS and first not in TITLE_WORDS:
            if _reads_as_name(cell):
                return (cell,)
            text = cell  # a row of data categories: the names inside its first cell, if any
        else:
            return ()
    known_places = places(text)
    found: list[str] = []
    for match in _NAME_RUN.finditer(text):
        name, start = match.group(), match.start()
        # a capitalised first word that is not a name: "At Buffer", "Added Intercom"
        while (lead := re.match(r"\S+\s+", name)) and _is_lead_word(lead.group().strip()):
            name, start = name[lead.end() :], start + lead.end()
        name = re.sub(r"['’]s$", "", name.strip(" ."))  # "Vimeo's privacy policy": Vimeo
        tokens = [t for t in re.split(r"\s+", name) if t]
        # "Analytics Intended to help us ...": a table's label run into its cell's verb
        while len(tokens) > 1 and _PARTICIPLE.fullmatch(tokens[-1]):
            tokens.pop()
            name = name[: name.rfind(tokens[-1]) + len(tokens[-1])]
        before = text[:start].rstrip()
        sentence_start = not before or before[-1] in ".!?;\"'«•-|"
        previous = before.split()[-1].rstrip(".").casefold() if before.split() else ""
        if previous in _PERSON_TITLES or previous in _STREET_WORDS:
            continue  # "Ms Kapoor", "Dr Smith": a person; "rue Saint-Honoré": an address
        meaningful = [t for t in tokens if t.strip("()").rstrip(".").casefold() not in TITLE_WORDS]
        if ORG_SUFFIX.search(name) and meaningful:
            if any(not ORG_SUFFIX.fullmatch(t) for t in meaningful):
                found.append(name)
            continue  # "the Company" alone is the policy's word for its author
        labels = text[match.end() :].startswith(":")  # "Sentry: for logging errors"
        titles = text[match.end() :].startswith((":", ". "))
        opens = text[: match.start()].rstrip()[-1:] in ("", *".!?;\"'«•-|*")
        if titles and opens and _opens_sentence(text[match.end() + 1 :]):
            continue  # "Communication: We use Personal Data to...": a run-in heading
        marked = len(name) >= 3 and (name.isupper() or bool(re.search(r"\w[A-Z]", name)))
        if not meaningful or (sentence_start and len(tokens) == 1 and not labels and not marked):
            continue  # a capitalised first word; "OKALI", "WhatsApp" are names there too
        if len(tokens) == 1 and name.casefold() in CALENDAR_WORDS:
            continue
        named = [t for t in tokens if not (t.startswith("(") and t.endswith(")"))] or tokens
        if named[-1].rstrip(".").casefold() in _NOT_AN_ORGANISATION:
            continue  # "Data Processing Agreement", "Protection Act", "Grievance Officer"
        if len(tokens) >= 3 and name.isupper():
            continue  # a heading in capitals
        if any(name in written or written in name for written in known_places.values()):
            continue
        if len(tokens) == 1 and (len(name) < 3 or name.casefold() in FUNCTION_WORDS):
            continue
        found.append(name)
    return tuple(found)


_PARTICIPLE = re.compile(r"(?!United|Limited)[A-Z][a-z]{3,}ed")
_NAME_CELL_WORDS = 6


def _reads_as_name(cell: str) -> bool:
    """A table's first cell that names a party ("Google Analytics", "Stripe, Inc.") rather
    than describing data ("Name Social security number (From you)"): short, its words
    capitalised, or a legal form."""
    tokens = [t for t in cell.split() if t.strip("()").casefold() not in FUNCTION_WORDS]
    lower = [t for t in tokens if t[:1].islower()]
    return bool(ORG_SUFFIX.search(cell)) or (
        len(cell.split()) <= _NAME_CELL_WORDS and len(lower) <= len(tokens) // 2
    )


def _opens_sentence(text: str) -> bool:
    first = text.split(maxsplit=1)[0].casefold().strip(",") if text.split() else ""
    return first in _SENTENCE_OPENERS


def _is_lead_word(word: str) -> bool:
    word = word.casefold().strip(",:;")
    return word in FUNCTION_WORDS or word in _LEAD_VERBS


def name_words(name: str) -> set[str]:
    """A name's distinctive words, to tell a renamed party ("Zoom Chat" -> "Zoom Team Chat")
    from a new one."""
    return {
        w.casefold().strip("().,")
        for w in name.split()
        if w.strip("().,").casefold() not in TITLE_WORDS and len(w.strip("().,")) > 1
    }


# Companies and products that took a new name, as policies name them on either side: one party.
# Ours: no maintained register of rebrandings exists.
_REBRANDS = (
    frozenset({"facebook", "meta", "meta platforms"}),
    frozenset({"twitter", "x", "x corp"}),
    frozenset({"sendinblue", "brevo"}),
    frozenset({"bard", "gemini", "gemini apps"}),
    frozenset({"azure active directory", "azure ad", "microsoft entra id", "entra id"}),
    frozenset({"g suite", "google workspace"}),
    frozenset({"square", "block"}),
)


def rebranded(old: str, new: str) -> bool:
    """Whether two names are one company or product before and after it was renamed."""
    names = {_bare(old), _bare(new)}
    return len(names) == 2 and any(names <= group for group in _REBRANDS)


def _bare(name: str) -> str:
    return ORG_SUFFIX.sub("", name).strip(" ,.").casefold()


def rebrand_named(name: str, text: str) -> bool:
    """Whether a text names the company under its other name ("Twitter" -> "X"), as a word."""
    bare = _bare(name)
    return any(
        re.search(rf"(?<![\w-]){re.escape(_written(other))}(?![\w-])", text, _case(other))
        for group in _REBRANDS
        if bare in group
        for other in group - {bare}
    )


def _written(name: str) -> str:
    return name.upper() if len(name) < 3 else name  # "X" is a name only as a capital


def _case(name: str) -> int:
    return 0 if len(name) < 3 else re.IGNORECASE


# A capitalised name of two or more words, small joining words allowed: "Data Protection
# Officer", "Commission Nationale de l'Informatique et des Libertés"
_CAPITALISED_NAME = re.compile(
    r"\b[A-Z][\w'-]*(?:\s+(?:(?:of|for|and|on|the|de|des|du|la|le|et|für|der|die|zum|zur)"
    r"\s+)*(?:[ld]')?[A-Z][\w'-]*){1,7}"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,7}\b")
_DEFINED = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_JOINING = frozenset(
    "of for and on the to at by in de des du la le les et sur à au aux en für der die das zum zur"
    " über von vom zu und im".split()
)


def _initials_of(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"\b[A-Z][\w'-]*", name))


def spelled_out(run: str, other: str, text: str = "") -> bool:
    """Whether a run only spells out an acronym the other text uses, or shortens a name it
    spells out: "the GDPR" -> "the General Data Protection Regulation (GDPR)", "Data
    Protection Officer" -> "Data Protection Officer (DPO)". In `text` (the run's side), a run
    the acronym follows in brackets defines it, whatever its initials ("der
    Datenschutz-Grundverordnung (DSGVO)")."""
    run = run.strip(" ()[],;.")
    at = text.find(run) if run else -1
    defined = _DEFINED.match(text[at + len(run) :]) if at >= 0 else None
    if defined and re.search(rf"\b{defined.group(1)}\b", other):
        return True
    if re.fullmatch(r"[^\W\d_]{2,7}", run):  # "GDPR", or "dpo" as a term is read
        short = run.upper()
        return any(_initials_of(m.group()) == short for m in _CAPITALISED_NAME.finditer(other))
    # a term is read in lower case: "data protection officer"
    named = [w for w in re.findall(r"[\w'-]+", run) if w.casefold() not in _JOINING]
    initials = "".join(w[0] for w in named).upper()
    return len(named) > 1 and initials in set(_ACRONYM.findall(other))
