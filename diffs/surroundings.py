"""What the words around a clause say about it: the heading it sits under (recipients,
purposes), the table it heads, the sentence opening its list, a change to come, a service the
company runs, a party placed somewhere. The judge reads these to know what a changed word in
the clause is about.

The patterns are ours, in English, French and German, as the judge's other word lists.
"""

from __future__ import annotations

import re

from .diff import Change, quote, squashed
from .party_changes import RECIPIENT_NOUNS
from .practice import names_data, practices
from .reader import is_table_row
from .signals import basis_kinds, states_basis

MORE_ABOUT = re.compile(
    r"\W*(?:more (?:information|details)|learn more|read more|see|details|plus d'informations?"
    r"|en savoir plus|voir|mehr (?:informationen|erfahren)|weitere informationen)\b",
    re.IGNORECASE,
)
# headings over a list of who receives data (not of cookies or purposes)
RECIPIENTS_HEADING = re.compile(
    r"\b(?:share|sharing|shared|disclos\w*|recipients?|(?:sub-?)?processors?|third[- ]part\w*"
    r"|service providers?|vendors?|destinataires?|sous-traitants?|empfänger\w*"
    r"|auftragsverarbeiter\w*|dienstleister\w*)\b",
    re.IGNORECASE,
)


# A clause about a change to come: then how people are told of it is a promise.
SHOULD_IT_CHANGE = re.compile(
    r"\b(?:if|should|when|where|sollte|falls|wenn|si|lorsque)\b[^.;]{0,40}?\b(?:changes?|change"
    r"|ändern|ändert|änderung\w*|changer|change|modifi\w*)\b"
    r"|\b(?:of|about|before) (?:any |we make )?(?:\w+ )?changes\b"  # "of any material changes"
    # the company itself changing hands: "if we ever sell the company, we will tell you first"
    r"|\b(?:if|should|when|in the event|si|en cas d[e']|falls|wenn|im falle?)\b[^.;]{0,40}?"
    r"\b(?:sell|sold|merge[sd]?|merger|acqui\w*|bankrupt\w*|insolven\w*|cession|fusion|rachat"
    r"|verkauf\w*|übernahme|insolvenz)\b",
    re.IGNORECASE,
)
PURPOSES_HEADING = re.compile(
    r"\b(?:purposes?|zweck\w*|finalités?|wofür|verwendungszweck\w*)\b", re.IGNORECASE
)
LOCATED = re.compile(
    r"\b(?:located|based|hosted|stored|processed|situated|established|headquartered|kept|held"
    r"|takes? place|occurs?) (?:in|within|inside|outside)\b",
    re.IGNORECASE,
)
# A named service the company runs on its pages or data ("We use Google Analytics to ..."):
# whoever runs it receives what it measures.
USES_SERVICE = re.compile(
    r"\b(?i:we|our site|our website|our app)\s+(?:\w+\s+)?(?i:use|uses|employ|employs|rely on"
    r"|work with|partner with|engage)\s+(?i:the services of\s+|services from\s+)?[A-Z]"
)


def heads_a_table(row: str, texts: tuple[str, ...]) -> bool:
    """Whether a row is the first of its table, naming the columns ("Company | Country | What
    they do"): a row of as many cells follows it, and no row precedes it."""
    if row not in texts:
        return False
    at = texts.index(row)
    cells = row.count(" | ")
    before = texts[at - 1] if at else ""
    after = texts[at + 1] if at + 1 < len(texts) else ""
    return not is_table_row(before) and is_table_row(after) and after.count(" | ") == cells


_LIST_REACH = 12  # clauses back from an item where the sentence opening its list may stand


# a bullet typed into a paragraph: "• Données d'identification : prénom, nom ..."
BULLETED = re.compile(r"^\s*[•·▪●◦‣∙–-]\s*\S")


def is_entry(change: Change, text: str) -> bool:
    """Whether a clause is an entry of a list: an item, a table row, or a line a bullet
    character opens."""
    return change.kind == "item" or is_table_row(text) or bool(BULLETED.match(text))


def list_lead_in(change: Change) -> str:
    """The sentence that opens the list an item belongs to ("We disclose your data when:"),
    or "": an item ("we receive a court order; or") states its practice through it."""
    context = change.context
    text = change.after if change.after_position is not None else change.before
    if context is None or not (change.kind == "item" or BULLETED.match(text or "")):
        return ""
    at, texts = (
        (change.after_position, context.new_texts)
        if change.after_position is not None
        else (change.before_position, context.old_texts)
    )
    for text in reversed(texts[max(0, (at or 0) - _LIST_REACH) : at]):
        if text.rstrip().endswith(":"):
            return text
    return ""


def lead_in_reasons(change: Change, text: str, done: str, language: str) -> list[str]:
    """An item added to or dropped from a list whose opening sentence states the practice:
    under "We collect:" an item naming data is data collected ("- your birthday;"), under
    "We use your data to:" every item is a purpose, under "We share it with:" a recipient and
    under "We disclose it when:" an occasion."""
    lead_in = list_lead_in(change)
    stated = practices(lead_in, language) if lead_in else []
    if not stated and lead_in and states_basis(lead_in):
        stated = ["use"]  # "Sur la base de l'exécution d'un contrat :": its items are purposes
    if not stated:
        return []
    practice, item = stated[0], quote(text)
    data_listed = bool(_LISTS_DATA.search(lead_in))
    if practice == "collection" and (data_listed or names_data(text, language)):
        return [f"collection: data {done}: {item} (under {quote(lead_in)})"]
    if practice == "use":  # "we process the following personal data:" lists data, not aims
        kind = "data" if data_listed else "purpose"
        return [f"use: {kind} {done}: {item} (under {quote(lead_in)})"]
    if practice in ("sharing", "sale"):  # a recipient, or an occasion of handing data over
        return [f"{practice}: list item {done}: {item} (under {quote(lead_in)})"]
    return []


