"""Domain exceptions. Library code raises these; only the CLI turns them into one-line messages."""

import signal


class MonitorError(Exception):
    """Base class: a problem the user can act on, reported in one line."""

    exit_code = 1


class ConfigError(MonitorError):
    """The sites file, an environment variable or a flag is wrong."""

    exit_code = 2


class UnknownSite(MonitorError):
    """A slug that is not in the sites file."""

    exit_code = 2

    def __init__(self, slug: str, known: list[str]):
        hint = ", ".join(known) if known else "the sites file lists none"
        super().__init__(f"unknown site {slug!r} (known: {hint})")


class InputError(MonitorError):
    """A file, URL or date given on the command line cannot be used."""

    exit_code = 2


class StoreError(MonitorError):
    """The database cannot be opened or is not a policy-monitor database."""

    exit_code = 2


class WaybackRefused(MonitorError):
    """The Wayback Machine refused a query (a site excluded from the archive, an HTTP error)."""

    exit_code = 3


class SaveFailed(MonitorError):
    """Save Page Now did not archive the page (rate limited, refused, no archive URL)."""

    exit_code = 3


class CrawlFailed(MonitorError):
    """One or more sites could not be fetched; what was fetched is stored."""

    exit_code = 3


class PolicyNotFound(MonitorError):
    """`monitor add` found no page that reads like a privacy policy; nothing was added."""

    exit_code = 4


class StoreWriteError(MonitorError):
    """SQLite could not write (disk full, another writer held the lock too long, read-only file).

    The transaction rolled back: nothing stored before is touched, and the next run retries.
    """

    exit_code = 7


class Interrupted(MonitorError):
    """SIGINT or SIGTERM stopped the command; what was stored is kept."""

    def __init__(self, signum: int, detail: str = ""):
        name = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(
            f"interrupted by {name}; what was stored is kept{detail}, the next run goes on"
        )
