"""One capture in, everything it implies out: raw stored, text normalized, version found,
changes against its neighbours on the timeline diffed and judged, all in one transaction.

This is the only place the stages meet: ``diffs`` (pure) does the thinking, ``store`` the writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from capture import ArchiveMiss, Capture, sha1_base32
from diffs import RULES_VERSION
from diffs.clauses import Clause, split
from diffs.normalize import Document, decode, normalize
from monitor.comparison import as_clauses, judged_changes
from monitor.config import Site
from monitor.delivery.alerts import Subscriber, queue_alerts, updates_to_alert
from monitor.ingest import admission
from monitor.store import ClauseRow, Store


@dataclass
class IngestResult:
    """What one capture added, for crawl summaries."""

    stored: bool
    new_version: bool
    rejected_reason: str | None
    comparisons: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (from_version, to_version, changes, material changes) for each pair compared now
    alerts_queued: int = 0
    redirect: bool = False
    live: bool = False

    def counters(self) -> dict[str, int]:
        """The crawl-summary counters this capture adds (per site; monitor.ops.summary.COUNTERS).

        One place for both writers: the crawl's pipeline and a cluster's ingester.
        """
        return {
            "captures_seen": 1,
            "captures_stored": int(self.stored),
            "redirects": int(self.redirect and self.stored),
            "rejected": int(
                bool(self.rejected_reason)
                and self.stored
                and not self.redirect
                and not admission.is_unavailable(self.rejected_reason)
            ),
            "unavailable": int(self.stored and admission.is_unavailable(self.rejected_reason)),
            "failures": int(self.live_not_the_policy is not None),
            "new_versions": int(self.new_version),
            "alerts_queued": self.alerts_queued,
            "pairs_compared": len(self.comparisons),
            "changes": sum(changes for *_, changes, _ in self.comparisons),
            "material_changes": sum(material for *_, material in self.comparisons),
        }

    @property
    def live_not_the_policy(self) -> str | None:
        """Why the live page, fetched now, is not the policy (a login wall, a challenge...):
        the policy is no longer watched, which the operator must hear about."""
        return self.rejected_reason if self.live and not self.redirect else None

    def failure(self, url: str) -> str | None:
        """The site's error line for this run when the live page is not the policy."""
        reason = self.live_not_the_policy
        return f"{url}: the live page is not the policy: {reason}" if reason else None


NO_TEXT_REASON = admission.NO_TEXT_REASON


SHRINK_RATIO = 0.5  # a policy that loses more than half its text is more likely a broken page


