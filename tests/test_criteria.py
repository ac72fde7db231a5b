from __future__ import annotations

import copy
import json
from importlib import resources

import attrs
import pytest

import ocop
from ocop.criteria._load import check_sheet, structure_sheet, unstructure_sheet
from ocop.errors import (
    CriteriaNotPublished,
    SheetFormatError,
    SheetIntegrityError,
    UnknownCriterion,
    UnknownEdition,
    UnknownSheet,
)

S = ocop.Star


def raw(code: int) -> dict:
    path = resources.files("ocop.criteria").joinpath("data", "26-2026", f"sheet-{code:02d}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_sheets_listing_and_default_edition():
    assert [s.code for s in ocop.criteria.sheets(edition="26/2026")] == list(range(1, 27))
    assert ocop.criteria.sheets() == ocop.criteria.sheets(edition=ocop.edition("26/2026"))
    assert ocop.criteria.sheet(7) is ocop.criteria.sheet(7, edition="26/2026")


ALL = list(range(1, 27))


@pytest.mark.parametrize("code", ALL)
def test_load_dump_is_identity(code):
    data = raw(code)
    assert unstructure_sheet(structure_sheet(data)) == data


@pytest.mark.parametrize("code", ALL)
def test_file_is_canonical_json(code):
    path = resources.files("ocop.criteria").joinpath("data", "26-2026", f"sheet-{code:02d}.json")
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("code", ALL)
def test_every_english_gloss_is_filled(code):
    def walk(node, path="$"):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_en") and node.get(key[:-3] + "_vi", "x") != "":
                    # every printed text has a gloss (an empty Vietnamese field needs none)
                    assert isinstance(value, str) and value.strip(), f"{path}.{key}"
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    walk(raw(code))


def test_structure_of_sheet_7():
    s = ocop.criteria.sheet(7, edition="26/2026")
    assert [p.max_points for p in s.parts] == [40, 25, 35]
    assert [(x.number, x.max_points) for x in s.parts[2].sections] == [
        ("6", 15), ("7", 5), ("8", 5), ("9", 5), ("10", 2), ("11", 3),
    ]  # fmt: skip
    assert len(s.criteria) == 32
    assert s.sector_vi == "Thực phẩm"
    assert s.group_vi == "Nông sản chế biến"
    assert s.criterion("1.1").eliminates and s.criterion("2.1").eliminates
    assert not s.criterion("1.2").eliminates


# The starred minima of sheet 7, as listed in the research notes (§3.5), an
# independent reading of the decision text.
SHEET_7_MINIMA = {
    S.THREE: {"1.1": 1, "2.2": 2, "2.3": 1, "3.5": 1, "4.1": 2, "5.3": 1, "8": 2, "9": 1},
    S.FOUR: {"1.5": 2, "1.6": 1, "2.1": 3, "2.3": 3, "3.4": 2, "3.5": 2, "4.1": 3, "5.1": 5,
             "6.1": 2, "6.3": 2, "6.4": 2, "6.5": 3, "7": 3, "9": 3},
    S.FIVE: {"1.5": 3, "4.1": 5, "6.3": 3, "6.4": 3, "6.5": 5, "7": 5},
}  # fmt: skip


def test_sheet_7_star_marks_match_the_research_notes():
    s = ocop.criteria.sheet(7, edition="26/2026")
    marks: dict[S, dict[str, int]] = {S.THREE: {}, S.FOUR: {}, S.FIVE: {}}
    for c in s.criteria:
        for level in c.levels:
            if level.star is not None:
                marks[level.star][c.number] = level.value
    assert marks == SHEET_7_MINIMA


def test_minima_are_cumulative():
    s = ocop.criteria.sheet(7, edition="26/2026")
    five = {c.number: lvl.value for c, _, lvl in s.minima(S.FIVE)}
    assert five["9"] == 3  # 9 has no ***** mark: the **** level carries over
    assert five["8"] == 2
    three = {c.number for c, _, _ in s.minima(S.THREE)}
    assert three == set(SHEET_7_MINIMA[S.THREE])


def test_sheet_1_specifics():
    s = ocop.criteria.sheet(1, edition="26/2026")
    assert [lvl.value for lvl in s.criterion("2.1").levels] == [0, 1, 3]
    assert s.criterion("1.1").notes[0].kind is ocop.criteria.NoteKind.REQUIREMENT
    assert s.criterion("6.1").notes[0].kind is ocop.criteria.NoteKind.HALT
    assert s.criterion("7").max_points == 3
    assert [lvl.value for lvl in s.criterion("3.1").levels] == [1, 2, 3]


def test_oddities_recorded_for_sheet_7():
    s = ocop.criteria.sheet(7, edition="26/2026")
    kinds = {(o.where, o.kind) for o in s.oddities}
    assert ("1.2", "blank-points") in kinds
    assert ("3.1", "duplicate-points") in kinds
    assert ("2.4", "no-levels-printed") in kinds
    blank = s.criterion("1.2").levels[0]
    assert blank.points is None and blank.assumed_points == 0 and blank.value == 0
    assert [lvl.value for lvl in s.criterion("3.1").levels] == [1, 1, 3]
    assert [lvl.printed for lvl in s.criterion("2.4").levels] == [False, False]


def test_values_are_frozen():
    s = ocop.criteria.sheet(7, edition="26/2026")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.code = 8  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.edition.part_max["A"] = 50  # type: ignore[index]
    assert isinstance(s.parts, tuple) and isinstance(s.criteria, tuple)
    assert hash(s) == hash(ocop.criteria.sheet(7, edition="26/2026"))


@pytest.mark.parametrize("code", ["148/2023", "1489/2025"])
def test_unpublished_editions_raise(code):
    with pytest.raises(CriteriaNotPublished) as info:
        ocop.criteria.sheet(1, edition=code)
    assert isinstance(info.value, LookupError)
    with pytest.raises(CriteriaNotPublished):
        ocop.criteria.sheets(edition=code)


@pytest.mark.parametrize("bad", [0, 27, -1, True, "7", 7.0, None])
def test_unknown_sheet(bad):
    with pytest.raises(UnknownSheet):
        ocop.criteria.sheet(bad, edition="26/2026")


def test_load_your_own_sheet_for_an_older_edition(tmp_path):
    """A province's transcription of a 1048/2019 sheet goes through the same checks."""
    data = raw(7)
    data["edition"] = "1048/2019"
    with pytest.raises(SheetIntegrityError) as info:
        ocop.criteria.sheet_from_json(data)  # 40/25/35 does not fit 1048's 35/25/40
    assert "edition's 35" in str(info.value)
    # move 5 points from part A to part C: drop 1.2 and 1.3 (2 + 3 points) and add them to 6.5 … as data only
    a_section = data["parts"][0]["sections"][0]
    dropped = [c for c in a_section["criteria"] if c["number"] in {"1.2", "1.3"}]
    a_section["criteria"] = [c for c in a_section["criteria"] if c["number"] not in {"1.2", "1.3"}]
    a_section["max_points"] -= 5
    data["parts"][0]["max_points"] -= 5
    c_section = data["parts"][2]["sections"][0]
    for c in dropped:
        new = "6." + str(10 + len(c_section["criteria"]))
        for oddity in data["oddities"]:  # the blank cell of 1.2 moves with it
            if oddity["where"] == c["number"]:
                oddity["where"] = new
        c["number"] = new
        c_section["criteria"].append(c)
    c_section["max_points"] += 5
    data["parts"][2]["max_points"] += 5
    path = tmp_path / "province-1048-sheet.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sheet = ocop.criteria.load_sheet(path)
    assert sheet.edition.code == "1048/2019"
    assert [p.max_points for p in sheet.parts] == [35, 25, 40]
    card = ocop.Scorecard.from_points(sheet, {c.number: c.max_points for c in sheet.criteria})
    assert ocop.grade(card).star == S.FIVE


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("{not json", ocop.errors.InvalidValue),
        ("[1, 2]", SheetFormatError),
        (b"{}", SheetFormatError),
        ({"format": 1}, SheetFormatError),
        (42, SheetFormatError),
        ("[" * 100_000 + "]" * 100_000, ocop.errors.InvalidValue),
    ],
)
def test_sheet_from_json_errors(data, error):
    with pytest.raises(error):
        ocop.criteria.sheet_from_json(data)


