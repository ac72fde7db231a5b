"""The council scoring table as a grid of cells, shared by the workbook and the CSV file.

Layout (rows and columns as a person sees them in a spreadsheet)::

    A            B          C     D        E           F      G      H      I…
    edition      26/2026
    sheet        7          Chế biến từ rau, củ, quả, hạt
    (blank)
    part         criterion  name  levels   max_points  min_3  min_4  min_5  Member 1  Member 2 …
    A            1.1        …     0 | 1 | 3 | 5 (5★)   5  …                 3         3
    …            (one row per criterion: the member writes the points of the ticked level)
    eliminations                                                            6.1 (criteria whose elimination applies)
    disqualifications                                                       forged-dossier
    total A …    (part totals, then the total: formulas in a workbook, numbers in CSV; ignored when read)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ocop._editions import Star
from ocop._editions import edition as _edition
from ocop.criteria import sheet as _get_sheet
from ocop.criteria._model import Criterion, Sheet
from ocop.errors import InvalidValue, OcopError
from ocop.grading import Scorecard
from ocop.io._cells import exact_int, is_blank
from ocop.io._frames import _cards, member_names, with_cells

HEADER = ("part", "criterion", "name", "levels", "max_points", "min_3", "min_4", "min_5")
FIRST_MEMBER = len(HEADER)  # 0-based column of the first member
HEADER_ROW = 3  # 0-based row of the header
#: The conditions a member records beside the points (rows under the criteria).
FLAGS = ("eliminations", "disqualifications", "halts", "out_of_scope")

#: The largest table file read, in bytes: a sheet has at most a few dozen criteria.
MAX_BYTES = 2_000_000
#: The most rows and columns a table is read to: a sheet has under 50 rows (criteria, flags,
#: totals) and a council at most 1000 members (columns); more is not a scoring table.
MAX_ROWS = 1_000
MAX_COLUMNS = FIRST_MEMBER + 1_000


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """The spreadsheet name of a 0-based (row, column) cell: (4, 8) → I5."""
    return f"{column_letter(col)}{row + 1}"


def check_path(path: object) -> str:
    """A file path as text (``str`` or ``os.PathLike``), else :class:`~ocop.errors.InvalidValue`."""
    if isinstance(path, str) or (isinstance(path, os.PathLike) and isinstance(os.fspath(path), str)):
        text = os.fspath(path)
        if text and "\x00" not in text:
            return text
    raise InvalidValue(field="path", value=path, allowed="a file path (str or os.PathLike)")


def read_bytes(path: object, max_bytes: object) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, checked with ``stat`` before reading.

    A FIFO, a device or a directory is refused before any byte is read, and a file that
    grows while it is read is cut at the cap (then refused), so nothing reads without end.
    """
    path = check_path(path)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise InvalidValue(field="max_bytes", value=max_bytes, allowed="an integer >= 0")
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a path the file system cannot encode
        reason = exc.strerror if isinstance(exc, OSError) else "the file system cannot encode the name"
        raise InvalidValue(f"cannot read {path}: {reason}", field="path", value=path) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InvalidValue(f"{path} is not a regular file", field="path", value=path, allowed="a regular file")
    too_large = f"{path} is too large to be a council scoring table"
    if info.st_size > max_bytes:
        raise InvalidValue(too_large, field="path", value=info.st_size, allowed=f"at most {max_bytes} bytes")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InvalidValue(f"cannot read {path}: {exc.strerror}", field="path", value=path) from exc
    if len(data) > max_bytes:
        raise InvalidValue(too_large, field="path", value=len(data), allowed=f"at most {max_bytes} bytes")
    return data


def bounded_rows(rows: Iterable[Sequence[object]], path: str) -> list[list[object]]:
    """The rows of a table, refused past :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns."""
    out: list[list[object]] = []
    for row in rows:
        if len(out) == MAX_ROWS:
            raise InvalidValue(
                f"{path} has more rows than a council scoring table", field="path", value=path,
                allowed=f"at most {MAX_ROWS} rows",
            )  # fmt: skip
        if len(row) > MAX_COLUMNS:
            raise InvalidValue(
                f"{path} has more columns than a council scoring table", field="path", value=path,
                allowed=f"at most {MAX_COLUMNS} columns",
            )  # fmt: skip
        out.append(list(row))
    return out


def allowed_points(criterion: Criterion) -> list[int]:
    """The points a member may write for a criterion (0 also where no level is worth 0: no box ticked)."""
    return sorted({lvl.value for lvl in criterion.levels} | {0})


def _levels_text(criterion: Criterion) -> str:
    return " | ".join(f"{lvl.value}{f' ({lvl.star})' if lvl.star else ''}" for lvl in criterion.levels)


def _minimum(criterion: Criterion, star: Star) -> int | None:
    found = criterion.minimum_for(star)
    return None if found is None else found[1].value


def criterion_rows(sheet: Sheet) -> tuple[int, int]:
    """The 0-based first and last rows of the criteria."""
    return HEADER_ROW + 1, HEADER_ROW + len(sheet.criteria)


def build(sheet: Sheet, names: Sequence[str], cards: tuple[Scorecard, ...] | None) -> list[list[Any]]:
    """The grid: filled with the cards' points, or blank for the members to fill (``cards=None``).

    The total rows are left empty here; each format writes its own (formulas, numbers).
    """
    grid: list[list[Any]] = [
        ["edition", sheet.edition.code],
        ["sheet", sheet.code, sheet.name_vi],
        [],
        [*HEADER, *names],
    ]
    for part, _, c in sheet.iter_criteria():
        row: list[Any] = [part.code, c.number, c.name_vi, _levels_text(c), c.max_points]
        row += [_minimum(c, s) for s in (Star.THREE, Star.FOUR, Star.FIVE)]
        row += [card.points(c.number) for card in cards] if cards else [None] * len(names)
        grid.append(row)
    for flag in FLAGS:
        values = [", ".join(sorted(getattr(card, flag))) for card in cards] if cards else [""] * len(names)
        grid.append([flag, *[None] * (FIRST_MEMBER - 1), *values])
    return grid


