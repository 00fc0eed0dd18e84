"""Which pages go to the browser: app shells do, plain pages never (diffs/shell.py), and what an
archived page's scripts ask for is looked up in the archive (crawler/rendering.py)."""

from __future__ import annotations

import pytest

from crawler.rendering import archived_url
from diffs.shell import looks_like_shell, reads_as_loading
from monitor.demo.fixtures import Fixtures

POLICY = "<p>" + "We collect your name and e-mail address to book appointments. " * 20 + "</p>"

SHELLS = {
    "react root and noscript": '<div id="root"></div><noscript>You need to enable JavaScript to'
    ' run this app.</noscript><script src="/static/js/main.js"></script>',
    "next root with a spinner": '<div id="__next"><div class="spinner">Loading...</div></div>'
    "<script src=/_next/app.js></script>",
    "vue app": '<div id="app"></div><script type="module" src="/assets/index.js"></script>',
    "angular app-root": "<app-root ng-version=17.1.0></app-root><script src=main.js></script>",
    "menu and a noscript notice": "<header>Sunrise Clinic Home About Services Doctors Contact"
    " Book now</header><noscript>This site needs scripts.</noscript><script src=a.js></script>",
    "loading line only": "<p>Please wait while the page loads</p><script>boot()</script>",
}
PLAIN = {
    "policy with scripts": f'<div id="root">{POLICY}</div><script>track()</script>',
    "short page without scripts": "<h1>Page not found</h1><p>Nothing here.</p>",
    "empty page without scripts": "",
    "policy without scripts": POLICY,
}


@pytest.mark.parametrize("body", SHELLS.values(), ids=SHELLS.keys())
def test_an_app_shell_is_recognised(body):
    assert looks_like_shell(f"<html><head><title>Privacy</title></head><body>{body}</body></html>")


@pytest.mark.parametrize("body", PLAIN.values(), ids=PLAIN.keys())
def test_a_page_with_its_text_or_without_scripts_is_not_a_shell(body):
    assert not looks_like_shell(f"<html><body>{body}</body></html>")


def test_no_page_of_the_demo_sites_is_a_shell():
    fixtures = Fixtures()
    bodies = [c.body for site in fixtures.sites.values() for c in site.captures if c.status == 200]
    assert bodies
    assert not any(looks_like_shell(body.decode("utf-8", "replace")) for body in bodies)


@pytest.mark.parametrize(
    ("text", "loading"),
    [("Loading...", True), ("", True), ("Loading... 42%", True), (POLICY, False)],
)
def test_rendered_text_still_loading(text, loading):
    assert reads_as_loading(text) is loading


WAYBACK = "https://web.archive.org"
ORIGINAL = "https://www.clinic.example/privacy"


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        (
            "https://www.clinic.example/api/policy.json",
            f"{WAYBACK}/web/2023id_/https://www.clinic.example/api/policy.json",
        ),
        (
            f"{WAYBACK}/static/app.js",
            f"{WAYBACK}/web/2023id_/https://www.clinic.example/static/app.js",
        ),
        (
            f"{WAYBACK}/web/2023id_/https://www.clinic.example/privacy",
            f"{WAYBACK}/web/2023id_/https://www.clinic.example/privacy",
        ),
    ],
)
def test_an_archived_page_asks_the_archive_for_its_resources(asked, served):
    assert archived_url(asked, WAYBACK, "2023", ORIGINAL) == served
