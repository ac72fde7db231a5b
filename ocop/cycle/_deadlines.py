"""Legal deadlines and evaluation rounds, with the rule and edition behind each answer.

Counting (Civil Code 2015, Arts. 144-148, which apply because the decision sets no
counting rule of its own): a period in days starts the day after the event (Art. 147:
"ngày đầu tiên của thời hạn không được tính"), so *n* days after an event end on
event + *n*; when that last day is a weekend or public holiday the period ends at the end
of the next working day (Art. 148.5).  Working days skip weekends and Vietnamese public
holidays (:func:`ocop.cycle.add_working_days`).  Every :class:`Deadline` says which
counting produced it (``counting``) and the day before any roll (``unrolled``).

References: 26/2026/QĐ-TTg Art. 5 (rounds, and the extra rounds a province or the
ministry may add), Art. 7.2 (commune: 15 working days), Art. 7.6 (re-evaluation window
and 45 days), Art. 8.4 (revocation within 15 days), Art. 12.2 (transitional 60 / 30
days).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

from ocop._editions import Edition, default_edition
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop._shown import Shown
from ocop.cycle._calendar import WorkCalendar, add_working_days, next_working_day
from ocop.errors import InvalidValue, OcopError, RuleNotPublished

__all__ = [
    "CALENDAR_DAYS",
    "WORKING_DAYS",
    "Deadline",
    "Round",
    "commune_deadline",
    "in_reevaluation_window",
    "ministry_round",
    "provincial_round",
    "reevaluation_decision_due",
    "reevaluation_window",
    "revocation_due",
    "transitional_deadline",
]

_IN_FORCE_26 = datetime.date(2026, 5, 22)


class _LegalDate(Shown, datetime.date):
    """A date set by a legal rule.

    It *is* the date — it compares, hashes and formats as one — and it also carries the
    rule and the edition that produced it.  Arithmetic returns plain dates, so a derived
    date never claims the rule of the one it came from.  Immutable.
    """

    __slots__ = ("_extra",)
    _extra: dict[str, object]

    def __new__(cls, day: datetime.date, **extra: object) -> _LegalDate:
        obj = super().__new__(cls, day.year, day.month, day.day)
        object.__setattr__(obj, "_extra", dict(extra))
        return obj

    def __getattr__(self, name: str) -> object:
        try:
            return object.__getattribute__(self, "_extra")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[object, ...]:
        return (datetime.date, (self.year, self.month, self.day))

    @property
    def date(self) -> datetime.date:
        """The plain date."""
        return datetime.date(self.year, self.month, self.day)

    def __add__(self, other: datetime.timedelta) -> datetime.date:  # type: ignore[override]
        return self.date + other

    __radd__ = __add__  # type: ignore[assignment]

    def __sub__(self, other: object) -> object:  # type: ignore[override]
        return self.date - other  # type: ignore[operator]

    def replace(self, *args: int, **kwargs: int) -> datetime.date:  # type: ignore[override]
        return self.date.replace(*args, **kwargs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.isoformat()}, {self._extra['rule']!r})"


#: How a period in calendar days is counted (Civil Code 2015, Arts. 147 and 148.5).
CALENDAR_DAYS = (
    "Civil Code 2015 Art. 147: counted from the day after the event; "
    "Art. 148.5: a last day that is a weekend or public holiday moves to the next working day"
)
#: How a period in working days is counted (Civil Code 2015, Art. 147).
WORKING_DAYS = "Civil Code 2015 Art. 147: counted from the day after the event; working days only"


class Deadline(_LegalDate):
    """A legal deadline: the date itself, with the rule and the counting behind it.

    It carries ``rule``, ``edition``, ``working_days``, ``counting`` (the counting rule
    applied) and ``unrolled`` (the last day before the Art. 148.5 roll; equal to the
    deadline when no roll was needed).

    >>> import datetime
    >>> from ocop.cycle import revocation_due
    >>> d = revocation_due(datetime.date(2026, 12, 20))      # 15 days end Mon 4 Jan 2027
    >>> d == datetime.date(2027, 1, 4), d.rule, d.edition
    (True, '26/2026 Art. 8.4: revocation within 15 days of the finding', '26/2026')
    >>> d = revocation_due(datetime.date(2026, 12, 17))      # 1 Jan 2027 is New Year
    >>> d.date, d.unrolled
    (datetime.date(2027, 1, 4), datetime.date(2027, 1, 1))
    """

    rule: str
    edition: str
    working_days: bool
    counting: str
    unrolled: datetime.date

    def __new__(
        cls,
        day: datetime.date,
        rule: str,
        edition: str,
        working_days: bool = False,
        counting: str = CALENDAR_DAYS,
        unrolled: datetime.date | None = None,
    ) -> Deadline:
        return super().__new__(  # type: ignore[return-value]
            cls,
            day,
            rule=rule,
            edition=edition,
            working_days=working_days,
            counting=counting,
            unrolled=datetime.date(day.year, day.month, day.day) if unrolled is None else unrolled,
        )


def _days_after(
    event: datetime.date, days: int, rule: str, edition: str, calendar: WorkCalendar | None, field: str | None
) -> Deadline:
    """``days`` calendar days after ``event`` (the argument ``field``) under Civil Code Arts. 147 and 148.5."""
    try:
        last = event + datetime.timedelta(days=days)
    except OverflowError:
        raise InvalidValue(field=field, value=event, allowed="dates before 9999-12-31 minus the period") from None
    return Deadline(next_working_day(last, calendar=calendar), rule, edition, False, CALENDAR_DAYS, last)


class Round(_LegalDate):
    """An evaluation round, as the date it must be held before (``held_by``).

    Also carries ``level`` (``"province"`` or ``"ministry"``), ``number``, ``cutoff``
    (dossiers proposed before it go to this round), ``rule`` and ``edition``.
    """

    level: str
    number: int
    cutoff: datetime.date
    rule: str
    edition: str

    def __new__(
        cls, level: str, number: int, held_by: datetime.date, cutoff: datetime.date, rule: str, edition: str
    ) -> Round:
        return super().__new__(  # type: ignore[return-value]
            cls, held_by, level=level, number=number, cutoff=cutoff, rule=rule, edition=edition
        )

    @property
    def held_by(self) -> datetime.date:
        """The date the round must be held before (the plain date)."""
        return self.date


def _ed(edition: str | Edition | None) -> Edition:
    return default_edition() if edition is None else _edition(edition)


def _need_26(ed: Edition, what: str) -> None:
    if ed.code != "26/2026":
        raise RuleNotPublished(f"{what} under edition {ed.code}", field="edition", value=ed.code, allowed=("26/2026",))


def commune_deadline(
    filed_on: datetime.date, *, edition: str | Edition | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """The last day of the commune's pre-assessment: 15 working days after filing.

    >>> import datetime
    >>> from ocop.cycle import commune_deadline
    >>> d = commune_deadline(datetime.date(2027, 1, 25), edition="26/2026")   # Tết 2027 falls in it
    >>> d.date, d.rule
    (datetime.date(2027, 2, 22), '26/2026 Art. 7.2: 15 working days from filing with the commune')

    :raises RuleNotPublished: the edition sets no such period in a public text.
    :raises CalendarNotCovered: the answer is outside the years the holiday data covers.
    """
    day = check_date(filed_on, field="filed_on")
    ed = _ed(edition)
    _need_26(ed, "the commune's pre-assessment period")
    return Deadline(
        add_working_days(day, 15, calendar=calendar),
        "26/2026 Art. 7.2: 15 working days from filing with the commune",
        ed.code,
        True,
        WORKING_DAYS,
    )


# (round number, proposals before (month, day), held before (month, day)), in calendar order.
_Schedule = tuple[tuple[int, tuple[int, int], tuple[int, int]], ...]
_PROVINCE_ROUNDS: _Schedule = ((1, (4, 30), (6, 30)), (2, (10, 30), (12, 30)))
_MINISTRY_ROUNDS: _Schedule = ((2, (1, 30), (3, 30)), (1, (7, 30), (9, 30)))
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _extra(value: object) -> tuple[tuple[datetime.date, datetime.date], ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValue(field="extra_rounds", value=value, allowed="pairs (proposals before, held before) of dates")
    out = []
    for pair in value:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise InvalidValue(field="extra_rounds", value=pair, allowed="a pair (proposals before, held before)")
        cutoff, held = (check_date(d, field="extra_rounds") for d in pair)
        if held <= cutoff:
            raise InvalidValue(
                "a round is held after its proposal cutoff", field="extra_rounds", value=pair, allowed="cutoff < held"
            )
        out.append((cutoff, held))
    return tuple(out)


def _round(
    proposed_on: datetime.date,
    edition: str | Edition | None,
    level: str,
    schedule: _Schedule,
    article: str,
    extra_rounds: object,
) -> Round:
    day = check_date(proposed_on, field="proposed_on")
    ed = _ed(edition)
    _need_26(ed, f"{level} rounds")
    extras = _extra(extra_rounds)
    if day.year >= datetime.MAXYEAR:
        raise InvalidValue(field="proposed_on", value=day, allowed=f"dates before {datetime.MAXYEAR}-01-01")
    # The first cutoff of the year not yet passed takes the dossier; past the last one,
    # it waits for the first round of the next year.
    found: Round | None = None
    for year in (day.year, day.year + 1):
        for number, (cm, cd), (hm, hd) in schedule:
            cutoff = datetime.date(year, cm, cd)
            if found is None and day < cutoff:
                rule = (
                    f"{article}: round {number} before {hd} {_MONTHS[hm - 1]}, "
                    f"for {'dossiers proposed' if level == 'province' else 'proposals'} before "
                    f"{cd} {_MONTHS[cm - 1]}"
                )
                found = Round(level, number, datetime.date(year, hm, hd), cutoff, rule, ed.code)
    assert found is not None  # a cutoff always follows within a year
    # An extra round (Art. 5: set in the council's rules and plan) takes the dossier when
    # it is held earlier than the statutory one.
    for cutoff, held in sorted(extras, key=lambda p: p[1]):
        if day < cutoff and held < found.held_by:
            rule = (
                f"{article}: an additional round before {held.isoformat()}, for proposals before {cutoff.isoformat()}"
            )
            return Round(level, 0, held, cutoff, rule, ed.code)
    return found


def provincial_round(
    proposed_on: datetime.date,
    *,
    edition: str | Edition | None = None,
    extra_rounds: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> Round:
    """The provincial round that takes a dossier the commune proposed on ``proposed_on``.

    Round 1 is held before 30 June for dossiers proposed before 30 April; round 2 before
    30 December for those proposed before 30 October; later ones wait for round 1 of
    the next year (26/2026 Art. 5.1).  ``held_by`` is the date the round must precede.
    A province may add rounds in its council's rules (Art. 5.1): pass them as
    ``extra_rounds``, pairs ``(proposals before, held before)``; an extra round held
    earlier takes the dossier, with ``number`` 0.

    >>> import datetime
    >>> from ocop.cycle import provincial_round
    >>> provincial_round(datetime.date(2026, 4, 15), edition="26/2026").held_by
    datetime.date(2026, 6, 30)
    >>> provincial_round(datetime.date(2026, 4, 30), edition="26/2026").held_by
    datetime.date(2026, 12, 30)
    >>> extra = [(datetime.date(2026, 7, 31), datetime.date(2026, 9, 15))]
    >>> provincial_round(datetime.date(2026, 4, 30), edition="26/2026", extra_rounds=extra).held_by
    datetime.date(2026, 9, 15)

    :raises RuleNotPublished: rounds of that edition are not in a public text.
    :raises InvalidValue: a malformed extra round.
    """
    return _round(proposed_on, edition, "province", _PROVINCE_ROUNDS, "26/2026 Art. 5.1", extra_rounds)


def ministry_round(
    proposed_on: datetime.date,
    *,
    edition: str | Edition | None = None,
    extra_rounds: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> Round:
    """The national (ministry) round that takes a province's 5★ proposal.

    Held before 30 September for proposals before 30 July, and before 30 March for
    proposals before 30 January (26/2026 Art. 5.2); the ministry may add rounds
    (``extra_rounds``, as for :func:`provincial_round`).

    >>> import datetime
    >>> from ocop.cycle import ministry_round
    >>> ministry_round(datetime.date(2026, 7, 29), edition="26/2026").held_by
    datetime.date(2026, 9, 30)
    >>> ministry_round(datetime.date(2026, 7, 30), edition="26/2026").held_by
    datetime.date(2027, 3, 30)
    """
    return _round(proposed_on, edition, "ministry", _MINISTRY_ROUNDS, "26/2026 Art. 5.2", extra_rounds)


def reevaluation_window(
    expires_on: datetime.date, *, calendar: WorkCalendar | None = None
) -> tuple[datetime.date, Deadline]:
    """First and last day to file re-evaluation: 180 to 120 days before expiry (Art. 7.6a).

    "Không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến ngày hết thời hạn": the
    first day is expiry - 180 and the last expiry - 120 (days counted back from the
    expiry day, which is not counted, Civil Code Art. 147).  The last day is a deadline
    to act, so a weekend or holiday moves it to the next working day (Art. 148.5).

    >>> import datetime
    >>> from ocop.cycle import reevaluation_window
    >>> first, last = reevaluation_window(datetime.date(2029, 6, 30))
    >>> first, last.date, last.unrolled                     # 2 Mar 2029 is a Friday
    (datetime.date(2029, 1, 1), datetime.date(2029, 3, 2), datetime.date(2029, 3, 2))
    >>> reevaluation_window(datetime.date(2029, 7, 1))[1].date   # 3 Mar is a Saturday
    datetime.date(2029, 3, 5)

    :raises CalendarNotCovered: the last day is outside the years the holiday data covers.
    """
    day = check_date(expires_on, field="expires_on")
    if day.toordinal() <= 180:
        raise InvalidValue(field="expires_on", value=day, allowed="dates after 0001-06-29")
    last = day - datetime.timedelta(days=120)
    return day - datetime.timedelta(days=180), Deadline(
        next_working_day(last, calendar=calendar),
        "26/2026 Art. 7.6a: re-evaluation filed no later than 120 days before expiry",
        "26/2026",
        False,
        CALENDAR_DAYS,
        last,
    )


def in_reevaluation_window(filed_on: object, expires_on: object, *, calendar: object = None) -> bool:
    """Whether a re-evaluation filed on ``filed_on`` is within the window (never raises)."""
    try:
        first, last = reevaluation_window(expires_on, calendar=calendar)  # type: ignore[arg-type]
        day = check_date(filed_on, field="filed_on")
    except OcopError:
        return False
    return first <= day <= last


def reevaluation_decision_due(received_on: datetime.date, *, calendar: WorkCalendar | None = None) -> Deadline:
    """The last day to decide a re-evaluation: 45 days from a complete dossier (Art. 7.6g).

    >>> import datetime
    >>> from ocop.cycle import reevaluation_decision_due
    >>> reevaluation_decision_due(datetime.date(2026, 7, 18)).date   # 1 Sep: National Day
    datetime.date(2026, 9, 3)
    """
    day = check_date(received_on, field="received_on")
    rule = "26/2026 Art. 7.6g: re-evaluation decided within 45 days"
    return _days_after(day, 45, rule, "26/2026", calendar, "received_on")


def revocation_due(concluded_on: datetime.date, *, calendar: WorkCalendar | None = None) -> Deadline:
    """The last day to revoke a certificate: 15 days after the finding (Art. 8.4)."""
    day = check_date(concluded_on, field="concluded_on")
    rule = "26/2026 Art. 8.4: revocation within 15 days of the finding"
    return _days_after(day, 15, rule, "26/2026", calendar, "concluded_on")


class PendingKind(enum.Enum):
    """Dossiers pending on 22 May 2026 (26/2026 Art. 12.2)."""

    FIRST_OR_UPGRADE = "first-or-upgrade"
    RE_EVALUATION = "re-evaluation"


def transitional_deadline(kind: PendingKind, *, calendar: WorkCalendar | None = None) -> Deadline:
    """When a dossier filed before 22 May 2026 must be finished under the old rules.

    60 days (first evaluations and upgrades) or 30 days (re-evaluations) "kể từ ngày
    Quyết định này có hiệu lực" (Art. 12.2): counted from 23 May, they end on 21 July
    (a Tuesday) and 21 June 2026 — a Sunday, so the re-evaluations' period ends on
    Monday 22 June (Civil Code Art. 148.5).

    >>> from ocop.cycle import transitional_deadline, PendingKind
    >>> transitional_deadline(PendingKind.FIRST_OR_UPGRADE).date, transitional_deadline(PendingKind.RE_EVALUATION).date
    (datetime.date(2026, 7, 21), datetime.date(2026, 6, 22))
    """
    if kind is PendingKind.FIRST_OR_UPGRADE:
        rule = "26/2026 Art. 12.2a: first evaluations and upgrades finish within 60 days"
        return _days_after(_IN_FORCE_26, 60, rule, "1489/2025", calendar, None)
    if kind is PendingKind.RE_EVALUATION:
        rule = "26/2026 Art. 12.2b: re-evaluations finish within 30 days"
        return _days_after(_IN_FORCE_26, 30, rule, "1489/2025", calendar, None)
    raise InvalidValue(field="kind", value=kind, allowed=[k.value for k in PendingKind])


def lapse_date() -> datetime.date:
    """The last day 148/2023 and 1489/2025 apply: 60 days after 22 May 2026 (Art. 11.2).

    "Hết hiệu lực sau 60 ngày kể từ ngày Quyết định này có hiệu lực": counted from 23
    May (Civil Code Art. 147), the 60 days end on 21 July 2026, the same day as the
    transitional deadline for first evaluations (Art. 12.2a); from 22 July they no longer
    apply.  No Art. 148.5 roll: the lapse is an effect of law, not a time to act in.

    >>> from ocop.cycle import lapse_date
    >>> lapse_date()
    datetime.date(2026, 7, 21)
    """
    return _IN_FORCE_26 + datetime.timedelta(days=60)
