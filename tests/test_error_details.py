"""Each error names the offending field and value, and says what is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ocop
import ocop.serialization
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


def _eliminated():
    return ocop.Scorecard(SHEET7, LEVELS, eliminations=["1.1"])


CASES = [
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "12": 0}), E.UnknownCriterion, "levels", "12"),
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "6.5": 4}), E.UnknownLevel, "levels['6.5']", 4),
    (lambda: ocop.Scorecard(SHEET7, {**LEVELS, "6.5": None}), E.UnknownLevel, "levels['6.5']", None),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, eliminations=["1.2"]), E.UnknownCriterion, "eliminations", "1.2"),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, disqualifications=["x"]), E.UnknownLevel, "disqualifications", "x"),
    (lambda: ocop.Scorecard(SHEET7, [1]), E.InvalidValue, "levels", [1]),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, eliminations=7), E.InvalidValue, "eliminations", 7),
    (lambda: ocop.Scorecard(SHEET7, LEVELS, disqualifications="x"), E.InvalidValue, "disqualifications", "x"),
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
    (lambda: ocop.advise(_eliminated(), 4), ocop.grading.TargetUnreachable, "target", 4),
    (lambda: ocop.Scorecard.from_points(SHEET7, {**TOP, "1.1": 5}), E.UnknownLevel, "points['1.1']", 5),
    (lambda: ocop.criteria.load_sheet(""), E.InvalidValue, "path", ""),
    (lambda: ocop.criteria.sheet_from_json(" " * (ocop.criteria._load.MAX_SHEET_BYTES + 1)), E.InvalidValue, "data",
     f"{ocop.criteria._load.MAX_SHEET_BYTES + 1} bytes"),
]

MESSAGES = [
    (lambda: ocop.advise(_eliminated(), 4),
     "The target star cannot be reached. the product is eliminated or its dossier rejected target: got 4; "
     "allowed: none"),
    (lambda: ocop.advise(CARD, 4, fixed="6.5"),
     "The target star cannot be reached. criterion 6.5 is fixed below the 4★ minimum of 3 points target: got 4; "
     "allowed: stars below 4★, or without fixing 6.5"),
    (lambda: ocop.advise(CARD, 9), "Invalid value. target: got 9; allowed: 1, 2, 3, 4, 5"),
    (lambda: ocop.advise("x"), "Invalid value. scorecard: got 'x'; allowed: a Scorecard or a council of them"),
    (lambda: ocop.advise(CARD, 4, cost={"6.5": -1}),
     "Invalid value. cost of criterion 6.5 cost: got -1; allowed: a finite number >= 0"),
    (lambda: ocop.advise(CARD, 4, cost="x"), "Invalid value. cost: got 'x'; allowed: None, a mapping or a function"),
]


@pytest.mark.parametrize(("make", "text"), MESSAGES, ids=[f"m{i}" for i in range(len(MESSAGES))])
def test_messages_word_for_word(make, text):
    with pytest.raises(E.OcopError) as info:
        make()
    assert str(info.value) == text


def test_not_enough_points_message():
    sheet = SHEET7
    bare = {c.number: min(lvl.value for lvl in c.levels) for c in sheet.criteria}
    card = ocop.Scorecard.from_points(sheet, bare)
    unstarred = [c.number for c in sheet.criteria if all(lvl.star is None for lvl in c.levels)]
    with pytest.raises(ocop.grading.TargetUnreachable) as info:
        ocop.advise(card, ocop.Star.FIVE, fixed=unstarred)
    fixed_points = sum(card.points(n) for n in unstarred)
    starred_max = sum(sheet.criterion(c.number).max_points for c in sheet.criteria if c.number not in unstarred)
    assert f"at most {fixed_points + starred_max} points are reachable; 5★ needs 90" in str(info.value)
    assert info.value.allowed == "a lower star, or fewer fixed criteria"


GOLDEN = Path(__file__).parent / "snapshots" / "error_messages.json"


def current_messages():
    out = []
    for make, error, _, _ in CASES:
        try:
            make()
        except error as exc:
            out.append(str(exc))
    return out


def test_error_messages_match_the_golden_file():
    """Messages are part of the interface: any change shows as a reviewable diff.

    Regenerate with ``python -c "import sys; sys.path.insert(0, 'tests'); import test_error_details as t; t.write()"``.
    """
    assert current_messages() == json.loads(GOLDEN.read_text(encoding="utf-8"))


def write():
    GOLDEN.write_text(json.dumps(current_messages(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


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
    by_criterion = {c.criterion: c for c in five.changes}
    # 4.1 goes from 3 points (already meeting *** and ****) to 5: it newly meets ***** only
    assert by_criterion["4.1"].satisfies == (ocop.Star.FIVE,)
    assert by_criterion["6.5"].satisfies == (ocop.Star.FOUR, ocop.Star.FIVE)
    same = ocop.advise(CARD, ocop.Star.THREE)
    assert (same.target, same.changes, same.cost, same.after) == (ocop.Star.THREE, (), 0.0, same.before)
    # a cost that depends on the starting level
    steps = ocop.advise(CARD, ocop.Star.FOUR, cost=lambda c, frm, to: 10 * (to - (frm if frm is not None else -1)))
    assert steps.cost == 10 and steps.changes[0].cost == 10
    assert all(c.to_points > c.from_points for c in five.changes)
    assert {c.criterion for c in five.changes if ocop.Star.FIVE in c.satisfies} >= {"6.5", "4.1"}



def test_more_details():
    import attrs

    # a council may mix the packaged sheet and an equal copy of it
    copy = ocop.criteria.sheet_from_json(ocop.serialization.export_sheet(SHEET7))
    assert copy is not SHEET7 and copy == SHEET7
    assert ocop.grade([CARD, attrs.evolve(CARD, sheet=copy)]).members == 2
    # grade_points honours the edition it is given
    with pytest.raises(E.CriteriaNotPublished):
        ocop.grade_points(7, TOP, edition="148/2023")
    # disqualification details
    card = ocop.Scorecard(SHEET7, LEVELS, evaluator="B", disqualifications=["forged-dossier"])
    (d,) = ocop.grade([CARD, card]).disqualified
    assert (d.ground, d.text_vi, d.evaluators) == ("forged-dossier", "Giả mạo hồ sơ", ("B",))
    g = ocop.grade(card)
    assert repr(g) == "<Grade sheet 7 (26/2026): total 74, None>"
    assert str(g).endswith("total 74; no star")
    assert g.missing_for(ocop.Star.FOUR) == tuple(u for u in g.unmet if u.star <= ocop.Star.FOUR)
    # zero and fractional costs are allowed
    assert ocop.advise(CARD, 4, cost={"6.5": 0}).cost == 0
    assert ocop.advise(CARD, 4, cost={"6.5": 0.5}).cost == 0.5


def test_change_text_and_council_floor():
    from ocop.grading._advisor import Change, _council_floor

    ch = Change("1.1", None, 0, 0, 1, (), 1.0)
    assert str(ch) == "1.1: no level (0) → level 0 (1)"
    a = ocop.Scorecard(SHEET7, {**LEVELS, "1.1": None})
    b = ocop.Scorecard(SHEET7, {**LEVELS, "1.1": 0})
    assert _council_floor([b, a]).levels["1.1"] is None
    assert _council_floor([a, b]).levels["1.1"] is None


def test_fresh_sheet_converter_is_strict():
    from ocop.criteria._load import _make_converter

    data = ocop.serialization.export_sheet(SHEET7)
    data["parts"][0]["sections"][0]["criteria"][0]["surprise"] = 1
    with pytest.raises(Exception):  # noqa: B017, PT011 - cattrs' own validation error group
        _make_converter().structure(data, ocop.criteria.Sheet)


def test_missing_for_is_cumulative():
    g = ocop.grade(CARD)
    assert [(u.criterion, int(u.star)) for u in g.missing_for(ocop.Star.FOUR)] == [("6.5", 4)]
    assert g.missing_for(ocop.Star.THREE) == ()


def test_size_limit_boundary_and_valid_classification():
    from ocop.criteria._classification import check_classification

    limit = ocop.criteria._load.MAX_SHEET_BYTES
    with pytest.raises(E.InvalidValue) as info:
        ocop.criteria.sheet_from_json(" " * limit)
    assert "not valid JSON" in str(info.value)  # at the limit: parsed, not refused for size
    check_classification(ocop.criteria.classification(edition="26/2026"))  # the packaged data passes
    c = ocop.criteria.classification(edition="26/2026")
    assert c.sheet_for("  chè tươi,   CHẾ BIẾN ") == 11 and c.sheet_for("Flowers") == 23


def test_minima_carry_the_level_index():
    found = {c.number: (i, lvl.value) for c, i, lvl in SHEET7.minima(ocop.Star.FIVE)}
    assert found["6.5"] == (3, 5) and found["1.1"] == (0, 1) and found["9"] == (1, 3)
