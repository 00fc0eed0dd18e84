"""Who is owed an alert: real captures ingested into a real SQLite file, no network."""

from __future__ import annotations

import sqlite3

import pytest

from capture import Capture
from monitor.config import parse_sites
from monitor.delivery.alerts import Subscriber, queue_alerts, subscriptions
from monitor.ingest.core import ingest
from monitor.store import Store

SITES = """
notify_thresholds:
  press: minor
sites:
  - slug: clinic
    name: Clinic
    url: https://clinic.example/privacy
    notify: [legal, press]
"""
BEFORE = b"<main><h1>Privacy</h1><p>We never sell your health data.</p><p>Write to us.</p></main>"
AFTER = b"<main><h1>Privacy</h1><p>We may sell your health data.</p><p>Write to us.</p></main>"
MINOR = (
    b"<main><h1>Privacy</h1><p>We never sell your health data.</p><p>Please write to us.</p></main>"
)

LEGAL = Subscriber("f-legal", frozenset({"legal"}))
PRESS = Subscriber("f-press", frozenset({"press"}))
OTHER = Subscriber("f-other", frozenset({"marketing"}))


@pytest.fixture
def site():
    return parse_sites(SITES)[0]


@pytest.fixture
def store(tmp_path, site):
    with Store(tmp_path / "monitor.db") as opened:
        opened.sync_sites([site])
        yield opened


def capture(body: bytes, when: str) -> Capture:
    return Capture("clinic", "live", "https://clinic.example/privacy", when, 200, body)


def outbox(store):
    return store.db.execute("SELECT subscriber, threshold FROM outbox ORDER BY id").fetchall()


def test_the_first_version_is_a_baseline(store, site):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS])
    assert outbox(store) == []


def test_a_material_change_reaches_each_tag_once_and_no_stranger(store, site):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS, OTHER])
    result = ingest(store, site, capture(AFTER, "2026-02-01T00:00:00Z"), [LEGAL, PRESS, OTHER])
    assert result.alerts_queued == 2
    assert outbox(store) == [("f-legal", "material"), ("f-press", "minor")]


def test_a_minor_change_reaches_only_tags_with_the_minor_threshold(store, site):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL, PRESS])
    ingest(store, site, capture(MINOR, "2026-02-01T00:00:00Z"), [LEGAL, PRESS])
    assert outbox(store) == [("f-press", "minor")]


def test_the_all_tag_reaches_every_url_as_in_apprise(site):
    everyone = parse_sites(SITES.replace("[legal, press]", "[all]"))[0]
    assert [s.fingerprint for s in subscriptions(everyone, [LEGAL, OTHER])] == [
        "f-legal",
        "f-other",
    ]


def test_technical_changes_never_alert(store, site):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"))
    ingest(store, site, capture(AFTER, "2026-02-01T00:00:00Z"))
    with store.atomic():
        store.db.execute("UPDATE changes SET technical = 1")
        runs = store.timeline("clinic")
        pair = (runs[0].version_id, runs[1].version_id)
        assert queue_alerts(store, site, [pair], [LEGAL, PRESS]) == 0


def test_a_pair_compared_under_earlier_rules_does_not_alert_again(store, site):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"))
    ingest(store, site, capture(AFTER, "2026-02-01T00:00:00Z"))
    runs = store.timeline("clinic")
    pair = (runs[0].version_id, runs[1].version_id)
    with store.atomic():
        store.save_comparison("clinic", *pair, "rules-of-last-year", [])
        assert queue_alerts(store, site, [pair], [LEGAL]) == 0


def test_outbox_rows_roll_back_with_the_changes(store, site, tmp_path):
    ingest(store, site, capture(BEFORE, "2026-01-01T00:00:00Z"), [LEGAL])
    with pytest.raises(RuntimeError), store.atomic():
        ingest_inside = capture(AFTER, "2026-02-01T00:00:00Z")
        ingest(store, site, ingest_inside, [LEGAL])
        raise RuntimeError("crash after the outbox write")
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM comparisons").fetchone()[0] == 0
