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
from dataclasses import dataclass
from functools import cached_property

from .addresses import address_reasons, postal_addresses
from .diff import PART_SEPARATOR, Change, judged_highlights, quote, squashed, words
from .language import detect
from .lexicon import (
    AGE,
    ANSWERABLE,
    CATEGORIES,
    DATA_WORDS,
    GRIEVANCE_WORDS,
    HIDDEN_EMAIL,
    LABELS,
    MATERIAL_CATEGORIES,
    PERIOD,
    PRIVACY_WORDS,
)
from .links import reachable, same_page, targets
from .lists import data_swap_reasons, grown_items, list_item_reasons
from .negations import limit_kind
from .organisations import ORG_SUFFIX
from .parties import engaged, named_by_role
from .parties import parties as party_names
from .party_changes import joined_recipient_reasons, own_product, party_reasons
from .practice import (
    PARTY_SECTION,
    about_people,
    names_data,
    names_practice,
    practices,
    protects_data,
    rights,
    sentences,
    states_practice,
)
from .qualifiers import (
    advance_notice_reasons,
    audience_reasons,
    automation_reasons,
    condition_reasons,
    flow_reasons,
    flows,
    hedge_reasons,
    negation_scope_reasons,
    notice_reasons,
    qualifier_reasons,
    route_reasons,
    safeguard_reasons,
)
from .reader import Reader, is_table_row, reader_for
from .restated import notice_said_anew, said_elsewhere
from .signals import (
    Edit,
    basis_reasons,
    identifiability_reasons,
    keeping_flipped,
    person_reasons,
    protection_reasons,
    purpose_swap_reasons,
    right_reasons,
    states_basis,
    widening_reasons,
)
from .surroundings import (
    ENUMERATOR,
    LOCATED,
    MORE_ABOUT,
    PURPOSES_HEADING,
    RECIPIENTS_HEADING,
    SHOULD_IT_CHANGE,
    USES_SERVICE,
    basis_column_reasons,
    header_of_table,
    heading_listed,
    is_entry,
    lead_in_reasons,
    list_lead_in,
    lists_a_heading,
    names_parties,
    table_header,
)
from .transfers import device_reasons, place_reasons
from .wording import (
    ABOUT_THE_POLICY,
    DATE,
    DOCUMENT_LINE,
    PLACEHOLDER,
    UPDATE_HEAD,
    UPDATE_NOTE,
    explains_a_thing,
    navigation,
    not_a_term,
    same_dates_reformatted,
    spelling_fixes,
)

SCALE = ("cosmetic", "minor", "material")

_SCORE = {"cosmetic": 0.0, "minor": 0.3}
_MATERIAL_BASE, _MATERIAL_STEP = 0.6, 0.1
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"[^/\s@]+@[^/\s@]+\.\w+|\+?[\d\s().-]{6,}")  # e-mail or phone target
# a line of figures only: no statement unless the figures are a phone number
_NUMBER_ALONE = re.compile(r"[\d\s().,:+/-]+")
_AGE_ONLY = re.compile(AGE, re.IGNORECASE)
# Where data is transferred, the places named say where it goes, with or without a data
# word in the sentence ("if you live in the EEA and such transfers occur").
_TRANSFER = re.compile(r"\btransf(?:er|ers|erred|erring|ert|erts)\b|übermittlung", re.I)
_TRANSFER_HEADING = re.compile(
    r"\b(?:international|cross-border|transfers?|transferts?|internationaux|drittl[äa]nd\w*"
    r"|übermittlung\w*|where (?:we|your data|data) (?:is )?(?:stored|processed))\b",
    re.IGNORECASE,
)
# people of a place, their rights, or what a text applies to: a place named there says who
_WHOSE_RIGHTS = re.compile(
    r"\b(?:residents?|rights?|appl(?:y|ies) to|consumers|résidents?|droits?|s'applique\w*"
    r"|einwohner\w*|rechte?|gilt für)\b",
    re.IGNORECASE,
)
_SEEN_BY = re.compile(
    r"\b(?:(?:can|may|will|could) (?:also )?(?:see|view|access|read)|peu(?:t|vent) (?:consulter"
    r"|voir|lire|accéder)|(?:kann|können) (?:\w+ ){0,3}?(?:einsehen|sehen|lesen|zugreifen))\b",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"https?://[^\s()<>]+[^\s()<>.,;:!?]")
