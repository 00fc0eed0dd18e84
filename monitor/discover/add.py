"""`monitor add`: from a clinic's homepage to a watched site, with every choice explained.

Look for policy links on the homepage, then (only if that finds nothing convincing) in the
sitemap, then in the footer of a second page; fetch the best-ranked links until one reads like
a privacy policy; ask the Wayback Machine where that policy lived before; write the site.
Nothing is written when no page convinces, or when the run is a dry run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from monitor.config import SLUG_PATTERN, Site, load_sites
from monitor.discover import links
from monitor.discover.archive import ArchivedHome, discover, scopes_for
from monitor.discover.fetch import Fetcher, Page
from monitor.discover.reads_like import Reading, read_page
from monitor.errors import ConfigError, CrawlFailed, InputError
from monitor.sites_file import append_site

MAX_PAGES_READ = 4  # candidate pages fetched at most, across all sources


@dataclass
class Tried:
    """A candidate page that was fetched, and what it turned out to be."""

    candidate: links.Candidate
    status: int
    final_url: str
    reading: Reading | None

    def as_dict(self) -> dict:
        return {
            "url": self.final_url,
            "link": self.candidate.as_dict(),
            "status": self.status,
            "reading": self.reading.as_dict() if self.reading else None,
        }


@dataclass
class AddReport:
    """What `monitor add` looked at, what it chose and why; what it wrote."""

    homepage: str
    slug: str
    name: str | None = None
    sources: list[dict] = field(default_factory=list)
    candidates: list[links.Candidate] = field(default_factory=list)
    tried: list[Tried] = field(default_factory=list)
    chosen: Tried | None = None
    archive: list[ArchivedHome] = field(default_factory=list)
    archive_notes: list[str] = field(default_factory=list)
    sites_file: str = ""
    dry_run: bool = False
    written: bool = False

    @property
    def found(self) -> bool:
        return self.chosen is not None

    @property
    def archive_urls(self) -> list[str]:
        """Earlier homes worth searching: archived pages that read like the policy."""
        current = _comparable(self.chosen.final_url) if self.chosen else None
        return [h.url for h in self.archive if h.is_policy and _comparable(h.url) != current]

    def entry(self) -> dict:
        """The sites-file entry this report proposes."""
        assert self.chosen is not None
        entry: dict = {"slug": self.slug, "name": self.name, "url": self.chosen.final_url}
        entry["homepage"] = self.homepage
        if self.archive_urls:
            entry["archive_urls"] = self.archive_urls
        return entry

    def as_dict(self) -> dict:
        return {
            "homepage": self.homepage,
            "slug": self.slug,
            "name": self.name,
            "found": self.found,
            "url": self.chosen.final_url if self.chosen else None,
            "chosen": self.chosen.as_dict() if self.chosen else None,
            "sources": self.sources,
            "candidates": [c.as_dict() for c in self.candidates],
            "tried": [t.as_dict() for t in self.tried],
            "archive": [h.as_dict() for h in self.archive],
            "archive_urls": self.archive_urls,
            "archive_notes": self.archive_notes,
            "sites_file": self.sites_file,
            "dry_run": self.dry_run,
            "written": self.written,
        }


def _comparable(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}"


def slug_for(homepage: str) -> str:
    """A slug from the homepage: the domain's own label (drbatras for www.drbatras.com, also
    for drbatras.co.in), or the last path segment for a site under an address (a replay)."""
    parts = urlsplit(homepage)
    host = parts.hostname or ""
    if re.fullmatch(r"[\d.]+|localhost|\[.*\]", host) or ":" in host:
        segments = [s for s in parts.path.split("/") if s]
        label = segments[-1] if segments else host
    else:
        labels = host.removeprefix("www.").split(".")
        if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "edu"):
            labels = labels[:-1]
        label = labels[-2] if len(labels) >= 2 else labels[0]
    return re.sub(r"[^a-z0-9_-]+", "-", label.lower()).strip("-") or "site"


def name_for(body: bytes, slug: str) -> str:
    """The site's name: og:site_name, else the part of the <title> closest to the slug."""
    try:
        root = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return slug
    site_name = root.xpath("string(//meta[@property='og:site_name']/@content)").strip()
    if site_name:
        return site_name
    title = " ".join(root.xpath("string(//title)").split())
    parts = [p.strip() for p in re.split(r"\s[|–—:-]\s", title) if p.strip()]
    if not parts:
        return slug
    return max(
        parts,
        key=lambda p: difflib.SequenceMatcher(None, re.sub(r"\W", "", p.lower()), slug).ratio(),
    )


