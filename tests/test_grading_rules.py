"""The grading rules 26/2026 adds around the score: halts, scope notes, recognition,
filing date (Art. 12.2), the 3★-minima reading and council regulations."""

from __future__ import annotations

import datetime
import json
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.criteria import NoteKind
from ocop.errors import (
    InvalidData,
    CriteriaNotPublished,
    InvalidDate,
    InvalidValue,
    MixedScorecards,
    NoEditionInForce,
    UnknownCriterion,
)
from ocop.grading import CouncilRules, HaltReach, Route
from ocop.grading._rules import recognition
from ocop.serialization import make_converter

from strategies import SHEETS, councils, scorecards

S = ocop.Star
A = ocop.Authority
SHEET1 = ocop.criteria.sheet(1, edition="26/2026")
SHEET2 = ocop.criteria.sheet(2, edition="26/2026")
SHEET7 = ocop.criteria.sheet(7, edition="26/2026")
CONV = make_converter()

# 26/2026 Art. 4.1(a), (b): the province recognises 3★ and 4★, the ministry 5★.
RECOGNISED_BY_ART_4 = {S.THREE: A.PROVINCE, S.FOUR: A.PROVINCE, S.FIVE: A.MINISTRY}
# 26/2026 Art. 14 (effect on signing) with Art. 12.2: filed before this day, old rules.
IN_FORCE_26 = datetime.date(2026, 5, 22)


def top(sheet):
    return {c.number: c.max_points for c in sheet.criteria}


def with_note(sheet, kind):
    return [c.number for c in sheet.criteria if any(n.kind is kind for n in c.notes)]


def unstarred_low(sheet, below):
    """Top points, then criteria without star marks at their lowest level until the total is below ``below``."""
    pts = top(sheet)
    for c in sheet.criteria:
        if sum(pts.values()) < below:
            break
        if all(lvl.star is None for lvl in c.levels):
            pts[c.number] = min(lvl.value for lvl in c.levels)
    return pts


def roundtrip(value, cls):
    return CONV.structure(json.loads(json.dumps(CONV.unstructure(value))), cls)


# --- halt notes --------------------------------------------------------------------------


def test_halt_on_sheet_2_criterion_6_1_stops_the_evaluation():
    """Sheet 2, 6.1: "… sẽ không đánh giá các bước tiếp theo" — nothing after 6.1 is assessed."""
    note = next(n for n in SHEET2.criterion("6.1").notes if n.kind is NoteKind.HALT)
    assert "không đánh giá các bước tiếp theo" in note.text_vi
    g = ocop.grade_points(2, top(SHEET2), edition="26/2026", halts=["6.1"])
    numbers = [c.number for c in SHEET2.criteria]
    after = numbers[numbers.index("6.1") + 1 :]
    assert g.star is None and not g.recognisable
    assert [h.criterion for h in g.halted] == ["6.1"]
    assert g.halted[0].reach is HaltReach.FOLLOWING
    assert g.not_assessed == tuple(after) and "7" in after and "6.2" in after
    # only the points of the criteria assessed (up to and including 6.1) are counted
    assessed = numbers[: numbers.index("6.1") + 1]
    assert g.total == sum(SHEET2.criterion(n).max_points for n in assessed)
    assert all(g.criterion_points[n] == 0 for n in after)
    assert g.reasons[0].startswith("evaluation halted on criterion 6.1:")
    assert g.reasons[-1] == "no star: the evaluation was halted"
    assert g.unmet == ()  # minima of criteria not assessed are not reported as unmet


def test_halt_on_sheet_1_leaves_every_other_criterion_out():
    """Sheet 1, 6.1: "Không xem xét các chỉ tiêu khác nếu …" — no other criterion is considered."""
    g = ocop.grade_points(1, top(SHEET1), edition="26/2026", halts=["6.1"])
    assert g.halted[0].reach is HaltReach.OTHERS
    assert set(g.not_assessed) == {c.number for c in SHEET1.criteria} - {"6.1"}
    assert g.total == SHEET1.criterion("6.1").max_points
    assert g.star is None


