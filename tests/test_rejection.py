"""The page verdict on what the replay serves: the policy passes, impostors are named."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from diffs.normalize import decode, normalize
from monitor.demo.replay import ReplayServer
from monitor.ingest.rejection import rejection_reason


@pytest.fixture(scope="module")
def replay():
    with ReplayServer() as server:
        yield server


def verdict(replay: ReplayServer, kind: str | None) -> str | None:
    path = "/live/perfectdrs/privacy-policy"
    if kind:
        replay.fault(path, kind)
    try:
        with urllib.request.urlopen(replay.url + path, timeout=5) as response:
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    html = decode(body, headers.get("Content-Type"))
    return rejection_reason(status, html, normalize(html, content_type="text/html"), headers)


def test_the_policy_itself_passes(replay):
    assert verdict(replay, None) is None


def test_a_policy_declared_windows_1252_only_in_meta_passes(replay):
    assert verdict(replay, "windows-1252") is None


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("challenge", "bot challenge page (cf-mitigated: challenge header)"),
        ("soft-404", "soft 404 (page says 'Page not found')"),
        ("login", "login wall (a sign-in form instead of the policy)"),
        ("empty", "empty body"),
        ("garbage", "not text (binary or undecodable body)"),
        ("500", "HTTP status 500"),
    ],
)
def test_replay_faults_are_rejected_with_a_reason(replay, kind, reason):
    assert verdict(replay, kind) == reason


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def judge(html: str, status: int = 200, headers: dict | None = None) -> str | None:
    return rejection_reason(status, html, normalize(html, content_type="text/html"), headers)


def test_challenge_markers_without_the_header():
    html = page("Just a moment...", "<p>Checking your browser before accessing the site.</p>")
    assert judge(html) == "bot challenge page ('Just a moment...' interstitial)"


def test_error_page_served_with_200():
    html = page("503 Service Unavailable", "<h1>Service Unavailable</h1><p>Try later.</p>")
    assert judge(html) == "error page (page says '503 Service Unavailable')"


def test_tiny_body():
    assert judge(page("Privacy", "<h1>Privacy policy</h1><p>Coming soon.</p>")).startswith(
        "tiny body (4 words"
    )


def test_a_long_policy_that_mentions_errors_and_404_is_kept():
    words = " ".join(["We process personal data lawfully and keep it safe."] * 40)
    html = page("Privacy Policy", f"<h1>Privacy Policy</h1><p>Errors: see 404 below. {words}</p>")
    assert judge(html) is None
