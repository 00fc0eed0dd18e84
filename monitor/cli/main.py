"""The `monitor` command: a thin layer over the library; the only place that prints errors."""

from __future__ import annotations

import os
import sqlite3
import sys
from importlib import import_module
from pathlib import Path

import click

from monitor.errors import Interrupted, MonitorError, StoreWriteError
from monitor.ops import signals

EXIT_CODES = """\b
Exit codes: 0 success; 1 unexpected error; 2 bad input (unknown site, bad date,
unreadable file, bad configuration); 3 one or more sites could not be fetched
(everything that was fetched is stored); 4 `monitor add` found no privacy policy;
5 one or more alerts could not be delivered (they stay pending and are retried by
the next `monitor notify`); 6 another run is working on the same database; 7 the
database refused a write (full, busy past MONITOR_BUSY_TIMEOUT, read-only): nothing
was half-written and the next run retries; 130 / 143 stopped by SIGINT / SIGTERM."""


# Where each command is defined (a module of monitor/cli). A command's module is imported when
# the command is asked for, so `monitor history` does not load the crawling, alerting and demo
# commands (bench/startup.py); `monitor --help` lists them all and so imports every module.
COMMANDS = {
    "add": "fetching:add",
    "backfill": "fetching:backfill",
    "compare": "reading:compare",
    "crawl": "fetching:crawl",
    "demo": "demo:demo",
    "diff": "reading:diff",
    "extract": "reading:extract",
    "feed": "reading:feed",
    "history": "reading:history",
    "ingest": "fetching:ingest_command",
    "notify": "alerting:notify",
    "report": "reading:report_command",
    "reprocess": "fetching:reprocess",
    "run": "fetching:run_command",
    "save": "alerting:save",
    "serve": "reading:serve",
    "sites": "reading:sites",
    "status": "reading:status",
    "worker": "fetching:worker",
}


class MonitorGroup(click.Group):
    """Loads each command on first use (``COMMANDS``); turns domain errors into one line on
    stderr and a meaningful exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(import_module(f"monitor.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        signals.install()
        try:
            return super().invoke(ctx)
        except Interrupted as exc:
            click.echo(f"Error: {exc}", err=True)
            # A crawl stopped mid-request leaves Twisted's worker threads behind, which would
            # hold the interpreter's exit: everything is stored and closed, so end here.
            import logging  # loaded by the crawl; not imported up front, for start-up

            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.exit_code)
        except MonitorError as exc:
            from monitor.logs import redact  # it loads logging: only when there is an error

            click.echo(f"Error: {redact(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.OperationalError as exc:  # a write outside the store's transactions
            from monitor.store.transactions import write_error  # the store: not for --help

            database = Path(os.environ.get("MONITOR_DB", "the database"))
            click.echo(f"Error: {write_error(database, exc)}", err=True)
            sys.exit(StoreWriteError.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; what was stored is kept.", err=True)
            sys.exit(130)


@click.group(cls=MonitorGroup, epilog=EXIT_CODES)
@click.version_option(package_name="policy-monitor")
def cli():
    """Watch privacy policies change.

    Crawl each site's live policy page and its history in the Wayback Machine, split the text
    into clauses, diff neighbouring versions clause by clause and judge each change cosmetic,
    minor or material.

    \b
    Quick tour:
      monitor demo                           offline demo on bundled seed sites
      monitor backfill perfectdrs --since 2014
      monitor crawl                          fetch every live policy now
      monitor diff perfectdrs --since 2014   what changed, clause by clause
    """
