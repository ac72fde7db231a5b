"""The grading rules Decision 26/2026 adds around the score: halts, scope, recognition, council rules.

Each rule cites the article or the sheet note it comes from; where the text leaves a
choice, the reading taken is written out here and on the docs page *Grading rules*.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ocop._editions import Authority, Edition, Star
from ocop._numbers import format_points
from ocop._shown import Shown
from ocop.criteria._model import Criterion, Note, NoteKind, Sheet
from ocop.errors import InvalidValue

__all__ = [
    "CouncilRules",
    "HaltReach",
    "Halted",
    "OutOfScope",
    "Recognition",
    "Route",
    "RuleBreach",
]


# --- halt notes ------------------------------------------------------------------------


class HaltReach(enum.Enum):
    """Which criteria a halt note takes out of the evaluation, read from its wording."""

    #: For "… sẽ không đánh giá các bước tiếp theo", every criterion printed after the
    #: criteria the note is attached to, to the end of the sheet.
    FOLLOWING = "following"
    #: For "Không xem xét các chỉ tiêu khác …", every other criterion of the sheet.
    OTHERS = "others"


def halt_note(criterion: Criterion) -> Note | None:
    """The first halt note of ``criterion``, if it carries one."""
    return next((n for n in criterion.notes if n.kind is NoteKind.HALT), None)


def halt_reach(note: Note) -> HaltReach:
    """The reach of a halt note: :attr:`HaltReach.OTHERS` for "các chỉ tiêu khác", else following steps.

    >>> from ocop.criteria import Note, NoteKind
    >>> halt_reach(Note(NoteKind.HALT, "Ghi chú: Không xem xét các chỉ tiêu khác nếu …", "")).value
    'others'
    >>> halt_reach(Note(NoteKind.HALT, "… sẽ không đánh giá các bước tiếp theo", "")).value
    'following'
    """
    return HaltReach.OTHERS if "chỉ tiêu khác" in note.text_vi.casefold() else HaltReach.FOLLOWING


def not_assessed(sheet: Sheet, number: str) -> tuple[str, ...]:
    """The criteria a halt on criterion ``number`` leaves unassessed, in printed order.

    For "không đánh giá các bước tiếp theo" (sheets 2–17, criterion 6.1 and the like;
    sheets 19–20, criterion 6) the steps are the sheet's criteria in printed order: the
    ones printed after the last criterion that carries the same note or that the note
    covers (:attr:`~ocop.criteria.Note.covers`: sheet 16's "0 điểm tại một trong các chỉ
    tiêu trên" covers 6.1–6.4).  For "Không xem xét các chỉ tiêu khác" (sheet 1, 6.1)
    every other criterion of the sheet is left out.
    """
    criterion = sheet.criterion(number)
    note = halt_note(criterion)
    assert note is not None  # the scorecard admits halts only on criteria with a halt note
    numbers = [c.number for c in sheet.criteria]
    if halt_reach(note) is HaltReach.OTHERS:
        return tuple(n for n in numbers if n != number)
    # The note names the criteria it speaks of (``covers``) or is printed on each of them.
    carriers = {c.number for c in sheet.criteria if note in c.notes} | set(note.covers)
    last = max(i for i, n in enumerate(numbers) if n in carriers)
    return tuple(numbers[last + 1 :])


@attrs.frozen
class Halted(Shown):
    """A halt note whose condition holds: the evaluation stopped on ``criterion``.

    ``not_assessed`` lists the criteria left out (see :class:`HaltReach`); their points
    are not counted and the grade has no star.  ``evaluators`` are the members who
    recorded the halt (any one member's record applies to the council).
    """

    criterion: str
    text_vi: str
    reach: HaltReach
    not_assessed: tuple[str, ...]
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        left = ", ".join(self.not_assessed) or "none"
        return f"evaluation halted on criterion {self.criterion}: {self.text_vi} (not assessed: {left})"


# --- scope notes -----------------------------------------------------------------------


@attrs.frozen
class OutOfScope(Shown):
    """A criterion whose scope note ("Chỉ áp dụng khi …") does not hold for the product.

    The criterion does not apply: the points recorded on it (``ignored_points``, the
    members' mean) are not counted, and its starred minima, if any, do not apply.
    """

    criterion: str
    text_vi: str
    ignored_points: Fraction
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        return (
            f"criterion {self.criterion} does not apply ({self.text_vi}): "
            f"{format_points(self.ignored_points)} points recorded on it not counted"
        )


# --- recognition (Art. 4.1, 7.3(e), 7.4) -----------------------------------------------


class Route(enum.Enum):
    """What the grading council's result allows, for the star graded (26/2026 Art. 4.1, 7.3, 7.4)."""

    #: No star that can be recognised (1★, 2★ or no star; Art. 4.1(a)).
    NONE = "none"
    #: The council was not stated, and ``authority`` recognises the star (Art. 4.1).
    BY_AUTHORITY = "by-authority"
    #: The council's own level recognises the star (province 3★/4★, ministry 5★).
    RECOGNISE = "recognise"
    #: A candidate only, the star being recognised by a higher level to which the
    #: dossier is forwarded (province 90+ for 5★, Art. 7.3(e)).
    FORWARD = "forward"
    #: A higher council's result below its own star, left to the lower level, which may
    #: recognise the star on that result or evaluate the product itself (Art. 7.4).
    LEAVE_TO = "leave-to"


@attrs.frozen
class Recognition(Shown):
    """Which authority may recognise which star on this grade.

    ``star`` is the star graded (``None`` for none), ``authority`` the level that
    recognises it under the edition (``Edition.recognised_by``), ``council``
    the level of the council that graded (``None`` when not stated) and ``route`` what
    follows from the two.
    """

    star: Star | None
    authority: Authority | None
    council: Authority | None
    route: Route

    @property
    def candidate(self) -> bool:
        """Whether the grade only makes a candidate, to be recognised by a higher level."""
        return self.route is Route.FORWARD

    def __str__(self) -> str:
        if self.route is Route.NONE or self.star is None or self.authority is None:
            return "no star to recognise: no decision and no certificate (Art. 4.1(a))"
        who = self.authority.value
        if self.route is Route.FORWARD:
            return (
                f"a candidate for {self.star} only: the {who} recognises {self.star}; the "
                f"{_level(self.council)} approves the result and forwards the dossier (Art. 7.3(e))"
            )
        if self.route is Route.LEAVE_TO:
            return (
                f"{self.star} is recognised by the {who}, not the {_level(self.council)}: the {who} may "
                f"recognise it on this result or evaluate the product itself (Art. 7.4)"
            )
        return f"{self.star} is recognised by the {who} (Art. 4.1)"


def _level(authority: Authority | None) -> str:
    return "council" if authority is None else authority.value


_ORDER = tuple(Authority)


def check_council(council: object, edition: Edition) -> Authority | None:
    """Refuse a council level that recognises no star in ``edition``."""
    allowed = [a for a in _ORDER if a in set(edition.recognised_by.values())]
    if council is None:
        return None
    if not isinstance(council, Authority) or council not in allowed:
        raise InvalidValue(
            f"a council that grades under {edition.code}",
            field="council",
            value=council,
            allowed=[a.value for a in allowed],
        )
    return council


def recognition(star: Star | None, edition: Edition, council: Authority | None) -> Recognition:
    """Who may recognise ``star`` when a council of level ``council`` graded it.

    26/2026 Art. 4.1: the province recognises 3★ and 4★, the ministry 5★; 1★ and 2★
    get no decision.  Art. 7.3(e): a provincial result of 90 or more is a candidate the
    province forwards to the ministry.  Art. 7.4 (last paragraph): when the central
    council's result is below 90, the province may recognise 3★ or 4★ on it, or
    evaluate the product itself.  Reading: a candidate is a product whose *final* star
    is 5★ (total 90+ and every 5★ minimum met); a 90+ total held below 5★ by an unmet
    5★ minimum is a 4★ (or lower) the province recognises itself.
    """
    if star is None or not star.recognisable:
        return Recognition(star, None, council, Route.NONE)
    authority = edition.recognised_by[star]
    if council is None:
        route = Route.BY_AUTHORITY
    elif council is authority:
        route = Route.RECOGNISE
    elif _ORDER.index(council) < _ORDER.index(authority):
        route = Route.FORWARD
    else:
        route = Route.LEAVE_TO
    return Recognition(star, authority, council, route)


# --- council regulations (Art. 7.3(b), (d); 7.4(b), (d)) --------------------------------


def _optional_int(name: str, low: int, high: int) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidValue(field=name, value=value, allowed=f"None or an integer from {low} to {high}")

    return check


@attrs.frozen
class CouncilRules(Shown):
    """A council's own regulations on scoring, checked when a grade is made.

    26/2026 leaves how a council works to the regulations (*Quy chế hoạt động*) each
    council's chair issues (Art. 7.3(b), (d) for the province, 7.4(b), (d) for the
    centre).  ``max_spread`` is the largest difference allowed between the highest and
    the lowest member's total (e.g. 10: members' totals within 10 points, else
    re-scoring); ``min_members`` the fewest scorecards for a valid sitting; ``source``
    names the regulation.  The rules never change the star: a breach is reported on
    the grade (``Grade.breaches``) as a re-scoring the council's own rules
    require.

    >>> import ocop
    >>> ocop.CouncilRules(max_spread=10, min_members=5)
    CouncilRules(max_spread=10, min_members=5, source=None)
    >>> ocop.CouncilRules(max_spread=10.0)
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidValue: Invalid value. max_spread: got 10.0; allowed: None or an integer from 0 to 100
    """

    max_spread: int | None = attrs.field(default=None, validator=_optional_int("max_spread", 0, 100))
    min_members: int | None = attrs.field(default=None, validator=_optional_int("min_members", 1, 1000))
    source: str | None = attrs.field(default=None)

    @source.validator
    def _check_source(self, _: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InvalidValue(field="source", value=value, allowed="None or a string that is not blank")


@attrs.frozen
class RuleBreach(Shown):
    """A council regulation the scorecards break: the council's rules require re-scoring.

    ``rule`` is the :class:`~ocop.CouncilRules` field broken (``"max_spread"`` or
    ``"min_members"``), ``limit`` its value, ``found`` what the scorecards show (the
    spread of the members' totals, or the number of scorecards) and ``evaluators`` the
    members concerned (lowest then highest total for a spread).
    """

    rule: str
    limit: int
    found: int
    evaluators: tuple[str | None, ...]

    def __str__(self) -> str:
        if self.rule == "max_spread":
            return (
                f"council rules: members' totals {self.found} points apart, more than the {self.limit} "
                "allowed: the council's rules require re-scoring"
            )
        cards = "scorecard" if self.found == 1 else "scorecards"
        return f"council rules: {self.found} {cards}, fewer than the {self.limit} members required"


def check_rules(rules: CouncilRules, totals: Sequence[int], evaluators: Sequence[str | None]) -> tuple[RuleBreach, ...]:
    """The breaches of ``rules`` by members whose (counted) totals are ``totals``."""
    out: list[RuleBreach] = []
    if rules.min_members is not None and len(totals) < rules.min_members:
        out.append(RuleBreach("min_members", rules.min_members, len(totals), tuple(evaluators)))
    if rules.max_spread is not None:
        low = min(range(len(totals)), key=totals.__getitem__)
        high = max(range(len(totals)), key=totals.__getitem__)
        spread = totals[high] - totals[low]
        if spread > rules.max_spread:
            out.append(RuleBreach("max_spread", rules.max_spread, spread, (evaluators[low], evaluators[high])))
    return tuple(out)


def check_rules_value(rules: object) -> CouncilRules | None:
    """Refuse anything but ``None`` or a :class:`CouncilRules`."""
    if rules is not None and not isinstance(rules, CouncilRules):
        raise InvalidValue(field="rules", value=rules, allowed="None or an ocop.CouncilRules")
    return rules