# the number or letter a list item starts with ("1.", "2)", "a)", "iv."): presentation
_LEAD_IN = re.compile(
    r"\b(?:the following|as follows|below|suivant(?:e|s|es)?|ci-dessous|ci-après|folgende\w*"
    r"|nachstehend\w*)\b[^.:]{0,60}:\s*$",
    re.IGNORECASE,
)
_LINK_HINT = re.compile(
    r"\s?\((?:new window|opens? in (?:a )?new (?:window|tab)|external link|nouvelle fenêtre"
    r"|s'ouvre dans une nouvelle fenêtre|neues fenster|öffnet (?:sich )?in (?:einem )?neuen"
    r" fenster)\)",
    re.IGNORECASE,
)
_FRAGMENT_WORDS = 6
_CHOICE_LINK = re.compile(
    r"do not sell(?: or share)? my (?:personal )?(?:information|data|info)"
    r"|your (?:privacy|california privacy) choices"
    r"|limit the use of my sensitive personal information"
    r"|(?:cookie|privacy) (?:settings|preferences)|manage (?:cookies|consent)",
    re.IGNORECASE,
)
_CHOICE_PAGE = "the privacy choices page"
# A numbered title written as a line of text ("3. Personal data we collect about you"): an
# entry of a table of contents or a heading the page did not mark up.
_COMPANY_WORD = re.compile(r"(?:Firma|Unternehmens?|Gesellschaft|Société|Entreprise)\s")
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


def minor_as_cosmetic(judgement: Judgement, why: str) -> Judgement:
    """A minor judgement rated cosmetic, with why first: wording that differs between two
    editions of one policy."""
    if judgement.materiality != "minor":
        return judgement
    reasons = (why, *judgement.reasons)
    return Judgement("cosmetic", judgement.categories, _SCORE["cosmetic"], reasons)


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
        return f"reworded: {quote(cut)} -> {quote(pasted)}"
    if pasted or cut:
        return f"words added: {quote(pasted)}" if pasted else f"words removed: {quote(cut)}"
    return "reworded"


def address_blind_words(text: str) -> list[str]:
    """The words of a text with every e-mail address, hidden by Cloudflare ("[email protected]")
    or not, as one word: what stays when only Cloudflare's hiding moved."""
    return words(_EMAIL.sub("address", HIDDEN_EMAIL.sub("address", text)))


def _section_tail(section: str | None) -> str:
    """The two innermost headings: what the clause is filed under."""
    return " ".join((section or "").split(" > ")[-2:])


