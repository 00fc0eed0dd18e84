"""The sites file and run settings.

Settings come from a flag, else an environment variable, else a default, in that order.
The sites file is YAML: ``sites:`` a list of ``{slug, name, url}`` with optional ``archive_urls``,
``select``/``remove`` CSS selectors, ``notify`` apprise tags, ``homepage`` (where
`monitor add` found the policy; `backfill --discover` searches the archive under it), and
``browser: true|false`` / ``browser_wait: SELECTOR`` (render the page in Chromium always or never,
instead of only when it is an app shell; wait for an element before reading it); an optional
top-level ``notify_thresholds:`` maps an apprise tag to the least change that alerts it
(``material``, the default, or ``minor`` and up). Unknown keys are errors (with their line
number), as Open Terms Archive's declaration schema rejects them, so a typo such as ``selectt``
never silently disables a rule.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from monitor.errors import ConfigError, UnknownSite
from monitor.locations import DEFAULT_DB, DEFAULT_SITES, default_paths

if TYPE_CHECKING:  # the diff engine loads only where rules are used: read commands stay quick
    import yaml

    from diffs.rules import Boundary, Rules

DEFAULT_WAYBACK_URL = "https://web.archive.org"
DEFAULT_NOTIFY_BACKOFF = 300.0
THRESHOLDS = ("minor", "material")  # least change that alerts a tag, most inclusive first
DEFAULT_THRESHOLD = "material"

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TOP_KEYS = {"sites", "notify_thresholds"}
SITE_KEYS = {
    "slug",
    "name",
    "url",
    "homepage",
    "archive_urls",
    "select",
    "remove",
    "start",
    "end",
    "notify",
    "every",
    "browser",
    "browser_wait",
}
DEFAULT_EVERY = "1d"
DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
DURATION_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
REQUIRED_KEYS = ("slug", "name", "url")


@dataclass(frozen=True)
class Site:
    """One watched policy: where it lives now and where it lived before."""

    slug: str
    name: str
    url: str
    archive_urls: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    notify: tuple[str, ...] = ("all",)
    homepage: str | None = None
    every: int = DURATION_SECONDS["d"]  # seconds between two checks of the live page
    start: Boundary | None = (
        None  # where the policy starts on a page it shares (see diffs/rules.py)
    )
    end: Boundary | None = None
    browser: bool | None = None  # render in Chromium: None = when the page is an app shell
    browser_wait: str | None = None  # CSS selector a rendered page must show before it is read

    @property
    def rules(self) -> Rules:
        """Where the policy sits on the page, as extraction takes it."""
        from diffs.rules import Rules

        return Rules(self.select, self.remove, self.start, self.end)

    thresholds: tuple[tuple[str, str], ...] = ()  # (tag, threshold) from notify_thresholds

    def threshold(self, tag: str) -> str:
        """The least materiality that alerts subscribers of ``tag`` about this site."""
        return dict(self.thresholds).get(tag, DEFAULT_THRESHOLD)

    @property
    def all_urls(self) -> tuple[str, ...]:
        """Every URL the policy lived at, current first, without repeats."""
        return tuple(dict.fromkeys((self.url, *self.archive_urls)))


@dataclass(frozen=True)
class Settings:
    """Where the database, the sites file and the Wayback Machine are."""

    db: Path = Path(DEFAULT_DB)
    sites: Path = Path(DEFAULT_SITES)
    wayback_url: str = DEFAULT_WAYBACK_URL
    apprise_config: Path | None = None
    alert_key_file: Path | None = None  # None: beside the database, see alert_key_path()
    report_url: str | None = None
    notify_backoff: float = DEFAULT_NOTIFY_BACKOFF
    redis_url: str | None = None  # set: crawls go to `monitor worker` processes through Redis
    chosen_by: str = "defaults"  # where the database and sites file paths came from
    extra: dict[str, object] = field(default_factory=dict)


def resolve_settings(
    db: str | None = None,
    sites: str | None = None,
    wayback_url: str | None = None,
    apprise_config: str | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Flag first, then environment, then default (see monitor/locations.py)."""
    env = os.environ if environ is None else environ
    wayback = (wayback_url or env.get("MONITOR_WAYBACK_URL") or DEFAULT_WAYBACK_URL).rstrip("/")
    _check_http_url(wayback, "wayback URL")
    apprise = apprise_config or env.get("MONITOR_APPRISE_CONFIG")
    db = db or env.get("MONITOR_DB")
    sites = sites or env.get("MONITOR_SITES")
    defaults = default_paths(env) if not (db and sites) else None
    return Settings(
        db=Path(db) if db else defaults.db,
        sites=Path(sites) if sites else defaults.sites,
        chosen_by=defaults.chosen_by if defaults else "flags and environment",
        wayback_url=wayback,
        apprise_config=Path(apprise) if apprise else None,
        alert_key_file=Path(env["MONITOR_ALERT_KEY_FILE"])
        if env.get("MONITOR_ALERT_KEY_FILE")
        else None,
        report_url=(env.get("MONITOR_REPORT_URL") or "").rstrip("/") or None,
        notify_backoff=_seconds(env, "MONITOR_NOTIFY_BACKOFF", DEFAULT_NOTIFY_BACKOFF),
        redis_url=env.get("MONITOR_REDIS_URL") or None,
    )


