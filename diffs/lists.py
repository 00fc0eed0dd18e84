"""Lists inside a clause: the data a practice takes, the parties it goes to, its purposes,
written "name, e-mail and phone" in prose or "Profile, messages" in a table cell. An item added
to such a list is one more kind of data, recipient or purpose; an item dropped is one less.

Read two ways: the runs the word diff inserted or deleted where a list item stands, and, when
the diff scattered an addition ("height" -> ", your height ... income"), the items of each
side compared as sets.
"""

from __future__ import annotations

import re
from collections import Counter

from .diff import quote, words
from .organisations import ORG_SUFFIX
from .party_changes import RECIPIENT_NOUNS
from .practice import data_nouns, names_data
from .signals import Edit, content_words

_LIST_JOINT = re.compile(r"^\s*[,;]|[,;]\s*$|^\s*\*\s")  # "* item": a bullet in a cell
_LAST_ITEM = re.compile(r"\s*(?:and|or|et|ou|und|oder)\s", re.IGNORECASE)
_ITEM_START = re.compile(r"(?:[,;:(|]|\b(?:and|or|et|ou|und|oder|such as|including))\s*$", re.I)
# a clause joined on, not an item (conditions, "if enabled by the owner", are read as items)
_CLAUSE_OPENING = re.compile(
    r"\W*(?:which|whereby|while|whereas|because|although|wobei|dass|weil|dont|lequel|laquelle)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no|nor|neither|n't|ne|jamais|nicht|niemals|kein\w*)\b", re.IGNORECASE
)
# the second of two items, dropped: "and messages"
_PAIR_ITEM = re.compile(r"\s*(?:and|or|et|ou|und|oder)\s+(?:\w+\s+)?\w+\s*", re.IGNORECASE)
# three items without a serial comma: "your name, e-mail address and phone number"
_SERIES = re.compile(r"\w, (?:[\w'’-]+ ){0,3}?[\w'’-]+ (?:and|or|et|ou|und|oder) \w", re.IGNORECASE)
_LIST_ITEM_WORDS = 5  # more content words than this is a clause appended, not an item
_STEM = 5  # letters two forms of one word share ("moderate", "moderating")
_EXAMPLES = re.compile(
    r"e\.\s?g\.|for example|for instance|such as|par exemple|z\.\s?B\.|zum beispiel",
    re.IGNORECASE,
)


# where a list item ends: a comma, a conjunction, the end, or a table cell's end
_ITEM_END = re.compile(r"\s*(?:[,;.:)!?|]|(?:and|or|et|ou|und|oder)\b|$)", re.IGNORECASE)


def _ends_an_item(run: str, text: str) -> bool:
    """Whether a run ends where a list item ends: at a comma, a conjunction or the end."""
    at = text.find(run)
    return at < 0 or run.rstrip()[-1:] in (",", ";") or bool(_ITEM_END.match(text[at + len(run) :]))


def _preceding(run: str, edit: Edit) -> str:
    """The words before a run in whichever side holds it (up to 80 characters)."""
    for text in (edit.after, edit.before):
        at = text.find(run)
        if at >= 0:
            return text[max(0, at - 80) : at]
    return ""


_CONDITION = re.compile(
    r"(?:if|when|unless|where|provided|si|lorsque|sauf|wenn|falls|sofern)\b", re.IGNORECASE
)
_RUN_IN_LABEL = re.compile(r"^[^:.;!?]{1,80}:\s")


def _in_label(run: str, text: str) -> bool:
    """Whether a run sits in the run-in label that opens the clause ("Label: text")."""
    label = _RUN_IN_LABEL.match(text)
    at = text.find(run)
    return bool(label) and 0 <= at < label.end()


def list_item_reasons(edit: Edit, language: str) -> list[str]:
    """Items added to or dropped from a list ("name, e-mail, phone"): new data, a new
    recipient, a purpose more or less."""
    reasons = []
    for runs, side, other in (
        (edit.inserted, "added", edit.before),
        (edit.deleted, "removed", edit.after),
    ):
        for run in runs:
            preceding = _preceding(run, edit)
            # "name and messages" -> "name, messages and email address": the list grew
            grew = bool(_LAST_ITEM.match(run)) and edit.after.count(",") > edit.before.count(",")
            shrank = bool(_LAST_ITEM.match(run)) and edit.before.count(",") > edit.after.count(",")
            # "photos and messages are encrypted" -> "photos are encrypted": a pair lost one,
            # or one item became two; an item of data or a recipient ("and contractors"), not
            # any word ("légitime et impérieux") nor a verb ("and keep transcripts")
            paired = bool(_PAIR_ITEM.fullmatch(run)) and (
                names_data(run, language) or bool(RECIPIENT_NOUNS.search(run))
            )
            lost = side == "removed" and shrank  # "a, b et c" -> "a et b"
            if not (_LIST_JOINT.search(run) or (side == "added" and grew) or lost or paired):
                continue
            if _EXAMPLES.search(preceding):
                continue  # not a list, or examples of a term ("e.g. a, b, c")
            if _in_label(run, edit.after if side == "added" else edit.before):
                continue  # "Marketing, promotions and campaigns: ..." names the item
            if preceding.rstrip()[-1:] in ("", ".", "!", "?"):
                continue  # a sentence's opening words ("In addition, ..."), not an item
            if ORG_SUFFIX.fullmatch(run.strip(" ,;.|")):
                continue  # "Stripe" -> "Stripe, Inc.": the company's legal form, no item
            if _CLAUSE_OPENING.match(run):
                continue  # ", wobei Sie ... angeben", ", which we ...": a clause, not an item
            if not (
                _LIST_JOINT.match(run) or _LAST_ITEM.match(run) or _ITEM_START.search(preceding)
            ):
                continue  # "the Rewards program, " -> "Rewards.": a word cut inside an item
            if side == "added" and _NEGATED.search(preceding.split(".")[-1]):
                continue  # "we never sell or rent your data": one more thing not done
            if not (paired or _ends_an_item(run, edit.after if side == "added" else edit.before)):
                continue  # ", you give us your name, ...": words that lead into the list
            # stems: "to moderate comments" -> "moderating comments" names the same item
            stems = {w[:_STEM] for w in words(other)}
            fresh = [w for w in content_words(run) if w[:_STEM] not in stems]
            listed = edit.after if side == "added" else edit.before
            in_a_list = listed.count(",") >= 2 or bool(_SERIES.search(listed))
            in_a_list = in_a_list or listed.count(" * ") >= 2  # "| * Ads * Analytics"
            told = len(content_words(run))
            if len(fresh) * 2 < told and told > 2:
                continue  # "des publicités adaptées à vos centres" -> "correspondant à": reworded
            if fresh and (in_a_list or paired) and told <= _LIST_ITEM_WORDS:
                what = "condition" if _CONDITION.match(run.strip(" ,;")) else "list item"
                reasons.append(f"{what} {side}: {quote(run.strip(' ,;*'))}")
    return reasons


