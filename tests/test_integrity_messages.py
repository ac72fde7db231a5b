"""Each integrity check names the sheet, the place and the failure, word for word.

Also rebuilds the converters from scratch (the packaged ones are cached), so that the
structuring hooks themselves are exercised by the tests.
"""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

import ocop
from ocop.criteria._classification import Classification
from ocop.criteria._load import _make_converter, check_sheet
from ocop.criteria._model import Sheet
from ocop.errors import SheetIntegrityError

import test_criteria as tc
import test_robustness as tr

EXPECTED = {
    "assumption on printed points": "criterion 1.3: assumed_points is only for a blank or misprinted point cell",
    "blank without assumption": "criterion 1.2: blank point cell without a recorded oddity and assumed points",
    "blank without oddity": "criterion 1.3: blank point cell without a recorded oddity and assumed points",
    "criterion sum": "section 1: criteria add up to 19, not 18",
    "duplicate number": "criterion 1.2: number used twice",
    "duplicate points without oddity": "criterion 1.3: two levels with the same points: [1, 1, 3]",
    "leaf section with two criteria": "section 7: criteria add up to 10, not 5",
    "level above maximum": "criterion 1.3: level worth 4 outside 0..3",
    "levels lose points": "criterion 1.3: levels lose points going up: [3, 2, 1]",
    "no levels": "criterion 1.3: has no levels",
    "number outside section": "criterion 2.9: not numbered within section 1",
    "part maximum": "part A: maximum 41 != edition's 40",
    "part order": "parts: parts must be A, B, C in order, got ('C', 'B', 'A')",
    "printed without text": "criterion 1.3: a printed level has text; an unprinted one has none",
    "section sum": "part A: sections add up to 41, not 40",
    "star marks fall": "criterion 6.5: star marks must rise with the levels",
    "starred level not above lower": "criterion 3.1: a starred level must score more than every level below it",
    "top below maximum": "criterion 1.3: top level 2 != maximum 3",
    "unprinted without oddity": "criterion 1.3: unprinted level without a recorded oddity",
}

MORE_EXPECTED = {
    "case missing": "sheet 26 of 26/2026, criterion 8: level case None not among the cases ['a', 'b']",
    "case unknown": "sheet 26 of 26/2026, criterion 8: level case 'z' not among the cases ['a', 'b']",
    "empty case": "sheet 26 of 26/2026, criterion 8: a case has no levels",
    "leaf section with a second criterion": "sheet 7 of 26/2026, section 7: a section scored as a whole has exactly "
    "one criterion",
    "outside subsection": "sheet 11 of 26/2026, criterion 6.2.1: not numbered within subsection 6.1",
    "star in case": "sheet 26 of 26/2026, criterion 8: star mark on a level of an alternative case",
    "subsection sum": "sheet 11 of 26/2026, subsection 6.1: criteria add up to 4, not 5",
    "unknown subsection": "sheet 11 of 26/2026, criterion 6.1.1: unknown subsection 6.9",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_integrity_message(name):
    assert sorted(EXPECTED) == sorted(tc.CORRUPTIONS)
    with pytest.raises(SheetIntegrityError) as info:
        ocop.criteria.sheet_from_json(tc._corrupt(tc.CORRUPTIONS[name]))
    assert str(info.value) == f"{SheetIntegrityError.message} sheet 7 of 26/2026, {EXPECTED[name]}"


@pytest.mark.parametrize("name", sorted(MORE_EXPECTED))
def test_more_integrity_messages(name):
    assert sorted(MORE_EXPECTED) == sorted(tr.MORE_CORRUPTIONS)
    code, corrupt = tr.MORE_CORRUPTIONS[name]
    data = copy.deepcopy(tr._raw(code))
    corrupt(data)
    with pytest.raises(SheetIntegrityError) as info:
        ocop.criteria.sheet_from_json(json.dumps(data))
    assert str(info.value) == f"{SheetIntegrityError.message} {MORE_EXPECTED[name]}"


@pytest.mark.parametrize("code", range(1, 27))
def test_a_fresh_converter_reads_every_sheet_the_same(code):
    path = resources.files("ocop.criteria").joinpath("data", "26-2026", f"sheet-{code:02d}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    conv = _make_converter()
    sheet = conv.structure(data, Sheet)
    check_sheet(sheet)
    assert sheet == ocop.criteria.sheet(code, edition="26/2026")
    assert conv.unstructure(sheet) == data


def test_a_fresh_converter_reads_the_classification_the_same():
    path = resources.files("ocop.criteria").joinpath("data", "26-2026", "classification.json")
    fresh = _make_converter().structure(json.loads(path.read_text(encoding="utf-8")), Classification)
    assert fresh == ocop.criteria.classification(edition="26/2026")
    assert fresh.provenance.signed_on.isoformat() == "2026-05-22"
    with pytest.raises(Exception):  # noqa: B017, PT011 - cattrs refuses unknown keys at any depth
        _make_converter().structure({**json.loads(path.read_text(encoding="utf-8")), "x": 1}, Classification)
