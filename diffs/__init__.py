"""Pure text functions for policy versions: normalize, split into clauses, diff, judge.

No network, database or configuration: callers pass bytes or text in and get values back.

The names below load on first use: the engine pulls in lxml, pypdf, ftfy and the lexicons, and
a reader that only needs ``RULES_VERSION`` (to pick stored comparisons) should not pay for them
(bench/startup.py).
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .clauses import Clause, split
    from .diff import Change, diff
    from .judged import JudgedChange, compare, judge_all
    from .materiality import Judgement, at_least, judge
    from .normalize import Block, Document, decode, normalize, sniff_format

# Bump when extraction, splitting, alignment or judging rules change: stored versions and
# changes computed under an older value can then be recomputed and labelled technical.
RULES_VERSION = "14"

_EXPORTS = {
    "Block": "normalize",
    "Change": "diff",
    "Clause": "clauses",
    "Document": "normalize",
    "JudgedChange": "judged",
    "Judgement": "materiality",
    "at_least": "materiality",
    "compare": "judged",
    "decode": "normalize",
    "diff": "diff",
    "judge": "materiality",
    "judge_all": "judged",
    "normalize": "normalize",
    "sniff_format": "normalize",
    "split": "clauses",
}

__all__ = [
    "RULES_VERSION",
    "Block",
    "Change",
    "Clause",
    "Document",
    "JudgedChange",
    "Judgement",
    "at_least",
    "compare",
    "decode",
    "diff",
    "judge",
    "judge_all",
    "normalize",
    "sniff_format",
    "split",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module the first time it is asked for."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'diffs' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(ModuleType):
    """``diffs.diff`` and ``diffs.normalize`` are the functions, as they always were, though
    modules of the same names exist: the import system sets a submodule on its package once it
    has loaded it, and this keeps the function that module exports under the name instead."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _EXPORTS.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
