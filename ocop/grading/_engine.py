"""Grades made from compiled sheets: a few stored slots, the rest built on first read.

A grade of one scorecard that flags nothing stores its sheet, band and star, and one
integer, the sum of its choices' codes (see :mod:`ocop.grading._compiled`); every other
field is read from that integer when first asked for.  A council's grade keeps the
integer sums per criterion and what its grading found.  The exact maps, the total, the
unmet minima and the caveats are built on first read and kept; the reasons of one
scorecard are assembled from sentences its compiled sheet wrote once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ocop._editions import Star
from ocop._frozen import FrozenMap
from ocop.criteria._model import Sheet
from ocop.grading._compiled import CACHE, CHOICES, MISSES, POINTS, SHIFT, Compiled, compiled, exact
from ocop.grading._result import ENGINE, LAZY, SLOTS, Deferred, Grade, UnmetMinimum

__all__ = ["Details", "council_grade", "lazy_grade", "points_grade"]

_getitem = operator.getitem
_first = operator.itemgetter(0)
_NEXT = {star: Star(star + 1) for star in Star if star < Star.FIVE}
_FOR = {star: f"for {star}: " for star in Star}

# The fields a grade of one scorecard that flags nothing knows without building anything.
_ALONE: dict[str, Any] = {
    "members": 1,
    "eliminated": (),
    "disqualified": (),
    "halted": (),
    "out_of_scope": (),
    "filed_on": None,
    "council": None,
    "rules": None,
    "breaches": (),
}


class Details(Deferred):
    """What a grade's deferred fields are built from.

    Either the sum of one scorecard's codes (its total and chosen levels, in one
    integer), or the total and the counted integer sums per criterion of a council,
    with the criteria not counted.
    """

    __slots__ = ("_missed", "_sums", "data", "grand", "ignored", "members", "plan")

    _sums: tuple[int, ...] | None
    _missed: tuple[tuple[UnmetMinimum, str, str], ...] | None

    def __init__(
        self,
        plan: Compiled,
        grand: int,
        data: int | tuple[int, ...],
        ignored: frozenset[str] | None,
        members: int,
        values: dict[str, Any],
    ) -> None:
        self.plan = plan
        self.grand = grand
        self.data = data
        self.ignored = ignored
        self.members = members
        self.values = values
        self._sums = None
        self._missed = None

    def build(self, grade: Grade, name: str) -> Any:
        """The value of field ``name`` of ``grade``."""
        return _BUILDERS[name](self, self.members)

    def sums(self) -> tuple[int, ...]:
        """The counted integer sum of the members' points per criterion, in printed order."""
        data = self.data
        if not isinstance(data, int):
            return data
        if self._sums is None:
            self._sums = tuple(map(_getitem, self.plan.by_choice, chosen(self.plan, data)))
        return self._sums

    def missed(self) -> tuple[tuple[UnmetMinimum, str, str], ...]:
        """One scorecard's unmet minima, shared from its compiled sheet, with their sentences."""
        if self._missed is None:
            code = self.data
            assert isinstance(code, int)
            self._missed = () if not code >> SHIFT & MISSES else tuple(_pick(self.plan, code))
        return self._missed


def chosen(plan: Compiled, code: int) -> bytes:
    """One scorecard's chosen levels, per criterion in printed order: 0 for none, else index + 1."""
    return (code >> CHOICES).to_bytes(len(plan.numbers), "little")


def _criterion_points(d: Details, n: int) -> FrozenMap[str, Any]:
    return FrozenMap({k: exact(v, n) for k, v in zip(d.plan.numbers, d.sums(), strict=True)})


def _grouped(keys: tuple[str, ...], where: tuple[int, ...], d: Details, n: int) -> FrozenMap[str, Any]:
    totals = [0] * len(keys)
    for i, v in zip(where, d.sums(), strict=True):
        totals[i] += v
    return FrozenMap({k: exact(v, n) for k, v in zip(keys, totals, strict=True)})


def _section_points(d: Details, n: int) -> FrozenMap[str, Any]:
    return _grouped(d.plan.sections, d.plan.section_of, d, n)


def _part_points(d: Details, n: int) -> FrozenMap[str, Any]:
    return _grouped(d.plan.parts, d.plan.part_of, d, n)


def _total(d: Details, n: int) -> Any:
    return exact(d.grand, n)


def _unmet(d: Details, n: int) -> tuple[UnmetMinimum, ...]:
    data = d.data
    if isinstance(data, int):
        return tuple(map(_first, d.missed()))
    sums = data
    ignored = d.ignored or ()
    return tuple(
        UnmetMinimum(
            criterion=number,
            star=star,
            required_points=value,
            required_level=index,
            required_text_vi=text,
            achieved_points=exact(sums[pos], n),
        )
        for pos, number, star, value, index, text in d.plan.starred
        if sums[pos] < value * n and number not in ignored
    )


def _pick(plan: Compiled, code: int) -> Iterable[tuple[UnmetMinimum, str, str]]:
    # Per starred minimum, the entry for the level chosen: None when met.
    picks = chosen(plan, code)
    return filter(None, map(_getitem, plan.unmet_tables, map(picks.__getitem__, plan.starred_at)))


def _caveats(d: Details, n: int) -> tuple[str, ...]:
    # Deferred only for one scorecard that flags nothing (a council's caveats are
    # found when it is graded): the blank or misprinted point cells it chose.
    plan = d.plan
    if not plan.any_blank:
        return plan.edition_caveats
    assert isinstance(d.data, int)
    out = [
        f"criterion {number}: the chosen level's point cell is blank or misprinted in "
        f"the decision; scored as {values[b - 1]} (see the sheet's oddities)"
        for number, values, blank, b in zip(plan.numbers, plan.points, plan.blank, chosen(plan, d.data), strict=True)
        if b and b - 1 in blank
    ]
    return (*out, *plan.edition_caveats)