def test_halt_refused_on_a_criterion_without_a_halt_note():
    with pytest.raises(UnknownCriterion) as info:
        ocop.grade_points(2, top(SHEET2), edition="26/2026", halts=["1.1"])
    assert info.value.field == "halts" and info.value.value == "1.1"
    assert list(info.value.allowed) == with_note(SHEET2, NoteKind.HALT)
    with pytest.raises(UnknownCriterion):
        ocop.grade_points(2, top(SHEET2), edition="26/2026", halts=["99"])
    with pytest.raises(InvalidValue):
        ocop.grade_points(2, top(SHEET2), edition="26/2026", halts="6.1")


def test_one_members_halt_applies_to_the_council():
    full = ocop.Scorecard.from_points(SHEET2, top(SHEET2), evaluator="A")
    halted = ocop.Scorecard.from_points(SHEET2, top(SHEET2), evaluator="B", halts=["6.1"])
    g = ocop.grade([full, halted])
    assert g.star is None and g.halted[0].evaluators == ("B",)


def test_every_halt_note_has_a_known_wording():
    """A new halt wording must be read (and documented) before it grades."""
    for sheet in SHEETS:
        for c in sheet.criteria:
            for n in c.notes:
                if n.kind is NoteKind.HALT:
                    text = n.text_vi.casefold()
                    assert "các bước tiếp theo" in text or "chỉ tiêu khác" in text, (sheet.code, c.number)


HALTABLE = [(s, n) for s in SHEETS for n in with_note(s, NoteKind.HALT)]


@settings(max_examples=60)
@given(st.sampled_from(HALTABLE).flatmap(lambda sn: st.tuples(st.just(sn), scorecards(sn[0]))))
def test_halts_property(case):
    (sheet, number), card = case
    plain = ocop.grade(card)
    g = ocop.grade(attrs.evolve(card, halts=[number]))
    numbers = [c.number for c in sheet.criteria]
    left = set(g.not_assessed)
    if g.halted[0].reach is HaltReach.OTHERS:
        assert left == set(numbers) - {number}
    else:  # a suffix of the printed order, starting after the halting criterion
        assert tuple(numbers[len(numbers) - len(left) :]) == g.not_assessed
        assert number not in left and numbers.index(number) < len(numbers) - len(left)
    assert g.star is None and not g.recognisable
    assert g.total == sum(g.criterion_points.values()) == sum(g.part_points.values())
    for n in numbers:
        assert g.criterion_points[n] == (0 if n in left else plain.criterion_points[n])
    assert not any(u.criterion in left for u in g.unmet)


# --- scope notes -------------------------------------------------------------------------


def test_criterion_5_2_out_of_scope_is_not_counted():
    """Sheet 7, 5.2: "Chỉ áp dụng khi có câu chuyện sản phẩm" — without a story, 5.2 is not counted."""
    note = next(n for n in SHEET7.criterion("5.2").notes if n.kind is NoteKind.SCOPE)
    assert note.text_vi == "Chỉ áp dụng khi có câu chuyện sản phẩm"
    g = ocop.grade_points(7, top(SHEET7), edition="26/2026", out_of_scope=["5.2"])
    assert g.total == 100 - SHEET7.criterion("5.2").max_points
    assert g.criterion_points["5.2"] == 0
    (o,) = g.out_of_scope
    assert o.criterion == "5.2" and o.ignored_points == SHEET7.criterion("5.2").max_points
    assert any("criterion 5.2 does not apply" in r for r in g.reasons)
    assert g.star == S.FIVE


def test_scope_refused_without_a_scope_note():
    with pytest.raises(UnknownCriterion) as info:
        ocop.grade_points(7, top(SHEET7), edition="26/2026", out_of_scope=["5.1"])
    assert info.value.field == "out_of_scope" and list(info.value.allowed) == ["5.2"]


