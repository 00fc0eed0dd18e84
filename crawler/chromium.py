"""Which browser renders script-built pages, and how it starts: Debian's chromium, never a
downloaded build (no `playwright install`). Kept apart from crawler/rendering.py so that the
settings can name it without importing Scrapy's and Playwright's machinery."""

from __future__ import annotations

import os
import shutil
from typing import Any

DEFAULT_RENDER_TIMEOUT = 20.0  # seconds a page may take to render, from navigation on

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str:
    """Debian's chromium (or MONITOR_CHROMIUM): the only browser the monitor runs."""
    return os.environ.get("MONITOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def chromium_available(executable: str | None = None) -> bool:
    path = executable or chromium_executable()
    return os.path.isfile(path) and os.access(path, os.X_OK)


def launch_options(executable: str | None = None) -> dict[str, Any]:
    """How Playwright starts Chromium: headless, no sandbox (we may run as root), nothing phoning
    home. Playwright gives each launch a fresh temporary profile."""
    return {
        "executable_path": executable or chromium_executable(),
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


def render_timeout() -> float:
    """MONITOR_RENDER_TIMEOUT: seconds a page may take to render (default 20)."""
    return float(os.environ.get("MONITOR_RENDER_TIMEOUT") or DEFAULT_RENDER_TIMEOUT)
