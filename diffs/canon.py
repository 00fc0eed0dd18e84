"""Canonical text: the same words must hash the same whatever encoding, theme or typography."""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ftfy


@cache
def _ftfy() -> tuple[ftfy.TextFixerConfig, ModuleType]:
    """ftfy and its settings, imported on the first text that needs it: plain ASCII (most
    English policies) never does, and importing ftfy costs a compare 0.05 s."""
    import ftfy

    return ftfy.TextFixerConfig(unescape_html=False, normalization="NFKC", explain=False), ftfy


_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc"}
_QUOTES |= {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036"}
_DASHES = {
    c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
}
_SPACES = {c: " " for c in "\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"}
_SPACES |= {c: " " for c in "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\t\r\n\f\v"}
_INVISIBLE = {c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}
_TABLE = str.maketrans(_QUOTES | _DASHES | _SPACES | _INVISIBLE)

# What is left of a UTF-8 curly quote or nbsp read as cp1252 once a cleaner dropped the rest:
# "userâ s" was "user’s"; a lone "â"/"Â" before a non-letter is never French ("âge", "château").
_POSSESSIVE_RESIDUE = re.compile(r"(?<=\w)â (?=s\b)")
_LONE_RESIDUE = re.compile(r"[âÂ](?![^\W\d_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")


def canonical(text: str) -> str:
    """Repair mojibake, fold typography and whitespace; the result is what gets compared."""
    if not text:
        return ""
    if not (text.isascii() and "\x1b" not in text):
        # ftfy only changes non-ASCII text and terminal escapes; skipping it on plain ASCII
        # (most English policies) halves extraction time and gives the same text.
        config, fixer = _ftfy()
        text = fixer.fix_text(text, config)
    text = text.translate(_TABLE)
    text = _POSSESSIVE_RESIDUE.sub("'", text)
    text = _LONE_RESIDUE.sub("", text)
    text = _CONTROL.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()
