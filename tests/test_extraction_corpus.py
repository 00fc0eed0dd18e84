"""Extraction on real pages (a copy of three Open Terms Archive services, tests/data/corpus):
close to what OTA kept, no change from noise-only snapshots, a change for every changed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import Corpus, markdown_text, score
from bench.extraction import compare_files, load_rules, ours
from diffs.rules import Rules

CORPUS = Corpus(Path(__file__).parent / "data" / "corpus")
RULES = load_rules()


@pytest.mark.parametrize("service", CORPUS.services())
def test_automatic_extraction_is_close_to_what_ota_kept(service):
    for _, html, md in CORPUS.paired(service):
        result = score(
            ours(CORPUS.path(html).read_bytes(), Rules()),
            markdown_text(CORPUS.path(md).read_text(encoding="utf-8")),
        )
        assert result.recall >= 0.98 and result.precision >= 0.9, (html, result)


@pytest.mark.parametrize("service", CORPUS.services())
def test_extraction_with_the_services_rules_matches_ota(service):
    for _, html, md in CORPUS.paired(service):
        result = score(
            ours(CORPUS.path(html).read_bytes(), RULES[service]),
            markdown_text(CORPUS.path(md).read_text(encoding="utf-8")),
        )
        assert result.f1 >= 0.98, (html, result)


@pytest.mark.parametrize("pair", list(CORPUS.noise_pairs()), ids=lambda p: p[2])
def test_noise_only_snapshots_give_no_minor_or_material_change(pair):
    service, old, new = pair
    for rules in (Rules(), RULES[service]):
        changes = compare_files(CORPUS, rules, old, new)
        assert [c for c in changes if c.judgement.materiality != "cosmetic"] == []


@pytest.mark.parametrize("pair", list(CORPUS.change_pairs()), ids=lambda p: p[2])
def test_every_recorded_change_shows_at_least_one_change(pair):
    service, old, new = pair
    for rules in (Rules(), RULES[service]):
        assert compare_files(CORPUS, rules, old, new)


def test_the_copy_holds_noise_and_change_pairs():
    assert len(list(CORPUS.noise_pairs())) >= 3
    assert len(list(CORPUS.change_pairs())) >= 3
