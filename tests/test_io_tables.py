from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
import ocop.io
import ocop.strategies as ost
from ocop.errors import InvalidValue, MixedScorecards, UnknownCriterion, UnknownEdition, UnknownLevel, UnknownSheet

openpyxl = pytest.importorskip("openpyxl")

SHEET = ocop.criteria.sheet(7, edition="26/2026")
COUNCIL = ocop.io.demo_council()


def fill_like_a_person(path, cards):
    """Open the blank workbook and type each member's points in the row of each criterion.

    The rows are found by reading the criterion numbers in column B, not from the library.
    """
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[4]]
    for card in cards:
        col = header.index(card.evaluator) + 1
        for row in ws.iter_rows(min_row=5):
            number = row[1].value
            if number in card.levels:
                ws.cell(row=row[0].row, column=col, value=card.points(number))
            elif row[0].value in ("eliminations", "disqualifications", "halts", "out_of_scope"):
                flags = sorted(getattr(card, row[0].value))
                ws.cell(row=row[0].row, column=col, value=", ".join(flags) or None)
    wb.save(path)


def test_blank_workbook_filled_by_hand_grades_the_same(tmp_path):
    path = tmp_path / "council.xlsx"
    ocop.io.blank_workbook(path, 7, ["Member 1", "Member 2", "Member 3"], edition="26/2026")
    fill_like_a_person(path, COUNCIL)
    back = ocop.io.read_workbook(path)
    assert back == COUNCIL and ocop.grade(back) == ocop.grade(COUNCIL)


def test_workbook_layout(tmp_path):
    path = tmp_path / "council.xlsx"
    ocop.io.write_workbook(path, COUNCIL)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Phiếu 7"
    assert [ws["A1"].value, ws["B1"].value, ws["A2"].value, ws["B2"].value] == ["edition", "26/2026", "sheet", 7]
    assert [c.value for c in ws[4]][8:] == ["Member 1", "Member 2", "Member 3"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=5) if r[1].value}
    assert len(rows) == 32 and rows["6.5"][3].value == "0 | 1 | 3 (4★) | 5 (5★)"
    assert [rows["6.5"][i].value for i in range(4, 11)] == [5, None, 3, 5, 3, 1, 3]
    totals = {r[0].value: r for r in ws.iter_rows(min_row=5) if str(r[0].value).startswith("total")}
    assert totals["total"][8].value == "=SUM(I5:I36)" and totals["total A"][8].value.startswith("=SUMIF(")
    assert any("I5:K5" in str(dv.sqref) for dv in ws.data_validations.dataValidation)


@settings(max_examples=10, deadline=None)
@given(ost.councils(max_size=4), st.booleans())
def test_round_trip_over_random_councils(cards, blank):
    named = tuple(
        ocop.Scorecard(c.sheet, c.levels, evaluator=f"member {i}", eliminations=c.eliminations)
        for i, c in enumerate(cards, 1)
    )
    with tempfile.TemporaryDirectory() as d:
        xlsx, csv = os.path.join(d, "c.xlsx"), os.path.join(d, "c.csv")
        if blank:
            ocop.io.blank_workbook(xlsx, named[0].sheet, [c.evaluator for c in named])
            fill_like_a_person(xlsx, named)
        else:
            ocop.io.write_workbook(xlsx, named)
        ocop.io.write_csv(csv, named)
        # Points can name another level with the same points and star: the grade is what must agree.
        assert ocop.grade(ocop.io.read_workbook(xlsx)) == ocop.grade(named)
        assert ocop.grade(ocop.io.read_csv(csv)) == ocop.grade(named)


def test_eliminations_travel(tmp_path):
    flagged = (ocop.Scorecard(SHEET, COUNCIL[0].levels, evaluator="A", eliminations=["1.1"],
                              disqualifications=["forged-dossier"]), COUNCIL[1])
    for write, read, name in [(ocop.io.write_workbook, ocop.io.read_workbook, "x.xlsx"),
                              (ocop.io.write_csv, ocop.io.read_csv, "x.csv")]:
        write(tmp_path / name, flagged)
        assert read(tmp_path / name) == flagged


