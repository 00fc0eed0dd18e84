"""What the reader asked to see: changes at or above a materiality, and reasons worth reading.

The judge's reasons are stored as it wrote them (JSON keeps them whole). A reader on a terminal,
in Markdown or in the HTML report, though, already sees the clause: a reason such as
``sentence added: 'We use Google Analytics to...'`` only repeats it. ``shown_reasons`` drops the
quoted echo and, when what is left says no more than the change's own op ("sentence added" on
an added clause), the whole reason; reasons that name a category, a practice or a word change
("sharing: new recipient 'insurers'", "spelling only: 'neccessary' -> 'necessary'") stay.
"""

from __future__ import annotations

import re

LEVELS = ("minor", "material")  # --materiality choices, "at least this level"
RANK = {"cosmetic": 0, "minor": 1, "material": 2}
# "label: 'quoted text'" or "label: 'quoted text...'", as the judge writes an echoing reason
_ECHO = re.compile(r"^(?P<label>[^:']{1,40}):\s*'(?P<quoted>.*?)(?:\.\.\.|…)?'$", re.DOTALL)
# labels that only restate the op of the change they belong to
_PLAIN_LABEL = re.compile(
    r"^(sentence|sentences|clause|text|words?|item|paragraph)s?\s+"
    r"(added|removed|modified|changed|moved|split|merged)$",
    re.IGNORECASE,
)


def at_least(change: dict, level: str | None) -> bool:
    return level is None or RANK.get(change["materiality"], 0) >= RANK[level]


def keep_at_least(pairs: list[dict], level: str | None) -> list[dict]:
    """The pairs with only their changes at or above ``level``; pairs left empty are dropped."""
    if level is None:
        return pairs
    kept = []
    for pair in pairs:
        changes = [c for c in pair["changes"] if at_least(c, level)]
        if changes:
            kept.append({**pair, "changes": changes})
    return kept


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def shown_reasons(change: dict) -> list[str]:
    """The change's reasons without those that only repeat its text, each once, in order."""
    shown_text = _squash(f"{change.get('before') or ''} {change.get('after') or ''}")
    kept: list[str] = []
    for reason in change.get("reasons", []):
        match = _ECHO.match(reason.strip())
        if match and _squash(match["quoted"]) and _squash(match["quoted"]) in shown_text:
            label = match["label"].strip()
            if _PLAIN_LABEL.match(label):
                continue
            reason = label
        if reason not in kept:
            kept.append(reason)
    return kept
