"""Legal dates derived in the test from the article and the Civil Code counting rule.

Nothing here compares the library with itself: each expected date is computed by the
small helpers below, which count on a plain list of Vietnamese days off written out by
hand for the years used.

Days off (source: Labour Code 2019 Art. 112 — New Year 1 day, Tết 5 days, Hùng Kings 1,
30 April 1, 1 May 1, National Day 2 (2 Sep and a day next to it); Art. 112.3 — a holiday
falling on a weekly day off is made up on the next working day; and the government's
notices of the official schedule for 2026: Tết from Mon 16 to Fri 20 Feb, Hùng Kings on
Sun 26 Apr made up on Mon 27 Apr, 31 Aug off in exchange for Saturday 22 Aug worked,
National Day 1-2 Sep; Vietnam Cultural Day 24 Nov from 2026).  2027-2029 are used only
around New Year, 30 April / 1 May and 29 February, where the statutory rule alone decides.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.cycle import (
    CALENDAR_DAYS,
    FIRST_YEAR,
    LAST_YEAR,
    PendingKind,
    WorkCalendar,
    add_working_days,
    commune_deadline,
    in_reevaluation_window,
    is_working_day,
    lapse_date,
    next_working_day,
    reevaluation_decision_due,
    reevaluation_window,
    revocation_due,
    transitional_deadline,
)
from ocop.errors import CalendarNotCovered, InvalidDate, InvalidValue

D = datetime.date
ONE = datetime.timedelta(days=1)

DAYS_OFF = {
    # 2026
    D(2026, 1, 1),
    D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
    D(2026, 4, 27),  # Hùng Kings (Sun 26 Apr) made up
    D(2026, 4, 30), D(2026, 5, 1),
    D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2),
    D(2026, 11, 24),
    # 2027: New Year (Fri); 30 Apr (Fri); 1 May (Sat) made up on Mon 3 May
    D(2027, 1, 1), D(2027, 4, 30), D(2027, 5, 3),
    # 2028: 30 Apr (Sun) and 1 May (Mon); 30 Apr made up on Tue 2 May
    D(2028, 5, 1), D(2028, 5, 2),
    # 2029: New Year (Mon)
    D(2029, 1, 1),
}  # fmt: skip
WORKED_SATURDAYS = {D(2026, 8, 22)}
# The list above is complete only on these stretches; the helpers refuse other days.
KNOWN = [
    (D(2026, 1, 1), D(2027, 1, 31)),
    (D(2027, 4, 1), D(2027, 5, 31)),
    (D(2028, 2, 1), D(2028, 3, 31)),
    (D(2028, 4, 1), D(2028, 5, 31)),
    (D(2028, 12, 1), D(2029, 1, 31)),
]


def day_off(d: datetime.date) -> bool:
    assert any(a <= d <= b for a, b in KNOWN), f"{d} is outside the hand-written calendar"
    if d in WORKED_SATURDAYS:
        return False
    return d.weekday() >= 5 or d in DAYS_OFF


def end_of_period_in_days(event: datetime.date, n: int) -> datetime.date:
    """Civil Code Art. 147: day 1 is the day after the event; the n-th day is the last."""
    days = [event + k * ONE for k in range(1, n + 1)]
    return days[-1]


def roll(d: datetime.date) -> datetime.date:
    """Civil Code Art. 148.5: a last day that is a day off moves to the next working day."""
    while day_off(d):
        d += ONE
    return d


def nth_working_day_after(event: datetime.date, n: int) -> datetime.date:
    d, left = event, n
    while left:
        d += ONE
        if not day_off(d):
            left -= 1
    return d


# --- the helper is checked against the calendar itself on a few days everyone knows ---------


def test_the_hand_written_calendar():
    assert day_off(D(2026, 2, 17)) and not day_off(D(2026, 8, 22)) and day_off(D(2026, 6, 21))
    assert end_of_period_in_days(D(2026, 5, 22), 30) == D(2026, 6, 21)  # 9 + 21 days
    assert roll(D(2026, 6, 21)) == D(2026, 6, 22)


# --- examples ------------------------------------------------------------------------------


def test_commune_15_working_days_across_tet_2026():
    # Art. 7.2: 15 working days from receipt; filed Thu 12 Feb 2026, Tết 16-20 Feb.
    # Fri 13 Feb is day 1; Mon 23 to Fri 27 Feb are 2-6; 2-6 Mar are 7-11; 9-12 Mar are 12-15.
    expected = nth_working_day_after(D(2026, 2, 12), 15)
    assert expected == D(2026, 3, 12)
    d = commune_deadline(D(2026, 2, 12), edition="26/2026")
    assert d == expected and d.working_days and "working days" in d.counting


def test_transitional_deadlines_and_the_21_22_july_boundary():
    # Art. 12.2b: 30 days from 22 May 2026 end on Sunday 21 June -> Monday 22 June.
    re = transitional_deadline(PendingKind.RE_EVALUATION)
    assert re.unrolled == end_of_period_in_days(D(2026, 5, 22), 30)
    assert re == roll(end_of_period_in_days(D(2026, 5, 22), 30)) == D(2026, 6, 22)
    # Art. 12.2a: 60 days end on Tuesday 21 July (a working day: no roll).
    first = transitional_deadline(PendingKind.FIRST_OR_UPGRADE)
    assert first == roll(end_of_period_in_days(D(2026, 5, 22), 60)) == D(2026, 7, 21) == first.unrolled
    # Art. 11.2: the old editions lapse "sau 60 ngày": 21 July is their last day.
    assert lapse_date() == end_of_period_in_days(D(2026, 5, 22), 60) == first
    assert first.counting == CALENDAR_DAYS and "148.5" in first.counting


@pytest.mark.parametrize(("finding", "why"), [
    (D(2026, 12, 17), "15th day is 1 Jan 2027, New Year (Fri), then a weekend"),
    (D(2026, 4, 15), "15th day is 30 Apr 2026 (Thu), 1 May (Fri), then a weekend"),
    (D(2026, 6, 5), "15th day is Sat 20 Jun 2026"),
    (D(2026, 8, 17), "15th day is 1 Sep 2026: 31 Aug-2 Sep are off"),
    (D(2028, 2, 14), "15th day is Tue 29 Feb 2028, a working day"),
    (D(2026, 11, 9), "15th day is 24 Nov 2026, Vietnam Cultural Day"),
])  # fmt: skip
def test_revocation_15_days(finding, why):
    # Art. 8.4: revocation within 15 days of the finding.
    expected = roll(end_of_period_in_days(finding, 15))
    d = revocation_due(finding)
    assert d == expected, why
    assert d.unrolled == end_of_period_in_days(finding, 15)


@pytest.mark.parametrize("received", [D(2026, 7, 18), D(2026, 3, 16), D(2026, 11, 27), D(2026, 1, 3)])
def test_reevaluation_decided_within_45_days(received):
    # Art. 7.6g: 45 days from the complete dossier.
    assert reevaluation_decision_due(received) == roll(end_of_period_in_days(received, 45))


def test_the_reevaluation_window_last_day_rolls():
    # Art. 7.6a: no later than 120 days before expiry; expiry 28 Aug 2028 -> 30 Apr 2028
    # (Sunday), 1 May (Mon) off, 2 May (Tue) made up for 30 Apr -> Wed 3 May.
    expiry = D(2028, 8, 28)
    last = expiry - 120 * ONE
    assert last == D(2028, 4, 30)
    first, due = reevaluation_window(expiry)
    assert first == expiry - 180 * ONE == D(2028, 3, 1)  # across 29 Feb 2028
    assert due == roll(last) == D(2028, 5, 3) and due.unrolled == last
    assert in_reevaluation_window(D(2028, 5, 3), expiry) and not in_reevaluation_window(D(2028, 5, 4), expiry)


def test_calendar_swaps_and_unconfirmed_holidays():
    # 22 Aug 2026 is a worked Saturday; a caller can add or remove days off.
    assert is_working_day(D(2026, 8, 22)) and not is_working_day(D(2026, 8, 31))
    cal = WorkCalendar(days_off={D(2026, 6, 22)}, working_days={D(2026, 8, 31)}, cultural_day=False)
    assert not is_working_day(D(2026, 6, 22), calendar=cal) and is_working_day(D(2026, 8, 31), calendar=cal)
    assert is_working_day(D(2026, 11, 24), calendar=cal) and not is_working_day(D(2026, 11, 24))
    assert transitional_deadline(PendingKind.RE_EVALUATION, calendar=cal) == D(2026, 6, 23)
    assert next_working_day(D(2026, 11, 24), calendar=cal) == D(2026, 11, 24)
    for bad in ("2026-06-22", [D(2026, 6, 22), "x"], 5):
        with pytest.raises(InvalidValue):
            WorkCalendar(days_off=bad)
    with pytest.raises(InvalidValue):
        WorkCalendar(cultural_day=1)
    with pytest.raises(CalendarNotCovered):
        WorkCalendar(working_days={D(2090, 1, 2)})
    with pytest.raises(InvalidValue):
        add_working_days(D(2026, 1, 1), 1, calendar="VN")


def test_calendar_limits_raise_typed_errors():
    assert (FIRST_YEAR, LAST_YEAR) == (2019, 2053)
    for day in (D(2018, 12, 31), D(2054, 1, 1), D(1, 1, 1), D(9999, 12, 31)):
        with pytest.raises(CalendarNotCovered):
            is_working_day(day)
        with pytest.raises(CalendarNotCovered):
            add_working_days(day, 1)
        with pytest.raises(CalendarNotCovered):
            next_working_day(day)
    for day in (D(2018, 12, 1), D(2054, 1, 1), D(1, 1, 1), D(9999, 12, 31)):  # answers outside too
        with pytest.raises((CalendarNotCovered, InvalidValue)):
            revocation_due(day)
    assert revocation_due(D(2018, 12, 31)) == D(2019, 1, 15)  # the answer, not the event, must be covered
    with pytest.raises(CalendarNotCovered):
        add_working_days(D(2053, 12, 1), 40)
    with pytest.raises(CalendarNotCovered):
        add_working_days(D(2026, 1, 1), 10**18)  # absurd n: refused at once, not looped
    with pytest.raises(CalendarNotCovered):
        next_working_day(D(2053, 12, 31), calendar=WorkCalendar(days_off={D(2053, 12, 31)}))  # none after it
    with pytest.raises(InvalidValue):
        add_working_days(D(2026, 1, 1), -1)
    with pytest.raises(InvalidDate):
        next_working_day("2026-01-01")  # type: ignore[arg-type]
    assert add_working_days(D(2053, 12, 31), 0) == D(2053, 12, 31)
    with pytest.raises(InvalidValue):
        reevaluation_window(D(1, 3, 1))
    assert not in_reevaluation_window(D(2060, 1, 1), D(2060, 6, 1))


def test_the_holiday_package_places_tet_in_every_covered_year():
    # the coverage claim: each year up to LAST_YEAR has its five-odd Tết days off
    import holidays

    for year in (FIRST_YEAR, 2030, 2040, LAST_YEAR):
        names = [n for _, n in holidays.country_holidays("VN", years=year).items()]
        assert sum("Lunar New Year" in n for n in names) >= 4


# --- properties ----------------------------------------------------------------------------

events_2026 = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 11, 30))


@given(events_2026, st.integers(0, 40))
def test_working_day_counting_matches_the_hand_count(event, n):
    assert add_working_days(event, n) == nth_working_day_after(event, n)


@given(events_2026)
def test_deadlines_never_land_on_a_day_off(event):
    for due in (revocation_due(event), reevaluation_decision_due(event), commune_deadline(event, edition="26/2026")):
        if any(a <= due <= b for a, b in KNOWN):
            assert not day_off(due)
        assert due >= due.unrolled > event


@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2053, 12, 1)))
def test_rolling_never_moves_a_date_backwards(day):
    rolled = next_working_day(day)
    assert rolled >= day and is_working_day(rolled)
    assert (rolled == day) == is_working_day(day)
    assert all(not is_working_day(day + k * ONE) for k in range((rolled - day).days))


@settings(max_examples=50)
@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2052, 12, 31)), st.integers(1, 200))
def test_add_working_days_is_ordered_and_lands_on_working_days(day, n):
    a, b = add_working_days(day, n), add_working_days(day, n + 1)
    assert day < a < b and is_working_day(a) and is_working_day(b)
    assert all(not is_working_day(a + k * ONE) for k in range(1, (b - a).days))
