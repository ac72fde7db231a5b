"""The sheet loader's contract, pinned where mutation testing found it loose (ocop/criteria/_load.py).

Sheet files are user input (``load_sheet``/``sheet_from_json``): every refusal names its JSON path
(``loc``), the offending value and what is allowed; the integrity checks name the sheet, the place
and the failed rule; the packaged files are read through the same bounds as a user's file.
"""

from __future__ import annotations

import copy
import json
import re
from importlib import resources

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop._strict import error_leaves
from ocop.criteria import _load
from ocop.errors import InvalidValue, SheetFormatError, SheetIntegrityError


def raw(code: int, edition: str = "26/2026") -> dict:
    """A packaged sheet file, parsed by the standard library (not by the code under test)."""
    folder = edition.replace("/", "-")
    path = resources.files("ocop.criteria").joinpath("data", folder, f"sheet-{code:02d}.json")
    return json.loads(path.read_bytes())


def crit(data: dict, number: str) -> dict:
    for part in data["parts"]:
        for section in part["sections"]:
            for c in section["criteria"]:
                if c["number"] == number:
                    return c
    raise KeyError(number)


def format_errors(data) -> list[dict]:
    with pytest.raises(SheetFormatError) as info:
        ocop.criteria.sheet_from_json(data)
    return info.value.errors()


@pytest.fixture
def fresh_converter():
    """The sheet converter is built on first use and cached: build it again inside the test, so
    the hooks checked are the ones built now (the cached one may predate the test)."""
    _load.converter.cache_clear()
    yield
    _load.converter.cache_clear()


# --- identifiers: the printed alphabets (the format documented in ocop/criteria/_load.py) ----

# Criterion, section and subsection numbers: "6.1.1", "7", lettered boxes "6.a", "6.1.3b".
NUMBER = r"[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2}){0,3}(\.?[a-z])?"
# Case keys and disqualification ground ids: "a", "forged-dossier".
KEY = r"[a-z0-9]{1,40}(-[a-z0-9]{1,40}){0,8}"
# Part codes: "A", "B", "C".
PART = r"[A-Z]"


def identifiers(data: dict) -> dict[str, list[tuple[list, str]]]:
    """Every identifier of a sheet file by kind: (its JSON path, its alphabet)."""
    kinds = ("part", "section", "subsection", "criterion", "group", "case", "ground")
    found: dict[str, list[tuple[list, str]]] = {k: [] for k in kinds}
    for i, part in enumerate(data["parts"]):
        found["part"].append((["parts", i, "code"], PART))
        for j, section in enumerate(part["sections"]):
            at = ["parts", i, "sections", j]
            found["section"].append(([*at, "number"], NUMBER))
            for k, _ in enumerate(section["subsections"]):
                found["subsection"].append(([*at, "subsections", k, "number"], NUMBER))
            for k, c in enumerate(section["criteria"]):
                found["criterion"].append(([*at, "criteria", k, "number"], NUMBER))
                if c["group"] is not None:
                    found["group"].append(([*at, "criteria", k, "group"], NUMBER))
                for m, _ in enumerate(c["cases"]):
                    found["case"].append(([*at, "criteria", k, "cases", m, "key"], KEY))
    if data.get("disqualification"):
        for i, _ in enumerate(data["disqualification"]["grounds"]):
            found["ground"].append((["disqualification", "grounds", i, "id"], KEY))
    return found


def _get(data, path):
    for step in path[:-1]:
        data = data[step]
    return data, path[-1]


# Lookalikes that print like (or invisibly inside) an identifier, and any other non-ASCII character.
LOOKALIKES = st.one_of(
    st.sampled_from(
        ["\u200b", "\u200f", "\u200e", "\ufeff", "\u00a0", "\u0661", "\u0967", "\uff11", "\u0430", "\u2024"]
    ),
    st.characters(min_codepoint=0x80, exclude_categories=("Cs",)),
)
SHEETS = {code: raw(code) for code in (7, 11, 26)}  # 11: subsections and groups; 26: cases