def test_halts_and_scope_exclusions_travel(tmp_path):
    # Sheet 7: 6.1 carries a halt note, 5.2 a scope note ("Chỉ áp dụng khi có câu chuyện sản phẩm").
    flagged = (ocop.Scorecard(SHEET, COUNCIL[0].levels, evaluator="A", halts=["6.1"]),
               ocop.Scorecard(SHEET, COUNCIL[1].levels, evaluator="B", out_of_scope=["5.2"]))
    for write, read, name in [(ocop.io.write_workbook, ocop.io.read_workbook, "x.xlsx"),
                              (ocop.io.write_csv, ocop.io.read_csv, "x.csv")]:
        write(tmp_path / name, flagged)
        back = read(tmp_path / name)
        assert back == flagged and ocop.grade(back) == ocop.grade(flagged)


def test_csv_is_plain_text(tmp_path):
    path = tmp_path / "c.csv"
    ocop.io.write_csv(path, COUNCIL)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3] == "part,criterion,name,levels,max_points,min_3,min_4,min_5,Member 1,Member 2,Member 3"
    assert lines[-1] == "total,,,,,,,,74,69,77"  # each member's total, summed by hand from demo points
    assert ocop.io.read_csv(path) == COUNCIL
    # A BOM (Excel's "CSV UTF-8") is fine.
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert ocop.io.read_csv(path) == COUNCIL
    ocop.io.blank_csv(tmp_path / "b.csv", SHEET, ["A"])
    assert (tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()[-1] == "total,,,,,,,"  # no points yet, no totals


def _csv_rows(tmp_path):
    path = tmp_path / "c.csv"
    ocop.io.write_csv(path, COUNCIL)
    return path, path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("edit", "error", "field"),
    [
        (lambda rows: rows.__setitem__(4, rows[4].replace(",3,3,3", ",3,,3")), InvalidValue, "J5"),
        (lambda rows: rows.__setitem__(4, rows[4].replace(",3,3,3", ",3,2.5,3")), InvalidValue, "J5"),
        (lambda rows: rows.__setitem__(4, rows[4].replace(",3,3,3", ",3,x,3")), InvalidValue, "J5"),
        (lambda rows: rows.__setitem__(4, rows[4].replace(",3,3,3", ",3,9,3")), UnknownLevel, "J5"),
        (lambda rows: rows.__setitem__(0, "edition,"), UnknownEdition, "B1"),
        (lambda rows: rows.__setitem__(0, "editio,26/2026"), InvalidValue, "A1"),
        (lambda rows: rows.__setitem__(1, "sheet,99"), UnknownSheet, "B2"),
        (lambda rows: rows.__setitem__(1, "sheet,seven"), InvalidValue, "B2"),
        (lambda rows: rows.__setitem__(3, rows[3].replace("Member 2", "")), InvalidValue, "J4"),
        (lambda rows: rows.__setitem__(3, rows[3].replace("levels", "level")), InvalidValue, "row 4"),
        (lambda rows: rows.__setitem__(3, rows[3].split(",Member 1")[0]), InvalidValue, "I4"),
        (lambda rows: rows.__setitem__(4, rows[4].replace("A,1.1,", "A,1.99,")), UnknownCriterion, "B5"),
        (lambda rows: rows.__setitem__(5, rows[4]), InvalidValue, "B6"),
        (lambda rows: rows.__setitem__(4, rows[4].replace("A,1.1,", "Z,1.1,")), InvalidValue, "A5"),
        (lambda rows: rows.__setitem__(4, "A"), InvalidValue, "A5"),
    ],
)
def test_csv_errors_name_the_cell(tmp_path, edit, error, field):
    path, rows = _csv_rows(tmp_path)
    edit(rows)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(error) as exc:
        ocop.io.read_csv(path)
    assert exc.value.field == field, exc.value


def test_workbook_errors_name_the_cell(tmp_path):
    path = tmp_path / "c.xlsx"
    ocop.io.write_workbook(path, COUNCIL)
    wb = openpyxl.load_workbook(path)
    assert wb.active["A37"].value == "eliminations"
    wb.active["J37"] = 5  # a number where a member's eliminations go
    wb.save(path)
    with pytest.raises(InvalidValue) as exc:
        ocop.io.read_workbook(path)
    assert exc.value.field == "J37"
    wb.active["J37"] = None
    wb.active["K12"] = 1.5
    wb.save(path)
    with pytest.raises(InvalidValue) as exc:
        ocop.io.read_workbook(path)
    assert exc.value.field == "K12" and exc.value.value == 1.5


