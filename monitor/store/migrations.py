"""The schema, as the ordered migrations that build it, and the step that applies them.

A migration is never edited once released: a change to the schema is a new migration at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.dates import utc_now
from monitor.errors import StoreError
from monitor.store.claims import OUTBOX_CLAIMS, alert_per_update
from monitor.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils

# Full-text search for Datasette and for people: sqlite-utils' external-content FTS5 tables
# (clauses_fts, changes_fts) kept current by triggers, so every later insert is searchable.
SEARCHABLE = {
    "clauses": ["text", "section"],
    "changes": ["before", "after", "section", "reasons"],
}


def _fts(db: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over the store's connection, for its full-text index helpers; imported only
    by the migrations that build an index, so opening a database stays quick."""
    import sqlite_utils

    return sqlite_utils.Database(db)


def _enable_search(db: sqlite3.Connection) -> None:
    search = _fts(db)
    for table, columns in SEARCHABLE.items():
        search[table].enable_fts(columns, create_triggers=True, tokenize="porter")


# Views with the questions people bring to `datasette monitor.db`. timeline_pairs derives, as
# Store.timeline does, each point where a site's text changed (a returning text counts again);
# change_log puts dates and site names on every change of those pairs, from the newest
# comparison (rules version) of each pair.
BROWSE_VIEWS = """
CREATE VIEW timeline_pairs AS
SELECT site, from_version, to_version, previous_captured_at, changed_at, changed_source, changed_url
FROM (
    SELECT site, version_id AS to_version, captured_at AS changed_at, source AS changed_source,
           url AS changed_url,
           LAG(version_id) OVER by_time AS from_version,
           LAG(captured_at) OVER by_time AS previous_captured_at
    FROM captures
    WHERE version_id IS NOT NULL
    WINDOW by_time AS (PARTITION BY site ORDER BY captured_at, id)
)
WHERE from_version IS NOT NULL AND from_version != to_version;

CREATE VIEW change_log AS
SELECT p.site, s.name AS site_name, p.previous_captured_at, p.changed_at, p.changed_source,
       p.changed_url, ch.materiality, ch.op, ch.section, ch.before, ch.after, ch.reasons,
       ch.categories, ch.score, ch.id AS change_id, c.id AS comparison_id,
       p.from_version, p.to_version
FROM timeline_pairs p
JOIN sites s ON s.slug = p.site
JOIN comparisons c ON c.id = (
    SELECT max(id) FROM comparisons
    WHERE from_version = p.from_version AND to_version = p.to_version
)
JOIN changes ch ON ch.comparison_id = c.id;

CREATE VIEW material_changes AS
SELECT * FROM change_log WHERE materiality = 'material';

CREATE VIEW material_changes_by_site AS
SELECT s.slug AS site, s.name AS site_name,
       count(m.change_id) AS material_changes,
       count(DISTINCT m.changed_at) AS policy_updates_with_material_changes,
       min(m.changed_at) AS first_material_change_at,
       max(m.changed_at) AS last_material_change_at
FROM sites s LEFT JOIN material_changes m ON m.site = s.slug
GROUP BY s.slug, s.name
ORDER BY material_changes DESC, s.slug;
"""

CHANGES_TABLE = """
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons(id),
    position INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('unchanged', 'added', 'removed', 'modified', 'moved', 'split',
                                   'merged')),
    before TEXT,
    after TEXT,
    section TEXT,
    highlights TEXT NOT NULL DEFAULT '[]',
    materiality TEXT NOT NULL CHECK (materiality IN ('cosmetic', 'minor', 'material')),
    categories TEXT NOT NULL DEFAULT '[]',
    score REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    technical INTEGER NOT NULL DEFAULT 0,
    UNIQUE (comparison_id, position)
)
"""