@pytest.mark.parametrize(
    ("kind", "code"),
    [("part", 7), ("section", 7), ("subsection", 11), ("criterion", 7), ("group", 11), ("case", 26), ("ground", 7)],
)
@settings(max_examples=20)
@given(data=st.data())
def test_a_lookalike_in_one_identifier_is_refused_at_exactly_its_path(kind, code, data):
    sheet = SHEETS[code]
    path, alphabet = data.draw(st.sampled_from(identifiers(sheet)[kind]))
    holder, key = _get(sheet, path)
    original = holder[key]
    at = data.draw(st.integers(0, len(original)))
    forged = original[:at] + data.draw(LOOKALIKES) + original[at:]
    holder[key] = forged
    try:
        text = json.dumps(sheet, ensure_ascii=False)
    finally:
        holder[key] = original
    assert format_errors(text) == [
        {"loc": path, "msg": "identifier outside its printed alphabet", "type": "InvalidValue",
         "value": forged, "allowed": alphabet},
    ]  # fmt: skip


def test_every_forged_identifier_is_reported():
    data = copy.deepcopy(SHEETS[11])
    wanted = []
    for kind in ("part", "section", "subsection", "criterion", "group", "ground"):
        path, alphabet = identifiers(data)[kind][-1]
        holder, key = _get(data, path)
        holder[key] = "\u0661" + holder[key]
        wanted.append({"loc": path, "msg": "identifier outside its printed alphabet", "type": "InvalidValue",
                       "value": holder[key], "allowed": alphabet})  # fmt: skip
    assert sorted(format_errors(data), key=repr) == sorted(wanted, key=repr)


def test_identifiers_in_their_alphabet_load():
    assert ocop.criteria.sheet_from_json(SHEETS[26]) == ocop.criteria.sheet(26, edition="26/2026")
    assert ocop.criteria.sheet_from_json(SHEETS[11]) == ocop.criteria.sheet(11, edition="26/2026")


# --- format errors: exact details (loc, msg, type, value, allowed) -----------------------------


def _level(d):
    return crit(d, "1.1")["levels"][0]


@pytest.mark.parametrize(
    ("where", "change", "expected"),
    [
        (lambda d: d, {"edition": 26},
         {"loc": ["edition"], "msg": "Invalid value. not an edition code", "type": "InvalidValue",
          "value": 26, "allowed": "an edition code such as '26/2026'"}),
        (lambda d: d, {"edition": None},
         {"loc": ["edition"], "msg": "Invalid value. not an edition code", "type": "InvalidValue",
          "value": None, "allowed": "an edition code such as '26/2026'"}),
        (lambda d: d, {"provenance": 7},
         {"loc": ["provenance"], "msg": "Invalid value. expected an object (Provenance)", "type": "InvalidValue",
          "value": 7, "allowed": "a JSON object"}),
        (lambda d: d["parts"][0], {"sections": ["1"]},
         {"loc": ["parts", 0, "sections", 0], "msg": "Invalid value. expected an object (Section)",
          "type": "InvalidValue", "value": "1", "allowed": "a JSON object"}),
        (lambda d: crit(d, "1.1"), {"notes": [["requirement"]]},
         {"loc": ["parts", 0, "sections", 0, "criteria", 0, "notes", 0],
          "msg": "Invalid value. expected an object (Note)", "type": "InvalidValue",
          "value": ["requirement"], "allowed": "a JSON object"}),
        (lambda d: crit(d, "1.1"), {"levels": [3]},
         {"loc": ["parts", 0, "sections", 0, "criteria", 0, "levels", 0],
          "msg": "Invalid value. expected an object (Level)", "type": "InvalidValue", "value": 3,
          "allowed": "a JSON object"}),
        (lambda d: d["disqualification"], {"grounds": [None]},
         {"loc": ["disqualification", "grounds", 0], "msg": "Invalid value. expected an object (Ground)",
          "type": "InvalidValue", "value": None, "allowed": "a JSON object"}),
        (lambda d: crit(d, "1.1")["notes"][0], {"kind": "must"},
         {"loc": ["parts", 0, "sections", 0, "criteria", 0, "notes", 0, "kind"],
          "msg": "Invalid value. not a NoteKind", "type": "InvalidValue", "value": "must",
          "allowed": ("requirement", "elimination", "halt", "scope", "note")}),
        (lambda d: d["provenance"], {"archive": "x"},
         {"loc": ["provenance"], "msg": "unknown fields", "type": "ExtraFields", "value": ["archive"],
          "allowed": None}),
        (_level, {"weight": 1},
         {"loc": ["parts", 0, "sections", 0, "criteria", 0, "levels", 0], "msg": "unknown fields",
          "type": "ExtraFields", "value": ["weight"], "allowed": None}),
        (lambda d: d["disqualification"]["grounds"][0], {"law": "x"},
         {"loc": ["disqualification", "grounds", 0], "msg": "unknown fields", "type": "ExtraFields",
          "value": ["law"], "allowed": None}),
        (lambda d: d["oddities"][0], {"page": 3},
         {"loc": ["oddities", 0], "msg": "unknown fields", "type": "ExtraFields", "value": ["page"], "allowed": None}),
    ],
)  # fmt: skip
def test_format_errors_carry_their_details(fresh_converter, where, change, expected):
    data = copy.deepcopy(SHEETS[7])
    where(data).update(change)
    assert format_errors(data) == [expected]


