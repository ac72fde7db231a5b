"""The result of grading: points per criterion, section and part, total, star and why."""

from __future__ import annotations

import abc
import datetime
import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from ocop._editions import Authority, Edition, Star
from ocop._frozen import FrozenMap
from ocop._numbers import format_points
from ocop._shown import Shown, ShownConcisely
from ocop.criteria._model import Sheet
from ocop.errors import InvalidValue
from ocop.grading._rules import CouncilRules, Halted, OutOfScope, Recognition, RuleBreach, recognition

__all__ = ["Disqualified", "Eliminated", "Grade", "UnmetMinimum"]


@attrs.frozen
class UnmetMinimum(Shown):
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
class Eliminated(Shown):
    """An elimination rule of a criterion that applies ("bị loại nếu …")."""

    criterion: str
    text_vi: str
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        return f"eliminated on criterion {self.criterion}: {self.text_vi}"


@attrs.frozen
class Disqualified(Shown):
    """A ground of the sheet's "Hồ sơ bị loại khi …" rule that applies."""

    ground: str
    text_vi: str
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        return f"dossier rejected ({self.ground}): {self.text_vi}"


class _Lazy(ShownConcisely):
    # One slot beside the fields: None for a grade built field by field, else what the
    # compiled engine keeps to read the fields it did not store (see Deferred).
    __slots__ = ("_lazy",)

    _lazy: int | Deferred | None


@attrs.frozen
class Grade(_Lazy):
    """The result of grading: points per criterion, section and part, total, star and why.

    For a council, every figure is the exact average of the members' figures (a
    :class:`~fractions.Fraction`, never rounded); the star is decided on that exact
    total.  ``band`` is the star whose score band holds the total; ``star`` is the
    final star after the starred minima, or ``None`` when the product is eliminated,
    its dossier rejected or its evaluation halted (``halted``).

    Points on criteria a halt leaves unassessed, or whose scope note does not hold
    (``out_of_scope``), are not counted: they are 0 in ``criterion_points`` and the
    total is the sum of the points counted.  ``council`` is the level of the council
    that graded, when stated, and :attr:`recognition` says who may recognise the star;
    ``rules`` are the council's own regulations, when given, and ``breaches`` what the
    scorecards break of them (the star is computed all the same).

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
    halted: tuple[Halted, ...] = ()
    out_of_scope: tuple[OutOfScope, ...] = ()
    filed_on: datetime.date | None = None
    council: Authority | None = None
    rules: CouncilRules | None = None
    breaches: tuple[RuleBreach, ...] = ()

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
        >>> from ocop.io import demo_council
        >>> ocop.grade(demo_council()[1]).points_short_of(ocop.Star.FIVE)
        Fraction(21, 1)

        :raises InvalidValue: ``star`` is not a star, 1 to 5.
        """
        wanted = _star(star)
        band = next(b for b in self.edition.bands if b.star == wanted)
        return max(Fraction(0), band.lower - self.total)

    @property
    def not_assessed(self) -> tuple[str, ...]:
        """The criteria a halt left unassessed, in printed order."""
        left = {n for h in self.halted for n in h.not_assessed}
        return tuple(c.number for c in self.sheet.criteria if c.number in left)

    @property
    def recognition(self) -> Recognition:
        """Which authority may recognise which star (26/2026 Art. 4.1, 7.3(e), 7.4).

        >>> import ocop
        >>> top = {c.number: c.max_points for c in ocop.criteria.sheet(7, edition="26/2026").criteria}
        >>> r = ocop.grade_points(7, top, edition="26/2026", council=ocop.Authority.PROVINCE).recognition
        >>> r.star, r.authority, r.route, r.candidate
        (<Star.FIVE: 5>, <Authority.MINISTRY: 'ministry'>, <Route.FORWARD: 'forward'>, True)
        """
        return recognition(self.star, self.edition, self.council)

    @property
    def rescoring_required(self) -> bool:
        """Whether the council's own rules (``rules``) require the members to score again."""
        return bool(self.breaches)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the product got its star, and what is missing for the next one, in words."""
        lazy = self._lazy
        if lazy is not None:
            fast = ENGINE.reasons(self, lazy)
            if fast is not None:
                return fast
        out: list[str] = []
        out.extend(str(d) for d in self.disqualified)
        out.extend(str(e) for e in self.eliminated)
        out.extend(str(h) for h in self.halted)
        out.extend(str(b) for b in self.breaches)
        if self.star is None:
            causes = [
                what
                for what, present in (
                    ("the dossier is rejected", self.disqualified),
                    ("the product is eliminated", self.eliminated),
                    ("the evaluation was halted", self.halted),
                )
                if present
            ]
            out.append("no star: " + " and ".join(causes))
            return tuple(out)
        out.append(f"total {format_points(self.total)} is in the {self.band} band")
        out.extend(str(o) for o in self.out_of_scope)
        for u in self.blocking:
            out.append(f"minimum not met: {u}")
        if self.star < self.band:
            out.append(f"star lowered from {self.band} to {self.star} by unmet starred minima")
        if self.band.recognisable and not self.star.recognisable:
            out.append(
                f"not recognisable: the total reaches the {self.band} band but the 3★ minima are not met, "
                f"so the product ranks {self.star} (a reading; see the docs page Grading rules)"
            )
        if self.star < Star.FIVE:
            nxt = Star(self.star + 1)
            short = self.points_short_of(nxt)
            missing = self.missing_for(nxt)
            need = []
            if short:
                need.append(f"{format_points(short)} more points")
            need.extend(f"criterion {u.criterion} at {u.required_points} points" for u in missing)
            out.append(f"for {nxt}: " + "; ".join(need))
        if self.council is not None:
            out.append(str(self.recognition))
        out.extend(self.caveats)
        return tuple(out)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per criterion (requires the ``pandas`` extra)."""
        from ocop.io import to_frame

        return to_frame(self)

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


