"""The alert text: table-driven checks on literal change sets (pure functions, no I/O)."""

from __future__ import annotations

import re

import pytest
from apprise.common import NotifyFormat
from apprise.conversion import convert_between
from apprise.plugins.slack import NotifySlack

from monitor.delivery.message import escape, marked, render_alert
from monitor.store import AlertCapture, AlertEvidence

WAYBACK = "https://web.archive.org"
OLDER = AlertCapture("2025-01-20T03:12:59Z", "wayback", "https://www.perfectdrs.com/privacy-policy")
NEWER = AlertCapture("2026-11-20T08:00:00Z", "live", "https://www.perfectdrs.com/privacy-policy")


def change(materiality="material", op="modified", **extra):
    base = {
        "op": op,
        "before": "We never sell data.",
        "after": "We may sell data.",
        "section": "Sharing",
        "materiality": materiality,
        "categories": ["third-party-sharing"],
        "reasons": ["negation removed: 'never'"],
        "highlights": [[0, "We "], [-1, "never"], [1, "may"], [0, " sell data."]],
        "technical": False,
    }
    return {**base, **extra}


def evidence(*changes):
    return AlertEvidence(
        "perfectdrs", "Perfect Doctors Clinic", NEWER.url, OLDER, NEWER, list(changes)
    )


def test_title_counts_material_changes_and_dates_the_new_capture():
    title, _ = render_alert(
        evidence(change(), change(), change("minor")), "material", wayback_url=WAYBACK
    )
    assert title == "Perfect Doctors Clinic privacy policy: 2 material changes (2026-11-20)"


def test_a_minor_threshold_counts_minor_changes_too():
    title, _ = render_alert(evidence(change(), change("minor")), "minor", wayback_url=WAYBACK)
    assert title == (
        "Perfect Doctors Clinic privacy policy: 1 material change, 1 minor change (2026-11-20)"
    )


def test_technical_and_below_threshold_changes_are_left_out():
    _, body = render_alert(
        evidence(
            change(), change(technical=True, section="Tech"), change("cosmetic", section="Typo")
        ),
        "minor",
        wayback_url=WAYBACK,
    )
    assert "Tech" not in body and "Typo" not in body


def test_links_go_to_the_wayback_copy_and_to_the_live_page():
    _, body = render_alert(evidence(change()), "material", wayback_url=WAYBACK)
    assert f"({WAYBACK}/web/20250120031259/https://www.perfectdrs.com/privacy-policy)" in body
    assert "(https://www.perfectdrs.com/privacy-policy)" in body
    assert "`monitor report perfectdrs --since 2026-11-20 -o perfectdrs.html`" in body


def test_the_report_link_uses_the_configured_report_url():
    _, body = render_alert(
        evidence(change()), "material", wayback_url=WAYBACK, report_url="https://r.example/policies"
    )
    assert "(https://r.example/policies/perfectdrs.html)" in body


def test_each_change_shows_section_category_reason_and_marked_words():
    _, body = render_alert(evidence(change()), "material", wayback_url=WAYBACK)
    assert "### 1. Material: Sharing" in body
    assert "third-party-sharing" in body and "negation removed" in body
    assert "We ~~never~~ sell data." in body and "We **may** sell data." in body


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click here](https://evil.example)",
        "![pixel](https://evil.example/p.png)",
        "<!here> <!channel> <@U123>",
        "<https://evil.example|click>",
    ],
)
def test_policy_text_cannot_inject_markup(hostile):
    body = "> " + escape(hostile)
    html = convert_between(NotifyFormat.MARKDOWN, NotifyFormat.HTML, body)
    slack = NotifySlack._commonmark_to_slack(body)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert not re.search(r"<[!@h]", slack)  # no Slack mention or link opens


@pytest.mark.parametrize("mention", ["@channel", "@here", "@everyone", "@alice"])
def test_mentions_are_broken_but_email_addresses_are_kept(mention):
    assert mention not in escape(f"hey {mention} now")
    assert escape("write to dpo@perfectdrs.com") == "write to dpo@perfectdrs.com"


def test_a_long_clause_is_summarized_by_whole_sentences():
    filler = "This sentence did not change at all. "
    highlights = [
        [0, filler * 30 + "We keep data for "],
        [-1, "3"],
        [1, "10"],
        [0, " years. " + filler * 30],
    ]
    after = marked(highlights, 1)
    assert after == "… We keep data for **10** years. …"


def test_a_long_change_set_lists_the_rest_instead_of_cutting():
    long_clause = "Sentence number one is unchanged here. " * 12
    changes = [
        change(section=f"Section {n}", highlights=[[0, long_clause], [1, f"new {n}."]])
        for n in range(40)
    ]
    _, body = render_alert(evidence(*changes), "material", wayback_url=WAYBACK)
    assert len(body) < 9000
    named = set(re.findall(r"Section (\d+)", body))
    rest = re.search(r"- and (\d+) more", body)
    assert len(named) + (int(rest.group(1)) if rest else 0) == 40  # every change accounted for
    assert "### 1. Material: Section 0" in body