def test_halt_wins_over_scope_on_the_same_criterion():
    g = ocop.grade_points(1, top(SHEET1), edition="26/2026", halts=["6.1"], out_of_scope=["5.2"])
    assert g.out_of_scope == () and "5.2" in g.not_assessed


SCOPED = [(s, n) for s in SHEETS for n in with_note(s, NoteKind.SCOPE)]


@settings(max_examples=60)
@given(st.sampled_from(SCOPED).flatmap(lambda sn: st.tuples(st.just(sn), councils_on(sn[0]))))
def test_scope_property(case):
    (sheet, number), cards = case
    plain = ocop.grade(cards)
    scoped = (attrs.evolve(cards[0], out_of_scope=[number]), *cards[1:])
    g = ocop.grade(scoped)
    assert g.total == plain.total - plain.criterion_points[number]
    assert g.out_of_scope[0].ignored_points == plain.criterion_points[number]
    assert g.out_of_scope[0].evaluators == (cards[0].evaluator,)
    assert not any(u.criterion == number for u in g.unmet)
    assert [u for u in plain.unmet if u.criterion != number] == list(g.unmet)


def councils_on(sheet):
    return st.integers(1, 4).flatmap(lambda k: st.tuples(*[scorecards(sheet)] * k))


# --- recognition: Art. 4.1, 7.3(e), 7.4 ----------------------------------------------------


def test_a_provincial_90_makes_a_5_star_candidate_for_the_ministry():
    g = ocop.grade_points(7, top(SHEET7), edition="26/2026", council=A.PROVINCE)
    r = g.recognition
    assert (r.star, r.authority, r.council, r.route, r.candidate) == (S.FIVE, A.MINISTRY, A.PROVINCE, Route.FORWARD, True)
    assert "Art. 7.3(e)" in g.reasons[-1 - len(g.caveats)]


def test_the_central_council_recognises_5_stars_and_leaves_the_rest_to_the_province():
    g = ocop.grade_points(7, top(SHEET7), edition="26/2026", council=A.MINISTRY)
    assert g.recognition.route is Route.RECOGNISE and g.recognition.authority is A.MINISTRY
    low = ocop.grade_points(7, unstarred_low(SHEET7, 90), edition="26/2026", council=A.MINISTRY)
    assert low.total < 90 and low.star == S.FOUR
    r = low.recognition
    assert (r.authority, r.route, r.candidate) == (A.PROVINCE, Route.LEAVE_TO, False)
    assert "Art. 7.4" in str(r) and "may recognise" in str(r)


def test_a_90_total_held_below_5_stars_by_a_minimum_is_the_provinces():
    g = ocop.grade_points(7, {**top(SHEET7), "6.5": 3}, edition="26/2026", council=A.PROVINCE)
    assert g.band == S.FIVE and g.star == S.FOUR
    assert g.recognition.route is Route.RECOGNISE and g.recognition.authority is A.PROVINCE


def test_no_recognition_below_3_stars_and_council_checks():
    g = ocop.grade_points(7, dict.fromkeys(top(SHEET7), 0) | {"1.1": 1, "2.3": 1}, edition="26/2026",
                          council=A.PROVINCE)
    assert g.star < S.THREE and g.recognition.route is Route.NONE and "Art. 4.1(a)" in str(g.recognition)
    assert ocop.grade_points(7, top(SHEET7), edition="26/2026").recognition.route is Route.BY_AUTHORITY
    for bad in (A.COMMUNE, A.DISTRICT, "province", 1, True):
        with pytest.raises(InvalidValue) as info:
            ocop.grade_points(7, top(SHEET7), edition="26/2026", council=bad)
        assert info.value.field == "council" and list(info.value.allowed) == ["province", "ministry"]


def test_recognition_under_148_where_the_district_recognised_3_stars():
    # 148/QĐ-TTg (2023): 3★ by the district, 4★ by the province, 5★ by the ministry.
    ed = ocop.edition("148/2023")
    assert recognition(S.THREE, ed, A.PROVINCE).route is Route.LEAVE_TO
    assert recognition(S.THREE, ed, A.DISTRICT).route is Route.RECOGNISE
    assert recognition(S.FOUR, ed, A.DISTRICT).route is Route.FORWARD
    assert str(recognition(S.FOUR, ed, None)) == "4★ is recognised by the province (Art. 4.1)"