class Deferred(abc.ABC):
    """What the compiled engine keeps of a grade whose fields are built on first read.

    A grade made by the engine stores only ``sheet``, ``band`` and ``star`` in their
    slots; every other field is read from here: ``values`` holds those known (the
    defaults of a scorecard that flags nothing, or what a council's grading found) and
    those built so far, and :meth:`build` makes the exact maps, the total, the unmet
    minima and the caveats when first read.  A grade built by its constructor (or
    unpickled, or evolved) has every field in its slot and no ``Deferred``.
    """

    __slots__ = ("values",)

    values: dict[str, Any]

    @abc.abstractmethod
    def build(self, grade: Grade, name: str) -> Any:
        """The value of field ``name`` of ``grade``."""


class Engine:
    """The compiled engine's entry points that a grade calls back (set when the engine is imported).

    ``expand`` turns the bare integer an untouched grade of one scorecard keeps into
    its :class:`Deferred`; ``reasons`` gives the reasons of such a grade from its
    compiled sheet, or ``None`` when the grade is a council's (the general rule applies).
    """

    expand: Callable[[Grade, int], Deferred]
    reasons: Callable[[Grade, int | Deferred], tuple[str, ...] | None]


ENGINE = Engine()

#: The fields every grade keeps in its own slot.
DIRECT = ("sheet", "band", "star")
#: The fields the compiled engine builds on first read (the others it knows when grading).
DEFERRED = ("criterion_points", "section_points", "part_points", "total", "unmet", "caveats")

#: Every field's own slot (a member descriptor), for the engine to fill a grade directly.
SLOTS = {a.name: Grade.__dict__[a.name] for a in attrs.fields(Grade)}
#: The slot that tells a grade made by the engine from one built field by field.
LAZY = _Lazy.__dict__["_lazy"]
_put_lazy = LAZY.__set__
_MISSING = object()


def _field(name: str) -> property:
    # The field's slot stays under a private name, read in C when the grade was built
    # field by field; a grade made by the engine reads the field from its Deferred.
    slot = SLOTS[name]
    setattr(Grade, f"_{name}_slot", slot)
    raw = operator.attrgetter(f"_{name}_slot")
    put = slot.__set__

    def read(self: Grade) -> Any:
        lazy = self._lazy
        if lazy is None:
            return raw(self)
        if isinstance(lazy, int):
            lazy = ENGINE.expand(self, lazy)
        values = lazy.values
        value = values.get(name, _MISSING)
        if value is _MISSING:
            value = values[name] = lazy.build(self, name)
        return value

    def write(self: Grade, value: Any) -> None:
        # attrs' __init__ and __setstate__ set every field: the grade is then a plain one.
        put(self, value)
        _put_lazy(self, None)

    return property(read, write, doc=slot.__doc__)


for _name in SLOTS:
    if _name not in DIRECT:
        setattr(Grade, _name, _field(_name))
