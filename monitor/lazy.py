"""Modules imported on first use, so `monitor --help` does not pay for what a command needs.

The `monitor` command names the modules its commands use at the top, as usual, but the import
happens when a command first reaches into one: `monitor --help` and the read commands then never
load Scrapy and Twisted (about 0.3 s), and `--help` loads neither the diff engine nor SQLite.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for a module until an attribute is read, then imports it (once, as Python does)."""

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


def lazy(name: str) -> LazyModule:
    """``report = lazy("monitor.report")``: imported when ``report.x`` is first read."""
    return LazyModule(name)
