"""`monitor add` and `backfill --discover` against the replay's homepages and Wayback stand-in.

Each test runs the real command in a subprocess (as users do) over loopback, then reads back
the sites file it wrote, or checks that it wrote nothing.
"""

import json
import shutil
from pathlib import Path

import pytest

from monitor.config import load_sites, parse_sites
from monitor.discover.archive import Scope, discover
from monitor.discover.fetch import Fetcher, Politeness
from monitor.errors import CrawlFailed
from tests.pace import pace_breaches

REPO = Path(__file__).resolve().parents[1]

SEED_HOMEPAGES = [
    # (site, where the policy link is, its text, path of the chosen policy URL, other host)
    ("perfectdrs", "footer", "Privacy policy", "/live/perfectdrs/privacy-policy", False),
    ("drbatras", "menu", "गोपनीयता नीति", "/live/drbatras/privacy-policy", False),
    ("qtraq", "footer", "Privacy", "/live/qtraq/privacy-policy", True),
    (
        "backofficeservices",
        "footer",
        "Data Protection",
        "/live/backofficeservices/data-protection",
        False,
    ),
    ("1mg", "sitemap", "", "/live/1mg/privacypolicy", False),
]


def add(workspace, *args):
    new_sites = workspace.root / "new-sites.yaml"
    done = workspace.run("add", *args, "--sites", str(new_sites), "--format", "json")
    report = json.loads(done.stdout) if done.stdout.strip() else None
    return done, report, new_sites


@pytest.mark.parametrize("site,where,text,path,other_host", SEED_HOMEPAGES, ids=lambda v: str(v))
def test_finds_each_seed_clinics_policy_from_its_homepage(
    workspace, site, where, text, path, other_host
):
    done, report, sites_file = add(workspace, workspace.replay.homepage_url(site))
    assert done.returncode == 0, done.stderr
    (added,) = load_sites(sites_file)
    assert added.slug == site
    assert added.url.endswith(path)
    assert added.url.startswith("http://localhost:") == other_host
    assert added.homepage == workspace.replay.homepage_url(site)
    assert report["chosen"]["link"]["where"] == where
    assert report["chosen"]["link"]["text"] == text
    assert report["chosen"]["reading"]["is_policy"]


def test_the_archive_shows_the_2014_domain_before_the_current_one(workspace):
    done, report, sites_file = add(workspace, workspace.replay.homepage_url("drbatras"))
    assert done.returncode == 0, done.stderr
    years = {home["url"]: home["years"] for home in report["archive"]}
    assert years["http://www.bperfect.co.in/privacy-policy.aspx"] == [2014]
    assert years["https://www.drbatras.com/privacy-policy"] == [2016, 2019, 2022, 2025]
    (added,) = load_sites(sites_file)
    assert set(added.archive_urls) == set(years)
    text = sites_file.read_text(encoding="utf-8")
    assert "# Archived at http://www.bperfect.co.in/privacy-policy.aspx in 2014." in text


def test_the_archive_search_stays_under_the_site_and_within_the_cdx_pace(workspace):
    add(workspace, workspace.replay.homepage_url("perfectdrs"))
    cdx = [r for r in workspace.replay.requests if r.path.startswith("/cdx/")]
    assert len(cdx) == 1
    assert "matchType=prefix" in cdx[0].path and "%2Flive%2Fperfectdrs%2F" in cdx[0].path
    assert "policy-monitor" in cdx[0].headers["User-Agent"]


def test_dry_run_reports_and_writes_nothing(workspace):
    done, report, sites_file = add(
        workspace, workspace.replay.homepage_url("drbatras"), "--dry-run"
    )
    assert done.returncode == 0, done.stderr
    assert report["dry_run"] and not report["written"]
    assert report["url"].endswith("/live/drbatras/privacy-policy")
    assert not sites_file.exists()


def test_text_report_says_what_was_chosen_and_why(workspace):
    new_sites = workspace.root / "new.yaml"
    done = workspace.run("add", workspace.replay.homepage_url("qtraq"), "--sites", str(new_sites))
    assert done.returncode == 0, done.stderr
    assert "Chosen: http://localhost:" in done.stdout
    assert "link text 'Privacy' mentions privacy (+4)" in done.stdout
    assert "privacy-choices" not in done.stdout  # "Your privacy choices": a settings link
    assert "https://www.qtraq.com/privacy-policy  live 2017-2024" in done.stdout


