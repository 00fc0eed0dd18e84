"""Append a benchmark's table to bench/RESULTS.md with the date and the machine."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def machine() -> str:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "? GiB"
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, {memory}, Python {python}"


def append(title: str, body: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(f"\n## {title} ({stamp}; {machine()})\n\n{body.rstrip()}\n")
