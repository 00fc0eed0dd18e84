"""The command line: `monitor` and its commands."""

from monitor.cli.main import cli

__all__ = ["cli"]
