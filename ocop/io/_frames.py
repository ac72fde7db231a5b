"""pandas frames both ways: scorecards and councils, grades, sheets, portfolios."""

from __future__ import annotations

import importlib
import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ocop._editions import Edition, Star
from ocop.certificates import Portfolio
from ocop.criteria import sheet as _get_sheet
from ocop.criteria._model import Sheet
from ocop.errors import InvalidValue, OcopError
from ocop.grading import Grade, Scorecard, grade
from ocop.io._cells import exact_int
from ocop.labels import label

__all__ = ["exact_points", "from_frame", "member_names", "to_frame"]

#: Columns of a council frame that describe the sheet, not a member's points.
DESCRIPTIVE = ("part", "criterion", "name", "max_points", "min_3", "min_4", "min_5", "mean", "unmet")
_STARS = (Star.THREE, Star.FOUR, Star.FIVE)


def pandas() -> Any:
    """The pandas module (an optional extra)."""
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("frames need pandas: pip install 'ocop[pandas]'") from exc


def member_names(cards: tuple[Scorecard, ...]) -> list[str]:
    """A column name per member: the evaluator, else ``member N`` (1-based).

    :raises InvalidValue: two members share a name, or a name is a descriptive column's.
    """
    names = [card.evaluator if card.evaluator else f"member {i}" for i, card in enumerate(cards, 1)]
    for name in names:
        if name in DESCRIPTIVE or name == "levels" or names.count(name) > 1:
            raise InvalidValue(
                "each member needs a column of their own",
                field="evaluator",
                value=name,
                allowed=f"distinct names other than {', '.join((*DESCRIPTIVE, 'levels'))}",
            )
    return names


def _cards(value: object) -> tuple[Scorecard, ...]:
    if isinstance(value, Scorecard):
        return (value,)
    grade(value)  # type: ignore[arg-type]  # validates: scorecards on one sheet, at least one
    return tuple(value)  # type: ignore[arg-type]


def _minimum(sheet: Sheet, number: str, star: Star) -> int | None:
    found = sheet.criterion(number).minimum_for(star)
    return None if found is None else found[1].value


def council_rows(cards: tuple[Scorecard, ...]) -> list[dict[str, object]]:
    """One row per criterion: minima, each member's points, the exact mean and the unmet star."""
    sheet = cards[0].sheet
    names = member_names(cards)
    g = grade(cards)
    unmet: dict[str, Star] = {}
    for u in g.unmet:
        unmet.setdefault(u.criterion, u.star)
    rows = []
    for part, _, c in sheet.iter_criteria():
        row: dict[str, object] = {
            "part": part.code,
            "criterion": c.number,
            "name": label(c),
            "max_points": c.max_points,
        }
        for star in _STARS:
            row[f"min_{int(star)}"] = _minimum(sheet, c.number, star)
        for name, card in zip(names, cards, strict=True):
            row[name] = card.points(c.number)
        row["mean"] = float(g.criterion_points[c.number])
        row["unmet"] = None if c.number not in unmet else int(unmet[c.number])
        rows.append(row)
    return rows


def _council_frame(cards: tuple[Scorecard, ...]) -> Any:
    pd = pandas()
    df = pd.DataFrame(council_rows(cards))
    for col in ("min_3", "min_4", "min_5", "unmet", *member_names(cards)):
        df[col] = df[col].astype("Int64")
    return df


def _grade_frame(g: Grade) -> Any:
    rows = [
        {
            "part": p.code,
            "criterion": c.number,
            "name": label(c),
            "points": float(g.criterion_points[c.number]),
            "max_points": c.max_points,
        }
        for p, _, c in g.sheet.iter_criteria()
    ]
    return pandas().DataFrame(rows)


def _sheet_frame(sheet: Sheet) -> Any:
    rows = [
        {
            "part": p.code,
            "section": s.number,
            "criterion": c.number,
            "name": label(c),
            "max_points": c.max_points,
            "level": i,
            "text": label(lvl) if lvl.printed else "",
            "points": lvl.value,
            "star": None if lvl.star is None else int(lvl.star),
            "case": lvl.case,
        }
        for p in sheet.parts
        for s in p.sections
        for c in s.criteria
        for i, lvl in enumerate(c.levels)
    ]
    df = pandas().DataFrame(rows)
    df["star"] = df["star"].astype("Int64")
    return df


def _portfolio_frame(portfolio: Portfolio) -> Any:
    pd = pandas()
    columns = ["code", "product", "producer", "producer_type", "sheet", "star", "issued_by", "issued_on"]
    columns += ["valid_until", "edition", "revoked_on"]
    rows = [
        {
            "code": str(c.code),
            "product": c.product,
            "producer": c.producer,
            "producer_type": c.producer_type.value,
            "sheet": c.sheet,
            "star": int(c.star),
            "issued_by": c.issued_by.value,
            "issued_on": c.issued_on,
            "valid_until": c.valid_until,
            "edition": c.edition.code,
            "revoked_on": c.revocation.decided_on if c.revocation else None,
        }
        for c in portfolio
    ]
    df = pd.DataFrame(rows, columns=columns)
    for col in ("issued_on", "valid_until", "revoked_on"):
        df[col] = pd.to_datetime(df[col])
    df["star"] = df["star"].astype("Int64")
    df["sheet"] = df["sheet"].astype("Int64")
    return df