@settings(max_examples=60)
@given(councils(max_size=3), st.sampled_from([None, A.PROVINCE, A.MINISTRY]))
def test_recognition_property(cards, council):
    g = ocop.grade(cards, council=council)
    r = g.recognition
    if g.star is None or g.star < S.THREE:
        assert r.route is Route.NONE and r.authority is None
        return
    assert r.authority is RECOGNISED_BY_ART_4[g.star]
    assert r.candidate == (council is A.PROVINCE and g.star == S.FIVE)
    expected = {None: Route.BY_AUTHORITY, r.authority: Route.RECOGNISE}.get(council)
    if expected is None:
        expected = Route.FORWARD if council is A.PROVINCE else Route.LEAVE_TO
    assert r.route is expected
    assert (str(r) in g.reasons) == (council is not None)


# --- filing date: Art. 12.2 ------------------------------------------------------------------


def test_filing_date_selects_the_edition():
    g = ocop.grade_points(7, top(SHEET7), filed_on=IN_FORCE_26)
    assert g.edition.code == "26/2026" and g.filed_on == IN_FORCE_26 and g.caveats == ()
    with pytest.raises(CriteriaNotPublished) as info:
        ocop.grade_points(7, top(SHEET7), filed_on=IN_FORCE_26 - datetime.timedelta(days=1))
    assert info.value.field == "filed_on" and "1489/2025" in str(info.value) and "Art. 12.2" in str(info.value)
    with pytest.raises(NoEditionInForce):
        ocop.grade_points(7, top(SHEET7), filed_on=datetime.date(2019, 8, 20))
    with pytest.raises(InvalidDate):
        ocop.grade_points(7, top(SHEET7), filed_on=datetime.datetime(2026, 6, 1))  # noqa: DTZ001
    with pytest.raises(InvalidDate):
        ocop.grade_points(7, top(SHEET7), filed_on="2026-06-01")


def test_an_explicit_edition_wins_over_the_filing_date_and_says_so():
    g = ocop.grade_points(7, top(SHEET7), edition="26/2026", filed_on=datetime.date(2026, 5, 1))
    assert g.edition.code == "26/2026" and g.star == S.FIVE
    assert len(g.caveats) == 1 and "1489/2025" in g.caveats[0] and "Art. 12.2" in g.caveats[0]
    assert g.reasons[-1] == g.caveats[0]


def test_scorecards_carry_the_filing_date_and_a_council_must_agree():
    a = ocop.Scorecard.from_points(SHEET7, top(SHEET7), filed_on=datetime.date(2026, 6, 1))
    b = attrs.evolve(a, filed_on=datetime.date(2026, 6, 2))
    assert ocop.grade([a, attrs.evolve(a, filed_on=None)]).filed_on == datetime.date(2026, 6, 1)
    with pytest.raises(MixedScorecards) as info:
        ocop.grade([a, b])
    assert info.value.field == "filed_on"
    with pytest.raises(NoEditionInForce):
        attrs.evolve(a, filed_on=datetime.date(2000, 1, 1))


# In force from (each decision's own article): 1048/QĐ-TTg on signature, 21 Aug 2019 (Art. 3);
# 148/QĐ-TTg on signature, 24 Feb 2023; 1489/QĐ-TTg on 6 Jul 2025; 26/2026 on 22 May 2026
# (Art. 13).  Item tables are published for 1048/2019 and 26/2026 only.
IN_FORCE_148 = datetime.date(2023, 2, 24)


