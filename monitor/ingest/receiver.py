"""The application's door for a crawl's captures: what the item pipeline hands them to.

The pipeline knows this class and nothing else of the application: the store, the ingest
transaction and the alert subscribers stay behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from capture import ArchiveMiss, Capture
from monitor.config import Site
from monitor.delivery.alerts import Subscriber
from monitor.errors import StoreWriteError
from monitor.ingest.core import ingest
from monitor.store import Store


class Receiver:
    """Stores captures of a crawl's sites, one transaction each, queueing alerts when asked.

    ``apprise_config`` (with ``alert_key_file``) is given only when the crawl alerts.
    """

    def __init__(
        self,
        db_path: str | Path,
        apprise_config: str | None = None,
        alert_key_file: str | None = None,
    ):
        self.db_path = db_path
        self.apprise_config = apprise_config
        self.alert_key_file = alert_key_file
        self.store: Store | None = None
        self.sites: dict[str, Site] = {}
        self.subscribers: list[Subscriber] | None = None
        self.open_error: StoreWriteError | None = None  # the database refused the first write

    def open(self, sites: Iterable[Site]) -> None:
        """Open the store and record the crawl's sites in it."""
        self.store = Store(self.db_path)
        self.sites = {site.slug: site for site in sites}
        try:
            self.store.sync_sites(self.sites.values())
        except StoreWriteError as exc:  # tried again when the first capture comes
            self.open_error = exc
        if self.apprise_config:
            from monitor.delivery.notify import alert_key, load_channels  # apprise: if alerting

            key = alert_key(Path(self.alert_key_file))
            channels = load_channels(Path(self.apprise_config), key)
            self.subscribers = [channel.subscriber for channel in channels]

    def receive(self, capture: Capture | ArchiveMiss) -> tuple[dict[str, int], str | None]:
        """Store one capture; the crawl-summary counters it adds and, when the live page is
        not the policy, the site's error line (MonitorError if it failed, with nothing
        half-written)."""
        if self.open_error is not None:  # try the first write again, now
            self.store.sync_sites(self.sites.values())
            self.open_error = None
        result = ingest(
            self.store, self.sites[capture.site], capture, self.subscribers, self.apprise_config
        )
        return result.counters(), result.failure(capture.url)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
