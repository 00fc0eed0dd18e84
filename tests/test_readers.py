"""Read commands as a first-time reader meets them: they never make or migrate a database,
find their files from anywhere, refuse inverted date ranges and start without Scrapy.

Each test runs the real `monitor` (in-process with CliRunner, or as a subprocess where the
working directory, the environment or the loaded modules matter) on a real SQLite file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from capture import Capture
from monitor.cli import cli
from monitor.config import Site
from monitor.ingest import ingest
from monitor.store import Store

REPO = Path(__file__).resolve().parents[1]
SITE = Site(slug="clinic", name="Clinic", url="https://clinic.test/privacy")
SITES_YAML = "sites:\n  - slug: clinic\n    name: Clinic\n    url: https://clinic.test/privacy\n"
READ_COMMANDS = [
    ["history", "clinic"],
    ["diff", "clinic"],
    ["status"],
    ["report", "clinic", "-o", "-"],
    ["feed", "clinic"],
]


def small_database(path: Path) -> Path:
    """Two versions of one policy, stored and compared as a crawl stores them."""
    with Store(path) as store:
        store.sync_sites([SITE])
        for stamp, words in (
            ("2020-01-01T00:00:00Z", "We never sell your data."),
            ("2021-01-01T00:00:00Z", "We may sell your data to partners."),
        ):
            body = f"<h1>Privacy</h1><p>{words}</p>".encode()
            capture = Capture(
                site="clinic", source="live", url=SITE.url, captured_at=stamp, status=200,
                body=body, content_type="text/html",
            )  # fmt: skip
            ingest(store, SITE, capture)
    return path


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def monitor(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_a_missing_database_fails_in_one_line_and_makes_none(tmp_path, command):
    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(typo), "--sites", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no database at" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_read_command_never_migrates_an_older_database(tmp_path):
    db = small_database(tmp_path / "old.db")
    with Store(db) as store:
        store.db.execute("DELETE FROM migrations WHERE name = '0009_backfill'")
    result = CliRunner().invoke(cli, ["history", "clinic", "--db", str(db)])
    assert result.exit_code == 2 and "older policy-monitor" in result.output
    with closing(sqlite3.connect(db)) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    assert "0009_backfill" not in names


@pytest.mark.parametrize("command", ["diff", "report"])
def test_an_inverted_date_range_is_bad_input(tmp_path, command):
    db = small_database(tmp_path / "m.db")
    args = [command, "clinic", "--since", "2020", "--until", "2018", "--db", str(db)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "--since 2020 is after --until 2018" in result.output


def test_without_files_here_the_user_directories_are_used(tmp_path):
    data, config, elsewhere = tmp_path / "data", tmp_path / "config", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (config / "policy-monitor").mkdir(parents=True)
    (config / "policy-monitor" / "sites.yaml").write_text(SITES_YAML, encoding="utf-8")
    xdg = {"XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)}
    written = monitor("reprocess", cwd=elsewhere, **xdg)  # a command that writes makes the db
    assert written.returncode == 0, written.stderr
    assert (data / "policy-monitor" / "monitor.db").is_file()
    assert list(elsewhere.iterdir()) == []
    shown = monitor("status", "--format", "json", cwd=tmp_path, **xdg)
    status = json.loads(shown.stdout)
    assert status["database"] == str(data / "policy-monitor" / "monitor.db")
    assert status["sites_file"] == str(config / "policy-monitor" / "sites.yaml")
    assert status["paths_chosen_by"] == "the user's data and config directories"
    assert [s["site"] for s in status["sites"]] == ["clinic"]


def test_monitor_home_holds_both_files(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "sites.yaml").write_text(SITES_YAML, encoding="utf-8")
    small_database(home / "monitor.db")
    shown = monitor("status", cwd=tmp_path, MONITOR_HOME=str(home))
    assert shown.returncode == 0, shown.stderr
    assert f"database {home / 'monitor.db'}" in shown.stdout
    assert f"sites file {home / 'sites.yaml'}; paths from MONITOR_HOME" in shown.stdout


def test_a_checkout_keeps_the_relative_defaults(tmp_path):
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "sites.yaml").write_text(SITES_YAML, encoding="utf-8")
    small_database(tmp_path / "monitor.db")
    shown = monitor("status", "--format", "json", cwd=tmp_path)
    status = json.loads(shown.stdout)
    assert (status["database"], status["sites_file"]) == ("monitor.db", "schedules/sites.yaml")


LOADED = """
import sys
from monitor.cli import cli
try:
    cli(sys.argv[2:])
except SystemExit:
    pass
watched = set(sys.argv[1].split(','))
print('LOADED', ','.join(sorted(watched & set(sys.modules))), file=sys.stderr)
"""

# What `monitor --help` and the read commands must not import (bench/startup.py measures what
# they cost): the crawler, sqlite-utils, the diff engine and the ingest core, alerting.
NEVER_LOADED = {
    "scrapy",
    "twisted",
    "redis",
    "sqlite_utils",
    "lxml",
    "pypdf",
    "ftfy",
    "pycountry",
    "diff_match_patch",
    "diffs.normalize",
    "diffs.materiality",
    "monitor.comparison",
    "monitor.ingest",
    "apprise",
    "monitor.delivery.notify",
}
# ... and what each one does not need either: the commands of other modules, YAML where the
# sites file is not read, rich where nothing is drawn on a terminal, the store for --help.
NOT_NEEDED = {
    "--help": {"rich", "yaml", "monitor.store"},
    "history": {"yaml", "rich.progress", "monitor.cli.fetching", "monitor.cli.alerting"},
    "diff": {"yaml", "rich.progress", "monitor.cli.fetching", "monitor.cli.alerting"},
    "status": {"rich", "monitor.cli.fetching", "monitor.cli.alerting"},
    "report": {"rich", "monitor.cli.fetching", "monitor.cli.alerting"},
    "feed": {"rich", "monitor.cli.fetching", "monitor.cli.alerting"},
    "sites": {"rich", "monitor.store", "monitor.cli.fetching", "monitor.cli.alerting"},
}


@pytest.mark.parametrize("command", [["--help"], *READ_COMMANDS, ["sites"]], ids=str)
def test_help_and_read_commands_load_only_what_they_need(tmp_path, command):
    small_database(tmp_path / "monitor.db")
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "sites.yaml").write_text(SITES_YAML, encoding="utf-8")
    watched = NEVER_LOADED | NOT_NEEDED[command[0]]
    done = subprocess.run(
        [sys.executable, "-c", LOADED, ",".join(sorted(watched)), *command],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Error" not in done.stderr and "LOADED \n" in done.stderr, done.stderr
