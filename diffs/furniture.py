"""Page furniture: blocks a page carries around any text, which a capture or an extractor keeps
or drops without the policy changing. A cookie banner with its buttons, a copyright line, a
breadcrumb, a language menu, "Was this page helpful?", "Skip to main content".

The diff leaves these blocks out, so a re-extraction that picks them up or drops them shows no
change at all. The stored text keeps them: what was captured stays as it was. Each test is
strict (short blocks made of nothing else), because a block taken for furniture is never judged.
The word lists are ours: no maintained list of web-page widget labels exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .document import Block
from .organisations import ORG_SUFFIX
from .practice import names_data, rights, states_practice

# Buttons of a consent banner; two of them in one block make the block a banner.
_BANNER_BUTTONS = re.compile(
    r"\b(?:accept all(?: cookies)?|reject all(?: cookies)?|accept cookies|reject cookies|allow all"
    r"|deny all|cookie settings|manage (?:cookies|preferences)|necessary only|tout accepter"
    r"|tout refuser|continuer sans accepter|paramétrer les cookies|alle akzeptieren"
    r"|alle ablehnen|nur notwendige)\b",
    re.IGNORECASE,
)
_BANNER_WORDS = 80
# a banner that takes browsing as consent: "This site uses cookies. By continuing to browse
# the website, you accept the use of cookies."
_BROWSING_AS_CONSENT = re.compile(
    r"^\W*(?:this (?:web)?site|we) uses? cookies\b.{0,80}\bby continuing to (?:browse|use"
    r"|navigate)\b"
    r"|^\W*(?:ce site|nous) utilis\w+ des cookies\b.{0,80}\ben poursuivant (?:votre |la )?"
    r"navigation\b",
    re.IGNORECASE,
)
_CONSENT_BANNER_WORDS = 45
# a page translator's menu and its credit line
_TRANSLATE_WIDGET = re.compile(
    r"select language\s?[A-Z]|powered by (?:google )?translate\W*$", re.IGNORECASE
)
_AFTER_BUTTONS = 3  # words a banner may show after its last button ("Privacy policy")
# a copyright notice opens the block or reserves all rights: "copyright" in a sentence of the
# policy ("to protect our copyright") is no notice
_COPYRIGHT = re.compile(
    r"^\W*(?:©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4})|all rights reserved|tous droits réservés"
    r"|alle rechte vorbehalten",
    re.IGNORECASE,
)
_COPYRIGHT_WORDS = 25
_CRUMB = re.compile(r"\s[>›»]\s")
_CRUMB_WORDS = 12
_LANGUAGES = frozenset(
    "english français francais deutsch español espanol italiano nederlands português portugues "
    "polski svenska dansk norsk suomi türkçe русский 日本語 中文 한국어 čeština magyar română "
    "ελληνικά".split()
)
_WIDGETS = re.compile(
    r"(?:was this (?:article|page|information|answer) (?:helpful|useful)\??|yes,? no|need help\??"
    r"|chat with us|skip to (?:main )?content|back to top|print(?: this page)?|download (?:as )?pdf"
    r"|share(?: this page)?|ok|got it|subscribe(?: to our newsletter)?\.?"
    r"|enter your e-?mail(?: address)?\.?"
    r"|cet article vous a-t-il été utile \??|oui,? non|retour en haut|imprimer(?: cette page)?"
    r"|war dieser artikel hilfreich\??|ja,? nein|nach oben|drucken)",
    re.IGNORECASE,
)


_PIECES = re.compile(r"[|·•]|(?<=[.?!])\s+")
_WIDGET_STARTS = frozenset(
    "was yes need chat skip back print download share ok got subscribe enter cet oui retour "
    "imprimer war ja nach drucken".split()
)
_LANGUAGE_WORDS = 20
_DATA = re.compile(r"@|\bdata\b", re.IGNORECASE)
_WIDGET_WORDS = 20  # a row of widgets: "Was this article helpful? Yes No"


def is_furniture(text: str) -> bool:
    """Whether a block is page furniture, not part of the policy (see the module docstring)."""
    split = text.split()
    count = len(split)
    if count > _BANNER_WORDS:
        return False  # a paragraph of the policy: the common case, decided at once
    plain = " ".join(split)
    folded = plain.casefold()
    first = split[0].strip("[(*").casefold() if split else ""
    if count <= _WIDGET_WORDS and first in _WIDGET_STARTS:
        pieces = [p.strip(" .!") for p in _PIECES.split(plain) if p.strip(" .!")]
        if pieces and all(_WIDGETS.fullmatch(piece) for piece in pieces):
            return True  # "Print this page | Download PDF", "Subscribe to our newsletter."
    if count <= _CONSENT_BANNER_WORDS and _BROWSING_AS_CONSENT.search(plain):
        return True
    if _TRANSLATE_WIDGET.match(plain) and not _DATA.search(plain):
        return True  # "Select Language Afrikaans Albanian ...", "Powered by Translate"
    if "cookie" in folded:
        found = list(_BANNER_BUTTONS.finditer(plain))
        buttons = {m.group().casefold() for m in found}
        # a banner ends on its buttons; a paragraph that says how to "accept cookies" or
        # "reject cookies" in a browser goes on after them
        if len(buttons) >= 2 and len(plain[found[-1].end() :].split()) <= _AFTER_BUTTONS:
            return True
    if count <= _COPYRIGHT_WORDS and _COPYRIGHT.search(plain) and not _DATA.search(plain):
        return True
    if count <= _CRUMB_WORDS and plain[-1:] not in ".!?" and len(_CRUMB.findall(f" {plain} ")) >= 2:
        return True
    if count > _LANGUAGE_WORDS or first.strip("|,") not in _LANGUAGES:
        return False
    names = [w for w in re.split(r"[\s|/·•,]+", folded) if w]
    return len(names) >= 3 and all(name in _LANGUAGES for name in names)


_MENU_WORDS = 5  # words of a menu entry at most ("Shop for a Vehicle", "Our Stories Home")
_MENU_RUN = 4  # entries in a row that make a menu
_PROSE_WORDS = 8  # words of a block that is the policy's prose, not a menu
_SENTENCE_END = re.compile(r"[.:;,!?]\s*$")
_MENU_SAYING = 5  # one entry in this many may name data ("Stock Information", "Contacts")


def _short_line(block: Block) -> bool:
    """A line as short as a menu entry, with no sentence's punctuation."""
    text = _LINK_TARGET.sub(" ", block.text).strip()  # "Fight for a better web <https://...>"
    return (
        block.kind != "heading"
        and len(text.split()) <= _MENU_WORDS
        and not _SENTENCE_END.search(text)
    )