@settings(max_examples=40)
@given(st.dates(min_value=datetime.date(2019, 8, 21), max_value=datetime.date(2032, 12, 31)))
def test_filing_date_property(day):
    if day >= IN_FORCE_26:
        assert ocop.grade_points(7, top(SHEET7), filed_on=day).edition.code == "26/2026"
    elif day < IN_FORCE_148:
        old = ocop.criteria.sheet(7, edition="1048/2019")
        best = {c.number: max(lvl.value for lvl in c.levels) for c in old.criteria}
        assert ocop.grade_points(7, best, filed_on=day).edition.code == "1048/2019"
    else:
        with pytest.raises(CriteriaNotPublished):
            ocop.grade_points(7, top(SHEET7), filed_on=day)


# --- the 3★-minima reading ---------------------------------------------------------------------


def test_a_product_in_the_5_star_band_below_its_3_star_minimum_ranks_2_stars():
    """Sheet 1, 2.3: the *** mark is on its lowest level; no box ticked leaves the 3★ minimum unmet."""
    c = SHEET1.criterion("2.3")
    assert c.levels[0].star == S.THREE and all(lvl.value for lvl in c.levels)
    g = ocop.grade(ocop.Scorecard(SHEET1, {n: len(SHEET1.criterion(n).levels) - 1 for n in top(SHEET1)}).with_level(
        "2.3", None))
    assert g.total == 100 - c.max_points and g.band == S.FIVE
    assert g.star == S.TWO and not g.recognisable
    assert any(r.startswith("not recognisable: the total reaches the 5★ band") for r in g.reasons)


@settings(max_examples=80)
@given(scorecards())
def test_3_star_minima_reading_property(card):
    g = ocop.grade(card)
    fails_three = any(u.star == S.THREE for u in g.unmet)
    if g.band >= S.THREE and fails_three and g.star is not None:
        assert g.star == S.TWO and not g.recognisable
        assert any(r.startswith("not recognisable:") for r in g.reasons)
    else:
        assert not any(r.startswith("not recognisable:") for r in g.reasons)


# --- council regulations (Art. 7.3(d)) ------------------------------------------------------------


def test_council_rules_are_strict():
    assert CouncilRules() == CouncilRules(None, None, None)
    for field, bad in [("max_spread", -1), ("max_spread", 101), ("max_spread", True), ("max_spread", 10.0),
                       ("max_spread", "10"), ("min_members", 0), ("min_members", 2.0), ("min_members", False),
                       ("source", ""), ("source", "  "), ("source", 3)]:
        with pytest.raises(InvalidValue) as info:
            CouncilRules(**{field: bad})
        assert info.value.field == field
    with pytest.raises(InvalidValue):
        ocop.grade(ocop.Scorecard.from_points(SHEET7, top(SHEET7)), rules={"max_spread": 10})


def test_a_spread_beyond_the_councils_limit_requires_re_scoring_but_keeps_the_star():
    low = ocop.Scorecard.from_points(SHEET7, unstarred_low(SHEET7, 88), evaluator="Low")
    mid = ocop.Scorecard.from_points(SHEET7, top(SHEET7), evaluator="Mid")
    rules = CouncilRules(max_spread=10, min_members=3, source="Quy chế Hội đồng tỉnh, Điều 5")
    g = ocop.grade([low, mid], rules=rules)
    spread = ocop.grade(mid).total - ocop.grade(low).total
    assert spread > 10
    assert [(b.rule, b.limit, b.found) for b in g.breaches] == [("min_members", 3, 2), ("max_spread", 10, spread)]
    assert g.breaches[1].evaluators == ("Low", "Mid") and g.rescoring_required
    assert "require re-scoring" in g.reasons[1]
    plain = ocop.grade([low, mid])
    assert attrs.evolve(g, rules=None, breaches=()) == plain
    assert not ocop.grade([mid, mid, mid], rules=rules).rescoring_required
    (alone,) = ocop.grade(mid, rules=CouncilRules(min_members=2)).breaches
    assert str(alone) == "council rules: 1 scorecard, fewer than the 2 members required"


