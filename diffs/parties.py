"""Which names in a text are parties to people's data: who receives, processes or controls it.

A capitalised name is not a party by being capitalised. Policies name their own products
("Tailored Ads", "Spectacles"), features ("My Story"), laws ("Shine the Light") and pages
("Download My Data") as often as they name recipients. A name is a party when the sentence
puts it where a party stands:

- it carries a legal form ("Spotify AB", "NETS Denmark A/S");
- a role names it: "the company Mediarithmics", "Braze, our e-mail provider", "OKALI is an
  electronic money establishment", "the French Data Protection Agency";
- it is listed after a role: "our payment processors include Stripe, Braintree, PayPal";
- data goes to it or comes from it: "we share your e-mail address with Acme", "data we
  receive from Experian";
- people turn to it: "you may contact DataRep", "refer the matter to the ICO";
- the company uses it: "We use Acoustic to e-mail receipts";
- it acts on data itself: "Mediarithmics processes this identifier", "Yahoo Dot Pixel, which
  uses JavaScript".

In a table row only the first cell names a party, and only in a table of parties: under a
heading about recipients, or with a place or a role in its other cells
("Pendo | Analytics | USA").
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .organisations import ORG_SUFFIX, organisations
from .places import places
from .practice import languages_for, practice_verbs, sentences

_ROLES = {
    "en": r"compan(?:y|ies)|firms?|(?:sub-?)?processors?|controllers?|providers?|vendors?"
    r"|partners?|affiliates?|subsidiar(?:y|ies)|representatives?|authorit(?:y|ies)|agenc(?:y|ies)"
    r"|commission|regulators?|bod(?:y|ies)|banks?|insurers?|establishments?|organi[sz]ations?"
    r"|entit(?:y|ies)|recipients?|third[- ]part(?:y|ies)|contractors?|suppliers?|advertisers?"
    r"|operators?|brokers?|ombudsman",
    "fr": r"sociétés?|entreprises?|prestataires?|partenaires?|sous-traitants?|responsables?"
    r"|hébergeurs?|éditeurs?"
    r"|filiales?|autorités?|organismes?|établissements?|tiers|destinataires?|fournisseurs?"
    r"|banques?|assureurs?|annonceurs?|opérateurs?|commission",
    "de": r"firma|gesellschaft\w*|unternehmen|dienstleister\w*|partner\w*|auftragsverarbeiter\w*"
    r"|anbieter\w*|behörden?|dritte\w*|empfänger\w*|tochtergesellschaft\w*|banken?",
}
# "providers include", "partners such as", "processors:" - a list of the role's members follows
_LIST_LEAD = (
    r"\W+(?:\w+\W+){0,2}?(?:include|includes|are|namely|sont|sind)\W"
    # examples may follow what the role does: "providers that host our site, such as"
    r"|\W+(?:\w+\W+){0,8}?(?:including|such as|like|e\.\s?g\.|for example|comme|tels? que"
    r"|notamment|wie|z\.\s?B\.)\W|\s*[:(]"
)
# words between a verb and its object that keep the object in the verb's reach
_DETERMINERS = (
    r"(?:(?:the|our|their|its|a|an|les?|la|l'|nos|notre|leurs?|des?|du|une?|dem|den|der|die"
    r"|das|unser\w*|ihre\w*|ein\w*)\s+)?"
)
_TOWARDS = {
    "en": r"with|to|by|from|via|through|using",
    "fr": r"avec|à|aux?|par|auprès d[eu']?|de|via|chez",
    "de": r"mit|an|von|durch|über",
}
# where people turn with a complaint or a request: "contact DataRep", "refer the matter to"
_TURN_TO = (
    r"contact|reach|write to|complain to|(?:refer|submit|escalate|address)\s+(?:\S+\s+){0,3}?to"
    r"|lodge\s+(?:\S+\s+){0,3}?with|contacter|saisir|adresser à|s'adresser à|kontaktieren"
    r"|wenden an"
)
_WE_ENGAGE = {
    "en": r"we\s+(?:\w+\s+){0,2}?(?:use|rely on|work with|engage|partner with|employ)",
    "fr": r"nous\s+(?:\w+\s+){0,2}?(?:utilisons|faisons appel à|travaillons avec|recourons à)",
    "de": r"wir\s+(?:\w+\s+){0,2}?(?:nutzen|verwenden|setzen|arbeiten mit)",
}
# where the object of "we use" ends: a purpose or a condition starts
_OBJECT_END = re.compile(
    r"[.;:!?](?!\w)"  # the dot of a domain name ("User.com") ends no object
    r"|\b(?:to|for|in order|when|if|so that|because|pour|afin|lorsque|si|um|wenn|zur?)\b",
    re.IGNORECASE,
)
_MODAL = (
    r"(?:may|might|will|can|could|also|then|only|ensuite|aussi|peut|peuvent|va|kann|wird"
    r"|können|werden)"
)
_COPULA = r"(?:is|are|will be|remains|est|sont|sera|reste|ist|sind|bleibt)"
_CALLED = r"(?:called|named|known as|dénommée?s?|appelée?s?|nommée?s?|namens|genannt)"
_LINK_OR_ASIDE = r"(?:\s*(?:<[^>]*>|\([^)]*\)))*"
_TABLE_CELL = " | "
# "Mozilla Glean, our first-party analytics platform": the company's own tool, no recipient
_OWN = re.compile(
    r"^\W*(?:our|notre|nos|unser\w*)\s+"
    r"(?:own|first[- ]party|in-house|propres?|interne|eigene\w*)\b",
    re.IGNORECASE,
)
_ITEM_WORDS = 6  # words of one member of a list of names ("Amazon Simple Email Service")
# what parts the members of a list: "cloud hosting (Google Cloud)" names its member in brackets
_MEMBER_BREAK = re.compile(r",|\(|\b(?:and|or|as well as|et|ou|und|oder|sowie)\b", re.IGNORECASE)
_ENTRY_WORDS = 12  # under a heading about recipients, a line this short is an entry


@cache
def _role(language: str) -> str:
    return "|".join(_ROLES[code] for code in languages_for(language))


class _Slots(NamedTuple):
    """Where a party stands, as patterns on the words before a name (ending at it) or after
    it (starting from it)."""

    role_before: re.Pattern[str]
    listed_after_role: re.Pattern[str]
    towards: re.Pattern[str]
    role_after: re.Pattern[str]
    acts: re.Pattern[str]
    turn_to: re.Pattern[str]
    engaged: re.Pattern[str]


@cache
def _slots(language: str) -> _Slots:
    """The slot patterns in the words of `language` (all languages when undetermined)."""
    codes = languages_for(language)
    role = _role(language)
    verbs = practice_verbs(language)
    towards = "|".join(_TOWARDS[code] for code in codes)
    engage = "|".join(_WE_ENGAGE[code] for code in codes)
    flags = re.IGNORECASE
    return _Slots(
        # before: "the company", "our payment processor", "a third party called", "our
        # processor for payments is", a label "UK GDPR Representative: "
        re.compile(
            rf"\b(?:{role})(?:,?\s+(?:{_CALLED}\s+)?|\s*[:–—]\s*|(?:\s+[\w'’-]+){{0,4}}?\s+{_COPULA}\s+"
            rf"{_DETERMINERS})$",
            flags,
        ),
        # before: "processors include Stripe, Braintree, " (a list after a role)
        re.compile(rf"\b(?:{role})(?:{_LIST_LEAD})(?P<members>[^.;!?)]*)$", flags),
        # before: a practice verb, then "with", "to", "from" ("share it with our partner")
        re.compile(
            rf"\b(?:{verbs})\s+(?:[^\s.;!?]+\s+){{0,4}}(?:{towards})\s+{_DETERMINERS}$", flags
        ),
        # after: ", our e-mail provider", " is an electronic money establishment"
        re.compile(
            rf"^{_LINK_OR_ASIDE}\s*(?:,|\bis\b|\bacts as\b|\best\b|\bist\b)\s*(?:\w+\s+){{0,4}}?"
            rf"(?:{role})\b",
            flags,
        ),
        # after: "processes your data", ", which uses JavaScript", "traite ensuite"
        re.compile(
            rf"^{_LINK_OR_ASIDE}\s*,?\s*(?:(?:which|who|that|qui|der|die|das)\s+)?"
            rf"(?:{_MODAL}\s+){{0,2}}(?:{verbs})\b",
            flags,
        ),
        # before: "you may contact", "refer the matter to"
        re.compile(rf"\b(?:{_TURN_TO})\s+{_DETERMINERS}$", flags),
        # before: "we use" up to the name, with only other names, links and commas between
        re.compile(rf"\b(?:{engage})\s+(?P<object>(?:[^.;:!?]|[.:](?=\w))*)$", flags),
    )


def parties(text: str, language: str = "", listed: bool = False) -> list[str]:
    """The organisations `organisations` finds in `text` that stand where a party stands
    (see the module docstring). `listed`: the text sits under a heading about recipients, so
    a list entry or a table row that is a name is that recipient."""
    names = organisations(text, language)
    if _TABLE_CELL in text:
        cells = [c.strip(" |*") for c in text.split(_TABLE_CELL)]
        if names and names[0] == cells[0]:
            rest = " ".join(cells[1:])
            role = re.search(rf"\b(?:{_role(language)})\b", rest, re.IGNORECASE)
            return names[:1] if listed or role or places(rest) else []
    if listed and not names:  # "Acoustic, to send donation receipts": the entry's name
        entry_name = _ENTRY_NAME.match(text)
        if entry_name and not _SERVICE_KIND.fullmatch(entry_name.group(1)):
            return [entry_name.group(1)]
    if listed:  # an entry of a list of recipients names it first or last
        entry = len(text.split()) <= _ENTRY_WORDS
        # a split or merged clause is read as one text: each of its sentences may be an entry
        starts = sentences(text) or [text]
        heads = [
            n for n in names if any(s.startswith(n) for s in starts) or (entry and _closes(n, text))
        ]
        heads = [n for n in heads if not _OWN.match(text[text.find(n) + len(n) :])]
        return [n for n in names if n in heads or is_party(n, text, language)]
    return [name for name in names if is_party(name, text, language)]


# an entry that opens on a name, then says what the party does: "Braze, which sends receipts"
_ENTRY_NAME = re.compile(
    r"^\W*([A-Z][\w.&'-]+(?: [A-Z][\w.&'-]+){0,3}) ?[,–-] (?:to|for|which|who|that|our|pour"
    r"|qui|für|zur?|die|der)\b"
)
# what a service does, capitalised at an entry's start: a kind of recipient, not a name
_SERVICE_KIND = re.compile(
    r"(?i:analytics|hosting|advertising|advertisers|marketing|payments?|support|security|e-?mail"
    r"|cloud|storage|delivery|logistics|shipping|insurance|banking|research|partners|providers"
    r"|vendors|affiliates|authorities|other|others|some|all|we|our)"
)


def _listed(lead: re.Match[str] | None) -> bool:
    """Whether the words from a list's lead ("vendors are") to a name are other members of
    the list: short, comma-separated, the last one a joiner ("SocketLabs, or Braze"), not a
    phrase that left the list ("and others, about violators of our Terms")."""
    if lead is None:
        return False
    *members, last = _MEMBER_BREAK.split(lead.group("members"))
    return all(len(m.split()) <= _ITEM_WORDS for m in members) and not last.strip()


def _closes(name: str, text: str) -> bool:
    """ "Configuration des murs de paie : RevenueCat": the name ends the entry, after a colon
    or a dash."""
    head = text.rstrip(" .;")
    return head.endswith(name) and head[: -len(name)].rstrip()[-1:] in (":", "-", "–")


def _ends_in_role(name: str, language: str) -> bool:
    """A name whose last word is a role ("Deutsche Bank", "Acme Partners"); a role word alone
    ("the Vendors page") is no name."""
    role = re.search(rf"\b(?:{_role(language)})$", name, re.IGNORECASE)
    return bool(role) and role.start() > 0


def named_by_role(name: str, text: str, language: str = "") -> bool:
    """Whether the text calls `name` a party in so many words: a role before, after or around
    it ("the company Nordfrakt", "Stripe, our payment processor", "processors
    include Stripe")."""
    if _ends_in_role(name, language):
        return True
    slots = _slots(language)
    for sentence in sentences(text) or [text]:
        at = sentence.find(name)
        if at >= 0 and (
            slots.role_before.search(sentence[:at])
            or _listed(slots.listed_after_role.search(sentence[:at]))
            or slots.role_after.match(sentence[at + len(name) :])
        ):
            return True
    return False


def engaged(name: str, text: str, language: str = "") -> bool:
    """Whether the company says it uses `name` ("We use Google Analytics to..."): a tool or
    service run by another party on the company's behalf."""
    slots = _slots(language)
    for sentence in sentences(text) or [text]:
        at = sentence.find(name)
        used = slots.engaged.search(sentence[:at]) if at >= 0 else None
        if used and not _OBJECT_END.search(used.group("object")):
            return True
    return False


def is_party(name: str, text: str, language: str = "") -> bool:
    """Whether `name`, as written in `text`, stands where a party stands."""
    at = text.find(name)
    if at >= 0 and _APPROVED_BY.search(text[:at]):
        return False  # "clauses approved by the European Commission": a body that rules
    if at >= 0 and _FORMERLY.search(text[max(0, at - _NEAR) : at]):
        return False  # "Acme Inc. (formerly Widgets Inc.)": the party's old name
    if ORG_SUFFIX.search(name):
        return True
    if _ends_in_role(name, language):
        return True  # "French Data Protection Agency", "Deutsche Bank"
    told = sentences(text) or [text]
    for sentence, previous in zip(told, ["", *told], strict=False):
        at = sentence.find(name)
        if at < 0:
            continue
        before, after = sentence[:at], sentence[at + len(name) :]
        if not before and previous.endswith(":"):
            before = f"{previous} "  # a label: "UK GDPR Representative: Prighter Group"
        slots = _slots(language)
        if slots.role_before.search(before) or _listed(slots.listed_after_role.search(before)):
            return True
        if slots.towards.search(before) and not _bound_elsewhere(before, language):
            return True
        if slots.turn_to.search(before) or slots.role_after.match(after) or slots.acts.match(after):
            return True
        used = slots.engaged.search(before)
        if used and not _OBJECT_END.search(used.group("object")):
            return True
        if _RUN_BY.search(before[-_NEAR:]) or _ITS_MACHINES.match(after):
            return True  # "servers operated by Amazon Web Services", "on Hetzner servers"
    return False


# who runs what holds the data: "hosted by", "hébergées chez", "betrieben von"
_RUN_BY = re.compile(
    r"\b(?:operated|hosted|provided|run|managed|powered|maintained|processed|handled|stored)"
    r"\s+(?:\w+\s+)?by\s+(?:the\s+)?$|\b(?:hébergée?s?|exploitée?s?|opérée?s?|gérée?s?"
    r"|traitée?s?|stockée?s?)\s+(?:par|chez)\s+(?:la\s+|le\s+|l')?$"
    r"|\b(?:betrieben|gehostet|bereitgestellt|verwaltet|gespeichert|verarbeitet)\s+"
    r"(?:von|bei|durch)\s+(?:der\s+|dem\s+|den\s+)?$",
    re.IGNORECASE,
)
# what a party runs for the company: "on Amazon Web Services servers"
_ITS_MACHINES = re.compile(
    r"^(?:'s)?\s+(?:servers?|cloud|infrastructure|data ?cent(?:er|re)s?|hosting|platform)\b",
    re.IGNORECASE,
)


_NEAR = 60  # characters before a name that say what it is ("operated by the", "formerly")
_FORMERLY = re.compile(
    r"\b(?:formerly|previously|until recently)(?: (?:known as|called|named))?\s*$"
    r"|\b(?:anciennement|auparavant|ex-)\s*$|\b(?:ehemals|vormals|früher)\s*$",
    re.IGNORECASE,
)
_APPROVED_BY = re.compile(
    r"\b(?:approved|adopted|issued|published|recogni[sz]ed|designated|established|decided"
    r"|approuvées?|adoptées?|genehmigt|erlassen)\s+(?:by|par|von)\s+(?:the\s+|la\s+|le\s+|l'|der\s+)?$",
    re.IGNORECASE,
)
_BOUND = re.compile(
    rf"\b(?P<word>\w+ing|according|subject|due|prior|pursuant|related|similar|compared|applicable)"
    rf"\s+(?:to|with|from|à|de|mit|von)\s+{_DETERMINERS}$",
    re.IGNORECASE,
)


def _bound_elsewhere(before: str, language: str) -> bool:
    """The preposition before the name belongs to another word than the practice verb:
    "accounts subscribing to our Pro plan", "according to Acme"."""
    bound = _BOUND.search(before)
    verbs = re.compile(rf"(?:{practice_verbs(language)})$", re.IGNORECASE)
    return bool(bound) and not verbs.match(bound.group("word"))