# a lead-in whose list is of data: "the following personal data", "les données suivantes"
_LISTS_DATA = re.compile(
    r"\b(?:following|suivantes?|folgende\w*)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:data|information|données|informations|daten|informationen)\b"
    r"|\b(?:data|information|données|informations|daten|informationen)\s+suivantes\b",
    re.IGNORECASE,
)
_TABLE_REACH = 60  # rows back from a row where its table's header may stand
_CELL_REACH = 4  # sentences of one table cell, split into clauses
_CELL_START = re.compile(r"\|\s")  # the piece of a row that opens its next cell


def header_of_table(change: Change) -> str:
    """The first row of the table a changed row belongs to ("Vendor | Purpose | Location"), or
    "": the header says what every row of the table is."""
    context = change.context
    if context is None:
        return ""
    at, texts = (
        (change.after_position, context.new_texts)
        if change.after_position is not None
        else (change.before_position, context.old_texts)
    )
    if at is None:
        return ""
    if is_table_row(texts[at]):
        start = at
        while start > max(0, at - _TABLE_REACH) and is_table_row(texts[start - 1]):
            start -= 1
        return texts[start] if start < at else ""
    if not any(_CELL_START.match(t) for t in texts[at : at + _CELL_REACH + 1]):
        return ""
    # a row whose cells hold sentences comes in pieces ("Identifiers.", "A real name, ...",
    # "| Advertising networks"): its header is the first row before them
    header, gap = "", 0
    for text in reversed(texts[max(0, at - _TABLE_REACH) : at]):
        gap = 0 if is_table_row(text) or _CELL_START.match(text) else gap + 1
        if gap > _CELL_REACH:
            break
        header = text if is_table_row(text) else header
    return header


# a first column that names parties: "Vendor | Purpose | Location", "Sous-traitant | Pays"
_PARTY_COLUMN = re.compile(
    rf"{RECIPIENT_NOUNS.pattern}|compan(?:y|ies)|entit(?:y|ies)|organi[sz]ations?|société"
    r"|organismes?|entités?|unternehmen|firma",
    re.IGNORECASE,
)


def names_parties(header: str) -> bool:
    """Whether a table's header (`header_of_table`) says its first column names parties: each
    row is one of them."""
    return bool(header) and bool(_PARTY_COLUMN.search(header.split(" | ")[0]))


_BASIS_COLUMN = re.compile(
    r"\b(?:legal|lawful) basis|\bbases? (?:légales?|juridiques?)|\brechtsgrundlage", re.IGNORECASE
)


def basis_column_reasons(change: Change, header: str) -> list[str]:
    """A row whose cell under a "Legal basis" column of its table's `header` changed
    ("Contract" -> "Legitimate interest"): the ground the processing rests on, as a table."""
    if not header or not (change.before and change.after):
        return []
    columns = [i for i, cell in enumerate(header.split(" | ")) if _BASIS_COLUMN.search(cell)]
    old, new = change.before.split(" | "), change.after.split(" | ")
    return [
        f"legal basis changed: '{old[i].strip()}' -> '{new[i].strip()}'"
        for i in columns
        if i < min(len(old), len(new)) and basis_kinds(old[i]) != basis_kinds(new[i])
    ]


# a list's numbering: "1. ", "b) ", "iv. "
_LINK_TARGET = re.compile(r"<[^<>\s]+>")  # where a table of contents' entry links to
ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})\s*[.)]\s+", re.IGNORECASE)


def table_header(change: Change) -> bool:
    """Whether a changed clause is the first row of a table, whose cells name the columns
    ("Company | Country | What they do"): a row the next row of as many cells follows, and
    no row precedes."""
    context = change.context
    if context is None:
        return False
    sides = ((change.before, context.old_texts), (change.after, context.new_texts))
    return any(text and is_table_row(text) and heads_a_table(text, texts) for text, texts in sides)


def lists_a_heading(change: Change, text: str) -> bool:
    """An item or a line that repeats a heading of its version word for word, as a table of
    contents lists the sections it links to ("C. DISCLOSURE OF INFORMATION. <...#CC>")."""
    context = change.context
    if change.kind not in ("item", "sentence") or context is None:
        return False
    headings = context.new_headings if change.op == "added" else context.old_headings
    entry = squashed(ENUMERATOR.sub("", _LINK_TARGET.sub("", text)))
    return bool(entry) and (entry in headings or squashed(text) in headings)


def heading_listed(change: Change, text: str) -> bool:
    """A heading added or removed whose words the other version has as a line of its own: a
    table of contents came or went, and the diff paired the heading with its entry."""
    context = change.context
    if change.kind != "heading" or context is None:
        return False
    others = context.old_texts if change.op == "added" else context.new_texts
    return squashed(text) in {squashed(t) for t in others}
