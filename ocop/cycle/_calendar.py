"""Working days in Vietnam: weekends, public holidays and the official annual swaps.

The statutory holidays come from the maintained ``holidays`` package (its Vietnam
calendar: Tết, Hùng Kings, 30 April, 1 May, National Day, Vietnam Cultural Day, the
substitute days off and the make-up working Saturdays it records); nothing here lists a
holiday by hand.  The package knows the lunar calendar — hence Tết — only up to
:data:`LAST_YEAR`, and OCOP dates start with the first edition in 2019, so answers
outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` raise :class:`~ocop.errors.CalendarNotCovered`
instead of silently treating holidays as working days.

Each year the government announces its own day-off schedule (extra days off around Tết
or 2 September, Saturdays worked in exchange).  The package records some of them; a
caller supplies the rest with a :class:`WorkCalendar`, and may switch off a holiday not
yet confirmed in law (24 November, "Ngày Văn hóa Việt Nam", from 2026).

Counting is ordinal arithmetic over a table of the working days of the covered years
(built once per calendar): ``add_working_days`` costs two list look-ups for any ``n``.
"""

from __future__ import annotations

import datetime
import functools
import threading
from collections.abc import Iterable

import attrs

from ocop._numbers import check_date
from ocop._shown import Shown
from ocop.errors import CalendarNotCovered, InvalidValue

__all__ = ["FIRST_YEAR", "LAST_YEAR", "WorkCalendar", "add_working_days", "is_working_day", "next_working_day"]

#: The first year of the working-day table (the first OCOP edition took effect in 2019).
FIRST_YEAR = 2019
#: The last year whose Tết the ``holidays`` package can place (its Vietnamese lunar table ends here).
LAST_YEAR = 2053

_LOCK = threading.Lock()
_CULTURAL_DAY = "Vietnam Cultural Day"


@functools.cache
def _year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date], frozenset[datetime.date]]:
    """Days off, make-up working days, and the days of Vietnam Cultural Day, for one year."""
    # holidays objects grow lazily and are not thread-safe: build one per year under a
    # lock and keep only immutable sets.
    import holidays  # imported on first use: it is the slowest part of `import ocop`

    with _LOCK:
        cal = holidays.country_holidays("VN", years=year)
        days = frozenset(d for d in cal if d.year == year)
        workdays = frozenset(d for d in cal.weekend_workdays if d.year == year)
        cultural = frozenset(d for d in days if _CULTURAL_DAY in cal.get_list(d))
    return days, workdays, cultural