def _allow_split_and_merged(db: sqlite3.Connection) -> None:
    """The clause diff also reports split and merged clauses (and, on request, unchanged ones).
    SQLite cannot alter a CHECK, so the table is rebuilt; the views and the search index that
    read it are dropped first and made again over the new table."""
    views = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    for view in views:
        db.execute(f"DROP VIEW [{view}]")
    search = _fts(db)
    search["changes"].disable_fts()
    db.execute(CHANGES_TABLE.replace("CREATE TABLE changes", "CREATE TABLE changes_new", 1))
    db.execute("INSERT INTO changes_new SELECT * FROM changes")
    db.execute("DROP TABLE changes")
    db.execute("ALTER TABLE changes_new RENAME TO changes")
    search["changes"].enable_fts(SEARCHABLE["changes"], create_triggers=True, tokenize="porter")
    for statement in BROWSE_VIEWS.split(";"):
        if statement.strip():
            db.execute(statement)


# A migration is SQL (statements separated by ";") or a function of the database, for steps that
# sqlite-utils does better than hand-written SQL (full-text indexes and their triggers).
Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = [
    (
        "0001_initial",
        """
        CREATE TABLE sites (
            slug TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            archive_urls TEXT NOT NULL DEFAULT '[]',
            select_css TEXT NOT NULL DEFAULT '[]',
            remove_css TEXT NOT NULL DEFAULT '[]',
            notify_tags TEXT NOT NULL DEFAULT '["all"]'
        );
        CREATE TABLE bodies (
            sha1 TEXT PRIMARY KEY,
            raw BLOB NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            text_sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            clause_count INTEGER NOT NULL,
            rules_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (site, text_sha256)
        );
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            source TEXT NOT NULL CHECK (source IN ('live', 'wayback')),
            url TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            status INTEGER NOT NULL,
            digest TEXT,
            content_type TEXT,
            body_sha1 TEXT REFERENCES bodies(sha1),
            version_id INTEGER REFERENCES versions(id),
            rejected_reason TEXT,
            fetched_at TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            UNIQUE (site, source, url, captured_at)
        );
        CREATE INDEX captures_timeline ON captures (site, captured_at);
        CREATE INDEX captures_digest ON captures (site, digest);
        CREATE TABLE clauses (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            section TEXT,
            text TEXT NOT NULL,
            UNIQUE (version_id, position)
        );
        CREATE TABLE comparisons (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            from_version INTEGER NOT NULL REFERENCES versions(id),
            to_version INTEGER NOT NULL REFERENCES versions(id),
            rules_version TEXT NOT NULL,
            compared_at TEXT NOT NULL,
            change_count INTEGER NOT NULL,
            material_count INTEGER NOT NULL,
            UNIQUE (from_version, to_version, rules_version)
        );
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id),
            position INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('added', 'removed', 'modified', 'moved')),
            before TEXT,
            after TEXT,
            section TEXT,
            highlights TEXT NOT NULL DEFAULT '[]',
            materiality TEXT NOT NULL CHECK (materiality IN ('cosmetic', 'minor', 'material')),
            categories TEXT NOT NULL DEFAULT '[]',
            score REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            technical INTEGER NOT NULL DEFAULT 0,
            UNIQUE (comparison_id, position)
        );
        """,
    ),
    ("0002_browse_search", _enable_search),
    ("0003_browse_views", BROWSE_VIEWS),
    (
        "0004_runs",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ok INTEGER
        );
        CREATE TABLE site_runs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            site TEXT NOT NULL REFERENCES sites(slug),
            finished_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            archive_checked INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            captures_stored INTEGER NOT NULL DEFAULT 0,
            new_versions INTEGER NOT NULL DEFAULT 0,
            changes INTEGER NOT NULL DEFAULT 0,
            material_changes INTEGER NOT NULL DEFAULT 0,
            not_modified INTEGER NOT NULL DEFAULT 0,
            UNIQUE (run_id, site)
        );
        CREATE INDEX site_runs_by_site ON site_runs (site, finished_at);
        ALTER TABLE captures ADD COLUMN etag TEXT;
        ALTER TABLE captures ADD COLUMN last_modified TEXT
        """,
    ),
    (
        "0005_reprocess",
        # A comparison made by `monitor reprocess` records what new extraction rules changed,
        # not what the site changed: it is technical, as Open Terms Archive labels such versions,
        # and alerts nobody (its changes carry technical = 1 too).
        """
        ALTER TABLE comparisons ADD COLUMN technical INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    ("0006_clause_ops_split_merged", _allow_split_and_merged),
    (
        # Alerts go through an outbox written in the same transaction as the changes they report
        # (see docs/decisions/0008-alerts-go-through-an-outbox.md). A subscriber is the keyed
        # hash of its apprise URL: the URL itself, which holds passwords and tokens, is never
        # stored.
        "0007_outbox",
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            comparison_id INTEGER NOT NULL UNIQUE REFERENCES comparisons(id),
            from_capture INTEGER NOT NULL REFERENCES captures(id),
            to_capture INTEGER NOT NULL REFERENCES captures(id),
            queued_at TEXT NOT NULL
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alerts(id),
            subscriber TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            threshold TEXT NOT NULL CHECK (threshold IN ('minor', 'material')),
            config TEXT,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT NOT NULL,
            last_error TEXT,
            queued_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (alert_id, subscriber)
        );
        CREATE INDEX outbox_due ON outbox (status, next_try);
        """,
    ),
    (
        # Alerts for the operator (apprise tag "operator"), not subscribers: a site failing run
        # after run, or a policy that suddenly shrank or emptied (a broken page, not a change).
        # The unique key makes each one queued once.
        "0008_operator_alerts",
        """
        CREATE TABLE operator_alerts (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            kind TEXT NOT NULL CHECK (kind IN ('failing', 'shrunk', 'empty')),
            key TEXT NOT NULL UNIQUE,
            detail TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            sent_at TEXT
        );
        """,
    ),
    (
        "0009_backfill",
        """
        ALTER TABLE captures ADD COLUMN location TEXT;
        CREATE TABLE archive_saves (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            url TEXT NOT NULL,
            archive_url TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            UNIQUE (site, archive_url)
        );
        """,
    ),
    ("0010_alert_per_update", alert_per_update),
    ("0011_outbox_claims", OUTBOX_CLAIMS),
    (
        # Archive captures that timed out or answered 5xx, counted over runs until they are
        # recorded as unavailable (crawler/spiders/wayback.py, MAX_ARCHIVE_ATTEMPTS); and which
        # site runs fetched the live page (a backfill checks only the archive).
        "0012_archive_attempts",
        """
        CREATE TABLE archive_attempts (
            site TEXT NOT NULL REFERENCES sites(slug),
            url TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            last_try TEXT NOT NULL,
            PRIMARY KEY (site, url, captured_at)
        );
        ALTER TABLE site_runs ADD COLUMN live_fetched INTEGER NOT NULL DEFAULT 1;
        """,
    ),
    (
        # "browser": the body is the DOM Chromium rendered from an app shell (crawler/rendering.py)
        "0013_fetched_with",
        "ALTER TABLE captures ADD COLUMN fetched_with TEXT NOT NULL DEFAULT 'http'",
    ),
]


def pending(db: sqlite3.Connection) -> list[str] | None:
    """The migrations this database has not had yet (None: it is no policy-monitor database)."""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if found is None:
        return None
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply every migration this database has not had yet, each in its own write transaction.

    Tables are rebuilt with foreign keys off, as SQLite's own procedure says; each migration
    checks them before it commits.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    if all(name in done for name, _ in MIGRATIONS):
        return
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        for name, sql in MIGRATIONS:
            if name not in done:
                _apply(db, path, name, sql)
    finally:
        db.execute("PRAGMA foreign_keys=ON")


def _apply(db: sqlite3.Connection, path: Path, name: str, sql: Migration) -> None:
    with immediate(db, path):
        # another process may have applied it while this one waited for the lock
        if db.execute("SELECT 1 FROM migrations WHERE name = ?", [name]).fetchone():
            return
        if callable(sql):
            sql(db)
        else:
            for statement in sql.split(";"):
                if statement.strip():
                    db.execute(statement)
        if db.execute("PRAGMA foreign_key_check").fetchone():
            raise StoreError(f"migration {name} would break foreign keys")
        db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, utc_now()])
