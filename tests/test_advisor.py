from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.criteria._load import structure_sheet
from ocop.errors import InvalidValue, UnknownCriterion
from ocop.grading import TargetUnreachable, advise, what_if

from strategies import scorecards

S = ocop.Star


def _level(points, star):
    return {"text_vi": f"mức {points}", "text_en": f"level {points}", "points": points, "assumed_points": None,
            "star": star, "printed": True, "case": None}


@st.composite
def small_sheets(draw):
    """Synthetic sheets with 3 to 6 criteria, valid for edition 26/2026 (40/25/35)."""
    parts = []
    n = 0
    for code, total in (("A", 40), ("B", 25), ("C", 35)):
        k = draw(st.integers(1, 2))
        cut = draw(st.integers(1, total - 1)) if k == 2 else total
        maxima = [cut, total - cut] if k == 2 else [total]
        criteria = []
        for m in maxima:
            n += 1
            inner = sorted(draw(st.sets(st.integers(0, m - 1), min_size=1, max_size=3)))
            values = [*inner, m]
            levels, last = [], 2
            for v in values:
                star = None
                if v > 0 and draw(st.booleans()) and last < 5:
                    star = draw(st.integers(last + 1, 5))
                    last = star
                levels.append(_level(v, star))
            criteria.append({"number": f"{n}.1", "name_vi": f"tiêu chí {n}", "name_en": f"criterion {n}",
                             "description_vi": None, "max_points": m, "notes": [], "levels": levels,
                             "group": None, "cases": []})
        sections = [{"number": c["number"].split(".")[0], "name_vi": "mục", "name_en": "section",
                     "max_points": c["max_points"], "subsections": [], "criteria": [c]} for c in criteria]
        parts.append({"code": code, "name_vi": code, "name_en": code, "max_points": total, "sections": sections})
    data = {
        "format": 1, "edition": "26/2026", "code": 1, "name_vi": "thử", "name_en": "test", "sector_vi": "",
        "sector_en": "", "group_vi": "", "group_en": "",
        "provenance": {"instrument": "test", "signed_on": "2026-05-22", "location": "synthetic", "source": "test",
                       "source_sha256": None, "official_record": None},
        "disqualification": None, "parts": parts, "oddities": [],
    }
    return structure_sheet(data)


def brute_force(card, target, fixed=frozenset()):
    """The optimum by enumeration: (changed criteria, level steps) of the best plan, or None."""
    sheet = card.sheet
    ranges = []
    for c in sheet.criteria:
        cur = card.levels[c.number]
        start = -1 if cur is None else cur
        opts = [cur] if c.number in fixed else [cur, *range(start + 1, len(c.levels))]
        ranges.append(opts)
    best = None
    for combo in itertools.product(*ranges):
        levels = {c.number: lvl for c, lvl in zip(sheet.criteria, combo, strict=True)}
        g = ocop.grade(ocop.Scorecard(sheet, levels))
        if g.star is not None and g.star >= target:
            changed = [(c, lvl) for c, lvl in zip(sheet.criteria, combo, strict=True) if lvl != card.levels[c.number]]
            key = (len(changed), sum(lvl - (-1 if card.levels[c.number] is None else card.levels[c.number])
                                     for c, lvl in changed))
            best = key if best is None or key < best else best
    return best


@st.composite
def small_cards(draw):
    sheet = draw(small_sheets())
    return draw(scorecards(sheet))


@settings(max_examples=150)
@given(small_cards(), st.sampled_from([S.THREE, S.FOUR, S.FIVE]))
def test_plan_is_optimal_against_brute_force(card, target):
    optimum = brute_force(card, target)
    try:
        plan = advise(card, target)
    except TargetUnreachable:
        assert optimum is None
        return
    assert optimum is not None
    assert (len(plan.changes), plan.steps) == optimum
    assert plan.after.star >= target
    assert plan.after == ocop.grade(plan.scorecard)
    if ocop.grade(card).star >= target:
        assert plan.changes == ()


