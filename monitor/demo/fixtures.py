"""The replay's fixtures: sites, themes and every archived capture, rendered once at load.

Pages are rendered from Markdown policy versions and HTML chrome themes (monitor/demo/themes),
deterministically, so that a capture's CDX digest (base32 SHA-1 of the body, as the Wayback
Machine computes it) is stable across runs and machines. monitor/demo/replay.py serves them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

import yaml

from crawler.cdx import surt_key

DEFAULT_FIXTURES = Path(__file__).parent
# Fills a short Wayback timestamp ("2016", "201605") up to a valid 14-digit one, as the Wayback
# Machine does: missing month and day become 01, missing time 00:00:00.
_TIMESTAMP_PAD = "00000101000000"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"(])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"https?://[^\s<,;)]*[^\s<,;).]")


@dataclass(frozen=True)
class Capture:
    """One archived response in the Wayback stand-in, with its bytes already rendered."""

    slug: str
    timestamp: str
    url: str
    urlkey: str
    status: int
    body: bytes
    digest: str
    server: str
    location: str | None = None
    version: str | None = None
    theme: str | None = None

    def row(self) -> dict[str, str]:
        """The CDX fields of this capture, all strings as the CDX server returns them."""
        return {
            "urlkey": self.urlkey,
            "timestamp": self.timestamp,
            "original": self.url,
            "mimetype": "text/html",
            "statuscode": str(self.status),
            "digest": self.digest,
            "length": str(len(self.body)),
        }


@dataclass
class Site:
    """A watched site: its real URLs, its live page settings and its archived history."""

    slug: str
    name: str
    url: str
    archive_urls: list[str]
    nav: list[str]
    live_version: str
    live_theme: str
    live_modified: datetime
    captures: list[Capture] = field(default_factory=list)


def digest(body: bytes) -> str:
    """The Wayback digest of a body: base32 of its SHA-1, what CDX collapse=digest compares."""
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def urlkey(url: str) -> str:
    """The SURT-style key the CDX server indexes a URL by, as the crawler computes it."""
    return surt_key(url)


def key_matches(key: str, query_key: str, match_type: str) -> bool:
    if match_type == "exact":
        return key == query_key
    if match_type == "prefix":
        return key.startswith(query_key)
    host, query_host = key.split(")", 1)[0], query_key.split(")", 1)[0]
    if match_type == "host":
        return host == query_host
    return host == query_host or host.startswith(query_host + ",")  # domain


def pad_timestamp(timestamp: str) -> datetime:
    padded = timestamp + _TIMESTAMP_PAD[len(timestamp) :]
    return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _stable_number(*parts: str, digits: int = 8) -> str:
    """A number derived from parts: chrome ids (analytics, page) that vary per site, not per run."""
    value = int(hashlib.sha1("|".join(parts).encode()).hexdigest()[:12], 16)
    return str(value % 10 ** (digits - 1) + 10 ** (digits - 1))


# ---------------------------------------------------------------------------------------------
# Rendering: Markdown policy text + chrome theme -> HTML bytes


def _inline(text: str, markup: str) -> str:
    """Escape a run of text; "fragmented" also cuts it into sentence <span>s and links."""
    if markup != "fragmented":
        return html.escape(text, quote=False)
    spans = []
    for sentence in _SENTENCE_END.split(text):
        escaped = html.escape(sentence, quote=False)
        escaped = _EMAIL.sub(lambda m: f'<a href="mailto:{m[0]}">{m[0]}</a>', escaped)
        escaped = _LINK.sub(lambda m: f'<a href="{m[0]}" rel="noopener">{m[0]}</a>', escaped)
        spans.append(f"<span>{escaped}</span>")
    return " ".join(spans)


def _heading(text: str, level: int, markup: str) -> str:
    inner = _inline(text, markup)
    if level == 1:
        return f'<h1 class="page-title">{inner}</h1>'
    if markup == "strong":
        return (
            f'<p class="MsoNormal"><b>{inner}</b></p>'
            if level == 2
            else f"<p><b><i>{inner}</i></b></p>"
        )
    if markup == "fragmented":
        sub = "" if level == 2 else " title--sub"
        return f'<div class="title{sub}">{inner}</div>'
    return f"<h{level}>{inner}</h{level}>"


def render_markup(text: str, markup: str) -> str:
    """Turn a policy version (Markdown subset: #-headings, "- " items, paragraphs) into HTML.

    Three markups model what real sites do to the same text: semantic headings ("classic"),
    bold paragraphs from an old CMS ("strong"), and headings as <div class="title"> with the text
    cut into inline elements ("fragmented"), so extraction is tested on all three.
    """
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            out.append(_heading(block[level:].strip(), level, markup))
        elif all(line.startswith("- ") for line in lines):
            css = {"strong": ' type="disc"', "fragmented": ' class="Policy_list__3"'}.get(
                markup, ""
            )
            items = "\n".join(f"<li>{_inline(line[2:], markup)}</li>" for line in lines)
            out.append(f"<ul{css}>\n{items}\n</ul>")
        else:
            # Markdown hard breaks (two trailing spaces) are kept, e.g. in postal addresses.
            inner = "<br />\n".join(_inline(line.rstrip(), markup) for line in lines)
            if markup == "strong":
                out.append(f'<p class="MsoNormal">{inner}</p>')
            elif markup == "fragmented":
                out.append(f'<div class="Policy_para__2">{inner}</div>')
            else:
                out.append(f"<p>{inner}</p>")
    return "\n".join(out)


def _nav(labels: Iterable[str]) -> str:
    items = []
    for label in labels:
        href = "/" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        items.append(f'<li><a href="{href}">{html.escape(label)}</a></li>')
    return "".join(items)


def _redirect_body(location: str) -> bytes:
    loc = html.escape(location)
    return (
        "<html><head><title>Object moved</title></head><body>\r\n"
        f'<h2>Object moved to <a href="{loc}">here</a>.</h2>\r\n</body></html>\r\n'
    ).encode()


NOT_FOUND_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>404 - Page Not Found</title></head>\n<body>"
    b"<h1>Page not found</h1>\n<p>The page you are looking for might have been removed, had its "
    b"name changed, or is temporarily unavailable.</p>\n</body></html>\n"
)


class Fixtures:
    """The sites, themes and rendered captures described by a fixtures folder's manifest.yaml."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else DEFAULT_FIXTURES
        manifest = yaml.safe_load((self.root / "manifest.yaml").read_text(encoding="utf-8"))
        self.themes: dict[str, dict[str, str]] = manifest["themes"]
        self._templates = {
            name: Template((self.root / "themes" / f"{name}.html").read_text(encoding="utf-8"))
            for name in self.themes
        }
        self.sites: dict[str, Site] = {}
        for entry in manifest["sites"]:
            site = Site(
                slug=entry["slug"],
                name=entry["name"],
                url=entry["url"],
                archive_urls=list(entry["archive_urls"]),
                nav=list(entry.get("nav", [])),
                live_version=entry["live"]["version"],
                live_theme=entry["live"]["theme"],
                live_modified=datetime.fromisoformat(entry["live"]["modified"]),
            )
            site.captures = [self._capture(site, raw) for raw in entry["captures"]]
            self._check(site)
            self.sites[site.slug] = site

    def version_text(self, slug: str, version: str) -> str:
        """The Markdown text of one policy version of a site."""
        return (self.root / "policies" / slug / version).read_text(encoding="utf-8")

    def render(
        self,
        site: Site,
        version: str,
        theme: str,
        year: int,
        *,
        nonce: str = "",
        charset: str = "utf-8",
        markdown: str | None = None,
    ) -> bytes:
        """One policy version in one theme, as the site would have served it in that year.

        Everything that varies in the chrome (tokens, ids, build hashes) is derived from the
        arguments, never from the clock or a random source: same arguments, same bytes.
        """
        token = hashlib.sha1(f"{site.slug}|{theme}|{version}|{nonce}".encode()).hexdigest()
        home = "{0.scheme}://{0.netloc}".format(urlsplit(site.url))
        page = self._templates[theme].substitute(
            charset=charset,
            title=html.escape(f"Privacy Policy | {site.name}"),
            site_name=html.escape(site.name),
            slug=site.slug,
            home=home,
            nav=_nav(site.nav),
            content=render_markup(
                markdown if markdown is not None else self.version_text(site.slug, version),
                self.themes[theme]["markup"],
            ),
            year=year,
            token=token,
            track_id=_stable_number(site.slug, "track"),
            page_id=_stable_number(site.slug, "page", digits=3),
            build=hashlib.sha1(f"{site.slug}|{theme}".encode()).hexdigest()[:16],
        )
        return page.encode(charset, errors="xmlcharrefreplace")

    def _capture(self, site: Site, raw: Mapping[str, Any]) -> Capture:
        timestamp = str(raw["timestamp"])
        status = int(raw["status"])
        theme = raw.get("theme")
        location = raw.get("location")
        if status == 200:
            body = self.render(
                site, raw["version"], theme, int(timestamp[:4]), nonce=raw.get("nonce", "")
            )
        elif 300 <= status < 400:
            body = _redirect_body(location)
        else:
            body = NOT_FOUND_PAGE
        server = self.themes[theme]["server"] if theme else "Apache"
        return Capture(
            slug=site.slug,
            timestamp=timestamp,
            url=raw["url"],
            urlkey=urlkey(raw["url"]),
            status=status,
            body=body,
            digest=digest(body),
            server=server,
            location=location,
            version=raw.get("version"),
            theme=theme,
        )

    @staticmethod
    def _check(site: Site) -> None:
        """Fail at load on a manifest the replay would silently misserve."""
        stamps = [c.timestamp for c in site.captures]
        if any(not re.fullmatch(r"\d{14}", s) for s in stamps) or stamps != sorted(set(stamps)):
            raise ValueError(f"{site.slug}: capture timestamps must be 14 digits, strictly sorted")
        keys = {urlkey(u) for u in site.archive_urls}
        for capture in site.captures:
            if capture.urlkey not in keys:
                raise ValueError(f"{site.slug}: capture url {capture.url} not in archive_urls")
            if 300 <= capture.status < 400 and not capture.location:
                raise ValueError(f"{site.slug}: {capture.timestamp} is a redirect without location")


# ---------------------------------------------------------------------------------------------
# Fault and Wayback pages
