"""Operations: running the spiders (in this process, ``crawl``, or on workers over Redis,
``cluster``), scheduled runs (``runner``) and the run lock.

Scrapy and Redis are imported only when a crawl starts. The names below load on first use, as
``monitor``'s own do: every command imports ``signals`` from here, and a read command needs
none of the rest (bench/startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.ops.jobs import run_spiders
    from monitor.ops.lock import RunInProgress, RunLock
    from monitor.ops.summary import CrawlSummary, SiteSummary

_EXPORTS = {
    "CrawlSummary": "monitor.ops.summary",
    "RunInProgress": "monitor.ops.lock",
    "RunLock": "monitor.ops.lock",
    "SiteSummary": "monitor.ops.summary",
    "run_spiders": "monitor.ops.jobs",
}

__all__ = ["CrawlSummary", "RunInProgress", "RunLock", "SiteSummary", "run_spiders"]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