def _dates(value: object, field: str) -> frozenset[datetime.date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValue(field=field, value=value, allowed="a set of datetime.date")
    out = frozenset(check_date(d, field=field) for d in value)
    for d in out:
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            raise CalendarNotCovered(field=field, value=d, allowed=f"years {FIRST_YEAR} to {LAST_YEAR}")
    return out


def _days_off(value: object) -> frozenset[datetime.date]:
    return _dates(value, "days_off")


def _working_days(value: object) -> frozenset[datetime.date]:
    return _dates(value, "working_days")


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(field="cultural_day", value=value, allowed=(True, False))
    return value


@attrs.frozen(cache_hash=True)
class WorkCalendar(Shown):
    """The working-day calendar: statutory holidays plus the official annual schedule.

    ``days_off`` adds days off (e.g. the extra days a Prime Minister's notice grants
    around Tết); ``working_days`` adds days worked (make-up Saturdays) and takes priority
    over everything else; ``cultural_day=False`` drops 24 November (and its substitute),
    a holiday the package lists from 2026 that a caller may not want to count yet.

    >>> import datetime
    >>> from ocop.cycle import WorkCalendar, add_working_days
    >>> nov = datetime.date(2026, 11, 23)                     # Monday; 24 Nov is Tuesday
    >>> add_working_days(nov, 1), add_working_days(nov, 1, calendar=WorkCalendar(cultural_day=False))
    (datetime.date(2026, 11, 25), datetime.date(2026, 11, 24))

    :raises InvalidValue: a field of the wrong type.
    :raises CalendarNotCovered: a date outside the covered years.
    """

    days_off: frozenset[datetime.date] = attrs.field(default=frozenset(), converter=_days_off)
    working_days: frozenset[datetime.date] = attrs.field(default=frozenset(), converter=_working_days)
    cultural_day: bool = attrs.field(default=True, converter=_flag)

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether ``day`` is worked under this calendar (see :func:`is_working_day`)."""
        day = _covered(check_date(day, field="day"))
        if day in self.working_days:
            return True
        off, worked, cultural = _year(day.year)
        if day in self.days_off or (day in off and (self.cultural_day or day not in cultural)):
            return False
        return day.weekday() < 5 or day in worked


DEFAULT = WorkCalendar()


def _covered(day: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarNotCovered(
            "the holiday data does not cover this year", field="day", value=day,
            allowed=f"years {FIRST_YEAR} to {LAST_YEAR}",
        )  # fmt: skip
    return day


_FIRST = datetime.date(FIRST_YEAR, 1, 1).toordinal()
_LAST = datetime.date(LAST_YEAR, 12, 31).toordinal()


@functools.cache
def _table(calendar: WorkCalendar) -> tuple[list[datetime.date], list[int]]:
    """The working days of the covered years in order, and the count before each day.

    ``before[o - FIRST]`` is how many working days come strictly before ordinal ``o``.

    Counting is then plain indexing: the first working day on or after ``d`` is
    ``days[before[d - FIRST]]``.
    """
    days: list[datetime.date] = []
    before: list[int] = []
    for o in range(_FIRST, _LAST + 1):
        before.append(len(days))
        d = datetime.date.fromordinal(o)
        if calendar.is_working_day(d):
            days.append(d)
    before.append(len(days))
    return days, before


def _default_table() -> tuple[list[datetime.date], list[int]]:
    # the table of the default calendar, kept at module level: the hot path of
    # add_working_days skips even the cache lookup
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = _table(DEFAULT)
    return _DEFAULT_TABLE


_DEFAULT_TABLE: tuple[list[datetime.date], list[int]] | None = None


def _calendar(value: object) -> WorkCalendar:
    if value is None:
        return DEFAULT
    if not isinstance(value, WorkCalendar):
        raise InvalidValue(field="calendar", value=value, allowed="an ocop.cycle.WorkCalendar or None")
    return value


def is_working_day(day: datetime.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether ``day`` is a working day in Vietnam.

    >>> import datetime
    >>> from ocop.cycle import is_working_day
    >>> is_working_day(datetime.date(2026, 2, 17))   # Tết
    False
    >>> is_working_day(datetime.date(2026, 8, 22))   # a Saturday worked in exchange for 31 Aug
    True

    :raises InvalidDate: ``day`` is not a :class:`datetime.date`.
    :raises CalendarNotCovered: ``day`` is outside the covered years.
    """
    return _calendar(calendar).is_working_day(day)


def add_working_days(start: datetime.date, n: int, *, calendar: WorkCalendar | None = None) -> datetime.date:
    """The date ``n`` working days after ``start`` (``start`` itself is not counted).

    The day of the event is not counted and counting starts the next day (Civil Code
    2015, Art. 147); weekends and Vietnamese public holidays are skipped.  ``n = 0``
    returns ``start``.

    >>> import datetime
    >>> from ocop.cycle import add_working_days
    >>> add_working_days(datetime.date(2026, 2, 12), 3)   # Thu; Tết falls 16-20 Feb
    datetime.date(2026, 2, 24)

    :raises InvalidDate: ``start`` is not a :class:`datetime.date`.
    :raises InvalidValue: ``n`` is not a non-negative integer.
    :raises CalendarNotCovered: ``start`` or the answer is outside the covered years.
    """
    if type(start) is not datetime.date:  # the common case skips the slower checks below
        start = check_date(start, field="start")
    if type(n) is not int:
        raise InvalidValue(field="n", value=n, allowed="an integer >= 0")
    o = start.toordinal()
    if not _FIRST <= o <= _LAST:
        _covered(start)
    if n <= 0:
        if n == 0:
            return start
        raise InvalidValue(field="n", value=n, allowed="an integer >= 0")
    days, before = _default_table() if calendar is None else _table(_calendar(calendar))
    # the working days up to and including ``start`` number before[o + 1 - FIRST]: that
    # count is the index of the first working day after it.
    target = before[o + 1 - _FIRST] + n - 1
    if target >= len(days):
        raise CalendarNotCovered(
            f"{n} working days after {start.isoformat()} end past the covered years",
            field="n", value=n, allowed=f"answers up to {LAST_YEAR}-12-31",
        )  # fmt: skip
    return days[target]


def next_working_day(day: datetime.date, *, calendar: WorkCalendar | None = None) -> datetime.date:
    """``day`` itself if it is a working day, else the next working day (Civil Code Art. 148.5).

    >>> import datetime
    >>> from ocop.cycle import next_working_day
    >>> next_working_day(datetime.date(2026, 6, 21))     # a Sunday
    datetime.date(2026, 6, 22)

    :raises InvalidDate: ``day`` is not a :class:`datetime.date`.
    :raises CalendarNotCovered: ``day`` or the answer is outside the covered years.
    """
    day = _covered(check_date(day, field="day"))
    days, before = _table(_calendar(calendar))
    i = before[day.toordinal() - _FIRST]
    if i == len(days):
        raise CalendarNotCovered(field="day", value=day, allowed=f"answers up to {LAST_YEAR}-12-31")
    return days[i]
