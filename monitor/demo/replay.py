"""Offline replay of the watched sites and of the Wayback Machine, over loopback.

Tests and `monitor demo` cannot reach the internet, and should not: the real Wayback Machine
blocks an IP for an hour after a few 429s. So this module serves, from the fixtures in
monitor/demo (see manifest.yaml there), each site's live policy page and a stand-in for the
Wayback CDX API and its raw `id_` captures, with switches for the faults a crawler must survive.

The fixtures (sites, themes, rendered captures) are read by monitor/demo/fixtures.py.

Run it by hand with `python -m monitor.demo.replay --port 8765`.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, quote_plus, unquote, unquote_plus, urlsplit

import yaml

from monitor.demo.answers import (
    BLOCKED_ANSWER,
    CHALLENGE_PAGE,
    CP1252_SAMPLE,
    LOGIN_PAGE,
    SOFT_404_PAGE,
    simple_page,
    toolbar,
)
from monitor.demo.fixtures import (
    NOT_FOUND_PAGE,
    Capture,
    Fixtures,
    digest,
    key_matches,
    pad_timestamp,
    render_markup,
    urlkey,
)
from monitor.demo.junk import JUNK_KINDS, junk_markdown, with_bad_rows
from monitor.demo.site_pages import SitePages

CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
FAULT_KINDS = frozenset(
    {
        "429",
        "429-retry-after",
        "500",
        "503",
        "timeout",
        "redirect-loop",
        "redirect",
        "empty",
        "huge",
        "garbage",
        "windows-1252",
        "challenge",
        "soft-404",
        "login",
        "cdx-blocked",
        *JUNK_KINDS,
    }
)
HTML_TYPE = "text/html; charset=utf-8"
LIVE_PATH = "/live/{slug}/privacy-policy"


class RequestRecord(NamedTuple):
    """One request the replay answered, so tests can assert on what a crawler actually sent."""

    time: float  # time.monotonic() when the request arrived
    method: str
    path: str  # path with query, as sent
    status: int
    headers: dict[str, str]  # request headers


@dataclass
class _Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


@dataclass
class _Fault:
    prefix: str
    kind: str
    remaining: int | None
    options: dict[str, Any]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # bursts from a concurrent crawler must not be refused by the kernel

    def __init__(self, address: tuple[str, int], replay: ReplayServer) -> None:
        super().__init__(address, _Handler)
        self.replay = replay

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout faults, cancelled crawls) is normal here, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers; every response has a length
    disable_nagle_algorithm = True  # small responses would otherwise wait for delayed ACKs
    server_version = "replay/1.0"
    server: _HTTPServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silent: ReplayServer.requests is the log, and test output stays readable."""

    def _serve(self, send_body: bool) -> None:
        response = self.server.replay.respond(self.command, self.path, self.headers)
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.status != 304:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body and response.status != 304:
            self.wfile.write(response.body)


