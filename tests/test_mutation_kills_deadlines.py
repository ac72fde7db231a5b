"""Working days and legal deadlines (ocop/cycle/_calendar.py, _deadlines.py): behaviour that
mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
Working days are counted here by an independent walk: a day is off when it is a Saturday or
Sunday (own weekday check) or a Vietnamese public holiday in the ``holidays`` package's VN
calendar, unless that calendar lists it as a make-up working day (Labour Code 2019 Art. 112
and the government's annual schedule).  Periods follow the Civil Code 2015: Art. 147 (the
day of the event is not counted) and Art. 148.5 (a last day that is a day off moves to the
next working day).
"""

from __future__ import annotations

import datetime
import functools

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop._editions import default_edition
from ocop.cycle import (
    CALENDAR_DAYS,
    WORKING_DAYS,
    PendingKind,
    WorkCalendar,
    add_working_days,
    commune_deadline,
    in_reevaluation_window,
    is_working_day,
    ministry_round,
    next_working_day,
    provincial_round,
    reevaluation_decision_due,
    reevaluation_window,
    revocation_due,
    transitional_deadline,
)
from ocop.errors import CalendarNotCovered, InvalidDate, InvalidValue, OcopError, RuleNotPublished

D = datetime.date
ONE = datetime.timedelta(days=1)
COVERED = "years 2019 to 2053"  # the years the holiday data covers (Tết known up to 2053)


@functools.cache
def _vn(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    cal = holidays.country_holidays("VN", years=year)
    return frozenset(cal), frozenset(cal.weekend_workdays)


def off(d: datetime.date, extra_off: frozenset[datetime.date] = frozenset()) -> bool:
    """A day off: weekend or VN public holiday (or one a caller adds), unless a make-up working day."""
    holidays_, worked = _vn(d.year)
    if d in extra_off:
        return True
    if d in worked:
        return False
    return d.weekday() in (5, 6) or d in holidays_


def walk(event: datetime.date, n: int, extra_off: frozenset[datetime.date] = frozenset()) -> datetime.date:
    """The n-th working day after ``event`` (Art. 147: ``event`` itself is not counted)."""
    d = event
    while n:
        d += ONE
        n -= not off(d, extra_off)
    return d


def roll(d: datetime.date, extra_off: frozenset[datetime.date] = frozenset()) -> datetime.date:
    """Art. 148.5: a last day that is a day off moves to the next working day."""
    while off(d, extra_off):
        d += ONE
    return d


def details(info: pytest.ExceptionInfo[BaseException]) -> tuple[object, ...]:
    e = info.value
    return type(e), e.field, e.value, e.allowed, e.detail  # type: ignore[attr-defined]


# --- the days of the week themselves -------------------------------------------------------


def test_ordinary_weekends_are_days_off_and_weekdays_are_worked():
    # An ordinary week with no holiday and no swap: Mon 8 to Sun 14 June 2026.
    for k in range(7):
        d = D(2026, 6, 8) + k * ONE
        assert is_working_day(d) is (d.weekday() < 5) is not off(d)
        assert WorkCalendar().is_working_day(d) is not off(d)
    assert next_working_day(D(2026, 6, 13)) == D(2026, 6, 15)  # Saturday -> Monday


@settings(max_examples=30)
@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2053, 11, 30)), st.integers(0, 30))
def test_working_days_in_every_covered_year_match_the_walk(day, n):
    assert is_working_day(day) is not off(day)
    assert add_working_days(day, n) == walk(day, n)
    assert next_working_day(day) == roll(day)


# --- the edges of the covered years ----------------------------------------------------------


def test_the_last_working_day_of_the_covered_years():
    last = max(d for d in (D(2053, 12, 31) - k * ONE for k in range(10)) if not off(d))
    before = max(d for d in (last - k * ONE for k in range(1, 10)) if not off(d))
    assert add_working_days(before, 1) == last
    # one working day after the last one is past 2053: the answer is not covered
    with pytest.raises(CalendarNotCovered) as info:
        add_working_days(last, 1)
    assert details(info) == (
        CalendarNotCovered, "n", 1, "answers up to 2053-12-31",
        f"1 working days after {last.isoformat()} end past the covered years",
    )  # fmt: skip


