"""policy-monitor as a library: what a script needs, with the `monitor` command's behaviour.

    import monitor

    with monitor.open_store("monitor.db") as store:
        for pair in monitor.history(store, "perfectdrs", since="2020"):
            ...  # pair.older, pair.newer (Version), pair.changes (JudgedChange)
    changes = monitor.compare(Path("old.html"), Path("new.html"))

- ``open_store(path)`` -> ``Store``: a database, created and migrated if needed (a context
  manager).
- ``versions(store, slug, since=, until=)`` -> ``[Version]``: a site's distinct texts, oldest first.
- ``history(store, slug, since=, until=)`` -> ``[VersionPair]``: neighbouring versions with the
  judged changes between them, as `monitor diff` shows them.
- ``compare(old, new, content_type=)`` -> ``[JudgedChange]``: two documents (text, bytes of HTML,
  Markdown, PDF or text, or a ``Path``) compared clause by clause; nothing stored.
- ``JudgedChange`` pairs a ``Change`` (op, before, after, section, highlights) with its
  ``Judgement`` (materiality "cosmetic" | "minor" | "material", categories, score, reasons).

Names are loaded on first use, so ``import monitor`` (and `monitor --help`) stays light.
See docs/python-api.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from diffs import Change, JudgedChange, Judgement
    from monitor.api import Version, VersionPair, history, open_store, versions
    from monitor.comparison import compare
    from monitor.store import Store

_EXPORTS = {
    "open_store": "monitor.api",
    "versions": "monitor.api",
    "history": "monitor.api",
    "Version": "monitor.api",
    "VersionPair": "monitor.api",
    "compare": "monitor.comparison",
    "Store": "monitor.store",
    "Change": "diffs",
    "JudgedChange": "diffs",
    "Judgement": "diffs",
}

__all__ = [
    "Change",
    "JudgedChange",
    "Judgement",
    "Store",
    "Version",
    "VersionPair",
    "compare",
    "history",
    "open_store",
    "versions",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
