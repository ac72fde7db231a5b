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