@pytest.mark.parametrize("day", [D(2019, 1, 1), D(2053, 12, 31)])
def test_the_first_and_last_covered_days_are_accepted(day):
    assert add_working_days(day, 0) == day
    assert WorkCalendar(days_off={day}).days_off == {day}
    assert WorkCalendar(working_days={day}).is_working_day(day)


# --- errors: class, field, value, allowed and the message detail -----------------------------
# (call, expected (class, field, value, allowed, detail)); ``value`` is the argument passed.

_LATE = D(2053, 12, 31)
_NO_DAY_AFTER = WorkCalendar(days_off={_LATE})
_D = D(2026, 6, 1)
_BAD_PAIR = [D(2026, 7, 31), D(2026, 9, 15)]
_SAME_DAY = (D(2026, 7, 31), D(2026, 7, 31))

ERRORS = [
    (lambda: WorkCalendar(days_off="2026-01-01"),
     (InvalidValue, "days_off", "2026-01-01", "a set of datetime.date", None)),
    (lambda: WorkCalendar(working_days=5), (InvalidValue, "working_days", 5, "a set of datetime.date", None)),
    (lambda: WorkCalendar(days_off=["2026-01-01"]), (InvalidDate, "days_off", "2026-01-01", "a datetime.date", None)),
    (lambda: WorkCalendar(working_days=[1]), (InvalidDate, "working_days", 1, "a datetime.date", None)),
    (lambda: WorkCalendar(days_off={D(2018, 12, 31)}),
     (CalendarNotCovered, "days_off", D(2018, 12, 31), COVERED, None)),
    (lambda: WorkCalendar(working_days={D(2054, 1, 1)}),
     (CalendarNotCovered, "working_days", D(2054, 1, 1), COVERED, None)),
    (lambda: WorkCalendar(cultural_day=1), (InvalidValue, "cultural_day", 1, (True, False), None)),
    (lambda: is_working_day(D(2018, 12, 31)),
     (CalendarNotCovered, "day", D(2018, 12, 31), COVERED, "the holiday data does not cover this year")),
    (lambda: next_working_day(D(2054, 1, 1)),
     (CalendarNotCovered, "day", D(2054, 1, 1), COVERED, "the holiday data does not cover this year")),
    (lambda: add_working_days(D(2054, 1, 1), 1),
     (CalendarNotCovered, "day", D(2054, 1, 1), COVERED, "the holiday data does not cover this year")),
    (lambda: is_working_day(_D, calendar="VN"),
     (InvalidValue, "calendar", "VN", "an ocop.cycle.WorkCalendar or None", None)),
    (lambda: add_working_days(_D, 1, calendar="VN"),
     (InvalidValue, "calendar", "VN", "an ocop.cycle.WorkCalendar or None", None)),
    (lambda: add_working_days(_D, 1.0), (InvalidValue, "n", 1.0, "an integer >= 0", None)),
    (lambda: add_working_days(_D, -1), (InvalidValue, "n", -1, "an integer >= 0", None)),
    (lambda: add_working_days(D(2053, 12, 1), 40),
     (CalendarNotCovered, "n", 40, "answers up to 2053-12-31",
      "40 working days after 2053-12-01 end past the covered years")),
    (lambda: next_working_day(_LATE, calendar=_NO_DAY_AFTER),
     (CalendarNotCovered, "day", _LATE, "answers up to 2053-12-31", None)),
    # 26/2026 Art. 8.4 and 7.6g: a period that would end past year 9999 is refused, naming the argument
    (lambda: revocation_due(D(9999, 12, 20)),
     (InvalidValue, "concluded_on", D(9999, 12, 20), "dates before 9999-12-31 minus the period", None)),
    (lambda: reevaluation_decision_due(D(9999, 12, 1)),
     (InvalidValue, "received_on", D(9999, 12, 1), "dates before 9999-12-31 minus the period", None)),
    # only 26/2026 publishes these periods and rounds (Art. 7.2, 5.1, 5.2)
    (lambda: commune_deadline(_D, edition="148/2023"),
     (RuleNotPublished, "edition", "148/2023", ("26/2026",),
      "the commune's pre-assessment period under edition 148/2023")),
    (lambda: provincial_round(_D, edition="1489/2025"),
     (RuleNotPublished, "edition", "1489/2025", ("26/2026",), "province rounds under edition 1489/2025")),
    (lambda: ministry_round(_D, edition="148/2023"),
     (RuleNotPublished, "edition", "148/2023", ("26/2026",), "ministry rounds under edition 148/2023")),
    (lambda: provincial_round(_D, edition="26/2026", extra_rounds=5),
     (InvalidValue, "extra_rounds", 5, "pairs (proposals before, held before) of dates", None)),
    (lambda: provincial_round(_D, edition="26/2026", extra_rounds=[_BAD_PAIR]),
     (InvalidValue, "extra_rounds", _BAD_PAIR, "a pair (proposals before, held before)", None)),
    (lambda: ministry_round(_D, edition="26/2026", extra_rounds=[("2026-07-31", D(2026, 9, 15))]),
     (InvalidDate, "extra_rounds", "2026-07-31", "a datetime.date", None)),
    (lambda: provincial_round(_D, edition="26/2026", extra_rounds=[_SAME_DAY]),
     (InvalidValue, "extra_rounds", _SAME_DAY, "cutoff < held", "a round is held after its proposal cutoff")),
    (lambda: provincial_round(D(9999, 1, 1), edition="26/2026"),
     (InvalidValue, "proposed_on", D(9999, 1, 1), "dates before 9999-01-01", None)),
    # Art. 7.6a: the window opens 180 days before expiry, so the expiry must leave 180 days before it
    (lambda: reevaluation_window(D(1, 6, 29)),
     (InvalidValue, "expires_on", D(1, 6, 29), "dates after 0001-06-29", None)),
    (lambda: transitional_deadline("re-evaluation"),
     (InvalidValue, "kind", "re-evaluation", ("first-or-upgrade", "re-evaluation"), None)),
]  # fmt: skip


