"""The sites file and settings: validation errors name the line, flags beat the environment."""

from pathlib import Path

import pytest

from monitor.config import load_sites, parse_sites, resolve_settings, select_sites
from monitor.errors import ConfigError, UnknownSite

REPO = Path(__file__).resolve().parents[1]


def test_default_sites_file_lists_the_five_seed_sites():
    sites = load_sites(REPO / "schedules" / "sites.yaml")
    assert [s.slug for s in sites] == [
        "perfectdrs",
        "drbatras",
        "qtraq",
        "backofficeservices",
        "1mg",
    ]


def test_drbatras_keeps_its_2014_domain_as_an_archive_url():
    drbatras = select_sites(load_sites(REPO / "schedules" / "sites.yaml"), ["drbatras"])[0]
    assert drbatras.url.startswith("https://www.drbatras.com/")
    assert drbatras.archive_urls == ("http://www.bperfect.co.in/privacy-policy.aspx",)
    assert drbatras.all_urls[0] == drbatras.url


def test_optional_keys_are_read():
    text = """
sites:
  - slug: demo
    name: Demo
    url: https://example.org/privacy
    select: main .policy
    remove: [".cookie", "#share"]
    notify: [legal, press]
"""
    site = parse_sites(text)[0]
    assert site.select == ("main .policy",)
    assert site.remove == (".cookie", "#share")
    assert site.notify == ("legal", "press")


def test_notify_defaults_to_the_all_tag():
    site = parse_sites("sites:\n  - {slug: a, name: A, url: 'https://a.example/p'}\n")[0]
    assert site.notify == ("all",)


def test_unknown_key_is_rejected_with_its_line_number():
    text = "sites:\n  - slug: a\n    name: A\n    url: https://a.example/p\n    selectt: main\n"
    with pytest.raises(ConfigError, match=r"<sites>:5: unknown key 'selectt'"):
        parse_sites(text)


def test_missing_url_is_rejected():
    with pytest.raises(ConfigError, match="non-empty 'url'"):
        parse_sites("sites:\n  - {slug: a, name: A}\n")


def test_non_http_url_is_rejected():
    with pytest.raises(ConfigError, match="http"):
        parse_sites("sites:\n  - {slug: a, name: A, url: 'ftp://a.example/p'}\n")


def test_duplicate_slug_is_rejected():
    text = (
        "sites:\n  - {slug: a, name: A, url: 'https://a.example/p'}\n"
        "  - {slug: a, name: B, url: 'https://b.example/p'}\n"
    )
    with pytest.raises(ConfigError, match="listed twice"):
        parse_sites(text)


def test_broken_yaml_names_the_line():
    with pytest.raises(ConfigError, match=r"<sites>:3: not valid YAML"):
        parse_sites("sites:\n  - slug: a\n   name: [\n")


def test_missing_sites_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="sites file not found"):
        load_sites(tmp_path / "nope.yaml")


def test_unknown_slug_names_the_known_ones():
    sites = parse_sites("sites:\n  - {slug: a, name: A, url: 'https://a.example/p'}\n")
    with pytest.raises(UnknownSite, match=r"unknown site 'b' \(known: a\)"):
        select_sites(sites, ["b"])


def test_flag_beats_environment_beats_default():
    env = {"MONITOR_DB": "env.db", "MONITOR_WAYBACK_URL": "http://127.0.0.1:9/"}
    assert resolve_settings(db="flag.db", environ=env).db == Path("flag.db")
    assert resolve_settings(environ=env).db == Path("env.db")
    assert resolve_settings(environ=env).wayback_url == "http://127.0.0.1:9"
    assert resolve_settings(environ={}).wayback_url == "https://web.archive.org"


def test_bad_wayback_url_is_a_config_error():
    with pytest.raises(ConfigError, match="wayback URL"):
        resolve_settings(wayback_url="web.archive.org", environ={})


def test_homepage_is_an_optional_url_and_a_typo_of_it_names_its_line():
    text = "sites:\n  - slug: a\n    name: A\n    url: https://a.in/privacy\n"
    (site,) = parse_sites(text + "    homepage: https://a.in/\n")
    assert site.homepage == "https://a.in/"
    with pytest.raises(ConfigError, match=r"<sites>:5: unknown key 'homepag'"):
        parse_sites(text + "    homepag: https://a.in/\n")


def test_notify_thresholds_apply_per_tag_and_default_to_material():
    text = """
notify_thresholds:
  press: minor
sites:
  - {slug: a, name: A, url: 'https://a.example/p', notify: [legal, press]}
"""
    site = parse_sites(text)[0]
    assert (site.threshold("press"), site.threshold("legal")) == ("minor", "material")


def test_a_bad_threshold_is_an_error_with_its_line():
    text = "notify_thresholds:\n  press: cosmetic\nsites: []\n"
    with pytest.raises(ConfigError, match=r"<sites>:2: threshold for tag 'press' must be"):
        parse_sites(text)


def test_an_unknown_top_level_key_is_an_error_with_its_line():
    text = "sites: []\nnotify_threshold:\n  press: minor\n"
    with pytest.raises(ConfigError, match=r"<sites>:2: unknown top-level key 'notify_threshold'"):
        parse_sites(text)


def test_browser_keys_are_read():
    [site] = parse_sites(
        "sites:\n  - {slug: a, name: A, url: 'https://a.example/p', browser: true,"
        " browser_wait: 'main .policy'}\n"
    )
    assert (site.browser, site.browser_wait) == (True, "main .policy")


def test_browser_is_decided_per_page_when_not_set():
    [site] = parse_sites("sites:\n  - {slug: a, name: A, url: 'https://a.example/p'}\n")
    assert (site.browser, site.browser_wait) == (None, None)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("browser: 'yes please'", "'browser' must be true or false"),
        ("browser_wait: 'main >> ['", "'browser_wait' is not a valid CSS selector"),
        ("browser_wait: ''", "'browser_wait' must be a CSS selector"),
        ("{browser: false, browser_wait: main}", "'browser' is false"),
    ],
)
def test_bad_browser_keys_are_rejected_with_their_line(keys, message):
    extra = keys.strip("{}")
    text = f"sites:\n  - {{slug: a, name: A, url: 'https://a.example/p', {extra}}}\n"
    with pytest.raises(ConfigError, match=message) as error:
        parse_sites(text, source="sites.yaml")
    assert "sites.yaml:2" in str(error.value)
