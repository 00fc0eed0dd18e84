"""The store on real SQLite files: idempotent writes, one version per text, a derived timeline."""

import sqlite3

import pytest

from monitor.errors import StoreError
from monitor.store import MIGRATIONS, ClauseRow, Store

CLAUSES_A = [ClauseRow(0, "heading", None, "Privacy"), ClauseRow(1, "sentence", "Privacy", "A.")]
CLAUSES_B = [ClauseRow(0, "heading", None, "Privacy"), ClauseRow(1, "sentence", "Privacy", "B.")]


class Site:
    slug, name, url = "clinic", "Clinic", "https://clinic.example/privacy"
    archive_urls, select, remove, notify = (), (), (), ("all",)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "monitor.db") as opened:
        opened.sync_sites([Site()])
        yield opened


def add(store, *, captured_at, text="A", body=None, source="wayback", digest=None, url=None):
    body = body if body is not None else f"<p>{text}</p>".encode()
    clauses = CLAUSES_A if text == "A" else CLAUSES_B
    with store.atomic():
        return store.add_capture(
            site="clinic",
            source=source,
            url=url or Site.url,
            captured_at=captured_at,
            status=200,
            digest=digest or f"D{text}",
            content_type="text/html",
            body=body,
            body_sha1=f"S{body.decode()}" if body else None,
            text=f"# Privacy\n\n{text}.",
            text_sha256=f"H{text}",
            clauses=clauses,
            rules_version="test",
            rejected_reason=None,
        )


def test_database_uses_wal_and_foreign_keys(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_does_not_migrate_twice(tmp_path):
    Store(tmp_path / "m.db").close()
    with Store(tmp_path / "m.db") as store:
        applied = store.db.execute("SELECT count(*) FROM migrations").fetchone()[0]
        assert applied == len(MIGRATIONS)


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(bad)


def test_same_capture_twice_is_stored_once(store):
    first = add(store, captured_at="2014-01-01T00:00:00Z")
    second = add(store, captured_at="2014-01-01T00:00:00Z")
    assert first.is_new and not second.is_new
    assert store.counts()["captures"] == 1


def test_captures_with_the_same_text_share_one_version(store):
    add(store, captured_at="2014-01-01T00:00:00Z", body=b"<p>A</p><!-- 1 -->")
    add(store, captured_at="2015-01-01T00:00:00Z", body=b"<p>A</p><!-- 2 -->")
    assert store.counts()["versions"] == 1
    assert store.counts()["captures"] == 2


def test_identical_live_capture_only_moves_last_seen(store):
    add(store, captured_at="2026-01-01T00:00:00Z", source="live")
    again = add(store, captured_at="2026-01-02T00:00:00Z", source="live")
    assert not again.is_new
    assert store.counts()["captures"] == 1
    last_seen = store.db.execute("SELECT last_seen FROM captures").fetchone()[0]
    assert last_seen >= "2026"


def test_a_live_page_changed_within_the_same_second_is_a_capture_of_its_own(store):
    add(store, captured_at="2026-01-01T00:00:00Z", source="live", text="A")
    changed = add(store, captured_at="2026-01-01T00:00:00Z", source="live", text="B")
    assert changed.is_new and changed.new_version
    stamps = [row[0] for row in store.db.execute("SELECT captured_at FROM captures ORDER BY id")]
    assert stamps == ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"]


def test_capture_without_body_reuses_the_stored_body_of_its_digest(store):
    add(store, captured_at="2014-01-01T00:00:00Z", text="A")
    with store.atomic():
        twin = store.add_capture(
            site="clinic",
            source="wayback",
            url=Site.url,
            captured_at="2016-01-01T00:00:00Z",
            status=200,
            digest="DA",
            content_type=None,
            body=None,
            body_sha1=None,
            text=None,
            text_sha256=None,
            clauses=[],
            rules_version="test",
            rejected_reason=None,
        )
    assert twin.is_new and twin.version_id is not None
    assert store.counts()["bodies"] == 1


def test_timeline_orders_by_capture_time_whatever_the_arrival_order(store):
    add(store, captured_at="2020-01-01T00:00:00Z", text="B")
    add(store, captured_at="2014-01-01T00:00:00Z", text="A")
    runs = store.timeline("clinic")
    assert [r.captured_at[:4] for r in runs] == ["2014", "2020"]


def test_a_text_that_comes_back_is_a_new_run(store):
    add(store, captured_at="2014-01-01T00:00:00Z", text="A")
    add(store, captured_at="2015-01-01T00:00:00Z", text="B")
    add(store, captured_at="2016-01-01T00:00:00Z", text="A", body=b"<p>A</p> ")
    runs = store.timeline("clinic")
    assert [r.text_sha256 for r in runs] == ["HA", "HB", "HA"]
    assert store.counts()["versions"] == 2


def test_raw_body_round_trips_compressed(store):
    body = b"<html>" + b"policy " * 1000 + b"</html>"
    add(store, captured_at="2014-01-01T00:00:00Z", body=body)
    sha1 = store.db.execute("SELECT body_sha1 FROM captures").fetchone()[0]
    stored_size = store.db.execute("SELECT length(raw) FROM bodies").fetchone()[0]
    assert store.raw_body(sha1) == body
    assert stored_size < len(body) / 10


def test_comparison_is_saved_once(store):
    a = add(store, captured_at="2014-01-01T00:00:00Z", text="A").version_id
    b = add(store, captured_at="2015-01-01T00:00:00Z", text="B").version_id
    change = {
        "op": "modified",
        "before": "A.",
        "after": "B.",
        "section": "Privacy",
        "materiality": "minor",
        "categories": ["other"],
        "score": 0.2,
    }
    assert store.save_comparison("clinic", a, b, "test", [change])
    assert not store.save_comparison("clinic", a, b, "test", [change])
    assert store.changes(a, b, "test")[0]["after"] == "B."
    assert store.counts()["changes"] == 1


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.atomic():
        add(store, captured_at="2014-01-01T00:00:00Z")
        raise RuntimeError("crash in the middle")
    assert store.counts()["captures"] == 0
    assert store.counts()["bodies"] == 0


def test_foreign_keys_reject_a_capture_for_an_unknown_site(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO captures (site, source, url, captured_at, status, fetched_at, last_seen)"
            " VALUES ('nobody', 'live', 'u', 't', 200, 't', 't')"
        )