def shrunk_pairs(
    store: Store, pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """Pairs whose newer text is less than half the older, with both lengths: an operator
    matter, not an alert."""
    lengths = {pair: (store.text_length(pair[0]), store.text_length(pair[1])) for pair in pairs}
    return {pair: (old, new) for pair, (old, new) in lengths.items() if new < SHRINK_RATIO * old}


def rejection_reason(status: int, clause_count: int) -> str | None:
    """Why a fetched page cannot be a version of the policy, or None when it can."""
    if not 200 <= status < 300:
        return f"HTTP status {status}"
    if clause_count == 0:
        return NO_TEXT_REASON
    return None


def extract_version(
    site: Site, body: bytes | str, content_type: str | None, url: str
) -> tuple[Document, list[ClauseRow]]:
    """The normalized text of a captured body under the site's rules, and its clauses."""
    document, clauses = extract_clauses(site, body, content_type, url)
    return document, as_rows(clauses)


def extract_clauses(
    site: Site, body: bytes | str, content_type: str | None, url: str
) -> tuple[Document, list[Clause]]:
    """Like `extract_version`, with the clauses as the diff takes them."""
    document = extract_document(site, body, content_type, url)
    return document, split(document)


def extract_document(site: Site, body: bytes | str, content_type: str | None, url: str) -> Document:
    """The normalized text of a captured body under the site's rules."""
    return normalize(
        body,
        content_type=content_type,
        url=url,
        select=site.select,
        remove=site.remove,
        start=site.start,
        end=site.end,
    )


def as_rows(clauses: list[Clause]) -> list[ClauseRow]:
    return [ClauseRow(c.position, c.kind, c.section, c.text) for c in clauses]


def ingest(
    store: Store,
    site: Site,
    capture: Capture | ArchiveMiss,
    subscribers: Sequence[Subscriber] | None = None,
    apprise_config: str | None = None,
) -> IngestResult:
    """Record a capture and any changes it reveals; safe to call twice with the same capture.

    With ``subscribers`` (a crawl that alerts), alerts about the new pairs are queued in the same
    transaction as their changes; without, history is imported silently. An `ArchiveMiss` is
    recorded as one more attempt or, when final, as an unavailable capture.
    """
    if isinstance(capture, ArchiveMiss):
        return record_miss(store, capture)
    if capture.source == "live" and capture.status == 304:
        with store.atomic():
            store.mark_live_unchanged(site.slug)
        return IngestResult(stored=False, new_version=False, rejected_reason=None)
    text = text_sha256 = None
    clauses: list[Clause] = []
    body_sha1 = None
    reason = None
    if capture.body is not None:
        body_sha1 = sha1_base32(capture.body)
    if capture.source == "live" and body_sha1:
        # The very bytes of the last live capture (a server that ignores conditional requests):
        # the store would only move its last_seen, so do that without extracting the page.
        with store.atomic():
            unchanged = store.same_as_last_live(site.slug, body_sha1)
        if unchanged is not None:
            return IngestResult(
                stored=False,
                new_version=False,
                rejected_reason=unchanged.rejected_reason,
                redirect=capture.location is not None or 300 <= capture.status < 400,
                live=True,
            )
    if capture.not_rendered:
        reason = capture.not_rendered  # an app shell the browser could not render
    elif capture.body is not None and capture.location is None:
        reason = admission.before_reading(capture.captured_at, capture.body)
        if reason is None:
            html = decode(capture.body, capture.content_type)
            document = extract_document(site, html, capture.content_type, capture.url)
            reason = admission.before_splitting(document)
        if reason is None:
            clauses = split(document)
            reason = admission.admission_reason(
                capture.status,
                html,
                document,
                len(clauses),
                capture.headers,
                _reference(store, site.slug, capture.captured_at),
            )
        if reason is None:
            text, text_sha256 = document.text, document.sha256
        else:
            clauses = []
    with store.atomic():
        stored = store.add_capture(
            site=site.slug,
            source=capture.source,
            url=capture.url,
            captured_at=capture.captured_at,
            status=capture.status,
            digest=capture.digest or body_sha1,
            content_type=capture.content_type,
            body=capture.body,
            body_sha1=body_sha1,
            text=text,
            text_sha256=text_sha256,
            clauses=as_rows(clauses),
            rules_version=RULES_VERSION,
            rejected_reason=reason,
            etag=_header(capture.headers, "ETag"),
            last_modified=_header(capture.headers, "Last-Modified"),
            location=capture.location,
            fetched_with=capture.fetched_with,
        )
        result = IngestResult(
            stored.is_new,
            stored.new_version,
            stored.rejected_reason,
            redirect=capture.location is not None or 300 <= capture.status < 400,
            live=capture.source == "live",
        )
        if stored.is_new and capture.source == "live" and _lost_its_text(reason):
            if store.has_versions(site.slug):
                store.queue_operator_alert(
                    site.slug,
                    "empty",
                    f"empty:{site.slug}:{body_sha1}",
                    f"{site.slug}: the live policy page {capture.url} has no policy text any more",
                )
        if stored.is_new and stored.version_id is not None:
            # a version this capture created holds exactly its clauses: no need to read them back
            fresh = {stored.version_id: clauses} if stored.new_version else {}
            result.comparisons = compare_new_pairs(store, site.slug, fresh)
            pairs = [(older, newer) for older, newer, *_ in result.comparisons]
            updates = (
                updates_to_alert(store.timeline(site.slug), stored.capture_id, pairs)
                if subscribers
                else []
            )
            seen = [(older.version_id, newer.version_id) for older, newer in updates]
            broken = shrunk_pairs(store, list(dict.fromkeys([*pairs, *seen])))
            if capture.source == "live":
                for (older, newer), (old_length, new_length) in broken.items():
                    store.queue_operator_alert(
                        site.slug,
                        "shrunk",
                        f"shrunk:{older}:{newer}",
                        f"{site.slug}: the policy at {capture.url} shrank by more than half "
                        f"({old_length} -> {new_length} characters); "
                        "subscribers were not alerted",
                    )
            if subscribers:
                wanted = [
                    (older, newer)
                    for older, newer in updates
                    if (older.version_id, newer.version_id) not in broken
                ]
                result.alerts_queued = queue_alerts(
                    store, site, wanted, subscribers, apprise_config
                )
    return result


def record_miss(store: Store, miss: ArchiveMiss) -> IngestResult:
    """A capture the archive could not serve: one more attempt, or recorded as unavailable."""
    reason = f"{admission.UNAVAILABLE_PREFIX}{miss.reason}"
    with store.atomic():
        if miss.final:
            stored = store.add_unavailable_capture(
                miss.site, miss.url, miss.captured_at, miss.status, reason
            )
            return IngestResult(stored=stored, new_version=False, rejected_reason=reason)
        store.record_archive_attempt(miss.site, miss.url, miss.captured_at, miss.reason)
    return IngestResult(stored=False, new_version=False, rejected_reason=None)


def _reference(store: Store, slug: str, captured_at: str) -> admission.Reference | None:
    """The site's version nearest this capture, which the capture must read like."""
    nearest = store.nearest_version(slug, captured_at)
    if nearest is None:
        return None
    version_id, chars = nearest
    return admission.Reference(chars, lambda: store.version_text(version_id))


def _lost_its_text(reason: str | None) -> bool:
    """A page that answered but holds no policy text: empty, a stub, or nothing extractable."""
    return reason == NO_TEXT_REASON or (reason or "").startswith(
        ("empty body", "tiny body", "loading shell")
    )


def _header(headers: dict[str, str], name: str) -> str | None:
    """A header whatever the case the spider stored its name in."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


def compare_new_pairs(
    store: Store, slug: str, fresh: dict[int, list[Clause]] | None = None
) -> list[tuple[int, int, int, int]]:
    """Diff and judge every neighbouring pair on the timeline never compared (under any rules:
    a rules upgrade must not turn old changes into new ones; `monitor reprocess` redoes them,
    as technical changes). ``fresh`` holds the clauses of versions just stored, by id."""
    done = store.compared_pairs(slug)
    runs = store.timeline(slug)
    compared = []

    def clauses_of(version_id: int) -> list[Clause]:
        known = (fresh or {}).get(version_id)
        return known if known is not None else as_clauses(store.clauses(version_id))

    for older, newer in zip(runs, runs[1:], strict=False):
        pair = (older.version_id, newer.version_id)
        if pair in done:
            continue
        changes = judged_changes(clauses_of(older.version_id), clauses_of(newer.version_id))
        store.save_comparison(slug, *pair, RULES_VERSION, changes)
        done.add(pair)
        material = sum(1 for c in changes if c["materiality"] == "material")
        compared.append((*pair, len(changes), material))
    return compared
