"""Portfolios: an immutable collection of certificates and the queries public reports need.

Groupings by sector or group look the classification up once per sheet, not once per
certificate, so reports on tens of thousands of certificates stay fast.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from ocop._numbers import check_date
from ocop._shown import ShownConcisely
from ocop.certificates._certificate import USABLE, Certificate, StatusKind
from ocop.cycle._calendar import next_working_day
from ocop.errors import InvalidValue, OcopError

__all__ = ["Portfolio"]


_STARS = ["", "1★", "2★", "3★", "4★", "5★"]  # indexed by the star (an int); hashing the enum is slow


@functools.cache
def _sheet_key(edition: str, sheet: int, by: str) -> str:
    from ocop.criteria import classification

    # 1048 has its own classification; sheet numbers of 148/1489 are believed to follow 26/2026's.
    cls = classification(edition="1048/2019" if edition == "1048/2019" else "26/2026")
    if by == "sector":
        return cls.sector_of(sheet).code
    entry = cls.entry(sheet)
    return entry.code.rsplit(".", 1)[0] if entry.code.count(".") == 2 else entry.code


def _window_open(c: Certificate, day: datetime.date) -> bool:
    # Cheap bounds first: the window opens 180 days before expiry and its last day, 120
    # days before, can only move forward by a roll (never past a Tết-sized 30 days).
    gap = (c.valid_until - day).days
    if not 120 - 30 <= gap <= 180:
        return False
    if gap >= 120:  # from the first day to the unrolled last day: open, no calendar needed
        return True
    try:
        last = next_working_day(c.valid_until - _DAYS_120)  # the same roll as renewal_window
    except OcopError:  # the last day lies beyond the holiday calendar: not open in any covered year
        return False
    return day <= last


_DAYS_120 = datetime.timedelta(days=120)


def _certificates(value: object) -> tuple[Certificate, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValue(field="certificates", value=value, allowed="an iterable of ocop.Certificate")
    return tuple(value)


_BY = ("star", "sector", "group", "producer_type", "province", "edition", "sheet")


@attrs.frozen
class Portfolio(ShownConcisely):
    """An immutable collection of certificates, with the queries public reports need.

    >>> import datetime, ocop
    >>> base = dict(product="Chè", producer="HTX B", producer_type=ocop.ProducerType.COOPERATIVE,
    ...             sheet=11, issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 30))
    >>> p = ocop.Portfolio([ocop.Certificate(code=f"04-00001-{i}-2026", star=3 + i % 2, **base) for i in range(1, 6)])
    >>> p.counts(by="star"), p.counts(by="sector")
    ({'3★': 2, '4★': 3}, {'I': 5})
    >>> len(p.valid_on(datetime.date(2029, 7, 1)))
    0
    """

    certificates: tuple[Certificate, ...] = attrs.field(converter=_certificates)

    def __attrs_post_init__(self) -> None:
        for c in self.certificates:
            if not isinstance(c, Certificate):
                raise InvalidValue(field="certificates", value=c, allowed="ocop.Certificate instances")

    def __len__(self) -> int:
        return len(self.certificates)

    def __repr__(self) -> str:
        return f"<Portfolio of {len(self.certificates)} certificates: {self.counts('star')}>"

    def __iter__(self) -> Iterator[Certificate]:
        return iter(self.certificates)

    def _key(self, c: Certificate, by: str) -> str:
        if by == "star":
            return _STARS[c.star]
        if by in {"sector", "group"}:
            return _sheet_key(c.edition.code, c.sheet, by)
        if by == "producer_type":
            return c.producer_type.value
        if by == "province":
            return c.code.province
        if by == "edition":
            return c.edition.code
        return str(c.sheet)

    def counts(self, by: str = "star") -> dict[str, int]:
        """Certificates counted by ``star``, ``sector``, ``group``, ``producer_type``, etc.

        ``by`` is one of ``star``, ``sector``, ``group``, ``producer_type``,
        ``province``, ``edition`` or ``sheet``; keys come out in sorted order.

        :raises InvalidValue: unknown grouping.
        """
        if by not in _BY:
            raise InvalidValue(field="by", value=by, allowed=_BY)
        counter = Counter(self._key(c, by) for c in self.certificates)
        return dict(sorted(counter.items()))

    def producers(self, by: str = "producer_type") -> dict[str, int]:
        """Distinct producers, counted by ``producer_type`` (or any grouping of :meth:`counts`)."""
        if by not in _BY:
            raise InvalidValue(field="by", value=by, allowed=_BY)
        seen: dict[str, str] = {}
        for c in self.certificates:
            seen.setdefault(c.producer, self._key(c, by))
        counter = Counter(seen.values())
        return dict(sorted(counter.items()))

    def filter(self, keep: Any) -> Portfolio:
        """A portfolio of the certificates for which ``keep(certificate)`` is true."""
        if not callable(keep):
            raise InvalidValue(field="keep", value=keep, allowed="a function of a certificate")
        return Portfolio(c for c in self.certificates if keep(c))

    def valid_on(self, on: datetime.date) -> Portfolio:
        """The certificates valid (or in grace) on ``on``."""
        day = check_date(on, field="on")
        return self.filter(lambda c: c.kind_on(day) in USABLE)

    def expiring_within(self, on: datetime.date, days: int) -> Portfolio:
        """Valid certificates whose last valid day falls within ``days`` days of ``on``."""
        day = check_date(on, field="on")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidValue(field="days", value=days, allowed="an integer >= 0")
        end = day + datetime.timedelta(days=days)
        return self.filter(lambda c: c.valid_until <= end and c.kind_on(day) is StatusKind.VALID)

    def due_for_reevaluation(self, on: datetime.date) -> Portfolio:
        """Valid certificates whose re-evaluation window is open on ``on``."""
        day = check_date(on, field="on")
        return self.filter(lambda c: _window_open(c, day) and c.kind_on(day) is StatusKind.VALID)

    def revoked_between(self, start: datetime.date, end: datetime.date) -> Portfolio:
        """Certificates revoked by a decision dated from ``start`` to ``end`` inclusive."""
        first, last = check_date(start, field="start"), check_date(end, field="end")
        return self.filter(lambda c: c.revocation is not None and first <= c.revocation.decided_on <= last)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per certificate, dates as ``datetime64`` (requires ``pandas``)."""
        from ocop.io import to_frame

        return to_frame(self)

    def extend(self, certificates: Iterable[Certificate]) -> Portfolio:
        """A portfolio with more certificates."""
        if isinstance(certificates, (str, bytes, Mapping)) or not isinstance(certificates, Iterable):
            raise InvalidValue(field="certificates", value=certificates, allowed="a collection of certificates")
        return Portfolio((*self.certificates, *certificates))