def test_files_are_checked_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2001)
    with pytest.raises(InvalidValue, match="too large") as exc:
        ocop.io.read_csv(path, max_bytes=2000)
    assert exc.value.value == 2001
    with pytest.raises(InvalidValue, match="cannot read"):
        ocop.io.read_workbook(tmp_path / "missing.xlsx")
    with pytest.raises(InvalidValue, match="not an xlsx workbook"):
        ocop.io.read_workbook(path)
    (tmp_path / "latin.csv").write_bytes("edition,26/2026\nsheet,7,Ch\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidValue, match="not UTF-8"):
        ocop.io.read_csv(tmp_path / "latin.csv")


def test_writing_refuses_what_is_not_a_council(tmp_path):
    with pytest.raises(MixedScorecards):
        ocop.io.write_workbook(tmp_path / "x.xlsx", [COUNCIL[0], _other_sheet_card()])
    for members in ([], "AB", ["A", "A"], ["A", ""], [3]):
        with pytest.raises(InvalidValue):
            ocop.io.blank_workbook(tmp_path / "x.xlsx", SHEET, members)


def _other_sheet_card():
    sheet = ocop.criteria.sheet(1, edition="26/2026")
    return ocop.Scorecard(sheet, {c.number: len(c.levels) - 1 for c in sheet.criteria})


def test_trailing_blank_header_cells_are_not_members(tmp_path):
    path, rows = _csv_rows(tmp_path)
    rows[3] += ",,"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert ocop.io.read_csv(path) == COUNCIL


def test_paths_and_limits_are_checked(tmp_path):
    for junk in (None, 3, b"x.csv", "", "a\x00b"):
        with pytest.raises(InvalidValue) as exc:
            ocop.io.read_csv(junk)
        assert exc.value.field == "path"
        with pytest.raises(InvalidValue):
            ocop.io.write_csv(junk, COUNCIL)
    for limit in (-1, True, 2.0):
        with pytest.raises(InvalidValue) as exc:
            ocop.io.read_csv(tmp_path / "x.csv", max_bytes=limit)
        assert exc.value.field == "max_bytes"
    for unencodable in ("\udcff.csv", "\ud800.csv"):  # a missing file; a name the file system cannot encode
        with pytest.raises(InvalidValue, match="cannot read"):
            ocop.io.read_csv(unencodable)


def test_members_need_distinct_names(tmp_path):
    twins = [ocop.Scorecard(SHEET, COUNCIL[0].levels, evaluator="Lan")] * 2
    for name, cards in [("Lan", twins), ("mean", [ocop.Scorecard(SHEET, COUNCIL[0].levels, evaluator="mean")])]:
        with pytest.raises(InvalidValue) as exc:
            ocop.io.write_workbook(tmp_path / "x.xlsx", cards)
        assert exc.value.field == "evaluator" and exc.value.value == name
    assert not (tmp_path / "x.xlsx").exists()


def test_a_table_that_grows_while_read_is_cut_at_the_cap(tmp_path, monkeypatch):
    # stat reports the size when checked; a file written to meanwhile is read no further than
    # the cap, then refused (the answer never depends on how far a growing file got).
    from ocop.io import _grid

    path = tmp_path / "council.csv"
    path.write_bytes(b"x" * 100)
    real_stat = os.stat
    monkeypatch.setattr(_grid.os, "stat", lambda p: os.stat_result((*real_stat(p)[:6], 10, *real_stat(p)[7:])))
    with pytest.raises(InvalidValue) as info:
        ocop.io.read_csv(path, max_bytes=50)
    assert (info.value.field, info.value.value, info.value.allowed) == ("path", 51, "at most 50 bytes")


def test_a_table_that_cannot_be_opened_is_refused_with_the_reason(tmp_path, monkeypatch):
    from ocop.io import _grid

    path = tmp_path / "council.csv"
    path.write_bytes(b"edition,26/2026\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_grid, "open", refuse, raising=False)
    with pytest.raises(InvalidValue, match="Permission denied") as info:
        ocop.io.read_csv(path)
    assert (info.value.field, info.value.value) == ("path", str(path))


def test_the_readers_docs_state_the_limits_they_apply():
    from ocop.io import _grid, _tables

    doc = " ".join(ocop.io.read_workbook.__doc__.split())
    assert f"more than {_tables.MAX_UNPACKED_BYTES // 1_000_000} MB" in doc
    assert f"more than {_grid.MAX_ROWS} rows or {_grid.MAX_COLUMNS} columns" in doc
