"""The Python API of docs/python-api.md, called as its example does, on a real database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import monitor
from capture import Capture
from monitor.config import Site
from monitor.ingest import ingest

REPO = Path(__file__).resolve().parents[1]
SITE = Site(slug="clinic", name="Clinic", url="https://clinic.example/privacy")
POLICY = (
    "<html><head><title>Privacy</title></head><body><main><h1>Privacy Policy</h1>"
    "<h2>Retention</h2><p>We keep your medical records for {years} years after your last visit."
    "</p><h2>Sharing</h2><p>{sharing}</p></main></body></html>"
)
VERSIONS = [  # (captured_at, years, sharing)
    ("2019-03-01T00:00:00Z", 3, "We never share your information with anyone."),
    ("2021-06-01T00:00:00Z", 3, "We never share your information with anyone at all."),
    ("2024-02-01T00:00:00Z", 10, "We sell your information to advertisers."),
]


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "api.db"
    with monitor.open_store(path) as store:
        store.sync_sites([SITE])
        for captured_at, years, sharing in VERSIONS:
            body = POLICY.format(years=years, sharing=sharing).encode()
            capture = Capture(
                site=SITE.slug,
                source="wayback",
                url=SITE.url,
                captured_at=captured_at,
                status=200,
                body=body,
                content_type="text/html; charset=utf-8",
            )
            ingest(store, SITE, capture)
    return path


def test_versions_are_read_oldest_first(db):
    with monitor.open_store(db) as store:
        found = monitor.versions(store, "clinic")
    assert [v.captured_at for v in found] == [v[0] for v in VERSIONS]
    assert all(isinstance(v, monitor.Version) and v.source == "wayback" for v in found)
    assert found[0].archive_url.endswith("/web/20190301000000/https://clinic.example/privacy")


def test_history_gives_each_pair_its_judged_changes(db):
    with monitor.open_store(db) as store:
        pairs = monitor.history(store, "clinic", since="2020")
    assert [(p.older.captured_at, p.newer.captured_at) for p in pairs] == [
        (VERSIONS[0][0], VERSIONS[1][0]),
        (VERSIONS[1][0], VERSIONS[2][0]),
    ]
    material = [c for c in pairs[1].changes if c.judgement.materiality == "material"]
    assert {c.change.op for c in material} == {"modified"}
    assert any("10 years" in c.change.after for c in material)
    assert not [c for c in pairs[0].changes if c.judgement.materiality == "material"]


def test_history_until_includes_its_whole_year(db):
    with monitor.open_store(db) as store:
        pairs = monitor.history(store, "clinic", until="2021")
    assert [p.newer.captured_at for p in pairs] == [VERSIONS[1][0]]


def test_compare_two_texts_judges_each_change():
    old, new = "We keep your data for 3 years.", "We keep your data for 10 years and sell it."
    [judged] = monitor.compare(old, new)
    assert isinstance(judged, monitor.JudgedChange)
    assert (judged.change.op, judged.judgement.materiality) == ("modified", "material")
    assert "retention: 3 years -> 10 years" in judged.judgement.reasons


def test_compare_reads_html_files_given_as_paths(tmp_path):
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(POLICY.format(years=3, sharing="We never share it."), encoding="utf-8")
    new.write_text(POLICY.format(years=3, sharing="We sell it to advertisers."), encoding="utf-8")
    changes = monitor.compare(old, new)
    assert [c.change.after for c in changes] == ["We sell it to advertisers."]
    assert changes[0].judgement.materiality == "material"


def test_the_documented_example_runs_as_written(db, tmp_path):
    example = (REPO / "docs" / "python-api.md").read_text(encoding="utf-8")
    code = example.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.strip().splitlines()) == 10
    (tmp_path / "demo-output").mkdir()
    db.rename(tmp_path / "demo-output" / "demo.db")
    script = code.replace('"perfectdrs"', '"clinic"')
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "2019-03-01T00:00:00Z -> 2021-06-01T00:00:00Z 0 material",
        "2021-06-01T00:00:00Z -> 2024-02-01T00:00:00Z 2 material",
        "modified material | sharing: new practice 'sell' retention: 3 years -> 10 years",
    ]


def test_every_exported_name_is_there():
    assert set(monitor.__all__) == set(monitor._EXPORTS)
    assert all(getattr(monitor, name) is not None for name in monitor.__all__)


def test_importing_monitor_loads_neither_scrapy_nor_the_store():
    code = "import sys, monitor; print([m for m in ('scrapy', 'sqlite_utils') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
