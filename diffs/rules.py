"""Per-site extraction rules: which part of a page is the policy.

The shapes follow Open Terms Archive declarations, so a rule written for one reads the same
here: ``select`` and ``remove`` are CSS selector lists, and ``start``/``end`` markers cut one
policy out of a page that holds several (OTA's startBefore/startAfter/endBefore/endAfter).
A marker is a selector, meaning "just before the first element it matches", or
``{after: selector}``, meaning "just after it".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Boundary:
    """One end of the policy's range on a page shared with other documents."""

    selector: str
    after: bool = False

    @classmethod
    def parse(cls, value: object, name: str) -> Boundary | None:
        """From a sites-file value: None, "css", {before: "css"} or {after: "css"}."""
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return cls(value.strip())
        if isinstance(value, Mapping) and len(value) == 1:
            (where, selector), *_ = value.items()
            if where in ("before", "after") and isinstance(selector, str) and selector.strip():
                return cls(selector.strip(), after=where == "after")
        raise ValueError(f"{name} must be a CSS selector or {{before|after: selector}}")

    def as_value(self) -> str | dict[str, str]:
        return {"after": self.selector} if self.after else self.selector


@dataclass(frozen=True)
class Rules:
    """Everything a site may say about where its policy sits on the page."""

    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    start: Boundary | None = None
    end: Boundary | None = None

    @classmethod
    def parse(cls, data: Mapping[str, object]) -> Rules:
        """From a mapping with optional select/remove (a selector or a list) and start/end."""
        return cls(
            select=_selectors(data.get("select"), "select"),
            remove=_selectors(data.get("remove"), "remove"),
            start=Boundary.parse(data.get("start"), "start"),
            end=Boundary.parse(data.get("end"), "end"),
        )


def _selectors(value: object, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise ValueError(f"{name} must be a CSS selector or a list of them")
