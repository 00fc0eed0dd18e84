"""What a crawl hands the spiders: Scrapy settings made from ours, and each site's state.

Spiders never open the store: the command that starts a crawl reads here what each spider
needs to know of it (a live page's validators, the captures and digests a history already
holds) and passes it as the ``states`` spider argument, or, over Redis, inside each site's unit
of work. See docs/decisions/0014-spiders-are-handed-their-state.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from scrapy.settings import Settings as ScrapySettings

from capture import LiveState, WaybackState
from crawler.netguard import ALLOW_PRIVATE_ENV
from monitor.config import Settings, Site, alert_key_path
from monitor.store import Store

_STATE_READERS: dict[str, Callable[[Store, str], object]] = {
    "live": lambda store, slug: LiveState(*store.live_validators(slug)),
    "wayback": lambda store, slug: WaybackState(
        *store.wayback_seen(slug), store.archive_attempts(slug)
    ),
}


def spider_states(store: Store, spider: str, sites: Iterable[Site]) -> dict[str, object]:
    """Each site's state for the named spider, by slug (None for a spider that needs none)."""
    read = _STATE_READERS.get(spider)
    return {site.slug: read(store, site.slug) if read else None for site in sites}


def scrapy_settings(settings: Settings, overrides: dict | None = None) -> ScrapySettings:
    result = ScrapySettings()
    result.setmodule("crawler.settings", priority="project")
    result.set("MONITOR_DB", str(settings.db), priority="cmdline")
    result.set("MONITOR_SITES", str(settings.sites), priority="cmdline")
    result.set("MONITOR_WAYBACK_URL", settings.wayback_url, priority="cmdline")
    # Our own handler (monitor.logs) formats and redacts every log line, Scrapy's included.
    result.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    # read now: a command (the demo) may set it after start-up
    result.set("MONITOR_ALLOW_PRIVATE", os.environ.get(ALLOW_PRIVATE_ENV, ""), priority="cmdline")
    if settings.apprise_config is not None:
        result.set("MONITOR_APPRISE_CONFIG", str(settings.apprise_config), priority="cmdline")
        result.set("MONITOR_ALERT_KEY_FILE", str(alert_key_path(settings)), priority="cmdline")
    for key, value in (overrides or {}).items():
        result.set(key, value, priority="cmdline")
    return result
