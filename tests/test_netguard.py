"""Only the public web by default, and Retry-After on 503: real crawls of the replay.

The replay listens on every loopback address (0.0.0.0), so a sites file can point at 127.0.0.1
while a redirect leads to 127.0.0.2: ``MONITOR_ALLOW_PRIVATE=127.0.0.1`` allows the first only.
"""

from __future__ import annotations

import sqlite3

import pytest

from crawler.netguard import allowed_networks, internal_kind, refusal
from crawler.spiders.base import MAX_ERROR_CHARS, describe_failure
from monitor.demo.replay import ReplayServer
from tests.conftest import Workspace


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("10.0.0.7", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:10.0.0.7", "private"),
        ("100.64.0.1", "reserved"),
        ("93.184.215.14", None),
        ("2606:4700::6810:84e5", None),
    ],
)
def test_internal_addresses_are_named(address, kind):
    assert internal_kind(address) == kind


def test_a_name_resolving_inside_is_refused_and_an_allowed_network_is_not():
    def resolve(host):
        return ["169.254.169.254"]

    assert "metadata.example resolves to link-local" in refusal(
        "http://metadata.example/", (), resolve
    )
    allowed = allowed_networks("169.254.0.0/16")
    assert refusal("http://metadata.example/", allowed, resolve) is None
    assert allowed_networks("1") is None


def captures(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM captures").fetchone()[0]


def test_a_sites_file_url_on_loopback_is_refused_without_a_request(workspace):
    done = workspace.run("crawl", "perfectdrs", MONITOR_ALLOW_PRIVATE="")
    assert done.returncode == 3
    assert "refused: 127.0.0.1 is a loopback address" in done.stdout
    assert "MONITOR_ALLOW_PRIVATE=1" in done.stdout
    assert captures(workspace.db) == 0
    assert workspace.replay.requests == []


def test_the_metadata_address_is_refused(workspace):
    workspace.sites.write_text(
        "sites:\n  - slug: cloud\n    name: Cloud\n    url: http://169.254.169.254/latest\n",
        encoding="utf-8",
    )
    done = workspace.run("crawl", MONITOR_ALLOW_PRIVATE="")
    assert done.returncode == 3
    assert "169.254.169.254 is a link-local address" in done.stdout


@pytest.fixture
def every_loopback(tmp_path):
    with ReplayServer(host="0.0.0.0") as replay:
        space = Workspace(tmp_path, replay)
        space.sites.write_text(
            replay.sites_yaml().replace("0.0.0.0", "127.0.0.1"), encoding="utf-8"
        )
        yield space


def test_a_redirect_to_another_internal_address_is_refused(every_loopback):
    replay = every_loopback.replay
    target = f"http://127.0.0.2:{replay.port}/live/perfectdrs/privacy-policy"
    replay.fault("/live/perfectdrs/", "redirect", times=None, location=target)
    done = every_loopback.run("crawl", "perfectdrs", MONITOR_ALLOW_PRIVATE="127.0.0.1")
    assert done.returncode == 3
    assert "refused: 127.0.0.2 is a loopback address" in done.stdout
    assert len(replay.requests) == 1  # the redirect; nothing asked of 127.0.0.2
    assert captures(every_loopback.db) == 0


def test_monitor_add_refuses_an_internal_homepage(workspace):
    done = workspace.run(
        "add",
        workspace.replay.homepage_url("qtraq"),
        "--slug",
        "newclinic",
        "--dry-run",
        MONITOR_ALLOW_PRIVATE="",
    )
    assert done.returncode == 3
    assert "refused: 127.0.0.1 is a loopback address" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_503_with_retry_after_is_retried_after_the_time_asked(workspace):
    workspace.replay.fault("/live/perfectdrs/", "503", times=1, retry_after=1)
    done = workspace.run("crawl", "perfectdrs", "-v")
    assert done.returncode == 0, done.stderr
    assert "privacy-policy in 1.0 s" in done.stderr
    assert captures(workspace.db) == 1


def test_a_503_asking_for_longer_than_the_maximum_fails_the_site_for_this_run(workspace):
    workspace.replay.fault("/live/perfectdrs/", "503", times=None, retry_after=3600)
    done = workspace.run("crawl", "perfectdrs", MONITOR_MAX_RETRY_AFTER="5")
    assert done.returncode == 3
    assert "asked to retry after 3600 s, longer than the 5 s we wait" in done.stdout
    assert len(workspace.replay.requests) == 1
    assert captures(workspace.db) == 0


def test_a_long_failure_is_cut_between_words():
    class Failure:
        value = RuntimeError("word " * 100)

    described = describe_failure(Failure())
    assert len(described) <= MAX_ERROR_CHARS
    assert described.endswith("word ...")
