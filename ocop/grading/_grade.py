"""Grade one scorecard or a council's scorecards: parts, total, band, star, reasons."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from ocop._editions import Edition, Star, default_edition
from ocop._editions import edition as _edition
from ocop._frozen import FrozenMap
from ocop._numbers import format_points
from ocop.criteria import sheet as _sheet
from ocop.criteria._model import NoteKind, Sheet
from ocop.errors import InvalidValue, MixedScorecards
from ocop.grading._scorecard import Scorecard

__all__ = ["Disqualified", "Eliminated", "Grade", "UnmetMinimum", "grade", "grade_points"]


@attrs.frozen
class UnmetMinimum:
    """A starred minimum level that the product did not reach.

    ``star`` is the star the minimum blocks; ``required_points`` and
    ``required_level`` (0-based index) describe the starred level; ``achieved_points``
    is what was scored on the criterion (a council's average for a council).
    """

    criterion: str
    star: Star
    required_points: int
    required_level: int
    required_text_vi: str | None
    achieved_points: Fraction

    def __str__(self) -> str:
        return (
            f"criterion {self.criterion}: {format_points(self.achieved_points)} < "
            f"{self.required_points} points required for {self.star}"
        )


@attrs.frozen
class Eliminated:
    """An elimination rule of a criterion that applies ("bị loại nếu …")."""

    criterion: str
    text_vi: str
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        return f"eliminated on criterion {self.criterion}: {self.text_vi}"


@attrs.frozen
class Disqualified:
    """A ground of the sheet's "Hồ sơ bị loại khi …" rule that applies."""

    ground: str
    text_vi: str
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        return f"dossier rejected ({self.ground}): {self.text_vi}"


@attrs.frozen
class Grade:
    """The result of grading: points per criterion, section and part, total, star and why.

    For a council, every figure is the exact average of the members' figures (a
    :class:`~fractions.Fraction`, never rounded); the star is decided on that exact
    total.  ``band`` is the star whose score band holds the total; ``star`` is the
    final star after the starred minima, or ``None`` when the product is eliminated
    or its dossier rejected.

    >>> import ocop
    >>> sheet = ocop.criteria.sheet(7, edition="26/2026")
    >>> top = {c.number: c.max_points for c in sheet.criteria}
    >>> g = ocop.grade_points(7, top, edition="26/2026")
    >>> g.total, g.star, g.unmet, g.recognisable
    (Fraction(100, 1), <Star.FIVE: 5>, (), True)
    >>> g = ocop.grade_points(7, {**top, "9": 1}, edition="26/2026")
    >>> g.total, g.band, g.star
    (Fraction(96, 1), <Star.FIVE: 5>, <Star.THREE: 3>)
    >>> [str(u) for u in g.unmet]
    ['criterion 9: 1 < 3 points required for 4★']
    """

    sheet: Sheet
    members: int
    criterion_points: FrozenMap[str, Fraction]
    section_points: FrozenMap[str, Fraction]
    part_points: FrozenMap[str, Fraction]
    total: Fraction
    band: Star
    star: Star | None
    unmet: tuple[UnmetMinimum, ...]
    eliminated: tuple[Eliminated, ...]
    disqualified: tuple[Disqualified, ...]
    caveats: tuple[str, ...]

    @property
    def edition(self) -> Edition:
        """The edition of the sheet graded."""
        return self.sheet.edition

    @property
    def recognisable(self) -> bool:
        """Whether the product can be recognised and certified (final star 3★ or more)."""
        return self.star is not None and self.star.recognisable

    @property
    def blocking(self) -> tuple[UnmetMinimum, ...]:
        """The unmet minima that lowered the star below the score band."""
        return tuple(u for u in self.unmet if u.star <= self.band)

    def missing_for(self, star: Star) -> tuple[UnmetMinimum, ...]:
        """The unmet minima that stand between the product and ``star`` (cumulative).

        :raises InvalidValue: ``star`` is not a star, 1 to 5.
        """
        wanted = _star(star)
        return tuple(u for u in self.unmet if u.star <= wanted)

    def points_short_of(self, star: Star) -> Fraction:
        """Points missing to reach the lower bound of ``star``'s band (0 if reached).

        >>> import ocop
        >>> from ocop._demo import demo_scorecards
        >>> ocop.grade(demo_scorecards()[1]).points_short_of(ocop.Star.FIVE)
        Fraction(21, 1)

        :raises InvalidValue: ``star`` is not a star, 1 to 5.
        """
        wanted = _star(star)
        band = next(b for b in self.edition.bands if b.star == wanted)
        return max(Fraction(0), band.lower - self.total)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the product got its star, and what is missing for the next one, in words."""
        out: list[str] = []
        out.extend(str(d) for d in self.disqualified)
        out.extend(str(e) for e in self.eliminated)
        if self.star is None:
            out.append("no star: the product is eliminated or its dossier rejected")
            return tuple(out)
        out.append(f"total {format_points(self.total)} is in the {self.band} band")
        for u in self.blocking:
            out.append(f"minimum not met: {u}")
        if self.star < self.band:
            out.append(f"star lowered from {self.band} to {self.star} by unmet starred minima")
        if self.star < Star.FIVE:
            nxt = Star(self.star + 1)
            short = self.points_short_of(nxt)
            missing = self.missing_for(nxt)
            need = []
            if short:
                need.append(f"{format_points(short)} more points")
            need.extend(f"criterion {u.criterion} at {u.required_points} points" for u in missing)
            out.append(f"for {nxt}: " + "; ".join(need))
        out.extend(self.caveats)
        return tuple(out)

    def _repr_html_(self) -> str:
        from ocop._display import grade_html

        return grade_html(self)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per criterion (requires the ``pandas`` extra)."""
        from ocop._display import frame, grade_rows

        return frame(grade_rows(self))

    def __repr__(self) -> str:
        star = "None" if self.star is None else str(self.star)
        return f"<Grade sheet {self.sheet.code} ({self.edition.code}): total {format_points(self.total)}, {star}>"

    def __str__(self) -> str:
        star = "no star" if self.star is None else str(self.star)
        parts = ", ".join(f"{k} {format_points(v)}" for k, v in self.part_points.items())
        return f"sheet {self.sheet.code} ({self.edition.code}): {parts}; total {format_points(self.total)}; {star}"


def _star(value: object) -> Star:
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3, 4, 5):
        raise InvalidValue(field="star", value=value, allowed=(1, 2, 3, 4, 5))
    return Star(value)


