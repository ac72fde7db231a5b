"""Sheets compiled for grading: integer codes per choice, integer stars, precomputed texts.

Once per sheet, every (criterion, level) is turned into one integer *code*: the level's
points in the low bits, and above them, per star, how many starred minima of that star
the choice misses.  Summing the codes of a scorecard's choices gives, in one pass, the
total and which stars the card's own minima block, so a scorecard that flags nothing is
graded without building a single :class:`~fractions.Fraction`.  Bands and stars are
decided in integers scaled by the council's size (``total * members`` against each
band's bounds times ``members``), which is exact.  What a grade of one scorecard reads
later (its unmet minima and the sentences of its reasons) is built here once per sheet
and shared: the values are frozen, and equal to what grading builds field by field.
"""

from __future__ import annotations

from fractions import Fraction

from ocop._editions import Star
from ocop._numbers import format_points
from ocop.criteria._model import Sheet
from ocop.errors import SheetIntegrityError
from ocop.grading._result import UnmetMinimum

__all__ = ["CHOICES", "MISSES", "POINTS", "SHIFT", "WHOLE", "Compiled", "compiled", "exact"]

# Code layout: points in bits 0-15, then 8 bits per star (3★, 4★, 5★) counting the
# starred minima of that star the choice misses, then from bit 40 one byte per
# criterion holding the level chosen (0 for no box ticked, else index + 1).  A sheet has
# fewer than 256 criteria, levels and points, and the fields are disjoint, so the sum
# of a card's codes keeps every field apart: the total, the stars blocked and the
# choices (read back with int.to_bytes), in one integer.
SHIFT = 16
_STAR_SHIFT = {Star.THREE: 16, Star.FOUR: 24, Star.FIVE: 32}
POINTS = (1 << SHIFT) - 1
CHOICES = 40
MISSES = (1 << (CHOICES - SHIFT)) - 1

# Whole numbers of points as shared Fractions (immutable, so sharing is safe): one
# scorecard's figures are all whole, and building a Fraction costs more than the grade.
WHOLE = tuple(Fraction(k) for k in range(101))


def exact(v: int, n: int) -> Fraction:
    """``v / n`` as a Fraction, shared for whole numbers of points."""
    return WHOLE[v] if n == 1 and v <= 100 else Fraction(v, n)


def _final(band: Star, blocked: frozenset[Star]) -> Star:
    # The highest star at or below the band whose minima, and those of every lower
    # star, are all met (the rule of grade(), written once and tabulated).
    final = band
    while final >= Star.THREE and any(s <= final for s in blocked):
        final = Star(final - 1)
    return final