@settings(max_examples=40)
@given(small_cards(), st.sampled_from([S.FOUR, S.FIVE]), st.data())
def test_fixed_criteria_are_respected(card, target, data):
    fixed = frozenset(data.draw(st.sets(st.sampled_from([c.number for c in card.sheet.criteria]), max_size=2)))
    optimum = brute_force(card, target, fixed)
    try:
        plan = advise(card, target, fixed=fixed)
    except TargetUnreachable:
        assert optimum is None
        return
    assert (len(plan.changes), plan.steps) == optimum
    assert not {ch.criterion for ch in plan.changes} & fixed


@settings(max_examples=30)
@given(scorecards(), st.sampled_from([S.THREE, S.FOUR, S.FIVE]))
def test_plans_on_real_sheets_reach_the_target(card, target):
    try:
        plan = advise(card, target)
    except TargetUnreachable:
        return
    assert plan.after.star >= target
    for ch in plan.changes:
        assert ch.to_points > ch.from_points


def test_worked_example_sheet_7_three_to_four_stars():
    from ocop._demo import demo_scorecards

    member_2 = demo_scorecards()[1]
    plan = advise(member_2, S.FOUR)
    assert [(c.criterion, c.from_points, c.to_points, c.satisfies) for c in plan.changes] == [
        ("6.5", 1, 3, (S.FOUR,))
    ]
    assert plan.after.total == 71 and plan.after.star == S.FOUR
    assert "6.5: level 1 (1) → level 2 (3) (minimum for 4★)" in str(plan)


def test_custom_costs_change_the_plan():
    from ocop._demo import demo_scorecards

    card = demo_scorecards()[0]  # 74 points, 4★
    cheap = advise(card, S.FIVE)
    priced = advise(card, S.FIVE, cost={"11": 100, ("4.3", 4): 50})
    assert "11" in {c.criterion for c in cheap.changes}
    assert "11" not in {c.criterion for c in priced.changes}
    assert priced.cost == sum(c.cost for c in priced.changes)
    by_fn = advise(card, S.FIVE, cost=lambda c, frm, to: c.max_points)
    assert by_fn.after.star == S.FIVE
    with pytest.raises(InvalidValue):
        advise(card, S.FIVE, cost=lambda c, frm, to: -1)
    with pytest.raises(InvalidValue):
        advise(card, S.FIVE, cost=3)  # type: ignore[arg-type]


def test_council_plans_on_the_floor():
    from ocop._demo import demo_scorecards

    cards = demo_scorecards()
    plan = advise(cards, S.FOUR)
    assert plan.scorecard.evaluator == "council floor"
    lifted = [ocop.Scorecard(c.sheet, {**c.levels, **{ch.criterion: max(c.levels[ch.criterion] or 0, ch.to_level)
                                                        for ch in plan.changes}}) for c in cards]
    assert ocop.grade(lifted).star >= S.FOUR


def test_unreachable_and_bad_input():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    top = {c.number: c.max_points for c in sheet.criteria}
    eliminated = ocop.Scorecard.from_points(sheet, top | {"9": 1}, eliminations=["1.1"])
    with pytest.raises(TargetUnreachable):
        advise(eliminated, S.FOUR)
    low = ocop.Scorecard.from_points(sheet, top | {"9": 1})
    with pytest.raises(TargetUnreachable) as info:
        advise(low, S.FOUR, fixed={"9"})
    assert "9 is fixed" in str(info.value)
    assert advise(low, S.THREE).changes == ()
    with pytest.raises(InvalidValue):
        advise(low, 6)
    with pytest.raises(InvalidValue):
        advise("card", S.FOUR)  # type: ignore[arg-type]
    with pytest.raises(UnknownCriterion):
        advise(low, S.FOUR, fixed={"99"})
    bare = {c.number: min(lvl.value for lvl in c.levels) for c in sheet.criteria}
    weak = ocop.Scorecard.from_points(sheet, bare)
    with pytest.raises(TargetUnreachable):
        advise(weak, S.FIVE, fixed=[c.number for c in sheet.criteria if c.number.startswith(("4", "5", "6"))])