def _sources(fetcher: Fetcher, home: Page) -> Iterator[tuple[str, Page, list[links.Candidate]]]:
    """Where to look, in order; each is fetched only if the previous ones found nothing."""
    yield "homepage", home, links.candidates(home.body, home.url)
    sitemaps = (urljoin(home.url, "sitemap.xml"), urljoin(home.url, "/sitemap.xml"))
    for sitemap in dict.fromkeys(sitemaps):
        page = fetcher.get(sitemap)
        found = links.sitemap_candidates(page.body, page.url) if page.ok else []
        yield "sitemap", page, found
        if page.ok:
            break
    inner = links.second_page(home.body, home.url)
    if inner:
        page = fetcher.get(inner)
        yield "second page", page, links.candidates(page.body, page.url) if page.ok else []


def find_policy(fetcher: Fetcher, home: Page, report: AddReport) -> None:
    """Fill ``report`` with the sources, candidates and pages tried; set ``chosen`` if found."""
    seen: set[str] = set()
    for kind, source, found in _sources(fetcher, home):
        report.sources.append(
            {"kind": kind, "url": source.url, "status": source.status, "candidates": len(found)}
        )
        fresh = [candidate for candidate in found if candidate.url not in seen]
        seen.update(candidate.url for candidate in fresh)
        report.candidates.extend(fresh)
        for candidate in fresh:
            if len(report.tried) >= MAX_PAGES_READ:
                break
            page = fetcher.get(candidate.url)
            reading = read_page(page.body, page.content_type, page.url) if page.ok else None
            tried = Tried(candidate, page.status, page.url, reading)
            report.tried.append(tried)
            if reading is not None and reading.is_policy:
                report.chosen = tried
                return


def _check_homepage(homepage: str) -> None:
    parts = urlsplit(homepage)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"homepage must be an http(s) URL, got {homepage!r}")


def _watched(sites: list[Site], url: str) -> Site | None:
    target = _comparable(url)
    return next((s for s in sites if target in {_comparable(u) for u in s.all_urls}), None)


def add_site(
    fetcher: Fetcher,
    wayback_url: str,
    sites_path: Path,
    homepage: str,
    slug: str | None = None,
    name: str | None = None,
    dry_run: bool = False,
) -> AddReport:
    """Find the homepage's privacy policy and its archived homes; write the site unless dry."""
    _check_homepage(homepage)
    slug = slug or slug_for(homepage)
    if not SLUG_PATTERN.match(slug):
        raise InputError(f"slug {slug!r} must be lower-case letters, digits, - or _ (use --slug)")
    sites = load_sites(sites_path) if sites_path.exists() else []
    if any(site.slug == slug for site in sites):
        raise ConfigError(f"{sites_path}: site {slug!r} is already listed (choose --slug)")
    report = AddReport(homepage, slug, name, sites_file=str(sites_path), dry_run=dry_run)

    home = fetcher.get(homepage)
    if not home.ok:
        raise CrawlFailed(f"{homepage}: HTTP {home.status}")
    report.name = name or name_for(home.body, slug)
    find_policy(fetcher, home, report)
    if report.chosen is None:
        return report
    already = _watched(sites, report.chosen.final_url)
    if already is not None:
        raise ConfigError(f"{report.chosen.final_url} is already watched as {already.slug!r}")

    scopes = scopes_for(homepage, report.chosen.final_url)
    report.archive, report.archive_notes = discover(fetcher, wayback_url, scopes)
    if not dry_run:
        append_site(sites_path, report.entry(), _comment(report))
        report.written = True
    return report


def _comment(report: AddReport) -> str:
    chosen = report.chosen
    assert chosen is not None and chosen.reading is not None
    link = chosen.candidate
    lines = [
        f"Added by `monitor add` on {datetime.now(UTC):%Y-%m-%d}: {link.where} link "
        f"{link.label!r}; {chosen.reading.summary()}."
    ]
    for home in report.archive:
        if home.url in report.archive_urls:
            lines.append(f"Archived at {home.url} in {home.years_text()}.")
    return "\n".join(lines)
