"""Write transactions that wait for each other and fail in one line.

SQLite lets one writer at a time. A plain ``BEGIN`` takes the write lock only at the first write,
and a reader that then wants to write fails at once with "database is locked" (waiting could
deadlock), so two commands writing the same file would fail instead of taking turns. ``BEGIN
IMMEDIATE`` takes the lock at the start, where SQLite's busy handler makes the second writer wait
(``MONITOR_BUSY_TIMEOUT`` seconds, default 30). A write that still fails (the disk is full, the
lock was held longer than that, the file is read-only) rolls back and becomes a
`StoreWriteError` naming the cause, so commands report it in one line and nothing stored before
is touched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from monitor.errors import ConfigError, StoreWriteError

DEFAULT_BUSY_TIMEOUT = 30.0

# What SQLite says, and what a person is told.
CAUSES = (
    ("database or disk is full", "database is full"),
    ("database is locked", "database is busy"),
    ("database table is locked", "database is busy"),
    ("database is busy", "database is busy"),
    ("readonly database", "database is read-only"),
    ("disk i/o error", "disk I/O error"),
)


def busy_timeout() -> float:
    """Seconds a writer waits for another to finish (``MONITOR_BUSY_TIMEOUT``)."""
    raw = os.environ.get("MONITOR_BUSY_TIMEOUT", str(DEFAULT_BUSY_TIMEOUT))
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"MONITOR_BUSY_TIMEOUT must be seconds, not {raw!r}") from None
    if value < 0:
        raise ConfigError("MONITOR_BUSY_TIMEOUT must not be negative")
    return value


def cause(error: sqlite3.Error) -> str:
    """The short cause of an SQLite error: "database is full", "database is busy"..."""
    text = str(error).lower()
    return next((said for found, said in CAUSES if found in text), f"database error: {error}")


def write_error(path: Path, error: sqlite3.Error) -> StoreWriteError:
    return StoreWriteError(f"cannot write to {path}: {cause(error)}")


@contextmanager
def immediate(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One write transaction, taken with ``BEGIN IMMEDIATE``; nested calls are savepoints."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO SAVEPOINT nested")
                conn.execute("RELEASE SAVEPOINT nested")
            raise
        conn.execute("RELEASE SAVEPOINT nested")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise write_error(path, exc) from None
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        _rollback(conn)
        raise write_error(path, exc) from None
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:  # the failed statement may have rolled it back already
            pass
