"""Shared fixtures: the local replay over loopback and a way to run `monitor` for real.

Crawls run the real Scrapy in a subprocess (Twisted's reactor cannot restart in one process)
against the replay, into a real SQLite file in a temporary directory.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from capture import Capture
from monitor.config import Site, parse_sites
from monitor.demo.replay import ReplayServer
from monitor.store import Store


def run_with_stderr_on_a_terminal(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 60
) -> tuple[int, bytes]:
    """Run a command whose stderr is a pseudo-terminal (where progress bars show); its exit
    code and what it wrote there. The terminal is read while the command runs, so a long
    output cannot fill it and stall the command."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    screen = b""
    try:
        while select.select([leader], [], [], timeout)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the command closed the terminal: all was read
                break
            if not chunk:
                break
            screen += chunk
        process.communicate(timeout=timeout)
    finally:
        os.close(leader)
    return process.returncode, screen


REPO = Path(__file__).resolve().parents[1]
# In-process fetches (monitor add's client) reach the loopback replay too; the guard's own tests
# pass an environment without it.
os.environ["MONITOR_ALLOW_PRIVATE"] = "1"

# Loopback needs no politeness; the production defaults are tested on their own.
FAST_CRAWL = {
    "MONITOR_ALLOW_PRIVATE": "1",  # the replay, the SMTP peer and the webhook sink are on loopback
    "MONITOR_CDX_PER_MINUTE": "60000",
    "MONITOR_CAPTURES_PER_SECOND": "1000",
    "MONITOR_DOWNLOAD_DELAY": "0",
    "MONITOR_429_PAUSE": "0.2",
    "MONITOR_RETRY_BACKOFF": "0.05",
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


# One clinic for the tests that ingest captures in-process (no crawl): two tags, one of them
# (press) alerted from minor changes up, the other (legal) on material ones only.
CLINIC_SITES = """
notify_thresholds:
  press: minor
sites:
  - slug: clinic
    name: Clinic
    url: https://clinic.example/privacy
    notify: [legal, press]
"""


@pytest.fixture
def site() -> Site:
    """The clinic of CLINIC_SITES."""
    return parse_sites(CLINIC_SITES)[0]


@pytest.fixture
def store(tmp_path, site):
    """A real SQLite store in the test's directory (``monitor.db``) that knows the clinic."""
    with Store(tmp_path / "monitor.db") as opened:
        opened.sync_sites([site])
        yield opened


def live_capture(body: bytes, when: str) -> Capture:
    """The clinic's live page as fetched at ``when`` (an ISO time), with this body."""
    return Capture("clinic", "live", "https://clinic.example/privacy", when, 200, body)


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


# A policy whose text is hostile: markup, script, event handlers, javascript: links, Markdown,
# XML breakers and terminal escapes, as literal text (escaped in the HTML), so normalization
# keeps them and every report must neutralise them. The capture URLs are hostile too.
HOSTILE_PAYLOAD = (
    "&lt;script&gt;window.pwned=1;document.title='pwned'&lt;/script&gt; "
    '&lt;img src=x onerror="window.pwned=2"&gt; '
    '&lt;a href="javascript:window.pwned=3"&gt;partners&lt;/a&gt; '
    "[terms](javascript:window.pwned=7) **bold** _it_ | cell | ]]&gt; &lt;/content&gt; "
    "\u202eevil"
)
HOSTILE_CAPTURES = [
    # (source, url, captured_at, body)
    (
        "wayback",
        'https://evil.example/privacy?a="><script>window.pwned=5</script>',
        "2020-01-01T00:00:00Z",
        "<h1>Privacy Policy</h1><h2>Sharing</h2><p>We share data with our payment processor.</p>"
        "<p>We never sell your data.</p>",
    ),
    (
        "wayback",
        "javascript:window.pwned=4//",
        "2021-01-01T00:00:00Z",
        f"<h1>Privacy Policy</h1><h2>Sharing {HOSTILE_PAYLOAD}</h2>"
        f'<p onclick="window.pwned=6">We share data with our payment processor. {HOSTILE_PAYLOAD}'
        "</p><script>window.pwned=9</script>"
        f"<p>We may sell your personal information to data brokers. {HOSTILE_PAYLOAD}</p>",
    ),
]


@dataclass
class HostileStore:
    """A database holding one site whose policy text and capture URLs are hostile."""

    db: Path
    sites: Path
    slug: str = "evil"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> HostileStore:
    from monitor.ingest.core import ingest

    root = tmp_path_factory.mktemp("hostile")
    space = HostileStore(root / "hostile.db", root / "sites.yaml")
    site = Site(slug=space.slug, name="Evil <b>Corp</b>", url="https://evil.example/privacy")
    space.sites.write_text(
        f"sites:\n  - slug: {site.slug}\n    name: '{site.name}'\n    url: {site.url}\n",
        encoding="utf-8",
    )
    with Store(space.db) as store:
        store.sync_sites([site])
        for source, url, captured_at, body in HOSTILE_CAPTURES:
            page = f"<html><head><title>p</title></head><body><main>{body}</main></body></html>"
            capture = Capture(
                site=site.slug,
                source=source,
                url=url,
                captured_at=captured_at,
                status=200,
                body=page.encode(),
                content_type="text/html; charset=utf-8",
            )
            ingest(store, site, capture)
    return space
