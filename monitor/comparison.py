"""Two texts of a policy compared: clause changes, each with its judgement.

One place for the ingest core (each new pair on a timeline), the read side (pairs compared
under older rules, recomputed) and `monitor compare` (two files or URLs, nothing stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from diffs import Clause, Document, JudgedChange, judge_all, normalize
from diffs import compare as compare_documents
from monitor.store.rows import ClauseRow


def as_clauses(rows: list[ClauseRow]) -> list[Clause]:
    return [Clause(position=r.position, kind=r.kind, text=r.text, section=r.section) for r in rows]


def judged_changes(old: Sequence[Clause], new: Sequence[Clause]) -> list[dict]:
    """Clause changes between two clause lists, each with its judgement, as plain dicts."""
    result = []
    for judged in judge_all(list(old), list(new)):
        change, judgement = judged.change, judged.judgement
        result.append(
            {
                "op": change.op,
                "before": change.before,
                "after": change.after,
                "section": change.section,
                "highlights": [list(h) for h in change.highlights],
                "materiality": judgement.materiality,
                "categories": list(judgement.categories),
                "score": round(judgement.score, 3),
                "reasons": list(judgement.reasons),
            }
        )
    return result


def compare(
    old: str | bytes | Path, new: str | bytes | Path, *, content_type: str | None = None
) -> list[JudgedChange]:
    """Every clause change between two versions of a policy, each with its judgement.

    A version is its text (``str``), its raw bytes (HTML, Markdown, PDF or plain text, sniffed
    and decoded as a crawled page is) or a ``Path`` to a file holding one of those. Give
    ``content_type`` when the format is known (for example ``"text/html"``). Nothing is stored.
    """
    return compare_documents(
        document(old, content_type=content_type), document(new, content_type=content_type)
    )


def document(source: str | bytes | Path, *, content_type: str | None = None) -> Document:
    """A policy version normalized as the crawl does (without a site's selectors)."""
    if isinstance(source, Path):
        return normalize(source.read_bytes(), content_type=content_type, url=source.as_uri())
    return normalize(source, content_type=content_type)