@pytest.mark.parametrize(("call", "expected"), ERRORS)
def test_errors_name_the_argument_the_value_and_what_is_allowed(call, expected):
    with pytest.raises(OcopError) as info:
        call()
    assert details(info) == expected


def test_an_expiry_on_the_first_allowed_day_reaches_the_calendar_limit():
    # 30 June of year 1 is allowed (its window opens on 1 January of year 1), but the last
    # day to file, 120 days before, is in year 1: outside the holiday data.
    with pytest.raises(CalendarNotCovered) as info:
        reevaluation_window(D(1, 6, 30))
    assert (info.value.field, info.value.value) == ("day", D(1, 6, 30) - 120 * ONE)


def test_a_missing_attribute_is_named():
    d = revocation_due(D(2026, 6, 1))
    with pytest.raises(AttributeError) as info:
        d.nonexistent  # noqa: B018
    assert str(info.value) == "nonexistent"


# --- the rule, edition and counting each deadline carries ------------------------------------


def test_calendar_day_deadlines_carry_their_rule():
    # Art. 8.4: revocation within 15 days of the finding; Art. 7.6g: re-evaluation decided within 45 days.
    event = D(2026, 3, 2)
    for due, n, rule in (
        (revocation_due(event), 15, "26/2026 Art. 8.4: revocation within 15 days of the finding"),
        (reevaluation_decision_due(event), 45, "26/2026 Art. 7.6g: re-evaluation decided within 45 days"),
    ):
        assert due == roll(event + n * ONE)
        assert due.unrolled == event + n * ONE
        assert (due.rule, due.edition, due.working_days, due.counting) == (rule, "26/2026", False, CALENDAR_DAYS)