@settings(max_examples=60)
@given(councils(max_size=5), st.integers(0, 100), st.integers(1, 6))
def test_council_rules_property(cards, limit, minimum):
    rules = CouncilRules(max_spread=limit, min_members=minimum)
    g = ocop.grade(cards, rules=rules)
    # each member's total from grading the member's card alone: a different route
    totals = [ocop.grade(card).total for card in cards]
    breached = {b.rule for b in g.breaches}
    assert ("max_spread" in breached) == (max(totals) - min(totals) > limit)
    assert ("min_members" in breached) == (len(cards) < minimum)
    assert attrs.evolve(g, rules=None, breaches=()) == ocop.grade(cards)


# --- serialization of the new fields ----------------------------------------------------------------


def test_grades_with_every_new_field_round_trip():
    a = ocop.Scorecard.from_points(SHEET2, top(SHEET2), evaluator="A", halts=["6.1"], out_of_scope=["5.2"],
                                   filed_on=datetime.date(2026, 7, 1))
    b = ocop.Scorecard.from_points(SHEET2, top(SHEET2), evaluator="B", out_of_scope=["5.2"])
    g = ocop.grade([a, b], council=A.PROVINCE, rules=CouncilRules(max_spread=0, min_members=3, source="x"))
    assert g.halted and g.breaches and g.filed_on
    assert roundtrip(g, ocop.Grade) == g
    assert roundtrip(a, ocop.Scorecard) == a
    scoped = ocop.grade(b, council=A.MINISTRY)
    assert scoped.out_of_scope and roundtrip(scoped, ocop.Grade) == scoped
    data = CONV.unstructure(g)
    assert data["halted"][0]["reach"] == "following" and data["council"] == "province"
    assert data["rules"] == {"max_spread": 0, "min_members": 3, "source": "x"}


def test_loaded_grades_with_inconsistent_halts_or_scope_are_refused():
    # A loaded grade is checked as if the library had produced it: a halted grade counts
    # nothing on the criteria the halt leaves out, and a scope exclusion must name a
    # criterion with a scope note, with points it could have recorded.
    halted = ocop.grade(ocop.Scorecard.from_points(SHEET2, top(SHEET2), halts=["6.1"]))
    scoped = ocop.grade(ocop.Scorecard.from_points(SHEET2, top(SHEET2), out_of_scope=["5.2"]))
    assert roundtrip(halted, ocop.Grade) == halted and roundtrip(scoped, ocop.Grade) == scoped
    bad = []
    data = CONV.unstructure(halted)
    data["criterion_points"]["6.2"] = "1"
    bad.append((data, "criterion_points['6.2']"))
    data = CONV.unstructure(halted)
    data["halted"][0]["not_assessed"] = data["halted"][0]["not_assessed"][1:]
    bad.append((data, "halted[0]"))
    data = CONV.unstructure(halted)
    data["halted"][0]["criterion"] = "1.1"
    bad.append((data, "halted[0]"))
    for key, value in (("text_vi", "x"), ("ignored_points", "99"), ("ignored_points", "1/3"), ("criterion", "1.1"),
                       ("evaluators", [])):
        data = CONV.unstructure(scoped)
        data["out_of_scope"][0][key] = value
        bad.append((data, "out_of_scope[0]"))
    for data, field in bad:
        with pytest.raises(InvalidData) as info:
            CONV.structure(data, ocop.Grade)
        assert field in str(info.value), (field, str(info.value))


def test_old_grade_payloads_without_the_new_fields_still_load():
    g = ocop.grade_points(7, top(SHEET7), edition="26/2026")
    data = CONV.unstructure(g)
    for key in ("halted", "out_of_scope", "filed_on", "council", "rules", "breaches"):
        del data[key]
    assert CONV.structure(data, ocop.Grade) == g
    assert Fraction(data["total"]) == 100


# --- the advisor with the new rules -------------------------------------------------------------------


def test_advice_on_a_halted_product_is_unreachable():
    card = ocop.Scorecard.from_points(SHEET2, top(SHEET2), halts=["6.1"])
    for given_ in (card, ocop.grade(card)):
        with pytest.raises(ocop.grading.TargetUnreachable):
            ocop.advise(given_, S.FIVE)


