"""The database under faults: a full disk, a writer holding the lock, an old schema.

Real `monitor` processes write a real SQLite file; the disk is a 3 MB tmpfs (or, where mounting
is not allowed, the file is made read-only), the lock is held by another connection.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from capture import Capture
from monitor.config import parse_sites
from monitor.ingest import ingest
from monitor.store import Store
from monitor.store import migrations as store_migrations


def counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT count(*) FROM captures").fetchone()[0],
            conn.execute("SELECT count(*) FROM versions").fetchone()[0],
        )


def ok_runs(db: Path, slug: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT count(*) FROM site_runs WHERE site = ? AND ok = 1", [slug]
        ).fetchone()[0]


def one_line_error(stderr: str, cause: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and cause in lines[0], stderr


@contextmanager
def write_lock(db: Path, release_after: float | None = None) -> Iterator[None]:
    """Another connection holds the write lock (for ``release_after`` seconds, or the block)."""
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(release_after or 0, conn.rollback)
    if release_after is not None:
        timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if conn.in_transaction:
            conn.rollback()
        conn.close()


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path | None]:
    """A 3 MB tmpfs, or None where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    yield mount if mounted.returncode == 0 else None
    if mounted.returncode == 0:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, margin: int) -> Path:
    """Fill the disk but ``margin`` bytes: room for a run's bookkeeping, not for a new page."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(free - margin, 0))
    return filler


def test_a_full_disk_fails_the_run_in_one_line_and_the_next_run_retries(workspace, small_disk):
    if small_disk is None and os.geteuid() == 0:
        pytest.skip("cannot mount a tmpfs here, and root writes to read-only files")
    db = (small_disk or workspace.root) / "monitor.db"
    env = {"MONITOR_DB": str(db)}
    assert workspace.run("run", "perfectdrs", **env).returncode == 0
    before = counts(db)
    workspace.replay.set_live("perfectdrs", "2026.md")
    if small_disk is not None:
        filler = fill(small_disk, margin=64 * 1024)
        cause = "database is full"
    else:  # a database made read-only: the same path through the store
        for path in db.parent.glob("monitor.db*"):
            path.chmod(0o444)
        cause = "database is read-only"

    full = workspace.run("run", "--force", "perfectdrs", **env)

    assert full.returncode == 7
    one_line_error(full.stderr, cause)
    assert counts(db) == before  # nothing stored, nothing lost
    assert ok_runs(db, "perfectdrs") == 1  # not recorded as fetched
    if small_disk is not None:
        filler.unlink()
    else:
        for path in db.parent.glob("monitor.db*"):
            path.chmod(0o644)
    again = workspace.run("run", "--force", "perfectdrs", **env)
    assert again.returncode == 0, again.stderr
    assert counts(db)[1] == before[1] + 1  # the new version, stored by the retry
    with Store(db) as store:
        assert store.integrity_ok()


def test_a_writer_holding_the_lock_past_the_timeout_fails_the_crawl_as_busy(workspace):
    assert workspace.run("crawl", "perfectdrs").returncode == 0
    before = counts(workspace.db)
    workspace.replay.set_live("perfectdrs", "2026.md")
    with write_lock(workspace.db):
        busy = workspace.run("crawl", "perfectdrs", MONITOR_BUSY_TIMEOUT="0.5")
    assert busy.returncode == 7
    one_line_error(busy.stderr, "database is busy")
    assert counts(workspace.db) == before
    again = workspace.run("crawl", "perfectdrs")
    assert again.returncode == 0
    assert counts(workspace.db)[1] == before[1] + 1


def test_a_second_writer_waits_for_the_first_instead_of_failing(workspace):
    assert workspace.run("crawl", "perfectdrs").returncode == 0
    before = counts(workspace.db)
    workspace.replay.set_live("perfectdrs", "2026.md")
    with write_lock(workspace.db, release_after=1.5):
        waited = workspace.run("crawl", "perfectdrs", MONITOR_BUSY_TIMEOUT="60")
    assert waited.returncode == 0, waited.stderr
    assert counts(workspace.db)[1] == before[1] + 1


def test_concurrent_crawl_and_run_both_store_everything(workspace):
    """A crawl beside a run: both write the same file, taking turns."""
    assert workspace.run("crawl").returncode == 0
    workspace.replay.set_live("perfectdrs", "2026.md")
    env = workspace.env()
    command = [sys.executable, "-m", "monitor"]
    crawl = subprocess.Popen([*command, "crawl"], cwd=workspace.root, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    run = subprocess.Popen([*command, "run", "--force"], cwd=workspace.root, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    results = [process.communicate(timeout=180) for process in (crawl, run)]
    assert (crawl.returncode, run.returncode) == (0, 0), results
    with sqlite3.connect(workspace.db) as conn:
        live_versions = conn.execute(
            "SELECT count(DISTINCT version_id) FROM captures"
            " WHERE site = 'perfectdrs' AND source = 'live'"
        )
        assert live_versions.fetchone()[0] == 2  # the old page and the new one
        ok_runs = conn.execute(
            "SELECT runs.command, count(*) FROM site_runs JOIN runs ON runs.id = site_runs.run_id"
            " WHERE site_runs.ok = 1 GROUP BY runs.command"
        )
        assert dict(ok_runs.fetchall()) == {"run": 5, "crawl": 10}  # crawls count as fetches


SITE = parse_sites(
    "sites:\n  - slug: clinic\n    name: Clinic\n    url: https://clinic.example/privacy\n"
)[0]
PAGE = "<main><h1>Privacy</h1><p>We {} sell your health data.</p></main>"


def test_a_database_from_before_alerts_per_update_keeps_its_alerts(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    # the database of the time: before 0010, plus the later additive migrations (new tables
    # and columns) that today's ingest writes to
    old = [m for m in store_migrations.MIGRATIONS if m[0] < "0010" or m[0] >= "0012"]
    monkeypatch.setattr(store_migrations, "MIGRATIONS", old)
    with Store(db) as store:
        store.sync_sites([SITE])
        for month, word in enumerate(("never", "may"), start=1):
            body = PAGE.format(word).encode()
            capture = Capture("clinic", "live", SITE.url, f"2026-0{month}-01T00:00:00Z", 200, body)
            ingest(store, SITE, capture)
        with store.atomic():  # an alert queued by the code of the time
            store.db.execute(
                "INSERT INTO alerts (site, comparison_id, from_capture, to_capture, queued_at)"
                " VALUES ('clinic', 1, 1, 2, '2026-02-01T00:00:00Z')"
            )
            store.db.execute(
                "INSERT INTO outbox (alert_id, subscriber, threshold, next_try, queued_at)"
                " VALUES (1, 'f', 'material', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z')"
            )
    monkeypatch.undo()
    with Store(db) as store:
        assert store.pending_alerts_summary()[0]["pending"] == 1
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
