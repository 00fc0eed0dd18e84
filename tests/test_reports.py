"""Reports people read: terminal text, Markdown, the Atom feed and the Datasette views.

Read-only commands run in-process (CliRunner) on the `crawled` database of the five seed sites
and on the `hostile` database, whose policy text and capture URLs try to inject markup.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from click.testing import CliRunner
from markdown_it import MarkdownIt

from monitor.cli import cli
from monitor.read.report import change_markdown
from monitor.read.terminal import diff_renderable, print_renderable
from tests.conftest import run_with_stderr_on_a_terminal

REPO = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
WAYBACK = "http://wayback.test"
ENCODED_EVIL_URL = "https://evil.example/privacy?a=%22%3E%3Cscript%3Ewindow.pwned=5%3C/script%3E"


def monitor(space, *args: str) -> str:
    """Run a read command in-process against a workspace's database; return stdout."""
    result = CliRunner().invoke(
        cli,
        [*args, "--db", str(space.db), "--sites", str(space.sites), "--wayback-url", WAYBACK],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def diff_json(space, slug: str, *args: str) -> dict:
    return json.loads(monitor(space, "diff", slug, "--format", "json", *args))


def markdown_tokens(text: str) -> list:
    """Tokens of a Markdown text as GitHub would parse it: CommonMark, raw HTML allowed,
    tables and strikethrough on."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    return tokens + [child for token in tokens for child in (token.children or [])]


# terminal ----------------------------------------------------------------------------------


def test_diff_text_groups_changes_by_section_under_each_dated_pair(crawled):
    output = monitor(crawled, "diff", "perfectdrs", "--since", "2024", "--no-color")
    lines = output.splitlines()
    heading = (
        "perfectdrs: 2023-03-10 (wayback) -> 2025-01-20 (wayback)  3 changes: 1 minor, 2 cosmetic"
    )
    assert lines[0] == heading
    sections = [line.strip() for line in lines if line.startswith("  § ")]
    assert sections == [
        "§ Privacy Policy > What Personal Data Do We Collect?",
        "§ Privacy Policy > Children Under the Age of 16",
        "§ Privacy Policy > Any Questions?",
    ]
    assert "Children Under [-The-]{+the+} Age of 16" in output


def test_diff_text_shows_each_section_once_per_pair(crawled):
    output = monitor(crawled, "diff", "drbatras", "--no-color")
    for block in output.split("\n\n"):
        sections = [line for line in block.splitlines() if line.startswith("  § ")]
        assert len(sections) == len(set(sections))


def test_diff_text_in_colour_marks_removed_words_red_and_added_green(crawled):
    output = monitor(crawled, "diff", "perfectdrs", "--since", "2021", "--until", "2021", "--color")
    assert re.search(r"\x1b\[[0-9;]*31[0-9;]*m\[-3-\]", output)  # red
    assert re.search(r"\x1b\[[0-9;]*32[0-9;]*m\{\+10\+\}", output)  # green
    assert re.search(r"\x1b\[[0-9;]*41[0-9;]*m MATERIAL ", output)  # red badge


def test_terminal_output_strips_control_and_bidi_characters():
    change = {
        "op": "added",
        "before": None,
        "after": "We sell data.\x1b[2J\x1b]0;owned\x07 \u202eevil\x9b",
        "section": "Sharing\x1b[31m",
        "materiality": "material",
        "categories": [],
        "score": 1.0,
        "reasons": ["why\x1b[5m"],
        "highlights": [],
    }
    pair = {
        "from": {"captured_at": "2020-01-01T00:00:00Z", "source": "wayback"},
        "to": {"captured_at": "2021-01-01T00:00:00Z", "source": "live"},
        "changes": [change],
    }
    read, write = os.pipe()
    with os.fdopen(write, "w") as out:
        saved = sys.stdout
        sys.stdout = out
        try:
            print_renderable(diff_renderable("evil\x1b[1m", [pair]), color=False)
        finally:
            sys.stdout = saved
    text = os.read(read, 100_000).decode()
    os.close(read)
    assert "We sell data.[2J]0;owned evil" in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)


def test_hostile_policy_text_cannot_break_the_terminal(hostile):
    output = monitor(hostile, "diff", hostile.slug, "--color")
    assert "<script>window.pwned=1" in output  # shown, as text
    assert "\u202e" not in output
    escapes = re.findall(r"\x1b[^\[]|\x1b\[[0-9;]*[^0-9;m]", output)
    assert escapes == []  # only SGR colour codes, which we emit ourselves


def test_long_report_work_shows_a_progress_bar_on_a_terminal(crawled):
    """stderr on a pseudo-terminal gets a rich progress bar; a pipe gets none."""
    env = crawled.env(TERM="xterm", COLUMNS="100")
    env.pop("NO_COLOR", None)
    returncode, shown = run_with_stderr_on_a_terminal(
        [sys.executable, "-m", "monitor", "report", "perfectdrs", "-o", os.devnull], REPO, env
    )
    assert returncode == 0
    assert b"Reading perfectdrs" in shown
    assert b"4/4" in shown
    piped = crawled.run("report", "perfectdrs", "-o", os.devnull)
    assert piped.stderr == ""


# Markdown -----------------------------------------------------------------------------------


def test_diff_markdown_has_a_heading_per_pair_and_per_section(crawled):
    text = monitor(crawled, "diff", "perfectdrs", "--format", "md")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    pairs = diff_json(crawled, "perfectdrs")["pairs"]
    assert headings[0] == "# perfectdrs: policy changes"
    assert len([h for h in headings if h.startswith("## ")]) == len(pairs)
    assert "## 2019-04-07 \\(wayback\\) → 2021-01-15 \\(wayback\\)" not in text  # () not escaped
    assert "## 2019-04-07 (wayback) → 2021-01-15 (wayback)" in text
    assert "no longer than ~~3~~**10** years" in text


def test_diff_markdown_links_to_the_archived_captures(crawled):
    text = monitor(
        crawled, "diff", "perfectdrs", "--since", "2021", "--until", "2021", "--format", "md"
    )
    links = [t.attrs["href"] for t in markdown_tokens(text) if t.type == "link_open"]
    assert links == [
        f"{WAYBACK}/web/20190407110022/https://www.perfectdrs.com/privacy-policy",
        f"{WAYBACK}/web/20210115154233/https://www.perfectdrs.com/privacy-policy",
    ]


def test_markdown_renders_highlights_as_strikethrough_and_strong(crawled):
    text = monitor(
        crawled, "diff", "perfectdrs", "--since", "2021", "--until", "2021", "--format", "md"
    )
    tokens = markdown_tokens(text)
    struck = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "s_open"]
    strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
    assert "3" in struck and "10" in strong


def test_history_markdown_is_a_table_of_versions(crawled):
    text = monitor(crawled, "history", "perfectdrs", "--format", "md")
    versions = json.loads(monitor(crawled, "history", "perfectdrs", "--format", "json"))["versions"]
    rows = [t for t in markdown_tokens(text) if t.type == "tr_open"]
    assert len(rows) == len(versions) + 1  # header row


def test_hostile_text_cannot_break_the_markdown(hostile):
    text = monitor(hostile, "diff", hostile.slug, "--format", "md")
    tokens = markdown_tokens(text)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block", "code_inline")]
    hrefs = [t.attrs["href"] for t in tokens if t.type == "link_open"]
    assert hrefs == [f"{WAYBACK}/web/20200101000000/{ENCODED_EVIL_URL}"]  # javascript: one dropped
    (pair,) = diff_json(hostile, hostile.slug)["pairs"]
    sections = {c["section"] for c in pair["changes"]}
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1", "h2"] + ["h3"] * len(sections)  # none of the text's own
    rendered = MarkdownIt("commonmark").enable("strikethrough").render(text)
    assert "&lt;script&gt;window.pwned=1" in rendered and "<script" not in rendered


def test_change_markdown_is_one_list_item_per_change():
    change = {
        "op": "modified",
        "before": "Keep for 3 years.",
        "after": "Keep for 10 years.",
        "section": "Retention\n# Injected",
        "materiality": "material",
        "categories": ["data-retention"],
        "score": 0.9,
        "reasons": ["retention: 3 years -> 10 years"],
        "highlights": [[0, "Keep for "], [-1, "3"], [1, "10"], [0, " years."]],
    }
    assert change_markdown(change) == (
        "- **MATERIAL** modified in *Retention # Injected*: Keep for ~~3~~**10** years.\n"
        "  - why: retention: 3 years -> 10 years"
    )


# Atom ---------------------------------------------------------------------------------------


def feed_of(space, *args: str) -> ET.Element:
    return ET.fromstring(monitor(space, "feed", *args).encode())


def test_feed_has_the_elements_rfc_4287_requires(crawled):
    feed = feed_of(crawled, "perfectdrs")
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert feed.findtext(f"{ATOM}title") == "Privacy policy changes: Perfect Doctors Clinic"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "policy-monitor"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}title")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated"))
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate.get("href").startswith(f"{WAYBACK}/web/")
        assert entry.find(f"{ATOM}content").get("type") == "html"
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_feed_has_one_entry_per_update_with_a_material_change(crawled):
    pairs = diff_json(crawled, "perfectdrs")["pairs"]
    material = [p for p in pairs if any(c["materiality"] == "material" for c in p["changes"])]
    entries = feed_of(crawled, "perfectdrs").findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == sorted(
        (p["to"]["captured_at"] for p in material), reverse=True
    )


def test_feed_entry_ids_are_unique_and_stable(crawled):
    first = [e.findtext(f"{ATOM}id") for e in feed_of(crawled, "--all").iter(f"{ATOM}entry")]
    again = [e.findtext(f"{ATOM}id") for e in feed_of(crawled, "--all").iter(f"{ATOM}entry")]
    assert first == again
    assert len(set(first)) == len(first) > 5


def test_feed_all_covers_every_site_newest_first(crawled):
    feed = feed_of(crawled, "--all")
    assert feed.findtext(f"{ATOM}title") == "Privacy policy changes: all watched sites"
    assert feed.findtext(f"{ATOM}id") != feed_of(crawled, "qtraq").findtext(f"{ATOM}id")
    titles = " ".join(e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry"))
    names = {e.findtext(f"{ATOM}title").split(":")[0] for e in feed.iter(f"{ATOM}entry")}
    assert len(names) == 5, titles
    stamps = [e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")]
    assert stamps == sorted(stamps, reverse=True)


def test_feed_reads_cleanly_in_a_feed_parser(crawled, tmp_path):
    path = tmp_path / "feed.xml"
    monitor(crawled, "feed", "qtraq", "-o", str(path))
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries and all("QTRAQ" in entry.title for entry in parsed.entries)


def test_feed_needs_a_slug_or_all(crawled):
    result = CliRunner().invoke(cli, ["feed", "--db", str(crawled.db)])
    assert result.exit_code == 2
    assert "give one SLUG or --all" in result.output and "Traceback" not in result.output


def test_hostile_text_cannot_break_the_atom_xml(hostile):
    raw = monitor(hostile, "feed", hostile.slug)
    feed = ET.fromstring(raw.encode())  # well-formed
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title").startswith("Evil <b>Corp</b>: ")  # text, not markup
    # the new capture's url is javascript:, so the entry links to the site instead
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://evil.example/privacy"
    related = entry.find(f"{ATOM}link[@rel='related']").get("href")
    assert related == f"{WAYBACK}/web/20200101000000/{ENCODED_EVIL_URL}"
    content = entry.findtext(f"{ATOM}content")
    assert "&lt;script&gt;window.pwned=1" in content and "<script" not in content
    assert feedparser.parse(raw.encode()).bozo == 0


# Datasette ----------------------------------------------------------------------------------


def datasette_json(db, path: str):
    from datasette.app import Datasette

    async def fetch():
        response = await Datasette([str(db)], immutables=[]).client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_datasette_serves_material_changes_by_site(crawled):
    rows = datasette_json(crawled.db, "/monitor/material_changes_by_site.json?_shape=array")
    by_site = {row["site"]: row for row in rows}
    assert set(by_site) == {"perfectdrs", "drbatras", "qtraq", "backofficeservices", "1mg"}
    for slug, row in by_site.items():
        pairs = diff_json(crawled, slug)["pairs"]
        material = [c for p in pairs for c in p["changes"] if c["materiality"] == "material"]
        assert row["material_changes"] == len(material), slug
        assert row["site_name"]


def test_datasette_change_log_has_dates_and_site_names(crawled):
    rows = datasette_json(
        crawled.db, "/monitor/material_changes.json?_shape=array&site=perfectdrs&_size=max"
    )
    assert {row["changed_at"][:10] for row in rows} == {"2019-04-07", "2021-01-15", "2023-03-10"}
    assert all(row["site_name"] == "Perfect Doctors Clinic" for row in rows)


def test_datasette_full_text_search_on_clauses_and_changes(crawled):
    changes = datasette_json(crawled.db, "/monitor/changes.json?_search=sell&_shape=array")
    assert any("sell" in (row["before"] or "") + (row["after"] or "") for row in changes)
    clauses = datasette_json(crawled.db, "/monitor/clauses.json?_search=grievance&_shape=array")
    assert clauses
    assert all("grievance" in f"{row['text']} {row['section']}".lower() for row in clauses)


def test_full_text_index_follows_new_rows(hostile):
    """Triggers keep the index current: the hostile site's changes were ingested after the
    migration created it."""
    rows = datasette_json(hostile.db, "/hostile/changes.json?_search=brokers&_shape=array")
    assert len(rows) == 1 and "data brokers" in rows[0]["after"]


# Datasette with the shipped metadata (`monitor serve`) ---------------------------------------


def served_json(db, path: str):
    """A page of Datasette as `monitor serve` runs it: the shipped metadata, Datasette's client."""
    from datasette.app import Datasette

    from monitor.read.serve import metadata_for

    async def fetch():
        app = Datasette([str(db)], metadata=metadata_for(db))
        response = await app.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_search_works_on_the_change_log_and_shows_site_dates_and_change(crawled):
    rows = served_json(crawled.db, "/monitor/change_log.json?_search=sell&_shape=array&_size=max")
    assert rows
    for row in rows:
        assert row["site_name"] and row["changed_at"] and row["previous_captured_at"]
        text = f"{row['before']} {row['after']} {row['section']} {row['reasons']}".lower()
        assert "sell" in text
    material = served_json(crawled.db, "/monitor/material_changes.json?_search=sell&_shape=array")
    assert material and all(row["materiality"] == "material" for row in material)


def test_metadata_titles_labels_and_licence_are_served(crawled):
    metadata = served_json(crawled.db, "/-/metadata.json")
    assert "Policy texts" in metadata["license"]
    table = metadata["databases"]["monitor"]["tables"]["change_log"]
    assert table["title"] and table["columns"]["changed_at"].startswith("When")


def test_canned_query_material_changes_by_site_and_month(crawled):
    rows = served_json(crawled.db, "/monitor/material_by_month.json?_shape=array")
    by_site = {}
    for row in rows:
        by_site[row["site"]] = by_site.get(row["site"], 0) + row["material_changes"]
    for slug, total in by_site.items():
        pairs = diff_json(crawled, slug)["pairs"]
        assert total == sum(c["materiality"] == "material" for p in pairs for c in p["changes"])


def test_canned_query_what_changed_in_a_site_since_a_date(crawled):
    rows = served_json(
        crawled.db, "/monitor/site_changes_since.json?site=perfectdrs&since=2021&_shape=array"
    )
    expected = [
        c for p in diff_json(crawled, "perfectdrs", "--since", "2021")["pairs"]
        for c in p["changes"]
    ]  # fmt: skip
    assert len(rows) == len(expected) and all(row["changed_at"] >= "2021" for row in rows)


def test_canned_searches_find_changes_and_each_clause_once(crawled):
    changes = served_json(crawled.db, "/monitor/search_changes.json?words=sell&_shape=array")
    assert changes and all(row["site_name"] and row["changed_at"] for row in changes)
    clauses = served_json(crawled.db, "/monitor/search_clauses.json?words=grievance&_shape=array")
    keys = [(row["site"], row["section"], row["text"]) for row in clauses]
    assert keys and len(keys) == len(set(keys))
    assert all("grievance" in f"{row['text']} {row['section']}".lower() for row in clauses)


def test_serve_without_datasette_is_one_line(crawled, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette", None)  # as if the extra were not installed
    result = CliRunner().invoke(cli, ["serve", "--db", str(crawled.db)])
    assert result.exit_code == 2
    assert (
        result.output == "Error: Datasette is not installed: pip install 'policy-monitor[serve]'\n"
    )


def test_monitor_serve_answers_searches_over_http(crawled):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "monitor", "serve", "--db", str(crawled.db), "--port", str(port)],
        env=crawled.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/monitor/change_log.json?_search=sell&_shape=array"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("monitor serve did not answer")
        assert rows and all(row["site_name"] for row in rows)
    finally:
        server.terminate()
        server.wait(timeout=30)
