"""Script-rendered pages: an app shell is fetched again in Debian's chromium and read rendered.

The replay serves tests/data/scripted: a policy built by script after a delay, one fetched from
a JSON endpoint, a page whose script fails, a loading screen that never finishes and a plain
page. Crawls run the real Scrapy with scrapy-playwright in a subprocess. Tests that need the
browser skip, saying why, only when chromium is not installed (`make test` installs it).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from monitor.demo.replay import ReplayServer
from tests.conftest import Workspace
from tests.test_distributed import cluster, redis_url  # noqa: F401 (the cluster test's fixtures)

SCRIPTED = Path(__file__).resolve().parent / "data" / "scripted"
RENDER_TIMEOUT = "4"
needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium is not installed: `make test` installs it with apt-get",
)


def captures(db: Path, site: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            """SELECT c.source, c.fetched_with, c.rejected_reason, v.text
               FROM captures c LEFT JOIN versions v ON v.id = c.version_id
               WHERE c.site = ? ORDER BY c.captured_at""",
            [site],
        ).fetchall()
    return [dict(row) for row in rows]


def requests_to(replay: ReplayServer, path: str) -> int:
    return sum(1 for record in replay.requests if record.path == path)


def sites_file(replay: ReplayServer, entries: dict[str, tuple[str, dict]]) -> str:
    """A sites file of new slugs over the replay's pages: slug -> (fixture slug, extra keys)."""
    sites = [
        {"slug": slug, "name": slug, "url": replay.live_url(page), **extra}
        for slug, (page, extra) in entries.items()
    ]
    return yaml.safe_dump({"sites": sites}, sort_keys=False)


@pytest.fixture(scope="module")
def crawled():
    """One live crawl of every scripted site."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed: `make test` installs it with apt-get")
    import tempfile

    with ReplayServer(SCRIPTED) as replay, tempfile.TemporaryDirectory() as root:
        space = Workspace(Path(root), replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        done = space.run("crawl", MONITOR_RENDER_TIMEOUT=RENDER_TIMEOUT)
        yield space, done


def failed_sites(done) -> list[str]:
    """The sites a crawl reports FAILED. Exit 3 names what users must act on: a live page that
    never rendered is not the policy, and fails its site (issue 16); the others go through."""
    return sorted(line.split()[0] for line in done.stdout.splitlines() if "FAILED" in line)


def only_the_unrendered_sites_failed(done) -> bool:
    return done.returncode == 3 and failed_sites(done) == ["broken", "stuck"]


@needs_chromium
def test_a_policy_built_by_script_after_a_delay_becomes_a_version(crawled):
    space, done = crawled
    assert only_the_unrendered_sites_failed(done), done.stdout + done.stderr
    [capture] = captures(space.db, "delayed")
    assert capture["fetched_with"] == "browser"
    assert capture["rejected_reason"] is None
    assert "advertising partners" in capture["text"]


@needs_chromium
def test_a_policy_fetched_by_script_from_a_json_endpoint_becomes_a_version(crawled):
    space, _ = crawled
    [capture] = captures(space.db, "fetched")
    assert capture["fetched_with"] == "browser"
    assert "We never sell your personal information" in capture["text"]
    assert requests_to(space.replay, "/live/fetched/privacy-policy.json") == 1


@needs_chromium
def test_the_browser_sends_the_crawler_user_agent_for_every_request(crawled):
    space, _ = crawled
    [api] = [r for r in space.replay.requests if r.path.endswith(".json")]
    headers = {name.lower(): value for name, value in api.headers.items()}
    assert headers["user-agent"].startswith("policy-monitor/")


@needs_chromium
def test_a_page_whose_script_fails_is_kept_with_the_reason_and_never_a_version(crawled):
    space, _ = crawled
    [capture] = captures(space.db, "broken")
    assert capture["text"] is None
    assert capture["rejected_reason"].startswith("script-rendered page not rendered")
    assert "renderPolicyApp is not defined" in capture["rejected_reason"]


@needs_chromium
def test_a_page_that_never_renders_is_recorded_with_its_time_limit_and_fails_no_other(crawled):
    space, done = crawled
    [capture] = captures(space.db, "stuck")
    assert capture["text"] is None
    assert capture["rejected_reason"] == (
        f"script-rendered page not rendered: did not render within {RENDER_TIMEOUT} s"
    )
    assert only_the_unrendered_sites_failed(done), done.stdout
    assert all(captures(space.db, s)[0]["text"] for s in ("delayed", "fetched", "plain"))
    assert "Traceback" not in done.stderr


@needs_chromium
def test_a_plain_page_is_never_sent_to_the_browser(crawled):
    space, _ = crawled
    [capture] = captures(space.db, "plain")
    assert capture["fetched_with"] == "http"
    assert capture["text"]
    assert requests_to(space.replay, "/live/plain/privacy-policy") == 1
    assert requests_to(space.replay, "/live/delayed/privacy-policy") == 2


@needs_chromium
def test_history_json_says_how_each_version_was_fetched(crawled):
    space, _ = crawled
    done = space.run("history", "delayed", "--format", "json")
    assert done.returncode == 0, done.stderr
    [version] = json.loads(done.stdout)["versions"]
    assert version["fetched_with"] == "browser"


@needs_chromium
def test_an_archived_app_shell_is_rendered_from_the_archive(tmp_path):
    with ReplayServer(SCRIPTED) as replay:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        done = space.run("backfill", "delayed", MONITOR_RENDER_TIMEOUT=RENDER_TIMEOUT)
    assert done.returncode == 0, done.stderr
    plain, shell = captures(space.db, "delayed")
    assert (plain["source"], plain["fetched_with"]) == ("wayback", "http")
    assert (shell["source"], shell["fetched_with"]) == ("wayback", "browser")
    assert "We never sell" in plain["text"]
    assert "advertising partners" in shell["text"]


@pytest.fixture(scope="module")
def forced():
    """A crawl where the sites file forces the browser on or off, or waits for an element."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed: `make test` installs it with apt-get")
    import tempfile

    with ReplayServer(SCRIPTED) as replay, tempfile.TemporaryDirectory() as root:
        space = Workspace(Path(root), replay)
        entries = {
            "shell-off": ("delayed", {"browser": False}),
            "plain-on": ("plain", {"browser": True}),
            "waited": ("delayed", {"browser_wait": "main.policy"}),
            "missing": ("delayed", {"browser_wait": "#never-there"}),
        }
        space.sites.write_text(sites_file(replay, entries), encoding="utf-8")
        done = space.run("crawl", MONITOR_RENDER_TIMEOUT=RENDER_TIMEOUT)
        # the shell read without the browser and the element that never comes are no policy
        assert done.returncode == 3, done.stderr
        assert failed_sites(done) == ["missing", "shell-off"], done.stdout
        yield space