@attrs.frozen
class _Plan:
    """A sheet flattened for grading: computed once per sheet."""

    parts: tuple[str, ...]
    sections: tuple[str, ...]
    # (part, section, criterion, level values, indices of blank point cells)
    criteria: tuple[tuple[str, str, str, tuple[int, ...], frozenset[int]], ...]
    # (criterion, star, required points, level index, level text), by star then sheet order
    starred: tuple[tuple[str, Star, int, int, str | None], ...]


@functools.lru_cache(maxsize=256)
def _plan(sheet: Sheet) -> _Plan:
    criteria = tuple(
        (
            part.code,
            section.number,
            c.number,
            tuple(lvl.value for lvl in c.levels),
            frozenset(i for i, lvl in enumerate(c.levels) if lvl.assumed_points is not None),
        )
        for part, section, c in sheet.iter_criteria()
    )
    starred = tuple(
        (c.number, star, lvl.value, i, lvl.text_vi)
        for star in (Star.THREE, Star.FOUR, Star.FIVE)
        for c in sheet.criteria
        for i, lvl in enumerate(c.levels)
        if lvl.star == star
    )
    return _Plan(
        parts=tuple(p.code for p in sheet.parts),
        sections=tuple(s.number for p in sheet.parts for s in p.sections),
        criteria=criteria,
        starred=starred,
    )


def _as_cards(scorecards: Scorecard | Iterable[Scorecard]) -> tuple[Scorecard, ...]:
    if isinstance(scorecards, Scorecard):
        return (scorecards,)
    if isinstance(scorecards, (str, bytes, Mapping)) or not isinstance(scorecards, Iterable):
        raise InvalidValue(field="scorecards", value=scorecards, allowed="a Scorecard or an iterable of Scorecards")
    cards = tuple(scorecards)
    if not cards:
        raise InvalidValue(
            "a council needs at least one scorecard", field="scorecards", value=cards, allowed="one or more Scorecards"
        )
    for card in cards:
        if not isinstance(card, Scorecard):
            raise InvalidValue(field="scorecards", value=card, allowed="ocop.Scorecard instances")
    first = cards[0].sheet
    for card in cards[1:]:
        if card.sheet is not first and card.sheet != first:
            raise MixedScorecards(
                field="scorecards",
                value=f"sheet {card.sheet.code} of {card.sheet.edition.code}",
                allowed=f"sheet {first.code} of {first.edition.code}",
            )
    return cards


