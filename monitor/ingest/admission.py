"""Is this capture the policy? The gate a capture passes before it becomes a version.

A version is a policy: every version is compared with its neighbours, alerted about and counted,
so a soft 404 in the site's own header and footer, a bot challenge, a login wall, a "Loading..."
shell or a page that lost most of the policy and reads like something else must never become
one. Each would show up as the policy deleted and then re-added, with dozens of "material"
changes. The gate asks, in order:

1. what can be told before reading the page: a capture dated in the future, a page too large to
   be a policy (bounded cost: nothing past `MAX_PAGE_BYTES` is decoded or extracted, nothing
   with more than `MAX_CLAUSES` blocks is split, diffed or judged);
2. the page-level rules of `monitor.ingest.rejection` (status, empty, binary, challenge, login wall,
   short error page);
3. what the extracted text says: no text, too many clauses (`MAX_CLAUSES`), a loading shell, a
   page titled "not found"/"sign in"/"error" that does not read like a privacy policy;
4. what the site's own history says: a page with less than half the text of the site's nearest
   version that covers less than half the privacy-policy topics that version covers (the
   vocabulary of `monitor add`, monitor/discover/reads_like.py).

A policy that really shrinks but still covers its topics passes, and the operator's shrink alert
(monitor/ingest.py) still fires. The first rule that fires names the reason stored in
``captures.rejected_reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from diffs.document import Document
from monitor.discover.reads_like import TOPICS, Reading, read_text
from monitor.ingest import rejection

MAX_PAGE_BYTES = 10 * 1024 * 1024  # raw body; larger pages are rejected before decoding
MAX_CLAUSES = 20_000  # real policies have at most a few thousand; diff and judge stay bounded
LOST_SHARE = 0.5  # "lost most of the policy": less than this share of the reference's text
KEPT_TOPICS_SHARE = 0.5  # ...and fewer than this share of the reference's topics
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones; a later date is impossible
NO_TEXT_REASON = "no policy text found"
UNAVAILABLE_PREFIX = "unavailable: "  # the archive could not serve the capture (see crawler)
_SHELL_WORDS = 60
_LOADING = re.compile(
    r"^\W*(?:loading|please wait|chargement|wird geladen|cargando)\b"
    r"|\b(?:enable|requires?|turn on) javascript\b|\bjavascript (?:is )?(?:required|disabled)\b",
    re.IGNORECASE | re.MULTILINE,
)
_JUNK_LABEL = re.compile(
    r"\b404\b|not found|can['’]?t be found|cannot be found|no longer exists?|page (?:is )?missing"
    r"|^\s*(?:sign in|log ?in|login required)\b|\b(?:internal server error|service unavailable"
    r"|something went wrong|an error (?:has )?occurred)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """The site's version nearest the capture on its timeline: what the capture must read like.

    ``text`` is loaded only when the capture is much shorter, which is rare."""

    chars: int
    text: Callable[[], str]


def before_reading(captured_at: str, body: bytes, now: datetime | None = None) -> str | None:
    """Why a capture is refused before its body is even decoded, or None."""
    moment = _parse(captured_at)
    if moment is None:
        return f"impossible capture date {captured_at!r}"
    if moment > (now or datetime.now(UTC)) + FUTURE_SLACK:
        return f"capture dated in the future ({captured_at})"
    if len(body) > MAX_PAGE_BYTES:
        return (
            f"page too large ({len(body) / 1024 / 1024:.1f} MB; a policy page is at most "
            f"{MAX_PAGE_BYTES // 1024 // 1024} MB)"
        )
    return None


def before_splitting(document: Document) -> str | None:
    """Why an extracted page is refused before it is split into clauses, or None: each block
    is at least one clause, so more blocks than `MAX_CLAUSES` cannot be a policy."""
    if len(document.blocks) > MAX_CLAUSES:
        return (
            f"too many clauses for a policy ({len(document.blocks)} paragraphs and headings; "
            f"at most {MAX_CLAUSES} clauses)"
        )
    return None


def admission_reason(
    status: int,
    html: str,
    document: Document,
    clause_count: int,
    headers: Mapping[str, str] | None = None,
    reference: Reference | None = None,
) -> str | None:
    """Why this decoded and extracted page cannot be a version of the policy, or None."""
    reason = rejection.rejection_reason(status, html, document, headers)
    if reason is None or reason.startswith("tiny body"):
        words = len(document.text.split())
        if words <= _SHELL_WORDS and _LOADING.search(document.text):
            return f"loading shell (the page says {_LOADING.search(document.text)[0].strip()!r})"
    if reason is not None:
        return reason
    if clause_count == 0:
        return NO_TEXT_REASON
    if clause_count > MAX_CLAUSES:
        return f"too many clauses for a policy ({clause_count}; at most {MAX_CLAUSES})"
    reading: Reading | None = None
    label = _junk_label(document)
    if label is not None:
        reading = read_text(document.text, document.title)
        if len(reading.topics) < len(TOPICS) // 2:
            return f"page says {label[:80]!r}, not a privacy policy ({_covers(reading)})"
    if reference is not None and len(document.text) < LOST_SHARE * reference.chars:
        return _lost_the_policy(document, reading, reference)
    return None


def is_unavailable(reason: str | None) -> bool:
    """A capture the archive could not serve: a fact about the archive, not about the site."""
    return bool(reason) and reason.startswith(UNAVAILABLE_PREFIX)


def _lost_the_policy(
    document: Document, reading: Reading | None, reference: Reference
) -> str | None:
    reading = reading or read_text(document.text, document.title)
    if reading.is_policy:
        return None
    before = read_text(reference.text())
    if len(reading.topics) >= max(1.0, KEPT_TOPICS_SHARE * len(before.topics)):
        return None
    return (
        f"lost most of the policy ({reference.chars} -> {len(document.text)} characters) and "
        f"reads like something else ({_covers(reading)}; the policy covers {len(before.topics)})"
    )


def _junk_label(document: Document) -> str | None:
    """The title or first heading when it says "not found", "sign in" or "error"."""
    first_heading = next((b.text for b in document.blocks if b.kind == "heading"), "")
    for label in (document.title or "", first_heading):
        if label and _JUNK_LABEL.search(label):
            return label.strip()
    return None


def _covers(reading: Reading) -> str:
    return f"{len(reading.topics)}/{len(TOPICS)} privacy-policy topics"


def _parse(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