def alert_key_path(settings: Settings) -> Path:
    """The secret that keys subscriber fingerprints: never inside the database it protects."""
    if settings.alert_key_file is not None:
        return settings.alert_key_file
    return settings.db.with_name(settings.db.name + ".alert-key")


def _seconds(env, name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {raw!r}")
    return value


def load_sites(path: Path) -> list[Site]:
    """Read and validate a sites file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"sites file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read sites file {path}: {exc}") from None
    return parse_sites(text, source=str(path))


def parse_sites(text: str, source: str = "<sites>") -> list[Site]:
    """Validate sites-file text; errors name the file and line."""
    # PyYAML here and in the helpers below, not at the top: `monitor --help` and the read
    # commands that never read the sites file do not load it (bench/startup.py).
    import yaml

    # libyaml when present: a sites file of thousands of sites is read on every run
    composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=composer)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or exc
        raise ConfigError(f"{source}{where}: not valid YAML ({problem})") from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{source}: expected a mapping with a 'sites:' list")
    top = {key.value: value for key, value in root.value}
    for key, _ in root.value:
        if key.value not in TOP_KEYS:
            raise ConfigError(
                f"{source}:{key.start_mark.line + 1}: unknown top-level key {key.value!r} "
                f"(allowed: {', '.join(sorted(TOP_KEYS))})"
            )
    thresholds = _parse_thresholds(top.get("notify_thresholds"), source)
    nodes = top.get("sites")
    if not isinstance(nodes, yaml.SequenceNode):
        raise ConfigError(f"{source}: 'sites:' must be a list")
    sites: list[Site] = []
    for node in nodes.value:
        sites.append(_parse_site(node, source))
    seen: set[str] = set()
    for site in sites:
        if site.slug in seen:
            raise ConfigError(f"{source}: site {site.slug!r} is listed twice")
        seen.add(site.slug)
    return [
        replace(site, thresholds=tuple((t, thresholds[t]) for t in site.notify if t in thresholds))
        for site in sites
    ]


def _parse_thresholds(node: yaml.Node | None, source: str) -> dict[str, str]:
    """``notify_thresholds: {tag: material|minor}``; absent tags alert on material changes."""
    import yaml  # loaded by parse_sites

    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~")):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(
            f"{source}:{node.start_mark.line + 1}: 'notify_thresholds:' must map apprise tags "
            f"to {' or '.join(THRESHOLDS)}"
        )
    result = {}
    for key, value in node.value:
        where = f"{source}:{key.start_mark.line + 1}"
        if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
            raise ConfigError(f"{where}: a notify_thresholds key must be an apprise tag")
        if not isinstance(value, yaml.ScalarNode) or value.value not in THRESHOLDS:
            shown = value.value if isinstance(value, yaml.ScalarNode) else "a list or mapping"
            raise ConfigError(
                f"{where}: threshold for tag {key.value!r} must be "
                f"{' or '.join(repr(t) for t in THRESHOLDS)}, got {shown!r}"
            )
        result[key.value.strip()] = value.value
    return result


def _parse_site(node: yaml.Node, source: str) -> Site:
    import yaml  # loaded by parse_sites

    line = node.start_mark.line + 1
    where = f"{source}:{line}"
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{where}: each site must be a mapping with slug, name and url")
    data = yaml.constructor.SafeConstructor().construct_document(node)
    for key_node, _ in node.value:
        if key_node.value not in SITE_KEYS:
            raise ConfigError(
                f"{source}:{key_node.start_mark.line + 1}: unknown key {key_node.value!r} "
                f"(allowed: {', '.join(sorted(SITE_KEYS))})"
            )
    for key in REQUIRED_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ConfigError(f"{where}: site needs a non-empty {key!r}")
    slug = data["slug"]
    if not SLUG_PATTERN.match(slug):
        raise ConfigError(f"{where}: slug {slug!r} must be lower-case letters, digits, - or _")
    _check_http_url(data["url"], f"{where}: url")
    homepage = data.get("homepage")
    if homepage is not None:
        if not isinstance(homepage, str):
            raise ConfigError(f"{where}: 'homepage' must be a URL")
        _check_http_url(homepage, f"{where}: homepage")
    archive_urls = _string_list(data, "archive_urls", where)
    for url in archive_urls:
        _check_http_url(url, f"{where}: archive_urls entry")
    return Site(
        slug=slug,
        name=data["name"].strip(),
        url=data["url"].strip(),
        archive_urls=archive_urls,
        select=_string_list(data, "select", where),
        remove=_string_list(data, "remove", where),
        notify=_string_list(data, "notify", where) or ("all",),
        homepage=homepage.strip() if homepage else None,
        every=parse_duration(str(data.get("every", DEFAULT_EVERY)), f"{where}: every"),
        start=_boundary(data, "start", where),
        end=_boundary(data, "end", where),
        browser=_browser(data, where),
        browser_wait=_browser_wait(data, where),
    )


def _browser(data: dict, where: str) -> bool | None:
    value = data.get("browser")
    if value is not None and not isinstance(value, bool):
        raise ConfigError(f"{where}: 'browser' must be true or false, got {value!r}")
    return value


def _browser_wait(data: dict, where: str) -> str | None:
    """A CSS selector, checked now so that a typo fails here and not in the browser."""
    value = data.get("browser_wait")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: 'browser_wait' must be a CSS selector")
    from cssselect import GenericTranslator, SelectorError  # only to check this selector

    try:
        GenericTranslator().css_to_xpath(value)
    except SelectorError as exc:
        raise ConfigError(f"{where}: 'browser_wait' is not a valid CSS selector: {exc}") from None
    if data.get("browser") is False:
        raise ConfigError(f"{where}: 'browser_wait' needs the browser, but 'browser' is false")
    return value.strip()


def parse_duration(text: str, what: str = "duration") -> int:
    """'30m', '6h', '1d', '2w' -> seconds."""
    match = DURATION.match(text)
    if not match or int(match.group(1)) == 0:
        raise ConfigError(
            f"{what} must be a number and a unit (m, h, d or w), e.g. 6h; got {text!r}"
        )
    return int(match.group(1)) * DURATION_SECONDS[match.group(2)]


def _boundary(data: dict, key: str, where: str) -> Boundary | None:
    if data.get(key) is None:
        return None
    from diffs.rules import Boundary

    try:
        return Boundary.parse(data.get(key), key)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _string_list(data: dict, key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {key!r} must be a string or a list of strings")
    return tuple(v.strip() for v in value)


def _check_http_url(url: str, what: str) -> None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{what} must be an http(s) URL, got {url!r}")


def select_sites(sites: list[Site], slugs: tuple[str, ...] | list[str]) -> list[Site]:
    """The sites named by slug, in the order given; all sites when none are named."""
    if not slugs:
        return list(sites)
    by_slug = {site.slug: site for site in sites}
    chosen = []
    for slug in slugs:
        if slug not in by_slug:
            raise UnknownSite(slug, sorted(by_slug))
        chosen.append(by_slug[slug])
    return chosen
