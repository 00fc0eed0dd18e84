"""The terminal as a reader uses it: only the changes asked for, reasons that add something,
and a pager for long output, as git pages. Real commands on a real SQLite file."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.read.reader_filters import shown_reasons
from tests.test_readers import clean_env, small_database

ATOM = "{http://www.w3.org/2005/Atom}"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_diff_materiality_material_keeps_only_material_changes(tmp_path):
    db = str(small_database(tmp_path / "m.db"))
    every = json.loads(run("diff", "clinic", "--db", db, "--format", "json"))["pairs"]
    material = json.loads(
        run("diff", "clinic", "--db", db, "--format", "json", "--materiality", "material")
    )["pairs"]
    expected = [c for p in every for c in p["changes"] if c["materiality"] == "material"]
    assert expected and [c for p in material for c in p["changes"]] == expected


def test_compare_materiality_minor_drops_cosmetic_changes(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Privacy\n\nWe take all neccessary care.\n\nWe never sell data.\n")
    new.write_text("# Privacy\n\nWe take all necessary care.\n\nWe may sell data.\n")
    every = json.loads(run("compare", str(old), str(new), "--format", "json"))["changes"]
    kept = json.loads(
        run("compare", str(old), str(new), "--format", "json", "--materiality", "minor")
    )["changes"]
    assert any(c["materiality"] == "cosmetic" for c in every)
    assert kept == [c for c in every if c["materiality"] != "cosmetic"]


def test_feed_with_minor_materiality_and_its_self_link(tmp_path):
    db = str(small_database(tmp_path / "m.db"))
    url = "https://policies.example/clinic.xml"
    feed = ET.fromstring(
        run("feed", "clinic", "--db", db, "--materiality", "minor", "--self-url", url)
    )
    selves = [e.get("href") for e in feed.findall(f"{ATOM}link") if e.get("rel") == "self"]
    assert selves == [url]
    assert feed.findall(f"{ATOM}entry")


def test_a_reason_that_repeats_the_clause_is_not_shown():
    clause = "We use Google Analytics to better understand how our customers use the Site."
    change = {
        "op": "added",
        "before": None,
        "after": clause,
        "reasons": [
            "sentence added: 'We use Google Analytics to better understand how our cust...'",
            "heading added: 'We use Google Analytics to better understand'",
            "sharing: new recipient 'Google Analytics'",
            "spelling only: 'neccessary' -> 'necessary'",
        ],
    }
    assert shown_reasons(change) == [
        "heading added",
        "sharing: new recipient 'Google Analytics'",
        "spelling only: 'neccessary' -> 'necessary'",
    ]


def test_terminal_diff_never_echoes_the_clause_as_its_reason(tmp_path):
    db = str(small_database(tmp_path / "m.db"))
    for pair in json.loads(run("diff", "clinic", "--db", db, "--format", "json"))["pairs"]:
        for change in pair["changes"]:
            for reason in shown_reasons(change):
                assert (change["after"] or "")[:20] not in reason


def test_history_numbers_are_the_json_version_ids(tmp_path):
    db = str(small_database(tmp_path / "m.db"))
    versions = json.loads(run("history", "clinic", "--db", db, "--format", "json"))["versions"]
    lines = run("history", "clinic", "--db", db, "--no-color").splitlines()
    assert [int(line.split()[0]) for line in lines] == [v["version_id"] for v in versions]
    assert all("1 capture " in line for line in lines)


def on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes]:
    """Run on a pseudo-terminal (as a person runs it); its exit code and the screen."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    return process.wait(timeout=60), screen


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path):
    small_database(tmp_path / "monitor.db")
    paged = tmp_path / "paged.txt"
    pager = f'{sys.executable} -c \'import sys; open("{paged}", "w").write(sys.stdin.read())\''
    env = clean_env(PAGER=pager, LINES="3", COLUMNS="100")
    command = [sys.executable, "-m", "monitor", "diff", "clinic", "--no-color"]
    code, screen = on_a_terminal(command, tmp_path, env)
    assert code == 0, screen
    assert "sell your data" in paged.read_text() and b"sell your data" not in screen
    paged.unlink()
    code, screen = on_a_terminal([*command, "--no-pager"], tmp_path, env)
    assert code == 0 and b"sell your data" in screen and not paged.exists()


def test_short_output_is_printed_without_a_pager(tmp_path):
    small_database(tmp_path / "monitor.db")
    paged = tmp_path / "paged.txt"
    env = clean_env(PAGER=f"touch {paged}", LINES="200", COLUMNS="100")
    code, screen = on_a_terminal(
        [sys.executable, "-m", "monitor", "history", "clinic"], tmp_path, env
    )
    assert code == 0 and b"1 capture" in screen and not paged.exists()
