"""Behaviour of grading that mutation testing (scripts/mutation.sh) found unchecked.

The engine, compiled sheets, scorecards, council rules, grades and the advisor (ocop/grading).

Expectations are written out from the rules and contracts (articles cited), not read from the library.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation_support import clear_caches
from reference_grading import reference_grade

import ocop
from ocop import errors as E
from ocop.criteria import Criterion, Oddity, Sheet

SHEETS = (*ocop.criteria.sheets(edition="26/2026"), *ocop.criteria.sheets(edition="1048/2019"))
SHEET7 = ocop.criteria.sheet(7, edition="26/2026")
TOP7 = {c.number: len(c.levels) - 1 for c in SHEET7.criteria}


def _choices(c: Criterion) -> list[int | None]:
    # A level index, or None (no box ticked) on a criterion that prints no 0-point level.
    zero = any(lvl.value == 0 for lvl in c.levels)
    return [*range(len(c.levels)), *([] if zero else [None])]


def _lowest(c: Criterion) -> int:
    return min(range(len(c.levels)), key=lambda i: c.levels[i].value)


# Sheet 7 of 26/2026 (its levels' points, printed in the decision's annex): the criteria that
# carry no starred level, and the points each loses from its top level to its lowest.
#   1.2: 2  1.3: 2  1.4: 2  1.7: 1  2.4: 1  3.1: 2  3.2: 1  3.3: 2  4.2: 3  4.3: 5  5.2: 2  6.2: 2  10: 1  11: 2
UNSTARRED7 = ("1.2", "1.3", "1.4", "1.7", "2.4", "3.1", "3.2", "3.3", "4.2", "4.3", "5.2", "6.2", "10")


@pytest.fixture
def cold_caches():
    # Sheets compiled for grading afresh in the test (the grading caches emptied first), so what
    # is checked includes compiling them.
    clear_caches("ocop.grading.")


def _card7(**changes: int | None) -> ocop.Scorecard:
    return ocop.Scorecard(SHEET7, {**TOP7, **changes})


# --- Scorecard: what its errors name -----------------------------------------------------------


@pytest.mark.parametrize("field", ["eliminations", "disqualifications", "halts", "out_of_scope"])
@pytest.mark.parametrize("junk", [5, "6.1", [6.1]])
def test_scorecard_flag_collections_name_their_field(field, junk):
    # Each flag is a collection of criterion numbers (or ground ids): strings only.
    with pytest.raises(E.InvalidValue) as info:
        ocop.Scorecard(SHEET7, TOP7, **{field: junk})
    assert (info.value.field, info.value.value, info.value.allowed) == (field, junk, "a collection of strings")


@pytest.mark.parametrize("junk", ["2026-13-01", 5, datetime.datetime(2026, 6, 1, 12, 0)])
def test_scorecard_filing_date_names_its_field(junk):
    with pytest.raises(E.InvalidDate) as info:
        ocop.Scorecard(SHEET7, TOP7, filed_on=junk)
    assert (info.value.field, info.value.value) == ("filed_on", junk)


def test_incomplete_scorecard_lists_every_missing_criterion():
    levels = {k: v for k, v in TOP7.items() if k not in ("4.2", "9")}
    with pytest.raises(E.IncompleteScorecard) as info:
        ocop.Scorecard(SHEET7, levels)
    assert info.value.detail == "sheet 7 of 26/2026 misses criteria 4.2, 9."


def test_no_box_ticked_does_not_stop_the_check_of_later_criteria():
    # 1.1 prints no 0-point level, so None (no box ticked) is allowed there; 11 has three levels,
    # so index 3 is refused although an earlier criterion was left blank.
    with pytest.raises(E.UnknownLevel) as info:
        _card7(**{"1.1": None, "11": 3})
    assert (info.value.field, info.value.value, info.value.allowed) == ("levels['11']", 3, (0, 1, 2, None))


@pytest.mark.parametrize(
    ("field", "number", "what", "allowed"),
    [
        ("halts", "5.2", "a halt note", ("6.1",)),
        ("out_of_scope", "6.1", "a scope note", ("5.2",)),
        ("halts", "99", "a halt note", ("6.1",)),
    ],
)
def test_halts_and_scope_name_only_criteria_with_that_note(field, number, what, allowed):
    # Sheet 7 prints a halt note under 6.1 and a scope note under 5.2 only.
    with pytest.raises(E.UnknownCriterion) as info:
        ocop.Scorecard(SHEET7, TOP7, **{field: [number]})
    e = info.value
    assert (e.field, e.value, e.allowed) == (field, number, allowed)
    assert e.detail == f"sheet 7 of 26/2026: only criteria with {what} can be named"


# --- CouncilRules: its bounds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "low", "high"), [("max_spread", 0, 100), ("min_members", 1, 1000)]
)  # fmt: skip
def test_council_rules_bounds(field, low, high):
    allowed = f"None or an integer from {low} to {high}"
    for ok in (None, low, high):
        assert getattr(ocop.CouncilRules(**{field: ok}), field) == ok
    for junk in (low - 1, high + 1, True, 3.0, "3"):
        with pytest.raises(E.InvalidValue) as info:
            ocop.CouncilRules(**{field: junk})
        assert (info.value.field, info.value.value, info.value.allowed) == (field, junk, allowed)
        assert info.value.value is junk


# --- a council's filing date ---------------------------------------------------------------------


def test_council_with_two_filing_dates_is_refused():
    first = ocop.Scorecard(SHEET7, TOP7, filed_on=datetime.date(2026, 6, 1))
    second = ocop.Scorecard(SHEET7, TOP7, filed_on=datetime.date(2026, 6, 2))
    with pytest.raises(E.MixedScorecards) as info:
        ocop.grade([second, first])
    e = info.value
    assert (e.field, e.value, e.allowed) == ("filed_on", "2026-06-02", "2026-06-01")
    assert e.detail == "the members' scorecards give different filing dates"


# --- the compiled engine against the reference ---------------------------------------------------


@st.composite
def _levels(draw: st.DrawFn, sheet: Sheet) -> dict[str, int | None]:
    return {c.number: draw(st.sampled_from(_choices(c))) for c in sheet.criteria}


@given(st.sampled_from(SHEETS).flatmap(lambda s: st.tuples(st.just(s), _levels(s))))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # emptied once, before the examples
def test_reasons_read_first_equal_the_reference(cold_caches, case):
    # A fresh grade of one scorecard is asked for its reasons before anything else.
    sheet, levels = case
    card = ocop.Scorecard(sheet, levels)
    assert ocop.grade(card).reasons == reference_grade(card).reasons


@given(st.sampled_from(SHEETS).flatmap(lambda s: st.tuples(st.just(s), _levels(s))))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # emptied once, before the examples
def test_grade_points_equals_the_reference_on_the_same_levels(cold_caches, case):
    # Points as printed on the sheet (0 for no box ticked, on a criterion without a 0-point
    # level) grade as the scorecard of those levels.
    sheet, levels = case
    points = {
        c.number: 0 if levels[c.number] is None else c.levels[levels[c.number]].value  # type: ignore[index]
        for c in sheet.criteria
    }
    got = ocop.grade_points(int(sheet.code), points, edition=sheet.edition.code)
    want = reference_grade(ocop.Scorecard(sheet, levels))
    assert got.total == sum(points.values()) == want.total
    assert (got.band, got.star, got.unmet, got.reasons) == (want.band, want.star, want.unmet, want.reasons)
    assert dict(got.criterion_points) == {k: Fraction(v) for k, v in points.items()}


def test_total_on_a_band_bound_with_the_next_stars_minimum_missed(cold_caches):
    # Sheet 7: every criterion at its top (100 points) but 6.5 at 1 point (its 4★ minimum is
    # 3, its top 5: -4) and the unstarred criteria at their lowest but 11 (-26): 70 points,
    # the lowest total of the 4★ band (26/2026 Art. 4: 70 to under 90), but 6.5 misses its
    # 4★ minimum, so 3★.  What 4★ needs is that minimum only: no points are missing.
    card = _card7(**{"6.5": 1}, **{n: _lowest(SHEET7.criterion(n)) for n in UNSTARRED7})
    want = reference_grade(card)
    got = ocop.grade(card)
    assert (got.total, got.band, got.star) == (70, ocop.Star.FOUR, ocop.Star.THREE)
    assert got.reasons == want.reasons
    assert [r for r in got.reasons if r.startswith("for ")] == ["for 4★: criterion 6.5 at 3 points"]


@pytest.mark.parametrize(
    ("level", "points", "star"),
    [(2, 98, ocop.Star.FOUR), (1, 96, ocop.Star.THREE), (0, 95, ocop.Star.THREE)],
)
def test_council_misses_a_higher_star_minimum(cold_caches, level, points, star):
    # Two members agree: every criterion at its top but 6.5 (0, 1, 3 or 5 points; 4★ needs 3,
    # 5★ needs 5).  The total is in the 5★ band (90 to 100), and the star is the highest at or
    # below it whose minima, and those of every lower star, are met (Art. 4).
    cards = [_card7(**{"6.5": level}) for _ in range(2)]
    for council in (cards, [cards[0], ocop.Scorecard(SHEET7, cards[0].levels, evaluator="b")]):
        got = ocop.grade(council)
        assert (got.total, got.band, got.star) == (points, ocop.Star.FIVE, star)
        assert got == reference_grade(council)


# --- the advisor: exact costs, and its tie-breaks ------------------------------------------------

# Sheet 7 at 67 points: the top, but 4.3, 4.2 at 0, 3.1 at its middle level (1 of 3), the other
# unstarred criteria at their lowest, 4.1 at 3 (its 4★ minimum), 1.5 at 2, 6.3 at 2 and 6.4 at 2
# (their 4★ minima): 100 - 5 - 3 - 2 - 18 - 2 - 1 - 1 - 1 = 67.  Every 4★ minimum is met, so 4★
# (70 points, 26/2026 Art. 4) needs 3 more points.
CARD67 = ocop.Scorecard(
    SHEET7,
    {
        **TOP7,
        **{n: _lowest(SHEET7.criterion(n)) for n in UNSTARRED7},
        **{"11": 0, "3.1": 1, "4.1": 2, "1.5": 2, "6.3": 2, "6.4": 1},
    },
)


def test_the_advisor_adds_fractional_costs_exactly():
    # Sheet 7 at 69 points (CARD67 with 4.3 at 2 points): one more point reaches 4★.  Raising
    # 1.2 (0 → 1 point) costs 2.5, raising any other criterion by a level costs 1 (the default
    # of a cost mapping): the cheapest plan costs 1.
    card = ocop.Scorecard(SHEET7, {**CARD67.levels, "4.3": 2})
    assert ocop.grade(card).total == 69
    plan = ocop.grading.advise(card, ocop.Star.FOUR, cost={"1.2": 2.5})
    assert plan.cost == 1.0
    assert len(plan.changes) == 1
    assert plan.changes[0].criterion != "1.2"
    assert plan.after.star == ocop.Star.FOUR


def test_the_advisor_breaks_a_cost_tie_by_fewer_criteria_changed():
    # Two plans cost 2: 4.3 from 0 to 3 points (one criterion, three level steps), or 4.2 from
    # 0 to 1 point with 3.1 from 1 to 3 points (two criteria, one step each); every other change
    # costs 100.  Ties go to fewer criteria changed, then fewer steps (the advisor's contract).
    assert ocop.grade(CARD67).total == 67

    def price(c: Criterion, current: int | None, to: int) -> float:
        if c.number == "4.3":
            return 2
        if (c.number, to) in (("4.2", 1), ("3.1", 2)):
            return 1
        return 100

    plan = ocop.grading.advise(CARD67, ocop.Star.FOUR, cost=price)
    assert plan.cost == 2.0
    assert [(ch.criterion, ch.to_level) for ch in plan.changes] == [("4.3", 3)]
    assert plan.after.total == 70


# --- the engine's code layout at its stated limits -----------------------------------------------


def _sheet_with_starred(count: int, star: ocop.Star) -> Sheet:
    # A sheet that passes every integrity check: parts A, B, C of sheet 7's maxima (40, 25, 35),
    # each one section of 1-point criteria ("1.1" ... "3.35"), levels 0 and 1 point; the first
    # ``count`` criteria mark their 1-point level as the minimum for ``star``.
    section = next(x for x in SHEET7.parts[-1].sections if x.number == "6")
    template = section.criteria[-1]
    low = attrs.evolve(template.levels[0], points=0, assumed_points=None, star=None)
    parts, made = [], 0
    for k, part in enumerate(SHEET7.parts, start=1):
        criteria = []
        for i in range(1, part.max_points + 1):
            high = attrs.evolve(template.levels[1], points=1, assumed_points=None, star=star if made < count else None)
            criteria.append(attrs.evolve(template, number=f"{k}.{i}", levels=(low, high), max_points=1, notes=(),
                                         cases=(), group=None))  # fmt: skip
            made += 1
        only = attrs.evolve(section, number=str(k), criteria=tuple(criteria), max_points=part.max_points, subsections=())
        parts.append(attrs.evolve(part, sections=(only,)))
    return attrs.evolve(SHEET7, parts=tuple(parts), oddities=())


@pytest.mark.parametrize(("count", "star"), [(100, ocop.Star.THREE), (64, ocop.Star.FIVE), (96, ocop.Star.FIVE)])
def test_many_starred_minima_missed_at_once(count, star):
    # Every starred criterion at 0 and every other at 1 point: the total is 100 - count and each
    # starred criterion misses its minimum, so all ``count`` minima are unmet (Art. 4); the
    # engine counts them in one field of its codes, and must agree with the reference.
    sheet = _sheet_with_starred(count, star)
    numbers = [c.number for c in sheet.criteria]
    card = ocop.Scorecard(sheet, {n: 0 if i < count else 1 for i, n in enumerate(numbers)})
    want = reference_grade(card)
    assert want.total == 100 - count
    assert len(want.unmet) == count
    got = ocop.grade(card)
    assert (got.band, got.star) == (want.band, want.star)
    assert got == want


def _sheet_worth(extra: int) -> Sheet:
    # Sheet 7 with criterion 11's top level raised by ``extra`` points, its section and the
    # part's criteria adding up, and a recorded "part-total" oddity waiving the part's printed
    # maximum: the integrity checks pass, the levels add up to 100 + extra.
    part = SHEET7.parts[-1]
    section = part.sections[-1]
    c = section.criteria[-1]
    levels = (*c.levels[:-1], attrs.evolve(c.levels[-1], points=c.levels[-1].points + extra))
    c2 = attrs.evolve(c, levels=levels, max_points=c.max_points + extra)
    section2 = attrs.evolve(section, criteria=(*section.criteria[:-1], c2), max_points=section.max_points + extra)
    odd = Oddity(where="part C", kind="part-total", note_en="built by hand: part C adds up to more")
    part2 = attrs.evolve(part, sections=(*part.sections[:-1], section2))
    return attrs.evolve(SHEET7, parts=(*SHEET7.parts[:-1], part2), oddities=(*SHEET7.oddities, odd))


def test_hand_built_sheets_beyond_the_star_bands_or_the_engine_are_refused():
    # The star bands cover 0 to 100 points (26/2026 Art. 4): a sheet whose levels add up to more
    # cannot be graded, even where a card would total less; a sheet that fails the loader's
    # integrity checks is refused as the loader refuses it.
    from ocop.criteria._load import check_sheet

    for extra in (1, 2):
        over = _sheet_worth(extra)
        check_sheet(over)  # passes the loader's checks, thanks to the waiver
        card = ocop.Scorecard(over, dict.fromkeys((c.number for c in over.criteria), 0))
        with pytest.raises(E.SheetIntegrityError) as info:
            ocop.grade(card)
        assert (info.value.field, info.value.value) == ("criteria", 100 + extra)
        assert info.value.allowed == "at most 100 points in all"
        assert "sheet 7 of 26/2026: its levels add up to more than the star bands cover" in str(info.value)
    at_hundred = ocop.Scorecard(_sheet_worth(0), TOP7)  # the same waiver, at 100 points: graded
    assert ocop.grade(at_hundred) == reference_grade(at_hundred)
    assert (ocop.grade(at_hundred).total, ocop.grade(at_hundred).star) == (100, ocop.Star.FIVE)
    # sheet 7 (32 criteria) with more criteria of one 0-point level: 255 are graded, 256 are past
    # the engine's one byte per choice
    section = next(x for x in SHEET7.parts[-1].sections if x.number == "6")
    zero = attrs.evolve(section.criteria[-1].levels[0], points=0, assumed_points=None, star=None)
    for total in (255, 256, 288):
        extra = tuple(attrs.evolve(section.criteria[-1], number=f"6.{i}", levels=(zero,), max_points=0, notes=(),
                                   cases=(), group=None) for i in range(6, 6 + total - 32))  # fmt: skip
        wide = attrs.evolve(section, criteria=(*section.criteria, *extra))
        sections = tuple(wide if x.number == "6" else x for x in SHEET7.parts[-1].sections)
        many = attrs.evolve(SHEET7, parts=(*SHEET7.parts[:-1], attrs.evolve(SHEET7.parts[-1], sections=sections)))
        check_sheet(many)
        card = ocop.Scorecard(many, dict.fromkeys((c.number for c in many.criteria), 0))
        if total == 255:
            assert ocop.grade(card) == reference_grade(card)
            continue
        with pytest.raises(E.SheetIntegrityError) as info:
            ocop.grade(card)
        assert (info.value.field, info.value.value) == ("criteria", total)
        assert info.value.allowed == "fewer than 256 criteria, each with fewer than 255 levels"
        assert "sheet 7 of 26/2026: more criteria or levels than a sheet has" in str(info.value)
    # a sheet the loader would refuse (its recorded oddities dropped) is refused by grading too
    bare = attrs.evolve(SHEET7, oddities=())
    with pytest.raises(E.SheetIntegrityError):
        check_sheet(bare)
    with pytest.raises(E.SheetIntegrityError):
        ocop.grade(ocop.Scorecard(bare, TOP7))


def test_the_advisor_adds_huge_costs_exactly():
    # CARD67 with 4.3 at 1 point: 68 points, so 4★ needs 2 more.  Raising 1.2 from 0 to 2 points
    # costs 2c (one criterion, two level steps); raising 4.2 to 1 point and 10 to 2 points
    # costs c each (two criteria); anything else 32c.  The costs tie at 2c, so fewer criteria
    # changed wins: 1.2.  Costs are added exactly, so this holds for c = 10**18 as for c = 1.
    card = ocop.Scorecard(SHEET7, {**CARD67.levels, "4.3": 1})
    assert ocop.grade(card).total == 68
    for c in (1, 10**18, 1e18):

        def price(criterion: Criterion, current: int | None, to: int, c: float = c) -> float:
            if criterion.number == "1.2":
                return 2 * c
            if (criterion.number, to) in (("4.2", 1), ("10", 1)):
                return c
            return 32 * c

        plan = ocop.grading.advise(card, ocop.Star.FOUR, cost=price)
        assert plan.cost == 2 * c
        assert [(ch.criterion, ch.to_level) for ch in plan.changes] == [("1.2", 2)]


@pytest.mark.parametrize("blank", ["", " ", "\r", "\t\n"])
def test_a_council_rules_source_is_not_blank(blank):
    # the regulation a council follows is named, or not given at all (None)
    with pytest.raises(E.InvalidValue) as info:
        ocop.CouncilRules(source=blank)
    assert (info.value.field, info.value.value, info.value.allowed) == ("source", blank, "None or a string that is not blank")
