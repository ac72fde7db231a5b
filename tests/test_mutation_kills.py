"""Checks written to pin down behaviour that mutation testing (scripts/mutation.sh) found unchecked.

Each expectation is derived from the rule or contract written out here, not from the library's output.
"""

from __future__ import annotations

import datetime
import os
import pathlib
import subprocess
import sys
from fractions import Fraction

import attrs
import pytest

import ocop
from ocop import errors as E
from ocop.grading._advisor import Change
from ocop.grading._rules import Halted, HaltReach, Recognition, Route, RuleBreach
from ocop.grading._verify import verify_grade

SHEET7 = ocop.criteria.sheet(7, edition="26/2026")
TOP7 = {c.number: c.max_points for c in SHEET7.criteria}
LOW7 = {c.number: min(lvl.value for lvl in c.levels) for c in SHEET7.criteria}


# --- grading: points read in any key order ----------------------------------------------------


def test_points_in_any_key_order_grade_the_same():
    # The total is the plain sum of the points given, whatever the order of the keys.
    points = {**TOP7, "9": 1, "4.1": 2}
    expected_total = sum(points.values())  # 100 - 4 - 3 = 93
    assert expected_total == 93
    for order in (list(points), list(reversed(points)), sorted(points)):
        g = ocop.grade_points(7, {k: points[k] for k in order}, edition="26/2026")
        assert g.total == 93
        assert dict(g.criterion_points) == {k: Fraction(v) for k, v in points.items()}


# --- grade_many: what its errors name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field", "value", "allowed"),
    [
        (lambda: ocop.grading.grade_many("cards"), "scorecards", "cards", "an iterable of Scorecards"),
        (lambda: ocop.grading.grade_many([3]), "scorecards", 3, "ocop.Scorecard instances"),
        (lambda: ocop.grading.grade_many([], council="province"), "council", "province",
         ("commune", "district", "province", "ministry")),
    ],
)  # fmt: skip
def test_grade_many_errors_name_field_value_and_allowed(call, field, value, allowed):
    with pytest.raises(E.InvalidValue) as info:
        call()
    assert (info.value.field, info.value.value, info.value.allowed) == (field, value, allowed)


# --- council rules: the bounds written in the docstring ---------------------------------------