@pytest.mark.parametrize(("data", "kind"), [("[1, 2]", "list"), ('"sheet"', "str"), ("7", "int"), ("null", "NoneType")])
def test_a_sheet_file_that_is_not_an_object(data, kind):
    assert format_errors(data) == [
        {"loc": [], "msg": "expected an object", "type": "InvalidValue", "value": kind, "allowed": "a JSON object"}
    ]


def test_the_classification_reads_nested_records_strictly(fresh_converter):
    """The classification's records are structured by the same strict hooks."""
    from ocop.criteria._classification import Classification

    data = _load.converter().unstructure(ocop.criteria.classification(edition="26/2026"))
    assert _load.converter().structure(copy.deepcopy(data), Classification) == ocop.criteria.classification(
        edition="26/2026"
    )
    data["sectors"][0]["groups"][0] = 5
    with pytest.raises(cattrs.BaseValidationError) as info:
        _load.converter().structure(data, Classification)
    leaves = [e for _, e in error_leaves(info.value)]
    assert len(leaves) == 1
    assert isinstance(leaves[0], InvalidValue)
    assert (leaves[0].value, leaves[0].allowed) == (5, "a JSON object")
    assert "expected an object (ProductGroup)" in str(leaves[0])


# --- packaged files: read afresh, through the same bounds -------------------------------------


@pytest.mark.parametrize(("edition", "code"), [("26/2026", 7), ("1048/2019", 26)])
def test_a_packaged_sheet_read_afresh_is_the_sheet_served(edition, code):
    fresh = _load.load_packaged.__wrapped__(edition, code)  # the uncached read
    assert fresh == ocop.criteria.sheet(code, edition=edition)
    assert fresh == ocop.criteria.sheet_from_json(raw(code, edition))


@pytest.mark.parametrize("edition", ["26/2026", "1048/2019"])
def test_a_packaged_classification_read_afresh_is_the_one_served(edition):
    assert _load.load_packaged_classification.__wrapped__(edition) == ocop.criteria.classification(edition=edition)


