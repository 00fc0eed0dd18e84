"""Scrapy settings: the one place for politeness, retries and identity.

The ``MONITOR_*`` settings are read from the environment here so that ``scrapy crawl live`` works
from the repository root as well as ``monitor crawl``; the CLI overrides them from its flags.
"""

import os

from capture import USER_AGENT  # noqa: F401 (a Scrapy setting; monitor/ shows the same identity)

BOT_NAME = "policy-monitor"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# A policy monitor fetches one legal page per site: obeying robots.txt would add a request per
# host and keep people from watching policies that sites hide from search engines.
ROBOTSTXT_OBEY = False

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Seconds between two requests to one host (live pages); AutoThrottle slows down from there.
DOWNLOAD_DELAY = float(os.environ.get("MONITOR_DOWNLOAD_DELAY", 1.0))
DOWNLOAD_DELAY_JITTER = 0.5
DOWNLOAD_TIMEOUT = float(os.environ.get("MONITOR_DOWNLOAD_TIMEOUT", 30))
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = int(os.environ.get("MONITOR_RETRIES", 3))
# 429 is handled by our own middleware, which pauses the host instead of retrying at once.
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
# Seconds before the first retry of a timeout or 5xx; doubles on each further attempt.
MONITOR_RETRY_BACKOFF = float(os.environ.get("MONITOR_RETRY_BACKOFF", 5))
# A 429 or 503 asking to come back later (Retry-After) is waited for up to this many seconds;
# a longer wait fails the site for this run instead of holding the crawl.
MONITOR_MAX_RETRY_AFTER = float(os.environ.get("MONITOR_MAX_RETRY_AFTER", 300))
REDIRECT_MAX_TIMES = 10
HTTPERROR_ALLOW_ALL = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False  # no control ports: a monitor run listens on nothing

# Only the public web: hosts resolving to loopback, private or link-local addresses are refused
# (crawler/netguard.py) unless MONITOR_ALLOW_PRIVATE=1 (the demo, the tests).
# A list of addresses or networks allows only those.
MONITOR_ALLOW_PRIVATE = os.environ.get("MONITOR_ALLOW_PRIVATE", "")
DOWNLOADER_MIDDLEWARES = {
    "crawler.netguard.PublicOnlyMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.TooManyRequestsMiddleware": 560,
}
EXTENSIONS = {
    "crawler.extensions.ProgressExtension": 500,
    "scrapy.extensions.remote_control.RemoteControl": None,  # a run listens on no port
}
LOG_FORMATTER = "crawler.pipelines.OneLineDrops"
ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 300,
}

# The Wayback Machine allows about 30 CDX requests a minute per IP and firewalls IPs that keep
# going after 429s; raw captures are cheaper but still shared. Each kind of request gets its own
# download slot with a fixed pace (no AutoThrottle speed-ups, no jitter above the limit).
MONITOR_CDX_PER_MINUTE = float(os.environ.get("MONITOR_CDX_PER_MINUTE", 20))
MONITOR_CAPTURES_PER_SECOND = float(os.environ.get("MONITOR_CAPTURES_PER_SECOND", 4))
# Rows per CDX answer; longer histories are paged with showResumeKey/resumeKey.
MONITOR_CDX_PAGE_SIZE = int(os.environ.get("MONITOR_CDX_PAGE_SIZE", 1000))
MONITOR_MAX_429 = int(os.environ.get("MONITOR_MAX_429", 5))
MONITOR_429_PAUSE = float(os.environ.get("MONITOR_429_PAUSE", 60))

MONITOR_DB = os.environ.get("MONITOR_DB", "monitor.db")
MONITOR_SITES = os.environ.get("MONITOR_SITES", "schedules/sites.yaml")
MONITOR_WAYBACK_URL = os.environ.get("MONITOR_WAYBACK_URL", "https://web.archive.org")

LOG_LEVEL = os.environ.get("MONITOR_SCRAPY_LOG_LEVEL", "INFO")
MONITOR_LOG_FORMAT = os.environ.get("MONITOR_LOG_FORMAT", "text")  # or "json", one object a line
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DATEFORMAT = "%Y-%m-%d %H:%M:%S"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
