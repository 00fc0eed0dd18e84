"""The read side: a site's versions and the changes between them, derived from the store, and
their renderers: ``report`` (terminal, Markdown, JSON), ``html_report``, ``feed`` (Atom),
``text`` (what a command did), ``evidence`` (Wayback links and Save Page Now).

Nothing here writes to the store or imports the ingest core.
"""

from monitor.read.history import history, pairs

__all__ = ["history", "pairs"]