def _lowest_blocked(bit: int) -> frozenset[Star]:
    # bit: the position (1-based) of the lowest set bit of the misses field, 0 for none.
    # Only the lowest blocked star matters to the final star (see _final).
    return frozenset() if bit == 0 else frozenset({Star(3 + (bit - 1) // 8)})


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
        "short_texts",
        "single",
        "starred",
        "starred_at",
        "total_texts",
        "unmet_tables",
        "verdicts",
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
        # one byte per choice: compiled() refuses larger sheets before compiling them
        assert len(rows) < 256
        assert all(len(c.levels) < 255 for _, _, c in rows)
        points: list[dict[int | None, int]] = []
        codes: list[dict[int | None, int]] = []
        for at, (_, _, c) in enumerate(rows):
            field = CHOICES + 8 * at
            values: dict[int | None, int] = {None: 0, **{i: lvl.value for i, lvl in enumerate(c.levels)}}
            points.append(values)
            minima = [(star, value) for pos, _, star, value, _, _ in self.starred if pos == at]
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
        self.final = {
            (band, mask): _final(band, frozenset(s for k, s in enumerate(_STAR_SHIFT) if mask >> k & 1))
            for band in Star
            for mask in range(8)
        }
        # For one scorecard the total is an integer: (band, final star) by total and by
        # the position of the lowest set bit of the misses field, tabulated.
        top = sum(max(v.values()) for v in points)
        bands = [self.band(total, 1) for total in range(top + 1)]
        self.single = tuple(
            tuple((band, _final(band, _lowest_blocked(bit))) for bit in range(CHOICES - SHIFT + 1)) for band in bands
        )
        self._texts(bands)

    def _texts(self, bands: list[Star]) -> None:
        # What the reasons of one scorecard's grade say, sentence by sentence, written
        # as Grade.reasons writes them (the engine's tests compare the two).
        self.starred_at = tuple(pos for pos, *_ in self.starred)
        # Per starred minimum, per stored choice: None when met, else the unmet minimum
        # with its sentence among the blocking minima and among what the next star needs.
        tables = []
        for pos, number, minimum, value, index, text in self.starred:
            row: list[tuple[UnmetMinimum, str, str] | None] = []
            for achieved in self.by_choice[pos]:
                if achieved >= value:
                    row.append(None)
                    continue
                u = UnmetMinimum(
                    criterion=number,
                    star=minimum,
                    required_points=value,
                    required_level=index,
                    required_text_vi=text,
                    achieved_points=exact(achieved, 1),
                )
                row.append((u, f"minimum not met: {u}", f"criterion {number} at {value} points"))
            tables.append(tuple(row))
        self.unmet_tables = tuple(tables)
        self.total_texts = tuple(f"total {total} is in the {band} band" for total, band in enumerate(bands))
        verdicts: dict[tuple[Star, Star], tuple[str, ...]] = {}
        for band in Star:
            for star in Star:
                said = []
                if star < band:
                    said.append(f"star lowered from {band} to {star} by unmet starred minima")
                if band.recognisable and not star.recognisable:
                    said.append(
                        f"not recognisable: the total reaches the {band} band but the 3★ minima are not met, "
                        f"so the product ranks {star} (a reading; see the docs page Grading rules)"
                    )
                verdicts[band, star] = tuple(said)
        self.verdicts = verdicts
        lower = {star: Fraction(num, den) for num, den, star in self.bounds}
        self.short_texts = {
            (star, total): f"{format_points(lower[star] - total)} more points" if lower[star] > total else None
            for star in Star
            for total in range(len(bands))
        }

    def band(self, total: int, members: int) -> Star:
        """The star whose band holds ``total / members``, compared in integers.

        The bands are contiguous from 0 to 100 (checked with the editions' data), so the
        highest band whose lower bound the total reaches holds it.
        """
        for lo_num, lo_den, star in self.bounds:
            if total * lo_den >= lo_num * members:
                return star
        raise AssertionError("bands cover 0..100")  # pragma: no cover - the editions' bands are checked by tests


def _gradable(sheet: Sheet) -> None:
    """Refuse a sheet the engine cannot grade, with :class:`~ocop.errors.SheetIntegrityError`.

    A sheet built by hand has not been through the loader's checks, and one that does not
    add up would grade to totals outside the star bands (the checks cost little next to
    compiling, once per sheet).  The code layout holds one byte per choice (no published
    sheet comes near), and the star bands cover 0 to 100 points.
    """
    from ocop.criteria._load import check_sheet

    check_sheet(sheet)
    rows = list(sheet.iter_criteria())
    where = f"sheet {sheet.code} of {sheet.edition.code}"
    if len(rows) >= 256 or any(len(c.levels) >= 255 for _, _, c in rows):
        raise SheetIntegrityError(
            f"{where}: more criteria or levels than a sheet has", field="criteria", value=len(rows),
            allowed="fewer than 256 criteria, each with fewer than 255 levels",
        )  # fmt: skip
    top = sum(max(lvl.value for lvl in c.levels) for _, _, c in rows)
    if top > 100:
        raise SheetIntegrityError(
            f"{where}: its levels add up to more than the star bands cover", field="criteria", value=top,
            allowed="at most 100 points in all",
        )  # fmt: skip


CACHE: dict[int, tuple[Sheet, Compiled]] = {}


def compiled(sheet: Sheet) -> Compiled:
    """The compiled form of ``sheet``, built on first use and kept (the sheet with it)."""
    hit = CACHE.get(id(sheet))
    if hit is not None and hit[0] is sheet:
        return hit[1]
    if len(CACHE) >= 256:  # sheets built by hand rather than loaded: keep the cache bounded
        CACHE.clear()
    _gradable(sheet)
    plan = Compiled(sheet)
    CACHE[id(sheet)] = (sheet, plan)
    return plan
