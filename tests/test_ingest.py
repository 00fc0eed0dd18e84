"""ingest() of live pages a server sends again unchanged: a real SQLite file, no network."""

from __future__ import annotations

from monitor.ingest.core import ingest
from tests.conftest import live_capture

POLICY = b"<main><h1>Privacy</h1><p>We never sell your health data.</p></main>"
STUB = b"<main><p>Loading...</p></main>"


def rows(store):
    return store.db.execute(
        "SELECT captured_at, last_seen, version_id, rejected_reason FROM captures"
    ).fetchall()


def test_the_same_bytes_again_only_move_last_seen(store, site):
    """A server that ignores conditional requests: the page is not a new capture or version."""
    ingest(store, site, live_capture(POLICY, "2026-01-01T00:00:00Z"))
    store.db.execute("UPDATE captures SET last_seen = '2026-01-01T00:00:00Z'")
    again = ingest(store, site, live_capture(POLICY, "2026-01-02T00:00:00Z"))
    assert (again.stored, again.new_version, again.rejected_reason) == (False, False, None)
    [(captured_at, last_seen, version_id, reason)] = rows(store)
    assert captured_at == "2026-01-01T00:00:00Z" and last_seen > "2026-01-02"
    assert version_id is not None and reason is None


def test_a_rejected_page_sent_again_keeps_its_reason_and_alerts_no_one_twice(store, site):
    ingest(store, site, live_capture(POLICY, "2026-01-01T00:00:00Z"))
    first = ingest(store, site, live_capture(STUB, "2026-01-02T00:00:00Z"))
    again = ingest(store, site, live_capture(STUB, "2026-01-03T00:00:00Z"))
    assert first.rejected_reason and again.rejected_reason == first.rejected_reason
    assert not again.stored
    assert len(rows(store)) == 2
    operator = store.db.execute("SELECT count(*) FROM operator_alerts").fetchone()[0]
    assert operator == 1