def test_transitional_deadlines_carry_their_rule():
    # Art. 12.2: pending dossiers finish under the old edition (1489/2025) within 60 / 30 days of 22 May 2026.
    for kind, n, rule in (
        (PendingKind.FIRST_OR_UPGRADE, 60, "26/2026 Art. 12.2a: first evaluations and upgrades finish within 60 days"),
        (PendingKind.RE_EVALUATION, 30, "26/2026 Art. 12.2b: re-evaluations finish within 30 days"),
    ):
        due = transitional_deadline(kind)
        assert due == roll(D(2026, 5, 22) + n * ONE)
        assert (due.rule, due.edition, due.working_days, due.counting) == (rule, "1489/2025", False, CALENDAR_DAYS)


def test_the_reevaluation_window_carries_its_rule():
    # Art. 7.6a: filed no sooner than 180 and no later than 120 days before expiry.
    expiry = D(2030, 9, 1)
    first, last = reevaluation_window(expiry)
    assert first == expiry - 180 * ONE
    assert last == roll(expiry - 120 * ONE)
    assert last.unrolled == expiry - 120 * ONE
    assert (last.rule, last.edition, last.working_days, last.counting) == (
        "26/2026 Art. 7.6a: re-evaluation filed no later than 120 days before expiry",
        "26/2026",
        False,
        CALENDAR_DAYS,
    )


def test_the_commune_deadline_under_the_edition_in_force():
    # Art. 7.2: 15 working days from filing; with no edition named, the edition in force today.
    filed = D(2026, 6, 1)
    if default_edition().code == "26/2026":
        d = commune_deadline(filed)
        assert d == walk(filed, 15)
        assert (d.rule, d.edition, d.working_days, d.counting) == (
            "26/2026 Art. 7.2: 15 working days from filing with the commune",
            "26/2026",
            True,
            WORKING_DAYS,
        )
    else:  # a later edition: its text for this period is not published here
        with pytest.raises(RuleNotPublished):
            commune_deadline(filed)


# --- a caller's calendar reaches every deadline ----------------------------------------------


def test_every_deadline_follows_the_callers_calendar():
    # A provincial day off added by the caller moves each deadline that would end on it.
    ex = D(2026, 7, 6)  # a Monday; 15 days after Sun 21 June
    cal = WorkCalendar(days_off={ex})
    extra = frozenset({ex})
    assert revocation_due(D(2026, 6, 21), calendar=cal) == roll(ex, extra) == D(2026, 7, 7)
    assert reevaluation_decision_due(D(2026, 5, 22), calendar=cal) == roll(ex, extra)  # 45 days later
    assert commune_deadline(D(2026, 6, 15), edition="26/2026", calendar=cal) == walk(D(2026, 6, 15), 15, extra)
    assert walk(D(2026, 6, 15), 15, extra) != walk(D(2026, 6, 15), 15)
    # Art. 12.2a: 60 days from 22 May end on Tue 21 July; Art. 12.2b: 30 days on Sun 21 June
    jul_off = frozenset({D(2026, 7, 21), D(2026, 6, 22)})
    jul = WorkCalendar(days_off=jul_off)
    for kind, n in ((PendingKind.FIRST_OR_UPGRADE, 60), (PendingKind.RE_EVALUATION, 30)):
        due = transitional_deadline(kind, calendar=jul)
        assert due == roll(D(2026, 5, 22) + n * ONE, jul_off) != roll(D(2026, 5, 22) + n * ONE)
    # Art. 7.6a: the last day to file, expiry - 120, is 6 July for an expiry on 3 November 2026
    expiry = ex + 120 * ONE
    assert reevaluation_window(expiry, calendar=cal)[1] == D(2026, 7, 7)
    assert in_reevaluation_window(D(2026, 7, 7), expiry, calendar=cal)
    assert not in_reevaluation_window(D(2026, 7, 7), expiry)