def council(value: object) -> tuple[Scorecard, ...]:
    """A council (or one scorecard) checked: scorecards on one sheet."""
    return _cards(value)


def members_of(value: object) -> tuple[tuple[Scorecard, ...], list[str]]:
    """The council and its column names."""
    cards = council(value)
    return cards, member_names(cards)


def blank_sheet(sheet: int | Sheet, edition: object, members: object) -> tuple[Sheet, list[str]]:
    """The sheet and member names of a blank table, checked."""
    chosen = sheet if isinstance(sheet, Sheet) else _get_sheet(sheet, edition=edition)  # type: ignore[arg-type]
    if isinstance(members, str) or not isinstance(members, Sequence) or not members:
        raise InvalidValue(field="members", value=members, allowed="a non-empty list of names")
    for name in members:
        if not isinstance(name, str) or not name.strip():
            raise InvalidValue(field="members", value=name, allowed="member names as non-empty text")
    if len(set(members)) != len(members):
        raise InvalidValue(field="members", value=list(members), allowed="distinct names")
    return chosen, list(members)


Cell = Callable[[object, str], int]


def parse(rows: Sequence[Sequence[object]], *, text: bool) -> tuple[Scorecard, ...]:
    """The scorecards a filled grid holds; ``text`` for CSV, where every cell is text.

    Every error names the cell (``I12``).
    """

    def at(r: int, c: int) -> object:
        row = rows[r] if r < len(rows) else ()
        value = row[c] if c < len(row) else None
        return value.strip() if isinstance(value, str) else value

    def integer(r: int, c: int, allowed: Sequence[object] | str = "a whole number") -> int:
        return exact_int(at(r, c), cell=cell_name(r, c), allowed=allowed, text=text)

    for r, key in enumerate(("edition", "sheet")):
        if at(r, 0) != key:
            raise InvalidValue(field=cell_name(r, 0), value=at(r, 0), allowed=(key,))
    try:
        edition = _edition(at(0, 1))  # type: ignore[arg-type]
    except OcopError as exc:
        raise type(exc)(exc.detail, field=cell_name(0, 1), value=exc.value, allowed=exc.allowed) from exc
    try:
        sheet = _get_sheet(integer(1, 1, "a sheet number"), edition=edition)
    except OcopError as exc:
        raise type(exc)(exc.detail, field=cell_name(1, 1), value=exc.value, allowed=exc.allowed) from exc
    header = [at(HEADER_ROW, c) for c in range(len(rows[HEADER_ROW]) if len(rows) > HEADER_ROW else 0)]
    if tuple(header[:FIRST_MEMBER]) != HEADER:
        raise InvalidValue(field=f"row {HEADER_ROW + 1}", value=header[:FIRST_MEMBER], allowed=HEADER)
    while header and is_blank(header[-1]):
        header.pop()
    names: list[str] = []
    for c in range(FIRST_MEMBER, len(header)):
        if not isinstance(header[c], str) or not header[c]:
            raise InvalidValue(field=cell_name(HEADER_ROW, c), value=header[c], allowed="a member's name")
        names.append(str(header[c]))
    if not names:
        raise InvalidValue(field=cell_name(HEADER_ROW, FIRST_MEMBER), value=None, allowed="a member's name")

    points: list[dict[str, int]] = [{} for _ in names]
    flags: list[dict[str, list[str]]] = [{f: [] for f in FLAGS} for _ in names]
    cells: dict[str, int] = {}
    for r in range(HEADER_ROW + 1, len(rows)):
        first = at(r, 0)
        if all(is_blank(v) for v in rows[r]) or (isinstance(first, str) and first.startswith("total")):
            continue
        if first in FLAGS:
            for m in range(len(names)):
                value = at(r, FIRST_MEMBER + m)
                if not is_blank(value) and not isinstance(value, str):
                    raise InvalidValue(
                        field=cell_name(r, FIRST_MEMBER + m), value=value, allowed="names, comma-separated"
                    )
                items = [] if is_blank(value) else [x.strip() for x in str(value).split(",") if x.strip()]
                flags[m][str(first)] = items
            continue
        number = at(r, 1)
        if first not in [p.code for p in sheet.parts] or not isinstance(number, str):
            raise InvalidValue(
                field=cell_name(r, 0), value=first, allowed="a part code with a criterion number, a flag or a total row"
            )
        if number in cells:
            raise InvalidValue(
                f"criterion {number} is already on row {cells[number] + 1}", field=cell_name(r, 1), value=number
            )
        try:
            criterion = sheet.criterion(number)
        except OcopError as exc:
            raise type(exc)(exc.detail, field=cell_name(r, 1), value=exc.value, allowed=exc.allowed) from exc
        cells[number] = r
        for m in range(len(names)):
            points[m][number] = integer(r, FIRST_MEMBER + m, allowed_points(criterion))
    cards = []
    for m, name in enumerate(names):
        named = {n: cell_name(r, FIRST_MEMBER + m) for n, r in cells.items()}
        try:
            f = flags[m]
            cards.append(
                Scorecard.from_points(
                    sheet,
                    points[m],
                    evaluator=name,
                    eliminations=f["eliminations"],
                    disqualifications=f["disqualifications"],
                    halts=f["halts"],
                    out_of_scope=f["out_of_scope"],
                )
            )
        except OcopError as exc:
            raise with_cells(exc, named) from exc
    return tuple(cards)
