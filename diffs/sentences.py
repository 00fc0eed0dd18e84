"""Sentence boundaries for English policy prose, without splitting on "e.g." or "Pvt. Ltd."."""

from __future__ import annotations

import re

# Never the end of a sentence.
_ALWAYS_JOIN = frozenset(
    "e.g eg i.e ie dr mr mrs ms mx prof pvt w.r.t viz vs cf st sr jr approx a.k.a p.o fig nos "
    "ref sec art vol pp ch bzw z.b zb ggf inkl ca d.h u.a vgl usw abs gem etc.pp lit nr bzgl evtl "
    "cf. p.ex env".split()
)
# End a sentence only when the next word usually starts one ("... Pvt. Ltd. We ...").
_MAYBE_END = frozenset("etc ltd inc co no u.s u.k llc corp govt dept".split())
_SENTENCE_STARTERS = frozenset(
    "we you your our if the this these those that it in for any all please when such they there "
    "as to by each where with some users no a an however if unless you'll we'll".split()
)
_CONTEXT = 64  # characters looked at around a candidate boundary: keeps splitting linear
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+")
_LEADING_NUMBER = re.compile(r"^\(?(?:\d{1,3}|[ivxlc]{1,5}|[a-z])$", re.IGNORECASE)


def _is_boundary(text: str, start: int, match: re.Match[str]) -> bool:
    if "." not in match.group():
        return True
    before = text[max(start, match.start() - _CONTEXT) : match.start()].split()
    last = before[-1].lstrip("([\"'").rstrip(".").lower() if before else ""
    following = text[match.end() : match.end() + _CONTEXT].split(maxsplit=1)
    next_word = following[0].strip("\"'([").lower() if following else ""
    first_word = match.start() - start <= _CONTEXT and len(before) == 1
    if first_word and _LEADING_NUMBER.match(last):
        return False  # "1. Introduction", "(ii). ..."
    if last in _ALWAYS_JOIN or (len(last) == 1 and last.isalpha()):
        return False
    written = following[0].lstrip("\"'([") if following else ""
    if written[:1].isalpha() and written[:1].islower() and "." in last:
        return False  # "über die Adyen N.V. ab.": an abbreviation, the sentence goes on
    if last.rsplit("-", 1)[-1] in _MAYBE_END:  # "U.S.", and "EU-U.S." in "the EU-U.S. DPF"
        return next_word in _SENTENCE_STARTERS and next_word.rstrip(".") not in _MAYBE_END
    return True


def sentences(text: str) -> list[str]:
    """Split one paragraph into sentences; URLs, emails and decimals have no space after the dot."""
    result: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, start, match):
            result.append(text[start : match.end()].strip())
            start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result