def test_not_enough_points_when_unstarred_criteria_are_fixed():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    bare = {c.number: min(lvl.value for lvl in c.levels) for c in sheet.criteria}
    card = ocop.Scorecard.from_points(sheet, bare)
    unstarred = [c.number for c in sheet.criteria if all(lvl.star is None for lvl in c.levels)]
    with pytest.raises(TargetUnreachable) as info:
        advise(card, S.FIVE, fixed=unstarred)
    assert "points are reachable" in str(info.value)


def test_what_if():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    card = ocop.Scorecard.from_points(sheet, {c.number: c.max_points for c in sheet.criteria})
    assert what_if(card, {"6.5": 0}).star == S.THREE
    with pytest.raises(UnknownCriterion):
        what_if(card, {"6.6": 0})
    with pytest.raises(UnknownCriterion):
        what_if(card, {6: 0})  # type: ignore[dict-item]
    with pytest.raises(InvalidValue):
        what_if("card", {})  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        what_if(card, [("6.5", 0)])  # type: ignore[arg-type]


def _tourism_card_just_under_90(case):
    """Sheet 26 with criterion 8 at the lowest level of ``case``, other unstarred criteria
    lowered until the total sits at 88 or 89; returns (card, index of the case's top level)."""
    sheet = ocop.criteria.sheet(26, edition="26/2026")
    c8 = sheet.criterion("8")
    low = next(i for i, lvl in enumerate(c8.levels) if lvl.case == case)
    top = max(i for i, lvl in enumerate(c8.levels) if lvl.case == case)
    card = ocop.Scorecard(sheet, {c.number: len(c.levels) - 1 for c in sheet.criteria} | {"8": low})
    for c in sheet.criteria:
        if ocop.grade(card).total <= 89 or c.number == "8" or c.cases or any(lvl.star for lvl in c.levels):
            continue
        trial = card.with_level(c.number, 0)
        if ocop.grade(trial).total >= 88:
            card = trial
    return card, top


def test_plans_stay_within_the_chosen_case():
    card, b_top = _tourism_card_just_under_90("b")
    assert 88 <= ocop.grade(card).total < 90
    others = [c.number for c in card.sheet.criteria if c.number != "8"]
    plan = advise(card, S.FIVE, fixed=others)
    (change,) = plan.changes
    assert change.criterion == "8" and change.to_level == b_top
    assert card.sheet.criterion("8").levels[change.to_level].case == "b"


def test_cases_are_never_crossed_even_when_cheaper():
    card, a_top = _tourism_card_just_under_90("a")
    others = [c.number for c in card.sheet.criteria if c.number != "8"]
    expensive = {("8", a_top): 10}  # the other case's top level would cost 1 — but it is another case
    plan = advise(card, S.FIVE, fixed=others, cost=expensive)
    (change,) = plan.changes
    assert change.to_level == a_top and plan.cost == 10


def test_advise_from_a_grade():
    from ocop._demo import COUNCIL, demo_scorecards

    g = ocop.grade_points(7, COUNCIL["Member 2"], edition="26/2026")
    from_grade = advise(g, S.FOUR)
    from_card = advise(demo_scorecards()[1], S.FOUR)
    assert [(c.criterion, c.to_level) for c in from_grade.changes] == [(c.criterion, c.to_level)
                                                                        for c in from_card.changes]
    council = ocop.grade(demo_scorecards())
    plan = advise(council, S.FOUR)
    assert plan.after.star >= S.FOUR and plan.scorecard.evaluator == "from grade"
    # 6.5 averages 7/3: the level at or below it is worth 1 point
    assert plan.before.criterion_points["6.5"] == 1
    eliminated = ocop.grade_points(7, COUNCIL["Member 2"], edition="26/2026", eliminations=["1.1"])
    with pytest.raises(TargetUnreachable):
        advise(eliminated, S.FOUR)
    bare = {c.number: 0 if all(lvl.value for lvl in c.levels) else min(lvl.value for lvl in c.levels)
            for c in ocop.criteria.sheet(7, edition="26/2026").criteria}
    low = ocop.grade_points(7, bare, edition="26/2026")
    assert advise(low, S.TWO).after.star >= S.TWO


