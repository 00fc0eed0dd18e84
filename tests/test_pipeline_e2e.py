"""The whole pipeline for real: Scrapy over loopback against the replay, into a SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SEED_SLUGS = {"perfectdrs", "drbatras", "qtraq", "backofficeservices", "1mg"}


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def counts(db):
    return {
        table: rows(db, f"SELECT count(*) FROM {table}")[0][0]
        for table in ("captures", "bodies", "versions", "clauses", "comparisons", "changes")
    }


def capture_fetches(replay):
    return [r for r in replay.requests if "id_/" in r.path]


def test_backfill_and_crawl_store_captures_versions_and_changes(crawled):
    per_site = dict(rows(crawled.db, "SELECT site, count(*) FROM versions GROUP BY site"))
    assert set(per_site) == SEED_SLUGS
    assert all(n >= 2 for n in per_site.values()), per_site
    sources = {s for (s,) in rows(crawled.db, "SELECT DISTINCT source FROM captures")}
    assert sources == {"live", "wayback"}
    assert counts(crawled.db)["changes"] > 0


def test_every_neighbouring_version_pair_is_compared(crawled):
    history = json.loads(crawled.run("history", "perfectdrs", "--format", "json").stdout)
    compared = rows(crawled.db, "SELECT count(*) FROM comparisons WHERE site = 'perfectdrs'")[0][0]
    assert compared >= len(history["versions"]) - 1


def test_material_changes_are_found_for_perfectdrs(crawled):
    material = rows(
        crawled.db,
        """SELECT count(*) FROM changes JOIN comparisons c ON c.id = changes.comparison_id
           WHERE c.site = 'perfectdrs' AND materiality = 'material'""",
    )[0][0]
    assert material >= 1


def test_each_distinct_capture_is_fetched_once(workspace):
    assert workspace.run("backfill").returncode == 0
    fetched = [r.path for r in capture_fetches(workspace.replay)]
    assert len(fetched) == len(set(fetched))
    bodies = rows(
        workspace.db,
        "SELECT count(DISTINCT body_sha1) FROM captures WHERE source = 'wayback'",
    )[0][0]
    assert len(fetched) == bodies
    wayback_captures = rows(workspace.db, "SELECT count(*) FROM captures WHERE source='wayback'")
    assert wayback_captures[0][0] > bodies  # repeats were recorded without a download


def test_running_the_same_crawl_twice_stores_nothing_new(workspace):
    assert workspace.run("backfill").returncode == 0
    assert workspace.run("crawl").returncode == 0
    before = counts(workspace.db)
    fetches_before = len(capture_fetches(workspace.replay))
    assert workspace.run("backfill").returncode == 0
    assert workspace.run("crawl").returncode == 0
    assert counts(workspace.db) == before
    assert len(capture_fetches(workspace.replay)) == fetches_before


def test_history_json_lists_versions_oldest_first(crawled):
    done = crawled.run("history", "perfectdrs", "--format", "json")
    data = json.loads(done.stdout)
    assert data["site"] == "perfectdrs"
    stamps = [v["captured_at"] for v in data["versions"]]
    assert stamps == sorted(stamps)
    first = data["versions"][0]
    assert first["source"] in ("live", "wayback")
    assert {"captured_at", "source", "url", "text_sha256"} <= set(first)
    assert first["captured_at"].endswith("Z")


def test_diff_json_has_the_promised_shape(crawled):
    done = crawled.run("diff", "perfectdrs", "--since", "2014", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["site"] == "perfectdrs" and data["pairs"]
    change = data["pairs"][0]["changes"][0] if data["pairs"][0]["changes"] else None
    for pair in data["pairs"]:
        assert {"from", "to", "changes"} <= set(pair)
        for change in pair["changes"]:
            assert {
                "op",
                "before",
                "after",
                "section",
                "materiality",
                "categories",
                "score",
            } <= set(change)
            assert change["op"] in {"added", "removed", "modified", "moved"}
            assert change["materiality"] in {"cosmetic", "minor", "material"}
            assert 0 <= change["score"] <= 1


def test_diff_until_limits_pairs_to_the_period(crawled):
    everything = json.loads(crawled.run("diff", "perfectdrs", "--format", "json").stdout)
    stamps = [p["to"]["captured_at"] for p in everything["pairs"]]
    cut = stamps[len(stamps) // 2][:4]
    early = json.loads(crawled.run("diff", "perfectdrs", "--until", cut, "--format", "json").stdout)
    assert early["pairs"]
    assert all(p["to"]["captured_at"][:4] <= cut for p in early["pairs"])
    assert len(early["pairs"]) < len(everything["pairs"])


def test_diff_text_shows_dates_and_materiality(crawled):
    done = crawled.run("diff", "perfectdrs", "--since", "2014", "--no-color")
    assert done.returncode == 0
    assert "perfectdrs:" in done.stdout and "->" in done.stdout
    assert "MATERIAL" in done.stdout
    assert "\x1b[" not in done.stdout


def test_unknown_site_is_one_line_and_exit_2(crawled):
    done = crawled.run("diff", "nosuchsite")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "unknown site 'nosuchsite'" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_site_for_crawl_is_exit_2(workspace):
    done = workspace.run("crawl", "nosuchsite")
    assert done.returncode == 2 and "unknown site" in done.stderr


def test_bad_date_is_one_line_and_exit_2(crawled):
    done = crawled.run("diff", "perfectdrs", "--since", "last tuesday")
    assert done.returncode == 2
    assert "bad date 'last tuesday'" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_sites_file_is_exit_2(workspace):
    workspace.sites.write_text(
        "sites:\n  - slug: x\n    name: X\n    url: https://x.example\n    bogus: 1\n"
    )
    done = workspace.run("crawl")
    assert done.returncode == 2
    assert "unknown key 'bogus'" in done.stderr and "Traceback" not in done.stderr


def test_a_failing_site_exits_3_and_the_others_are_stored(workspace):
    live_url = next(s for s in _sites(workspace) if s["slug"] == "qtraq")["url"]
    path = "/" + live_url.split("/", 3)[3]
    workspace.replay.fault(path, "500", times=None)
    done = workspace.run("crawl")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "qtraq" in done.stdout and "FAILED" in done.stdout
    assert "Traceback" not in done.stderr
    stored = {s for (s,) in rows(workspace.db, "SELECT DISTINCT site FROM captures")}
    assert stored == SEED_SLUGS - {"qtraq"}


def test_a_429_pauses_then_the_backfill_completes(workspace):
    workspace.replay.fault("/cdx/search/cdx", "429", times=1)
    done = workspace.run("backfill", "perfectdrs")
    assert done.returncode == 0, done.stdout + done.stderr
    statuses = [r.status for r in workspace.replay.requests if r.path.startswith("/cdx/")]
    assert statuses[0] == 429 and 200 in statuses
    assert rows(workspace.db, "SELECT count(*) FROM versions")[0][0] >= 2


def test_crawl_json_summary_for_scripts(workspace):
    done = workspace.run("crawl", "perfectdrs", "--format", "json")
    data = json.loads(done.stdout)
    assert data["ok"] is True
    assert data["sites"][0]["site"] == "perfectdrs"
    assert data["sites"][0]["captures_stored"] == 1


def test_scrapy_crawl_works_from_the_repository_root(workspace):
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "live", "-a", "slugs=perfectdrs"],
        cwd=REPO,
        env=workspace.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert rows(workspace.db, "SELECT site, source FROM captures") == [("perfectdrs", "live")]


def _sites(workspace):
    import yaml

    return yaml.safe_load(workspace.sites.read_text())["sites"]


def test_demo_backfills_crawls_and_shows_perfectdrs_changes(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "demo", "--db", str(tmp_path / "demo.db"), "--no-color"],
        cwd=tmp_path,
        env={**{k: v for k, v in __import__("os").environ.items() if not k.startswith("MONITOR_")}},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "$ monitor diff perfectdrs --since 2014" in done.stdout
    assert "[-3-]{+10+}" in done.stdout  # the retention change, word-marked
    assert "MATERIAL" in done.stdout
    assert rows(tmp_path / "demo.db", "SELECT count(DISTINCT site) FROM versions")[0][0] == 5
    assert "Received by the local sink" in done.stdout  # the live change alerted, once
    assert done.stdout.count("# Perfect Doctors Clinic privacy policy: 2 material changes (") == 1