def test_packaged_files_are_read_within_the_byte_limit(monkeypatch):
    size = len(resources.files("ocop.criteria").joinpath("data", "26-2026", "sheet-07.json").read_bytes())
    monkeypatch.setattr(_load, "MAX_SHEET_BYTES", size - 1)
    with pytest.raises(InvalidValue) as info:
        _load.load_packaged.__wrapped__("26/2026", 7)
    assert "sheet-07.json too large" in str(info.value)
    assert (info.value.field, info.value.value, info.value.allowed) == (
        "data",
        f"{size} bytes",
        f"at most {size - 1} bytes",
    )
    monkeypatch.setattr(_load, "MAX_SHEET_BYTES", size)
    assert _load.load_packaged.__wrapped__("26/2026", 7) == ocop.criteria.sheet(7, edition="26/2026")


# --- integrity checks: waivers and messages ---------------------------------------------------


def integrity_message(data) -> str:
    with pytest.raises(SheetIntegrityError) as info:
        ocop.criteria.sheet_from_json(data)
    return str(info.value)


def test_a_part_total_oddity_waives_the_part_sum_and_only_it():
    # 1048/2019 sheet 26 prints part A as 35 points while its criteria add up to 34.
    data = raw(26, "1048/2019")
    assert ocop.criteria.sheet_from_json(data).parts[0].max_points == 35
    data["oddities"] = [o for o in data["oddities"] if o["kind"] != "part-total"]
    assert "sheet 26 of 1048/2019, part A: sections add up to 34, not 35" in integrity_message(data)


def test_a_top_below_maximum_oddity_waives_the_top_level_check():
    # 1048/2019 sheet 7, 3.2 case b: the top level scores 1 of the criterion's 2 points.
    data = raw(7, "1048/2019")
    assert crit(data, "3.2")["max_points"] == 2
    assert ocop.criteria.sheet_from_json(data) == ocop.criteria.sheet(7, edition="1048/2019")
    data["oddities"] = [o for o in data["oddities"] if (o["where"], o["kind"]) != ("3.2", "top-below-maximum")]
    assert "criterion 3.2: top level 1 != maximum 2" in integrity_message(data)


def test_the_top_level_message_names_the_top_level():
    data = copy.deepcopy(SHEETS[7])
    levels = crit(data, "4.3")["levels"]  # 0, 1, 2, 3, 5 of 5 points
    levels[-1]["points"] = 4
    assert "sheet 7 of 26/2026, criterion 4.3: top level 4 != maximum 5" in integrity_message(data)


def test_two_sections_with_one_number():
    data = copy.deepcopy(SHEETS[7])
    sections = data["parts"][0]["sections"]
    sections[1]["number"] = "1"
    numbers = [s["number"] for p in data["parts"] for s in p["sections"]]
    assert f"sheet 7 of 26/2026, sections: a section number is used twice: {numbers}" in integrity_message(data)


def _star_in_case(data, waived: bool):
    top_of_a = [lvl for lvl in crit(data, "8")["levels"] if lvl["case"] == "a"][-1]
    top_of_a["star"] = 3
    if waived:
        data["oddities"].append({"where": "8", "kind": "star-in-case", "note_en": "a star on case a"})


def test_a_star_on_a_case_level_needs_its_oddity():
    data = copy.deepcopy(SHEETS[26])
    _star_in_case(data, waived=False)
    assert "sheet 26 of 26/2026, criterion 8: star mark on a level of an alternative case" in integrity_message(data)
    data = copy.deepcopy(SHEETS[26])
    _star_in_case(data, waived=True)
    levels = ocop.criteria.sheet_from_json(data).criterion("8").levels
    assert [(lvl.case, lvl.value, lvl.star) for lvl in levels] == [
        ("a", 1, None), ("a", 3, ocop.Star.THREE), ("b", 1, None), ("b", 3, None)
    ]  # fmt: skip


