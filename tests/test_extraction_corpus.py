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


CHANGED = [pair for pair in CORPUS.change_pairs() if pair.policy_changed(CORPUS)]
RENDERED = [pair for pair in CORPUS.change_pairs() if not pair.policy_changed(CORPUS)]


@pytest.mark.parametrize("pair", CHANGED, ids=lambda p: p.new)
def test_every_recorded_change_shows_at_least_one_change(pair):
    for rules in (Rules(), RULES[pair.service]):
        assert compare_files(CORPUS, rules, pair.old, pair.new)


@pytest.mark.parametrize("pair", RENDERED, ids=lambda p: p.new)
def test_a_recorded_change_of_ota_rendering_only_is_no_minor_or_material_change(pair):
    for rules in (Rules(), RULES[pair.service]):
        changes = compare_files(CORPUS, rules, pair.old, pair.new)
        assert [c for c in changes if c.judgement.materiality != "cosmetic"] == []


def test_a_link_pointing_to_another_document_is_a_minor_change():
    changes = compare_files(
        CORPUS, RULES["livi"], "livi/2025-08-21T003012Z.html", "livi/2025-08-28T123011Z.html"
    )
    assert [(c.change.op, c.judgement.materiality) for c in changes] == [("modified", "minor")]
    assert "drive.google.com/file/d/1oc_2KDS79dQ6dgbyiZedlr9RbhpXvMRD" in changes[0].change.after


def test_the_copy_holds_noise_pairs_changed_pairs_and_rendering_only_pairs():
    assert len(list(CORPUS.noise_pairs())) >= 3
    assert len(CHANGED) >= 3
    assert len(RENDERED) >= 2
