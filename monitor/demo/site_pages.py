"""The replay's homepages and other non-policy pages, for `monitor add` to search.

Kept apart from monitor/demo/replay.py, which serves policies and the Wayback stand-in: this module
only maps a path under /live/<site>/ to a fixture file in monitor/demo/pages (see the README
there) or to a site's live policy under another path. It knows nothing of HTTP.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import yaml

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml"}
OTHER_HOST = "localhost"  # resolves to the same loopback server under another host name


class SitePages:
    """Fixture pages under /live/<site>/: homepages, terms, cookie notices, sitemaps."""

    def __init__(self, fixtures: Path) -> None:
        self.root = Path(fixtures) / "pages"
        aliases_file = self.root / "aliases.yaml"
        aliases = {}
        if aliases_file.exists():
            aliases = yaml.safe_load(aliases_file.read_text(encoding="utf-8")) or {}
        self.aliases = {
            f"/live/{site}/{path}": site for site, paths in aliases.items() for path in paths
        }

    def policy_alias(self, path: str) -> str | None:
        """The site whose live policy this path also serves, if it is an alias."""
        return self.aliases.get(path.rstrip("/"))

    def page(self, path: str, base_url: str, port: int) -> tuple[bytes, str] | None:
        """(body, content type) of the fixture page at this path, or None."""
        parts = path.split("/", 3)  # "", "live", site, rest
        if len(parts) < 3 or not parts[2] or ".." in path:
            return None
        site, rest = parts[2], (parts[3] if len(parts) > 3 else "").strip("/")
        folder = self.root / site
        if not folder.is_dir():
            return None
        for candidate in (folder / rest, folder / f"{rest or 'index'}.html"):
            if candidate.is_file():
                site_url = f"{base_url}/live/{site}"
                other_host = f"http://{OTHER_HOST}:{port}/live/{site}"
                text = Template(candidate.read_text(encoding="utf-8")).safe_substitute(
                    site=site_url, other_host=other_host
                )
                content_type = CONTENT_TYPES.get(candidate.suffix, "text/plain; charset=utf-8")
                return text.encode("utf-8"), content_type
        return None