@pytest.mark.parametrize(("name", "low", "high"), [("max_spread", 0, 100), ("min_members", 1, 1000)])
def test_council_rule_bounds(name, low, high):
    for ok in (None, low, high, (low + high) // 2):
        assert getattr(ocop.CouncilRules(**{name: ok}), name) == ok
    for bad in (low - 1, high + 1, True, float(low), "1"):
        with pytest.raises(E.InvalidValue) as info:
            ocop.CouncilRules(**{name: bad})
        assert info.value.field == name
        assert info.value.value is bad
        assert info.value.allowed == f"None or an integer from {low} to {high}"


# --- texts of the rule results ------------------------------------------------------------------


def test_halted_text_lists_what_is_left_out_or_none():
    h = Halted("6.1", "Ghi chú: …", HaltReach.FOLLOWING, ("7", "8"), ("A",))
    assert str(h) == "evaluation halted on criterion 6.1: Ghi chú: … (not assessed: 7, 8)"
    h = Halted("11", "Ghi chú: …", HaltReach.FOLLOWING, (), ("A",))
    assert str(h) == "evaluation halted on criterion 11: Ghi chú: … (not assessed: none)"


NO_STAR = "no star to recognise: no decision and no certificate (Art. 4.1(a))"
P, M = ocop.Authority.PROVINCE, ocop.Authority.MINISTRY


@pytest.mark.parametrize(
    ("recognition", "text"),
    [
        (Recognition(None, None, None, Route.NONE), NO_STAR),
        # Any one of route, star or authority missing means nothing to recognise.
        (Recognition(ocop.Star.FOUR, None, None, Route.BY_AUTHORITY), NO_STAR),
        (Recognition(None, P, None, Route.RECOGNISE), NO_STAR),
        (Recognition(ocop.Star.FOUR, P, None, Route.NONE), NO_STAR),
        (Recognition(ocop.Star.FIVE, M, P, Route.FORWARD),
         "a candidate for 5★ only: the ministry recognises 5★; the province approves the result and forwards "
         "the dossier (Art. 7.3(e))"),
        (Recognition(ocop.Star.FIVE, M, None, Route.FORWARD),
         "a candidate for 5★ only: the ministry recognises 5★; the council approves the result and forwards "
         "the dossier (Art. 7.3(e))"),
        (Recognition(ocop.Star.FOUR, P, M, Route.LEAVE_TO),
         "4★ is recognised by the province, not the ministry: the province may recognise it on this result or "
         "evaluate the product itself (Art. 7.4)"),
        (Recognition(ocop.Star.THREE, P, P, Route.RECOGNISE), "3★ is recognised by the province (Art. 4.1)"),
    ],
)  # fmt: skip
def test_recognition_texts(recognition, text):
    assert str(recognition) == text


def test_rule_breach_texts():
    assert str(RuleBreach("max_spread", 10, 12, ("A", "B"))) == (
        "council rules: members' totals 12 points apart, more than the 10 allowed: "
        "the council's rules require re-scoring"
    )
    assert str(RuleBreach("min_members", 5, 1, ("A",))) == "council rules: 1 scorecard, fewer than the 5 members required"
    assert str(RuleBreach("min_members", 5, 3, ("A", "B", "C"))) == (
        "council rules: 3 scorecards, fewer than the 5 members required"
    )


# --- the advisor -------------------------------------------------------------------------------


def test_change_text_lists_every_minimum_met():
    change = Change("6.5", 1, 3, 1, 5, (ocop.Star.FOUR, ocop.Star.FIVE), 1.0)
    assert str(change) == "6.5: level 1 (1) → level 3 (5) (minimum for 4★, 5★)"
    assert str(Change("7", None, 0, 0, 0, (), 1.0)) == "7: no level (0) → level 0 (0)"


def test_council_plan_with_nothing_to_change_prints_both_lines():
    cards = [ocop.Scorecard.from_points(SHEET7, TOP7, evaluator=e) for e in "AB"]
    plan = ocop.advise(cards, 3)
    assert plan.changes == ()
    assert plan.start == "council floor"
    assert ocop.advise(cards[0], 5).start == "scorecard"
    assert ocop.advise(ocop.grade(cards[0]), 4).start == "grade"
    assert str(plan) == (
        "council grade 100, 5★; planned on the council floor (members' lowest level per criterion): 100, 5★\n"
        "already 5★: nothing to change"
    )


def test_a_cost_table_prices_unnamed_criteria_at_one():
    card = ocop.Scorecard.from_points(SHEET7, {**TOP7, "9": 1})  # 96 points, held at 3★ by 9's 4★ minimum
    plan = ocop.advise(card, 4, cost={"1.1": 7})
    assert [(c.criterion, c.cost) for c in plan.changes] == [("9", 1.0)]
    assert plan.cost == 1.0


@pytest.mark.parametrize("bad", [True, False, -1, float("inf"), "1"])
def test_cost_values_are_numbers_not_flags(bad):
    card = ocop.Scorecard.from_points(SHEET7, {**TOP7, "9": 1})
    with pytest.raises(E.InvalidValue) as info:
        ocop.advise(card, 4, cost={"9": bad})
    assert info.value.field == "cost"


def test_council_floor_keeps_filing_date_and_scope():
    filed = datetime.date(2026, 7, 1)
    points = {**TOP7, "9": 1}
    cards = [ocop.Scorecard.from_points(SHEET7, points, evaluator=e, filed_on=filed, out_of_scope=["5.2"])
             for e in "AB"]  # fmt: skip
    plan = ocop.advise(cards, 4)
    assert plan.scorecard.filed_on == filed
    assert plan.scorecard.out_of_scope == {"5.2"}
    # 5.2 (2 points) is not counted: 96 - 2 = 94 before the change of 9.
    assert plan.before.total == 94


def test_plans_from_a_grade_keep_its_flags_and_date():
    filed = datetime.date(2026, 7, 1)
    points = {**TOP7, "9": 1}
    g = ocop.grade(ocop.Scorecard.from_points(SHEET7, points, filed_on=filed, out_of_scope=["5.2"]))
    plan = ocop.advise(g, 4)
    assert plan.scorecard.filed_on == filed
    assert plan.scorecard.out_of_scope == {"5.2"}
    rejected = ocop.grade(ocop.Scorecard.from_points(SHEET7, points, disqualifications=["forged-dossier"]))
    with pytest.raises(ocop.grading.TargetUnreachable):
        ocop.advise(rejected, 4)


def test_scorecard_repr_names_evaluator_total_and_flags():
    assert repr(ocop.Scorecard.from_points(SHEET7, TOP7)) == "<Scorecard sheet 7 (26/2026): 100 points>"
    card = ocop.Scorecard.from_points(SHEET7, {**TOP7, "9": 1}, evaluator="A")
    assert repr(card) == "<Scorecard sheet 7 (26/2026) by 'A': 96 points>"
    card = ocop.Scorecard.from_points(SHEET7, TOP7, eliminations=["1.1"], disqualifications=["forged-dossier"])
    assert repr(card) == "<Scorecard sheet 7 (26/2026): 100 points, 2 elimination(s)/rejection(s)>"


# --- verify_grade: each forged figure is named with what is allowed ----------------------------


def _graded():
    return ocop.grade(ocop.Scorecard.from_points(SHEET7, {**TOP7, "9": 1, "4.1": 2}, out_of_scope=["5.2"]))


def _forge(**changes):
    return attrs.evolve(_graded(), **changes)


def _bump(mapping, key):
    return {**mapping, key: mapping[key] + 1}


FORGED = [
    (lambda g: _forge(criterion_points=dict(reversed(list(g.criterion_points.items())))), "criterion_points",
     "every criterion of the sheet, in printed order"),
    (lambda g: _forge(criterion_points={**g.criterion_points, "5.2": Fraction(2)}), "criterion_points['5.2']",
     "0: the criterion is not assessed or out of scope"),
    (lambda g: _forge(section_points=_bump(g.section_points, "1")), "section_points",
     "the sums of the criteria of each section"),
    (lambda g: _forge(part_points=_bump(g.part_points, "A")), "part_points", "the sums of the sections of each part"),
    # 100 - 4 (9) - 3 (4.1) - 2 (5.2 out of scope) = 91
    (lambda g: _forge(total=g.total + 1), "total", "the sum of the parts, 91"),
    (lambda g: _forge(band=ocop.Star.FOUR), "band", "5★, the band of the total"),
    # As printed on sheet 7: 9 at 1 point misses its 4★ minimum (3); 4.1 at 2 misses 4★ (3) and 5★ (5).
    (lambda g: _forge(unmet=g.unmet[1:]), "unmet", "the 3 starred minima that the points miss"),
    (lambda g: _forge(eliminated=(ocop.grading.Eliminated("9.9", "x", ("A",)),), star=None), "eliminated[0]",
     "a criterion with an elimination rule, its text and evaluators"),
    (lambda g: _forge(disqualified=(ocop.grading.Disqualified("nope", "x", ("A",)),), star=None), "disqualified[0]",
     "forged-dossier, food-safety-certificate, registration-dossier"),
    (lambda g: _forge(star=ocop.Star.FIVE), "star",
     "3★: the band lowered by the unmet minima, none if eliminated, rejected or halted"),
]  # fmt: skip


@pytest.mark.parametrize(("forge", "field", "allowed"), FORGED, ids=[f[1] for f in FORGED])
def test_forged_grades_name_the_field(forge, field, allowed):
    g = _graded()
    assert verify_grade(g) is g
    with pytest.raises(E.InconsistentData) as info:
        verify_grade(forge(g))
    assert info.value.field == field
    assert info.value.allowed == allowed


def test_a_sheet_without_grounds_verifies_and_names_none():
    sheet = ocop.criteria.sheet(26, edition="26/2026")
    assert sheet.disqualification is None
    g = ocop.grade_points(26, {c.number: c.max_points for c in sheet.criteria}, edition="26/2026")
    assert verify_grade(g) is g
    forged = attrs.evolve(g, disqualified=(ocop.grading.Disqualified("nope", "x", ("A",)),), star=None)
    with pytest.raises(E.InconsistentData) as info:
        verify_grade(forged)
    assert (info.value.field, info.value.allowed) == ("disqualified[0]", "none on this sheet")


# --- grade_points: the filing date, council rules and junk on the short path -------------------


def test_a_filing_date_before_26_2026_names_the_date_and_the_way_out():
    # 26/2026 Art. 12.2: a dossier filed before 22 May 2026 is graded under the edition then in
    # force: 148/2023 as amended by Decision 1489/QĐ-TTg of 6 July 2025 (code "1489/2025"), whose
    # item-level tables are not published.
    day = datetime.date(2026, 5, 21)
    with pytest.raises(E.CriteriaNotPublished) as info:
        ocop.grade_points(7, TOP7, filed_on=day)
    assert (info.value.field, info.value.value) == ("filed_on", day)
    assert info.value.allowed == "dossiers filed from 2026-05-22 (edition 26/2026), or an explicit edition="
    assert ("a dossier filed on 2026-05-21 is graded under edition 1489/2025 (26/2026 Art. 12.2), "
            "whose item-level tables are not published.") in str(info.value)  # fmt: skip
    with pytest.raises(E.InvalidDate) as info:
        ocop.grade_points(7, TOP7, filed_on="2026-06-01")
    assert info.value.field == "filed_on"


def test_grade_points_applies_council_rules():
    # One scorecard where the rules require at least two: a breach, whatever the points.
    g = ocop.grade_points(7, TOP7, edition="26/2026", rules=ocop.CouncilRules(min_members=2))
    assert [(b.rule, b.limit, b.found) for b in g.breaches] == [("min_members", 2, 1)]


@pytest.mark.parametrize("edition", [5, 26.2026, b"26/2026"])
def test_grade_points_refuses_junk_editions(edition):
    with pytest.raises(E.OcopError):
        ocop.grade_points(7, TOP7, edition=edition)


@pytest.mark.parametrize("points", [[3, 2], "1.1", (("1.1", 3),), [3] * 32, list(TOP7.items())])
def test_grade_points_refuses_points_that_are_not_a_mapping(points):
    with pytest.raises(E.OcopError) as info:
        ocop.grade_points(7, points, edition="26/2026")
    assert info.value.field == "points"


# --- verify_grade: members, halts and scope ------------------------------------------------------


def test_verify_grade_bounds_members_and_names_the_grade():
    g = _graded()
    assert verify_grade(attrs.evolve(g, members=1)).members == 1
    for members in (0, 1001):
        with pytest.raises(E.InconsistentData) as info:
            verify_grade(attrs.evolve(g, members=members))
        assert (info.value.field, info.value.value, info.value.allowed) == ("members", members, "1 to 1000")
        assert "grade on sheet 7 of 26/2026" in str(info.value)


def test_a_council_of_1000_verifies():
    # The bound is inclusive: a grade whose figures are multiples of 1/1000 with 1000 members.
    g = attrs.evolve(ocop.grade_points(7, TOP7, edition="26/2026"), members=1000)
    assert verify_grade(g) is g


def test_forged_halts_and_scope_name_the_entry():
    g = _graded()
    halted = attrs.evolve(g, halted=(Halted("9.9", "x", HaltReach.FOLLOWING, (), ("A",)),), star=None)
    with pytest.raises(E.InconsistentData) as info:
        verify_grade(halted)
    assert (info.value.field, info.value.value) == ("halted[0]", "9.9")
    assert info.value.allowed == "a criterion with a halt note, its text, the criteria it leaves out"
    scoped = attrs.evolve(g, out_of_scope=(*g.out_of_scope, attrs.evolve(g.out_of_scope[0], criterion="9.9")))
    with pytest.raises(E.InconsistentData) as info:
        verify_grade(scoped)
    assert (info.value.field, info.value.value) == ("out_of_scope[1]", "9.9")
    assert info.value.allowed == "a criterion with a scope note, its text and points"


def test_scope_exclusions_with_zero_or_averaged_points_verify():
    # 5.2 (levels 0, 1, 2 points) out of scope: recorded at 0 points, or at 1 and 2 by two members
    # (mean 3/2, a multiple of 1/2), both are figures the library produces.
    zero = ocop.grade(ocop.Scorecard.from_points(SHEET7, {**TOP7, "5.2": 0}, out_of_scope=["5.2"]))
    assert zero.out_of_scope[0].ignored_points == 0
    assert verify_grade(zero) is zero
    cards = [ocop.Scorecard.from_points(SHEET7, {**TOP7, "5.2": p}, evaluator=e, out_of_scope=["5.2"])
             for p, e in ((1, "A"), (2, "B"))]  # fmt: skip
    council = ocop.grade(cards)
    assert council.out_of_scope[0].ignored_points == Fraction(3, 2)
    assert verify_grade(council) is council


def test_frames_of_a_card_and_its_grade_have_a_row_per_criterion():
    pytest.importorskip("pandas")
    card = ocop.Scorecard.from_points(SHEET7, TOP7)
    # Sheet 7 prints 32 criteria (1.1–1.7, 2.1–2.4, 3.1–3.5, 4.1–4.3, 5.1–5.3, 6.1–6.5, 7–11).
    assert len(card.to_frame()) == 32
    assert len(ocop.grade(card).to_frame()) == 32


def test_advise_on_a_council_of_mixed_sheets_is_a_typed_error():
    # Found by mutation testing: the council floor was read before the council was validated,
    # so members on different sheets raised IndexError instead of MixedScorecards.
    sheet1 = ocop.criteria.sheet(1, edition="26/2026")
    card1 = ocop.Scorecard.from_points(sheet1, {c.number: c.max_points for c in sheet1.criteria})
    card7 = ocop.Scorecard.from_points(SHEET7, TOP7)
    for cards in ([card7, card1], [card1, card7]):
        with pytest.raises(E.MixedScorecards):
            ocop.advise(cards, 4)


def test_a_council_of_one_plans_like_its_card():
    filed = datetime.date(2026, 7, 1)
    card = ocop.Scorecard.from_points(SHEET7, {**TOP7, "9": 1}, filed_on=filed)
    plan = ocop.advise([card], 4)
    assert plan.start == "council floor"
    assert plan.scorecard.filed_on == filed
    # 9 goes from 1 point (level 0) to its 4★ minimum of 3 points (level 1), as for the card alone.
    assert [(c.criterion, c.from_points, c.to_points) for c in plan.changes] == [("9", 1, 3)]
    assert plan.changes == ocop.advise(card, 4).changes


def _with_notes(number, *extra):
    # Sheet 7 with criterion ``number`` carrying ``extra`` notes after its printed ones.
    def fix(c):
        return attrs.evolve(c, notes=(*c.notes, *extra)) if c.number == number else c

    parts = tuple(
        attrs.evolve(p, sections=tuple(attrs.evolve(s, criteria=tuple(fix(x) for x in s.criteria)) for s in p.sections))
        for p in SHEET7.parts
    )
    return attrs.evolve(SHEET7, parts=parts)


def test_only_the_first_elimination_or_scope_note_is_the_rule_recorded():
    # A grade records the text of the criterion's first elimination (or scope) note; a loaded
    # grade naming a later note's text is not one the library makes.
    from ocop.criteria import Note, NoteKind

    sheet = _with_notes("1.1", Note(NoteKind.ELIMINATION, "Bị loại nếu (thứ hai)", ""))
    g = ocop.grade(ocop.Scorecard.from_points(sheet, TOP7, eliminations=["1.1"]))
    assert g.eliminated[0].text_vi == SHEET7.criterion("1.1").notes[0].text_vi
    assert verify_grade(g) is g
    forged = attrs.evolve(g, eliminated=(attrs.evolve(g.eliminated[0], text_vi="Bị loại nếu (thứ hai)"),))
    with pytest.raises(E.InconsistentData):
        verify_grade(forged)

    sheet = _with_notes("5.2", Note(NoteKind.SCOPE, "Chỉ áp dụng khi (thứ hai)", ""))
    g = ocop.grade(ocop.Scorecard.from_points(sheet, TOP7, out_of_scope=["5.2"]))
    assert g.out_of_scope[0].text_vi == "Chỉ áp dụng khi có câu chuyện sản phẩm"
    assert verify_grade(g) is g
    forged = attrs.evolve(g, out_of_scope=(attrs.evolve(g.out_of_scope[0], text_vi="Chỉ áp dụng khi (thứ hai)"),))
    with pytest.raises(E.InconsistentData):
        verify_grade(forged)


def test_points_listed_out_of_printed_order_stay_on_their_criteria():
    # 6.5 and 7 have the same levels (0, 1, 3, 5 points): listing 7 before 6.5 must not move
    # 7's 5 points onto 6.5.  By hand: 100 - 5 (6.5 at 0) = 95 points, 6.5 at 0, 7 at 5.
    assert [lvl.value for lvl in SHEET7.criterion("6.5").levels] == [lvl.value for lvl in SHEET7.criterion("7").levels]
    order = [n for n in TOP7 if n not in ("6.5", "7")]
    at = order.index("8")
    order[at:at] = ["7", "6.5"]
    points = {n: (0 if n == "6.5" else TOP7[n]) for n in order}
    g = ocop.grade_points(7, points, edition="26/2026")
    assert g.total == 95
    assert (g.criterion_points["6.5"], g.criterion_points["7"]) == (0, 5)


def test_spread_is_between_the_lowest_and_the_highest_member_wherever_they_sit():
    # Totals 100 (A), 90 (B), 96 (C): the spread is 100 - 90 = 10, between B and A.
    cards = [ocop.Scorecard.from_points(SHEET7, points, evaluator=e) for e, points in (
        ("A", TOP7), ("B", {**TOP7, "4.3": 0, "5.3": 0}), ("C", {**TOP7, "4.3": 1}))]  # fmt: skip
    assert [sum(c.points(n) for n in TOP7) for c in cards] == [100, 90, 96]
    g = ocop.grade(cards, rules=ocop.CouncilRules(max_spread=7))
    assert [(b.rule, b.found, b.evaluators) for b in g.breaches] == [("max_spread", 10, ("B", "A"))]
    assert ocop.grade(cards, rules=ocop.CouncilRules(max_spread=10)).breaches == ()


# Sheet 7 at its maxima (100) except four criteria that carry no star mark, at 0:
# 4.3 (-5), 1.2 (-2), 5.2 (-2), 6.2 (-2): 89 points, one short of 5★ (90).
SHORT = {**TOP7, "4.3": 0, "1.2": 0, "5.2": 0, "6.2": 0}


def test_one_point_out_of_reach_is_unreachable():
    card = ocop.Scorecard.from_points(SHEET7, SHORT)
    with pytest.raises(ocop.grading.TargetUnreachable) as info:
        ocop.advise(card, 5, fixed=["4.3", "1.2", "5.2", "6.2"])
    assert str(info.value) == (
        "The target star cannot be reached. at most 89 points are reachable; 5★ needs 90 target: got 5; "
        "allowed: a lower star, or fewer fixed criteria"
    )
    assert (info.value.field, info.value.value) == ("target", 5)


def test_costs_with_different_denominators_compare_as_numbers():
    # One point is needed; 5.2 at 0.25 is cheaper than 1.2 at 0.5, and both than 10.
    card = ocop.Scorecard.from_points(SHEET7, SHORT)
    plan = ocop.advise(card, 5, cost={"1.2": 0.5, "5.2": 0.25, "4.3": 10, "6.2": 10})
    assert [(c.criterion, c.from_points, c.to_points) for c in plan.changes] == [("5.2", 0, 1)]
    assert plan.cost == 0.25


@pytest.mark.parametrize(
    ("fixed", "allowed"),
    [(5, "criterion numbers, e.g. ['6.5']"), (b"6.5", "criterion numbers, e.g. ['6.5']"),
     ([6.5], "criterion numbers (strings), e.g. ['6.5']")],
)  # fmt: skip
def test_fixed_criteria_errors_name_value_and_allowed(fixed, allowed):
    card = ocop.Scorecard.from_points(SHEET7, SHORT)
    with pytest.raises(E.InvalidValue) as info:
        ocop.advise(card, 5, fixed=fixed)
    assert (info.value.field, info.value.value, info.value.allowed) == ("fixed", fixed, allowed)


def test_no_plan_for_a_halted_evaluation():
    card = ocop.Scorecard.from_points(SHEET7, SHORT, halts=["6.1"])
    with pytest.raises(ocop.grading.TargetUnreachable) as info:
        ocop.advise(card, 5)
    assert str(info.value) == (
        "The target star cannot be reached. the evaluation was halted target: got 5; allowed: none"
    )
    assert (info.value.field, info.value.value, info.value.allowed) == ("target", 5, "none")


def test_no_plan_for_a_council_whose_grade_has_no_star():
    # Two members eliminate the product on two different criteria: the council's grade has no
    # star, whatever the floor of the members' levels would allow.
    cards = [ocop.Scorecard.from_points(SHEET7, SHORT, evaluator="A", eliminations=["1.1"]),
             ocop.Scorecard.from_points(SHEET7, SHORT, evaluator="B", eliminations=["2.1"])]  # fmt: skip
    reasons = ocop.grade(cards).reasons
    assert len(reasons) >= 2
    with pytest.raises(ocop.grading.TargetUnreachable) as info:
        ocop.advise(cards, 5)
    assert str(info.value) == (
        "The target star cannot be reached. the council's grade has no star: " + "; ".join(reasons)
        + " target: got 5; allowed: none"
    )
    assert (info.value.field, info.value.value, info.value.allowed) == ("target", 5, "none")


def test_members_with_different_filing_dates_name_both_dates():
    # Listed latest first: the error still names the later date as the value, the earlier as allowed.
    cards = [ocop.Scorecard.from_points(SHEET7, TOP7, evaluator=e, filed_on=d)
             for e, d in (("A", datetime.date(2026, 7, 2)), ("B", datetime.date(2026, 7, 1)))]  # fmt: skip
    with pytest.raises(E.MixedScorecards) as info:
        ocop.grade(cards)
    assert (info.value.field, info.value.value, info.value.allowed) == ("filed_on", "2026-07-02", "2026-07-01")
    assert "the members' scorecards give different filing dates" in str(info.value)


def test_grade_repr_and_star_arguments():
    g = ocop.grade_points(7, TOP7, edition="26/2026")
    assert repr(g) == "<Grade sheet 7 (26/2026): total 100, 5★>"
    eliminated = ocop.grade(ocop.Scorecard.from_points(SHEET7, TOP7, eliminations=["1.1"]))
    assert repr(eliminated) == "<Grade sheet 7 (26/2026): total 100, None>"
    for bad in (0, 6, True, "5", 5.0):
        for method in (g.missing_for, g.points_short_of):
            with pytest.raises(E.InvalidValue) as info:
                method(bad)
            assert (info.value.field, info.value.value, info.value.allowed) == ("star", bad, (1, 2, 3, 4, 5))


def test_a_star_no_one_recognises_keeps_the_star_and_the_council():
    # Every criterion at its lowest level: 16 points (sum of the lowest level of each of sheet 7's
    # criteria), 1★: no decision (Art. 4.1(a)), and the council that graded is still named.
    g = ocop.grade_points(7, LOW7, edition="26/2026", council=ocop.Authority.PROVINCE)
    assert g.total == 16
    assert g.recognition == Recognition(ocop.Star.ONE, None, ocop.Authority.PROVINCE, Route.NONE)


def test_council_and_rules_arguments_are_checked():
    # 26/2026 recognises stars at province and ministry level only (Art. 4.1): a commune council
    # grades nothing that can be recognised.
    with pytest.raises(E.InvalidValue) as info:
        ocop.grade_points(7, TOP7, edition="26/2026", council=ocop.Authority.COMMUNE)
    assert (info.value.field, info.value.value, info.value.allowed) == (
        "council", ocop.Authority.COMMUNE, ("province", "ministry"))
    assert "a council that grades under 26/2026" in str(info.value)
    with pytest.raises(E.InvalidValue) as info:
        ocop.grade_points(7, TOP7, edition="26/2026", rules={"max_spread": 10})
    assert (info.value.field, info.value.value, info.value.allowed) == (
        "rules", {"max_spread": 10}, "None or an ocop.CouncilRules")


# --- the mutation run's own support -----------------------------------------------------------


_CLEARED_ALIKE = """
import datetime, sys
import ocop, ocop.cycle
from mutation_support import clear_caches

mutant = sys.argv[1]
sheet = ocop.criteria.sheet(7, edition="26/2026")
card = ocop.Scorecard(sheet, {c.number: len(c.levels) - 1 for c in sheet.criteria})
grade, day = ocop.grade(card), datetime.date(2026, 2, 12)
due = ocop.cycle.add_working_days(day, 3)
clear_caches(mutant)
again = ocop.criteria.sheet(7, edition="26/2026")
# the sheet is read again (not kept) exactly when the mutated module could have built it
assert (again is sheet) is (not mutant.startswith("ocop.criteria.")), mutant
assert again == sheet and ocop.grade(card) == grade and ocop.cycle.add_working_days(day, 3) == due
"""


@pytest.mark.parametrize(
    "mutant",
    ["ocop.criteria._load.x_f__mutmut_1", "ocop.grading._engine.x_f__mutmut_1", "ocop.cycle._calendar.x__year__mutmut_1"],
)
def test_caches_cleared_for_a_mutant_are_rebuilt_alike(mutant):
    # tests/mutation_support.py runs before each mutant's tests; if it raised, every mutant of the
    # package would count as killed (a stale cache name did exactly that once).  It runs in a
    # process of its own: emptied caches would hand the rest of this suite new sheet objects.
    here = pathlib.Path(__file__).parent
    run = subprocess.run([sys.executable, "-c", _CLEARED_ALIKE, mutant], cwd=here, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(here)}, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
