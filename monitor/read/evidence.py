"""Evidence a third party can check: Save Page Now copies, and links to archived versions.

A change is only proved if someone else can see both texts. Wayback captures already are such
copies; for the live page, `monitor save` asks the Wayback Machine to archive it now. waybackpy
makes the Save Page Now request (with its retries and its errors for 429 and 509), but builds the
request URL from a fixed host and reads the answer only from web.archive.org addresses: its
``request_url`` is a plain attribute, so we point it at the configured Wayback base (the real one,
or the replay in tests) and read where the copy went ourselves (see docs/decisions/0010).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from capture import USER_AGENT, wayback_stamp
from monitor.errors import SaveFailed

_MEMENTO = re.compile(r"/web/(\d{14})/")
_LINK = re.compile(r'<(?P<url>[^>]+)>\s*;\s*rel="(?P<rel>[^"]+)"')


@dataclass(frozen=True)
class SavedCopy:
    url: str
    archive_url: str
    saved_at: str  # ISO 8601 UTC of the archived copy


def memento_url(wayback_url: str, captured_at: str, url: str) -> str:
    """The Wayback address of a capture: ``{wayback}/web/{14-digit timestamp}/{url}``."""
    stamp = re.sub(r"\D", "", captured_at)[:14].ljust(14, "0")
    return f"{wayback_url.rstrip('/')}/web/{stamp}/{url}"


def save_page(wayback_url: str, url: str, max_tries: int = 2, pause: float = 5.0) -> SavedCopy:
    """Ask Save Page Now to archive ``url``; raises SaveFailed with a one-line reason."""
    # requests and waybackpy only here: every report links to archived copies (memento_url),
    # and `monitor run` should not load an HTTP client it never uses
    import requests
    from waybackpy import WaybackMachineSaveAPI
    from waybackpy.exceptions import TooManyRequestsError, WaybackError

    base = wayback_url.rstrip("/")
    api = WaybackMachineSaveAPI(url, user_agent=USER_AGENT, max_tries=max_tries)
    api.request_url = f"{base}/save/{api.url}"
    for attempt in range(max_tries):
        if attempt:
            time.sleep(pause)
        try:
            api.get_save_request_headers()
        except TooManyRequestsError:
            raise SaveFailed(
                f"{url}: Save Page Now is rate limiting us (HTTP 429); try again in 5 minutes"
            ) from None
        except (WaybackError, requests.RequestException) as exc:
            first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise SaveFailed(f"{url}: Save Page Now failed ({first_line})") from None
        archive_url = archive_url_from(base, api.headers or {}, api.response_url or "")
        if archive_url:
            stamp = _MEMENTO.search(archive_url)[1]
            return SavedCopy(url, archive_url, wayback_stamp(stamp))
    raise SaveFailed(f"{url}: Save Page Now answered without an archive URL")


def archive_url_from(base: str, headers: Mapping[str, str], response_url: str) -> str | None:
    """Where Save Page Now put the copy: Content-Location, a memento Link, or the final URL."""
    location = headers.get("Content-Location", "")
    if _MEMENTO.match(location):
        return base + location
    for link in _LINK.finditer(headers.get("Link", "")):
        if "memento" in link["rel"].split():
            return _rebase(base, link["url"])
    if _MEMENTO.search(response_url):
        return _rebase(base, response_url)
    return None


def _rebase(base: str, archived: str) -> str:
    path = archived[_MEMENTO.search(archived).start() :]
    return base + path


def save_pages(wayback_url: str, urls: list[str], interval: float) -> list[SavedCopy]:
    """Save several pages, ``interval`` seconds apart (Save Page Now allows few per minute)."""
    saved = []
    for number, url in enumerate(urls):
        if number:
            time.sleep(interval)
        saved.append(save_page(wayback_url, url))
    return saved
