"""Notes covering several criteria, and the sheet loader's exact scalar types."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.criteria._load import unstructure_sheet
from ocop.errors import SheetFormatError, SheetIntegrityError


def _sheet16() -> dict:
    return unstructure_sheet(ocop.criteria.sheet(16, edition="26/2026"))


def _note_64(data: dict) -> dict:
    section = next(s for p in data["parts"] for s in p["sections"] if s["number"] == "6")
    crit = next(c for c in section["criteria"] if c["number"] == "6.4")
    return crit["notes"][0]


def test_the_halt_note_of_sheet_16_covers_the_criteria_above_it():
    note = ocop.criteria.sheet(16).criterion("6.4").notes[0]
    assert note.kind is ocop.criteria.NoteKind.HALT
    assert note.covers == ("6.1", "6.2", "6.3", "6.4")
    # written only where it lists criteria: other notes dump without the key
    assert "covers" in _note_64(_sheet16())
    assert (
        "covers" not in unstructure_sheet(ocop.criteria.sheet(7))["parts"][0]["sections"][0]["criteria"][0]["notes"][0]
    )


@pytest.mark.parametrize(
    ("covers", "message"),
    [
        (["6.1", "6.9"], "not within"),
        (["6.1", "6.1", "6.4"], "not within"),
        (["1.1", "6.4"], "not within"),
        (["6.1", "6.2"], "covers its own"),
    ],
)
def test_a_note_covers_distinct_criteria_of_its_section_with_its_own(covers, message):
    data = _sheet16()
    _note_64(data)["covers"] = covers
    with pytest.raises(SheetIntegrityError, match=message):
        ocop.criteria.sheet_from_json(data)


def test_a_note_without_covers_loads_as_covering_its_own_criterion():
    data = _sheet16()
    del _note_64(data)["covers"]
    assert ocop.criteria.sheet_from_json(data).criterion("6.4").notes[0].covers == ()


PATHS = {
    "points": ("levels", 0, "points"),
    "printed": ("levels", 0, "printed"),
    "name_vi": ("name_vi",),
    "max_points": ("max_points",),
}


@given(
    field=st.sampled_from(sorted(PATHS)),
    junk=st.one_of(st.text(max_size=3), st.floats(allow_nan=False), st.booleans(), st.integers(), st.none()),
)
def test_sheet_scalars_are_never_coerced(field, junk):
    data = copy.deepcopy(_BASE)
    target = data["parts"][0]["sections"][0]["criteria"][0]
    *path, last = PATHS[field]
    for key in path:
        target = target[key]
    expected = {"points": int, "max_points": int, "printed": bool, "name_vi": str}[field]
    if type(junk) is expected:
        return  # a value of the right type is not junk here
    target[last] = junk
    with pytest.raises((SheetFormatError, SheetIntegrityError)) as info:
        ocop.criteria.sheet_from_json(data)
    if info.type is SheetFormatError:
        assert "$.parts" in str(info.value)


_BASE = unstructure_sheet(ocop.criteria.sheet(7, edition="26/2026"))


NUMBERS = ["6.1", "6.2", "6.3", "6.4", "1.1", "7", "6.9", ""]


@given(st.lists(st.sampled_from(NUMBERS), max_size=6))
def test_covers_load_exactly_when_they_are_distinct_criteria_of_the_section_with_the_carrier(covers):
    data = _sheet16()
    _note_64(data)["covers"] = covers
    valid = not covers or (
        len(set(covers)) == len(covers) and set(covers) <= {"6.1", "6.2", "6.3", "6.4"} and "6.4" in covers
    )
    if valid:
        assert ocop.criteria.sheet_from_json(data).criterion("6.4").notes[0].covers == tuple(covers)
    else:
        with pytest.raises(SheetIntegrityError):
            ocop.criteria.sheet_from_json(data)
