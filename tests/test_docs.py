"""docs/cli.md, the command reference, is in step with the click commands it is generated from."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

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


REPO = Path(__file__).resolve().parents[1]
MANUAL = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_the_documented_cron_lines_are_those_of_schedules_crontab():
    crontab = (REPO / "schedules" / "crontab").read_text(encoding="utf-8").splitlines()
    installed = [line for line in crontab if line.strip() and not line.startswith("#")]
    operations = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    [documented] = [block for block in _fenced_blocks(operations) if "*/15 * * * *" in block]
    assert documented.splitlines() == installed


def test_every_schedules_file_the_manual_names_exists():
    named = {
        (path, name.rstrip(".,:)"))
        for path in MANUAL
        for name in re.findall(r"schedules/[\w@./-]+", path.read_text(encoding="utf-8"))
    }
    absent = sorted(f"{name} ({path.name})" for path, name in named if not (REPO / name).exists())
    assert not absent, absent


def _anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, '-' for spaces."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_relative_link_of_the_manual_leads_somewhere():
    broken = []
    for path in MANUAL:
        for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                broken.append(f"{path.name}: {target}")
            elif anchor and linked.is_file():
                headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), re.M)
                if anchor not in {_anchor(h) for h in headings}:
                    broken.append(f"{path.name}: {target} (no such heading)")
    assert not broken, broken


def test_every_environment_variable_the_code_reads_is_in_the_configuration_table():
    read = {
        name
        for package in ("monitor", "crawler", "diffs")
        for source in (REPO / package).rglob("*.py")
        for name in re.findall(
            r"(?:environ|env)(?:\.get\(|\[)\s*\"(MONITOR_\w+)\"", source.read_text("utf-8")
        )
    }
    table = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in read if f"`{name}`" not in table)
    assert read and not undocumented, f"docs/configuration.md lacks {undocumented}"
