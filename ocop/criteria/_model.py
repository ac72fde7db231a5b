"""Frozen value types for a scoring sheet (phiếu đánh giá) and its parts."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import attrs

from ocop._editions import Edition, Star
from ocop._shown import Shown, ShownConcisely
from ocop.errors import InvalidValue, UnknownCriterion

__all__ = [
    "Case",
    "Criterion",
    "Disqualification",
    "Ground",
    "Level",
    "Note",
    "NoteKind",
    "Oddity",
    "Part",
    "Provenance",
    "Section",
    "Sheet",
    "Subsection",
]


class NoteKind(enum.Enum):
    """What a note printed under a criterion does."""

    #: A requirement the product must meet for the criterion ("Yêu cầu …").
    REQUIREMENT = "requirement"
    #: The product is eliminated if the condition holds ("Bị loại nếu …").
    ELIMINATION = "elimination"
    #: The rest of the section is not assessed ("… không đánh giá các bước tiếp theo").
    HALT = "halt"
    #: The criterion applies only in some cases ("Chỉ áp dụng khi …").
    SCOPE = "scope"
    #: Any other explanatory note ("Ghi chú …").
    NOTE = "note"


@attrs.frozen
class Note(Shown):
    """A note printed with a criterion (requirement, elimination rule, explanation).

    ``covers`` lists the criteria a note speaks of when it names several (sheet 16 of
    26/2026 prints under 6.4 "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không
    đánh giá các bước tiếp theo": a zero on any of 6.1–6.4 halts the evaluation); it is
    empty, the default, for a note about the criterion that carries it alone.
    """

    kind: NoteKind
    text_vi: str
    text_en: str
    covers: tuple[str, ...] = ()


@attrs.frozen
class Level(Shown):
    """One tick-box level of a criterion.

    ``points`` is the point cell exactly as printed (``None`` where the decision leaves
    it blank); ``assumed_points`` is set only where that cell is blank or plainly
    misprinted (a value above the criterion's maximum) and says how the level is
    scored; the sheet's oddities explain why.  ``star`` is the star mark printed on the
    level (3 for ``***``, 4 for ``****``, 5 for ``*****``): the minimum level that must
    be reached on this criterion for that star.  ``printed`` is false for levels the
    decision implies but does not print (the sheet's oddities say which).  ``case``
    names the alternative the level belongs to, for criteria printed with "Lựa chọn
    một trong hai trường hợp" (choose one of two cases), else ``None``.
    """

    text_vi: str | None
    text_en: str
    points: int | None
    assumed_points: int | None
    star: Star | None
    printed: bool
    case: str | None

    @property
    def value(self) -> int:
        """The points this level scores (the documented assumption, else the printed points)."""
        if self.assumed_points is not None:
            return self.assumed_points
        assert self.points is not None  # guaranteed by the loader's integrity check
        return self.points


@attrs.frozen
class Case(Shown):
    """One of the alternative cases of a criterion ("a. Trường hợp 1: …")."""

    key: str
    text_vi: str
    text_en: str


@attrs.frozen
class Criterion(ShownConcisely):
    """A leaf criterion (``"1.1"``, ``"6.1.1"``, or a section scored as a whole, ``"7"``).

    ``group`` is the number of the subsection the criterion belongs to (``"6.1"`` for
    ``"6.1.1"`` on the tea sheets), else ``None``.  ``cases`` lists the alternatives
    of a criterion whose levels depend on the kind of product (sheet 26); each level
    then names its case, and one level of one case is chosen.
    """

    number: str
    name_vi: str
    name_en: str
    description_vi: str | None
    max_points: int
    notes: tuple[Note, ...]
    levels: tuple[Level, ...]
    group: str | None
    cases: tuple[Case, ...]

    def __repr__(self) -> str:
        return f"<Criterion {self.number}: {self.name_vi}, {self.max_points} points, {len(self.levels)} levels>"

    @property
    def eliminates(self) -> bool:
        """Whether the criterion carries an elimination rule ("bị loại nếu …")."""
        return any(n.kind is NoteKind.ELIMINATION for n in self.notes)

    def minimum_for(self, star: Star) -> tuple[int, Level] | None:
        """The starred level that must be reached for ``star`` (index, level), if any.

        The marks are cumulative: for 4★ the highest level marked ``***`` or ``****``
        applies.
        """
        star = _star(star)
        found: tuple[int, Level] | None = None
        for index, level in enumerate(self.levels):
            if level.star is not None and level.star <= star:
                found = (index, level)
        return found


def _star(value: object) -> Star:
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3, 4, 5):
        raise InvalidValue(field="star", value=value, allowed=(1, 2, 3, 4, 5))
    return Star(value)


@attrs.frozen
class Subsection(Shown):
    """A heading with points that groups criteria inside a section (``6.1. Ngoại hình``)."""

    number: str
    name_vi: str
    name_en: str
    max_points: int


@attrs.frozen
class Section(ShownConcisely):
    """A numbered section (``1. TỔ CHỨC SẢN XUẤT``), its subsections and criteria."""

    number: str
    name_vi: str
    name_en: str
    max_points: int
    subsections: tuple[Subsection, ...]
    criteria: tuple[Criterion, ...]

    def __repr__(self) -> str:
        return f"<Section {self.number}: {self.name_vi}, {self.max_points} points, {len(self.criteria)} criteria>"


@attrs.frozen
class Part(ShownConcisely):
    """Part A, B or C of a sheet."""

    code: str
    name_vi: str
    name_en: str
    max_points: int
    sections: tuple[Section, ...]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The leaf criteria of the part, in printed order."""
        return tuple(c for s in self.sections for c in s.criteria)

    def __repr__(self) -> str:
        return f"<Part {self.code}: {self.name_vi}, {self.max_points} points, {len(self.sections)} sections>"


@attrs.frozen
class Provenance(Shown):
    """Where a sheet's table comes from."""

    instrument: str
    signed_on: datetime.date
    location: str
    source: str
    source_sha256: str | None
    official_record: str | None


@attrs.frozen
class Ground(Shown):
    """One ground for rejecting a dossier outright ("Hồ sơ bị loại khi …")."""

    id: str
    text_vi: str
    text_en: str


@attrs.frozen
class Disqualification(Shown):
    """The sheet-level rule "Hồ sơ bị loại khi …", verbatim, and its grounds."""

    text_vi: str
    text_en: str
    grounds: tuple[Ground, ...]


@attrs.frozen
class Oddity(Shown):
    """Something in the decision's own text that is blank, inconsistent or irregular.

    The data keeps what the text says; an oddity records the irregularity, and an
    integrity check that the text breaks is waived only where an oddity names it.
    """

    where: str
    kind: str
    note_en: str


@attrs.frozen(cache_hash=True)
class Sheet(ShownConcisely):
    """A scoring sheet (phiếu đánh giá) of one product set, in one edition.

    >>> import ocop
    >>> s = ocop.criteria.sheet(7, edition="26/2026")
    >>> s.code, s.name_vi, [p.max_points for p in s.parts]
    (7, 'Chế biến từ rau, củ, quả, hạt', [40, 25, 35])
    >>> c = s.criterion("6.5")
    >>> [(lvl.value, lvl.star) for lvl in c.levels]
    [(0, None), (1, None), (3, <Star.FOUR: 4>), (5, <Star.FIVE: 5>)]
    """

    format: int
    edition: Edition
    code: int
    name_vi: str
    name_en: str
    sector_vi: str
    sector_en: str
    group_vi: str
    group_en: str
    provenance: Provenance
    disqualification: Disqualification | None
    parts: tuple[Part, ...]
    oddities: tuple[Oddity, ...]

    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every leaf criterion, in printed order."""
        return tuple(c for p in self.parts for c in p.criteria)

    @cached_property
    def _index(self) -> Mapping[str, Criterion]:
        # Read-only: the sheet is shared reference data (cached per edition and code).
        return MappingProxyType({c.number: c for c in self.criteria})

    def iter_criteria(self) -> Iterator[tuple[Part, Section, Criterion]]:
        """Each leaf criterion with its part and section, in printed order."""
        for part in self.parts:
            for section in part.sections:
                for criterion in section.criteria:
                    yield part, section, criterion

    def criterion(self, number: str) -> Criterion:
        """The leaf criterion with this number, e.g. ``"1.1"`` or ``"8"``.

        :raises UnknownCriterion: the sheet has no such leaf criterion.
        """
        found = self._index.get(number) if isinstance(number, str) else None
        if found is not None:
            return found
        raise UnknownCriterion(
            f"sheet {self.code} of {self.edition.code}",
            field="criterion",
            value=number,
            allowed=[c.number for c in self.criteria],
        )

    def minima(self, star: Star) -> tuple[tuple[Criterion, int, Level], ...]:
        """Every starred minimum that applies for ``star`` (cumulative over lower stars)."""
        star = _star(star)
        out = []
        for c in self.criteria:
            found = c.minimum_for(star)
            if found is not None:
                out.append((c, found[0], found[1]))
        return tuple(out)

    def __repr__(self) -> str:
        return f"<Sheet {self.code} of {self.edition.code}: {self.name_vi}>"

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per level (requires the ``pandas`` extra)."""
        from ocop.io import to_frame

        return to_frame(self)
