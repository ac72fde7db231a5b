"""The upgrade advisor: the cheapest set of level changes that reaches a target star.

The problem is a small knapsack: every starred minimum of the target star (and of the
stars below it) forces a floor on its criterion; then the total must reach the target's
band at the least cost.  It is solved exactly by dynamic programming over points, with
costs compared as tuples so that ties break deterministically: first the user's cost,
then the number of criteria changed, then the number of level steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from numbers import Real

import attrs

from ocop._editions import Star
from ocop.criteria._model import Criterion
from ocop.errors import InvalidValue, OcopError, UnknownCriterion
from ocop.grading._grade import Grade, grade
from ocop.grading._scorecard import Scorecard

__all__ = ["Change", "Plan", "TargetUnreachable", "advise", "what_if"]

CostFunction = Callable[[Criterion, "int | None", int], float]


class TargetUnreachable(OcopError, ValueError):
    """No set of level changes reaches the target star; the message says why."""

    message = "The target star cannot be reached."


@attrs.frozen
class Change:
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
class Plan:
    """The cheapest route to ``target``: the changes, their cost and the resulting grade."""

    target: Star
    changes: tuple[Change, ...]
    cost: float
    before: Grade
    after: Grade
    scorecard: Scorecard

    @property
    def steps(self) -> int:
        """Total number of level steps taken."""
        return sum(c.to_level - (-1 if c.from_level is None else c.from_level) for c in self.changes)

    def __str__(self) -> str:
        if not self.changes:
            return f"already {self.before.star}: nothing to change"
        lines = [f"to reach {self.target}: {len(self.changes)} change(s), cost {self.cost:g}"]
        lines += [f"  {c}" for c in self.changes]
        lines.append(f"total {self.before.total} → {self.after.total}; star {self.before.star} → {self.after.star}")
        return "\n".join(lines)


def _cost_of(cost: Mapping[object, float] | CostFunction | None) -> Callable[[Criterion, int | None, int], float]:
    if cost is None:
        return lambda c, frm, to: 1.0
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
    return Scorecard(sheet, levels, evaluator="council floor")


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
    )


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
    to_level)`` returns any non-negative number (money, months).  Criteria in ``fixed``
    are not changed.  For a council, the plan is made on the members' lowest level per
    criterion (see the module notes), which guarantees the target for the council.  A
    :class:`Grade` is accepted too: its points are mapped back to the highest level at or
    below them on each criterion (exact for one scorecard; for a council's averages, pass
    the scorecards themselves to plan on the council floor).

    >>> import ocop
    >>> from ocop._demo import demo_scorecards
    >>> member_2 = demo_scorecards()[1]            # 69 points, 3★
    >>> plan = ocop.grading.advise(member_2, ocop.Star.FOUR)
    >>> plan.before.star, plan.after.star, plan.cost, [str(c) for c in plan.changes]
    (<Star.THREE: 3>, <Star.FOUR: 4>, 1.0, ['6.5: level 1 (1) → level 2 (3) (minimum for 4★)'])

    :raises TargetUnreachable: eliminated or rejected, a fixed criterion below a minimum,
        or not enough points available.
    """
    if isinstance(scorecard, Scorecard):
        card = scorecard
    elif isinstance(scorecard, Grade):
        card = _from_grade(scorecard)
    else:
        cards = tuple(scorecard) if isinstance(scorecard, Iterable) else ()
        if not cards or not all(isinstance(c, Scorecard) for c in cards):
            raise InvalidValue(field="scorecard", value=scorecard, allowed="a Scorecard or a council of them")
        grade(cards)  # validates the council (same sheet)
        card = _council_floor(cards)
    if isinstance(target, bool) or not isinstance(target, int) or target not in (1, 2, 3, 4, 5):
        raise InvalidValue(field="target", value=target, allowed=(1, 2, 3, 4, 5))
    target = Star(target)
    sheet = card.sheet
    names = (fixed,) if isinstance(fixed, str) else tuple(fixed) if isinstance(fixed, Iterable) else None
    if names is None or not all(isinstance(n, str) for n in names):
        raise InvalidValue(field="fixed", value=fixed, allowed="criterion numbers (strings)")
    frozen = frozenset(names)
    for number in frozen:
        sheet.criterion(number)
    price = _cost_of(cost)
    before = grade(card)
    if before.eliminated or before.disqualified:
        raise TargetUnreachable(
            "the product is eliminated or its dossier rejected", field="target", value=int(target), allowed="none"
        )
    assert before.star is not None  # only an eliminated or rejected product has no star
    if before.star >= target:
        return Plan(target, (), 0.0, before, before, card)

    band = next(b for b in sheet.edition.bands if b.star == target)
    need = Fraction(band.lower)
    floors: dict[str, int] = {}
    for c in sheet.criteria:
        for lvl in c.levels:
            if lvl.star is not None and lvl.star <= target:
                floors[c.number] = max(floors.get(c.number, 0), lvl.value)

    # options[c] = list of (points, cost key, level index or None)
    options: list[list[tuple[int, tuple[float, int, int], int | None]]] = []
    base_total = 0
    for c in sheet.criteria:
        current = card.levels[c.number]
        cur_value = 0 if current is None else c.levels[current].value
        cur_case = None if current is None else c.levels[current].case
        opts: list[tuple[int, tuple[float, int, int], int | None]] = []
        floor = floors.get(c.number, 0)
        if cur_value >= floor:
            opts.append((cur_value, (0.0, 0, 0), current))
        if c.number not in frozen:
            start = -1 if current is None else current
            for j in range(start + 1, len(c.levels)):
                lvl = c.levels[j]
                if lvl.value <= cur_value or lvl.value < floor or (cur_case is not None and lvl.case != cur_case):
                    continue
                price_j = _check_cost(price(c, current, j), f"criterion {c.number}")
                opts.append((lvl.value, (price_j, 1, j - start), j))
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

    # DP over points above the forced minimum, capped at what is needed.
    needed = max(0, math.ceil(need) - base_total)
    inf = (math.inf, 0, 0)
    best: list[tuple[float, int, int]] = [inf] * (needed + 1)
    best[0] = (0.0, 0, 0)
    choice: list[list[int]] = []
    for opts in options:
        low = min(o[0] for o in opts)
        new = [inf] * (needed + 1)
        pick = [-1] * (needed + 1)
        for p in range(needed + 1):
            if best[p] == inf:
                continue
            for k, (value, key, _) in enumerate(opts):
                q = min(needed, p + value - low)
                cand = (best[p][0] + key[0], best[p][1] + key[1], best[p][2] + key[2])
                if cand < new[q]:
                    new[q] = cand
                    pick[q] = k * (needed + 1) + p
        best = new
        choice.append(pick)
    if best[needed] == inf:
        raise TargetUnreachable(
            f"at most {base_total + sum(max(o[0] for o in opts) - min(o[0] for o in opts) for opts in options)} "
            f"points are reachable; {target} needs {need}",
            field="target",
            value=int(target),
            allowed="a lower star, or fewer fixed criteria",
        )
    # Walk back the choices.
    chosen: list[int] = [0] * len(options)
    q = needed
    for idx in range(len(options) - 1, -1, -1):
        code = choice[idx][q]
        k, p = divmod(code, needed + 1)
        chosen[idx] = k
        q = p
    changes: list[Change] = []
    levels = dict(card.levels)
    for c, opts, k in zip(sheet.criteria, options, chosen, strict=True):
        value, key, level = opts[k]
        if key[1] == 0:
            continue
        assert level is not None
        current = card.levels[c.number]
        satisfies = tuple(
            s
            for s in (Star.THREE, Star.FOUR, Star.FIVE)
            if s <= target
            and any(
                lvl.star is not None
                and lvl.star == s
                and value >= lvl.value
                and (current is None or c.levels[current].value < lvl.value)
                for lvl in c.levels
            )
        )
        changes.append(
            Change(
                c.number, current, level, 0 if current is None else c.levels[current].value, value, satisfies, key[0]
            )
        )
        levels[c.number] = level
    new_card = attrs.evolve(card, levels=levels)
    after = grade(new_card)
    return Plan(target, tuple(changes), float(sum(ch.cost for ch in changes)), before, after, new_card)


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
