"""Re-extract stored raw captures with the current rules, as Open Terms Archive re-extracts
its snapshots when a declaration or the engine improves.

Raw bodies are kept (store.bodies) for exactly this. Each capture is normalized again; when its
text changes, the capture moves to the version holding the new text, and the difference between
the old and the new text is stored as a technical comparison: caused by our rules, not by the
site, so it never alerts anyone. Neighbouring pairs the new timeline needs are compared too,
also technical: they restate history, they are not news.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diffs import RULES_VERSION
from monitor.comparison import as_clauses, judged_changes
from monitor.config import Site
from monitor.ingest.core import NO_TEXT_REASON, extract_version, rejection_reason
from monitor.store import Store


@dataclass
class ReprocessResult:
    """What re-extracting one site's captures changed."""

    site: str
    captures: int = 0
    moved: int = 0  # captures whose text changed under the current rules
    new_versions: int = 0
    technical_comparisons: list[tuple[int, int, int]] = field(default_factory=list)
    # (from_version, to_version, changes)

    def as_dict(self) -> dict:
        return {
            "site": self.site,
            "captures": self.captures,
            "moved": self.moved,
            "new_versions": self.new_versions,
            "rules_version": RULES_VERSION,
            "technical_comparisons": [
                {"from_version": a, "to_version": b, "changes": n}
                for a, b, n in self.technical_comparisons
            ],
        }


def reprocess(store: Store, site: Site) -> ReprocessResult:
    """Re-extract every stored capture of a site, in one transaction."""
    result = ReprocessResult(site.slug)
    replaced: dict[tuple[int, int], None] = {}
    with store.atomic():
        for stored in store.stored_bodies(site.slug):
            result.captures += 1
            if stored.rejected_reason and stored.rejected_reason != NO_TEXT_REASON:
                continue  # rejected for what the page is (status, challenge), not its text
            if 300 <= stored.status < 400 and stored.rejected_reason is None:
                continue  # an archived redirect, stored for its target, never read for text
            body = store.raw_body(stored.body_sha1)
            document, clauses = extract_version(site, body, stored.content_type, stored.url)
            reason = rejection_reason(stored.status, len(clauses))
            version_id = None
            if reason is None:
                version_id, created = store.version_for(
                    site.slug, document.text, document.sha256, clauses, RULES_VERSION
                )
                result.new_versions += created
            if version_id == stored.version_id and reason == stored.rejected_reason:
                continue
            store.reassign_capture(stored.capture_id, version_id, reason)
            result.moved += 1
            if stored.version_id is not None and version_id is not None:
                replaced[(stored.version_id, version_id)] = None
        pairs = list(replaced)
        runs = store.timeline(site.slug)
        done = store.compared_pairs(site.slug, RULES_VERSION)
        pairs += [
            (older.version_id, newer.version_id)
            for older, newer in zip(runs, runs[1:], strict=False)
            if (older.version_id, newer.version_id) not in done
        ]
        for pair in dict.fromkeys(pairs):
            if pair in done:
                continue
            changes = judged_changes(
                as_clauses(store.clauses(pair[0])), as_clauses(store.clauses(pair[1]))
            )
            store.save_comparison(site.slug, *pair, RULES_VERSION, changes, technical=True)
            done.add(pair)
            result.technical_comparisons.append((*pair, len(changes)))
    return result