class _Judge:
    """One change, read with one `Reader`."""

    def __init__(self, change: Change, reader: Reader) -> None:
        self.change, self.reader = change, reader
        before = (change.before or "").replace(PART_SEPARATOR, " ")
        after = (change.after or "").replace(PART_SEPARATOR, " ")
        # Link targets are judged apart (`relinked`): words in a URL say nothing.
        self.old_targets, self.new_targets = targets(before), targets(after)
        # "(new window)" after a link is the page's hint for screen readers, not policy text
        before, after = _LINK_HINT.sub("", before), _LINK_HINT.sub("", after)
        # the names of the privacy-choice pages US law asks for are links, not statements:
        # "Do Not Sell My Personal Information" -> "Do Not Sell or Share..." renames a page
        before, after = (
            _CHOICE_LINK.sub(_CHOICE_PAGE, before),
            _CHOICE_LINK.sub(_CHOICE_PAGE, after),
        )
        self.before, self.after = reachable(before), reachable(after)
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
            PRIVACY_WORDS.search(text)
            or any(n in ("contact", "invitation") for _, n, _ in self.reader.terms(text))
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
            or self.listed
            or (MATERIAL_CATEGORIES - {"contact"}) & self.section_categories
            or states_practice(list_lead_in(self.change), language)
            or states_practice(self.header, language)  # "Category of data we collect | ..."
        )

    @cached_property
    def listed(self) -> bool:
        """The clause sits where parties are listed: under a heading about them, or as a row
        of a table whose first column names them ("Vendor | Purpose | Location")."""
        return bool(PARTY_SECTION.search(self.section)) or names_parties(self.header)

    @cached_property
    def header(self) -> str:
        """The header row of the table the clause is a row of, or "" (`header_of_table`)."""
        return header_of_table(self.change)

    @cached_property
    def about_sharing(self) -> bool:
        """The clause says data goes to someone, or sits where recipients are listed."""
        language = self.reader.language
        return bool(
            "sharing" in practices(f"{self.before} {self.after}", language)
            or "third-party-sharing" in self.section_categories
            or self.listed
        )

    @property
    def party_role(self) -> tuple[str, str]:
        """What a named organisation is here, as a reason says it."""
        if self.sharing_context or self.listed:
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
            or self.listed
            or self.practice_context
            or self.names_an_officer
            or bool(USES_SERVICE.search(f"{self.before} {self.after}"))
        )

    @cached_property
    def names_an_officer(self) -> bool:
        """The clause names someone answerable for data: a DPO, a controller, a representative."""
        return bool(ANSWERABLE.search(f"{self.before} {self.after}"))

    def relinked(self) -> Judgement:
        """Same words, links pointing elsewhere: the document a clause refers to changed
        (minor), or where people write to exercise their rights (material). Words that became
        or stopped being a link are cosmetic."""
        gone = [t for t in self.old_targets if t not in self.new_targets]
        came = [t for t in self.new_targets if t not in self.old_targets]
        moved = f"'{', '.join(gone) or 'none'}' -> '{', '.join(came) or 'none'}'"  # whole URLs
        if not gone or not came:
            return _cosmetic(f"link {'added' if came else 'removed'}: {moved}", self.categories)
        if sorted(map(same_page, gone)) == sorted(map(same_page, came)):
            return _cosmetic(f"link to the same page written another way: {moved}", self.categories)
        addresses = [t for t in gone + came if _ADDRESS.fullmatch(t)]
        about_contact = self.grievance_context or "contact" in self.categories
        if addresses and (about_contact or self.privacy_context):
            return _material([f"contact: address changed: {moved}"], self.categories)
        return _minor([f"link target changed: {moved}"], self.categories)

    def rewording(self) -> Judgement:
        """Modified, moved-and-reworded, split or merged with new words: judged by what the
        inserted and deleted words do in the sentence."""
        change = self.change
        if squashed(self.before) == squashed(self.after) and self.old_targets != self.new_targets:
            return self.relinked()
        if self.link_written_out():
            return _cosmetic("a link written out as text, or back", self.categories)
        if HIDDEN_EMAIL.search(f"{self.before} {self.after}") and address_blind_words(
            self.before
        ) == address_blind_words(self.after):
            reason = "an e-mail address Cloudflare hid on one side is shown on the other"
            return _cosmetic(reason, self.categories)
        if squashed(self.before) == squashed(self.after):  # "DataUsage" -> "Data Usage"
            what = {
                "split": f"split into {change.after.count(PART_SEPARATOR) + 1} clauses",
                "merged": f"{change.before.count(PART_SEPARATOR) + 1} clauses merged",
                "moved": "moved",
            }.get(change.op)
            reason = "only case, punctuation or spacing changed"
            return _cosmetic(f"{what}, wording unchanged" if what else reason, self.categories)
        if squashed(ENUMERATOR.sub("", self.before)) == squashed(ENUMERATOR.sub("", self.after)):
            return _cosmetic("only the list numbering changed", self.categories)
        fixes = spelling_fixes(self.before, self.after)
        if fixes and not self.reader.modality_reasons(self.before, self.after):
            spelled = ", ".join(f"'{old}' -> '{new}'" for old, new in fixes)
            return _cosmetic(f"spelling only: {spelled}", self.categories)
        if same_dates_reformatted(self.before, self.after):
            return _cosmetic("date written another way, same date", self.categories)
        put = [run for op, run in change.highlights if op == 1]
        if (
            put
            and all(DOCUMENT_LINE.fullmatch(run.strip()) for run in put)
            and not any(op == -1 for op, _ in change.highlights)
        ):  # "What this policy covers" -> "Trello Privacy Policy What this policy covers"
            return _cosmetic("the document's title run into the clause", self.categories)
        if any(PLACEHOLDER.search(run) for op, run in change.highlights if op == -1):
            filled = f"template placeholder filled in: {_reworded(change)}"
            return _minor([filled], self.categories)
        if change.kind == "heading":  # a title promises little; its clauses say what is done
            renamed = f"heading renamed: {quote(self.before)} -> {quote(self.after)}"
            return self.retitled(renamed)
        if table_header(self.change):
            return _minor([f"table header reworded: {_reworded(change)}"], self.categories)
        lead = [] if change.op == "modified" else [f"{change.op} and reworded"]
        echo = said_elsewhere(self.change)
        if echo:
            return _minor([*lead, echo, _reworded(change)], self.categories)
        material, minor = self.edit_reasons()
        if material:
            return _material(lead + material, self.categories)
        return _minor([*lead, *minor, _reworded(change)], self.categories)

    def link_written_out(self) -> bool:
        """ "cookie policy <https://x/cookies>" -> "cookie policy (https://x/cookies)": one
        link, rendered as a target on one side and as words on the other."""
        old_urls = {*self.old_targets, *_BARE_URL.findall(self.before)}
        new_urls = {*self.new_targets, *_BARE_URL.findall(self.after)}
        if not old_urls or old_urls != new_urls:
            return False  # no link, or links came or went: `relinked` and the words judge
        return squashed(_BARE_URL.sub(" ", self.before)) == squashed(_BARE_URL.sub(" ", self.after))

    def retitled(self, renamed: str) -> Judgement:
        """A heading reworded: material only when it turns the practice it announces around
        ("How we share your data" -> "How we sell your data", "With your consent" ->
        "Without your consent"); any other new title is minor."""
        language = self.reader.language
        marked = judged_highlights(self.before, self.after)
        edit = Edit.of(self.before, self.after, marked)
        turned = flow_reasons(edit.swaps, language, self.before, self.after) + [
            r
            for r in self.reader.modality_reasons(self.before, self.after)
            if r.startswith("negation")
        ]
        turned += basis_reasons(edit)
        turned += qualifier_reasons(marked, self.after)
        if _WHOSE_RIGHTS.search(f"{self.before} {self.after}"):  # "Notice to Texas residents"
            turned += place_reasons(edit)
        if turned:
            return _material([renamed, *turned], self.categories)
        return _minor([renamed], self.categories)

    def edit_reasons(self) -> tuple[list[str], list[str]]:
        """Material and minor reasons from the words the change inserted and deleted."""
        reader, language = self.reader, self.reader.language
        marked = judged_highlights(self.before, self.after)
        edit = Edit.of(self.before, self.after, marked)
        edit = edit.masked(reader.idiom)  # "including but not limited to" adds no list item
        material = reader.term_reasons(
            self.before, self.after, self.privacy_context, self.about_sharing
        )
        modality = reader.modality_reasons(self.before, self.after)
        # A flipped negation is material anywhere, a limit where the clause is about data; a
        # modal verb alone ("will" -> "may" send a reminder) says how sure, not what is done.
        negations = [r for r in modality if r.startswith("negation")]
        if negations and keeping_flipped(edit):
            # "is not retained beyond" -> "is deleted upon": one promise, said the other way
            negations = []
            material = [r for r in material if not r.startswith(LABELS["data-retention"])]
        limits = [r for r in modality if r.startswith(("limit", "timing"))]
        # "only" put in alone narrows what is done: the promise grew, nothing more is done
        narrowed = [r for r in limits if _restriction_added(r)]
        limits = [r for r in limits if r not in narrowed]
        modals = [r for r in modality if r.startswith("modality")]
        limited = self.about_data or "policy-change" in self.clause_categories
        limited = limited or self.practice_context  # "we receive only the last four digits"
        material += negations + (limits if limited else [])
        material += modals if negations else []  # "will not" -> "may": the modal says how
        minor = [] if negations else modals
        minor += narrowed + ([] if limited else limits)
        transfer = _TRANSFER.search(f"{self.before} {self.after}")  # "such transfers occur"
        # under a heading about transfers every place named is where data goes
        international = "international" in self.clause_categories | self.section_categories
        international = international or bool(_TRANSFER_HEADING.search(self.section))
        located = LOCATED.search(f"{self.before} {self.after}")  # "a clearinghouse located in"
        # where the clause says whose rights or which people it covers, places say who
        scope = _WHOSE_RIGHTS.search(f"{self.before} {self.after}")
        if self.practice_context or international or transfer or located or scope:
            material += place_reasons(edit) + safeguard_reasons(self.before, self.after)
        material += device_reasons(self.before, self.after)  # "stays on your device" -> ...
        context = self.change.context
        common = context.common_words if context else frozenset()
        own_name = context.own_name if context else ""
        listed = self.listed
        parties, renamed = party_reasons(edit, common, self.party_role, language, own_name, listed)
        material += parties if self.party_context else []
        minor += renamed if self.party_context else renamed + parties
        # whose data it is says itself that the clause is about data ("statistics are
        # aggregated" -> "individual")
        material += identifiability_reasons(edit, language)
        material += basis_reasons(edit) + basis_column_reasons(self.change, self.header)
        material += right_reasons(edit, language)
        if rights(self.before, language):
            material += route_reasons(self.before, self.after)
        if self.privacy_context or self.grievance_context:
            material += address_reasons(self.before, self.after)
        if self.names_an_officer:
            material += person_reasons(edit)
        both = f"{self.before} {self.after}"
        if limited or names_practice(both, language):
            material += qualifier_reasons(marked, both) + hedge_reasons(self.before, self.after)
        changing = "policy-change" in self.clause_categories | self.section_categories
        if changing or SHOULD_IT_CHANGE.search(both):  # "Sollte sich daran etwas ändern, ..."
            material += notice_reasons(self.before, self.after)
        elif names_practice(both, language):  # "we will tell you before we share it"
            material += advance_notice_reasons(self.before, self.after)
        if self.practice_context:
            material += flow_reasons(edit.swaps, language, self.before, self.after)
            material += audience_reasons(marked, self.before, self.after)
            # when data is collected or handed over: a condition of it is part of the practice
            stated = set(practices(both, language)) | flows(both, language)
            if stated & {"collection", "sharing", "sale"}:
                material += condition_reasons(self.before, self.after)
            material += list_item_reasons(edit, language) + data_swap_reasons(edit, language)
            if context is not None:
                material += widening_reasons(edit, context.old_words, language)
                material += purpose_swap_reasons(edit, context.old_words, language)
            material += protection_reasons(edit, language)
            material += automation_reasons(self.before, self.after)
            material += [] if material else grown_items(edit)
        if self.about_sharing or _SEEN_BY.search(both):
            material += joined_recipient_reasons(edit)
        # a practice verb that a negation no longer covers is a practice, whatever the clause
        material += negation_scope_reasons(self.before, self.after, language)
        quantity, quantity_material = reader.quantity_reason(
            self.before, self.after, set(self.categories)
        )
        if (
            quantity
            and quantity_material
            and is_table_row(self.after)
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
        plain = f"{change.kind or 'clause'} {change.op}: {quote(text)}"
        if not words(text) or _NUMBER_ALONE.fullmatch(text) and not self.reader.terms(text):
            # "* *", "—": a rule or a bullet with nothing in it; "7883083686883300480": a
            # page's render number, no phone
            return _cosmetic(f"a line without words {done}", self.categories)
        if DOCUMENT_LINE.fullmatch(DATE.sub("", text).strip()) or navigation(text):
            # "Privacy Policy", "Last modified: 12 May 2026", "Terms | Privacy | Cookies": what
            # an extraction keeps or drops around the policy; no clause of it
            return _cosmetic(f"the document's title, date or navigation {done}", self.categories)
        if table_header(self.change):
            return _minor([f"table header {done}: {quote(text)}"], self.categories)
        if lists_a_heading(self.change, text) or heading_listed(self.change, text):
            return _cosmetic(f"table of contents entry {done}: {quote(text)}", self.categories)
        title = _TITLE_LINE.match(text) and not postal_addresses(text)  # "10 Downing Street"
        if change.kind == "heading" or text.rstrip().endswith("?") or title:
            return _minor([plain], self.categories)  # titles and questions promise nothing
        if (DATE.search(text[:40]) and UPDATE_NOTE.search(text)) or UPDATE_HEAD.search(text):
            # "On 26 September 2025 we added two processors": the policy's log of its own
            # changes; the change it reports is judged where the policy says it
            return _minor([f"update note {change.op}: {quote(text)}"], self.categories)
        notice = notice_reasons(text, "") if SHOULD_IT_CHANGE.search(text) else []
        if change.op == "removed" and notice and not notice_said_anew(self.change):
            return _material(notice, self.categories)  # the promise to tell of changes, gone
        stated_here = " ".join(s for s in sentences(text) if not ABOUT_THE_POLICY.search(s))
        if not stated_here:
            return _minor([f"about the policy itself: {quote(text)}"], self.categories)
        text = stated_here
        if all(explains_a_thing(s) for s in sentences(text)):
            # "Cookies are small text files stored on your device": what a thing is, not
            # what anyone does with data
            return _minor([f"explanation {change.op}: {quote(text)}"], self.categories)
        if _LEAD_IN.search(text) and not practices(text, reader.language):
            # "These data may include the following:": the list it opens says what is done
            return _minor([f"lead-in to a list {change.op}: {quote(text)}"], self.categories)
        terms = reader.terms(text)
        about_data = self.sharing_context and bool(self.section_categories)
        about_data = about_data or bool(DATA_WORDS.search(text))
        reasons = []
        right = rights(text, reader.language)
        practice = states_practice(text, reader.language, self.section)
        if right:
            reasons.append(f"right {done}: {right[0]}: {quote(text)}")
        elif practice:  # a sentence of a legal basis is named by it, whatever else it names
            label = "legal basis" if states_basis(text) else practice
            reasons.append(f"{label}: {change.kind or 'clause'} {done}: {quote(text)}")
        listed = self.listed
        material_section = (MATERIAL_CATEGORIES - {"contact"}) & self.section_categories
        entry = is_entry(change, text)
        stated = bool(right or practice or (entry and (listed or material_section)))
        speaks_of_people = about_people(text, reader.language)
        # a fragment of the page around the policy ("Security", "Contact us!") states nothing
        people = speaks_of_people and len(words(text)) >= _FRAGMENT_WORDS
        reasons += [
            f"{LABELS[term[0]]}: {word} {term[1]} '{terms[term]}'"
            for term in sorted(terms)
            if reader.is_strong(term, self.privacy_context)
            and (about_data or term[0] != "third-party-sharing")
            and (stated or term[0] == "contact" or people)
            and (term[0] != "data-security" or protects_data(text, reader.language))
            # "Acme Advertising Co., Ltd." names a company, no purpose
            and not not_a_term(term, terms[term], text, reader.language)
        ]
        answerable = bool(ANSWERABLE.search(text))  # "Our representative in the EU is..."
        listing_context = listed or practice or self.sharing_context or answerable
        if not (listed or is_table_row(text) or speaks_of_people or answerable):
            listing_context = False  # "Withings SAS owns the trademark": no one's data
        parties = party_names(text, reader.language, bool(listed))
        if not listing_context:  # a party named by its role is one, about data or not, and
            # a service the company uses where people are spoken of ("We use Google Analytics
            # to understand how visitors use our site")
            parties = [
                p
                for p in parties
                if named_by_role(p, text, reader.language)
                or (
                    # "des Unternehmens X GmbH", "der Firma Qvest": a company the company uses
                    (speaks_of_people or ORG_SUFFIX.search(p) or _COMPANY_WORD.match(p))
                    and engaged(p, text, reader.language)
                )
            ]
        context = change.context
        common = context.common_words if context else frozenset()
        # a row or item of a list of recipients is that recipient, wherever else it appears
        if not (listed and entry):
            parties = [p for p in parties if any(w not in common for w in words(p))]
            own_name = context.own_name if context else ""
            parties = [p for p in parties if not own_product(p, own_name)]
        label, noun = self.party_role
        reasons += [f"{label}: {word} {noun} {quote(p)}" for p in dict.fromkeys(parties)]
        named = not MORE_ABOUT.match(text)  # "More information: https://...": a pointer
        if entry and named and not parties and RECIPIENTS_HEADING.search(self.section):
            # "- data analytics companies, to build audience segments": under "Who we share
            # it with" each item is a recipient, named by kind rather than by name
            reasons.append(f"sharing: recipient {done}: {quote(text)}")
        elif entry and not reasons and "first-party-collection" in material_section:
            if names_data(text, reader.language):  # "- audio recordings of students reading"
                reasons.append(f"collection: data {done}: {quote(text)}")
        elif entry and not reasons:
            reasons += lead_in_reasons(change, text, done, reader.language)
        found = [m.group() for m in PERIOD.finditer(text)]
        ages = [q for q in found if _AGE_ONLY.fullmatch(q)]
        if self.privacy_context or self.grievance_context:
            reasons += [
                f"contact: {word} postal address {quote(a)}" for a in postal_addresses(text)
            ]
        periods = [q for q in found if q not in ages]
        if periods:
            reasons.append(f"period {done}: {quote(', '.join(periods))}")
        if ages:
            reasons.append(f"age limit {done}: {quote(', '.join(ages))}")
        if change.op == "added" and is_table_row(text) and material_section:
            label = LABELS[next(c for c in CATEGORIES if c in material_section)]
            reasons.append(f"{label}: new table row {quote(text)}")
        elif change.op == "added" and is_table_row(text) and PURPOSES_HEADING.search(self.section):
            reasons.append(f"use: new purpose {quote(text)}")  # a row of "Zweck | Rechtsgrundlage"
        return _material(reasons, self.categories) if reasons else _minor([plain], self.categories)


def _restriction_added(reason: str) -> bool:
    """A limit that restricts ("only", "solely") put in; an exception ("unless") widens."""
    return reason.startswith("limit added: ") and limit_kind(reason[13:]) == "restriction"


def judge(change: Change, language: str | None = None) -> Judgement:
    """Cosmetic, minor or material, with the categories touched and the reasons.

    The lexicon is the one of `language`, else of the language `diff` detected for the
    document, else of the language detected in the change's own text.
    """
    language = language or change.language or detect([change.before or "", change.after or ""])
    judging = _Judge(change, reader_for(language))
    if change.op == "unchanged":
        return _cosmetic("unchanged", judging.categories)
    if change.op == "moved" and change.before == change.after:
        return _cosmetic("moved, text unchanged", judging.categories)
    if change.op in ("modified", "moved", "split", "merged"):
        return judging.rewording()
    return judging.added_or_removed()
