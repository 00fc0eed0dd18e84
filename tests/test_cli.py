"""The CLI in-process (CliRunner) for commands that do not crawl: compare, extract, sites, help."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.store import Store

POLICY = """
<h1>Privacy Policy</h1>
<h2>Sharing</h2>
<p>We share your data with our payment processor only. We do not sell your data.</p>
<h2>Retention</h2>
<p>We keep your records for 3 years.</p>
"""


def page(body: str, *, year: int, banner: str, token: str, nav_class: str) -> str:
    return f"""<!doctype html><html><head><title>Clinic</title>
<script src="https://tracker.example/t.js?v={token}"></script>
<script>window.dataLayer=[{{"session":"{token}"}}];</script></head>
<body>
<nav class="{nav_class}"><a href="/">Home</a> <a href="/doctors">Doctors</a></nav>
<div id="cookie-banner" class="cookie-consent">{banner} <button>Accept</button></div>
<main>{body}</main>
<form><input type="hidden" name="csrf" value="{token}"></form>
<footer>&copy; {year} Clinic Pvt. Ltd. All rights reserved.</footer>
</body></html>"""


@pytest.fixture
def files(tmp_path):
    def write(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_compare_ignores_chrome_only_differences(files):
    old = files(
        "old.html", page(POLICY, year=2019, banner="We use cookies.", token="a1", nav_class="nav")
    )
    new = files(
        "new.html",
        page(
            "\n  " + POLICY.replace("<p>", "<p>\n   "),
            year=2024,
            banner="Cookies help us. Accept them?",
            token="zz99",
            nav_class="navbar navbar-dark",
        ),
    )
    result = run("compare", old, new, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"changes": []}


def test_compare_reports_a_new_sale_clause_as_one_material_addition(files):
    old = files("old.html", page(POLICY, year=2019, banner="c", token="a", nav_class="n"))
    selling = POLICY.replace(
        "We do not sell your data.</p>",
        "We do not sell your data.</p>\n"
        "<p>We may sell your personal information to data brokers.</p>",
    )
    new = files("new.html", page(selling, year=2019, banner="c", token="a", nav_class="n"))
    changes = json.loads(run("compare", old, new, "--format", "json").output)["changes"]
    assert len(changes) == 1
    assert changes[0]["op"] == "added"
    assert changes[0]["materiality"] == "material"
    assert "sell" in changes[0]["after"]


def test_compare_text_says_no_changes(files):
    old = files("a.md", "# Policy\n\nWe keep data for 3 years.\n")
    new = files("b.md", "# Policy\n\nWe keep data for 3 years.\n")
    assert run("compare", old, new).output.strip() == "No changes."


def test_compare_text_marks_changed_words(files):
    old = files("a.md", "# Policy\n\nWe keep your records for 3 years.\n")
    new = files("b.md", "# Policy\n\nWe keep your records for 10 years.\n")
    output = run("compare", old, new, "--no-color").output
    assert "[-3-]{+10+}" in output
    assert "MATERIAL" in output


def test_compare_text_names_the_two_documents(files):
    old = files("policy-2019.md", "# Policy\n\nWe keep your records for 3 years.\n")
    new = files("policy-2024.md", "# Policy\n\nWe keep your records for 10 years.\n")
    heading = run("compare", old, new, "--no-color").output.splitlines()[0]
    assert "policy-2019.md" in heading and "policy-2024.md" in heading


def test_compare_unreadable_file_is_one_line_exit_2(files, tmp_path):
    old = files("a.md", "# Policy\n")
    result = CliRunner().invoke(cli, ["compare", old, str(tmp_path / "missing.html")])
    assert result.exit_code == 2
    assert "missing.html: no such file" in result.output
    assert "Traceback" not in result.output


def test_compare_a_directory_is_exit_2(files, tmp_path):
    old = files("a.md", "# Policy\n")
    result = CliRunner().invoke(cli, ["compare", old, str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.output


def test_compare_of_garbage_bytes_does_not_crash(tmp_path):
    (tmp_path / "a.html").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "b.html").write_bytes(b"<html><body><p>Privacy.</p>")
    result = run("compare", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["changes"]


def test_extract_prints_clauses_with_sections(files):
    path = files("p.html", page(POLICY, year=2020, banner="c", token="t", nav_class="n"))
    data = json.loads(run("extract", path, "--format", "json").output)
    texts = [c["text"] for c in data["clauses"]]
    assert "We do not sell your data." in texts
    assert "Home" not in " ".join(texts) and "Accept" not in " ".join(texts)
    sell = next(c for c in data["clauses"] if c["text"] == "We do not sell your data.")
    assert sell["section"].endswith("Sharing")


def test_sites_json_lists_the_default_sites(monkeypatch):
    monkeypatch.chdir(__import__("pathlib").Path(__file__).resolve().parents[1])
    data = json.loads(run("sites", "--format", "json").output)
    assert [s["slug"] for s in data["sites"]][:2] == ["perfectdrs", "drbatras"]


@pytest.mark.parametrize("name", cli.list_commands(click.Context(cli)))
def test_every_command_has_help_text(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert len(cli.get_command(click.Context(cli), name).help or "") > 20


def test_history_of_an_empty_database_for_an_unknown_site_is_exit_2(tmp_path):
    Store(tmp_path / "m.db").close()  # an empty database, made as a writing command makes it
    result = CliRunner().invoke(
        cli,
        ["history", "ghost", "--db", str(tmp_path / "m.db"), "--sites", str(tmp_path / "s.yaml")],
    )
    assert result.exit_code == 2
    assert "unknown site 'ghost'" in result.output
