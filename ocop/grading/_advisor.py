"""The upgrade advisor: the cheapest set of level changes that reaches a target star.

The problem is a small knapsack: every starred minimum of the target star (and of the
stars below it) forces a floor on its criterion; then the total must reach the target's
band at the least cost.  It is solved exactly by dynamic programming over points, with
ties broken deterministically: first the user's cost, then the number of criteria
changed, then the number of level steps.  The three are packed into one integer per
option (costs are summed exactly, as integer multiples of their common denominator),
and only the point totals from which the band is still reachable are kept (a sparse
DP), so the worst case on the largest sheet takes well under a millisecond.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from numbers import Real

import attrs

from ocop._editions import Star
from ocop._numbers import format_points
from ocop._shown import Shown, ShownConcisely
from ocop.criteria._model import Criterion, Sheet
from ocop.errors import InvalidValue, OcopError, UnknownCriterion
from ocop.grading._grade import Grade, grade
from ocop.grading._scorecard import Scorecard

__all__ = ["Change", "Plan", "TargetUnreachable", "advise", "what_if"]

CostFunction = Callable[[Criterion, "int | None", int], float]


class TargetUnreachable(OcopError, ValueError):
    """No set of level changes reaches the target star; the message says why."""

    message = "The target star cannot be reached."


@attrs.frozen
class Change(Shown):
    """One criterion moved from one level to a higher one."""

    criterion: str
    from_level: int | None
    to_level: int
    from_points: int
    to_points: int
    satisfies: tuple[Star, ...]
    cost: float

    @property
    def points_gained(self) -> int:
        """Points the change adds to the criterion."""
        return self.to_points - self.from_points

    def __str__(self) -> str:
        needed = f" (minimum for {', '.join(str(s) for s in self.satisfies)})" if self.satisfies else ""
        frm = "no level" if self.from_level is None else f"level {self.from_level}"
        return f"{self.criterion}: {frm} ({self.from_points}) → level {self.to_level} ({self.to_points}){needed}"


@attrs.frozen
class Plan(ShownConcisely):
    """The cheapest route to ``target``: the changes, their cost and the resulting grade.

    ``before`` grades the reading the plan starts from, named by ``start``:
    ``"scorecard"``, ``"grade"`` (a grade's points mapped back to levels) or, for a
    council, ``"council floor"`` (each criterion at the members' lowest level); then
    ``council`` is the council's own grade, which averages the members and so may be
    higher than ``before``.
    """

    target: Star
    changes: tuple[Change, ...]
    cost: float
    before: Grade
    after: Grade
    scorecard: Scorecard
    start: str = "scorecard"
    council: Grade | None = None

    @property
    def steps(self) -> int:
        """Total number of level steps taken."""
        return sum(c.to_level - (-1 if c.from_level is None else c.from_level) for c in self.changes)

    def __str__(self) -> str:
        lines = []
        if self.council is not None:
            lines.append(
                f"council grade {format_points(self.council.total)}, {self.council.star}; planned on the council floor "
                f"(members' lowest level per criterion): {format_points(self.before.total)}, {self.before.star}"
            )
        if not self.changes:
            return "\n".join([*lines, f"already {self.before.star}: nothing to change"])
        lines.append(f"to reach {self.target}: {len(self.changes)} change(s), cost {self.cost:g}")
        lines += [f"  {c}" for c in self.changes]
        lines.append(
            f"total {format_points(self.before.total)} → {format_points(self.after.total)}; "
            f"star {self.before.star} → {self.after.star}"
        )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<Plan to {self.target}: {len(self.changes)} change(s), cost {self.cost:g}, "
            f"{self.before.star} → {self.after.star}>"
        )


def _cost_of(cost: Mapping[object, float] | CostFunction) -> Callable[[Criterion, int | None, int], float]:
    if callable(cost):
        return cost
    if isinstance(cost, Mapping):
        table = dict(cost)

        def lookup(c: Criterion, frm: int | None, to: int) -> float:
            if (c.number, to) in table:
                return table[(c.number, to)]
            if c.number in table:
                return table[c.number]
            return 1.0

        return lookup
    raise InvalidValue(field="cost", value=cost, allowed="None, a mapping or a function")


def _check_cost(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)) or value < 0:
        raise InvalidValue(f"cost of {where}", field="cost", value=value, allowed="a finite number >= 0")
    return float(value)


def _council_floor(cards: Sequence[Scorecard]) -> Scorecard:
    # The members' lowest level per criterion: a plan that lifts this card to the target
    # reaches it whatever the members' other readings, because an average is never
    # below its smallest term (both for the total and for each starred minimum).
    sheet = cards[0].sheet
    levels: dict[str, int | None] = {}
    for c in sheet.criteria:
        chosen = [card.levels[c.number] for card in cards]
        values = [-1 if i is None else c.levels[i].value for i in chosen]
        levels[c.number] = chosen[values.index(min(values))]
    # Any member's scope exclusion applies to the council (see grade()), so the floor
    # carries them all; halts and eliminations leave the council without a star and
    # are refused before the floor is planned on.
    out_of_scope = sorted({n for card in cards for n in card.out_of_scope})
    return Scorecard(sheet, levels, evaluator="council floor", out_of_scope=out_of_scope, filed_on=cards[0].filed_on)


def _from_grade(g: Grade) -> Scorecard:
    # A grade keeps points, not the ticked levels: take, on each criterion, the highest
    # level whose points do not exceed the (possibly averaged) points — the exact level
    # for a single scorecard, a level every reading supports for a council's average.
    levels: dict[str, int | None] = {}
    for c in g.sheet.criteria:
        below = [i for i, lvl in enumerate(c.levels) if lvl.value <= g.criterion_points[c.number]]
        levels[c.number] = below[-1] if below else None  # None only where no 0-point level exists
    return Scorecard(
        g.sheet,
        levels,
        evaluator="from grade",
        eliminations=[e.criterion for e in g.eliminated],
        disqualifications=[d.ground for d in g.disqualified],
        halts=[h.criterion for h in g.halted],
        out_of_scope=[o.criterion for o in g.out_of_scope],
        filed_on=g.filed_on,
    )


_Ladder = tuple[Criterion, tuple[int, ...], tuple[tuple[int, Star], ...], tuple[str | None, ...], tuple[int, ...]]


@functools.lru_cache(maxsize=256)
def _ladders(sheet: Sheet) -> tuple[_Ladder, ...]:
    # Per criterion, once per sheet: its level values, starred levels (points, star), cases,
    # and the floor each target star (by its number) sets on it.
    return tuple(
        (
            c,
            tuple(lvl.value for lvl in c.levels),
            tuple((lvl.value, lvl.star) for lvl in c.levels if lvl.star is not None),
            tuple(lvl.case for lvl in c.levels),
            tuple(
                max((lvl.value for lvl in c.levels if lvl.star is not None and lvl.star <= t), default=0)
                for t in range(6)
            ),
        )
        for c in sheet.criteria
    )


_Option = tuple[int, tuple[int, int], int, int | None]


def _options(
    card: Scorecard,
    ladders: tuple[_Ladder, ...],
    target: Star,
    frozen: frozenset[str],
    price: Callable[[Criterion, int | None, int], float] | None,
    ignored: frozenset[str] = frozenset(),
) -> tuple[list[list[_Option]], int, int]:
    """The options per criterion, the costs' common denominator, and the forced total."""
    # Options per criterion: (points, user's cost as an exact ratio, level steps, level);
    # the first option of a criterion may be to keep its level (no cost, no step).
    options: list[list[_Option]] = []
    denominator = 1
    base_total = 0
    for c, values, _, cases, floors in ladders:
        current = card.levels[c.number]
        if c.number in ignored:
            # Out of scope: counts nothing and sets no minimum whatever its level.
            options.append([(0, (0, 1), 0, current)])
            continue
        cur_value = 0 if current is None else values[current]
        cur_case = None if current is None else cases[current]
        floor = floors[target]
        opts: list[_Option] = []
        if cur_value >= floor:
            opts.append((cur_value, (0, 1), 0, current))
        if c.number not in frozen:
            begin = -1 if current is None else current
            for j in range(begin + 1, len(values)):
                value = values[j]
                if value <= cur_value or value < floor or (cur_case is not None and cases[j] != cur_case):
                    continue
                if price is None:
                    ratio = (1, 1)
                else:
                    ratio = _check_cost(price(c, current, j), f"criterion {c.number}").as_integer_ratio()
                    denominator = math.lcm(denominator, ratio[1])
                opts.append((value, ratio, j - begin, j))
        if not opts:
            # Only a fixed criterion can lack an option: a starred level is never in an
            # alternative case (integrity check), so an unfixed criterion can always reach it.
            raise TargetUnreachable(
                f"criterion {c.number} is fixed below the {target} minimum of {floor} points",
                field="target",
                value=int(target),
                allowed=f"stars below {target}, or without fixing {c.number}",
            )
        options.append(opts)
        base_total += min(o[0] for o in opts)

    return options, denominator, base_total


def _solve(
    options: list[list[_Option]], denominator: int, changes_radix: int, steps_radix: int, needed: int
) -> list[int] | None:
    """The cheapest option per criterion that adds ``needed`` points, or ``None``."""
    # One integer key per option orders plans by (cost, criteria changed, level steps):
    # a whole plan's counts stay below their radix, so adding keys never carries over.
    gains: list[list[tuple[int, int, int]]] = []
    for opts in options:
        low = min(o[0] for o in opts)
        gains.append(
            [
                (
                    k,
                    value - low,
                    0 if steps == 0 else ((num * (denominator // den)) * changes_radix + 1) * steps_radix + steps,
                )
                for k, (value, (num, den), steps, _) in enumerate(opts)
            ]
        )
    # least[i]: the fewest points that must be gained once criterion i is decided, for
    # the criteria after it to still be able to add what is missing.
    least: list[int] = []
    rest = 0
    for opts_gain in reversed(gains):
        least.append(needed - rest)
        rest += max(g for _, g, _ in opts_gain)
    if rest < needed:
        return None
    least.reverse()

    # Sparse DP: points gained so far (capped at what is needed) → cheapest key, keeping
    # only the totals from which the band can still be reached.  States are visited in
    # increasing points and options in level order, so ties resolve as in a dense table.
    # A criterion with one option adds the same key to every state: it changes no choice.
    states: dict[int, int] = {0: 0}
    picks: list[dict[int, tuple[int, int]] | None] = []
    for opts_gain, floor in zip(gains, least, strict=True):
        if len(opts_gain) == 1:
            picks.append(None)
            continue
        new: dict[int, int] = {}
        pick: dict[int, tuple[int, int]] = {}
        get = new.get
        for p, base in sorted(states.items()):
            for k, gain, key in opts_gain:
                q = p + gain
                if q >= needed:
                    q = needed
                elif q < floor:
                    continue
                cand = base + key
                old = get(q)
                if old is None or cand < old:
                    new[q] = cand
                    pick[q] = (k, p)
        states = new
        picks.append(pick)
    chosen = [0] * len(picks)
    q = needed
    for i in range(len(picks) - 1, -1, -1):
        step = picks[i]
        if step is not None:
            chosen[i], q = step[q]
    return chosen


def _start(scorecard: object) -> tuple[Scorecard, str, Grade | None]:
    # The reading the plan starts from, its name, and the council's own grade.
    if isinstance(scorecard, Scorecard):
        return scorecard, "scorecard", None
    if isinstance(scorecard, Grade):
        return _from_grade(scorecard), "grade", None
    cards = tuple(scorecard) if isinstance(scorecard, Iterable) and not isinstance(scorecard, (str, bytes)) else ()
    if not cards or not all(isinstance(c, Scorecard) for c in cards):
        raise InvalidValue(field="scorecard", value=scorecard, allowed="a Scorecard or a council of them")
    council = grade(cards)  # grading validates the council (one sheet, one filing date) before its floor is read
    return _council_floor(cards), "council floor", council


def _fixed(fixed: object, sheet: Sheet) -> frozenset[str]:
    if isinstance(fixed, str):
        fixed = (fixed,)
    if isinstance(fixed, (bytes, Mapping)) or not isinstance(fixed, Iterable):
        raise InvalidValue(field="fixed", value=fixed, allowed="criterion numbers, e.g. ['6.5']")
    names = tuple(fixed)
    if not all(isinstance(number, str) for number in names):
        raise InvalidValue(field="fixed", value=fixed, allowed="criterion numbers (strings), e.g. ['6.5']")
    frozen = frozenset(names)
    for number in frozen:
        sheet.criterion(number)
    return frozen


def advise(
    scorecard: Scorecard | Grade | Iterable[Scorecard],
    target: Star | int = Star.FOUR,
    *,
    cost: Mapping[object, float] | CostFunction | None = None,
    fixed: Iterable[str] = (),
) -> Plan:
    """The cheapest set of level changes that makes the product reach ``target``.

    ``cost`` prices a change: ``None`` counts criteria changed (ties broken by fewest
    level steps); a mapping gives a cost per criterion (``{"6.5": 2}``) or per target
    level (``{("6.5", 3): 5}``), 1 otherwise; a function ``f(criterion, from_level,
    to_level)`` returns any non-negative number (money, months).  Costs are added
    exactly.  Criteria in ``fixed`` are not changed.

    For a council, the plan is made on the members' lowest level per criterion (the
    "council floor"), which guarantees the target for the council: an average is never
    below its smallest term, for the total as for each starred minimum.  The plan says
    so (``start``) and carries the council's own grade (``council``) beside the floor's
    (``before``).  A council with an elimination or rejection recorded by any member has
    no star and no plan.  A :class:`Grade` is accepted too: its points are mapped back
    to the highest level at or below them on each criterion (exact for one scorecard;
    for a council's averages, pass the scorecards themselves to plan on the floor).

    >>> import ocop
    >>> from ocop._demo import demo_scorecards
    >>> member_2 = demo_scorecards()[1]            # 69 points, 3★
    >>> plan = ocop.grading.advise(member_2, ocop.Star.FOUR)
    >>> plan.before.star, plan.after.star, plan.cost, [str(c) for c in plan.changes]
    (<Star.THREE: 3>, <Star.FOUR: 4>, 1.0, ['6.5: level 1 (1) → level 2 (3) (minimum for 4★)'])
    >>> council = ocop.grading.advise(demo_scorecards(), ocop.Star.FOUR)
    >>> council.start, int(council.before.total), council.council.star
    ('council floor', 69, <Star.THREE: 3>)

    :raises TargetUnreachable: eliminated, rejected or halted (for a council: by any
        member), a fixed criterion below a minimum, or not enough points available.
    :raises InvalidValue: not a scorecard, grade or council; a target that is not a
        star; ``fixed`` not a collection of criterion numbers; a cost that is negative
        or not a finite number.
    :raises UnknownCriterion: a fixed criterion not on the sheet.
    """
    card, start, council = _start(scorecard)
    if isinstance(target, bool) or not isinstance(target, int) or target not in (1, 2, 3, 4, 5):
        raise InvalidValue(field="target", value=target, allowed=(1, 2, 3, 4, 5))
    target = Star(target)
    if council is not None and council.star is None:
        # The floor drops the members' eliminations and rejections; the council's grade
        # keeps them, and no change of level lifts them.
        raise TargetUnreachable(
            "the council's grade has no star: " + "; ".join(council.reasons),
            field="target",
            value=int(target),
            allowed="none",
        )
    sheet = card.sheet
    frozen = _fixed(fixed, sheet)
    price = None if cost is None else _cost_of(cost)
    before = grade(card)
    if before.eliminated or before.disqualified:
        raise TargetUnreachable(
            "the product is eliminated or its dossier rejected", field="target", value=int(target), allowed="none"
        )
    if before.halted:
        raise TargetUnreachable("the evaluation was halted", field="target", value=int(target), allowed="none")
    assert before.star is not None  # only an eliminated, rejected or halted product has no star
    if before.star >= target:
        return Plan(target, (), 0.0, before, before, card, start, council)

    band = next(b for b in sheet.edition.bands if b.star == target)
    need = math.ceil(Fraction(band.lower))
    ladders = _ladders(sheet)

    ignored = frozenset(o.criterion for o in before.out_of_scope)
    options, denominator, base_total = _options(card, ladders, target, frozen, price, ignored)
    needed = max(0, need - base_total)
    chosen = _solve(options, denominator, len(ladders) + 1, sum(len(ladder[1]) for ladder in ladders) + 1, needed)
    if chosen is None:
        most = base_total + sum(max(o[0] for o in opts) - min(o[0] for o in opts) for opts in options)
        raise TargetUnreachable(
            f"at most {most} points are reachable; {target} needs {band.lower}",
            field="target",
            value=int(target),
            allowed="a lower star, or fewer fixed criteria",
        )

    changes: list[Change] = []
    levels = dict(card.levels)
    for (c, values, starred, _, _), opts, k in zip(ladders, options, chosen, strict=True):
        value, (num, den), steps, level = opts[k]
        if steps == 0:
            continue
        assert level is not None
        current = card.levels[c.number]
        cur_value = 0 if current is None else values[current]
        # The stars whose minimum on this criterion the change newly meets.
        satisfies = tuple(
            sorted({m for v, m in starred if m <= target and v <= value and (current is None or cur_value < v)})
        )
        changes.append(Change(c.number, current, level, cur_value, value, satisfies, num / den))
        levels[c.number] = level
    new_card = attrs.evolve(card, levels=levels)
    after = grade(new_card)
    return Plan(target, tuple(changes), float(sum(ch.cost for ch in changes)), before, after, new_card, start, council)


def what_if(scorecard: Scorecard, changes: Mapping[str, int | None]) -> Grade:
    """The grade after changing some criteria's levels (level indices), for exploration.

    >>> import ocop
    >>> from ocop._demo import demo_scorecards
    >>> card = demo_scorecards()[1]
    >>> ocop.grade(card).star, ocop.grading.what_if(card, {"6.5": 2}).star
    (<Star.THREE: 3>, <Star.FOUR: 4>)

    :raises UnknownCriterion, UnknownLevel: as for :class:`~ocop.Scorecard`.
    """
    if not isinstance(scorecard, Scorecard):
        raise InvalidValue(field="scorecard", value=scorecard, allowed="an ocop.Scorecard")
    if not isinstance(changes, Mapping):
        raise InvalidValue(field="changes", value=changes, allowed="a mapping of criterion to level index")
    for number in changes:
        if not isinstance(number, str):
            raise UnknownCriterion(field="changes", value=number, allowed=[c.number for c in scorecard.sheet.criteria])
        scorecard.sheet.criterion(number)
    return grade(attrs.evolve(scorecard, levels={**scorecard.levels, **changes}))
