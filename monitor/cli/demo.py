"""`monitor demo`: the offline story (monitor/demo/script.py) behind a command."""

from __future__ import annotations

import click

from monitor.cli.options import color_option, logging_options


@click.command()
@click.option(
    "--db",
    metavar="PATH",
    default="demo-output/demo.db",
    show_default=True,
    help="Where to write the demo database (replaced on each run).",
)
@click.option("--slug", default="perfectdrs", show_default=True, help="Which site's diff to show.")
@color_option
@logging_options
def demo(db, slug, color, log_overrides: dict):
    """Run the whole pipeline offline on the bundled seed sites.

    Starts a local replay of the five seed sites and of the Wayback Machine and a local
    notification sink on loopback ports, backfills their history silently, lets perfectdrs
    publish a new policy, crawls the live pages (which queues an alert), shows
    `monitor diff perfectdrs --since 2014`, then delivers the alert to the sink and prints it.
    """
    from monitor.demo.script import run_demo  # the replay and the sink: only for the demo

    run_demo(db, slug, color, log_overrides)
