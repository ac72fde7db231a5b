"""Sheets compiled for grading: integer lookups, integer stars, and grades that build their details lazily.

Once per sheet, every (criterion, level) is turned into one integer *code*: the level's
points in the low bits, and above them, per star, how many starred minima of that star
the choice misses.  Summing the codes of a scorecard's choices gives, in one pass, the
total and which stars the card's own minima block, so a scorecard that flags nothing is
graded without building a single :class:`~fractions.Fraction`.  Bands and stars are
decided in integers scaled by the council's size (``total * members`` against each
band's bounds times ``members``), which is exact.  The grade keeps the chosen levels as
bytes and builds its exact maps, unmet minima and caveats on first access.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

from ocop._editions import Star
from ocop._frozen import FrozenMap
from ocop.criteria._model import Sheet
from ocop.grading._result import DEFERRED, SLOTS, Deferred, Grade, UnmetMinimum

__all__ = ["Compiled", "Details", "compiled", "council_grade", "lazy_grade", "points_grade"]

# Code layout: points in bits 0-15, then 8 bits per star (3★, 4★, 5★) counting the
# starred minima of that star the choice misses, then from bit 40 one field per
# criterion holding the level chosen (0 for no box ticked, else index + 1).  A sheet has
# fewer than 256 criteria and at most 100 points, and the level fields are disjoint, so
# the sum of a card's codes keeps every field apart: the total, the stars blocked and
# the choices, in one integer.
_SHIFT = 16
_STAR_SHIFT = {Star.THREE: 16, Star.FOUR: 24, Star.FIVE: 32}
_POINTS = (1 << _SHIFT) - 1
_CHOICES = 40
_MISSES = (1 << (_CHOICES - _SHIFT)) - 1


def _final(band: Star, blocked: frozenset[Star]) -> Star:
    # The highest star at or below the band whose minima, and those of every lower
    # star, are all met (the rule of grade(), written once and tabulated).
    final = band
    while final >= Star.THREE and any(s <= final for s in blocked):
        final = Star(final - 1)
    return final


class Compiled:
    """A sheet flattened for grading; built once per sheet (see :func:`compiled`)."""

    __slots__ = (
        "any_blank",
        "blank",
        "bounds",
        "by_choice",
        "by_points",
        "codes",
        "edition_caveats",
        "final",
        "numbers",
        "order",
        "part_of",
        "parts",
        "points",
        "section_of",
        "sections",
        "sheet",
        "single",
        "starred",
        "width",
    )

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        rows = list(sheet.iter_criteria())
        self.numbers = tuple(c.number for _, _, c in rows)
        self.order = list(self.numbers)
        self.parts = tuple(p.code for p in sheet.parts)
        self.sections = tuple(s.number for p in sheet.parts for s in p.sections)
        self.part_of = tuple(self.parts.index(p.code) for p, _, _ in rows)
        self.section_of = tuple(self.sections.index(s.number) for _, s, _ in rows)
        # (position, criterion, star, required points, level index, level text), by star
        # then printed order, as unmet minima are listed.
        position = {number: i for i, number in enumerate(self.numbers)}
        self.starred = tuple(
            (position[c.number], c.number, star, lvl.value, i, lvl.text_vi)
            for star in (Star.THREE, Star.FOUR, Star.FIVE)
            for c in sheet.criteria
            for i, lvl in enumerate(c.levels)
            if lvl.star == star
        )
        self.width = max(len(c.levels) for _, _, c in rows).bit_length()
        points: list[dict[int | None, int]] = []
        codes: list[dict[int | None, int]] = []
        for at, (_, _, c) in enumerate(rows):
            field = _CHOICES + at * self.width
            values: dict[int | None, int] = {None: 0, **{i: lvl.value for i, lvl in enumerate(c.levels)}}
            points.append(values)
            minima = [(star, value) for pos, _, star, value, _, _ in self.starred if pos == position[c.number]]
            codes.append(
                {
                    index: value
                    + sum(1 << _STAR_SHIFT[star] for star, need in minima if value < need)
                    + ((0 if index is None else index + 1) << field)
                    for index, value in values.items()
                }
            )
        self.points = tuple(points)
        # Points by stored choice (0: no box ticked, else index + 1).
        self.by_choice = tuple((0, *(v for k, v in values.items() if k is not None)) for values in points)
        self.codes = tuple(codes)
        # (criterion, points) -> code, for the points Scorecard.from_points reads
        # unambiguously: the first level worth them when all such levels grade alike,
        # no box ticked for 0 on a criterion without a 0-point level.  Points it refuses
        # (or finds ambiguous) are absent, and the caller falls back to it for the error.
        by_points: list[dict[int, int]] = []
        for (_, _, c), table in zip(rows, codes, strict=True):
            entry: dict[int, int] = {}
            for value in {lvl.value for lvl in c.levels}:
                matches = [i for i, lvl in enumerate(c.levels) if lvl.value == value]
                # pragma below: no published sheet prints two levels worth the same
                # points with different star marks (from_points calls that ambiguous)
                if len({c.levels[i].star for i in matches}) == 1:  # pragma: no branch
                    entry[value] = table[matches[0]]
            if 0 not in entry and not any(lvl.value == 0 for lvl in c.levels):
                entry[0] = table[None]
            by_points.append(entry)
        self.by_points = tuple(by_points)
        self.any_blank = any(lvl.assumed_points is not None for _, _, c in rows for lvl in c.levels)
        self.blank = tuple(
            frozenset(i for i, lvl in enumerate(c.levels) if lvl.assumed_points is not None) for _, _, c in rows
        )
        edition = sheet.edition
        self.edition_caveats = edition.grading_caveats
        # Lower bounds as integer pairs, highest band first: (numerator, denominator, star).
        self.bounds = tuple(
            (b.lower.numerator, b.lower.denominator, b.star)
            for b in sorted(edition.bands, key=lambda b: b.star, reverse=True)
        )
        blocks = range(8)
        self.final = {
            (band, mask): _final(band, frozenset(s for k, s in enumerate(_STAR_SHIFT) if mask >> k & 1))
            for band in Star
            for mask in blocks
        }
        # For one scorecard the total is an integer: (band, final star) by total and
        # by the mask of blocked stars, tabulated.
        top = sum(max(v.values()) for v in points)
        self.single = tuple(
            tuple((band, self.final[band, mask]) for mask in blocks)
            for band in (self.band(total, 1) for total in range(top + 1))
        )

    def band(self, total: int, members: int) -> Star:
        """The star whose band holds ``total / members``, compared in integers.

        The bands are contiguous from 0 to 100 (checked with the editions' data), so the
        highest band whose lower bound the total reaches holds it.
        """
        for lo_num, lo_den, star in self.bounds:
            if total * lo_den >= lo_num * members:
                return star
        raise AssertionError("bands cover 0..100")  # pragma: no cover - the editions' bands are checked by tests


_CACHE: dict[int, tuple[Sheet, Compiled]] = {}


def compiled(sheet: Sheet) -> Compiled:
    """The compiled form of ``sheet``, built on first use and kept (the sheet with it)."""
    hit = _CACHE.get(id(sheet))
    if hit is not None and hit[0] is sheet:
        return hit[1]
    if len(_CACHE) >= 256:  # sheets built by hand rather than loaded: keep the cache bounded
        _CACHE.clear()
    plan = Compiled(sheet)
    _CACHE[id(sheet)] = (sheet, plan)
    return plan


def blocked_mask(code_sum: int) -> int:
    """Which stars a scorecard's own minima block, from the sum of its codes: bit 0 3★, 1 4★, 2 5★."""
    misses = code_sum >> _SHIFT
    return (misses & 0xFF != 0) | (misses & 0xFF00 != 0) << 1 | (misses & 0xFF0000 != 0) << 2


# --------------------------------------------------------------------------- deferred details


class Details(Deferred):
    """What a grade's deferred fields are built from.

    Either the sum of one scorecard's codes (its total and chosen levels, in one
    integer), or the total and the counted integer sums per criterion of a council,
    with the criteria not counted.
    The compiled sheet is looked up from the grade's sheet when a detail is built, so
    that a grade holds nothing per sheet but the sheet itself.
    """

    __slots__ = ("_sums", "data", "grand", "ignored", "plan")

    plan: Compiled
    _sums: tuple[int, ...]

    def __init__(self, grand: int, data: int | tuple[int, ...], ignored: frozenset[str] | None) -> None:
        self.grand = grand
        self.data = data
        self.ignored = ignored

    def build(self, grade: Grade, name: str) -> Any:
        """The value of field ``name`` of ``grade``."""
        self.plan = compiled(grade.sheet)
        return _BUILDERS[name](self, grade.members)

    def sums(self) -> tuple[int, ...]:
        """The counted integer sum of the members' points per criterion, in printed order."""
        data = self.data
        if not isinstance(data, int):
            return data
        try:
            return self._sums
        except AttributeError:
            self._sums = tuple(map(_getitem, self.plan.by_choice, self.chosen()))
            return self._sums

    def chosen(self) -> list[int]:
        """One scorecard's chosen levels, per criterion in printed order: 0 for none, else index + 1."""
        plan = self.plan
        data = self.data
        assert isinstance(data, int)
        width = plan.width
        mask = (1 << width) - 1
        return [data >> (_CHOICES + i * width) & mask for i in range(len(plan.numbers))]


# Whole numbers of points as shared Fractions (immutable, so sharing is safe): one
# scorecard's figures are all whole, and building a Fraction costs more than the grade.
_WHOLE = tuple(Fraction(k) for k in range(101))


def _exact(v: int, n: int) -> Fraction:
    return _WHOLE[v] if n == 1 and v <= 100 else Fraction(v, n)


def _criterion_points(d: Details, n: int) -> FrozenMap[str, Fraction]:
    return FrozenMap({k: _exact(v, n) for k, v in zip(d.plan.numbers, d.sums(), strict=True)})


def _grouped(keys: tuple[str, ...], where: tuple[int, ...], d: Details, n: int) -> FrozenMap[str, Fraction]:
    totals = [0] * len(keys)
    for i, v in zip(where, d.sums(), strict=True):
        totals[i] += v
    return FrozenMap({k: _exact(v, n) for k, v in zip(keys, totals, strict=True)})


def _section_points(d: Details, n: int) -> FrozenMap[str, Fraction]:
    return _grouped(d.plan.sections, d.plan.section_of, d, n)


def _part_points(d: Details, n: int) -> FrozenMap[str, Fraction]:
    return _grouped(d.plan.parts, d.plan.part_of, d, n)


def _total(d: Details, n: int) -> Fraction:
    return _exact(d.grand, n)


def _unmet(d: Details, n: int) -> tuple[UnmetMinimum, ...]:
    if isinstance(d.data, int) and not d.data >> _SHIFT & _MISSES:
        return ()  # one scorecard whose codes miss no starred minimum
    sums = d.sums()
    ignored = d.ignored or ()
    return tuple(
        UnmetMinimum(
            criterion=number,
            star=star,
            required_points=value,
            required_level=index,
            required_text_vi=text,
            achieved_points=_exact(sums[pos], n),
        )
        for pos, number, star, value, index, text in d.plan.starred
        if sums[pos] < value * n and number not in ignored
    )


def _caveats(d: Details, n: int) -> tuple[str, ...]:
    # Deferred only for one scorecard that flags nothing (a council's caveats are
    # built when it is graded): the blank or misprinted point cells it chose.
    plan = d.plan
    if not plan.any_blank:
        return plan.edition_caveats
    out = [
        f"criterion {number}: the chosen level's point cell is blank or misprinted in "
        f"the decision; scored as {values[b - 1]} (see the sheet's oddities)"
        for number, values, blank, b in zip(plan.numbers, plan.points, plan.blank, d.chosen(), strict=True)
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
assert set(_BUILDERS) == set(DEFERRED)

_new = object.__new__
_SET = {name: slot.__set__ for name, slot in SLOTS.items()}
_SET_SHEET, _SET_MEMBERS, _SET_BAND, _SET_STAR = (_SET[k] for k in ("sheet", "members", "band", "star"))
(
    _SET_ELIMINATED,
    _SET_DISQUALIFIED,
    _SET_HALTED,
    _SET_OUT_OF_SCOPE,
    _SET_BREACHES,
) = (_SET[k] for k in ("eliminated", "disqualified", "halted", "out_of_scope", "breaches"))
_SET_FILED_ON, _SET_COUNCIL, _SET_RULES = (_SET[k] for k in ("filed_on", "council", "rules"))
_DEFERRED = tuple(_SET[k] for k in DEFERRED)
_SET_CRITERION_POINTS, _SET_SECTION_POINTS, _SET_PART_POINTS, _SET_TOTAL, _SET_UNMET, _SET_CAVEATS = _DEFERRED
_getitem = operator.getitem
_TYPES = frozenset
_INT = frozenset({int})


def lazy_grade(plan: Compiled, levels: Mapping[str, int | None]) -> Grade:
    """Grade one scorecard's ``levels`` (checked already) that flags nothing, with no council or filing date."""
    # A card built in printed order (as from a sheet's criteria) is read in dict order.
    if list(levels) == plan.order:
        return _single(plan, sum(map(_getitem, plan.codes, levels.values())))
    return _single(plan, sum(map(_getitem, plan.codes, map(levels.__getitem__, plan.numbers))))


def _single(plan: Compiled, code: int) -> Grade:
    # Every slot is filled here, unrolled: on this path setting the fields is most of
    # the work left, and a loop costs a third more.
    grand = code & _POINTS
    band, star = plan.single[grand][blocked_mask(code)]
    g = _new(Grade)
    _SET_SHEET(g, plan.sheet)
    _SET_MEMBERS(g, 1)
    _SET_BAND(g, band)
    _SET_STAR(g, star)
    _SET_ELIMINATED(g, ())
    _SET_DISQUALIFIED(g, ())
    _SET_HALTED(g, ())
    _SET_OUT_OF_SCOPE(g, ())
    _SET_BREACHES(g, ())
    _SET_FILED_ON(g, None)
    _SET_COUNCIL(g, None)
    _SET_RULES(g, None)
    details = Details(grand, code, None)
    _SET_CRITERION_POINTS(g, details)
    _SET_SECTION_POINTS(g, details)
    _SET_PART_POINTS(g, details)
    _SET_TOTAL(g, details)
    _SET_UNMET(g, details)
    _SET_CAVEATS(g, details)
    return g


def points_grade(plan: Compiled, points: dict[str, Any]) -> Grade | None:
    """Grade one product from points read as :meth:`Scorecard.from_points` would, or ``None``.

    ``None`` when the points are not plainly valid (a key missing or extra, a value not
    an ``int`` or not the points of a level): the caller then builds the scorecard,
    which raises the precise error.
    """
    numbers = plan.numbers
    if len(points) != len(numbers) or _TYPES(map(type, points.values())) != _INT:
        return None
    try:
        # In printed order when the mapping is (as when built from a sheet's criteria).
        values: Iterable[Any] = points.values() if list(points) == plan.order else map(points.__getitem__, numbers)
        code: int = sum(map(_getitem, plan.by_points, values))
    except KeyError:
        return None
    return _single(plan, code)


def council_grade(plan: Compiled, sums: tuple[int, ...], members: int, ignored: frozenset[str], **fields: Any) -> Grade:
    """A grade from counted integer sums per criterion.

    ``fields`` gives every field that is not deferred, and ``star`` only to say there is none.
    """
    grand = sum(sums)
    band = plan.band(grand, members)
    g = _new(Grade)
    _SET_SHEET(g, plan.sheet)
    _SET_MEMBERS(g, members)
    _SET_BAND(g, band)
    details = Details(grand, sums, ignored)
    for put in _DEFERRED:
        put(g, details)
    for name, value in fields.items():
        _SET[name](g, value)
    if "star" not in fields:
        mask = 0
        for pos, number, star, value, _, _ in plan.starred:
            if sums[pos] < value * members and number not in ignored:
                mask |= 1 << (star - 3)
        _SET_STAR(g, plan.final[band, mask])
    return g
