"""The value types normalization produces: kept apart so every extractor can build them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

BLOCK_KINDS = ("heading", "item", "paragraph")

# What extractors produce before canonicalization: kind, text, level (a heading's level 0 or
# below means a pseudo-heading, placed under the last real heading by normalize).
RawBlock = tuple[str, str, int]


@dataclass(frozen=True)
class Block:
    """One unit of a policy's visible structure, already in canonical text."""

    kind: str
    text: str
    level: int = 0

    def render(self) -> str:
        """Markdown-like form used in `Document.text`, so the stored text stays readable."""
        if self.kind == "heading":
            return "#" * max(self.level, 1) + " " + self.text
        if self.kind == "item":
            return "- " + self.text
        return self.text


@dataclass(frozen=True)
class Document:
    """A normalized policy: its blocks are what we diff, its text hash is the version identity."""

    blocks: tuple[Block, ...]
    title: str | None = None

    @cached_property
    def text(self) -> str:
        return "\n\n".join(block.render() for block in self.blocks)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
