"""Edit the sites file as a person would: keep its comments, order and layout, then validate.

`monitor add` and `monitor backfill --discover` write to a file people maintain by hand, so a
round trip through ruamel.yaml keeps every comment and key order, and the indentation the file
already uses. The result is checked by the one validator (monitor.config.parse_sites) before it
replaces the file, atomically, so a failed edit never leaves a broken or half-written file.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from monitor.config import Site, parse_sites
from monitor.errors import ConfigError

NEW_FILE_HEADER = (
    "# The sites policy-monitor watches (see docs/configuration.md: The sites file).\n"
    "# Written by `monitor add`; comments and order are kept when it edits this file.\n"
)


def _load(path: Path) -> tuple[YAML, CommentedMap]:
    yaml = YAML()  # round-trip
    yaml.width = 100
    if not path.exists():
        yaml.indent(mapping=2, sequence=4, offset=2)
        root = yaml.load(NEW_FILE_HEADER + "sites: []\n")
        root["sites"].fa.set_block_style()
        return yaml, root
    text = path.read_text(encoding="utf-8")
    parse_sites(text, source=str(path))  # refuse to edit a file that is already invalid
    try:
        root, indent, block_seq_indent = load_yaml_guess_indent(text)
    except YAMLError as exc:  # parse_sites accepted it, so this is unexpected
        raise ConfigError(f"{path}: cannot edit ({exc})") from None
    yaml.indent(mapping=indent or 2, sequence=indent or 2, offset=block_seq_indent or 0)
    if root.get("sites") is None:
        root["sites"] = CommentedSeq()
    return yaml, root


def _save(path: Path, yaml: YAML, root: CommentedMap) -> list[Site]:
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    text = buffer.getvalue()
    sites = parse_sites(text, source=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sites


def _block_list(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_block_style()
    return seq


def _append(seq: CommentedSeq, value: object) -> None:
    """Append, moving what followed the old last item (blank lines) after the new one."""
    trailing = seq.ca.items.pop(len(seq) - 1, None) if len(seq) else None
    seq.append(value)
    if trailing is not None:
        seq.ca.items[len(seq) - 1] = trailing


def append_site(path: Path, entry: dict, comment: str | None = None) -> list[Site]:
    """Add a site at the end of the sites file (created if missing); return the new site list.

    ``comment`` (plain text, one or more lines) is written above the new entry.
    """
    yaml, root = _load(path)
    sites = root["sites"]
    site = CommentedMap()
    for key, value in entry.items():
        site[key] = _block_list(value) if isinstance(value, list) else value
    sites.append(site)
    if comment:
        indent = yaml.sequence_dash_offset
        blank = "\n" if len(sites) > 1 else ""
        sites.yaml_set_comment_before_after_key(
            len(sites) - 1, before=blank + comment, indent=indent
        )
    return _save(path, yaml, root)


def add_archive_urls(path: Path, slug: str, urls: list[str]) -> list[Site]:
    """Append URLs to a site's archive_urls (skipping those already there)."""
    yaml, root = _load(path)
    for site in root["sites"]:
        if site.get("slug") == slug:
            break
    else:
        raise ConfigError(f"{path}: no site {slug!r} to add archive URLs to")
    trailing = None
    existing = site.get("archive_urls")
    if existing is None:
        # the blank lines after the entry belong to its last key: keep them after the new one
        trailing = site.ca.items.pop(list(site)[-1], None)
        site["archive_urls"] = _block_list([])
    elif isinstance(existing, str):
        site["archive_urls"] = _block_list([existing])
    listed = site["archive_urls"]
    for url in urls:
        if url not in listed:
            _append(listed, url)
    if trailing is not None and trailing[2] is not None and len(listed):
        listed.ca.items[len(listed) - 1] = [trailing[2], None]
    return _save(path, yaml, root)
