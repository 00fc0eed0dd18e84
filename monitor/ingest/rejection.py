"""Is a fetched page the policy at all? A few plain rules, each with a reason a person can check.

Archives and live sites hand back pages that are not the policy: bot challenges, error pages
served with status 200 ("soft 404s"), login walls, empty or binary bodies. Stored as versions they
would show up as the policy being deleted and then restored, and alert people for nothing. So
each capture gets a verdict here; a rejected one is kept (raw body and reason) but never becomes
a version. The rules run in order and the first that fires names the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from diffs.document import Document

MIN_WORDS = 5  # a heading alone, "Coming soon", "Loading...": not a policy however short
SHORT_PAGE_WORDS = 300  # error, 404 and login pages are short; real policies are longer
_SCAN_CHARS = 64 * 1024

_CHALLENGE_MARKERS = (
    ("cdn-cgi/challenge-platform", "Cloudflare challenge script"),
    ("just a moment...", "'Just a moment...' interstitial"),
    ("verifying you are human", "'Verifying you are human' check"),
    ("attention required! | cloudflare", "Cloudflare block page"),
    ("g-recaptcha", "CAPTCHA"),
    ("h-captcha", "CAPTCHA"),
    ("pardon our interruption", "bot-detection interstitial"),
    ("_incapsula_resource", "Incapsula block page"),
    ("request unsuccessful. incapsula", "Incapsula block page"),
)
_CHALLENGE_HEADERS = {"cf-mitigated": "challenge"}
_PASSWORD_FIELD = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?password", re.IGNORECASE)
_LOGIN_TITLE = re.compile(r"^\s*(?:sign in|log ?in|login required|members? login)\b", re.I)
_NOT_FOUND = re.compile(
    r"\b404\b|not found|(?:does not|doesn't|no longer) exists?|page (?:is )?missing", re.I
)
_ERROR = re.compile(
    r"\b(?:50[0-4]|internal server error|service unavailable|bad gateway|gateway time-?out"
    r"|an error (?:has )?occurred|something went wrong)\b",
    re.I,
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def rejection_reason(
    status: int,
    html: str,
    document: Document,
    headers: Mapping[str, str] | None = None,
) -> str | None:
    """Why the page (decoded ``html``, normalized ``document``) is not the policy, or None."""
    if not 200 <= status < 300:
        return f"HTTP status {status}"
    head = html[:_SCAN_CHARS]
    if not head.strip():
        return "empty body"
    if _undecodable_share(head) > 0.1:
        return "not text (binary or undecodable body)"
    lowered_headers = {k.lower(): v.lower() for k, v in (headers or {}).items()}
    for name, value in _CHALLENGE_HEADERS.items():
        if value in lowered_headers.get(name, ""):
            return f"bot challenge page ({name}: {value} header)"
    lowered = head.lower()
    for marker, what in _CHALLENGE_MARKERS:
        if marker in lowered:
            return f"bot challenge page ({what})"
    words = sum(len(block.text.split()) for block in document.blocks)
    title = _title(head) or document.title or ""
    first_heading = next((b.text for b in document.blocks if b.kind == "heading"), "")
    if words < SHORT_PAGE_WORDS:
        if _PASSWORD_FIELD.search(head) or _LOGIN_TITLE.search(title):
            return "login wall (a sign-in form instead of the policy)"
        for label in (title, first_heading):
            if _NOT_FOUND.search(label):
                return f"soft 404 (page says {label.strip()[:80]!r})"
            if _ERROR.search(label):
                return f"error page (page says {label.strip()[:80]!r})"
    if not document.blocks:
        return "no policy text found"
    if words < MIN_WORDS:
        return f"tiny body ({words} words; a policy has at least {MIN_WORDS})"
    return None


def _title(html: str) -> str:
    match = _TITLE.search(html)
    return re.sub(r"\s+", " ", match[1]).strip() if match else ""


def _undecodable_share(text: str) -> float:
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    return bad / len(text)
