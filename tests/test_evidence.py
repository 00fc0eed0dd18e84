"""Evidence: Save Page Now through waybackpy against the configured Wayback, and archive links."""

from __future__ import annotations

import json
import urllib.request


def test_save_archives_the_live_page_and_links_the_live_version(workspace):
    assert workspace.run("crawl", "perfectdrs").returncode == 0
    done = workspace.run("save", "perfectdrs", "--format", "json", MONITOR_SAVE_INTERVAL="0")
    assert done.returncode == 0, done.stderr
    saved = json.loads(done.stdout)["saved"][0]
    live = workspace.replay.live_url("perfectdrs")
    assert [r.path for r in workspace.replay.requests if r.path.startswith("/save/")] == [
        "/save/" + live
    ]
    assert saved["archive_url"].startswith(f"{workspace.replay.url}/web/")
    assert saved["archive_url"].endswith(live)
    with urllib.request.urlopen(saved["archive_url"], timeout=5) as response:
        assert response.status == 200 and b"Privacy" in response.read()
    history = json.loads(workspace.run("history", "perfectdrs", "--format", "json").stdout)
    assert history["versions"][-1]["source"] == "live"
    assert history["versions"][-1]["archive_url"] == saved["archive_url"]


def test_every_wayback_version_links_to_its_capture(workspace):
    assert workspace.run("backfill", "perfectdrs").returncode == 0
    data = json.loads(workspace.run("diff", "perfectdrs", "--format", "json").stdout)
    versions = [p["from"] for p in data["pairs"]] + [data["pairs"][-1]["to"]]
    for version in versions:
        stamp = "".join(ch for ch in version["captured_at"] if ch.isdigit())
        expected = f"{workspace.replay.url}/web/{stamp}/{version['url']}"
        assert version["archive_url"] == expected
    with urllib.request.urlopen(versions[0]["archive_url"], timeout=5) as response:
        assert response.status == 200


def test_a_rate_limited_save_is_one_line_and_exit_3(workspace):
    workspace.replay.fault("/save/", "429")
    done = workspace.run("save", "perfectdrs")
    assert done.returncode == 3
    assert done.stderr.strip() == (
        f"Error: {workspace.replay.live_url('perfectdrs')}: Save Page Now is rate limiting us "
        "(HTTP 429); try again in 5 minutes"
    )
