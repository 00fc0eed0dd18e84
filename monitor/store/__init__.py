"""The store: the only package that knows the schema and speaks SQL (stdlib sqlite3; sqlite-utils
builds the full-text indexes in migrations).

``Store(path)`` opens (and migrates) a database; the row types are what its queries return.
"""

from monitor.store.migrations import MIGRATIONS
from monitor.store.rows import (
    AlertCapture,
    AlertEvidence,
    ClauseRow,
    Delivery,
    StoredBody,
    StoredCapture,
    VersionRun,
)
from monitor.store.store import Store

__all__ = [
    "MIGRATIONS",
    "AlertCapture",
    "AlertEvidence",
    "ClauseRow",
    "Delivery",
    "Store",
    "StoredBody",
    "StoredCapture",
    "VersionRun",
]