# what separates list items: a comma, a semicolon, a table cell's edge, a conjunction
_SEPARATOR = re.compile(r"\s*(?:[,;|]|\b(?:and|or|et|ou|und|oder)\b)\s*", re.IGNORECASE)
_LIST_ITEMS = 3  # items a side must hold to be a list


def _items(text: str) -> Counter[str]:
    return Counter(" ".join(words(part)) for part in _SEPARATOR.split(text) if words(part))


def _kept(item: str, items: Counter[str]) -> bool:
    """Whether another side's items hold this one, a word more or less."""
    mine = {w[:_STEM] for w in content_words(item)}
    for other in items:
        theirs = {w[:_STEM] for w in content_words(other)}
        if mine and theirs and (mine <= theirs or theirs <= mine) and len(mine ^ theirs) <= 1:
            return True
    return False


def grown_items(edit: Edit) -> list[str]:
    """Items a list gained while keeping every item it had: "your job, your education and
    your height" -> "..., your height and your income", however the word diff aligned it.
    Only items in words the clause did not hold before count: "your email" -> "your e-mail
    address" respells an item. Read when nothing else explains the edit: a phrase appended
    ("and, to the extent feasible, in a usable format") holds commas but is no list item."""
    old, new = _items(edit.before), _items(edit.after)
    if sum(old.values()) < _LIST_ITEMS or not new - old:
        return []
    # an old item kept in fewer or more words is kept: "a valid court order" -> "a court order"
    if any(not _kept(item, new) for item in old - new):
        return []
    stems = {w[:_STEM] for w in words(edit.before)}
    came = [
        item
        for item in new - old
        if content_words(item)
        and len(content_words(item)) <= _LIST_ITEM_WORDS
        and all(w[:_STEM] not in stems for w in content_words(item))
        and not _CONDITION.match(item)  # "when you use the site, we collect ...": no item
        and not re.fullmatch(ORG_SUFFIX.pattern, item, re.IGNORECASE)  # "Stripe, Inc."
    ]
    return [f"list item added: {quote(item)}" for item in came]


# Words for all of a person's data, or for one kind under two names: swapping them changes
# no kind of data ("messages" -> "communications", "photos" -> "pictures").
_ANY_DATA = frozenset(
    "data information details content contents données informations renseignements contenu"
    " contenus daten informationen inhalte".split()
)
_SAME_DATA = (
    frozenset("photo photos picture pictures image images".split()),
    frozenset(
        "message messages communication communications chat chats conversation"
        " conversations".split()
    ),
    frozenset("email emails e-mail e-mails".split()),
    frozenset("location locations position".split()),
    frozenset("recording recordings audio voice".split()),
    frozenset("purchase purchases transaction transactions payment payments order orders".split()),
)


_DETERMINER_BEFORE = re.compile(
    r"\b(?:your|the|our|their|his|her|its|any|all|vos|votre|les|leurs?|ihre?n?|die|der|deren"
    r"|by|via|through|par|per)\s*$",  # "by email" -> "by text message": another channel
    re.IGNORECASE,
)


def data_swap_reasons(edit: Edit, language: str) -> list[str]:
    """One kind of data put in place of another in a clause about data ("we keep your messages
    for 30 days" -> "your photos"): the practice now acts on other data."""
    reasons = []
    for taken, put in edit.swaps:
        old = {n for n in data_nouns(taken, language) if n not in _ANY_DATA}
        new = {n for n in data_nouns(put, language) if n not in _ANY_DATA}
        if not old or not new or _same_data(old, new):
            continue
        at = edit.after.find(put)
        if at < 0 or not _DETERMINER_BEFORE.search(edit.after[max(0, at - 12) : at]):
            continue  # "browsing history" -> "browsing activity": one kind, described again
        # "audio and video" -> "video and audio": the words moved, no kind of data changed
        if old & set(data_nouns(edit.after, language)) or new & set(
            data_nouns(edit.before, language)
        ):
            continue
        reasons.append(f"data changed: {quote(taken.strip())} -> {quote(put.strip())}")
    return reasons


def _same_data(old: set[str], new: set[str]) -> bool:
    stems = {w[:_STEM] for w in old}
    if any(w[:_STEM] in stems for w in new):
        return True  # "email" -> "email address": the same kind named longer
    return any(old & group and new & group for group in _SAME_DATA)
