"""`monitor reprocess`: stored raw captures re-extracted under the current rules; what that
changes is recorded as technical (never alerted), in a real SQLite file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from capture import Capture
from diffs import RULES_VERSION
from monitor.cli import cli
from monitor.config import load_sites
from monitor.ingest.core import ingest
from monitor.store import Store

SITE = """sites:
  - slug: clinic
    name: Clinic
    url: https://clinic.example/privacy
{extra}"""


def body(sentence: str) -> bytes:
    return (
        "<html><body><main><h1>Privacy</h1><p>We collect your name.</p>"
        f"<p>{sentence}</p><div class='promo'>Book a visit today, 20% off!</div>"
        "</main></body></html>"
    ).encode()


def setup(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text(SITE.format(extra=""), encoding="utf-8")
    db = tmp_path / "monitor.db"
    site = load_sites(sites)[0]
    with Store(db) as store:
        store.sync_sites([site])
        for when, sentence in (
            ("2020-01-01T00:00:00Z", "We share nothing."),
            ("2021-01-01T00:00:00Z", "We share data with insurers."),
        ):
            capture = Capture(
                "clinic", "wayback", site.url, when, 200, body(sentence), content_type="text/html"
            )
            ingest(store, site, capture)
    return sites, db


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_reprocess_with_new_rules_records_technical_changes_only(tmp_path):
    sites, db = setup(tmp_path)
    with Store(db) as store:
        before = store.timeline("clinic")
        real = store.changes(before[0].version_id, before[1].version_id, RULES_VERSION)
    assert real and all(not c["technical"] for c in real)

    sites.write_text(SITE.format(extra="    remove: [.promo]\n"), encoding="utf-8")
    out = run("reprocess", "clinic", "--db", str(db), "--sites", str(sites), "--format", "json")
    summary = json.loads(out)["sites"][0]
    assert summary["moved"] == 2 and summary["new_versions"] == 2

    with Store(db) as store:
        after = store.timeline("clinic")
        assert [r.version_id for r in after] != [r.version_id for r in before]
        assert "20% off" not in store.clauses(after[0].version_id)[-1].text
        technical = store.technical_changes("clinic")
        # each old text -> its new text, plus the new neighbouring pair
        assert len(technical) == 3
        for row in technical:
            changes = store.changes(row["from_version"], row["to_version"], row["rules_version"])
            assert all(c["technical"] for c in changes)
        removed = store.changes(before[0].version_id, after[0].version_id, RULES_VERSION)
        assert [(c["op"], c["before"]) for c in removed] == [
            ("removed", "Book a visit today, 20% off!")
        ]


def test_reprocess_twice_changes_nothing_more(tmp_path):
    sites, db = setup(tmp_path)
    run("reprocess", "--db", str(db), "--sites", str(sites))
    with Store(db) as store:
        counts = store.counts("clinic")
    out = run("reprocess", "--db", str(db), "--sites", str(sites))
    assert "0 moved" in out
    with Store(db) as store:
        assert store.counts("clinic") == counts


def test_reprocess_of_an_unknown_site_is_one_line_and_exit_2(tmp_path):
    sites, db = setup(tmp_path)
    result = CliRunner().invoke(cli, ["reprocess", "nope", "--db", str(db), "--sites", str(sites)])
    assert result.exit_code == 2
    assert "nope" in result.output and "Traceback" not in result.output


def test_reprocess_leaves_archived_redirects_alone(tmp_path):
    sites, db = setup(tmp_path)
    site = load_sites(sites)[0]
    with Store(db) as store:
        redirect = Capture(
            "clinic",
            "wayback",
            "http://old-clinic.example/privacy",
            "2019-01-01T00:00:00Z",
            301,
            b"<html><body>Moved</body></html>",
            content_type="text/html",
            location=site.url,
        )
        ingest(store, site, redirect)
    output = json.loads(
        run("reprocess", "--db", str(db), "--sites", str(sites), "--format", "json")
    )
    assert output["sites"][0]["moved"] == 0
    with Store(db) as store:
        kept = [s for s in store.stored_bodies("clinic") if s.status == 301]
        assert [(s.version_id, s.rejected_reason) for s in kept] == [(None, None)]
