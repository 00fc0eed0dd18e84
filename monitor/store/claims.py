"""The outbox's claims: each row is sent by one `monitor notify` at a time, and repeated at most
once after a crash.

Before sending a row, a delivery claims it: it writes its name and a lease end into the row, in a
write transaction, and only the claimer sends and marks it, so two deliveries running at once
never send the same row. A crash leaves the claim behind; when the lease ends
(``MONITOR_NOTIFY_LEASE`` seconds, default 600), another delivery may take the row over.

Right before the message goes out the row's ``in_doubt`` count goes up, and recording the outcome
sets it back to zero. A row claimed with ``in_doubt`` 1 was sent by a delivery that died before
recording it: it is sent once more (the peer may have it: one repeat). A row found with
``in_doubt`` 2 was sent twice without an outcome: it is not sent a third time but marked sent,
with the note that delivery is unconfirmed. See docs/decisions/0015.

This is part of the store (it speaks SQL); `Store` takes these methods in.
"""

from __future__ import annotations

import sqlite3

from monitor.dates import utc_now

MAX_IN_DOUBT = 2  # sends without a recorded outcome before a row is given up as unconfirmed
UNCONFIRMED = "delivery unconfirmed: sent twice, each time the outcome was lost in a crash"

# Migrations (appended to the store's list).
OUTBOX_CLAIMS = """
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0
"""


def alert_per_update(db: sqlite3.Connection) -> None:
    """An alert is owed per update (a version pair at one point of the timeline), not once per
    pair of texts: a policy going A -> B -> A -> B alerts three times. SQLite cannot drop the
    UNIQUE (comparison_id) of alerts, so the table is rebuilt with UNIQUE (comparison_id,
    to_capture), keeping its ids (the outbox points at them)."""
    db.execute(
        """CREATE TABLE alerts_new (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id),
            from_capture INTEGER NOT NULL REFERENCES captures(id),
            to_capture INTEGER NOT NULL REFERENCES captures(id),
            queued_at TEXT NOT NULL,
            UNIQUE (comparison_id, to_capture)
        )"""
    )
    db.execute(
        "INSERT INTO alerts_new (id, site, comparison_id, from_capture, to_capture, queued_at)"
        " SELECT id, site, comparison_id, from_capture, to_capture, queued_at FROM alerts"
    )
    db.execute("DROP TABLE alerts")
    db.execute("ALTER TABLE alerts_new RENAME TO alerts")


class OutboxClaims:
    """Part of `Store`: claiming, sending and settling outbox rows."""

    db: sqlite3.Connection

    def claim_delivery(self, delivery_id: int, owner: str, until: str) -> int | None:
        """Claim a pending row until ``until``; its ``in_doubt`` count, or None when it is sent
        or another delivery holds it."""
        with self.atomic():
            cursor = self.db.execute(
                """UPDATE outbox SET claimed_by = ?, claimed_until = ?
                   WHERE id = ? AND status = 'pending'
                     AND (claimed_until IS NULL OR claimed_until < ?)""",
                [owner, until, delivery_id, utc_now()],
            )
            if cursor.rowcount != 1:
                return None
            row = self.db.execute("SELECT in_doubt FROM outbox WHERE id = ?", [delivery_id])
            return row.fetchone()[0]

    def release_delivery(self, delivery_id: int, owner: str) -> None:
        """Give a claimed row back unsent (stopped before its turn)."""
        with self.atomic():
            self.db.execute(
                "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
                " WHERE id = ? AND claimed_by = ?",
                [delivery_id, owner],
            )

    def mark_sending(self, delivery_id: int, owner: str) -> None:
        """Committed right before the message goes out: until settled, the row is in doubt."""
        with self.atomic():
            self.db.execute(
                "UPDATE outbox SET in_doubt = in_doubt + 1 WHERE id = ? AND claimed_by = ?",
                [delivery_id, owner],
            )

    def settle_sent(self, delivery_id: int, owner: str, note: str | None = None) -> None:
        with self.atomic():
            self.db.execute(
                """UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,
                     last_error = ?, in_doubt = 0, claimed_by = NULL, claimed_until = NULL
                   WHERE id = ? AND claimed_by = ? AND status = 'pending'""",
                [utc_now(), note, delivery_id, owner],
            )

    def settle_failed(self, delivery_id: int, owner: str, error: str, next_try: str) -> None:
        """Keep the row pending; the next delivery after ``next_try`` tries again."""
        with self.atomic():
            self.db.execute(
                """UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_try = ?,
                     in_doubt = 0, claimed_by = NULL, claimed_until = NULL
                   WHERE id = ? AND claimed_by = ? AND status = 'pending'""",
                [error, next_try, delivery_id, owner],
            )
