"""Operations: running the spiders (in this process, ``crawl``, or on workers over Redis,
``cluster``), scheduled runs (``runner``) and the run lock.

Scrapy and Redis are imported only when a crawl starts.
"""

from monitor.ops.jobs import run_spiders
from monitor.ops.lock import RunInProgress, RunLock
from monitor.ops.summary import CrawlSummary, SiteSummary

__all__ = ["CrawlSummary", "RunInProgress", "RunLock", "SiteSummary", "run_spiders"]
