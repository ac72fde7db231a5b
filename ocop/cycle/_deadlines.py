"""Legal deadlines and evaluation rounds, with the rule and edition behind each answer.

Counting: a period in days starts the day after the event (Civil Code 2015, Art. 147:
"ngày đầu tiên của thời hạn không được tính"); working days skip weekends and Vietnamese
public holidays (:func:`ocop.cycle.add_working_days`).  Calendar periods use
python-dateutil.  References: 26/2026/QĐ-TTg Art. 5 (rounds), Art. 7.2 (commune: 15
working days), Art. 7.6 (re-evaluation window and 45 days), Art. 8 (revocation within 15
days), Art. 12.2 (transitional 60 / 30 days).
"""

from __future__ import annotations

import datetime
import enum

from dateutil.relativedelta import relativedelta

from ocop._editions import Edition, default_edition
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop.cycle._calendar import add_working_days
from ocop.errors import InvalidValue, RuleNotPublished

__all__ = [
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


class _LegalDate(datetime.date):
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


class Deadline(_LegalDate):
    """A legal deadline: the date itself, with ``rule``, ``edition`` and ``working_days``.

    >>> import datetime
    >>> from ocop.cycle import revocation_due
    >>> d = revocation_due(datetime.date(2026, 12, 20))
    >>> d == datetime.date(2027, 1, 4), d.rule, d.edition
    (True, '26/2026 Art. 8: revocation within 15 days of the finding', '26/2026')
    """

    rule: str
    edition: str
    working_days: bool

    def __new__(cls, day: datetime.date, rule: str, edition: str, working_days: bool = False) -> Deadline:
        return super().__new__(cls, day, rule=rule, edition=edition, working_days=working_days)  # type: ignore[return-value]


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


def commune_deadline(filed_on: datetime.date, *, edition: str | Edition | None = None) -> Deadline:
    """The last day of the commune's pre-assessment: 15 working days after filing.

    >>> import datetime
    >>> from ocop.cycle import commune_deadline
    >>> d = commune_deadline(datetime.date(2027, 1, 25), edition="26/2026")   # Tết 2027 falls in it
    >>> d.date, d.rule
    (datetime.date(2027, 2, 22), '26/2026 Art. 7.2: 15 working days from filing with the commune')

    :raises RuleNotPublished: the edition sets no such period in a public text.
    """
    day = check_date(filed_on, field="filed_on")
    ed = _ed(edition)
    _need_26(ed, "the commune's pre-assessment period")
    return Deadline(
        add_working_days(day, 15), "26/2026 Art. 7.2: 15 working days from filing with the commune", ed.code, True
    )


# (round number, proposals before (month, day), held before (month, day)), in calendar order.
_Schedule = tuple[tuple[int, tuple[int, int], tuple[int, int]], ...]
_PROVINCE_ROUNDS: _Schedule = ((1, (4, 30), (6, 30)), (2, (10, 30), (12, 30)))
_MINISTRY_ROUNDS: _Schedule = ((2, (1, 30), (3, 30)), (1, (7, 30), (9, 30)))
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _round(
    proposed_on: datetime.date, edition: str | Edition | None, level: str, schedule: _Schedule, article: str
) -> Round:
    day = check_date(proposed_on, field="proposed_on")
    ed = _ed(edition)
    _need_26(ed, f"{level} rounds")
    # The first cutoff of the year not yet passed takes the dossier; past the last one,
    # it waits for the first round of the next year.
    for year in (day.year, day.year + 1):
        for number, (cm, cd), (hm, hd) in schedule:
            cutoff = datetime.date(year, cm, cd)
            if day < cutoff:
                rule = (
                    f"{article}: round {number} before {hd} {_MONTHS[hm - 1]}, "
                    f"for {'dossiers proposed' if level == 'province' else 'proposals'} before "
                    f"{cd} {_MONTHS[cm - 1]}"
                )
                return Round(level, number, datetime.date(year, hm, hd), cutoff, rule, ed.code)
    raise AssertionError("a cutoff always follows within a year")  # pragma: no cover


def provincial_round(proposed_on: datetime.date, *, edition: str | Edition | None = None) -> Round:
    """The provincial round that takes a dossier the commune proposed on ``proposed_on``.

    Round 1 is held before 30 June for dossiers proposed before 30 April; round 2 before
    30 December for those proposed before 30 October; later ones wait for round 1 of
    the next year (26/2026 Art. 5.1).  ``held_by`` is the date the round must precede.

    >>> import datetime
    >>> from ocop.cycle import provincial_round
    >>> provincial_round(datetime.date(2026, 4, 15), edition="26/2026").held_by
    datetime.date(2026, 6, 30)
    >>> provincial_round(datetime.date(2026, 4, 30), edition="26/2026").held_by
    datetime.date(2026, 12, 30)

    :raises RuleNotPublished: rounds of that edition are not in a public text.
    """
    return _round(proposed_on, edition, "province", _PROVINCE_ROUNDS, "26/2026 Art. 5.1")


def ministry_round(proposed_on: datetime.date, *, edition: str | Edition | None = None) -> Round:
    """The national (ministry) round that takes a province's 5★ proposal.

    Held before 30 September for proposals before 30 July, and before 30 March for
    proposals before 30 January (26/2026 Art. 5.2).

    >>> import datetime
    >>> from ocop.cycle import ministry_round
    >>> ministry_round(datetime.date(2026, 7, 29), edition="26/2026").held_by
    datetime.date(2026, 9, 30)
    >>> ministry_round(datetime.date(2026, 7, 30), edition="26/2026").held_by
    datetime.date(2027, 3, 30)
    """
    return _round(proposed_on, edition, "ministry", _MINISTRY_ROUNDS, "26/2026 Art. 5.2")


def reevaluation_window(expires_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day to file re-evaluation: 180 to 120 days before expiry (Art. 7.6a).

    >>> import datetime
    >>> from ocop.cycle import reevaluation_window
    >>> reevaluation_window(datetime.date(2029, 6, 30))
    (datetime.date(2029, 1, 1), datetime.date(2029, 3, 2))
    """
    day = check_date(expires_on, field="expires_on")
    return day - relativedelta(days=180), day - relativedelta(days=120)


def in_reevaluation_window(filed_on: object, expires_on: object) -> bool:
    """Whether a re-evaluation filed on ``filed_on`` is within the window (never raises)."""
    try:
        first, last = reevaluation_window(expires_on)  # type: ignore[arg-type]
        day = check_date(filed_on, field="filed_on")
    except (InvalidValue, OverflowError):
        return False
    return first <= day <= last


def reevaluation_decision_due(received_on: datetime.date) -> Deadline:
    """The last day to decide a re-evaluation: 45 days from a complete dossier (Art. 7.6)."""
    day = check_date(received_on, field="received_on")
    return Deadline(day + relativedelta(days=45), "26/2026 Art. 7.6: re-evaluation decided within 45 days", "26/2026")


def revocation_due(concluded_on: datetime.date) -> Deadline:
    """The last day to revoke a certificate: 15 days after the finding (Art. 8)."""
    day = check_date(concluded_on, field="concluded_on")
    return Deadline(day + relativedelta(days=15), "26/2026 Art. 8: revocation within 15 days of the finding", "26/2026")


class PendingKind(enum.Enum):
    """Dossiers pending on 22 May 2026 (26/2026 Art. 12.2)."""

    FIRST_OR_UPGRADE = "first-or-upgrade"
    RE_EVALUATION = "re-evaluation"


def transitional_deadline(kind: PendingKind) -> Deadline:
    """When a dossier filed before 22 May 2026 must be finished under the old rules.

    >>> from ocop.cycle import transitional_deadline, PendingKind
    >>> transitional_deadline(PendingKind.FIRST_OR_UPGRADE).date, transitional_deadline(PendingKind.RE_EVALUATION).date
    (datetime.date(2026, 7, 21), datetime.date(2026, 6, 21))
    """
    if kind is PendingKind.FIRST_OR_UPGRADE:
        return Deadline(
            _IN_FORCE_26 + relativedelta(days=60),
            "26/2026 Art. 12.2a: first evaluations and upgrades finish within 60 days",
            "1489/2025",
        )
    if kind is PendingKind.RE_EVALUATION:
        return Deadline(
            _IN_FORCE_26 + relativedelta(days=30),
            "26/2026 Art. 12.2b: re-evaluations finish within 30 days",
            "1489/2025",
        )
    raise InvalidValue(field="kind", value=kind, allowed=[k.value for k in PendingKind])
