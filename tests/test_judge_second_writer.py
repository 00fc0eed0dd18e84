"""Probe policies by a second writer, told only the kinds of change to write
(`tests/data/judge_probes/second`, measured by bench/probes.py): each material one-sentence
edit is found, each meaning-keeping edit raises no alarm, each labelled change of a next
version is found at its clause, and a whole rewrite in plainer words raises no more material
verdicts than it did when the kinds below were fixed.

The misses still open are marked, each with its kind; a fix makes its test pass and fail as
an unexpected pass, to be unmarked. When each pair of policies was first read (the later ones
after the earlier ones' kinds were fixed), their edits were found 78 of 90 times with 6 alarms
in 90; the rewrites drew 79 material verdicts in 631 changes; 32 of 36 labelled changes were
found. The rules then fixed kinds, never cases; these figures are no held-out measure."""

from __future__ import annotations

import pytest

from bench import probes

_OPEN = {
    ("material", "camera", 9): "a report's frequency ('twice' -> 'once a year')",
    ("quiet", "de-krankenkasse", 6): "'bleiben unberührt' said as 'gilt nicht für'",
}
# material verdicts on each whole rewrite when rules 10 were measured: none may be added
_REWRITE_ALARMS = {
    "camera": 3,
    "therapy": 5,
    "car": 0,
    "school": 0,
    "de-krankenkasse": 6,
    "fr-marketplace": 5,
}


def _marked(kind: str, name: str, index: int) -> object:
    why = _OPEN.get((kind, name, index))
    marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
    return pytest.param(name, index, marks=marks, id=f"{name}-{index}")


def _edits(kind: str) -> list[object]:
    return [
        _marked(kind, name, index)
        for name in probes.NAMES
        for index in range(len(probes.edits(name)[kind]))
    ]


@pytest.mark.parametrize(("name", "index"), _edits("material"))
def test_the_material_edit_is_found(name, index):
    old, new = probes.edits(name)["material"][index]
    assert probes.material(probes.edited(name, old, new, every=False))


@pytest.mark.parametrize(("name", "index"), _edits("quiet"))
def test_the_meaning_keeping_edit_raises_no_alarm(name, index):
    old, new = probes.edits(name)["quiet"][index]
    assert not probes.material(probes.edited(name, old, new, every=True))


@pytest.mark.parametrize(
    ("name", "index"),
    [
        _marked("update", name, index)
        for name in probes.NAMES
        for index in range(len(probes.labels(name)))
    ],
)
def test_the_labelled_change_of_the_next_version_is_found_at_its_clause(name, index):
    label = probes.labels(name)[index]
    assert probes.found_at_clause(probes.update(name), label), label["what"]


@pytest.mark.parametrize("name", probes.NAMES)
def test_a_rewrite_in_plainer_words_raises_no_more_alarms_than_measured(name):
    assert len(probes.rewrite_alarms(name)) <= _REWRITE_ALARMS[name]