class ReplayServer:
    """Serves live pages and a Wayback stand-in from monitor/demo over loopback."""

    def __init__(
        self,
        fixtures: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        delay: float = 0.0,
    ) -> None:
        self.fixtures = Fixtures(fixtures)
        self.pages = SitePages(self.fixtures.root)
        self.host = host
        self.port = port
        self.delay = delay
        self.requests: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._live_cache: dict[str, tuple[bytes, str, datetime]] = {}
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. "http://127.0.0.1:40123"; the CDX API and captures live under it too."""
        if self._httpd is None:
            raise RuntimeError("ReplayServer is not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> ReplayServer:
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"replay-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()  # wakes handlers sleeping in a delay or a timeout fault
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what others configure against ------------------------------------------------------

    def homepage_url(self, site: str) -> str:
        """A site's homepage on this server (monitor/demo/pages/<site>/index.html)."""
        return f"{self.url}/live/{site}/"

    def live_url(self, slug: str) -> str:
        """The live policy page of a site on this server."""
        if slug not in self.fixtures.sites:
            raise KeyError(f"no site {slug!r} in the replay fixtures")
        return self.url + LIVE_PATH.format(slug=slug)

    def sites_yaml(self) -> str:
        """A complete sites file whose live urls point at this server."""
        sites = [
            {
                "slug": site.slug,
                "name": site.name,
                "url": self.live_url(site.slug),
                "archive_urls": site.archive_urls,
            }
            for site in self.fixtures.sites.values()
        ]
        header = f"# Sites served by the offline replay at {self.url}\n"
        return header + yaml.safe_dump({"sites": sites}, sort_keys=False, allow_unicode=True)

    def set_live(self, slug: str, version: str, theme: str | None = None) -> None:
        """Make a site's live page serve another version, as if the site had just changed it.

        Last-Modified moves to now so conditional requests see the change; the chrome keeps the
        live page's copyright year, so the body stays a function of (version, theme).
        """
        site = self.fixtures.sites[slug]
        self.fixtures.version_text(slug, version)  # fail now on a missing file
        with self._lock:
            site.live_version = version
            site.live_theme = theme or site.live_theme
            site.live_modified = max(datetime.now(UTC).replace(microsecond=0), site.live_modified)
            self._live_cache.pop(slug, None)

    def fault(self, path_prefix: str, kind: str, times: int | None = 1, **options: Any) -> None:
        """Make the next `times` requests whose path starts with path_prefix fail as `kind`.

        times=None keeps the fault forever. Options: retry_after (429-retry-after, 500, 503),
        location (redirect), seconds
        (timeout, default 10), size (huge, garbage).
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        if times is not None and times < 1:
            raise ValueError("times must be None or at least 1")
        with self._lock:
            self._faults.append(_Fault(path_prefix, kind, times, options))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # -- request handling -------------------------------------------------------------------

    def respond(self, method: str, target: str, headers: Mapping[str, str]) -> _Response:
        """Answer one request (called by handler threads) and record it."""
        arrived = time.monotonic()
        fault = self._take_fault(target)
        if fault is not None and fault.kind == "cdx-bad-rows":
            response = self._route(target, headers)
            url = parse_qs(target.partition("?")[2]).get("url", [""])[0]
            response.body = with_bad_rows(response.body, url)
        elif fault is not None and fault.kind != "timeout":
            response = self._fault_response(fault, target)
        else:
            if fault is not None:
                self._stopping.wait(float(fault.options.get("seconds", 10)))
            response = self._route(target, headers)
        if self.delay:
            self._stopping.wait(self.delay)
        with self._lock:
            self.requests.append(
                RequestRecord(arrived, method, target, response.status, dict(headers))
            )
        return response

    def _take_fault(self, target: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if target.startswith(fault.prefix):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def _fault_response(self, fault: _Fault, target: str) -> _Response:
        kind, options = fault.kind, fault.options
        if kind in ("429", "429-retry-after"):
            headers = [("Content-Type", HTML_TYPE)]
            if kind == "429-retry-after":
                headers.append(("Retry-After", str(options.get("retry_after", 1))))
            return _Response(429, headers, simple_page("Too Many Requests", "Slow down."))
        if kind in ("500", "503"):
            title = "Internal Server Error" if kind == "500" else "Service Unavailable"
            headers = [("Content-Type", HTML_TYPE)]
            if "retry_after" in options:
                headers.append(("Retry-After", str(options["retry_after"])))
            return _Response(int(kind), headers, simple_page(title, title))
        if kind == "redirect":
            return _Response(302, [("Location", str(options["location"]))])
        if kind == "redirect-loop":
            return _Response(302, [("Location", self.url + target)])
        if kind == "empty":
            return _Response(200, [("Content-Type", HTML_TYPE)])
        if kind == "huge":
            size = int(options.get("size", 5_000_000))
            head, tail = b"<html><body>", b"</body></html>"
            filler = b"<p>All work and no play makes a very large page.</p>\n"
            middle = (filler * (size // len(filler) + 1))[: max(size - len(head) - len(tail), 0)]
            return _Response(200, [("Content-Type", HTML_TYPE)], head + middle + tail)
        if kind == "garbage":
            body = random.Random(0).randbytes(int(options.get("size", 64 * 1024)))
            return _Response(200, [("Content-Type", "text/html")], body)
        if kind == "windows-1252":
            return _Response(200, [("Content-Type", "text/html")], self._cp1252_page(target))
        if kind == "challenge":
            headers = [("Content-Type", HTML_TYPE), ("Cf-Mitigated", "challenge")]
            return _Response(200, headers, CHALLENGE_PAGE)
        if kind == "login":
            return _Response(200, [("Content-Type", HTML_TYPE)], LOGIN_PAGE)
        if kind in JUNK_KINDS:
            return self._junk(kind, target)
        if kind == "cdx-blocked":
            # What the real CDX server answers for a site excluded from the archive.
            return _Response(403, [("Content-Type", "text/plain;charset=UTF-8")], BLOCKED_ANSWER)
        return _Response(200, [("Content-Type", HTML_TYPE)], SOFT_404_PAGE)  # soft-404

    def _junk(self, kind: str, target: str) -> _Response:
        """A page of monitor/demo/junk.py for the live page or archived capture ``target``
        names."""
        if kind == "404":
            return _Response(404, [("Content-Type", HTML_TYPE)], NOT_FOUND_PAGE)
        archived = self._archived_capture(target)
        slug = archived.slug if archived else self._live_slug(target.split("?", 1)[0])
        if slug is None:
            return _Response(404, [("Content-Type", HTML_TYPE)], NOT_FOUND_PAGE)
        site = self.fixtures.sites[slug]
        if kind == "lying-charset":
            body = archived.body if archived else self._live_page(slug)[0]
            return _Response(200, [("Content-Type", "text/html; charset=utf-16")], body)
        theme = archived.theme if archived else site.live_theme
        year = int(archived.timestamp[:4]) if archived else site.live_modified.year
        version = archived.version if archived else site.live_version
        body = self.fixtures.render(site, version, theme, year, markdown=junk_markdown(kind))
        return _Response(200, [("Content-Type", HTML_TYPE)], body)

    def _cp1252_page(self, target: str) -> bytes:
        """A live page or an archived capture re-encoded as windows-1252, declared only in its
        <meta>; else a sample."""
        slug = self._live_slug(target.split("?", 1)[0])
        archived = self._archived_capture(target)
        if archived is not None:
            site = self.fixtures.sites[archived.slug]
            year = int(archived.timestamp[:4])
            return self.fixtures.render(
                site, archived.version, archived.theme, year, charset="windows-1252"
            )
        if slug is None:
            return CP1252_SAMPLE
        site = self.fixtures.sites[slug]
        year = site.live_modified.year
        return self.fixtures.render(
            site, site.live_version, site.live_theme, year, nonce="live", charset="windows-1252"
        )

    def _archived_capture(self, target: str) -> Capture | None:
        """The archived page (status 200) a ``/web/<timestamp>.../<url>`` path names, if any."""
        match = re.match(r"/web/(\d{14})[a-z]{0,2}_?/(.+)", target)
        if not match:
            return None
        url = re.sub(r"^(https?):/+", r"\1://", match[2])
        for capture in self._history(url):
            if capture.timestamp == match[1] and capture.version:
                return capture
        return None

    def _route(self, target: str, headers: Mapping[str, str]) -> _Response:
        path, _, query = target.partition("?")
        if path == "/cdx/search/cdx":
            return self._cdx(parse_qs(query, keep_blank_values=True))
        if path.startswith("/web/"):
            return self._wayback(target[len("/web/") :])
        if path.startswith("/save/"):
            return self._save(target[len("/save/") :])
        if path.startswith("/live/"):
            if path.endswith(".json") and (slug := self._live_slug(path.removesuffix(".json"))):
                return self._live_json(slug)
            if alias := self.pages.policy_alias(path):
                path = LIVE_PATH.format(slug=alias)
            elif page := self.pages.page(path, self.url, self.port):
                return _Response(200, [("Content-Type", page[1])], page[0])
            return self._live(path, headers)
        if path == "/robots.txt":
            return _Response(200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow:\n")
        if path == "/sites.yaml":
            return _Response(200, [("Content-Type", "text/yaml")], self.sites_yaml().encode())
        if path == "/":
            links = "".join(
                f'<li><a href="{self.live_url(s)}">{s}</a></li>' for s in self.fixtures.sites
            )
            body = f"<html><body><h1>Replay</h1><ul>{links}</ul></body></html>\n".encode()
            return _Response(200, [("Content-Type", HTML_TYPE)], body)
        return _Response(404, [("Content-Type", HTML_TYPE)], NOT_FOUND_PAGE)

    # -- live pages -------------------------------------------------------------------------

    def _live_slug(self, path: str) -> str | None:
        for slug in self.fixtures.sites:
            if path == LIVE_PATH.format(slug=slug):
                return slug
        return None

    def _live_page(self, slug: str) -> tuple[bytes, str, datetime]:
        with self._lock:
            cached = self._live_cache.get(slug)
            if cached is None:
                site = self.fixtures.sites[slug]
                body = self.fixtures.render(
                    site, site.live_version, site.live_theme, site.live_modified.year, nonce="live"
                )
                cached = self._live_cache[slug] = (body, digest(body), site.live_modified)
            return cached

    def _live(self, path: str, headers: Mapping[str, str]) -> _Response:
        slug = self._live_slug(path)
        if slug is None:
            return _Response(404, [("Content-Type", HTML_TYPE)], NOT_FOUND_PAGE)
        body, body_digest, modified = self._live_page(slug)
        etag = f'"{body_digest}"'
        validators = [("ETag", etag), ("Last-Modified", format_datetime(modified, usegmt=True))]
        if self._not_modified(headers, etag, modified):
            return _Response(304, validators)
        cache = ("Cache-Control", "max-age=0, must-revalidate")
        return _Response(200, [("Content-Type", HTML_TYPE), cache, *validators], body)

    def _live_json(self, slug: str) -> _Response:
        """The live policy as a site's JSON API serves it to a page that builds itself by
        script (the spa-fetch theme of tests/data/scripted)."""
        site = self.fixtures.sites[slug]
        markup = self.fixtures.themes[site.live_theme]["markup"]
        content = render_markup(self.fixtures.version_text(slug, site.live_version), markup)
        body = json.dumps({"html": content}).encode()
        return _Response(200, [("Content-Type", "application/json")], body)

    @staticmethod
    def _not_modified(headers: Mapping[str, str], etag: str, modified: datetime) -> bool:
        """RFC 9110 conditional GET: If-None-Match wins; If-Modified-Since only without it."""
        if_none_match = headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        if_modified_since = headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                return modified <= parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
        return False

    # -- Wayback stand-in -------------------------------------------------------------------

    def _history(self, url: str, match_type: str = "exact") -> list[Capture]:
        """Captures matching a URL, sorted like the CDX index (urlkey, then timestamp).

        A site's live URL on this server matches its whole history, so either can be queried.
        """
        key = urlkey(url)
        rows: list[Capture] = []
        for site in self.fixtures.sites.values():
            live_key = urlkey(self.live_url(site.slug))
            if key_matches(live_key, key, match_type):
                rows.extend(site.captures)
            else:
                rows.extend(c for c in site.captures if key_matches(c.urlkey, key, match_type))
        return sorted(rows, key=lambda c: (c.urlkey, c.timestamp))

    def _cdx(self, params: dict[str, list[str]]) -> _Response:
        def one(name: str, default: str = "") -> str:
            return params.get(name, [default])[-1]

        def bad(message: str) -> _Response:
            return _Response(400, [("Content-Type", "text/plain")], message.encode() + b"\n")

        url, match_type = one("url"), one("matchType", "exact")
        if not url:
            return bad("url is required")
        if url.endswith("*"):
            url, match_type = url[:-1], "prefix"
        if url.startswith("*."):
            url, match_type = url[2:], "domain"
        if match_type not in ("exact", "prefix", "host", "domain"):
            return bad(f"unknown matchType {match_type}")
        fields = [f for f in one("fl", ",".join(CDX_FIELDS)).split(",") if f]
        if unknown := set(fields) - set(CDX_FIELDS):
            return bad(f"unknown field(s) in fl: {', '.join(sorted(unknown))}")
        rows = [c.row() for c in self._history(url, match_type)]

        # from/to compare timestamp prefixes, inclusive: to=2019 keeps all of 2019.
        start, end = one("from"), one("to")
        rows = [r for r in rows if r["timestamp"] >= start.ljust(14, "0")]
        if end:
            rows = [r for r in rows if r["timestamp"] <= end.ljust(14, "9")]
        for spec in params.get("filter", []):
            negate, spec = spec.startswith("!"), spec.lstrip("!")
            name, _, pattern = spec.partition(":")
            if name not in CDX_FIELDS:
                return bad(f"unknown filter field {name}")
            try:
                regex = re.compile(pattern)
            except re.error as exc:
                return bad(f"bad filter regex: {exc}")
            rows = [r for r in rows if bool(regex.fullmatch(r[name])) != negate]
        for spec in params.get("collapse", []):
            name, _, width = spec.partition(":")
            if name not in CDX_FIELDS or (width and not width.isdigit()):
                return bad(f"bad collapse {spec}")
            rows = _collapse(rows, name, int(width) if width else None)

        resume = one("resumeKey")
        if resume:
            resume = unquote_plus(resume) if "%" in resume or "+" in resume else resume
            after = tuple(resume.rsplit(" ", 1))
            rows = [r for r in rows if (r["urlkey"], r["timestamp"]) > after]
        next_key = None
        if one("limit"):
            try:
                limit = int(one("limit"))
            except ValueError:
                return bad("limit must be an integer")
            if limit < 0:
                rows = rows[limit:]
            elif len(rows) > limit:
                rows = rows[:limit]
                if one("showResumeKey") == "true" and rows:
                    last = rows[-1]
                    next_key = quote_plus(f"{last['urlkey']} {last['timestamp']}")
        table = [[r[f] for f in fields] for r in rows]
        if one("output") == "json":
            if not table:
                return _Response(200, [("Content-Type", "application/json")], b"[]\n")
            table.insert(0, fields)
            if next_key:
                table += [[], [next_key]]
            body = "[" + ",\n".join(json.dumps(row) for row in table) + "]\n"
            return _Response(200, [("Content-Type", "application/json")], body.encode())
        text = "".join(" ".join(row) + "\n" for row in table)
        if next_key:
            text += f"\n{next_key}\n"
        return _Response(200, [("Content-Type", "text/plain")], text.encode())

    def _save(self, url: str) -> _Response:
        """Save Page Now: archive a site's live page as it is now, answer where the copy is.

        The copy joins the site's history (CDX and ``/web/``), under the live page's own URL.
        """
        url = re.sub(r"^(https?):/+", r"\1://", unquote(url))
        slug = self._live_slug(urlsplit(url).path)
        if slug is None or not url.startswith(self.url):
            return _Response(400, [("Content-Type", "text/plain")], b"cannot save that URL\n")
        body, body_digest, _ = self._live_page(slug)
        site = self.fixtures.sites[slug]
        with self._lock:
            moment = datetime.now(UTC)
            if site.captures:
                moment = max(
                    moment, pad_timestamp(site.captures[-1].timestamp) + timedelta(seconds=1)
                )
            stamp = moment.strftime("%Y%m%d%H%M%S")
            site.captures.append(
                Capture(slug, stamp, url, urlkey(url), 200, body, body_digest, "replay")
            )
        headers = [("Content-Type", HTML_TYPE), ("Content-Location", f"/web/{stamp}/{url}")]
        return _Response(200, headers, simple_page("Saved", f"Saved {html.escape(url)}"))

    def _wayback(self, rest: str) -> _Response:
        match = re.match(r"(\d{4,14})([a-z]{2}_)?/(.+)", rest, re.S)
        if not match:
            return _Response(400, [("Content-Type", "text/plain")], b"bad Wayback URL\n")
        timestamp, modifier, url = match[1], match[2] or "", match[3]
        if re.match(r"https?%3a", url, re.I):
            url = unquote(url)
        url = re.sub(r"^(https?):/+", r"\1://", url)
        history = self._history(url)
        if not history:
            message = b"Wayback Machine doesn't have that page archived.\n"
            return _Response(404, [("Content-Type", HTML_TYPE)], message)
        try:
            wanted = pad_timestamp(timestamp)
        except ValueError:
            return _Response(400, [("Content-Type", "text/plain")], b"bad timestamp\n")
        exact = [c for c in history if c.timestamp == timestamp]
        if not exact:
            nearest = min(
                history,
                key=lambda c: (
                    abs((pad_timestamp(c.timestamp) - wanted).total_seconds()),
                    c.timestamp,
                ),
            )
            location = f"{self.url}/web/{nearest.timestamp}{modifier}/{nearest.url}"
            return _Response(302, [("Location", location), ("Content-Type", HTML_TYPE)])
        capture = exact[0]
        when = pad_timestamp(capture.timestamp)
        memento = f"{self.url}/web/{capture.timestamp}/{capture.url}"
        headers = [
            ("Content-Type", HTML_TYPE),
            ("Memento-Datetime", format_datetime(when, usegmt=True)),
            ("Link", f'<{capture.url}>; rel="original", <{memento}>; rel="memento"'),
            ("X-Archive-Src", f"replay-{capture.slug}-{capture.timestamp[:8]}.warc.gz"),
            ("X-Archive-Orig-Server", capture.server),
        ]
        if capture.location:
            headers.append(
                ("Location", f"{self.url}/web/{capture.timestamp}{modifier}/{capture.location}")
            )
        body = capture.body
        if not modifier:
            body = toolbar(body, capture, self.url, sorted(history, key=lambda c: c.timestamp))
        return _Response(capture.status, headers, body)


def _collapse(rows: list[dict[str, str]], name: str, width: int | None) -> list[dict[str, str]]:
    """Drop rows whose field equals the previous row's: ADJACENT repeats only, as the CDX server."""
    kept, previous = [], None
    for row in rows:
        value = row[name][:width]
        if value != previous:
            kept.append(row)
        previous = value
    return kept


def main(argv: list[str] | None = None) -> None:
    """Serve the replay until Ctrl-C: `python -m monitor.demo.replay --port 8765 [--delay 0.05]`."""
    parser = argparse.ArgumentParser(prog="python -m monitor.demo.replay", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--delay", type=float, default=0.0, help="seconds to wait before each response"
    )
    parser.add_argument(
        "--fixtures", type=Path, default=None, help="fixtures folder (default: built in)"
    )
    args = parser.parse_args(argv)
    with ReplayServer(args.fixtures, host=args.host, port=args.port, delay=args.delay) as server:
        print(f"Replay serving at {server.url} (sites file: {server.url}/sites.yaml)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