@pytest.mark.parametrize("star", list(ocop.Star))
def test_star_marks_are_three_to_five(star):
    # 26/2026 Appendix II prints *** (3★), **** (4★) and ***** (5★) on levels: a 1★ or 2★ mark
    # would make a minimum apply to stars the programme does not recognise.
    data = copy.deepcopy(SHEETS[7])
    crit(data, "1.1")["levels"][0]["star"] = int(star)  # 1.1: 1 (***), 2, 3 points
    if star >= 3:
        assert ocop.criteria.sheet_from_json(data).criterion("1.1").levels[0].star is star
    else:
        assert f"sheet 7 of 26/2026, criterion 1.1: star mark {int(star)} outside 3..5" in integrity_message(data)


def _covers(data, number, *notes):
    crit(data, number)["notes"] = [
        {"kind": "halt", "text_vi": "…", "text_en": "…", **({"covers": list(c)} if c else {})} for c in notes
    ]


def test_notes_covering_several_criteria():
    # Sheet 16 of 26/2026 prints under 6.4 a note about 6.1-6.4 (a zero on any halts the evaluation).
    data = copy.deepcopy(raw(16))
    assert ocop.criteria.sheet_from_json(data) == ocop.criteria.sheet(16, edition="26/2026")
    within = "['6.1', '6.2', '6.3', '6.4']"
    for notes, message in [
        ((["6.1", "5.1"],), f"criterion 6.4: note covers ['6.1', '5.1'], not within {within}"),
        ((["6.1", "6.1", "6.4"],), f"criterion 6.4: note covers ['6.1', '6.1', '6.4'], not within {within}"),
        ((["6.1", "6.2"],), "criterion 6.4: a note covering several criteria covers its own"),
        # a note about 6.4 alone, then a faulty one: each note is checked
        (((), ["6.1", "5.1"]), f"criterion 6.4: note covers ['6.1', '5.1'], not within {within}"),
        (((), ["6.1", "6.2"]), "criterion 6.4: a note covering several criteria covers its own"),
    ]:
        data = copy.deepcopy(raw(16))
        _covers(data, "6.4", *notes)
        assert f"sheet 16 of 26/2026, {message}" in integrity_message(data), notes
    assert re.search("covers its own$", integrity_message(data))


# --- load_sheet: bounded reading of a user's file (stat first, regular files only, byte cap, UTF-8) --


def test_load_sheet_reads_only_bounded_utf8_regular_files(tmp_path):
    import os

    limit = _load.MAX_SHEET_BYTES
    fifo = tmp_path / "sheet.fifo"
    os.mkfifo(fifo)  # would block a reader forever: refused from its stat
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # sparse: one byte over the limit without writing it
        handle.truncate(limit + 1)
    latin = tmp_path / "latin.json"
    latin.write_bytes(json.dumps(SHEETS[7], ensure_ascii=False).encode("cp1258", "replace"))
    cases = [
        (tmp_path, f"{str(tmp_path)!r} is not a regular file", str(tmp_path), "a regular file"),
        (fifo, f"{str(fifo)!r} is not a regular file", str(fifo), "a regular file"),
        (big, f"{str(big)!r} is too large", f"{limit + 1} bytes", f"at most {limit} bytes"),
        (tmp_path / "none.json", "No such file or directory", str(tmp_path / "none.json"), "a readable file"),
    ]
    for path, message, value, allowed in cases:
        with pytest.raises(InvalidValue) as info:
            ocop.criteria.load_sheet(path)
        assert message in str(info.value)
        assert (info.value.field, info.value.value, info.value.allowed) == ("path", value, allowed)
    with pytest.raises(InvalidValue) as info:
        ocop.criteria.load_sheet(latin)
    assert "sheet file is not UTF-8 text" in str(info.value)
    assert (info.value.field, info.value.allowed) == ("data", "JSON text in UTF-8")
    good = tmp_path / "sheet.json"
    good.write_text(json.dumps(SHEETS[7]), encoding="utf-8")
    assert ocop.criteria.load_sheet(good) == ocop.criteria.sheet(7, edition="26/2026")
