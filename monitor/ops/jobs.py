"""Where a crawl's spiders run: in this process, or on ``monitor worker`` processes over Redis."""

from __future__ import annotations

from monitor.config import Settings, Site
from monitor.ops.summary import CrawlSummary


def run_spiders(
    settings: Settings,
    sites: list[Site],
    jobs: list[tuple[str, dict]],
    overrides: dict | None = None,
    *,
    notify: bool = False,
) -> CrawlSummary:
    """Run the (spider name, arguments) jobs over ``sites`` one after another; per-site counts.

    A job's arguments may name its own ``sites`` (a subset) and its own ``notify``. With
    ``notify`` (and an apprise config in ``settings``), alerts about new version pairs are queued
    as the changes are stored. Jobs run in turn so that a silent history import finishes before
    an alerting crawl compares the newest pair. With ``settings.redis_url`` the jobs are
    fetched by `monitor worker` processes instead (monitor/ops/cluster.py), with the same summary.
    """
    if settings.redis_url:
        from monitor.ops.cluster import run_jobs  # redis and scrapy-redis: only when distributed

        return run_jobs(settings, sites, jobs, overrides, notify=notify)
    from monitor.ops.crawl import crawl_here  # Scrapy: only when crawling

    return crawl_here(settings, sites, jobs, overrides, notify=notify)
