"""Operations: running the spiders (in this process, ``crawl``, or on workers over Redis,
``cluster``), scheduled runs (``runner``) and the run lock.

Scrapy and Redis are imported only when a crawl starts. The names below load on first use, as
``monitor``'s own do: every command imports ``signals`` from here, and a read command needs
none of the rest (bench/startup.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import an exported name from its module the first time it is asked for."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'monitor.ops' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