_LINK_TARGET = re.compile(r"<[^<>\s]+>")


def _menu_title(block: Block) -> bool:
    return block.kind == "heading" and _word_count(block.text) <= _MENU_WORDS


def _link_bar(text: str) -> bool:
    """A row of links and nothing said: "Contact us <...>Website feedback <...>Terms of Use
    <...>"."""
    return len(_LINK_TARGET.findall(text)) >= _BAR_LINKS and not _SAID.search(
        _LINK_TARGET.sub(" ", text)
    )


_BAR_LINKS = 3
_SAID = re.compile(r"\w[.!?;:](?:\s|$)")


def _word_count(text: str) -> int:
    """Words as read, not counting where links point ("Careers <https://...>": one)."""
    return len(_LINK_TARGET.sub(" ", text).split())


def _states_something(text: str) -> bool:
    """A line that says something of the policy: data, a right, a practice, or a line of a
    contact block (an address, a postcode, a phone number, a company's legal name)."""
    if _CONTACT_LINE.search(_LINK_TARGET.sub("", text)) or ORG_SUFFIX.search(text):
        return True
    return bool(names_data(text, "") or rights(text, "") or states_practice(text, ""))


# an e-mail address, a street number, a postcode or a phone number (a year is none)
_CONTACT_LINE = re.compile(
    r"[\w.+-]+@[\w-]+\.\w|\b(?!(?:19|20)\d\d\b)\d{3,}\b|\+\d|\b\d{1,4}\s+\w+\s+(?:street|st|road|rd|avenue|ave)\b",
    re.I,
)


