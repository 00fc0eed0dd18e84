"""Who is owed an alert: real captures ingested into a real SQLite file, no network."""

from __future__ import annotations

import sqlite3

import pytest

from monitor.config import parse_sites
from monitor.delivery.alerts import Subscriber, queue_alerts, subscriptions
from monitor.ingest.core import ingest
from tests.conftest import CLINIC_SITES, live_capture

BEFORE = b"<main><h1>Privacy</h1><p>We never sell your health data.</p><p>Write to us.</p></main>"
AFTER = b"<main><h1>Privacy</h1><p>We may sell your health data.</p><p>Write to us.</p></main>"
MINOR = (
    b"<main><h1>Privacy</h1><p>We never sell your health data.</p><p>Please write to us.</p></main>"
)

LEGAL = Subscriber("f-legal", frozenset({"legal"}))
PRESS = Subscriber("f-press", frozenset({"press"}))
OTHER = Subscriber("f-other", frozenset({"marketing"}))


def outbox(store):
    return store.db.execute("SELECT subscriber, threshold FROM outbox ORDER BY id").fetchall()


def test_the_first_version_is_a_baseline(store, site):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS])
    assert outbox(store) == []


def test_a_material_change_reaches_each_tag_once_and_no_stranger(store, site):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS, OTHER])
    result = ingest(store, site, live_capture(AFTER, "2026-02-01T00:00:00Z"), [LEGAL, PRESS, OTHER])
    assert result.alerts_queued == 2
    assert outbox(store) == [("f-legal", "material"), ("f-press", "minor")]


def test_a_minor_change_reaches_only_tags_with_the_minor_threshold(store, site):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS])
    ingest(store, site, live_capture(MINOR, "2026-02-01T00:00:00Z"), [LEGAL, PRESS])
    assert outbox(store) == [("f-press", "minor")]


def test_the_all_tag_reaches_every_url_as_in_apprise(site):
    everyone = parse_sites(CLINIC_SITES.replace("[legal, press]", "[all]"))[0]
    assert [s.fingerprint for s in subscriptions(everyone, [LEGAL, OTHER])] == [
        "f-legal",
        "f-other",
    ]


def test_technical_changes_never_alert(store, site):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"))
    ingest(store, site, live_capture(AFTER, "2026-02-01T00:00:00Z"))
    with store.atomic():
        store.db.execute("UPDATE changes SET technical = 1")
        runs = store.timeline("clinic")
        assert queue_alerts(store, site, [(runs[0], runs[1])], [LEGAL, PRESS]) == 0


def test_a_pair_compared_under_earlier_rules_does_not_alert_again(store, site):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"))
    ingest(store, site, live_capture(AFTER, "2026-02-01T00:00:00Z"))
    runs = store.timeline("clinic")
    pair = (runs[0].version_id, runs[1].version_id)
    with store.atomic():
        store.save_comparison("clinic", *pair, "rules-of-last-year", [])
        assert queue_alerts(store, site, [(runs[0], runs[1])], [LEGAL]) == 0


def test_a_change_that_comes_back_alerts_every_time(store, site):
    # A -> B -> A -> B: three updates, three alerts, though only two pairs of texts exist
    for month, body in enumerate((BEFORE, AFTER, BEFORE, AFTER), start=1):
        ingest(store, site, live_capture(body, f"2026-0{month}-01T00:00:00Z"), [LEGAL])
    assert outbox(store) == [("f-legal", "material")] * 3
    assert store.db.execute("SELECT count(*) FROM comparisons").fetchone()[0] == 2


def test_the_same_capture_ingested_twice_alerts_once(store, site):
    for month, body in enumerate((BEFORE, AFTER, BEFORE), start=1):
        ingest(store, site, live_capture(body, f"2026-0{month}-01T00:00:00Z"), [LEGAL])
    ingest(store, site, live_capture(BEFORE, "2026-03-01T00:00:00Z"), [LEGAL])
    assert len(outbox(store)) == 2


def test_a_page_seen_again_unchanged_does_not_alert_again(store, site):
    for month, body in enumerate((BEFORE, AFTER, AFTER), start=1):
        ingest(store, site, live_capture(body, f"2026-0{month}-01T00:00:00Z"), [LEGAL])
    assert len(outbox(store)) == 1


def test_outbox_rows_roll_back_with_the_changes(store, site, tmp_path):
    ingest(store, site, live_capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL])
    with pytest.raises(RuntimeError), store.atomic():
        ingest_inside = live_capture(AFTER, "2026-02-01T00:00:00Z")
        ingest(store, site, ingest_inside, [LEGAL])
        raise RuntimeError("crash after the outbox write")
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM comparisons").fetchone()[0] == 0
