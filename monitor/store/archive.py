"""The store's record of what is not a version: archive captures that could not be fetched
(attempts, then unavailable), the captures set aside, and the version a new capture must read
like (monitor/ingest/admission.py)."""

from __future__ import annotations

import sqlite3

from monitor.dates import utc_now


class ArchiveRecords:
    """Part of Store: archive_attempts, unavailable captures, captures that are not versions."""

    db: sqlite3.Connection

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