def reference_plan(card, target, cost=None, fixed=frozenset()):
    """The advisor as first written: a dense DP over points with (cost, changes, steps) tuples.

    Returns the chosen (criterion, new level) pairs, or None when the target is out of reach.
    Kept here as the straightforward reference the sparse, integer-keyed DP must agree with.
    """
    sheet = card.sheet
    price = (lambda c, frm, to: 1.0) if cost is None else cost
    band = next(b for b in sheet.edition.bands if b.star == target)
    floors = {}
    for c in sheet.criteria:
        for lvl in c.levels:
            if lvl.star is not None and lvl.star <= target:
                floors[c.number] = max(floors.get(c.number, 0), lvl.value)
    options, base_total = [], 0
    for c in sheet.criteria:
        current = card.levels[c.number]
        cur_value = 0 if current is None else c.levels[current].value
        cur_case = None if current is None else c.levels[current].case
        floor = floors.get(c.number, 0)
        opts = [(cur_value, (0.0, 0, 0), current)] if cur_value >= floor else []
        if c.number not in fixed:
            start = -1 if current is None else current
            for j in range(start + 1, len(c.levels)):
                lvl = c.levels[j]
                if lvl.value <= cur_value or lvl.value < floor or (cur_case is not None and lvl.case != cur_case):
                    continue
                opts.append((lvl.value, (float(price(c, current, j)), 1, j - start), j))
        if not opts:
            return None
        options.append(opts)
        base_total += min(o[0] for o in opts)
    needed = max(0, -(-band.lower // 1) - base_total)
    inf = (float("inf"), 0, 0)
    best = [inf] * (needed + 1)
    best[0] = (0.0, 0, 0)
    choice = []
    for opts in options:
        low = min(o[0] for o in opts)
        new, pick = [inf] * (needed + 1), [None] * (needed + 1)
        for p in range(needed + 1):
            if best[p] == inf:
                continue
            for k, (value, key, _) in enumerate(opts):
                q = min(needed, p + value - low)
                cand = (best[p][0] + key[0], best[p][1] + key[1], best[p][2] + key[2])
                if cand < new[q]:
                    new[q], pick[q] = cand, (k, p)
        best = new
        choice.append(pick)
    if best[needed] == inf:
        return None
    chosen, q = [], needed
    for idx in range(len(options) - 1, -1, -1):
        k, q = choice[idx][q]
        chosen.append((sheet.criteria[idx].number, options[idx][k]))
    return sorted((number, level) for number, (_, key, level) in chosen if key[1])


# Costs whose float sums are exact (small multiples of 1/4), so the reference's float
# tuples and the advisor's exact integers order plans alike.
costs = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(["1.1", "2.1", "3.1", "4.1", "5.1", "6.1"]),
                    st.integers(0, 12).map(lambda n: n / 4), max_size=4),
)


@settings(max_examples=150)
@given(small_cards(), st.sampled_from([S.THREE, S.FOUR, S.FIVE]), costs)
def test_sparse_dp_chooses_what_the_reference_chooses(card, target, cost):
    expected = reference_plan(card, target, None if cost is None else advisor_price(cost))
    if ocop.grade(card).star >= target:
        assert advise(card, target, cost=cost).changes == ()
        return
    try:
        plan = advise(card, target, cost=cost)
    except TargetUnreachable:
        assert expected is None
        return
    assert sorted((c.criterion, c.to_level) for c in plan.changes) == expected


def advisor_price(table):
    return lambda c, frm, to: table.get(c.number, 1.0)


