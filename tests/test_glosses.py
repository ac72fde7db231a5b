"""English glosses: one Vietnamese text, one gloss, across all 26 sheets of 26/2026.

The glosses are the reviewer's reading, not the decision's text; what can be held to a
rule is their consistency (the same words of the decision always read the same way)
and the library's own terms: a criterion's "Bị loại nếu …" (the product is out of the
evaluation) is *eliminated*; "disqualified" is reserved for the sheet's dossier rule
"Hồ sơ bị loại khi …".
"""

from __future__ import annotations

import re
from collections import defaultdict

import ocop
from ocop.criteria import NoteKind

#: Vietnamese texts deliberately glossed differently on some sheets: text -> {sheet: gloss}
#: with the reason.  Anything else glossed two ways is a mistake.
EXCEPTIONS: dict[str, tuple[dict[int, str], str]] = {
    "Nước pha": (
        {11: "Tea liquor", 13: "Brewed coffee or cocoa"},
        "the brewed liquid of the product: tea on sheet 11, coffee or cocoa on sheet 13",
    ),
}


def _pairs(sheet):
    """Every (Vietnamese, English) pair a sheet holds, with where it is."""
    yield "sheet name", sheet.name_vi, sheet.name_en
    for part in sheet.parts:
        yield f"part {part.code}", part.name_vi, part.name_en
        for section in part.sections:
            yield f"section {section.number}", section.name_vi, section.name_en
            for sub in section.subsections:
                yield f"subsection {sub.number}", sub.name_vi, sub.name_en
            for crit in section.criteria:
                yield f"criterion {crit.number}", crit.name_vi, crit.name_en
                for note in crit.notes:
                    yield f"note {crit.number}", note.text_vi, note.text_en
                for case in crit.cases:
                    yield f"case {crit.number}{case.key}", case.text_vi, case.text_en
                for level in crit.levels:
                    if level.text_vi is not None:
                        yield f"level {crit.number}", level.text_vi, level.text_en
    if sheet.disqualification is not None:
        yield "disqualification", sheet.disqualification.text_vi, sheet.disqualification.text_en
        for ground in sheet.disqualification.grounds:
            yield f"ground {ground.id}", ground.text_vi, ground.text_en


def test_the_same_vietnamese_text_has_the_same_gloss_on_every_sheet():
    glosses: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for sheet in ocop.criteria.sheets(edition="26/2026"):
        for _, vi, en in _pairs(sheet):
            glosses[vi][en].append(sheet.code)
    inconsistent = {}
    for vi, by_gloss in glosses.items():
        if len(by_gloss) == 1:
            continue
        seen = {code: en for en, codes in by_gloss.items() for code in codes}
        allowed = EXCEPTIONS.get(vi, ({}, ""))[0]
        if any(allowed.get(code) != en for code, en in seen.items()):
            inconsistent[vi] = dict(by_gloss)
    assert inconsistent == {}


def test_every_exception_is_still_needed():
    for vi, (by_sheet, reason) in EXCEPTIONS.items():
        assert reason
        found = {
            code: en
            for sheet in ocop.criteria.sheets()
            for _, v, en in _pairs(sheet)
            if v == vi
            for code in [sheet.code]
        }
        assert found == by_sheet


def test_an_elimination_rule_is_glossed_eliminated_and_only_the_dossier_rule_disqualified():
    for sheet in ocop.criteria.sheets(edition="26/2026"):
        for where, vi, en in _pairs(sheet):
            if where.startswith(("disqualification", "ground")):
                continue
            assert not re.search(r"disqualif", en, re.I), (sheet.code, where, en)
            if re.search(r"bị loại", vi, re.I):
                assert re.search(r"\beliminated\b", en), (sheet.code, where, en)
        for crit in sheet.criteria:
            for note in crit.notes:
                if note.kind is NoteKind.ELIMINATION:
                    assert "eliminated" in note.text_en, (sheet.code, crit.number)
        if sheet.disqualification is not None:
            assert sheet.disqualification.text_en.startswith(("Dossier disqualified if:", "Disqualified if:"))


def test_the_tea_liquor_is_not_water():
    # "Vị nước" on the tea sheets is the taste of the liquor (nước = the infusion).
    for code, number in ((11, "6.2.3"), (12, "6.5")):
        assert ocop.criteria.sheet(code).criterion(number).name_en == "Liquor taste"
