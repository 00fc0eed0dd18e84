"""Shared fixtures: the local replay over loopback and a way to run `monitor` for real.

Crawls run the real Scrapy in a subprocess (Twisted's reactor cannot restart in one process)
against the replay, into a real SQLite file in a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from monitor.replay import ReplayServer

REPO = Path(__file__).resolve().parents[1]

# Loopback needs no politeness; the production defaults are tested on their own.
FAST_CRAWL = {
    "MONITOR_CDX_PER_MINUTE": "60000",
    "MONITOR_CAPTURES_PER_SECOND": "1000",
    "MONITOR_DOWNLOAD_DELAY": "0",
    "MONITOR_429_PAUSE": "0.2",
}


@dataclass
class Workspace:
    """A database, a sites file and an environment pointing at one replay."""

    root: Path
    replay: ReplayServer

    @property
    def db(self) -> Path:
        return self.root / "monitor.db"

    @property
    def sites(self) -> Path:
        return self.root / "sites.yaml"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update(FAST_CRAWL)
        env.update(
            MONITOR_DB=str(self.db),
            MONITOR_SITES=str(self.sites),
            MONITOR_WAYBACK_URL=self.replay.url,
            PYTHONPATH=str(REPO),
        )
        env.update(extra)
        return env

    def run(self, *args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
        """`monitor ARGS...` in a subprocess; returns the finished process."""
        return subprocess.run(
            [sys.executable, "-m", "monitor", *args],
            cwd=self.root,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture
def replay():
    with ReplayServer() as server:
        yield server


@pytest.fixture
def workspace(tmp_path, replay) -> Workspace:
    space = Workspace(tmp_path, replay)
    space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
    return space


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Workspace:
    """One full backfill and live crawl of every seed site, shared by read-only tests."""
    with ReplayServer() as server:
        space = Workspace(tmp_path_factory.mktemp("crawled"), server)
        space.sites.write_text(server.sites_yaml(), encoding="utf-8")
        for command in (("backfill",), ("crawl",)):
            done = space.run(*command)
            assert done.returncode == 0, done.stderr
        yield space
