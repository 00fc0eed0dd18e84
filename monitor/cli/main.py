"""The `monitor` command: a thin layer over the library; the only place that prints errors."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

import click

from monitor.cli import alerting, demo, fetching, reading
from monitor.errors import Interrupted, MonitorError, StoreWriteError
from monitor.logs import redact
from monitor.ops import signals
from monitor.store.transactions import write_error

EXIT_CODES = """\b
Exit codes: 0 success; 1 unexpected error; 2 bad input (unknown site, bad date,
unreadable file, bad configuration); 3 one or more sites could not be fetched
(everything that was fetched is stored); 4 `monitor add` found no privacy policy;
5 one or more alerts could not be delivered (they stay pending and are retried by
the next `monitor notify`); 6 another run is working on the same database; 7 the
database refused a write (full, busy past MONITOR_BUSY_TIMEOUT, read-only): nothing
was half-written and the next run retries; 130 / 143 stopped by SIGINT / SIGTERM."""


class MonitorGroup(click.Group):
    """Turns domain errors into one line on stderr and a meaningful exit code."""

    def invoke(self, ctx: click.Context):
        signals.install()
        try:
            return super().invoke(ctx)
        except Interrupted as exc:
            click.echo(f"Error: {exc}", err=True)
            # A crawl stopped mid-request leaves Twisted's worker threads behind, which would
            # hold the interpreter's exit: everything is stored and closed, so end here.
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.exit_code)
        except MonitorError as exc:
            click.echo(f"Error: {redact(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.OperationalError as exc:  # a write outside the store's transactions
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


for command in (
    fetching.crawl,
    fetching.backfill,
    fetching.add,
    fetching.run_command,
    reading.status,
    alerting.notify,
    alerting.save,
    reading.history,
    reading.diff,
    reading.report_command,
    reading.feed,
    reading.serve,
    reading.compare,
    reading.extract,
    fetching.reprocess,
    reading.sites,
    fetching.worker,
    fetching.ingest_command,
    demo.demo,
):
    cli.add_command(command)
