"""judge(): cosmetic, minor or material, with categories and reasons that name what changed;
and the real material changes of the Open Terms Archive corpus, found and judged material."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diffs import compare, normalize
from diffs.diff import Change, highlights
from diffs.language import detect
from diffs.lexicon import CATEGORIES
from diffs.materiality import Judgement, at_least, judge, rank
from diffs.reader import Reader

DATA = Path(__file__).parent / "data" / "diffs"
CASES = yaml.safe_load((DATA / "judge_cases.yaml").read_text(encoding="utf-8"))


def change_from(case: dict) -> Change:
    before, after = case.get("before"), case.get("after")
    marks = highlights(before, after) if before and after and before != after else ()
    positions = {"added": (None, 0), "removed": (0, None)}.get(case["op"], (0, 1))
    kind = case.get("kind", "sentence")
    return Change(case["op"], before, after, case.get("section"), *positions, marks, kind)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_judge_case(case):
    judgement = judge(change_from(case))
    assert judgement.materiality == case["materiality"]
    assert set(case.get("categories", ())) <= set(judgement.categories)
    for reason in case.get("reasons", ()):
        assert reason in judgement.reasons


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_judgement_is_well_formed(case):
    judgement = judge(change_from(case))
    assert isinstance(judgement, Judgement)
    assert judgement.reasons, "every judgement says why"
    assert set(judgement.categories) <= set(CATEGORIES)
    bounds = {"cosmetic": (0.0, 0.1), "minor": (0.1, 0.5), "material": (0.5, 1.0)}
    low, high = bounds[judgement.materiality]
    assert low <= judgement.score <= high


def test_more_material_signals_score_higher():
    one = judge(Change("added", None, "We share data with data brokers.", None, None, 0))
    many = judge(
        Change(
            "added", None, "We sell biometric data to data brokers and advertisers.", None, None, 0
        )
    )
    assert one.materiality == many.materiality == "material"
    assert many.score > one.score


def test_uncategorised_change_falls_back_to_other():
    judgement = judge(Change("added", None, "Thank you for reading.", None, None, 0))
    assert judgement.categories == ("other",)


def test_at_least_orders_cosmetic_minor_material():
    assert at_least("material", "minor") and at_least("minor", "minor")
    assert not at_least("cosmetic", "minor") and not at_least("minor", "material")
    assert [rank(m) for m in ("cosmetic", "minor", "material")] == [0, 1, 2]


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (["We collect your data and we may share it with our partners."], "en"),
        (["Nous collectons vos données et nous pouvons les partager avec nos partenaires."], "fr"),
        (["Anthropic | AI | USA"], "und"),
    ],
)
def test_language_is_detected_per_document(texts, language):
    assert detect(texts) == language


def test_the_lexicon_follows_the_documents_language():
    sentence = "Nous pouvons vendre vos données à des annonceurs."
    change = Change("added", None, sentence, None, None, 0, (), "sentence")
    assert judge(change).materiality == "material"
    assert judge(change, language="en").materiality == "minor"


def compare_files(old: str, new: str) -> list:
    folder = DATA / "corpus"
    return compare(
        normalize((folder / old).read_bytes(), url=old),
        normalize((folder / new).read_bytes(), url=new),
    )


def material(changes: list) -> list:
    return [c for c in changes if c.judgement.materiality == "material"]


def test_withings_inactivity_period_3_to_10_years_is_material():
    changes = compare_files("withings-2025-10-29T123316Z.md", "withings-2025-11-04T003247Z.md")
    [found] = material(changes)
    assert found.change.op == "modified"
    assert "pendant 10 ans" in found.change.after and "pendant 3 ans" in found.change.before
    assert found.change.language == "fr"
    assert found.judgement.reasons == ("retention: 3 ans -> 10 ans",)
    assert {c.judgement.materiality for c in changes if c not in material(changes)} == {"minor"}


def test_buffer_anthropic_sub_processor_row_is_material():
    [found] = compare_files("buffer-2025-10-08T003005Z.md", "buffer-2026-03-17T003006Z.md")
    assert (found.change.op, found.change.after) == (
        "added",
        "Anthropic | Artificial Intelligence | USA",
    )
    assert found.judgement.materiality == "material"
    assert "sharing: new recipient 'Anthropic'" in found.judgement.reasons
    assert "third-party-sharing" in found.judgement.categories


def test_heloa_new_sub_processors_are_material():
    changes = compare_files("heloa-2025-09-23T003038Z.md", "heloa-2025-09-26T123039Z.md")
    reasons = {reason for c in material(changes) for reason in c.judgement.reasons}
    assert "sharing: new recipient 'RevenueCat'" in reasons
    assert "transfer: new practice 'hors de l'ue'" in reasons
    assert all("sous-traitants" in (c.change.section or "") for c in material(changes))


@pytest.mark.parametrize("language", ["en", "fr", "und"])
def test_one_scan_finds_the_terms_each_pattern_finds_alone(language):
    """The reader scans a text once for all lexicon patterns; what it finds must be exactly
    what scanning with each pattern in turn finds, overlaps and all."""
    demo = Path(__file__).parents[1] / "monitor" / "demo" / "policies"
    texts = [
        line
        for path in sorted(demo.glob("*/*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += [text.upper() for text in texts] + ["  ".join(texts[:40])]
    scanning, one_by_one = Reader(language), Reader(language)
    one_by_one.scanner = None
    assert scanning.scanner is not None
    for text in texts:
        assert list(scanning._terms(text).items()) == list(one_by_one._terms(text).items())
