"""The SQLite store: the only module that knows the schema and speaks SQL.

Raw captures are kept (compressed, deduplicated by body hash) apart from the versions extracted
from them, as Open Terms Archive keeps snapshots apart from versions, so text can be re-extracted
when the rules improve. A version is one distinct normalized text of a site's policy; the timeline
is derived from the captures in time order, so captures may arrive in any order (a backfill after
a live crawl, a re-run after a crash) and the result is the same. Idempotence comes from unique keys
and ``INSERT OR IGNORE``, never from checking first and writing later.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from monitor.errors import StoreError

# Full-text search for Datasette and for people: sqlite-utils' external-content FTS5 tables
# (clauses_fts, changes_fts) kept current by triggers, so every later insert is searchable.
SEARCHABLE = {
    "clauses": ["text", "section"],
    "changes": ["before", "after", "section", "reasons"],
}


def _enable_search(db: sqlite_utils.Database) -> None:
    for table, columns in SEARCHABLE.items():
        db[table].enable_fts(columns, create_triggers=True, tokenize="porter")


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


def _allow_split_and_merged(db: sqlite_utils.Database) -> None:
    """The clause diff also reports split and merged clauses (and, on request, unchanged ones).
    SQLite cannot alter a CHECK, so the table is rebuilt; the views and the search index that
    read it are dropped first and made again over the new table."""
    views = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    for view in views:
        db.execute(f"DROP VIEW [{view}]")
    db["changes"].disable_fts()
    db.execute(CHANGES_TABLE.replace("CREATE TABLE changes", "CREATE TABLE changes_new", 1))
    db.execute("INSERT INTO changes_new SELECT * FROM changes")
    db.execute("DROP TABLE changes")
    db.execute("ALTER TABLE changes_new RENAME TO changes")
    db["changes"].enable_fts(SEARCHABLE["changes"], create_triggers=True, tokenize="porter")
    for statement in BROWSE_VIEWS.split(";"):
        if statement.strip():
            db.execute(statement)


# A migration is SQL (statements separated by ";") or a function of the database, for steps that
# sqlite-utils does better than hand-written SQL (full-text indexes and their triggers).
Migration = str | Callable[[sqlite_utils.Database], None]

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
    (
        # Archive captures that timed out or answered 5xx, counted over runs until they are
        # recorded as unavailable (crawler/spiders/wayback.py, MAX_ARCHIVE_ATTEMPTS); and which
        # site runs fetched the live page (a backfill checks only the archive).
        "0010_archive_attempts",
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
]


@dataclass(frozen=True)
class StoredCapture:
    """What the store did with one capture."""

    capture_id: int
    is_new: bool
    version_id: int | None
    new_version: bool
    rejected_reason: str | None


@dataclass(frozen=True)
class VersionRun:
    """A stretch of the timeline where the policy text stayed the same."""

    version_id: int
    text_sha256: str
    capture_id: int
    captured_at: str
    source: str
    url: str
    last_captured_at: str
    capture_count: int

    def as_dict(self) -> dict:
        return {
            "version_id": self.version_id,
            "captured_at": self.captured_at,
            "source": self.source,
            "url": self.url,
            "text_sha256": self.text_sha256,
            "last_captured_at": self.last_captured_at,
            "captures": self.capture_count,
        }


@dataclass(frozen=True)
class StoredBody:
    """A capture whose raw body is kept, as `monitor reprocess` re-reads it."""

    capture_id: int
    status: int
    url: str
    content_type: str | None
    body_sha1: str
    version_id: int | None
    rejected_reason: str | None


@dataclass(frozen=True)
class Delivery:
    """One outbox row: a change set owed to one subscriber."""

    id: int
    alert_id: int
    site: str
    subscriber: str
    tags: tuple[str, ...]
    threshold: str
    attempts: int
    next_try: str
    last_error: str | None
    queued_at: str


@dataclass(frozen=True)
class AlertCapture:
    """One side of an alerted pair: where and when that version was captured."""

    captured_at: str
    source: str
    url: str


@dataclass(frozen=True)
class AlertEvidence:
    """Everything a message about one change set needs, read back from the store."""

    site: str
    site_name: str
    site_url: str
    older: AlertCapture
    newer: AlertCapture
    changes: list[dict]


@dataclass(frozen=True)
class ClauseRow:
    position: int
    kind: str
    section: str | None
    text: str


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """A policy-monitor database file (SQLite, WAL, foreign keys on)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: everything inside lands together or not at all."""
        with self.db.atomic():
            yield

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.db.atomic():
                if callable(sql):
                    sql(self.db)
                else:
                    for statement in sql.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, utc_now()]
                )

    # sites -----------------------------------------------------------------

    def sync_sites(self, sites: Iterable) -> None:
        """Mirror the sites file; sites removed from the file keep their history."""
        with self.atomic():
            for site in sites:
                self.db.execute(
                    """INSERT INTO sites (slug, name, url, archive_urls, select_css, remove_css,
                                          notify_tags)
                       VALUES (?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (slug) DO UPDATE SET name=excluded.name, url=excluded.url,
                         archive_urls=excluded.archive_urls, select_css=excluded.select_css,
                         remove_css=excluded.remove_css, notify_tags=excluded.notify_tags""",
                    [
                        site.slug,
                        site.name,
                        site.url,
                        json.dumps(list(site.archive_urls)),
                        json.dumps(list(site.select)),
                        json.dumps(list(site.remove)),
                        json.dumps(list(site.notify)),
                    ],
                )

    def site(self, slug: str) -> dict | None:
        """A stored site's slug, name and url, or None."""
        row = self.db.execute("SELECT slug, name, url FROM sites WHERE slug = ?", [slug]).fetchone()
        return dict(zip(("slug", "name", "url"), row, strict=True)) if row else None

    def site_slugs(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT slug FROM sites").fetchall()}

    # captures --------------------------------------------------------------

    def wayback_seen(self, site: str) -> tuple[set[tuple[str, str]], set[str]]:
        """(url, captured_at) pairs already stored, and digests whose body is stored."""
        rows = self.db.execute(
            "SELECT url, captured_at, digest, body_sha1 FROM captures"
            " WHERE site = ? AND source = 'wayback'",
            [site],
        ).fetchall()
        seen = {(url, captured_at) for url, captured_at, _, _ in rows}
        digests = {digest for _, _, digest, body in rows if digest and body}
        return seen, digests

    def archive_attempts(self, site: str) -> dict[tuple[str, str], int]:
        """(url, captured_at) -> failed attempts, of the site's captures not yet recorded."""
        rows = self.db.execute(
            "SELECT url, captured_at, attempts FROM archive_attempts WHERE site = ?", [site]
        ).fetchall()
        return {(url, captured_at): attempts for url, captured_at, attempts in rows}

    def record_archive_attempt(self, site: str, url: str, captured_at: str, error: str) -> None:
        """One more failed attempt at an archive capture. Call inside ``atomic()``."""
        self.db.execute(
            """INSERT INTO archive_attempts (site, url, captured_at, attempts, last_error,
                 last_try) VALUES (?, ?, ?, 1, ?, ?)
               ON CONFLICT (site, url, captured_at) DO UPDATE SET
                 attempts = attempts + 1, last_error = excluded.last_error,
                 last_try = excluded.last_try""",
            [site, url, captured_at, error, utc_now()],
        )

    def add_unavailable_capture(
        self, site: str, url: str, captured_at: str, status: int, reason: str
    ) -> bool:
        """Record an archive capture that cannot be served, once, without a body: never a
        version, never fetched again. False when it was recorded before. Call inside
        ``atomic()``."""
        now = utc_now()
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO captures (site, source, url, captured_at, status,
                 rejected_reason, fetched_at, last_seen)
               VALUES (?, 'wayback', ?, ?, ?, ?, ?, ?)""",
            [site, url, captured_at, status, reason, now, now],
        )
        self.db.execute(
            "DELETE FROM archive_attempts WHERE site = ? AND url = ? AND captured_at = ?",
            [site, url, captured_at],
        )
        return cursor.rowcount == 1

    def add_capture(
        self,
        *,
        site: str,
        source: str,
        url: str,
        captured_at: str,
        status: int,
        digest: str | None,
        content_type: str | None,
        body: bytes | None,
        body_sha1: str | None,
        text: str | None,
        text_sha256: str | None,
        clauses: list[ClauseRow],
        rules_version: str,
        rejected_reason: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        location: str | None = None,
    ) -> StoredCapture:
        """Record one capture and the version its text belongs to. Call inside ``atomic()``.

        A live capture identical to the site's previous live capture only moves ``last_seen``;
        a capture without a body reuses the stored body (and verdict, and redirect target) of a
        capture with the same digest. A redirect (``location``) never gets a version.
        """
        now = utc_now()
        if source == "live" and body_sha1:
            unchanged = self.same_as_last_live(site, body_sha1)
            if unchanged is not None:
                return unchanged
        if body is None:
            twin = self.db.execute(
                """SELECT body_sha1, version_id, rejected_reason, content_type, location
                   FROM captures
                   WHERE site = ? AND digest = ? AND body_sha1 IS NOT NULL LIMIT 1""",
                [site, digest],
            ).fetchone()
            if twin is None:
                raise StoreError(f"no stored body for digest {digest} of {site}")
            body_sha1, version_id, rejected_reason, content_type, location = twin
            new_version = False
        else:
            if body_sha1 is None:
                raise ValueError("body_sha1 is required with a body")
            self.db.execute(
                "INSERT OR IGNORE INTO bodies (sha1, raw, size) VALUES (?, ?, ?)",
                [body_sha1, zlib.compress(body, 6), len(body)],
            )
            version_id, new_version = (None, False)
            if (
                text is not None
                and text_sha256 is not None
                and rejected_reason is None
                and location is None
            ):
                version_id, new_version = self._version_for(
                    site, text, text_sha256, clauses, rules_version, now
                )
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO captures (site, source, url, captured_at, status, digest,
                 content_type, body_sha1, version_id, rejected_reason, fetched_at, last_seen,
                 etag, last_modified, location)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                site,
                source,
                url,
                captured_at,
                status,
                digest,
                content_type,
                body_sha1,
                version_id,
                rejected_reason,
                now,
                now,
                etag,
                last_modified,
                location,
            ],
        )
        if cursor.rowcount == 0:
            existing = self.db.execute(
                """SELECT id, version_id, rejected_reason FROM captures
                   WHERE site = ? AND source = ? AND url = ? AND captured_at = ?""",
                [site, source, url, captured_at],
            ).fetchone()
            return StoredCapture(existing[0], False, existing[1], False, existing[2])
        return StoredCapture(cursor.lastrowid, True, version_id, new_version, rejected_reason)

    def _version_for(
        self,
        site: str,
        text: str,
        text_sha256: str,
        clauses: list[ClauseRow],
        rules_version: str,
        now: str,
    ) -> tuple[int, bool]:
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO versions (site, text_sha256, text, clause_count,
                 rules_version, created_at) VALUES (?, ?, ?, ?, ?, ?)""",
            [site, text_sha256, text, len(clauses), rules_version, now],
        )
        if cursor.rowcount:
            version_id = cursor.lastrowid
            self.db.conn.executemany(
                "INSERT INTO clauses (version_id, position, kind, section, text)"
                " VALUES (?, ?, ?, ?, ?)",
                [(version_id, c.position, c.kind, c.section, c.text) for c in clauses],
            )
            return version_id, True
        row = self.db.execute(
            "SELECT id FROM versions WHERE site = ? AND text_sha256 = ?", [site, text_sha256]
        ).fetchone()
        return row[0], False

    def same_as_last_live(self, site: str, body_sha1: str) -> StoredCapture | None:
        """When the site's latest live capture has these very bytes, move its ``last_seen`` and
        return it: such a capture adds nothing else. None otherwise. Call inside ``atomic()``."""
        previous = self.db.execute(
            """SELECT id, body_sha1, version_id, rejected_reason FROM captures
               WHERE site = ? AND source = 'live' ORDER BY captured_at DESC, id DESC LIMIT 1""",
            [site],
        ).fetchone()
        if not previous or previous[1] != body_sha1:
            return None
        self.db.execute("UPDATE captures SET last_seen = ? WHERE id = ?", [utc_now(), previous[0]])
        return StoredCapture(previous[0], False, previous[2], False, previous[3])

    def live_validators(self, site: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified of the site's latest live capture, for a conditional fetch."""
        row = self.db.execute(
            """SELECT etag, last_modified FROM captures WHERE site = ? AND source = 'live'
               ORDER BY captured_at DESC, id DESC LIMIT 1""",
            [site],
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def mark_live_unchanged(self, site: str) -> bool:
        """A 304 answer: the latest live capture is still current. False if there is none."""
        cursor = self.db.execute(
            """UPDATE captures SET last_seen = ? WHERE id = (
                 SELECT id FROM captures WHERE site = ? AND source = 'live'
                 ORDER BY captured_at DESC, id DESC LIMIT 1)""",
            [utc_now(), site],
        )
        return cursor.rowcount == 1

    def version_for(
        self,
        site: str,
        text: str,
        text_sha256: str,
        clauses: list[ClauseRow],
        rules_version: str,
    ) -> tuple[int, bool]:
        """The version holding this text, created if new: (version id, created). Call inside
        ``atomic()``."""
        return self._version_for(site, text, text_sha256, clauses, rules_version, utc_now())

    def stored_bodies(self, site: str) -> list[StoredBody]:
        """Every capture of a site whose raw body is kept, in capture-time order."""
        rows = self.db.execute(
            """SELECT id, status, url, content_type, body_sha1, version_id, rejected_reason
               FROM captures WHERE site = ? AND body_sha1 IS NOT NULL
               ORDER BY captured_at, id""",
            [site],
        ).fetchall()
        return [StoredBody(*row) for row in rows]

    def reassign_capture(
        self, capture_id: int, version_id: int | None, rejected_reason: str | None
    ) -> None:
        """Point a capture at the version its body gives under the current rules."""
        self.db.execute(
            "UPDATE captures SET version_id = ?, rejected_reason = ? WHERE id = ?",
            [version_id, rejected_reason, capture_id],
        )

    def add_archive_save(self, site: str, url: str, archive_url: str, saved_at: str) -> None:
        """Remember a copy that Save Page Now made of a site's live page."""
        with self.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO archive_saves (site, url, archive_url, saved_at)"
                " VALUES (?, ?, ?, ?)",
                [site, url, archive_url, saved_at],
            )

    def archive_saves(self, site: str) -> list[tuple[str, str]]:
        """(saved_at, archive_url) of the site's saved copies, oldest first."""
        return [
            (saved_at, archive_url)
            for saved_at, archive_url in self.db.execute(
                "SELECT saved_at, archive_url FROM archive_saves WHERE site = ?"
                " ORDER BY saved_at, id",
                [site],
            ).fetchall()
        ]

    def raw_body(self, sha1: str) -> bytes:
        row = self.db.execute("SELECT raw FROM bodies WHERE sha1 = ?", [sha1]).fetchone()
        if row is None:
            raise StoreError(f"no stored body {sha1}")
        return zlib.decompress(row[0])

    # timeline and comparisons ---------------------------------------------

    def timeline(self, site: str) -> list[VersionRun]:
        """Runs of identical text in capture-time order; a text that returns is a new run."""
        rows = self.db.execute(
            """SELECT c.id, c.captured_at, c.source, c.url, c.version_id, v.text_sha256
               FROM captures c JOIN versions v ON v.id = c.version_id
               WHERE c.site = ? ORDER BY c.captured_at, c.id""",
            [site],
        ).fetchall()
        runs: list[VersionRun] = []
        for capture_id, captured_at, source, url, version_id, sha in rows:
            if runs and runs[-1].version_id == version_id:
                last = runs[-1]
                runs[-1] = VersionRun(
                    last.version_id,
                    last.text_sha256,
                    last.capture_id,
                    last.captured_at,
                    last.source,
                    last.url,
                    captured_at,
                    last.capture_count + 1,
                )
            else:
                runs.append(
                    VersionRun(
                        version_id, sha, capture_id, captured_at, source, url, captured_at, 1
                    )
                )
        return runs

    def clauses(self, version_id: int) -> list[ClauseRow]:
        rows = self.db.execute(
            "SELECT position, kind, section, text FROM clauses WHERE version_id = ?"
            " ORDER BY position",
            [version_id],
        ).fetchall()
        return [ClauseRow(*row) for row in rows]

    def compared_pairs(self, site: str, rules_version: str | None = None) -> set[tuple[int, int]]:
        """Version pairs compared under these rules, or under any rules when None."""
        rows = self.db.execute(
            "SELECT from_version, to_version FROM comparisons WHERE site = ?"
            " AND (? IS NULL OR rules_version = ?)",
            [site, rules_version, rules_version],
        ).fetchall()
        return {(a, b) for a, b in rows}

    def technical_changes(self, site: str) -> list[dict]:
        """Comparisons recorded by ``monitor reprocess`` (technical: never alerted), newest
        first, with how many changes each holds."""
        rows = self.db.execute(
            """SELECT id, from_version, to_version, rules_version, compared_at, change_count
               FROM comparisons WHERE site = ? AND technical = 1 ORDER BY id DESC""",
            [site],
        ).fetchall()
        keys = ("comparison_id", "from_version", "to_version", "rules_version", "compared_at")
        return [dict(zip((*keys, "changes"), row, strict=True)) for row in rows]

    def save_comparison(
        self,
        site: str,
        from_version: int,
        to_version: int,
        rules_version: str,
        changes: list[dict],
        *,
        technical: bool = False,
    ) -> bool:
        """Store the changes between two versions once; False when already stored.

        ``technical=True`` marks the comparison and every change in it as caused by new
        extraction rules (``monitor reprocess``), not by the site: such changes never alert.
        """
        material = sum(1 for c in changes if c["materiality"] == "material")
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO comparisons (site, from_version, to_version, rules_version,
                 compared_at, change_count, material_count, technical)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                site,
                from_version,
                to_version,
                rules_version,
                utc_now(),
                len(changes),
                material,
                int(technical),
            ],
        )
        if cursor.rowcount == 0:
            return False
        comparison_id = cursor.lastrowid
        self.db.conn.executemany(
            """INSERT INTO changes (comparison_id, position, op, before, after, section,
                 highlights, materiality, categories, score, reasons, technical)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    comparison_id,
                    position,
                    c["op"],
                    c["before"],
                    c["after"],
                    c["section"],
                    json.dumps(c.get("highlights", [])),
                    c["materiality"],
                    json.dumps(c["categories"]),
                    c["score"],
                    json.dumps(c.get("reasons", [])),
                    int(technical or c.get("technical", False)),
                )
                for position, c in enumerate(changes)
            ],
        )
        return True

    def changes(self, from_version: int, to_version: int, rules_version: str) -> list[dict] | None:
        """Stored changes between two versions, or None when the pair was never compared."""
        comparison_id = self.comparison_id(from_version, to_version, rules_version)
        if comparison_id is None:
            return None
        return self.comparison_changes(comparison_id)

    def comparison_id(self, from_version: int, to_version: int, rules_version: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM comparisons WHERE from_version = ? AND to_version = ?"
            " AND rules_version = ?",
            [from_version, to_version, rules_version],
        ).fetchone()
        return row[0] if row else None

    def compared_under_other_rules(
        self, from_version: int, to_version: int, rules_version: str
    ) -> bool:
        """True when this pair was already compared before a rules upgrade (a technical redo)."""
        row = self.db.execute(
            "SELECT 1 FROM comparisons WHERE from_version = ? AND to_version = ?"
            " AND rules_version != ? LIMIT 1",
            [from_version, to_version, rules_version],
        ).fetchone()
        return row is not None

    def comparison_changes(self, comparison_id: int) -> list[dict]:
        rows = self.db.execute(
            """SELECT op, before, after, section, materiality, categories, score, reasons,
                      highlights, technical
               FROM changes WHERE comparison_id = ? ORDER BY position""",
            [comparison_id],
        ).fetchall()
        return [
            {
                "op": op,
                "before": before,
                "after": after,
                "section": section,
                "materiality": materiality,
                "categories": json.loads(categories),
                "score": score,
                "reasons": json.loads(reasons),
                "highlights": json.loads(highlights),
                "technical": bool(technical),
            }
            for (
                op,
                before,
                after,
                section,
                materiality,
                categories,
                score,
                reasons,
                highlights,
                technical,
            ) in rows
        ]

    # runs and health ------------------------------------------------------

    def start_run(self, command: str, pid: int) -> int:
        with self.atomic():
            cursor = self.db.execute(
                "INSERT INTO runs (command, pid, started_at) VALUES (?, ?, ?)",
                [command, pid, utc_now()],
            )
        return cursor.lastrowid

    def finish_run(self, run_id: int, ok: bool) -> None:
        with self.atomic():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, ok = ? WHERE id = ?", [utc_now(), int(ok), run_id]
            )

    def record_site_run(
        self,
        run_id: int,
        site: str,
        *,
        ok: bool,
        archive_checked: bool,
        error: str | None,
        counts: dict[str, int],
        live_fetched: bool = True,
    ) -> None:
        """What one run did for one site; the basis of due times and health. A backfill
        checks the archive only (``live_fetched`` False)."""
        with self.atomic():
            self.db.execute(
                """INSERT OR REPLACE INTO site_runs (run_id, site, finished_at, ok, archive_checked,
                     error, captures_stored, new_versions, changes, material_changes, not_modified,
                     live_fetched)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    run_id,
                    site,
                    utc_now(),
                    int(ok),
                    int(archive_checked),
                    error,
                    counts.get("captures_stored", 0),
                    counts.get("new_versions", 0),
                    counts.get("changes", 0),
                    counts.get("material_changes", 0),
                    counts.get("not_modified", 0),
                    int(live_fetched),
                ],
            )

    def last_success(self, site: str, *, archive: bool = False) -> str | None:
        """When a run last fetched the site (or, with ``archive``, checked its archive) fine."""
        column = "archive_checked = 1 AND " if archive else "live_fetched = 1 AND "
        row = self.db.execute(
            f"SELECT max(finished_at) FROM site_runs WHERE {column}ok = 1 AND site = ?", [site]
        ).fetchone()
        return row[0]

    def consecutive_failures(self, site: str) -> int:
        """Failed runs since the site's last good one (at most 1000)."""
        # Read newest first and stop at the first good run, instead of fetching the whole
        # history: a year of daily runs made this 0.16 s per 1,000 sites, every run.
        rows = self.db.execute(
            "SELECT ok FROM site_runs WHERE site = ? AND live_fetched = 1"
            " ORDER BY finished_at DESC, id DESC LIMIT 1000",
            [site],
        )
        count = 0
        with closing(rows):
            for (ok,) in rows:
                if ok:
                    break
                count += 1
        return count

    def site_health(self, site: str) -> dict:
        """Per-site facts for `monitor status`."""
        runs = self.timeline(site)
        last_error = self.db.execute(
            "SELECT error FROM site_runs WHERE site = ? AND ok = 0"
            " ORDER BY finished_at DESC, id DESC LIMIT 1",
            [site],
        ).fetchone()
        return {
            "site": site,
            "last_success": self.last_success(site),
            "last_archive_check": self.last_success(site, archive=True),
            "last_change": runs[-1].captured_at if len(runs) > 1 else None,
            "versions": len(runs),
            "consecutive_failures": self.consecutive_failures(site),
            "last_error": last_error[0] if last_error else None,
            "pending_alerts": self.db.execute(
                """SELECT count(*) FROM outbox JOIN alerts ON alerts.id = outbox.alert_id
                   WHERE alerts.site = ? AND outbox.status = 'pending'""",
                [site],
            ).fetchone()[0],
            "pending_operator_alerts": self.db.execute(
                "SELECT count(*) FROM operator_alerts WHERE site = ? AND sent_at IS NULL", [site]
            ).fetchone()[0],
        }

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def size_bytes(self) -> int:
        """The database file with its write-ahead log."""
        return sum(
            Path(f"{self.path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{self.path}{suffix}").exists()
        )

    # alerts and the outbox -------------------------------------------------

    def queue_alert(
        self,
        *,
        site: str,
        comparison_id: int,
        from_capture: int,
        to_capture: int,
        deliveries: Iterable[tuple[str, Iterable[str], str]],
        config: str | None,
    ) -> int:
        """Owe a change set to each (subscriber, tags, threshold); call inside ``atomic()``.

        Returns how many outbox rows are new: queueing the same change set twice adds none.
        """
        now = utc_now()
        self.db.execute(
            """INSERT OR IGNORE INTO alerts (site, comparison_id, from_capture, to_capture,
                 queued_at) VALUES (?, ?, ?, ?, ?)""",
            [site, comparison_id, from_capture, to_capture, now],
        )
        alert_id = self.db.execute(
            "SELECT id FROM alerts WHERE comparison_id = ?", [comparison_id]
        ).fetchone()[0]
        added = 0
        for subscriber, tags, threshold in deliveries:
            cursor = self.db.execute(
                """INSERT OR IGNORE INTO outbox (alert_id, subscriber, tags, threshold, config,
                     next_try, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [alert_id, subscriber, json.dumps(sorted(tags)), threshold, config, now, now],
            )
            added += cursor.rowcount
        return added

    def unsent_alert_pairs(self, site: str) -> list[tuple[int, int, int]]:
        """(alert id, from_version, to_version) of the site's alerts that nobody was sent yet."""
        return self.db.execute(
            """SELECT a.id, c.from_version, c.to_version
               FROM alerts a JOIN comparisons c ON c.id = a.comparison_id
               WHERE a.site = ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = a.id
                 AND (o.status = 'sent' OR o.attempts > 0))""",
            [site],
        ).fetchall()

    def drop_alert(self, alert_id: int) -> None:
        """Forget an alert nobody was sent (its pair was split by an earlier capture)."""
        self.db.execute("DELETE FROM outbox WHERE alert_id = ?", [alert_id])
        self.db.execute("DELETE FROM alerts WHERE id = ?", [alert_id])

    def pending_deliveries(self, due_by: str | None = None) -> list[Delivery]:
        """Outbox rows not yet delivered (only those due by ``due_by`` when given), oldest first."""
        where, args = ("AND o.next_try <= ?", [due_by]) if due_by else ("", [])
        rows = self.db.execute(
            f"""SELECT o.id, o.alert_id, a.site, o.subscriber, o.tags, o.threshold, o.attempts,
                       o.next_try, o.last_error, o.queued_at
                FROM outbox o JOIN alerts a ON a.id = o.alert_id
                WHERE o.status = 'pending' {where} ORDER BY o.id""",
            args,
        ).fetchall()
        return [Delivery(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), *r[5:]) for r in rows]

    def mark_sent(self, delivery_id: int) -> None:
        self.db.execute(
            """UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,
                 last_error = NULL WHERE id = ? AND status = 'pending'""",
            [utc_now(), delivery_id],
        )

    def mark_failed(self, delivery_id: int, error: str, next_try: str) -> None:
        """Keep the row pending; the next run after ``next_try`` tries again."""
        self.db.execute(
            """UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_try = ?
               WHERE id = ? AND status = 'pending'""",
            [error, next_try, delivery_id],
        )

    def alert_evidence(self, alert_id: int) -> AlertEvidence:
        row = self.db.execute(
            """SELECT a.site, s.name, s.url, a.comparison_id,
                      f.captured_at, f.source, f.url, t.captured_at, t.source, t.url
               FROM alerts a JOIN sites s ON s.slug = a.site
               JOIN captures f ON f.id = a.from_capture JOIN captures t ON t.id = a.to_capture
               WHERE a.id = ?""",
            [alert_id],
        ).fetchone()
        if row is None:
            raise StoreError(f"no alert {alert_id}")
        return AlertEvidence(
            site=row[0],
            site_name=row[1],
            site_url=row[2],
            older=AlertCapture(*row[4:7]),
            newer=AlertCapture(*row[7:10]),
            changes=self.comparison_changes(row[3]),
        )

    # operator alerts -------------------------------------------------------

    def queue_operator_alert(self, site: str, kind: str, key: str, detail: str) -> bool:
        """Queue one alert for the operator; False when the same key was queued before."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO operator_alerts (site, kind, key, detail, queued_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [site, kind, key, detail, utc_now()],
        )
        return cursor.rowcount == 1

    def pending_operator_alerts(self) -> list[dict]:
        rows = self.db.execute(
            "SELECT id, site, kind, detail, queued_at FROM operator_alerts"
            " WHERE sent_at IS NULL ORDER BY id"
        ).fetchall()
        return [
            dict(zip(("id", "site", "kind", "detail", "queued_at"), r, strict=True)) for r in rows
        ]

    def mark_operator_alert_sent(self, alert_id: int) -> None:
        with self.atomic():
            self.db.execute(
                "UPDATE operator_alerts SET sent_at = ? WHERE id = ?", [utc_now(), alert_id]
            )

    def text_length(self, version_id: int) -> int:
        row = self.db.execute("SELECT length(text) FROM versions WHERE id = ?", [version_id])
        return row.fetchone()[0]

    def captures_not_versions(self, site: str) -> list[dict]:
        """The site's captures that never became a version (rejected, unavailable, redirects),
        with their reason, in capture-time order: `monitor history --all`."""
        rows = self.db.execute(
            """SELECT captured_at, source, url, status, rejected_reason, location
               FROM captures WHERE site = ? AND version_id IS NULL
               ORDER BY captured_at, id""",
            [site],
        ).fetchall()
        names = ("captured_at", "source", "url", "status", "rejected_reason", "location")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def nearest_version(self, site: str, captured_at: str) -> tuple[int, int] | None:
        """(id, length of text) of the version of the site's latest capture before
        ``captured_at``, else of its earliest after: what a new capture must read like."""
        for comparison, order in (("<=", "DESC"), (">", "ASC")):
            row = self.db.execute(
                f"""SELECT v.id, length(v.text) FROM captures c JOIN versions v
                      ON v.id = c.version_id
                    WHERE c.site = ? AND c.captured_at {comparison} ?
                    ORDER BY c.captured_at {order}, c.id {order} LIMIT 1""",
                [site, captured_at],
            ).fetchone()
            if row:
                return row[0], row[1]
        return None

    def version_text(self, version_id: int) -> str:
        row = self.db.execute("SELECT text FROM versions WHERE id = ?", [version_id]).fetchone()
        return row[0]

    def has_versions(self, site: str) -> bool:
        row = self.db.execute("SELECT 1 FROM versions WHERE site = ? LIMIT 1", [site]).fetchone()
        return row is not None

    def pending_alerts_summary(self) -> list[dict]:
        """Undelivered alerts per site and subscriber, for `monitor notify` and `monitor status`.

        Each entry: site, subscriber (fingerprint), tags, pending (rows), attempts (most tries of
        one row), oldest_queued_at, next_try (soonest), last_error.
        """
        rows = self.db.execute(
            """SELECT a.site, o.subscriber, o.tags, count(*), max(o.attempts), min(o.queued_at),
                      min(o.next_try),
                      (SELECT o2.last_error FROM outbox o2 JOIN alerts a2 ON a2.id = o2.alert_id
                       WHERE o2.subscriber = o.subscriber AND a2.site = a.site
                         AND o2.status = 'pending' AND o2.last_error IS NOT NULL
                       ORDER BY o2.attempts DESC, o2.id DESC LIMIT 1)
               FROM outbox o JOIN alerts a ON a.id = o.alert_id
               WHERE o.status = 'pending'
               GROUP BY a.site, o.subscriber ORDER BY a.site, min(o.queued_at)""",
        ).fetchall()
        return [
            {
                "site": site,
                "subscriber": subscriber,
                "tags": json.loads(tags),
                "pending": pending,
                "attempts": attempts,
                "oldest_queued_at": oldest,
                "next_try": next_try,
                "last_error": last_error,
            }
            for site, subscriber, tags, pending, attempts, oldest, next_try, last_error in rows
        ]

    # counts for reports and tests -----------------------------------------

    def counts(self, site: str | None = None) -> dict[str, int]:
        """Row counts per table, for one site or all."""
        where, args = ("WHERE site = ?", [site]) if site else ("", [])
        result = {}
        for table in ("captures", "versions", "comparisons"):
            result[table] = self.db.execute(
                f"SELECT count(*) FROM {table} {where}", args
            ).fetchone()[0]
        result["changes"] = self.db.execute(
            f"""SELECT count(*) FROM changes
                JOIN comparisons ON comparisons.id = changes.comparison_id
                {where.replace("site", "comparisons.site")}""",
            args,
        ).fetchone()[0]
        result["bodies"] = self.db.execute("SELECT count(*) FROM bodies").fetchone()[0]
        return result
