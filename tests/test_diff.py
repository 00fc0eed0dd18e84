"""diff() and compare(): clause alignment into added, removed, modified, moved, split and merged."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import diffs.dmp
from diffs import RULES_VERSION, JudgedChange, compare, split
from diffs.clauses import Clause
from diffs.diff import Change, diff, highlights
from diffs.normalize import normalize
from monitor.comparison import judged_changes
from monitor.config import Site
from monitor.store import Store

DATA = Path(__file__).parent / "data" / "diffs"
INSERTED = "<p>We may sell your personal information to data brokers.</p>"


def clauses(*texts: str, section: str | None = "S") -> list[Clause]:
    return [Clause(i, "sentence", text, section) for i, text in enumerate(texts)]


def test_identical_inputs_give_no_changes():
    same = clauses("One.", "Two.", "Three.")
    assert diff(same, list(same)) == []
    assert diff([], []) == []


def test_added_clause():
    changes = diff(clauses("One.", "Three."), clauses("One.", "Two.", "Three."))
    assert changes == [Change("added", None, "Two.", "S", None, 1, (), "sentence")]


def test_removed_clause_keeps_old_section_and_position():
    old = [Clause(0, "sentence", "One.", "A"), Clause(1, "item", "Two.", "B")]
    changes = diff(old, [Clause(0, "sentence", "One.", "A")])
    assert changes == [Change("removed", "Two.", None, "B", 1, None, (), "item")]


def test_modified_clause_is_paired_with_word_highlights():
    old = clauses("Intro.", "We keep your data for 3 years after your last visit.", "End.")
    new = clauses("Intro.", "We keep your data for 10 years after your last visit.", "End.")
    [change] = diff(old, new)
    assert (change.op, change.before_position, change.after_position) == ("modified", 1, 1)
    assert change.highlights == (
        (0, "We keep your data for "),
        (-1, "3"),
        (1, "10"),
        (0, " years after your last visit."),
    )


def test_dissimilar_replacement_is_removed_plus_added():
    old = clauses("Intro.", "We keep your data safe.", "End.")
    new = clauses("Intro.", "Cookies help us count visitors.", "End.")
    assert [c.op for c in diff(old, new)] == ["removed", "added"]


def test_moved_clause_detected():
    old = clauses("Alpha clause.", "Beta clause.", "Gamma clause.", "Delta clause.")
    new = clauses("Beta clause.", "Gamma clause.", "Delta clause.", "Alpha clause.")
    [change] = diff(old, new)
    assert (change.op, change.before_position, change.after_position) == ("moved", 0, 3)
    assert change.before == change.after == "Alpha clause."


def test_nearly_identical_clause_elsewhere_is_moved_with_highlights():
    sentence = "We share your information with our payment processor to complete your booking"
    old = clauses(sentence + ".", "Beta clause.", "Gamma clause.", "Delta clause.")
    new = clauses("Beta clause.", "Gamma clause.", "Delta clause.", sentence + "!")
    [change] = diff(old, new)
    assert change.op == "moved"
    assert (-1, ".") in change.highlights and (1, "!") in change.highlights


def test_changes_are_ordered_by_new_position_with_removed_where_they_were():
    old = clauses("A one.", "B two.", "C three.", "D four.")
    new = clauses("A one.", "C three.", "New text here.", "D four.", "Tail added.")
    ops = [(c.op, c.before or c.after) for c in diff(old, new)]
    assert ops == [
        ("removed", "B two."),
        ("added", "New text here."),
        ("added", "Tail added."),
    ]


def test_highlights_join_whole_words():
    marks = highlights("We will not share data.", "We may share data.")
    assert marks == ((0, "We "), (-1, "will not"), (1, "may"), (0, " share data."))


def test_large_rewrite_stays_fast_and_complete():
    old = clauses(*(f"Old clause number {i} about topic {i % 7}." for i in range(3000)))
    new = clauses(*(f"Brand new sentence {i} on subject {i % 5}!" for i in range(3000)))
    changes = diff(old, new)
    assert (
        sum(c.op == "removed" for c in changes) + sum(c.op == "modified" for c in changes) == 3000
    )


def test_compare_chrome_only_differences_give_nothing():
    a = normalize((DATA / "html" / "theme-a.html").read_bytes())
    b = normalize((DATA / "html" / "theme-b.html").read_bytes())
    assert compare(a, b) == []


def test_compare_inserted_sale_to_data_brokers_is_one_material_addition():
    page = (DATA / "html" / "theme-a.html").read_text(encoding="utf-8")
    anchor = "<h2>Data Retention</h2>"
    changed = page.replace(anchor, INSERTED + anchor)
    [judged] = compare(normalize(page), normalize(changed))
    assert isinstance(judged, JudgedChange)
    assert judged.change.op == "added"
    assert judged.change.after == "We may sell your personal information to data brokers."
    assert judged.change.section == "Privacy Policy > How We Share Information"
    assert judged.judgement.materiality == "material"
    assert "third-party-sharing" in judged.judgement.categories


def test_rules_version_is_a_non_empty_string():
    assert isinstance(RULES_VERSION, str) and RULES_VERSION


def test_pure_python_fallback_gives_the_same_changes(monkeypatch):
    old = clauses("Intro.", "We keep data for 3 years.", "Alpha moves.", "Gone soon.", "End.")
    new = clauses("Intro.", "We keep data for 10 years.", "End.", "Alpha moves.", "Brand new.")
    fast = diff(old, new)
    monkeypatch.setattr(diffs.dmp, "_fast", None)
    assert diff(old, new) == fast
    assert [c.op for c in fast] == ["modified", "removed", "moved", "added"]


def test_split_clause_is_one_change_listing_both_pieces():
    old = clauses(
        "Intro.", "We collect your name and email, and we use them to send receipts.", "End."
    )
    new = clauses(
        "Intro.", "We collect your name and email.", "We use them to send receipts.", "End."
    )
    [change] = diff(old, new)
    assert (change.op, change.before_position, change.after_position) == ("split", 1, 1)
    assert change.after == "We collect your name and email.\nWe use them to send receipts."


def test_merged_clauses_are_one_change():
    old = clauses("Intro.", "We share data with processors.", "They host our site.", "End.")
    new = clauses("Intro.", "We share data with processors, who host our site.", "End.")
    [change] = diff(old, new)
    assert (change.op, change.before_position, change.after_position) == ("merged", 1, 1)
    assert change.before == "We share data with processors.\nThey host our site."


def test_reworded_clause_moved_far_away_is_found_in_a_big_policy():
    filler = [
        f"Clause {i} covers topic number {i} in words of its own kind {i * 7}." for i in range(900)
    ]
    moving = "We share your appointment history with our partner laboratories every month"
    old = clauses(moving + ".", *filler, *(f"Old tail {i} text {i * 3}." for i in range(600)))
    new = clauses(*filler, *(f"New tail {i} words {i * 5}." for i in range(600)), moving + " now.")
    moved = [c for c in diff(old, new) if c.op == "moved"]
    assert [(c.before_position, c.after_position) for c in moved] == [(0, 1500)]
    assert (1, " now") in moved[0].highlights


def test_reworded_clause_is_paired_even_far_into_a_long_hunk():
    old = clauses("Intro.", *(f"Removed clause {i} alpha{i}." for i in range(80)), "End.")
    target = "We keep your invoices for 3 years in our accounting system."
    old.insert(71, Clause(71, "sentence", target, "S"))
    new = clauses("Intro.", target.replace("3 years", "10 years"), "End.")
    modified = [c for c in diff(old, new) if c.op == "modified"]
    assert [(c.before, c.after_position) for c in modified] == [(target, 1)]


@dataclass(frozen=True)
class KeyedClause(Clause):
    key: str | None = None


def test_the_extractors_noise_masked_key_decides_sameness():
    old = [KeyedClause(0, "sentence", "Session 8f2a1 started.", "S", key="Session # started.")]
    new = [KeyedClause(0, "sentence", "Session 77c0e started.", "S", key="Session # started.")]
    assert diff(old, new) == []


def test_unchanged_clauses_on_request():
    changes = diff(clauses("One.", "Two."), clauses("One.", "Two!"), include_unchanged=True)
    assert [c.op for c in changes] == ["unchanged", "modified"]


def test_changes_carry_the_documents_language():
    old = clauses("Nous collectons vos données pour vous soigner et nous les conservons.")
    new = clauses("Nous collectons vos données pour vous soigner et nous les partageons.")
    assert {c.language for c in diff(old, new)} == {"fr"}


def test_both_diff_match_patch_builds_agree_on_a_real_policy_pair():
    folder = DATA / "corpus"
    old = split(normalize((folder / "buffer-2025-10-08T003005Z.md").read_bytes(), url="a.md"))
    new = split(normalize((folder / "buffer-2026-03-17T003006Z.md").read_bytes(), url="b.md"))
    edited = [*new[:40], *new[60:], *new[40:60]]
    fast = diff(old, edited)
    previous = diffs.dmp.prefer("pure")
    try:
        assert diff(old, edited) == fast
    finally:
        diffs.dmp.prefer(previous)
    assert {c.op for c in fast} == {"added", "moved"}


def stored_version(store: Store, text: str, captured_at: str) -> int:
    with store.atomic():
        return store.add_capture(
            site="s",
            source="live",
            url="https://example.org/privacy",
            captured_at=captured_at,
            status=200,
            digest=None,
            content_type="text/plain",
            body=text.encode(),
            body_sha1=hashlib.sha1(text.encode()).hexdigest(),
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            clauses=[],
            rules_version=RULES_VERSION,
            rejected_reason=None,
        ).version_id


def test_split_changes_are_stored_and_read_back(tmp_path):
    old = clauses("We collect your name and email, and we use them to bill you.")
    new = clauses("We collect your name and email.", "And we use them to bill you.")
    with Store(tmp_path / "monitor.db") as store:
        store.sync_sites([Site(slug="s", name="S", url="https://example.org/privacy")])
        first = stored_version(store, "old", "2024-01-01T00:00:00Z")
        second = stored_version(store, "new", "2025-01-01T00:00:00Z")
        store.save_comparison("s", first, second, RULES_VERSION, judged_changes(old, new))
        stored = store.changes(first, second, RULES_VERSION)
    assert [(c["op"], c["materiality"]) for c in stored] == [("split", "cosmetic")]
    assert stored[0]["reasons"] == ["split into 2 clauses, wording unchanged"]
