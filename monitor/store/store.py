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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.dates import utc_now
from monitor.errors import StoreError, StoreWriteError
from monitor.store.archive import ArchiveRecords
from monitor.store.claims import OutboxClaims
from monitor.store.migrations import migrate, pending
from monitor.store.outbox import Outbox
from monitor.store.rows import ClauseRow, StoredBody, StoredCapture, VersionRun
from monitor.store.runs import RunRecords
from monitor.store.transactions import busy_timeout, immediate

_STAMP = "%Y-%m-%dT%H:%M:%SZ"  # how the store writes every timestamp (monitor.dates.utc_now)


class Store(RunRecords, Outbox, OutboxClaims, ArchiveRecords):
    """A policy-monitor database file (SQLite, WAL, foreign keys on)."""

    def __init__(self, path: str | Path, *, create: bool = True):
        """Open (and with ``create``, make or migrate) a database. Read commands pass
        ``create=False``: a mistyped path must not leave an empty database behind."""
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(
                f"no database at {self.path} (`monitor backfill` or `monitor crawl` creates it)"
            )
        try:
            if create and self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # The stdlib connection, not sqlite-utils' Database: importing sqlite-utils and its
            # plugins would be most of a read command's start-up (bench/startup.py).
            self.db = sqlite3.connect(str(self.path), timeout=busy_timeout(), isolation_level=None)
            # On, as sqlite-utils' Database had it: a REPLACE fires the delete triggers that keep
            # the full-text indexes in step.
            self.db.execute("PRAGMA recursive_triggers=ON")
            if create:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if create:
                migrate(self.db, self.path)
            else:
                self._check_current()
        except StoreWriteError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None

    def _check_current(self) -> None:
        """A database opened to read must already hold every migration this version knows."""
        missing = pending(self.db)
        if missing is None:
            raise StoreError(f"{self.path} is not a policy-monitor database")
        if missing:
            raise StoreError(
                f"{self.path} was written by an older policy-monitor: a writing command "
                "(`monitor crawl`, `monitor run`) upgrades it"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``): everything inside lands together or not
        at all; a write SQLite refuses raises `StoreWriteError` with the cause."""
        with immediate(self.db, self.path):
            yield

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
        fetched_with: str = "http",
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
        if source == "live":
            captured_at = self._free_live_stamp(site, url, captured_at)
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO captures (site, source, url, captured_at, status, digest,
                 content_type, body_sha1, version_id, rejected_reason, fetched_at, last_seen,
                 etag, last_modified, location, fetched_with)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                fetched_with,
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
            self.db.executemany(
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

    def _free_live_stamp(self, site: str, url: str, captured_at: str) -> str:
        """A second later than a stored live capture of the page in the same second: stamps
        have whole seconds, and a page that changed between two fetches of one second (other
        bytes: the same bytes only moved ``last_seen``) is a capture of its own, not a duplicate
        to drop."""
        taken = """SELECT 1 FROM captures
                   WHERE site = ? AND source = 'live' AND url = ? AND captured_at = ?"""
        while self.db.execute(taken, [site, url, captured_at]).fetchone():
            moment = datetime.strptime(captured_at, _STAMP).replace(tzinfo=UTC)
            captured_at = (moment + timedelta(seconds=1)).strftime(_STAMP)
        return captured_at

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
            """SELECT c.id, c.captured_at, c.source, c.url, c.version_id, v.text_sha256,
                      c.fetched_with
               FROM captures c JOIN versions v ON v.id = c.version_id
               WHERE c.site = ? ORDER BY c.captured_at, c.id""",
            [site],
        ).fetchall()
        runs: list[VersionRun] = []
        for capture_id, captured_at, source, url, version_id, sha, fetched_with in rows:
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
                    last.fetched_with,
                )
            else:
                runs.append(
                    VersionRun(
                        version_id,
                        sha,
                        capture_id,
                        captured_at,
                        source,
                        url,
                        captured_at,
                        1,
                        fetched_with,
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
        self.db.executemany(
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

    def text_length(self, version_id: int) -> int:
        row = self.db.execute("SELECT length(text) FROM versions WHERE id = ?", [version_id])
        return row.fetchone()[0]

    def has_versions(self, site: str) -> bool:
        row = self.db.execute("SELECT 1 FROM versions WHERE site = ? LIMIT 1", [site]).fetchone()
        return row is not None

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
