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

# Buttons of a consent banner; two of them in one block make the block a banner.
_BANNER_BUTTONS = re.compile(
    r"\b(?:accept all(?: cookies)?|reject all(?: cookies)?|accept cookies|reject cookies|allow all"
    r"|deny all|cookie settings|manage (?:cookies|preferences)|necessary only|tout accepter"
    r"|tout refuser|continuer sans accepter|paramétrer les cookies|alle akzeptieren"
    r"|alle ablehnen|nur notwendige)\b",
    re.IGNORECASE,
)
_BANNER_WORDS = 80
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
    r"|share(?: this page)?|subscribe(?: to our newsletter)?\.?|enter your e-?mail(?: address)?\.?"
    r"|cet article vous a-t-il été utile \??|oui,? non|retour en haut|imprimer(?: cette page)?"
    r"|war dieser artikel hilfreich\??|ja,? nein|nach oben|drucken)",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    """Whether a block is page furniture, not part of the policy (see the module docstring)."""
    plain = " ".join(text.split())
    count = len(plain.split())
    pieces = [p.strip(" .!") for p in re.split(r"[|·•]|(?<=[.?!])\s+", plain) if p.strip(" .!")]
    if pieces and all(_WIDGETS.fullmatch(piece) for piece in pieces):
        return True  # "Print this page | Download PDF", "Subscribe to our newsletter. Subscribe"
    buttons = {m.group().casefold() for m in _BANNER_BUTTONS.finditer(plain)}
    if len(buttons) >= 2 and count <= _BANNER_WORDS and re.search(r"cookie", plain, re.I):
        return True
    if _COPYRIGHT.search(plain) and count <= _COPYRIGHT_WORDS and not re.search(r"@|\bdata\b", plain):
        return True
    if len(_CRUMB.findall(f" {plain} ")) >= 2 and count <= _CRUMB_WORDS and plain[-1:] not in ".!?":
        return True
    names = [w for w in re.split(r"[\s|/·•,]+", plain.casefold()) if w]
    return len(names) >= 3 and all(name in _LANGUAGES for name in names)
