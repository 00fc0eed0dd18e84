"""The cron line and systemd units in schedules/ work as written (paths aside)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCHEDULES = REPO / "schedules"


def install_dir(tmp_path: Path) -> Path:
    """A stand-in for /opt/policy-monitor: this checkout's venv under the documented name."""
    target = tmp_path / "opt"
    target.mkdir()
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


def test_crontab_line_runs_monitor_and_appends_to_its_log(workspace, tmp_path):
    lines = (SCHEDULES / "crontab").read_text().splitlines()
    job = next(line for line in lines if line.startswith("*/15 "))
    command = job.split(None, 5)[5]
    log = tmp_path / "run.log"
    command = command.replace("/opt/policy-monitor", str(install_dir(tmp_path))).replace(
        "/var/log/policy-monitor/run.log", str(log)
    )
    env = workspace.env()
    done = subprocess.run(["/bin/sh", "-c", command], env=env, timeout=180)
    assert done.returncode == 0
    text = log.read_text()
    assert text.count(" ok: ") == 5


def test_crontab_sets_the_documented_environment():
    text = (SCHEDULES / "crontab").read_text()
    for name in ("MONITOR_DB=", "MONITOR_SITES=", "MONITOR_APPRISE_CONFIG="):
        assert f"\n{name}" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_units_verify(tmp_path):
    opt = install_dir(tmp_path)
    for name in ("policy-monitor.service", "policy-monitor.timer"):
        text = (SCHEDULES / name).read_text().replace("/opt/policy-monitor", str(opt))
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", "policy-monitor.service", "policy-monitor.timer"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [line for line in done.stderr.splitlines() if "policy-monitor" in line]
    assert done.returncode == 0 and not problems, done.stderr


def test_systemd_service_runs_the_documented_command_at_low_priority():
    service = (SCHEDULES / "policy-monitor.service").read_text()
    assert "ExecStart=/opt/policy-monitor/.venv/bin/monitor run --log-format json" in service
    assert "Nice=10" in service and "IOSchedulingClass=idle" in service
    assert "Type=oneshot" in service
    timer = (SCHEDULES / "policy-monitor.timer").read_text()
    assert "Unit=policy-monitor.service" in timer and "Persistent=true" in timer


def test_json_log_lines_from_the_cron_command_parse(workspace, tmp_path):
    workspace.replay.fault("/live/qtraq/", "500", times=None)
    done = workspace.run("run", "--log-format", "json")
    assert done.returncode == 3
    for line in filter(None, done.stderr.splitlines()):
        assert json.loads(line)["level"] in {"warning", "error"}
