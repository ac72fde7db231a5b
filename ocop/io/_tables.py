"""The council scoring workbook (xlsx, with openpyxl) and the same table as CSV."""

from __future__ import annotations

import csv
import importlib
import io
import os
import zipfile
from typing import Any

from ocop.criteria._model import Sheet
from ocop.errors import InvalidValue, OcopError
from ocop.grading import Scorecard
from ocop.io import _grid
from ocop.io._grid import (
    FIRST_MEMBER,
    HEADER_ROW,
    MAX_BYTES,
    bounded_rows,
    build,
    cell_name,
    column_letter,
    parse,
    read_bytes,
)

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
    out = io.BytesIO()
    wb.save(out)
    _write(path, out.getvalue())


def write_workbook(path: Path, council: Scorecard | Any) -> None:
    """Write a council's scorecards (or one scorecard) as a scoring workbook.

    One worksheet: the edition and sheet, then the criteria as rows with their levels,
    points and starred minima, a column of points per member, the eliminations and
    dossier grounds each member records, and part totals and the total as formulas.
    :func:`read_workbook` reads it back.

    :raises InvalidValue, MixedScorecards: not a council on one sheet.
    :raises InvalidValue: ``path`` cannot be written (a directory, a missing folder, a full disk).
    """
    cards, names = _grid.members_of(council)
    _save_workbook(path, cards[0].sheet, names, cards)


def blank_workbook(path: Path, sheet: int | Sheet, members: list[str], *, edition: str | None = None) -> None:
    """Write an empty scoring workbook for ``members`` to fill in (one column each).

    Each member writes, on each criterion's row, the points of the level they tick
    (0 where no box is ticked); the cells offer the allowed points as a drop-down.

    :raises InvalidValue: no members, or names blank or repeated; ``path`` cannot be written.
    :raises UnknownEdition, UnknownSheet, CriteriaNotPublished: as :func:`ocop.criteria.sheet`.
    """
    chosen, names = _grid.blank_sheet(sheet, edition, members)
    _save_workbook(path, chosen, names, None)


def read_workbook(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Scorecard, ...]:
    """The council's scorecards from a scoring workbook (the first worksheet).

    Only a regular file of at most ``max_bytes`` is read (checked with ``stat`` first); a
    workbook that would unpack to more than 20 MB, or a table of more than 1000 rows or
    1008 columns, is refused before it is parsed any further.  Total rows are ignored
    (recomputed by :func:`ocop.grade`).  Errors name the cell, e.g. ``field='I12'``.

    :raises InvalidValue: the file is missing, not a regular file, too large, not a
        workbook, or a cell is not as the layout requires (a blank, a fraction, text where
        points go).
    :raises UnknownLevel, UnknownCriterion, IncompleteScorecard, AmbiguousLevel: as
        :meth:`ocop.Scorecard.from_points`, with the cell named.
    """
    data = read_bytes(path, max_bytes)
    name = os.fspath(path)
    _check_unpacked(data, name)
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a bad file
        raise InvalidValue(f"{name} is not an xlsx workbook", field="path", value=name) from exc
    try:
        # read-only workbooks parse their XML while the rows are read: a broken sheet fails here
        rows = bounded_rows(wb.worksheets[0].iter_rows(values_only=True), name)
    except OcopError:
        raise
    except Exception as exc:
        raise InvalidValue(f"{name} is not an xlsx workbook", field="path", value=name) from exc
    finally:
        wb.close()
    return parse(rows, text=False)


#: The most an xlsx file may unpack to: a 1000-member scoring workbook unpacks to under 1 MB,
#: and a small file that unpacks to gigabytes (a "zip bomb") must not be opened.
MAX_UNPACKED_BYTES = 20_000_000


def _check_unpacked(data: bytes, name: str) -> None:
    # zipfile never returns more than a member's declared size, so the declared sizes bound
    # what openpyxl can unpack.
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InvalidValue(f"{name} is not an xlsx workbook", field="path", value=name) from exc
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise InvalidValue(
            f"{name} unpacks to more than a council scoring workbook", field="path", value=name,
            allowed=f"at most {MAX_UNPACKED_BYTES} bytes unpacked",
        )  # fmt: skip


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

    :raises InvalidValue, MixedScorecards: as :func:`write_workbook`.
    """
    cards, names = _grid.members_of(council)
    _write(path, _csv_text(cards[0].sheet, names, cards).encode("utf-8"))


def blank_csv(path: Path, sheet: int | Sheet, members: list[str], *, edition: str | None = None) -> None:
    """Write an empty scoring table as CSV for ``members`` to fill in (see :func:`blank_workbook`)."""
    chosen, names = _grid.blank_sheet(sheet, edition, members)
    _write(path, _csv_text(chosen, names, None).encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    # The table is built in memory first: a path that cannot be written (a directory, a
    # missing folder, a full disk) fails as an OcopError naming it, like the readers.
    name = _grid.check_path(path)
    try:
        with open(name, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InvalidValue(
            f"cannot write {name}: {exc.strerror}", field="path", value=name, allowed="a writable file path"
        ) from exc


def read_csv(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Scorecard, ...]:
    """The council's scorecards from a CSV scoring table (UTF-8, with or without a BOM).

    Cells are text: points are whole numbers written in digits.  Errors name the cell.
    The file is read the bounded way :func:`read_workbook` reads.

    :raises InvalidValue: as :func:`read_workbook`; also a file that is not UTF-8 or not
        CSV (a cell longer than 131,072 characters).
    """
    data = read_bytes(path, max_bytes)
    name = os.fspath(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidValue(f"{name} is not UTF-8 text", field="path", value=name) from exc
    try:
        rows = bounded_rows(csv.reader(io.StringIO(text, newline="")), name)
    except csv.Error as exc:  # a NUL byte, or a quoted field left open at the end
        raise InvalidValue(f"{name} is not a CSV table: {exc}", field="path", value=name) from exc
    return parse(rows, text=True)
