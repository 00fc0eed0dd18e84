"""The offline demo: the replay of the seed sites and of the Wayback Machine (also what the
tests and benchmarks crawl), the local notification sink, and the story `monitor demo` tells
(``monitor.demo.script``).

The fixtures (manifest.yaml, policies/, themes/, pages/) are package data beside this module.
"""

from monitor.demo.fixtures import DEFAULT_FIXTURES, Fixtures
from monitor.demo.replay import ReplayServer
from monitor.demo.sink import NotificationSink

__all__ = ["DEFAULT_FIXTURES", "Fixtures", "NotificationSink", "ReplayServer"]