def test_format_errors_name_the_json_path():
    data = raw(7)
    data["parts"][0]["sections"][0]["criteria"][0]["levels"][0]["points"] = "three"
    with pytest.raises(SheetFormatError) as info:
        ocop.criteria.sheet_from_json(data)
    assert "$.parts[0].sections[0].criteria[0].levels[0].points" in str(info.value)


def test_unknown_edition_in_a_sheet_file():
    data = raw(7)
    data["edition"] = "2030/2099"
    with pytest.raises(ocop.errors.SheetFormatError) as info:
        ocop.criteria.sheet_from_json(data)
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [(["edition"], "UnknownEdition")]


def test_unknown_edition_and_criterion():
    with pytest.raises(UnknownEdition):
        ocop.criteria.sheet(7, edition="148")
    with pytest.raises(UnknownCriterion) as info:
        ocop.criteria.sheet(7, edition="26/2026").criterion("12")
    assert "'11'" in str(info.value)
    with pytest.raises(UnknownCriterion):
        ocop.criteria.sheet(7, edition="26/2026").criterion(7)  # type: ignore[arg-type]


# --- integrity checks: each corruption of a good file is caught -------------------


def _crit(data, number):
    for part in data["parts"]:
        for section in part["sections"]:
            for c in section["criteria"]:
                if c["number"] == number:
                    return c
    raise KeyError(number)