# --- evaluation rounds (26/2026 Art. 5) --------------------------------------------------------

PROVINCE = "26/2026 Art. 5.1"
MINISTRY = "26/2026 Art. 5.2"


@pytest.mark.parametrize(("proposed", "level", "number", "held", "cutoff", "rule"), [
    # Art. 5.1: round 1 before 30 June for dossiers proposed before 30 April; round 2 before 30 December
    # for those before 30 October; later ones go to round 1 of the next year.
    (D(2026, 4, 29), "province", 1, D(2026, 6, 30), D(2026, 4, 30),
     f"{PROVINCE}: round 1 before 30 Jun, for dossiers proposed before 30 Apr"),
    (D(2026, 10, 29), "province", 2, D(2026, 12, 30), D(2026, 10, 30),
     f"{PROVINCE}: round 2 before 30 Dec, for dossiers proposed before 30 Oct"),
    (D(2026, 10, 30), "province", 1, D(2027, 6, 30), D(2027, 4, 30),
     f"{PROVINCE}: round 1 before 30 Jun, for dossiers proposed before 30 Apr"),
    # Art. 5.2: before 30 September for proposals before 30 July; before 30 March for those before 30 January.
    (D(2026, 1, 29), "ministry", 2, D(2026, 3, 30), D(2026, 1, 30),
     f"{MINISTRY}: round 2 before 30 Mar, for proposals before 30 Jan"),
    (D(2026, 7, 29), "ministry", 1, D(2026, 9, 30), D(2026, 7, 30),
     f"{MINISTRY}: round 1 before 30 Sep, for proposals before 30 Jul"),
    (D(2026, 7, 30), "ministry", 2, D(2027, 3, 30), D(2027, 1, 30),
     f"{MINISTRY}: round 2 before 30 Mar, for proposals before 30 Jan"),
])  # fmt: skip
def test_statutory_rounds(proposed, level, number, held, cutoff, rule):
    fn = provincial_round if level == "province" else ministry_round
    r = fn(proposed, edition="26/2026")
    assert (r.held_by, r.level, r.number, r.cutoff, r.rule, r.edition) == (held, level, number, cutoff, rule, "26/2026")


@pytest.mark.parametrize(("fn", "level", "article"), [
    (provincial_round, "province", PROVINCE), (ministry_round, "ministry", MINISTRY)])  # fmt: skip
def test_extra_rounds(fn, level, article):
    # Art. 5: a province (or the ministry) may add rounds; the earliest round held that still
    # takes the dossier (proposed before its cutoff) is the dossier's round.
    proposed = D(2026, 8, 10)  # statutory: province round 2 (30 Dec), ministry round 2 of 2027 (30 Mar)
    a = (D(2026, 8, 31), D(2026, 9, 10))  # later cutoff, held earlier
    b = (D(2026, 8, 20), D(2026, 9, 20))  # earlier cutoff, held later
    r = fn(proposed, edition="26/2026", extra_rounds=[b, a])
    assert (r.held_by, r.cutoff, r.number, r.level, r.edition) == (D(2026, 9, 10), D(2026, 8, 31), 0, level, "26/2026")
    assert r.rule == f"{article}: an additional round before 2026-09-10, for proposals before 2026-08-31"
    # proposed on the cutoff itself: not "before" it, so that round does not take the dossier
    assert fn(D(2026, 8, 31), edition="26/2026", extra_rounds=[a]).number != 0
    # an extra round held the same day as the statutory one is not earlier: the statutory round stays
    statutory = fn(proposed, edition="26/2026")
    same = (D(2026, 8, 31), statutory.held_by)
    assert fn(proposed, edition="26/2026", extra_rounds=[same]).number == statutory.number != 0