@settings(max_examples=25)
@given(scorecards(), st.sampled_from([S.THREE, S.FOUR, S.FIVE]), st.data())
def test_sparse_dp_matches_the_reference_on_real_sheets(card, target, data):
    numbers = [c.number for c in card.sheet.criteria]
    fixed = frozenset(data.draw(st.sets(st.sampled_from(numbers), max_size=3)))
    weights = data.draw(st.dictionaries(st.sampled_from(numbers), st.integers(0, 20), max_size=6))
    g = ocop.grade(card)
    if g.eliminated or g.disqualified or g.star >= target:
        return
    expected = reference_plan(card, target, advisor_price(weights), fixed)
    try:
        plan = advise(card, target, cost=weights, fixed=fixed)
    except TargetUnreachable:
        assert expected is None
        return
    assert sorted((c.criterion, c.to_level) for c in plan.changes) == expected


def _lowest(sheet):
    return ocop.Scorecard(sheet, {c.number: min(range(len(c.levels)), key=lambda i: c.levels[i].value)
                                  for c in sheet.criteria})


@pytest.mark.parametrize("code", [1, 7, 13, 26])
def test_worst_case_lowest_card_to_five_stars_matches_the_reference(code):
    card = _lowest(ocop.criteria.sheet(code, edition="26/2026"))
    plan = advise(card, S.FIVE)
    assert plan.after.star == S.FIVE
    assert sorted((c.criterion, c.to_level) for c in plan.changes) == reference_plan(card, S.FIVE)


def test_costs_are_added_exactly():
    from ocop._demo import demo_scorecards

    card = demo_scorecards()[0]  # 74 points, 4★
    plan = advise(card, S.FIVE, cost=lambda c, frm, to: 0.1)
    assert plan.after.star == S.FIVE
    assert all(ch.cost == 0.1 for ch in plan.changes)


def test_council_with_an_elimination_has_no_plan():
    from ocop._demo import demo_scorecards

    cards = list(demo_scorecards())
    cards[1] = ocop.Scorecard(cards[1].sheet, cards[1].levels, evaluator="Member 2", eliminations=["1.1"])
    assert ocop.grade(cards).star is None
    with pytest.raises(TargetUnreachable) as info:
        advise(cards, S.FIVE)
    assert "council" in str(info.value) and "1.1" in str(info.value)
    assert info.value.field == "target"


def test_council_plan_says_where_it_starts():
    from ocop._demo import demo_scorecards

    cards = demo_scorecards()
    plan = advise(cards, S.FIVE)
    sheet = cards[0].sheet
    lowest = {c.number: min((card.levels[c.number] for card in cards), key=lambda i: c.levels[i].value)
              for c in sheet.criteria}
    floor = ocop.grade(ocop.Scorecard(sheet, lowest))
    assert plan.start == "council floor"
    assert plan.council == ocop.grade(cards)
    assert (plan.before.total, plan.before.star) == (floor.total, floor.star)
    first = str(plan).splitlines()[0]
    assert first == (f"council grade {float(plan.council.total):.2f}, {plan.council.star}; planned on the council floor "
                     f"(members' lowest level per criterion): {floor.total}, {floor.star}")
    single = advise(cards[0], S.FIVE)
    assert single.start == "scorecard" and single.council is None
    assert not str(single).startswith("council")
    assert advise(ocop.grade(cards[1]), S.FOUR).start == "grade"
    done = advise(cards, S.ONE)
    assert done.changes == () and "nothing to change" in str(done) and str(done).startswith("council grade")


@pytest.mark.parametrize("fixed", [None, 5, b"6.5", {"6.5": 1}, [6.5]])
def test_fixed_must_be_criterion_numbers(fixed):
    from ocop._demo import demo_scorecards

    card = demo_scorecards()[1]
    with pytest.raises((InvalidValue, UnknownCriterion)) as info:
        advise(card, 4, fixed=fixed)  # type: ignore[arg-type]
    assert info.value.field == "fixed"