def _corrupt(fn):
    data = copy.deepcopy(raw(7))
    fn(data)
    return data


CORRUPTIONS = {
    "part order": lambda d: d["parts"].reverse(),
    "part maximum": lambda d: d["parts"][0].update(max_points=41),
    "section sum": lambda d: d["parts"][0]["sections"][0].update(max_points=19),
    "criterion sum": lambda d: _crit(d, "1.3").update(max_points=4),
    "duplicate number": lambda d: _crit(d, "1.3").update(number="1.2"),
    "number outside section": lambda d: _crit(d, "1.3").update(number="2.9"),
    "level above maximum": lambda d: _crit(d, "1.3")["levels"][-1].update(points=4),
    "levels lose points": lambda d: _crit(d, "1.3")["levels"].reverse(),
    "blank without oddity": lambda d: _crit(d, "1.3")["levels"][0].update(points=None),
    "blank without assumption": lambda d: _crit(d, "1.2")["levels"][0].update(assumed_points=None),
    "assumption on printed points": lambda d: _crit(d, "1.3")["levels"][0].update(assumed_points=0),
    "duplicate points without oddity": lambda d: _crit(d, "1.3")["levels"][1].update(points=1),
    "top below maximum": lambda d: _crit(d, "1.3")["levels"].pop(),
    "unprinted without oddity": lambda d: _crit(d, "1.3")["levels"][0].update(printed=False, text_vi=None),
    "printed without text": lambda d: _crit(d, "1.3")["levels"][0].update(text_vi=None),
    "star marks fall": lambda d: _crit(d, "6.5")["levels"][3].update(star=4),
    "starred level not above lower": lambda d: _crit(d, "3.1")["levels"][1].update(star=3),
    "no levels": lambda d: _crit(d, "1.3").update(levels=[]),
    "leaf section with two criteria": lambda d: d["parts"][2]["sections"][1]["criteria"].append(
        dict(_crit(d, "8"), number="7")
    ),
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_integrity_check_catches(name):
    with pytest.raises(SheetIntegrityError) as info:
        structure_sheet(_corrupt(CORRUPTIONS[name]))
    assert "sheet 7 of 26/2026" in str(info.value)


def test_part_maximum_must_match_the_edition():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    check_sheet(sheet)
    parts = list(sheet.parts)
    parts[2] = attrs.evolve(parts[2], max_points=36, sections=parts[2].sections)
    with pytest.raises(SheetIntegrityError):
        check_sheet(attrs.evolve(sheet, parts=tuple(parts)))


def test_unknown_keys_are_refused():
    data = raw(7)
    data["parts"][0]["surprise"] = 1
    with pytest.raises(SheetFormatError) as info:
        structure_sheet(data)
    assert "surprise" in str(info.value)
