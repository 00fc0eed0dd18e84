"""Read a policy from a local file or a URL, for `monitor compare` and `monitor extract`."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from capture import USER_AGENT
from monitor.errors import InputError

MAX_BYTES = 20 * 1024 * 1024


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
