"""split(): sentences, items, headings and the section path each clause sits under."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diffs.clauses import Clause, split
from diffs.normalize import Block, Document, normalize
from diffs.sentences import sentences

DATA = Path(__file__).parent / "data" / "diffs"
CASES = yaml.safe_load((DATA / "sentence_cases.yaml").read_text(encoding="utf-8"))


def seed(name: str) -> list[Clause]:
    return split(normalize((DATA / "seeds" / name).read_bytes(), url=name))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_sentence_case(case):
    assert sentences(case["text"]) == case["sentences"]


def test_positions_are_consecutive_and_kinds_follow_blocks():
    document = Document(
        (
            Block("heading", "Data", 1),
            Block("paragraph", "One. Two."),
            Block("item", "Three. Four."),
        )
    )
    clauses = split(document)
    assert [(c.position, c.kind, c.text) for c in clauses] == [
        (0, "heading", "Data"),
        (1, "sentence", "One."),
        (2, "sentence", "Two."),
        (3, "item", "Three. Four."),
    ]


def test_section_is_none_before_first_heading():
    clauses = split(Document((Block("paragraph", "Intro."), Block("heading", "A", 1))))
    assert clauses[0].section is None
    assert clauses[1].section == "A"


def test_section_paths_from_markdown():
    markdown = """# Privacy Policy

Intro text.

## Information We Collect

### Cookies

We use cookies.

## Sharing

We share data.
"""
    clauses = split(normalize(markdown, content_type="text/markdown"))
    sections = {c.text: c.section for c in clauses}
    assert sections["Intro text."] == "Privacy Policy"
    assert sections["Cookies"] == "Privacy Policy > Information We Collect > Cookies"
    assert sections["We use cookies."] == "Privacy Policy > Information We Collect > Cookies"
    assert sections["We share data."] == "Privacy Policy > Sharing"


def test_section_paths_from_html_sample():
    clauses = split(normalize((DATA / "html" / "theme-b.html").read_bytes()))
    sections = {c.text: c.section for c in clauses}
    assert sections["Medical history you share with your doctor."] == (
        "Privacy Policy > Information We Collect"
    )
    assert sections["We keep your records for 3 years after your last visit."] == (
        "Privacy Policy > Data Retention"
    )


def test_perfectdrs_seed_headings_and_items():
    clauses = seed("perfectdrs.txt")
    headings = [c.text for c in clauses if c.kind == "heading"]
    assert headings[:5] == [
        "Privacy Policy",
        "Our promises",
        "Privacy Policy Introduction",
        "Your Personal And Sensitive Personal Data",
        "The Legal Bases We Rely On",
    ]
    item = next(c for c in clauses if c.text == "Insurance information.")
    assert item.kind == "item"
    assert item.section == "Information We Collect About You and How We Collect It"
    sentence = next(c for c in clauses if c.text.startswith("Your privacy is important"))
    assert sentence.text == "Your privacy is important to us."
    assert any(
        c.text.startswith("It is Dr. Perfect and Perfect Doctors Clinic policy") for c in clauses
    )


def test_qtraq_seed_drops_back_to_top_and_reads_bullets():
    clauses = seed("qtraq.txt")
    assert not any("Back to Top" in c.text for c in clauses)
    headings = [c.text for c in clauses if c.kind == "heading"]
    assert "TYPE OF INFORMATION (WE COLLECT)" in headings
    assert "HOW DO WE SHARE YOUR PERSONAL INFORMATION?" in headings
    bullet = next(c for c in clauses if c.text.startswith("Transactional history"))
    assert bullet.kind == "item"
    assert bullet.section == "TYPE OF INFORMATION (WE COLLECT) > Website Use Related:"
    numbered = next(c for c in clauses if "w.r.t" in c.text)
    assert numbered.text == "4. to Send queue updates w.r.t your appointment."


def test_backofficeservices_numbered_headings():
    clauses = seed("backofficeservices.txt")
    headings = [c.text for c in clauses if c.kind == "heading"]
    assert "1. Our Commitment to Data Security" in headings
    assert "2. Notification of Changes" in headings
    registration = next(c for c in clauses if c.text == "Registration")
    assert registration.section == "5. Information Collected > Registration"


def test_drbatras_markdown_seed_drops_banner_and_keeps_bold_labels_as_items():
    clauses = seed("drbatras-bperfect-2014-04-01.md")
    assert not any("The following text is extracted" in c.text for c in clauses)
    assert clauses[0].text.startswith(
        "Dr. Batra's Cyber Clinic/ Dr. Batras' Positive Health Clinic"
    )
    item = next(c for c in clauses if c.text.startswith('"Cookies": We also use "cookies"'))
    assert item.kind == "item"
    assert not any("**" in c.text for c in clauses)


def test_a_hyphenated_abbreviation_before_a_name_ends_no_sentence():
    text = (
        "Acme complies with the EU-U.S. Data Privacy Framework and the Swiss-U.S. Data Privacy "
        "Framework. We also store data in the U.S. We delete it after a year."
    )
    assert sentences(text) == [
        "Acme complies with the EU-U.S. Data Privacy Framework and the Swiss-U.S. Data Privacy "
        "Framework.",
        "We also store data in the U.S.",
        "We delete it after a year.",
    ]