def to_frame(value: object) -> Any:
    """A pandas DataFrame of an ``ocop`` value.

    - a scorecard or a council (scorecards on one sheet): one row per criterion with
      ``part``, ``criterion``, ``name``, ``max_points``, the points each star requires
      (``min_3``, ``min_4``, ``min_5``), a column of points per member (named by the
      evaluator, else ``member N``), the council's exact ``mean`` (as a float), and
      ``unmet``: the lowest star whose minimum the mean misses;
    - a grade: one row per criterion, points and maximum;
    - a sheet: one row per level;
    - a portfolio: one row per certificate, dates as ``datetime64``.

    Stars and points are nullable integers (``Int64``).

    >>> import ocop, ocop.io
    >>> df = ocop.io.to_frame(ocop.io.demo_council())
    >>> list(df.columns[7:])
    ['Member 1', 'Member 2', 'Member 3', 'mean', 'unmet']
    >>> df.set_index("criterion").loc["6.5", ["min_4", "Member 2", "unmet"]].tolist()   # mean 2.33 < 3
    [3, 1, 4]

    :raises InvalidValue: not a value with a frame.
    """
    if isinstance(value, Grade):
        return _grade_frame(value)
    if isinstance(value, Sheet):
        return _sheet_frame(value)
    if isinstance(value, Portfolio):
        return _portfolio_frame(value)
    if isinstance(value, Scorecard) or (isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping))):
        return _council_frame(_cards(value))
    raise InvalidValue(field="value", value=value, allowed="a Scorecard, a council, a Grade, a Sheet or a Portfolio")


_POINTS_FIELD = re.compile(r"^points\['(.+)'\]$")


def with_cells(exc: OcopError, cells: Mapping[str, str]) -> OcopError:
    """The same error, its field replaced by the cell that holds the criterion's points."""
    match = _POINTS_FIELD.match(exc.field or "")
    if match is None or match.group(1) not in cells:
        return exc
    return type(exc)(exc.detail, field=cells[match.group(1)], value=exc.value, allowed=exc.allowed)


def _key(value: object, cell: str) -> str:
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, bool) and isinstance(value, numbers.Integral):
        return str(int(value))
    raise InvalidValue(field=cell, value=value, allowed="a criterion number as text, such as '1.1'")


def exact_points(points: Mapping[Any, object] | Any, *, where: str = "points") -> dict[str, int]:
    """Points per criterion, as exact ``int``, out of a mapping or a pandas Series.

    Integral numpy/pandas scalars and whole floats (a column with a blank cell is a
    float column) are read exactly; a fraction, NaN or a blank cell is refused naming
    the cell.  Pass the result to :meth:`ocop.Scorecard.from_points`.

    >>> import numpy as np
    >>> from ocop.io import exact_points
    >>> exact_points({"1.1": np.int64(3), "1.2": np.float64(1.0)})
    {'1.1': 3, '1.2': 1}

    :raises InvalidValue: a criterion number is not text, or a cell is not a whole number.
    """
    if not isinstance(where, str):
        raise InvalidValue(field="where", value=where, allowed="the name of the points, as text")
    if not callable(getattr(points, "items", None)):
        raise InvalidValue(field=where, value=points, allowed="a mapping or a pandas Series of points")
    out: dict[str, int] = {}
    for raw, cell in points.items():
        number = _key(raw, f"{where} (criterion {raw!r})")
        out[number] = exact_int(cell, cell=f"{where}[{number!r}]")
    return out


def _sheet_of(sheet: int | Sheet, edition: str | Edition | None) -> Sheet:
    if isinstance(sheet, Sheet):
        return sheet
    return _get_sheet(sheet, edition=edition)


def from_frame(frame: Any, sheet: int | Sheet, *, edition: str | Edition | None = None) -> tuple[Scorecard, ...]:
    """The council's scorecards from a frame: rows per criterion, a column of points per member.

    The criterion numbers are the ``criterion`` column (or the index); every column that
    is not one of :func:`to_frame`'s descriptive columns (``part``, ``name``, ``min_3``…,
    ``mean``, ``unmet``) is a member, named by its label.  ``sheet`` is a
    :class:`~ocop.criteria.Sheet` or a sheet number with ``edition`` (default: the
    edition in force today).

    >>> import ocop, ocop.io
    >>> council = ocop.io.demo_council()
    >>> ocop.io.from_frame(ocop.io.to_frame(council), 7, edition="26/2026") == council
    True

    :raises InvalidValue: not a frame, no member column, or a cell is not a whole number
        (the error's ``field`` names the cell, ``column[criterion]``).
    :raises UnknownLevel, UnknownCriterion, IncompleteScorecard: as
        :meth:`ocop.Scorecard.from_points`, with the cell named.
    """
    pd = pandas()
    if not isinstance(frame, pd.DataFrame):
        raise InvalidValue(field="frame", value=type(frame).__name__, allowed="a pandas DataFrame")
    chosen = _sheet_of(sheet, edition)
    keys = frame["criterion"] if "criterion" in frame.columns else frame.index.to_series()
    numbers_ = [_key(k, f"criterion (row {i})") for i, k in enumerate(keys)]
    members = [c for c in frame.columns if c not in DESCRIPTIVE]
    if not members:
        raise InvalidValue(field="frame", value=list(frame.columns), allowed="one column of points per member")
    cards = []
    for column in members:
        if not isinstance(column, str):
            raise InvalidValue(field="frame columns", value=column, allowed="member names as text")
        cells = {n: f"{column}[{n!r}]" for n in numbers_}
        points = {n: exact_int(v, cell=cells[n]) for n, v in zip(numbers_, frame[column].tolist(), strict=True)}
        try:
            cards.append(Scorecard.from_points(chosen, points, evaluator=column))
        except OcopError as exc:
            raise with_cells(exc, cells) from exc
    return tuple(cards)
