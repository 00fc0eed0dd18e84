"""Read a policy from a local file or a URL, for `monitor compare` and `monitor extract`."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from capture import USER_AGENT
from monitor.errors import InputError

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """A policy read by hand, and how: "http" as fetched, "browser" rendered, "file"."""

    body: bytes
    content_type: str | None
    fetched_with: str


def read_page(location: str, timeout: float = 30.0, warn=None) -> Page:
    """Like `read_source`, but a URL that answers with an app shell is rendered in Chromium as
    the crawler renders it (crawler/rendering.py). ``warn`` gets a one-line notice when
    chromium is missing and the shell is read as fetched."""
    body, content_type = read_source(location, timeout)
    if urlsplit(location).scheme not in ("http", "https"):
        return Page(body, content_type, "file")
    from diffs.decoding import decode
    from diffs.shell import looks_like_shell

    if "html" not in (content_type or "html") or not looks_like_shell(decode(body, content_type)):
        return Page(body, content_type, "http")
    from crawler.chromium import chromium_available, chromium_executable

    if not chromium_available():
        if warn is not None:
            warn(
                f"{location} is a script-rendered page, but chromium is not installed "
                f"({chromium_executable()}): reading it as fetched; `make chromium` installs it"
            )
        return Page(body, content_type, "http")
    return _rendered(location)


def _rendered(url: str) -> Page:
    import asyncio

    from crawler.chromium import render_timeout
    from crawler.rendering import RENDERED_TYPE, not_rendered_reason, render_url
    from diffs.shell import looks_like_shell

    limit = render_timeout()
    try:
        html, outcome, errors = asyncio.run(render_url(url, user_agent=USER_AGENT, timeout=limit))
    except Exception as exc:  # Playwright's errors: a browser that would not start or navigate
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(f"{url}: could not render in chromium ({first_line[:200]})") from None
    if not outcome.settled and looks_like_shell(html):
        raise InputError(f"{url}: {not_rendered_reason(outcome, errors)}")
    return Page(html.encode("utf-8"), RENDERED_TYPE, "browser")


def read_source(location: str, timeout: float = 30.0) -> tuple[bytes, str | None]:
    """The bytes of a file or URL and its content type when known."""
    if urlsplit(location).scheme in ("http", "https"):
        return _fetch(location, timeout)
    path = Path(location)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{location}: larger than {MAX_BYTES // 1024 // 1024} MB")
        return path.read_bytes(), None
    except FileNotFoundError:
        raise InputError(f"{location}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{location}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{location}: cannot read ({exc.strerror})") from None


def _fetch(url: str, timeout: float) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise InputError(f"{url}: larger than {MAX_BYTES // 1024 // 1024} MB")
            return body, response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.reason})") from None
    except TimeoutError:
        raise InputError(f"{url}: timed out after {timeout:.0f} s") from None
