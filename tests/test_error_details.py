"""Each error names the offending field and value, and says what is allowed."""

from __future__ import annotations

import pytest

import ocop
from ocop import errors as E
from ocop._demo import demo_scorecards

SHEET7 = ocop.criteria.sheet(7, edition="26/2026")
SHEET1 = ocop.criteria.sheet(1, edition="26/2026")
TOP = {c.number: c.max_points for c in SHEET7.criteria}
LEVELS = dict(demo_scorecards()[0].levels)
CARD = demo_scorecards()[1]


def _ambiguous():
    import attrs

    c = SHEET7.criterion("3.1")
    odd = attrs.evolve(c, levels=(c.levels[0], attrs.evolve(c.levels[1], star=ocop.Star.THREE), c.levels[2]))
    parts = tuple(
        attrs.evolve(p, sections=tuple(
            attrs.evolve(s, criteria=tuple(odd if x.number == "3.1" else x for x in s.criteria)) for s in p.sections))
        for p in SHEET7.parts
    )
    return ocop.Scorecard.from_points(attrs.evolve(SHEET7, parts=parts), {**TOP, "3.1": 1})


CASES = [
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "12": 0}), E.UnknownCriterion, "levels", "12"),
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "6.5": 4}), E.UnknownLevel, "levels['6.5']", 4),
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "6.5": None}), E.UnknownLevel, "levels['6.5']", None),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, eliminations=["1.2"]), E.UnknownCriterion, "eliminations", "1.2"),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, disqualifications=["x"]), E.UnknownLevel, "disqualifications", "x"),
    (lambda: ocop.Scorecard(SHEET7, [1]), E.InvalidValue, "levels", [1]),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, eliminations=7), E.InvalidValue, "flags", 7),
    (lambda: ocop.Scorecard.from_points("7", TOP), E.InvalidValue, "sheet", "7"),
    (lambda: ocop.Scorecard.from_points(SHEET7, [1]), E.InvalidValue, "points", [1]),
    (lambda: ocop.Scorecard.from_points(SHEET7, {**TOP, 7: 1}), E.UnknownCriterion, "points", 7),
    (lambda: ocop.Scorecard.from_points(SHEET7, {**TOP, "6.5": 2}), E.UnknownLevel, "points['6.5']", 2),
    (lambda: ocop.Scorecard.from_points(SHEET7, {**TOP, "6.5": "5"}), E.InvalidValue, "points['6.5']", "5"),
    (_ambiguous, E.AmbiguousLevel, "points['3.1']", 1),
    (lambda: ocop.grade("card"), E.InvalidValue, "scorecards", "card"),
    (lambda: ocop.grade([]), E.InvalidValue, "scorecards", ()),
    (lambda: ocop.grade([CARD, 3]), E.InvalidValue, "scorecards", 3),
    (lambda: ocop.grade([CARD, ocop.Scorecard.from_points(SHEET1, {c.number: c.max_points for c in SHEET1.criteria})]),
     E.MixedScorecards, "scorecards", "sheet 1 of 26/2026"),
    (lambda: ocop.advise("card"), E.InvalidValue, "scorecard", "card"),
    (lambda: ocop.advise(CARD, 9), E.InvalidValue, "target", 9),
    (lambda: ocop.advise(CARD, True), E.InvalidValue, "target", True),
    (lambda: ocop.advise(CARD, 4, cost=5), E.InvalidValue, "cost", 5),
    (lambda: ocop.advise(CARD, 4, cost={"6.5": -2}), E.InvalidValue, "cost", -2),
    (lambda: ocop.advise(CARD, 4, cost={"6.5": float("nan")}), E.InvalidValue, "cost", None),
    (lambda: ocop.advise(CARD, 4, fixed={"6.5"}), ocop.grading.TargetUnreachable, "target", 4),
    (lambda: ocop.what_if("card", {}), E.InvalidValue, "scorecard", "card"),
    (lambda: ocop.what_if(CARD, [1]), E.InvalidValue, "changes", [1]),
    (lambda: ocop.what_if(CARD, {1: 0}), E.UnknownCriterion, "changes", 1),
    (lambda: ocop.criteria.sheet(99, edition="26/2026"), E.UnknownSheet, "sheet", 99),
    (lambda: ocop.criteria.sheet(3, edition="148/2023"), E.CriteriaNotPublished, "edition", "148/2023"),
    (lambda: ocop.criteria.sheet_from_json("{x"), E.InvalidValue, "data", None),
    (lambda: ocop.criteria.sheet_from_json([]), E.SheetFormatError, "$", "list"),
    (lambda: ocop.criteria.load_sheet(3), E.InvalidValue, "path", 3),
    (lambda: SHEET7.criterion("6.9"), E.UnknownCriterion, "criterion", "6.9"),
    (lambda: ocop.criteria.classification(edition="26/2026").sheet_for("x"), E.UnknownGroup, "group", "x"),
    (lambda: ocop.criteria.classification(edition="26/2026").entry(40), E.UnknownGroup, "sheet", 40),
    (lambda: ocop.edition("x"), E.UnknownEdition, "edition", "x"),
]


@pytest.mark.parametrize(("make", "error", "field", "value"), CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_error_names_field_and_value(make, error, field, value):
    with pytest.raises(error) as info:
        make()
    assert info.value.field == field
    if value is not None:
        assert info.value.value == value
    assert info.value.allowed is not None
    assert str(info.value).startswith(error.message)


def test_unmet_minimum_details():
    g = ocop.grade(CARD)
    (u,) = [u for u in g.unmet if u.star == ocop.Star.FOUR]
    assert (u.criterion, u.required_points, u.required_level, u.achieved_points) == ("6.5", 3, 2, 1)
    assert str(u) == "criterion 6.5: 1 < 3 points required for 4★"


def test_plan_details():
    plan = ocop.advise(CARD, ocop.Star.FOUR, cost={("6.5", 2): 7, ("6.5", 3): 9})
    (ch,) = plan.changes
    assert (ch.criterion, ch.from_level, ch.to_level, ch.from_points, ch.to_points, ch.cost) == ("6.5", 1, 2, 1, 3, 7)
    assert ch.satisfies == (ocop.Star.FOUR,) and plan.cost == 7 and plan.steps == 1
    assert plan.before.total == 69 and plan.after.total == 71 and plan.target == ocop.Star.FOUR
    five = ocop.advise(CARD, ocop.Star.FIVE)
    assert five.cost == len(five.changes) and five.steps >= len(five.changes)
    assert all(c.to_points > c.from_points for c in five.changes)
    assert {c.criterion for c in five.changes if ocop.Star.FIVE in c.satisfies} >= {"6.5", "4.1"}
