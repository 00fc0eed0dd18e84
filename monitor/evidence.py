"""Evidence a third party can check: Save Page Now copies, and links to archived versions.

A change is only proved if someone else can see both texts. Wayback captures already are such
copies; for the live page, `monitor save` asks the Wayback Machine to archive it now. waybackpy
serves Save Page Now, but builds its request URL from a fixed host: its ``request_url`` is a plain
attribute, so we point it at the configured Wayback base (the real one, or the replay in tests)
and re-base the archive URL it reads back (see docs/decisions/0004).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import requests
from waybackpy import WaybackMachineSaveAPI
from waybackpy.exceptions import (
    MaximumSaveRetriesExceeded,
    TooManyRequestsError,
    WaybackError,
)

from crawler.settings import USER_AGENT
from monitor.errors import SaveFailed

_WAYBACK_HOST = re.compile(r"^https?://web\.archive\.org(?=/)")
_MEMENTO = re.compile(r"/web/(\d{14})/")


@dataclass(frozen=True)
class SavedCopy:
    url: str
    archive_url: str
    saved_at: str  # ISO 8601 UTC of the archived copy


def memento_url(wayback_url: str, captured_at: str, url: str) -> str:
    """The Wayback address of a capture: ``{wayback}/web/{14-digit timestamp}/{url}``."""
    stamp = re.sub(r"\D", "", captured_at)[:14].ljust(14, "0")
    return f"{wayback_url.rstrip('/')}/web/{stamp}/{url}"


def save_page(wayback_url: str, url: str, max_tries: int = 2) -> SavedCopy:
    """Ask Save Page Now to archive ``url``; raises SaveFailed with a one-line reason."""
    base = wayback_url.rstrip("/")
    api = WaybackMachineSaveAPI(url, user_agent=USER_AGENT, max_tries=max_tries)
    api.request_url = f"{base}/save/{api.url}"
    try:
        archived = api.save()
    except TooManyRequestsError:
        raise SaveFailed(
            f"{url}: Save Page Now is rate limiting us (HTTP 429); try again in 5 minutes"
        ) from None
    except (MaximumSaveRetriesExceeded, ValueError):
        raise SaveFailed(f"{url}: Save Page Now answered without an archive URL") from None
    except (WaybackError, requests.RequestException) as exc:
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise SaveFailed(f"{url}: Save Page Now failed ({first_line})") from None
    archive_url = _WAYBACK_HOST.sub(base, archived)
    stamp = _MEMENTO.search(archive_url)
    if stamp is None:
        raise SaveFailed(f"{url}: Save Page Now answered with no memento ({archive_url})")
    t = stamp[1]
    saved_at = f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
    return SavedCopy(url, archive_url, saved_at)


def save_pages(wayback_url: str, urls: list[str], interval: float) -> list[SavedCopy]:
    """Save several pages, ``interval`` seconds apart (Save Page Now allows few per minute)."""
    saved = []
    for number, url in enumerate(urls):
        if number:
            time.sleep(interval)
        saved.append(save_page(wayback_url, url))
    return saved
