"""docs/cli.md, the command reference, is in step with the click commands it is generated from."""

from __future__ import annotations

import difflib

import click

from docs.cli_reference import REFERENCE, REGENERATE, missing_from, render


def test_every_command_and_option_is_in_the_reference():
    missing = missing_from(REFERENCE.read_text(encoding="utf-8"))
    assert not missing, f"docs/cli.md lacks {'; '.join(missing)}. Regenerate it: {REGENERATE}"


def test_the_reference_is_what_the_commands_say_now():
    written = REFERENCE.read_text(encoding="utf-8")
    fresh = render()
    stale = list(difflib.unified_diff(written.splitlines(), fresh.splitlines(), lineterm="", n=1))
    assert not stale, f"docs/cli.md is stale; regenerate it: {REGENERATE}\n" + "\n".join(stale[:40])


def test_a_command_or_option_left_out_is_named():
    """The check reads the commands, not the reference: what it lacks is found and named."""

    @click.group()
    def tool():
        """A tool."""

    @tool.command()
    @click.option("--since", metavar="DATE", help="From DATE on.")
    @click.option("--color/--no-color", default=None, help="Colour.")
    def diff(since, color):
        """Show changes."""

    @tool.command()
    def status():
        """Health."""

    reference = render(tool)
    assert missing_from(reference, tool) == []
    without = reference.replace("| `--since DATE` |", "| `--from DATE` |")
    without = without.replace("--no-color", "--plain").split("## monitor status")[0]
    assert missing_from(without, tool) == [
        "option --since of `monitor diff`",
        "option --no-color of `monitor diff`",
        "command `monitor status`",
    ]
