"""The store's alert outbox: change sets owed to subscribers, their deliveries and retries, and
alerts for the operator. Rows are written inside the ingest transaction (docs/decisions/0008)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from monitor.dates import utc_now
from monitor.errors import StoreError
from monitor.store.rows import AlertCapture, AlertEvidence, Delivery


class Outbox:
    """Part of Store: the alerts, outbox and operator_alerts tables."""

    db: sqlite3.Connection

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
            "SELECT id FROM alerts WHERE comparison_id = ? AND to_capture = ?",
            [comparison_id, to_capture],
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

    def unsent_alert_pairs(self, site: str) -> list[tuple[int, int, int, int]]:
        """(alert id, from_version, to_version, to_capture) of the site's alerts that nobody was
        sent yet."""
        return self.db.execute(
            """SELECT a.id, c.from_version, c.to_version, a.to_capture
               FROM alerts a JOIN comparisons c ON c.id = a.comparison_id
               WHERE a.site = ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = a.id
                 AND (o.status = 'sent' OR o.attempts > 0 OR o.in_doubt > 0))""",
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
