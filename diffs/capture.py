"""A side of a comparison that is not the policy: an error page, a login wall or a truncated
capture that kept a fraction of the text and states almost no data practice.

Comparing a policy with such a page "removes" the whole policy; a reader learns nothing from
that, and a subscriber must not be alerted. The judge then rates every change of the pair
minor at most, saying why, so the evidence stays visible.

Also the same policy in its other regional edition (British and American English): a site
or a re-extraction serving "en-US" where it served "en-GB" changes spelling and idiom in
every paragraph and nothing a reader's data depends on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .clauses import SECTION_SEPARATOR, Clause
from .diff import words
from .language import detect
from .practice import states_practice
from .wording import navigation

if TYPE_CHECKING:
    from .diff import Change

# The smaller side keeps less than this share of the larger side's words...
_LOST_SHARE = 0.25
# ...of a text long enough to be a whole policy (short test texts and stubs are compared as
# they are)...
_POLICY_WORDS = 300
# ...and states fewer data practices than this (a footer's "Do not sell my data" link is one).
_FEW_PRACTICES = 5


def _size(clauses: Sequence[Clause]) -> int:
    return sum(len(words(clause.text)) for clause in clauses)


def _practices(clauses: Sequence[Clause], language: str) -> int:
    return sum(1 for clause in clauses if states_practice(clause.text, language))


def _language(clauses: Sequence[Clause]) -> str:
    return detect(clause.text for clause in clauses if clause.kind != "heading")


def not_the_policy(old: Sequence[Clause], new: Sequence[Clause]) -> str | None:
    """Why one side is not the policy the other side is, or None when both read as policies."""
    old_size, new_size = _size(old), _size(new)
    if min(old_size, new_size) >= _POLICY_WORDS:
        was, now = _language(old), _language(new)
        if was != now and "und" not in (was, now):
            # a capture served in the visitor's language ("/fr/" by geolocation): the same
            # policy in another rendition, whose every clause would read as changed
            return (
                f"the two texts are in different languages ({was} -> {now}): another "
                "rendition of the policy, not a change of it"
            )
    if max(old_size, new_size) < _POLICY_WORDS:
        return None
    if min(old_size, new_size) >= _LOST_SHARE * max(old_size, new_size):
        return None
    smaller, side = (new, "newer") if new_size < old_size else (old, "older")
    language = detect(clause.text for clause in old + new if clause.kind != "heading")
    if _practices(smaller, language) >= _FEW_PRACTICES:
        return None
    small, large = min(old_size, new_size), max(old_size, new_size)
    return (
        f"the {side} text is not the policy ({small} words against {large}, almost no data "
        "practice stated): a failed capture, not a change of the policy"
    )


def cut_short(old: Sequence[Clause], new: Sequence[Clause]) -> str | None:
    """Why one side is the other cut short, or None: every clause it has is the other's, in
    order, up to a point (the last one maybe cut mid-sentence, the page's footer maybe after
    it), and the other goes on for a tenth of its words or more. A page that stopped loading,
    not a policy that lost its end: policies that drop sections change something else too."""
    for short, long, side in ((new, old, "newer"), (old, new, "older")):
        long = long[_lead(short, long) :]  # a heading or a menu only one capture shows on top
        kept = 0
        while kept < len(short) and kept < len(long) and short[kept].text == long[kept].text:
            kept += 1
        if kept == 0 or kept == len(long):
            continue
        rest = short[kept:]
        # a capture that stopped mid-word ("... in your country. AS") is cut, however little
        # it lost
        mid_word = len(rest) == 1 and _stopped_in(rest[0].text, long[kept].text)
        if not mid_word and len(long) - kept < _CUT_CLAUSES:
            continue
        if rest and long[kept].text.startswith(rest[0].text.rstrip(". ")):
            rest = rest[1:]  # the clause the capture stopped in
        # the page's footer below the cut, which the whole capture shows at its end too
        footer = len(rest) if _ends_with(long, rest) else 0
        if not _page_footer(rest, footer):
            continue
        if not mid_word and len(long) - footer - kept < _CUT_CLAUSES:
            continue
        lost = _size(long[kept : len(long) - footer])
        if mid_word or lost >= _CUT_SHARE * _size(long):
            return (
                f"the {side} text stops where the other goes on ({lost} words missing from its "
                "end, nothing else changed): a capture cut short, not a change of the policy"
            )
    return None


def _lead(short: Sequence[Clause], long: Sequence[Clause]) -> int:
    """How many clauses the longer side shows above the first clause of the shorter one (a
    page title, a row of links), when it is but a few: 0 when they start alike."""
    if not short:
        return 0
    for at, clause in enumerate(long[: _LEAD_CLAUSES + 1]):
        if clause.text == short[0].text:
            return at
    return 0


def _stopped_in(text: str, whole: str) -> bool:
    """Whether a clause is the start of another, cut inside a word or a sentence."""
    return len(text) < len(whole) and whole.startswith(text) and not re.search(r"[.!?:;]$", text)


def _ends_with(clauses: Sequence[Clause], tail: Sequence[Clause]) -> bool:
    return bool(tail) and [c.text for c in clauses[-len(tail) :]] == [c.text for c in tail]


def _page_footer(clauses: Sequence[Clause], shared: int) -> bool:
    """Whether clauses are what a page shows below its text: a few short lines stating no
    data practice, each either a row of links ("Terms | Privacy | Cookies") or `shared` (the
    whole capture ends with them too). None at all is a footer too."""
    return _size(clauses) <= _FOOTER_WORDS and all(
        len(words(c.text)) <= _FOOTER_LINE_WORDS
        and not states_practice(c.text, "")
        and (shared or navigation(c.text) or _link_row(c.text))
        for c in clauses
    )


def _link_row(text: str) -> bool:
    """ "Terms | Privacy | Cookies": three or more short labels in a row."""
    cells = [cell for cell in re.split(r"\s*[|·•]\s*", text) if cell.strip()]
    return len(cells) >= _ROW_LINKS and all(len(words(cell)) <= _LINK_WORDS for cell in cells)


def collapsed(old: Sequence[Clause], new: Sequence[Clause]) -> str | None:
    """Why the newer side shows sections folded away, or None: several sections keep their
    headings but lose all their text, and nothing else changed. A page whose "See more" parts
    were not opened when it was captured, not a policy that emptied its sections."""
    old_texts, new_texts = {c.text for c in old}, {c.text for c in new}
    if not new_texts <= old_texts:
        return None  # something was added or reworded: judge the changes
    headings = {c.text for c in new if c.kind == "heading"}
    kept_bodies = {c.section for c in new if c.kind != "heading"}
    gone = [c for c in old if c.text not in new_texts]
    emptied = {
        c.section
        for c in gone
        if c.section and c.section not in kept_bodies and _last(c.section) in headings
    }
    if len(emptied) < _FOLDED_SECTIONS or any(c.section not in emptied for c in gone):
        return None
    return (
        f"{len(emptied)} sections keep their headings but lose all their text, nothing else "
        "changed: parts of the page folded away when it was captured, not removed from the policy"
    )


def _last(section: str) -> str:
    return section.split(SECTION_SEPARATOR)[-1]


_FOLDED_SECTIONS = 2
_CUT_CLAUSES = 3  # clauses the longer side must hold beyond the point where the other stops
_CUT_SHARE = 0.1  # ...and this share of its words
_LEAD_CLAUSES = 3  # clauses a capture may show above the text the other starts with
_FOOTER_WORDS = 30  # a page's footer after a capture cut short: this many words at most...
_FOOTER_LINE_WORDS = 12  # ...in lines this short
_ROW_LINKS, _LINK_WORDS = 3, 3  # a row of links: this many labels at least, each this short


# British spellings and their American forms, as endings: "personalise" -> "personalize",
# "behaviour" -> "behavior", "centre" -> "center", "licence" -> "license", "travelled".
_BRITISH_ENDINGS = (
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
)
_EDITION_CHANGES = 3  # changes with a regional spelling swap, at least...
_EDITION_SHARE = 0.2  # ...and this share of the reworded clauses


def _american(word: str) -> str:
    for ending, american in _BRITISH_ENDINGS:
        word = ending.sub(american, word)
    return word


_ENGLISH_LOCALE = re.compile(r"\ben[-_](?:gb|us|uk|au|ca|ie|nz|in)\b", re.IGNORECASE)


def _spelled_regionally(change: Change) -> bool:
    """A deleted word and an inserted one that are one word in British and American spelling,
    or a link that lost or gained its English locale ("/en-GB/")."""
    cut = " ".join(run for op, run in change.highlights if op == -1)
    put = " ".join(run for op, run in change.highlights if op == 1)
    if _ENGLISH_LOCALE.search(cut) or _ENGLISH_LOCALE.search(put):
        return True
    old_words, new_words = set(words(cut)), set(words(put))
    return any(
        _american(old) == _american(new) for old in old_words for new in new_words if old != new
    )


def regional_edition(changes: Sequence[Change]) -> str | None:
    """Why the pair is one policy in its two regional editions (British and American
    spelling, English locales in links, in many of its reworded clauses), or None."""
    reworded = [
        c
        for c in changes
        if c.op in ("modified", "moved", "split", "merged")
        and words(c.before or "") != words(c.after or "")
    ]
    regional = sum(_spelled_regionally(c) for c in reworded)
    if regional >= _EDITION_CHANGES and regional >= _EDITION_SHARE * len(reworded):
        return (
            f"the policy's other regional edition ({regional} clauses respelled between "
            "British and American English): wording of an edition, not a change of the policy"
        )
    return None
