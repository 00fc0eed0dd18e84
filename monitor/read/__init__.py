"""The read side: a site's versions and the changes between them, derived from the store, and
their renderers: ``report`` (terminal, Markdown, JSON), ``html_report``, ``feed`` (Atom),
``text`` (what a command did), ``evidence`` (Wayback links and Save Page Now), ``pager`` and
``reader_filters`` (what a reader asked to see), ``serve`` (Datasette).

Nothing here writes to the store or imports the ingest core. ``history`` and ``pairs`` load on
first use, as ``monitor``'s own names do: a command that only renders (or `monitor --help`)
does not open SQLite.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.read.history import history, pairs

__all__ = ["history", "pairs"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'monitor.read' has no attribute {name!r}")
    value = getattr(import_module("monitor.read.history"), name)
    globals()[name] = value
    return value
