"""Earlier homes of a policy, from the Wayback Machine's CDX index, with the years each was live.

Policies move (Dr. Batra's lived at bperfect.co.in/privacy-policy.aspx in 2014), and a backfill
only searches the URLs it is given. So we ask the index for every capture under the site whose
URL looks like a policy's (one domain or prefix query, filtered on the server by a regex on the
URL and to status 200, one row per URL and month), group the rows by URL, and check the latest
capture of each candidate with the same "reads like a privacy policy" scorer as `monitor add`.
Requests are few (one CDX query per scope and page of results, one capture per candidate) and
paced like the crawler's.

CDX rows come sorted by urlkey, then timestamp. ``collapse=timestamp:6`` drops a row whose month
equals the previous row's, so at the boundary between two URLs the second one's first month can
be folded into the first one's last: a URL's first year can be missed only when all its captures
fall in the month the previous URL's end, which is rare and costs a year, never a URL that lives
on in other months.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from crawler.cdx import parse_cdx
from monitor.discover.fetch import CAPTURE, CDX, Fetcher
from monitor.discover.reads_like import Reading, read_page

POLICY_URL_REGEX = (
    r"(?i)https?://[^/]+/.*(privacy|privacidad|privacidade|datenschutz|confidentialit|vie-privee"
    r"|data-?protection|donnees-personnelles|gdpr|rgpd|dpdp).*"
)
CDX_FIELDS = "urlkey,timestamp,original,statuscode"
PAGE_SIZE = 1000
MAX_PAGES = 3  # per scope: 3,000 policy-looking rows (month-collapsed) is a very large site
MAX_CHECKED = 5  # candidate URLs whose latest capture is fetched and read


@dataclass(frozen=True)
class Scope:
    """What to ask the CDX index for: a URL and a matchType (domain or prefix)."""

    url: str
    match_type: str

    def describe(self) -> str:
        return f"{self.match_type} {self.url}"


@dataclass
class ArchivedHome:
    """A URL the policy was served at, as the Wayback Machine saw it."""

    url: str
    urlkey: str
    years: list[int]
    first: str
    last: str
    reading: Reading | None = None

    @property
    def is_policy(self) -> bool:
        return self.reading is not None and self.reading.is_policy

    def years_text(self) -> str:
        """2014, or 2016-2025 (2016, 2019, 2022, 2025) when the years are not all there."""
        if len(self.years) == 1:
            return str(self.years[0])
        span = f"{self.years[0]}-{self.years[-1]}"
        if len(self.years) == self.years[-1] - self.years[0] + 1:
            return span
        return f"{span} ({', '.join(map(str, self.years))})"

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "years": self.years,
            "first_capture": self.first,
            "last_capture": self.last,
            "reads_like_policy": self.is_policy,
            "check": self.reading.summary() if self.reading else None,
        }


def scopes_for(homepage: str | None, policy_url: str) -> list[Scope]:
    """The parts of the archive to search: the homepage's site, and the policy's if elsewhere.

    A homepage at the root of a named host means the whole domain (subdomains such as legal. or
    m. included); a homepage under a path (or on an IP address) means that path only.
    """
    scopes = [_scope(homepage or _origin(policy_url))]
    if not any(_covers(scope, policy_url) for scope in scopes):
        scopes.append(_scope(policy_url.rsplit("/", 1)[0] + "/"))
    return scopes


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return True


def _scope(url: str) -> Scope:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.path.strip("/") == "" and not _is_address(host):
        return Scope(host.removeprefix("www."), "domain")
    directory = url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"
    return Scope(directory, "prefix")


def _host_and_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url if "://" in url else "http://" + url)
    return (parts.netloc.lower().removeprefix("www."), parts.path or "/")


def _covers(scope: Scope, url: str) -> bool:
    host, path = _host_and_path(url)
    scope_host, scope_path = _host_and_path(scope.url)
    if scope.match_type == "prefix":
        return host == scope_host and path.startswith(scope_path)
    return host == scope_host or host.endswith("." + scope_host)


def cdx_query(wayback_url: str, scope: Scope, resume_key: str | None = None) -> str:
    params = [
        ("url", scope.url),
        ("matchType", scope.match_type),
        ("output", "json"),
        ("fl", CDX_FIELDS),
        ("filter", "statuscode:200"),
        ("filter", f"original:{POLICY_URL_REGEX}"),
        ("collapse", "timestamp:6"),
        ("showResumeKey", "true"),
        ("limit", str(PAGE_SIZE)),
    ]
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{wayback_url}/cdx/search/cdx?{urlencode(params)}"


def group_rows(rows: list[dict[str, str]]) -> list[ArchivedHome]:
    """One ArchivedHome per urlkey, most recently seen first; the URL as last archived."""
    homes: dict[str, ArchivedHome] = {}
    for row in rows:
        key, stamp = row["urlkey"], row["timestamp"]
        home = homes.get(key)
        if home is None:
            homes[key] = ArchivedHome(row["original"], key, [int(stamp[:4])], stamp, stamp)
            continue
        year = int(stamp[:4])
        if year not in home.years:
            home.years.append(year)
            home.years.sort()
        home.first = min(home.first, stamp)
        if stamp >= home.last:
            home.last, home.url = stamp, row["original"]
    return sorted(homes.values(), key=lambda h: h.last, reverse=True)


def discover(
    fetcher: Fetcher, wayback_url: str, scopes: list[Scope]
) -> tuple[list[ArchivedHome], list[str]]:
    """Archived homes of the policy under these scopes, each checked; and notes on what was cut.

    Only homes whose latest capture reads like a privacy policy are worth proposing; the others
    are returned too (``is_policy`` false), so the report can say why they were left out.
    """
    rows: list[dict[str, str]] = []
    notes: list[str] = []
    for scope in scopes:
        resume_key = None
        for page_number in range(MAX_PAGES):
            page = fetcher.get(cdx_query(wayback_url, scope, resume_key), slot=CDX)
            if page.status != 200:
                notes.append(f"CDX query {scope.describe()}: HTTP {page.status}")
                break
            try:
                answer = parse_cdx(page.body.decode("utf-8", "replace"), CDX_FIELDS.split(","))
                found, resume_key = answer.rows, answer.resume_key
            except ValueError:
                notes.append(f"CDX query {scope.describe()}: answer is not CDX JSON")
                break
            rows.extend(found)
            if not resume_key:
                break
            if page_number == MAX_PAGES - 1:
                notes.append(f"CDX query {scope.describe()}: stopped after {MAX_PAGES} pages")
    homes = group_rows(rows)
    for home in homes[:MAX_CHECKED]:
        capture = fetcher.get(f"{wayback_url}/web/{home.last}id_/{home.url}", slot=CAPTURE)
        if capture.ok:
            home.reading = read_page(capture.body, capture.content_type, home.url)
    if len(homes) > MAX_CHECKED:
        notes.append(f"{len(homes) - MAX_CHECKED} more policy-looking URLs were not checked")
    return homes, notes


def propose_for_site(
    fetcher: Fetcher, wayback_url: str, homepage: str | None, url: str, known: tuple[str, ...]
) -> tuple[list[ArchivedHome], list[str], list[str]]:
    """Archived homes of a watched site's policy, notes, and the URLs worth adding to its
    archive_urls (those that read like a policy and are not already searched)."""
    homes, notes = discover(fetcher, wayback_url, scopes_for(homepage, url))
    searched = {_host_and_path(u) for u in known}
    proposed = [h.url for h in homes if h.is_policy and _host_and_path(h.url) not in searched]
    return homes, notes, proposed
