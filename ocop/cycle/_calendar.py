"""Working days in Vietnam: weekends, public holidays and their substitutes.

The holidays come from the maintained ``holidays`` package (its Vietnam calendar:
Tết, Hùng Kings, 30 April, 1 May, National Day, substitute days off and the make-up
working Saturdays it records); nothing here lists a holiday by hand.
"""

from __future__ import annotations

import datetime
import functools
import threading

from ocop._numbers import check_date
from ocop.errors import InvalidValue

__all__ = ["add_working_days", "is_working_day"]

_LOCK = threading.Lock()


@functools.cache
def _year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    # holidays objects grow lazily and are not thread-safe: build one per year under a
    # lock and keep only immutable sets.
    import holidays  # imported on first use: it is the slowest part of `import ocop`

    with _LOCK:
        cal = holidays.country_holidays("VN", years=year)
        days = frozenset(d for d in cal if d.year == year)
        workdays = frozenset(d for d in cal.weekend_workdays if d.year == year)
    return days, workdays


def is_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is a working day in Vietnam.

    >>> import datetime
    >>> from ocop.cycle import is_working_day
    >>> is_working_day(datetime.date(2026, 2, 17))   # Tết
    False
    >>> is_working_day(datetime.date(2026, 8, 22))   # a Saturday worked in exchange for 31 Aug
    True

    :raises InvalidDate: ``day`` is not a :class:`datetime.date`.
    """
    day = check_date(day, field="day")
    off, worked = _year(day.year)
    if day in off:
        return False
    return day.weekday() < 5 or day in worked


def add_working_days(start: datetime.date, n: int) -> datetime.date:
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
    """
    day = check_date(start, field="start")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidValue(field="n", value=n, allowed="an integer >= 0")
    remaining = n
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
