"""diff() and compare(): clause alignment into added, removed, modified and moved changes."""

from __future__ import annotations

from pathlib import Path

from diffs import RULES_VERSION, JudgedChange, compare
from diffs.clauses import Clause
from diffs.diff import Change, diff, highlights
from diffs.normalize import normalize

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
    import diffs.dmp

    old = clauses("Intro.", "We keep data for 3 years.", "Alpha moves.", "Gone soon.", "End.")
    new = clauses("Intro.", "We keep data for 10 years.", "End.", "Alpha moves.", "Brand new.")
    fast = diff(old, new)
    monkeypatch.setattr(diffs.dmp, "_fast", None)
    assert diff(old, new) == fast
    assert [c.op for c in fast] == ["modified", "removed", "moved", "added"]
