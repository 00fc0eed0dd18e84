"""What may change on a page without the policy changing: "last updated" dates, copyright years,
session ids, cache-busting hashes and tracking query strings.

`key()` masks them, giving each clause a comparison key (`Clause.key`): two clauses with the same
key say the same thing, so the diff aligns clauses on keys and never reports noise as a change.
diffs/cosmetic.py shows them when nothing else moved.
"""

from __future__ import annotations

import re

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
    r"|cfid|cftoken|nonce|v|ver|cb|cachebuster|_)=[^&#\s]*&?",
    re.IGNORECASE,
)
_PATH_SESSION = re.compile(r";jsessionid=[^?#\s]*", re.IGNORECASE)
_EMPTY_QUERY = re.compile(r"[?&](?=[\s#)\]]|$)")
_HEX_ID = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b", re.IGNORECASE)
_TOKEN_ID = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,}\b")
_DATE_ONLY = re.compile(rf"^\W*(?:{_DATE.pattern})\W*$", re.IGNORECASE)


def key(text: str) -> str:
    """The text with its noise masked; equal keys mean the same clause."""
    if _UPDATED.search(text) or _DATE_ONLY.match(text):
        text = _DATE.sub("<date>", text)
    if _COPYRIGHT.search(text):
        text = _YEARS.sub("<year>", text)
    text = _PATH_SESSION.sub("", text)
    text = _TRACKING.sub("", text)
    text = _EMPTY_QUERY.sub("", text)
    text = _HEX_ID.sub("<id>", text)
    return _TOKEN_ID.sub("<id>", text)
