"""The real-policy corpus (Open Terms Archive snapshots paired with their extracted versions):
reading its manifest, scoring an extraction against the paired text, and the pairs that must or
must not show a change. Shared by bench/extraction.py (whole corpus) and the tests (a copy of a
few services under tests/data/corpus)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from diffs.canon import canonical
from diffs.clauses import split
from diffs.diff import words
from diffs.lexicon import HIDDEN_EMAIL
from diffs.links import targets, without_targets
from diffs.materiality import address_blind_words
from diffs.normalize import normalize

_WORD = re.compile(r"\w+")
# Version events that mean "the document itself changed" (README of the corpus).
CHANGE_EVENTS = ("Record new changes", "Update")


def reading(markdown: str) -> list[list[str]]:
    """What a reader of an OTA version reads, clause by clause: its words and where its links
    point."""
    return [
        [without_targets(clause.text), *targets(clause.text)]
        for clause in split(normalize(markdown, content_type="text/markdown"))
    ]


def reads_the_same(old_markdown: str, new_markdown: str) -> bool:
    """Whether two OTA versions differ only in how OTA rendered them: Markdown spacing, heading
    anchors, a table of contents, an address Cloudflare hid from OTA's fetch one time and not
    the next. OTA records such versions as changes; the policy's text did not change."""
    old, new = reading(old_markdown), reading(new_markdown)
    hidden = any(HIDDEN_EMAIL.search(clause[0]) for clause in old + new)
    read = address_blind_words if hidden else words
    return [[*read(c[0]), *c[1:]] for c in old] == [[*read(c[0]), *c[1:]] for c in new]


@dataclass(frozen=True)
class Score:
    """Token-level (bag of words) precision, recall and F1 of an extraction."""

    common: int
    extracted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.common / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.common / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.common + other.common,
            self.extracted + other.extracted,
            self.expected + other.expected,
        )


def tokens(text: str) -> Counter[str]:
    """The words read, link targets aside: OTA writes every target in full, we keep fewer
    (diffs/links.py), and a URL's pieces are not words of the policy."""
    return Counter(_WORD.findall(canonical(without_targets(text)).casefold()))


def score(extracted: str, expected: str) -> Score:
    got, want = tokens(extracted), tokens(expected)
    return Score((got & want).total(), got.total(), want.total())


def markdown_text(markdown: str) -> str:
    """The words of a ground-truth version, without Markdown syntax or link targets."""
    return normalize(markdown, content_type="text/markdown").text


@dataclass(frozen=True)
class Corpus:
    """A corpus folder: MANIFEST.json and the service folders beside it."""

    root: Path

    @property
    def files(self) -> list[dict]:
        return json.loads((self.root / "MANIFEST.json").read_text(encoding="utf-8"))["files"]

    def present(self) -> list[dict]:
        """Manifest entries whose file is in this folder (a trimmed copy holds only some)."""
        return [f for f in self.files if (self.root / f["file"]).exists()]

    def path(self, name: str) -> Path:
        return self.root / name

    def services(self) -> list[str]:
        return sorted({folder(f["file"]) for f in self.present() if f["kind"] == "snapshot_html"})

    def paired(self, service: str | None = None) -> Iterator[tuple[str, str, str]]:
        """(service folder, snapshot .html, ground-truth .md) as OTA recorded them."""
        for entry in self.present():
            if entry["kind"] != "snapshot_html" or not entry.get("paired_text"):
                continue
            if service and folder(entry["file"]) != service:
                continue
            if (self.root / entry["paired_text"]).exists():
                yield folder(entry["file"]), entry["file"], entry["paired_text"]

    def noise_pairs(self) -> Iterator[tuple[str, str, str]]:
        """(service, snapshot the expected text came from, noise-only snapshot): byte changes,
        no text change."""
        by_file = {f["file"]: f for f in self.present()}
        for entry in self.present():
            if entry["kind"] != "snapshot_html_noise_only":
                continue
            expected = by_file.get(entry.get("expected_text_same_as") or "")
            if expected and expected.get("extracted_from") in by_file:
                yield folder(entry["file"]), expected["extracted_from"], entry["file"]

    def change_pairs(self) -> Iterator[ChangePair]:
        """The snapshot pairs of each version that records a change."""
        by_file = {f["file"]: f for f in self.present()}
        for entry in self.present():
            if entry["kind"] != "version_markdown":
                continue
            if not entry.get("version_event", "").startswith(CHANGE_EVENTS):
                continue
            older = by_file.get(entry.get("previous_selected_version") or "")
            if older is None:
                continue
            old_html, new_html = older.get("extracted_from"), entry.get("extracted_from")
            if old_html in by_file and new_html in by_file and old_html != new_html:
                yield ChangePair(
                    folder(entry["file"]), old_html, new_html, older["file"], entry["file"]
                )


@dataclass(frozen=True)
class ChangePair:
    """Two snapshots (.html) of a service and the versions OTA extracted from them (.md)."""

    service: str
    old: str
    new: str
    old_text: str
    new_text: str

    def policy_changed(self, corpus: Corpus) -> bool:
        """False when OTA's change is one of rendering only (`reads_the_same`)."""
        old, new = (
            corpus.path(name).read_text(encoding="utf-8") for name in (self.old_text, self.new_text)
        )
        return not reads_the_same(old, new)


def folder(name: str) -> str:
    return name.split("/", 1)[0]
