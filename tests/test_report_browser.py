"""`monitor report` in a real headless Chromium (Debian's package, driven by Playwright).

`make test` installs chromium with apt-get when it is missing; these tests skip, saying why, only
when there is no chromium at all. Screenshots land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from crawler.chromium import CHROMIUM_FLAGS
from monitor.cli import cli

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
VISIBLE_CHANGES = """() => [...document.querySelectorAll('.change')]
    .filter(element => element.getClientRects().length > 0)
    .map(element => element.dataset.materiality)"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A fresh Chromium profile for this module; pages come from ``browser.new_page()``."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed: `make test` installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        yield context
        context.close()


def write_report(space, slug: str, target: Path, wayback_url: str, *args: str) -> Path:
    result = CliRunner().invoke(
        cli,
        ["report", slug, "-o", str(target), "--db", str(space.db), "--sites", str(space.sites)]
        + ["--wayback-url", wayback_url, *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return target


def read_json(space, *args: str) -> dict:
    result = CliRunner().invoke(
        cli, [*args, "--format", "json", "--db", str(space.db), "--sites", str(space.sites)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def perfectdrs_report(crawled, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    return write_report(crawled, "perfectdrs", target, crawled.replay.url)


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.errors = errors
    yield page
    page.close()


def test_report_renders_in_chromium_and_a_screenshot_is_saved(page, perfectdrs_report):
    page.goto(perfectdrs_report.as_uri())
    assert page.title() == "Privacy policy changes: Perfect Doctors Clinic"
    assert page.locator("h1").inner_text() == "Privacy policy changes: Perfect Doctors Clinic"
    assert page.locator("#timeline svg").bounding_box()["height"] > 100
    assert page.locator("del", has_text="3").count() and page.locator("ins", has_text="10").count()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-perfectdrs.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_timeline_has_one_mark_per_version(page, crawled, perfectdrs_report):
    versions = read_json(crawled, "history", "perfectdrs")["versions"]
    page.goto(perfectdrs_report.as_uri())
    marks = page.locator("#timeline circle.version-mark")
    assert marks.count() == len(versions)
    stamps = [marks.nth(i).get_attribute("data-captured-at") for i in range(marks.count())]
    assert stamps == [v["captured_at"] for v in versions]
    xs = [float(marks.nth(i).get_attribute("cx")) for i in range(marks.count())]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_timeline_bars_measure_how_much_and_how_material(page, crawled, perfectdrs_report):
    pairs = read_json(crawled, "diff", "perfectdrs")["pairs"]
    page.goto(perfectdrs_report.as_uri())
    bars = page.locator("#timeline rect.bar.material")
    drawn = sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count()))
    assert drawn == sum(c["materiality"] == "material" for p in pairs for c in p["changes"])


def test_materiality_filter_shows_only_what_is_asked_for(page, crawled, perfectdrs_report):
    changes = [c for p in read_json(crawled, "diff", "perfectdrs")["pairs"] for c in p["changes"]]
    page.goto(perfectdrs_report.as_uri())
    assert len(page.evaluate(VISIBLE_CHANGES)) == len(changes)
    page.click("label[for=show-material]")
    shown = page.evaluate(VISIBLE_CHANGES)
    assert shown == ["material"] * sum(c["materiality"] == "material" for c in changes)
    page.click("label[for=show-minor]")
    assert sorted(set(page.evaluate(VISIBLE_CHANGES))) == ["material", "minor"]
    assert len(page.evaluate(VISIBLE_CHANGES)) == sum(
        c["materiality"] != "cosmetic" for c in changes
    )
    page.click("label[for=show-all]")
    assert len(page.evaluate(VISIBLE_CHANGES)) == len(changes)


def test_changes_link_to_the_archived_captures(page, crawled, perfectdrs_report):
    page.goto(perfectdrs_report.as_uri())
    links = page.locator("#pair-2 .sides a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        f"{crawled.replay.url}/web/20190407110022/https://www.perfectdrs.com/privacy-policy",
        f"{crawled.replay.url}/web/20210115154233/https://www.perfectdrs.com/privacy-policy",
    ]


def test_report_loads_nothing_over_the_network(page, perfectdrs_report):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(perfectdrs_report.as_uri())
    page.wait_for_load_state("networkidle")
    assert requested == [perfectdrs_report.as_uri()]


def test_hostile_capture_cannot_run_anything_in_the_report(page, hostile, tmp_path):
    report = write_report(hostile, hostile.slug, tmp_path / "evil.html", "http://127.0.0.1:9")
    page.goto(report.as_uri())
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() == "Privacy policy changes: Evil <b>Corp</b>"
    assert page.locator("script").count() == 0
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(element =>
            [...element.attributes].map(a => a.name).filter(name => name.startsWith('on')))"""
    )
    assert handlers == []
    hrefs = page.evaluate(
        "() => [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))"
    )
    assert hrefs and all(h.startswith(("http://", "https://", "#pair-")) for h in hrefs)
    assert not [h for h in hrefs if "javascript" in h.lower()]
    text = page.locator("main").inner_text()
    assert "<script>window.pwned=1;document.title='pwned'</script>" in text
    assert '<img src=x onerror="window.pwned=2">' in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-hostile.png"), full_page=True)
    assert page.errors == []


# What a reader needs first, at a phone's width and a desktop's ---------------------------

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1400, "height": 900}


def shoot(page, name: str) -> Path:
    """A screenshot kept for people to look at; its path is printed in the test output."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    return shot


def test_report_opens_with_the_material_changes_newest_first(page, crawled, perfectdrs_report):
    pairs = read_json(crawled, "diff", "perfectdrs")["pairs"]
    material = [
        (p["to"]["captured_at"][:10], c) for p in pairs for c in p["changes"]
        if c["materiality"] == "material"
    ]  # fmt: skip
    page.goto(perfectdrs_report.as_uri())
    items = page.locator("#material-summary .summary-item")
    assert items.count() == len(material) > 0
    dates = page.locator("#material-summary time").all_inner_texts()
    assert dates == sorted((day for day, _ in material), reverse=True)
    first_box = page.locator("#material-summary").bounding_box()
    assert first_box["y"] < page.locator("#timeline").bounding_box()["y"]
    for i in range(items.count()):
        hrefs = [a.get_attribute("href") for a in items.nth(i).locator(".evidence a").all()]
        assert hrefs[0].startswith(("http://", "https://")) and hrefs[1].startswith("#pair-")


def test_updates_are_listed_newest_first(page, crawled, perfectdrs_report):
    pairs = read_json(crawled, "diff", "perfectdrs")["pairs"]
    page.goto(perfectdrs_report.as_uri())
    ids = [s.get_attribute("id") for s in page.locator("main .pair").all()]
    assert ids == [f"pair-{n}" for n in range(len(pairs), 0, -1)]


def test_material_only_hides_empty_sections_and_counts_what_it_shows(page, perfectdrs_report):
    page.goto(perfectdrs_report.as_uri())
    page.click("label[for=show-material]")
    for heading in page.locator("main h3.section").all():
        if heading.is_visible():
            shown = heading.locator("xpath=..").locator(".change").all()
            assert any(change.is_visible() for change in shown)
    for pair in page.locator("main .pair").all():
        if not pair.is_visible():
            continue
        visible = [c for c in pair.locator(".change").all() if c.is_visible()]
        header = pair.locator("h2 small").inner_text()
        assert header.startswith(f"{len(visible)} change"), header
        assert "minor" not in header and "cosmetic" not in header


def test_timeline_has_a_count_scale_and_marks_material_updates(page, crawled, perfectdrs_report):
    pairs = read_json(crawled, "diff", "perfectdrs")["pairs"]
    page.goto(perfectdrs_report.as_uri())
    scale = page.locator("#timeline .scale-label").all_text_contents()
    assert scale[0] == "changes" and "0" in scale
    marked = [int(t) for t in page.locator("#timeline .material-count").all_text_contents()]
    expected = [n for n in (sum(c["materiality"] == "material" for c in p["changes"])
                            for p in pairs) if n]  # fmt: skip
    assert marked == expected


def test_report_reads_on_a_phone(page, perfectdrs_report):
    page.set_viewport_size(PHONE)
    page.goto(perfectdrs_report.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    change = page.locator("main .change", has=page.locator("td.before")).first
    before = change.locator("td.before").bounding_box()
    after = change.locator("td.after").bounding_box()
    assert after["y"] >= before["y"] + before["height"] - 1  # stacked, each the full width
    assert before["width"] > PHONE["width"] * 0.8
    years = [label for label in page.locator("#timeline .tick-label").all() if label.is_visible()]
    assert years and all(label.bounding_box()["height"] >= 9 for label in years)
    assert shoot(page, "report-perfectdrs-390.png").stat().st_size > 10_000
    assert page.errors == []


def test_report_reads_on_a_wide_screen(page, perfectdrs_report):
    page.set_viewport_size(DESKTOP)
    page.goto(perfectdrs_report.as_uri())
    change = page.locator("main .change", has=page.locator("td.before")).first
    before = change.locator("td.before").bounding_box()
    after = change.locator("td.after").bounding_box()
    assert abs(after["y"] - before["y"]) < 1 and after["x"] > before["x"]  # side by side
    assert shoot(page, "report-perfectdrs-1400.png").stat().st_size > 10_000
    assert page.errors == []


def test_report_header_links_to_the_configured_policy_url(page, crawled, tmp_path):
    configured = "https://www.perfectdrs.com/privacy-policy"
    listed = yaml.safe_load(crawled.sites.read_text(encoding="utf-8"))
    for site in listed["sites"]:
        if site["slug"] == "perfectdrs":
            site["url"] = configured  # the crawl ran against the replay; the file says where
    moved = tmp_path / "sites.yaml"
    moved.write_text(yaml.safe_dump(listed), encoding="utf-8")
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["report", "perfectdrs", "-o", str(target), "--db", str(crawled.db), "--sites", str(moved)],
    )
    assert result.exit_code == 0, result.output
    page.goto(target.as_uri())
    assert page.locator("header .meta a").first.get_attribute("href") == configured