@needs_chromium
def test_browser_false_reads_a_shell_as_fetched(forced):
    [capture] = captures(forced.db, "shell-off")
    assert capture["fetched_with"] == "http"
    assert capture["text"] is None or "advertising partners" not in capture["text"]


@needs_chromium
def test_browser_true_renders_a_plain_page(forced):
    [capture] = captures(forced.db, "plain-on")
    assert capture["fetched_with"] == "browser"
    assert "We never sell" in capture["text"]
    assert requests_to(forced.replay, "/live/plain/privacy-policy") == 2


@needs_chromium
def test_browser_wait_reads_the_page_once_the_element_is_there(forced):
    [capture] = captures(forced.db, "waited")
    assert "advertising partners" in capture["text"]


@needs_chromium
def test_browser_wait_for_an_element_that_never_comes_is_the_reason(forced):
    [capture] = captures(forced.db, "missing")
    assert capture["text"] is None
    assert "#never-there did not appear within 4 s" in capture["rejected_reason"]


@needs_chromium
def test_extract_renders_a_script_built_page_as_the_crawler_does(workspace_scripted):
    done = workspace_scripted.run(
        "extract", workspace_scripted.replay.live_url("fetched"), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["fetched_with"] == "browser"
    assert any("We never sell" in clause["text"] for clause in result["clauses"])


@needs_chromium
def test_compare_renders_both_pages(workspace_scripted):
    replay = workspace_scripted.replay
    done = workspace_scripted.run(
        "compare", replay.live_url("fetched"), replay.live_url("delayed"), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    changes = json.loads(done.stdout)["changes"]
    assert any("advertising partners" in (change["after"] or "") for change in changes)


@needs_chromium
def test_extract_of_a_page_that_does_not_render_is_a_one_line_error(workspace_scripted):
    done = workspace_scripted.run(
        "extract", workspace_scripted.replay.live_url("broken"), MONITOR_RENDER_TIMEOUT="4"
    )
    assert done.returncode != 0
    assert "renderPolicyApp is not defined" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def workspace_scripted(tmp_path):
    with ReplayServer(SCRIPTED) as replay:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(replay.sites_yaml(), encoding="utf-8")
        yield space


def test_without_chromium_a_shell_is_recorded_with_the_reason_and_one_warning(
    workspace_scripted,
):
    space = workspace_scripted
    done = space.run("crawl", "delayed", "plain", MONITOR_CHROMIUM="/nonexistent/chromium")
    assert done.returncode == 3 and failed_sites(done) == ["delayed"], done.stdout + done.stderr
    [shell] = captures(space.db, "delayed")
    assert shell["rejected_reason"] == (
        "script-rendered page not rendered: chromium is not installed"
    )
    assert captures(space.db, "plain")[0]["text"]
    warnings = [line for line in done.stderr.splitlines() if "chromium is not installed" in line]
    assert len(warnings) == 1
    assert "Traceback" not in done.stderr


def test_without_chromium_extract_warns_in_one_line_and_reads_the_page_as_fetched(
    workspace_scripted,
):
    done = workspace_scripted.run(
        "extract",
        workspace_scripted.replay.live_url("delayed"),
        "--format",
        "json",
        MONITOR_CHROMIUM="/nonexistent/chromium",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fetched_with"] == "http"
    assert done.stderr.count("chromium is not installed") == 1
    assert "Traceback" not in done.stderr


@pytest.fixture
def workspace(workspace_scripted):
    """The workspace the cluster fixture starts its workers in: the scripted sites."""
    return workspace_scripted


@needs_chromium
def test_a_cluster_worker_renders_a_shell_too(workspace, redis_url, cluster):  # noqa: F811
    done = workspace.run(
        "crawl",
        "fetched",
        "plain",
        "--workers",
        redis_url,
        timeout=120,
        MONITOR_RENDER_TIMEOUT=RENDER_TIMEOUT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [shell] = captures(workspace.db, "fetched")
    assert shell["fetched_with"] == "browser"
    assert "We never sell" in shell["text"]
    assert captures(workspace.db, "plain")[0]["fetched_with"] == "http"