def grade(scorecards: Scorecard | Iterable[Scorecard]) -> Grade:
    """Grade one scorecard, or a council's scorecards on the same sheet.

    A council's points (per criterion, section, part, and the total) are the exact
    averages of its members' points; the total is the "tổng điểm trung bình" of
    26/2026 Art. 3.3 and is not rounded.  A starred minimum counts as met by a council
    when the members' average on that criterion reaches the starred level's points
    (how councils apply minima is not spelt out in the decision; this reading uses the
    same average as the total).  An elimination or disqualification recorded by any
    member applies to the council's grade, with the members who recorded it.

    Final star: the highest star whose band holds the total and whose starred minima,
    with those of every lower star, are all met; none when eliminated or rejected.

    :raises InvalidValue: not a scorecard or a non-empty iterable of scorecards.
    :raises MixedScorecards: the scorecards are not all on the same sheet.
    """
    cards = _as_cards(scorecards)
    sheet = cards[0].sheet
    n = len(cards)
    plan = _plan(sheet)
    # Sum the members' points as integers and divide once at the end: exact, and far
    # cheaper than adding Fractions criterion by criterion.
    crit_sums: dict[str, int] = {}
    section_sums: dict[str, int] = dict.fromkeys(plan.sections, 0)
    part_sums: dict[str, int] = dict.fromkeys(plan.parts, 0)
    caveats: list[str] = []
    choices = [card.levels for card in cards]
    for part_code, section_number, number, values, blank in plan.criteria:
        total = 0
        for levels in choices:
            index = levels[number]
            if index is not None:
                total += values[index]
                if index in blank:
                    note = (
                        f"criterion {number}: the chosen level's point cell is blank or misprinted in "
                        f"the decision; scored as {values[index]} (see the sheet's oddities)"
                    )
                    if note not in caveats:
                        caveats.append(note)
        crit_sums[number] = total
        section_sums[section_number] += total
        part_sums[part_code] += total
    grand_sum = sum(part_sums.values())
    grand = Fraction(grand_sum, n)
    band = sheet.edition.star_for(grand)

    unmet: list[UnmetMinimum] = []
    for number, star, value, index, text in plan.starred:
        if crit_sums[number] < value * n:
            unmet.append(
                UnmetMinimum(
                    criterion=number,
                    star=star,
                    required_points=value,
                    required_level=index,
                    required_text_vi=text,
                    achieved_points=Fraction(crit_sums[number], n),
                )
            )

    eliminated = tuple(
        Eliminated(
            criterion=c.number,
            text_vi=next(note.text_vi for note in c.notes if note.kind is NoteKind.ELIMINATION),
            evaluators=tuple(card.evaluator for card in cards if c.number in card.eliminations),
        )
        for c in sheet.criteria
        if any(c.number in card.eliminations for card in cards)
    )
    disqualified = tuple(
        Disqualified(
            ground=g.id,
            text_vi=g.text_vi,
            evaluators=tuple(card.evaluator for card in cards if g.id in card.disqualifications),
        )
        for g in (sheet.disqualification.grounds if sheet.disqualification else ())
        if any(g.id in card.disqualifications for card in cards)
    )

    final: Star | None
    if eliminated or disqualified:
        final = None
    else:
        final = band
        blocked = {u.star for u in unmet}
        while final >= Star.THREE and any(s <= final for s in blocked):
            final = Star(final - 1)
    return Grade(
        sheet=sheet,
        members=n,
        criterion_points=FrozenMap({k: Fraction(v, n) for k, v in crit_sums.items()}),
        section_points=FrozenMap({k: Fraction(v, n) for k, v in section_sums.items()}),
        part_points=FrozenMap({k: Fraction(v, n) for k, v in part_sums.items()}),
        total=grand,
        band=band,
        star=final,
        unmet=tuple(unmet),
        eliminated=eliminated,
        disqualified=disqualified,
        caveats=tuple(caveats),
    )


def grade_points(
    sheet: int,
    points: Mapping[str, int],
    *,
    edition: str | Edition | None = None,
    eliminations: Iterable[str] = (),
    disqualifications: Iterable[str] = (),
) -> Grade:
    """Grade one product from the points of the chosen level of every criterion.

    ``sheet`` is the sheet number (1–26), ``points`` maps each leaf criterion number
    exactly as printed (``"1.1"``, ``"6.5"``, ``"7"``…) to the points of the chosen
    level, and ``edition`` defaults to the edition in force today.

    >>> import ocop
    >>> pts = {c.number: c.max_points for c in ocop.criteria.sheet(1, edition="26/2026").criteria}
    >>> pts.update({"4.1": 2, "5.1": 1, "8": 1})
    >>> g = ocop.grade_points(1, pts, edition="26/2026")
    >>> g.total, g.band, g.star
    (Fraction(89, 1), <Star.FOUR: 4>, <Star.THREE: 3>)
    >>> sorted((u.criterion, int(u.star), u.required_points) for u in g.unmet)
    [('4.1', 4, 3), ('4.1', 5, 5), ('5.1', 4, 5), ('8', 4, 3)]

    :raises UnknownEdition, UnknownSheet, CriteriaNotPublished: bad edition or sheet.
    :raises UnknownCriterion, IncompleteScorecard, UnknownLevel, AmbiguousLevel: bad points.
    """
    ed = default_edition() if edition is None else _edition(edition)
    card = Scorecard.from_points(
        _sheet(sheet, edition=ed),
        points,
        eliminations=eliminations,
        disqualifications=disqualifications,
    )
    return grade(card)