def test_a_cookie_notice_is_read_and_refused(workspace):
    done, report, sites_file = add(workspace, workspace.replay.homepage_url("sunrise-dental"))
    assert done.returncode == 4
    assert "reads like a privacy policy" in done.stderr and "Traceback" not in done.stderr
    (tried,) = report["tried"]
    assert tried["link"]["text"] == "Privacy & cookies"
    assert not tried["reading"]["is_policy"]
    assert not report["found"] and not sites_file.exists()


def test_a_site_without_any_policy_link_adds_nothing(workspace):
    done, report, sites_file = add(workspace, workspace.replay.homepage_url("citycare"))
    assert done.returncode == 4
    looked_at = [(s["kind"], s["status"]) for s in report["sources"]]
    assert looked_at == [
        ("homepage", 200),
        ("sitemap", 404),
        ("sitemap", 404),
        ("second page", 200),
    ]
    assert report["tried"] == [] and not sites_file.exists()


def test_editing_keeps_comments_and_order(workspace):
    sites_file = workspace.root / "sites.yaml"
    shutil.copy(REPO / "schedules" / "sites.yaml", sites_file)
    before = sites_file.read_text(encoding="utf-8")
    done = workspace.run(
        "add", workspace.replay.homepage_url("perfectdrs"), "--slug", "perfect-local"
    )
    assert done.returncode == 0, done.stderr
    after = sites_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # every line, comment and blank line kept
    assert [s.slug for s in parse_sites(after)][-1] == "perfect-local"


def test_a_slug_already_listed_is_refused_before_any_fetch(workspace):
    done = workspace.run("add", workspace.replay.homepage_url("perfectdrs"))
    assert done.returncode == 2
    assert "already listed" in done.stderr
    assert not any("/live/perfectdrs/" in r.path for r in workspace.replay.requests)


def test_an_unreachable_homepage_is_one_line_and_exit_3(workspace):
    done = workspace.run("add", workspace.replay.url + "/live/nowhere/", "--slug", "nowhere")
    assert done.returncode == 3
    assert done.stderr.strip().count("\n") == 0 and "HTTP 404" in done.stderr


def test_backfill_discover_adds_the_earlier_home_and_backfills_it(workspace):
    url = workspace.replay.live_url("drbatras")
    workspace.sites.write_text(
        "# one site, found by hand\nsites:\n  - slug: drbatras\n    name: Dr Batra's\n"
        f"    url: {url}\n    homepage: {workspace.replay.homepage_url('drbatras')}\n",
        encoding="utf-8",
    )
    done = workspace.run("backfill", "drbatras", "--discover", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    added = result["discovered"]["drbatras"]["added"]
    assert "http://www.bperfect.co.in/privacy-policy.aspx" in added
    (site,) = load_sites(workspace.sites)
    assert set(site.archive_urls) == set(added)
    assert workspace.sites.read_text(encoding="utf-8").startswith("# one site, found by hand")
    assert result["sites"][0]["captures_stored"] > 0


def _politeness(**overrides) -> Politeness:
    values = dict(
        user_agent="policy-monitor-test",
        timeout=5.0,
        max_bytes=1_000_000,
        host_delay=0.0,
        cdx_delay=0.0,
        capture_delay=0.0,
        retries=0,
        pause_429=0.05,
        max_429=2,
    )
    return Politeness(**{**values, **overrides})


def test_cdx_queries_keep_the_configured_pace(replay):
    """One CDX query per scope, 400 ms apart at the replay (read from its log, see tests/pace)."""
    fetcher = Fetcher(_politeness(cdx_delay=0.4))
    slugs = [site for site, *_ in SEED_HOMEPAGES]
    scopes = [Scope(replay.homepage_url(slug), "prefix") for slug in slugs]
    discover(fetcher, replay.url, scopes)
    times = [r.time for r in replay.requests if r.path.startswith("/cdx/")]
    assert len(times) == len(slugs)
    assert not pace_breaches(times, 0.4), pace_breaches(times, 0.4)


def test_a_429_pauses_then_retries_and_too_many_stop_the_search(replay):
    replay.fault("/cdx/", "429", times=1)
    homes, _ = discover(
        Fetcher(_politeness()), replay.url, [Scope(replay.homepage_url("qtraq"), "prefix")]
    )
    assert [h.url for h in homes] == ["https://www.qtraq.com/privacy-policy"]
    replay.fault("/cdx/", "429", times=None)
    with pytest.raises(CrawlFailed, match="429"):
        discover(
            Fetcher(_politeness()), replay.url, [Scope(replay.homepage_url("qtraq"), "prefix")]
        )
