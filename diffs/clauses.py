"""Documents to clauses: the unit a reader can point at, and the unit the diff aligns."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .furniture import edge_menus, is_furniture
from .noise import key as noise_key
from .sentences import sentences

SECTION_SEPARATOR = " > "


@dataclass(frozen=True)
class Clause:
    """One heading, list item or sentence, with the heading path it sits under.

    `key` is the text with its noise masked (diffs/noise.py: "last updated" dates, copyright
    years, session ids, cache-busting hashes, tracking query strings); the diff compares keys,
    so noise alone never makes a change. It is derived from `text` unless given.
    """

    position: int
    kind: str
    text: str
    section: str | None
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", noise_key(self.text))


def split(document: Document) -> list[Clause]:
    """Headings are clauses and open sections (a heading's own section includes itself);
    items stay whole, paragraphs split into sentences. Page furniture (a cookie banner, a
    copyright line, a breadcrumb, the site's menus around the policy: diffs/furniture.py) is
    no clause."""
    clauses: list[Clause] = []
    path: list[tuple[int, str]] = []
    menus = edge_menus(document.blocks)
    for at, block in enumerate(document.blocks):
        if at in menus or (block.kind != "heading" and is_furniture(block.text)):
            continue
        if block.kind == "heading":
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text))
        section = SECTION_SEPARATOR.join(text for _, text in path) or None
        if block.kind == "paragraph":
            pieces = [("sentence", text) for text in sentences(block.text)]
        else:
            pieces = [(block.kind, block.text)]
        for kind, text in pieces:
            clauses.append(Clause(len(clauses), kind, text, section))
    return clauses
