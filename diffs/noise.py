"""What may change on a page without the policy changing: "last updated" dates, copyright years,
session ids, cache-busting hashes and tracking query strings.

`key()` masks them, giving each clause a comparison key (`Clause.key`): two clauses with the same
key say the same thing, so the diff aligns clauses on keys and never reports noise as a change.
diffs/cosmetic.py shows them when nothing else moved.
"""

from __future__ import annotations

import re

from .links import SCHEME_HOST, TARGET

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    "|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    "|novembre|décembre|decembre"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE = re.compile(
    rf"\b(?:{_YEAR}[-/.][01]?\d[-/.][0-3]?\d"  # 2024-03-05
    rf"|[0-3]?\d[-/.][01]?\d[-/.](?:{_YEAR}|\d{{2}})"  # 05/03/2024, 05.03.24
    rf"|(?:{_DAY}\s+)?(?:{_MONTHS})\.?(?:\s+{_DAY})?,?\s+{_YEAR}"  # March 5, 2024 / 5 mars 2024
    rf"|{_YEAR})\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"\b(?:last|date\s+of\s+(?:the\s+)?last)\s+(?:updated|update|modified|modification|revised"
    r"|revision|changed|reviewed|amended)|\b(?:updated|revised|modified|amended)\s*(?:on|:)"
    r"|\beffective\s+(?:date|as\s+of|from|on)|\bdernière\s+(?:mise\s+à\s+jour|modification)"
    r"|\bmise?\s+à\s+jour\s+(?:le|:)|\ben\s+vigueur|\bversion\s+(?:du|of)\b|\bstand\s*:",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|&copy;", re.IGNORECASE)
_YEARS = re.compile(rf"\b{_YEAR}(?:\s*[-–]\s*{_YEAR})?\b")
_TRACKING = re.compile(
    r"(?<=[?&;])(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src|trk|sessionid|session_id|jsessionid|phpsessid|sid"
    r"|cfid|cftoken|nonce|v|ver|cb|cachebuster|usp|_)=[^&#\s]*&?",
    re.IGNORECASE,
)
_PATH_SESSION = re.compile(r";jsessionid=[^?#\s]*", re.IGNORECASE)
_EMPTY_QUERY = re.compile(r"[?&](?=[\s#)\]]|$)")
_HEX_ID = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b", re.IGNORECASE)
_TOKEN_ID = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,}\b")
_LONG_RUN = re.compile(r"[\w-]{12,}")  # what a hex or token id needs
_DATE_ONLY = re.compile(rf"^\W*(?:{_DATE.pattern})\W*$", re.IGNORECASE)


_HELD = re.compile(r"\x00(\d+)\x00")


def _target_key(target: str) -> str:
    """A kept link target (diffs/links.py) without what changes when the document it points to
    does not: the scheme, "www.", tracking and session parameters, token-like query values.
    Its path stays: a new file id there is a new document."""
    target = _PATH_SESSION.sub("", SCHEME_HOST.sub("", target))
    path, _, query = target.partition("?")
    if not query:
        return path
    query = _EMPTY_QUERY.sub("", _TRACKING.sub("", "?" + query))
    return path + _TOKEN_ID.sub("<id>", _HEX_ID.sub("<id>", query))


def key(text: str) -> str:
    """The text with its noise masked; equal keys mean the same clause."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(_target_key(match.group(1)))
        return f" <\x00{len(held) - 1}\x00>"

    text = TARGET.sub(hold, text) if "<" in text else text
    text = _mask(text)
    return _HELD.sub(lambda m: held[int(m.group(1))], text) if held else text


def _mask(text: str) -> str:
    if _UPDATED.search(text) or _DATE_ONLY.match(text):
        text = _DATE.sub("<date>", text)
    if _COPYRIGHT.search(text):
        text = _YEARS.sub("<year>", text)
    # each mask only where its telltale character is: most clauses have none of them, and a
    # policy has thousands of clauses
    if ";" in text:
        text = _PATH_SESSION.sub("", text)
    if "=" in text:
        text = _TRACKING.sub("", text)
    if "?" in text or "&" in text:
        text = _EMPTY_QUERY.sub("", text)
    if _LONG_RUN.search(text):
        text = _TOKEN_ID.sub("<id>", _HEX_ID.sub("<id>", text))
    return text