@settings(max_examples=30)
@given(st.sampled_from(SCOPED).flatmap(lambda sn: st.tuples(st.just(sn), scorecards(sn[0]))),
       st.sampled_from([S.THREE, S.FOUR, S.FIVE]))
def test_advice_never_counts_a_criterion_out_of_scope(case, target):
    (sheet, number), card = case
    card = attrs.evolve(card, out_of_scope=[number])
    try:
        plan = ocop.advise(card, target)
    except ocop.grading.TargetUnreachable:
        return
    assert plan.after.star is not None and plan.after.star >= target
    assert all(ch.criterion != number for ch in plan.changes)
    assert ocop.advise(ocop.grade(card), target).after.star >= target


# --- boundaries: junk, schema, notes shared by several criteria ---------------------------------------

JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=5),
                 st.lists(st.integers(), max_size=2), st.dates())


@given(JUNK, JUNK)
def test_council_rules_accept_exactly_the_documented_values(spread, members):
    def ok(value, low, high):
        return value is None or (type(value) is int and low <= value <= high)

    if ok(spread, 0, 100) and ok(members, 1, 1000):
        rules = CouncilRules(max_spread=spread, min_members=members)
        assert (rules.max_spread, rules.min_members) == (spread, members)
    else:
        with pytest.raises(InvalidValue):
            CouncilRules(max_spread=spread, min_members=members)


@given(JUNK)
def test_new_scorecard_fields_refuse_junk(value):
    card = ocop.Scorecard.from_points(SHEET2, top(SHEET2))
    for field in ("halts", "out_of_scope", "filed_on"):
        try:
            evolved = attrs.evolve(card, **{field: value})
        except ocop.OcopError:
            continue
        except TypeError:  # unhashable members of a collection, as for eliminations
            assert field != "filed_on"
            continue
        if field == "filed_on":
            assert value is None or type(value) is datetime.date
        else:
            assert getattr(evolved, field) == frozenset()  # only an empty collection passes


@settings(max_examples=30)
@given(st.sampled_from(HALTABLE).flatmap(lambda sn: st.tuples(st.just(sn), scorecards(sn[0]))),
       st.sampled_from([None, A.PROVINCE, A.MINISTRY]))
def test_grades_with_the_new_fields_validate_against_the_schema(case, council):
    import jsonschema

    (sheet, number), card = case
    scope = with_note(sheet, NoteKind.SCOPE)
    card = attrs.evolve(card, halts=[number], out_of_scope=scope, filed_on=datetime.date(2026, 8, 1))
    g = ocop.grade([card, card], council=council, rules=CouncilRules(max_spread=0, min_members=3))
    schema = ocop.serialization.json_schema("grade")
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(CONV.unstructure(g))))
    jsonschema.Draft202012Validator(ocop.serialization.json_schema("scorecard")).validate(
        json.loads(json.dumps(CONV.unstructure(card))))


def test_a_halt_note_printed_for_several_criteria_stops_after_the_last_of_them():
    """When the same note is attached to 6.1 and 6.2, the following steps start after 6.2."""
    note = next(n for n in SHEET2.criterion("6.1").notes if n.kind is NoteKind.HALT)
    part = SHEET2.parts[-1]
    section = next(s for s in part.sections if s.number == "6")
    criteria = tuple(attrs.evolve(c, notes=(*c.notes, note)) if c.number == "6.2" else c for c in section.criteria)
    sections = tuple(attrs.evolve(s, criteria=criteria) if s is section else s for s in part.sections)
    sheet = attrs.evolve(SHEET2, parts=(*SHEET2.parts[:-1], attrs.evolve(part, sections=sections)))
    numbers = [c.number for c in sheet.criteria]
    for halting in ("6.1", "6.2"):
        g = ocop.grade(ocop.Scorecard.from_points(sheet, top(sheet), halts=[halting]))
        assert g.not_assessed == tuple(numbers[numbers.index("6.2") + 1 :])
