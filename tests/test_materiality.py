"""judge(): cosmetic, minor or material, with categories and reasons that name what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diffs.diff import Change, highlights
from diffs.lexicon import CATEGORIES
from diffs.materiality import Judgement, judge

DATA = Path(__file__).parent / "data" / "diffs"
CASES = yaml.safe_load((DATA / "judge_cases.yaml").read_text(encoding="utf-8"))


def change_from(case: dict) -> Change:
    before, after = case.get("before"), case.get("after")
    marks = highlights(before, after) if before and after and before != after else ()
    positions = {"added": (None, 0), "removed": (0, None)}.get(case["op"], (0, 1))
    kind = case.get("kind", "sentence")
    return Change(case["op"], before, after, None, *positions, marks, kind)


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
