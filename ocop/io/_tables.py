"""The council scoring workbook (xlsx, with openpyxl) and the same table as CSV."""

from __future__ import annotations

import csv
import importlib
import io
import os
from typing import Any

from ocop.criteria._model import Sheet
from ocop.errors import InvalidValue
from ocop.grading import Scorecard
from ocop.io import _grid
from ocop.io._grid import FIRST_MEMBER, HEADER_ROW, MAX_BYTES, build, cell_name, check_size, column_letter, parse

__all__ = ["blank_workbook", "read_csv", "read_workbook", "write_csv", "write_workbook"]

Path = str | os.PathLike[str]


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("workbooks need openpyxl: pip install 'ocop[excel]'") from exc


def _save_workbook(path: Path, sheet: Sheet, names: list[str], cards: tuple[Scorecard, ...] | None) -> None:
    openpyxl = _openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    validation = importlib.import_module("openpyxl.worksheet.datavalidation")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"Phiếu {sheet.code}"
    grid = build(sheet, names, cards)
    for row in grid:
        ws.append(row)
    first, last = _grid.criterion_rows(sheet)
    for c in range(len(grid[HEADER_ROW])):
        ws.cell(row=HEADER_ROW + 1, column=c + 1).font = styles.Font(bold=True)
    # Totals as formulas, so that the person filling the workbook sees them move.
    for part in sheet.parts:
        ws.append([f"total {part.code}"])
    ws.append(["total"])
    total_row = ws.max_row
    for m in range(len(names)):
        col = column_letter(FIRST_MEMBER + m)
        span = f"{col}{first + 1}:{col}{last + 1}"
        for k, part in enumerate(sheet.parts):
            row = total_row - len(sheet.parts) + k
            ws[f"{col}{row}"] = f'=SUMIF($A${first + 1}:$A${last + 1},"{part.code}",{span})'
        ws[f"{col}{total_row}"] = f"=SUM({span})"
    # Each criterion's cells accept only the points of its levels (a drop-down in Excel).
    for r, (_, _, criterion) in enumerate(sheet.iter_criteria(), start=first):
        allowed = ",".join(str(p) for p in _grid.allowed_points(criterion))
        dv = validation.DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{cell_name(r, FIRST_MEMBER)}:{cell_name(r, FIRST_MEMBER + len(names) - 1)}")
    ws.freeze_panes = cell_name(HEADER_ROW + 1, FIRST_MEMBER)
    ws.column_dimensions["C"].width = 48
    ws.column_dimensions["D"].width = 24
    wb.save(_grid.check_path(path))


def write_workbook(path: Path, council: Scorecard | Any) -> None:
    """Write a council's scorecards (or one scorecard) as a scoring workbook.

    One worksheet: the edition and sheet, then the criteria as rows with their levels,
    points and starred minima, a column of points per member, the eliminations and
    dossier grounds each member records, and part totals and the total as formulas.
    :func:`read_workbook` reads it back.

    :raises InvalidValue, MixedScorecards: not a council on one sheet.
    """
    cards, names = _grid.members_of(council)
    _save_workbook(path, cards[0].sheet, names, cards)


def blank_workbook(path: Path, sheet: int | Sheet, members: list[str], *, edition: str | None = None) -> None:
    """Write an empty scoring workbook for ``members`` to fill in (one column each).

    Each member writes, on each criterion's row, the points of the level they tick
    (0 where no box is ticked); the cells offer the allowed points as a drop-down.

    :raises InvalidValue: no members, or names blank or repeated.
    :raises UnknownEdition, UnknownSheet, CriteriaNotPublished: as :func:`ocop.criteria.sheet`.
    """
    chosen, names = _grid.blank_sheet(sheet, edition, members)
    _save_workbook(path, chosen, names, None)


def read_workbook(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Scorecard, ...]:
    """The council's scorecards from a scoring workbook (the first worksheet).

    The file's size is checked before it is read; total rows are ignored (recomputed by
    :func:`ocop.grade`).  Errors name the cell, e.g. ``field='I12'``.

    :raises InvalidValue: the file is missing, too large, not a workbook, or a cell is
        not as the layout requires (a blank, a fraction, text where points go).
    :raises UnknownLevel, UnknownCriterion, IncompleteScorecard, AmbiguousLevel: as
        :meth:`ocop.Scorecard.from_points`, with the cell named.
    """
    check_size(path, max_bytes)
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(os.fspath(path), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a bad file
        raise InvalidValue(f"{os.fspath(path)} is not an xlsx workbook", field="path", value=os.fspath(path)) from exc
    try:
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    return parse(rows, text=False)


def _csv_text(sheet: Sheet, names: list[str], cards: tuple[Scorecard, ...] | None) -> str:
    grid = build(sheet, names, cards)
    for part in sheet.parts:
        grid.append([f"total {part.code}", *[None] * (FIRST_MEMBER - 1)])
        if cards:
            grid[-1] += [sum(card.points(c.number) for c in part.criteria) for card in cards]
    grid.append(["total", *[None] * (FIRST_MEMBER - 1)])
    if cards:
        grid[-1] += [sum(card.points(c.number) for c in sheet.criteria) for card in cards]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["" if v is None else v for v in row] for row in grid])
    return out.getvalue()


def write_csv(path: Path, council: Scorecard | Any) -> None:
    """Write a council's scorecards as CSV (UTF-8), the same table as :func:`write_workbook`.

    The totals are numbers here (CSV has no formulas); they are ignored when read.
    """
    cards, names = _grid.members_of(council)
    text = _csv_text(cards[0].sheet, names, cards)
    with open(_grid.check_path(path), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def blank_csv(path: Path, sheet: int | Sheet, members: list[str], *, edition: str | None = None) -> None:
    """Write an empty scoring table as CSV for ``members`` to fill in."""
    chosen, names = _grid.blank_sheet(sheet, edition, members)
    text = _csv_text(chosen, names, None)
    with open(_grid.check_path(path), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def read_csv(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Scorecard, ...]:
    """The council's scorecards from a CSV scoring table (UTF-8, with or without a BOM).

    Cells are text: points are whole numbers written in digits.  Errors name the cell.

    :raises InvalidValue: as :func:`read_workbook`; also a file that is not UTF-8.
    """
    check_size(path, max_bytes)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError as exc:
        raise InvalidValue(f"{os.fspath(path)} is not UTF-8 text", field="path", value=os.fspath(path)) from exc
    return parse(rows, text=True)
