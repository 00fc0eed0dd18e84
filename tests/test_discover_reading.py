"""The "reads like a privacy policy" scorer and the link ranking, on literal and real pages.

Policies: the five seed texts and one Open Terms Archive version per service of the real corpus
(tests/data/discover/README.md). Non-policies: real terms of service and a cookie notice from
Open Terms Archive, and the replay's clinic terms, cookie notices and blog post.
"""

from pathlib import Path

import pytest

from monitor.discover import links
from monitor.discover.reads_like import read_page

DATA = Path(__file__).parent / "data" / "discover"
PAGES = Path(__file__).resolve().parents[1] / "monitor" / "demo" / "pages"
POLICIES = sorted((DATA / "seeds").iterdir()) + sorted((DATA / "policies").iterdir())
NOT_POLICIES = sorted((DATA / "not_policies").iterdir()) + [
    PAGES / "perfectdrs" / "terms.html",
    PAGES / "perfectdrs" / "cookies.html",
    PAGES / "perfectdrs" / "blog" / "privacy-after-surgery.html",
    PAGES / "sunrise-dental" / "cookie-notice.html",
    PAGES / "citycare" / "about.html",
]


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.name)
def test_privacy_policies_read_like_privacy_policies(path):
    reading = read_page(path.read_bytes(), url=str(path))
    assert reading.is_policy, reading.reasons
    assert "personal data" in reading.topics


@pytest.mark.parametrize("path", NOT_POLICIES, ids=lambda p: p.name)
def test_terms_cookie_notices_and_blog_posts_do_not(path):
    reading = read_page(path.read_bytes(), url=str(path))
    assert not reading.is_policy, reading.reasons


def test_every_point_of_a_verdict_has_a_reason():
    reading = read_page((DATA / "not_policies" / "twitch-cookie-notice.md").read_bytes())
    assert any("mostly about cookies" in reason for reason in reading.reasons)
    assert reading.as_dict()["missing"]


LINK_CASES = [
    # (href, text, title, where, is a candidate)
    ("/privacy-policy", "Privacy Policy", "", "footer", True),
    ("/legal/p/17", "Privacy", "", "page", True),  # text alone
    ("/legal/p/17", "", "Our privacy notice", "page", True),  # title alone
    ("/privacypolicy", "", "", "sitemap", True),  # URL alone
    ("/impressum", "Datenschutzerklärung", "", "footer", True),
    ("/fr/legal", "Politique de confidentialité", "", "footer", True),
    ("/es/legal", "Política de privacidad", "", "footer", True),
    ("/hi/niti", "गोपनीयता नीति", "", "menu", True),
    ("/data-protection", "Data Protection", "", "footer", True),
    ("/cookies", "Cookie settings", "", "footer", False),
    ("/privacy-choices", "Your privacy choices", "", "footer", False),
    (
        "/blog/privacy-tips",
        "Five ways to keep your health records private at home",
        "",
        "page",
        False,
    ),
    ("/terms", "Terms of use", "", "footer", False),
    ("/about", "About us", "", "menu", False),
]


@pytest.mark.parametrize(
    "href,text,title,where,expected", LINK_CASES, ids=[c[1] or c[0] for c in LINK_CASES]
)
def test_policy_links_are_told_from_look_alikes(href, text, title, where, expected):
    candidate = links.score_link("https://clinic.example" + href, text, title, where)
    assert (candidate.score >= links.MIN_SCORE) == expected, candidate.reasons


def test_a_named_footer_link_outranks_a_bare_menu_link():
    page = b"""<html><body><nav class="menu"><a href="/p1">Privacy</a></nav>
    <main><a href="/blog/privacy">Why privacy matters to your dentist and your family</a></main>
    <footer><a href="/privacy-policy">Privacy Policy</a><a href="mailto:x@y.z">privacy</a></footer>
    </body></html>"""
    ranked = links.candidates(page, "https://clinic.example/")
    assert [c.url for c in ranked] == [
        "https://clinic.example/privacy-policy",
        "https://clinic.example/p1",
    ]
    assert ranked[0].where == "footer" and ranked[1].where == "menu"


def test_sitemap_urls_are_ranked_by_their_path():
    sitemap = (PAGES / "1mg" / "sitemap.xml").read_bytes().replace(b"$site", b"https://x.in")
    ranked = links.sitemap_candidates(sitemap, "https://x.in/sitemap.xml")
    assert [c.url for c in ranked] == ["https://x.in/privacypolicy"]