def edge_menus(blocks: Sequence[Block]) -> set[int]:
    """The blocks of the site's menus before the policy's first paragraph and after its last:
    runs of short lines, nearly all of which state nothing ("Shop for a Vehicle", "Dealer
    Locator", "Stock Information"). A capture or an extractor keeps or drops them without the
    policy changing; a list of the policy itself sits between its paragraphs and is never
    taken."""
    prose = [
        i
        for i, b in enumerate(blocks)
        if b.kind != "heading" and _word_count(b.text) >= _PROSE_WORDS and not is_furniture(b.text)
    ]
    # a footer's row of links is no paragraph of the policy ("Contact us <...>Terms of Use
    # <...>Documents & Policies <...>")
    ending = [i for i in prose if not _link_bar(blocks[i].text)]
    if not prose or not ending:
        return set()
    menus: set[int] = set()
    for span in (range(prose[0]), range(ending[-1] + 1, len(blocks))):
        # runs of short lines, each under the short heading that titles it ("Browser",
        # "Press & Media"): a footer's columns
        columns: list[tuple[list[int], list[int]]] = [([], [])]
        for i in [*span, None]:
            if i is not None and _short_line(blocks[i]):
                columns[-1][1].append(i)
            elif i is not None and _menu_title(blocks[i]):
                columns.append(([i], []))
            else:
                menus |= _menu(columns, blocks)
                columns = [([], [])]
    bars = {i for i in range(ending[-1] + 1, len(blocks)) if _link_bar(blocks[i].text)}
    return menus | bars | _related_links(blocks, ending[-1] + 1)


def _menu(columns: list[tuple[list[int], list[int]]], blocks: Sequence[Block]) -> set[int]:
    """The blocks of a run of titled columns that make a menu: all of them when together
    they do (a footer whose columns hold three links each), else each column that does
    alone. A title nothing short follows is the policy's heading, never taken."""
    columns = [(titles, entries) for titles, entries in columns if entries]
    together = [i for _, entries in columns for i in entries]
    if _menu_run(together, blocks):
        return {i for titles, entries in columns for i in titles + entries}
    return {
        i for titles, entries in columns if _menu_run(entries, blocks) for i in titles + entries
    }


def _menu_run(entries: list[int], blocks: Sequence[Block]) -> bool:
    """Enough short lines in a row, nearly none of which says anything of the policy."""
    saying = sum(_states_something(blocks[i].text) for i in entries)
    return len(entries) >= _MENU_RUN and saying * _MENU_SAYING <= len(entries)


# what a help centre shows under a page: links to other pages, not the policy
_RELATED = re.compile(
    r"(?:related|recommended|popular) (?:articles|links|topics|pages)|see also|articles in this "
    r"section|you may also (?:like|be interested in)|articles (?:similaires|connexes)"
    r"|ähnliche artikel|verwandte artikel",
    re.IGNORECASE,
)


def _related_links(blocks: Sequence[Block], after_prose: int) -> set[int]:
    """A help centre's "Related articles" after the policy's last paragraph, with the short
    titles listed under it ("Tips for Buying Safely on Etsy")."""
    for start in range(after_prose, len(blocks)):
        if _RELATED.fullmatch(blocks[start].text.strip(" :")):
            end = start + 1
            while end < len(blocks) and (
                len(blocks[end].text.split()) < _PROSE_WORDS
                and not _SENTENCE_END.search(blocks[end].text)
            ):
                end += 1
            return set(range(start, end))
    return set()
