"""Where the database and the sites file live when no flag or variable names them.

A checkout (or any directory holding ``monitor.db`` or ``schedules/sites.yaml``) keeps today's
relative defaults, so cron lines that ``cd`` into it work as written. Anywhere else the files live
in the user's data and config directories as the platform defines them (platformdirs, already a
dependency of Scrapy and Datasette: XDG on Linux, ~/Library on macOS, AppData on Windows), so
`monitor status` run from ``~`` reads the same database every time instead of making a new one.
``MONITOR_HOME`` names one directory for both, over either rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "policy-monitor"
DEFAULT_DB = "monitor.db"
DEFAULT_SITES = "schedules/sites.yaml"
HOME_SITES = "sites.yaml"


@dataclass(frozen=True)
class DefaultPaths:
    """The default database and sites file, and why they were chosen (shown by `status`)."""

    db: Path
    sites: Path
    chosen_by: str


def default_paths(environ: Mapping[str, str], cwd: Path | None = None) -> DefaultPaths:
    """MONITOR_HOME, else the working directory when it holds either file, else the user's
    data (database) and config (sites file) directories."""
    home = environ.get("MONITOR_HOME")
    if home:
        return DefaultPaths(Path(home) / DEFAULT_DB, Path(home) / HOME_SITES, "MONITOR_HOME")
    here = Path.cwd() if cwd is None else cwd
    if (here / DEFAULT_DB).exists() or (here / DEFAULT_SITES).exists():
        return DefaultPaths(Path(DEFAULT_DB), Path(DEFAULT_SITES), "the current directory")
    import platformdirs

    return DefaultPaths(
        Path(platformdirs.user_data_dir(APP_NAME)) / DEFAULT_DB,
        Path(platformdirs.user_config_dir(APP_NAME)) / HOME_SITES,
        "the user's data and config directories",
    )