_BUILDERS: dict[str, Callable[[Details, int], Any]] = {
    "criterion_points": _criterion_points,
    "section_points": _section_points,
    "part_points": _part_points,
    "total": _total,
    "unmet": _unmet,
    "caveats": _caveats,
}


def _expand(grade: Grade, code: int) -> Details:
    # First read of a field the engine did not store, on one scorecard's grade.
    plan = compiled(grade.sheet)
    details = Details(plan, code & POINTS, code, None, 1, dict(_ALONE))
    _SET_LAZY(grade, details)
    return details


def _reasons(grade: Grade, lazy: int | Deferred) -> tuple[str, ...] | None:
    # The reasons of one scorecard's grade, from its code and the sentences of its
    # compiled sheet (Grade.reasons written out for a card that flags nothing:
    # no council, no halt, nothing eliminated, rejected or out of scope).
    details = _expand(grade, lazy) if isinstance(lazy, int) else lazy
    if not isinstance(details, Details) or not isinstance(details.data, int):
        return None  # a council's grade: the general rule
    plan = details.plan
    band = grade.band
    star = grade.star
    assert star is not None
    grand = details.grand
    out = [plan.total_texts[grand]]
    need = []
    # Unmet minima come by star (3★, 4★, 5★): those up to the band block it, those up
    # to the next star stand in its way.
    nxt = _NEXT.get(star)
    reach = 0 if nxt is None else nxt
    for u, block, text in details.missed():
        if u.star <= band:
            out.append(block)
        if u.star <= reach:
            need.append(text)
    out.extend(plan.verdicts[band, star])
    if nxt is not None:
        short = plan.short_texts[nxt, grand]
        if short is not None:
            need.insert(0, short)
        out.append(_FOR[nxt] + "; ".join(need))
    out.extend(grade.caveats)
    return tuple(out)


ENGINE.expand = _expand
ENGINE.reasons = _reasons

_new = object.__new__
_SET_SHEET, _SET_BAND, _SET_STAR = (SLOTS[k].__set__ for k in ("sheet", "band", "star"))
_SET_LAZY = LAZY.__set__
_count = operator.countOf
_LOW = (1 << CHOICES) - 1


def lazy_grade(sheet: Sheet, levels: Mapping[str, int | None]) -> Grade:
    """Grade one scorecard's ``levels`` (checked already) that flags nothing, with no council or filing date."""
    hit = CACHE.get(id(sheet))
    plan = hit[1] if hit is not None and hit[0] is sheet else compiled(sheet)
    # A card built in printed order (as from a sheet's criteria) is read in dict order.
    if [*levels] == plan.order:
        code: int = sum(map(_getitem, plan.codes, levels.values()))
    else:
        code = sum(map(_getitem, plan.codes, map(levels.__getitem__, plan.numbers)))
    # Stored: sheet, band, star and the code (see _result.Deferred); written out here,
    # since on this path the stores are most of the work left.
    low = code & _LOW  # the total and the misses, a machine-size integer to work on
    misses = low >> SHIFT
    band, star = plan.single[low & POINTS][(misses & -misses).bit_length()]
    g = _new(Grade)
    _SET_SHEET(g, sheet)
    _SET_BAND(g, band)
    _SET_STAR(g, star)
    _SET_LAZY(g, code)
    return g


def points_grade(plan: Compiled, points: dict[str, Any]) -> Grade | None:
    """Grade one product from points read as :meth:`Scorecard.from_points` would, or ``None``.

    ``None`` when the points are not plainly valid (a key missing or extra, a value not
    an ``int`` or not the points of a level): the caller then builds the scorecard,
    which raises the precise error.
    """
    numbers = plan.numbers
    # Exact ints only: True and 2.0 hash and compare like 1 and 2, and must be refused
    # as Scorecard.from_points refuses them (counting the types is the cheapest check).
    if len(points) != len(numbers) or _count(map(type, points.values()), int) != len(numbers):
        return None
    try:
        # In printed order when the mapping is (as when built from a sheet's criteria).
        values: Iterable[Any] = points.values() if [*points] == plan.order else map(points.__getitem__, numbers)
        code: int = sum(map(_getitem, plan.by_points, values))
    except KeyError:
        return None
    low = code & _LOW  # the total and the misses, a machine-size integer to work on
    misses = low >> SHIFT
    band, star = plan.single[low & POINTS][(misses & -misses).bit_length()]
    g = _new(Grade)
    _SET_SHEET(g, plan.sheet)
    _SET_BAND(g, band)
    _SET_STAR(g, star)
    _SET_LAZY(g, code)
    return g


def council_grade(plan: Compiled, sums: tuple[int, ...], members: int, ignored: frozenset[str], **fields: Any) -> Grade:
    """A grade from counted integer sums per criterion.

    ``fields`` gives every field that is not deferred, and ``star`` only to say there is none.
    """
    grand = sum(sums)
    band = plan.band(grand, members)
    if "star" in fields:
        star = fields.pop("star")
    else:
        mask = 0
        for pos, number, level_star, value, _, _ in plan.starred:
            if sums[pos] < value * members and number not in ignored:
                mask |= 1 << (level_star - 3)
        star = plan.final[band, mask]
    g = _new(Grade)
    _SET_SHEET(g, plan.sheet)
    _SET_BAND(g, band)
    _SET_STAR(g, star)
    _SET_LAZY(g, Details(plan, grand, sums, ignored, members, {"members": members, **fields}))
    return g
