"""One evaluator's scorecard: the level chosen for every criterion of a sheet."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ocop._editions import edition_in_force
from ocop._frozen import FrozenMap
from ocop._numbers import check_date
from ocop._shown import ShownConcisely
from ocop._validators import instance_of
from ocop.criteria._model import Criterion, Level, NoteKind, Sheet
from ocop.errors import AmbiguousLevel, IncompleteScorecard, InvalidValue, UnknownCriterion, UnknownLevel

__all__ = ["Scorecard"]


def _freeze_levels(value: Mapping[str, int | None]) -> FrozenMap[str, int | None]:
    if isinstance(value, FrozenMap):
        return value
    if not isinstance(value, Mapping):
        raise InvalidValue(field="levels", value=value, allowed="a mapping of criterion number to level index")
    return FrozenMap(value)


def _names(value: object, field: str) -> frozenset[str]:
    items = () if isinstance(value, str) or not isinstance(value, Iterable) else tuple(value)
    if isinstance(value, str) or not isinstance(value, Iterable) or not all(isinstance(i, str) for i in items):
        raise InvalidValue(field=field, value=value, allowed="a collection of strings")
    return frozenset(items)


def _eliminations(value: object) -> frozenset[str]:
    return _names(value, "eliminations")


def _disqualifications(value: object) -> frozenset[str]:
    return _names(value, "disqualifications")


def _halts(value: object) -> frozenset[str]:
    return _names(value, "halts")


def _out_of_scope(value: object) -> frozenset[str]:
    return _names(value, "out_of_scope")


def _filed_on(value: object) -> datetime.date | None:
    if value is None:
        return None
    day = check_date(value, field="filed_on")
    edition_in_force(day)  # refuses a date before the first edition (NoEditionInForce)
    return day


def _has_note(criterion: Criterion, kind: NoteKind) -> bool:
    return any(n.kind is kind for n in criterion.notes)


def _has_zero_level(criterion: Criterion) -> bool:
    return any(level.value == 0 for level in criterion.levels)


@attrs.frozen
class Scorecard(ShownConcisely):
    """The levels one evaluator chose on one sheet.

    ``levels`` maps every leaf criterion number of the sheet to the 0-based index of the
    ticked level, or to ``None`` when no box is ticked (the product reaches none of the
    printed levels: 0 points).  ``None`` is refused where the criterion has a level
    worth 0, because that level is then the way to record it.

    ``eliminations`` names the criteria whose elimination rule ("bị loại nếu …")
    applies; ``disqualifications`` names the grounds of the sheet's "Hồ sơ bị loại
    khi …" rule that apply (``"forged-dossier"``, ``"food-safety-certificate"``,
    ``"registration-dossier"``).

    ``halts`` names the criteria whose halt note ("… sẽ không đánh giá các bước tiếp
    theo", "Không xem xét các chỉ tiêu khác …") holds: the evaluation stops there
    and the grade has no star.  ``out_of_scope`` names the criteria whose scope note
    ("Chỉ áp dụng khi có câu chuyện sản phẩm") does not hold: their points are not
    counted.  Only criteria carrying such a note can be named.  ``filed_on`` is the
    day the dossier was filed; the sheet given fixes the edition, and a filing date
    that selects another edition (26/2026 Art. 12.2) is reported as a caveat of the
    grade.  See the docs page *Grading rules*.

    >>> import ocop
    >>> sheet = ocop.criteria.sheet(7, edition="26/2026")
    >>> card = ocop.Scorecard.from_points(sheet, {c.number: c.max_points for c in sheet.criteria})
    >>> card.points("6.5"), card.levels["6.5"]
    (5, 3)
    >>> ocop.Scorecard(sheet, {"1.1": 0})
    Traceback (most recent call last):
    ...
    ocop.errors.IncompleteScorecard: The scorecard does not score every criterion of the sheet.
    sheet 7 of 26/2026 misses criteria 1.2, 1.3, ..., 10, 11.
    """

    sheet: Sheet = attrs.field(validator=instance_of(Sheet))
    levels: FrozenMap[str, int | None] = attrs.field(converter=_freeze_levels)
    evaluator: str | None = attrs.field(default=None, kw_only=True, validator=instance_of(str, optional=True))
    eliminations: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_eliminations)
    disqualifications: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_disqualifications)
    halts: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_halts)
    out_of_scope: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_out_of_scope)
    filed_on: datetime.date | None = attrs.field(default=None, kw_only=True, converter=_filed_on)

    def __attrs_post_init__(self) -> None:
        sheet = self.sheet
        where = f"sheet {sheet.code} of {sheet.edition.code}"
        known = [c.number for c in sheet.criteria]
        for number in self.levels:
            if not isinstance(number, str) or number not in known:
                raise UnknownCriterion(where, field="levels", value=number, allowed=known)
        missing = [n for n in known if n not in self.levels]
        if missing:
            raise IncompleteScorecard(f"{where} misses criteria {', '.join(missing)}.")
        for criterion in sheet.criteria:
            index = self.levels[criterion.number]
            if index is None:
                if _has_zero_level(criterion):
                    raise UnknownLevel(
                        f"{where}, criterion {criterion.number} has a 0-point level: choose it instead of None",
                        field=f"levels[{criterion.number!r}]",
                        value=None,
                        allowed=range(len(criterion.levels)),
                    )
                continue
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(criterion.levels):
                raise UnknownLevel(
                    f"{where}, criterion {criterion.number}",
                    field=f"levels[{criterion.number!r}]",
                    value=index,
                    allowed=[*range(len(criterion.levels)), None],
                )
        for number in self.eliminations:
            if number not in known or not sheet.criterion(number).eliminates:
                raise UnknownCriterion(
                    f"{where}: only criteria with an elimination rule can be flagged",
                    field="eliminations",
                    value=number,
                    allowed=[c.number for c in sheet.criteria if c.eliminates],
                )
        for field, kind, what in (
            ("halts", NoteKind.HALT, "a halt note"),
            ("out_of_scope", NoteKind.SCOPE, "a scope note"),
        ):
            for number in sorted(getattr(self, field), key=str):
                if number not in known or not _has_note(sheet.criterion(number), kind):
                    raise UnknownCriterion(
                        f"{where}: only criteria with {what} can be named",
                        field=field,
                        value=number,
                        allowed=[c.number for c in sheet.criteria if _has_note(c, kind)],
                    )
        grounds = [g.id for g in sheet.disqualification.grounds] if sheet.disqualification else []
        for ground in self.disqualifications:
            if ground not in grounds:
                raise UnknownLevel(f"{where}", field="disqualifications", value=ground, allowed=grounds)

    @classmethod
    def from_points(
        cls,
        sheet: Sheet,
        points: Mapping[str, int],
        *,
        evaluator: str | None = None,
        eliminations: Iterable[str] = (),
        disqualifications: Iterable[str] = (),
        halts: Iterable[str] = (),
        out_of_scope: Iterable[str] = (),
        filed_on: datetime.date | None = None,
    ) -> Scorecard:
        """Build a scorecard from the points of the chosen level of each criterion.

        0 points on a criterion without a 0-point level means no box ticked.  When
        several levels are worth the points and they grade alike (same star mark), the
        first is taken; when they differ, the choice is ambiguous.

        :raises UnknownCriterion: a key is not a leaf criterion of the sheet.
        :raises IncompleteScorecard: a criterion of the sheet is missing.
        :raises UnknownLevel: no level of the criterion is worth these points.
        :raises AmbiguousLevel: several levels are worth the points and grade differently.
        """
        if not isinstance(sheet, Sheet):
            raise InvalidValue(field="sheet", value=sheet, allowed="an ocop.criteria.Sheet")
        if not isinstance(points, Mapping):
            raise InvalidValue(field="points", value=points, allowed="a mapping of criterion number to points")
        where = f"sheet {sheet.code} of {sheet.edition.code}"
        levels: dict[str, int | None] = {}
        for number, value in points.items():
            if not isinstance(number, str):
                raise UnknownCriterion(where, field="points", value=number, allowed=[c.number for c in sheet.criteria])
            criterion = sheet.criterion(number)
            levels[number] = _level_for_points(where, criterion, value)
        return cls(
            sheet,
            levels,
            evaluator=evaluator,
            eliminations=eliminations,
            disqualifications=disqualifications,
            halts=halts,
            out_of_scope=out_of_scope,
            filed_on=filed_on,
        )

    def level(self, number: str) -> Level | None:
        """The chosen :class:`~ocop.criteria.Level` of a criterion (``None``: no box ticked)."""
        criterion = self.sheet.criterion(number)
        index = self.levels[criterion.number]
        return None if index is None else criterion.levels[index]

    def points(self, number: str) -> int:
        """The points scored on one criterion."""
        chosen = self.level(number)
        return 0 if chosen is None else int(chosen.value)

    def with_level(self, number: str, index: int | None) -> Scorecard:
        """A copy with one criterion's level changed."""
        self.sheet.criterion(number)
        return attrs.evolve(self, levels={**self.levels, number: index})

    def __repr__(self) -> str:
        who = "" if self.evaluator is None else f" by {self.evaluator!r}"
        total = sum(self.points(c.number) for c in self.sheet.criteria)
        flags = len(self.eliminations) + len(self.disqualifications)
        extra = f", {flags} elimination(s)/rejection(s)" if flags else ""
        return f"<Scorecard sheet {self.sheet.code} ({self.sheet.edition.code}){who}: {total} points{extra}>"

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per criterion (requires the ``pandas`` extra); see :func:`ocop.io.to_frame`."""
        from ocop.io import to_frame

        return to_frame(self)


def _level_for_points(where: str, criterion: Criterion, value: object) -> int | None:
    field = f"points[{criterion.number!r}]"
    allowed = sorted({lvl.value for lvl in criterion.levels} | ({0} if not _has_zero_level(criterion) else set()))
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"{where}, criterion {criterion.number}", field=field, value=value, allowed=allowed)
    matches = [i for i, lvl in enumerate(criterion.levels) if lvl.value == value]
    if not matches:
        if value == 0:
            return None
        raise UnknownLevel(f"{where}, criterion {criterion.number}", field=field, value=value, allowed=allowed)
    stars = {criterion.levels[i].star for i in matches}
    if len(stars) > 1:
        raise AmbiguousLevel(
            f"{where}, criterion {criterion.number}: levels {matches} are worth {value} points",
            field=field,
            value=value,
            allowed="a level index through ocop.Scorecard",
        )
    return matches[0]
