"""OCOP certificates (giấy chứng nhận): validity, re-evaluation, upgrade, revocation.

References: 26/2026/QĐ-TTg Art. 2.3 (who may apply), Art. 4.1 and 4.3 (who recognises;
"có giá trị trong thời hạn 36 tháng kể từ ngày cơ quan có thẩm quyền ban hành"), Art.
7.6 (re-evaluation filed 180 to 120 days before expiry), Art. 8 (revocation: six grounds,
within 15 days), Arts. 11-12 (the old editions lapse; earlier certificates stay valid
to their expiry; the grace for re-evaluations that could not meet the window).

**Validity, decided** (Art. 4.3 with Civil Code 2015 Arts. 147 and 148.1-148.2).  By
default (:attr:`ValidityCounting.CIVIL_CODE`) the issue day is the event and is not
counted: the 36 months run from the next day and end at the end of the corresponding
day of the last month — the same calendar day three years on — or of that month's last
day when it has none (29 Feb 2024 → 28 Feb 2027).  The other reading,
:attr:`ValidityCounting.ISSUE_DAY_COUNTED`, counts the issue day as the first day of the
36 months, so validity ends one day earlier (30 Jun 2026 → 29 Jun 2029).  The end of
validity is not a time to act in, so it is never moved off a weekend (Art. 148.5 applies
to the filing window and decision deadlines instead).
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
from typing import Any

import attrs

from ocop._editions import Authority, Edition, Star, edition_in_force
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop._shown import Shown, ShownConcisely
from ocop._validators import instance_of
from ocop.certificates._codes import ProductCode, to_code
from ocop.cycle._deadlines import Deadline, lapse_date, reevaluation_window
from ocop.cycle._procedure import State, recognising_authorities
from ocop.errors import CertificateError, InvalidValue, OcopError

__all__ = [
    "DISTRICT_LEVEL_ENDED",
    "GRACE_DAYS",
    "VALIDITY_MONTHS",
    "Certificate",
    "ProducerType",
    "Renewal",
    "Revocation",
    "RevocationGround",
    "Status",
    "StatusKind",
    "ValidityCounting",
    "add_months",
    "issuers",
]

VALIDITY_MONTHS = 36
GRACE_DAYS = 180
#: District-level government ended on 1 July 2025 (two-level local government); no
#: district could recognise a product from that day, though 148/2023 ran to 5 July.
DISTRICT_LEVEL_ENDED = datetime.date(2025, 7, 1)
_IN_FORCE_26 = datetime.date(2026, 5, 22)
_TRANSITIONAL = frozenset({"1489/2025"})


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on, clipped to the month's last day.

    Civil Code 2015 Art. 148.1-148.2: a period in months ends on the corresponding day
    of its last month, or on that month's last day when it has no such day.

    >>> import datetime
    >>> from ocop.certificates import add_months
    >>> add_months(datetime.date(2024, 2, 29), 36), add_months(datetime.date(2026, 5, 31), 1)
    (datetime.date(2027, 2, 28), datetime.date(2026, 6, 30))

    :raises InvalidDate: ``day`` is not a date.
    :raises InvalidValue: ``months`` is not an integer, or the answer would fall outside years 1 to 9999.
    """
    day = check_date(day, field="day")
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidValue(field="months", value=months, allowed="an integer")
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise InvalidValue(field="months", value=months, allowed="a result within years 1 to 9999")
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class ValidityCounting(enum.Enum):
    """How the 36 months of Art. 4.3 are counted (see the module notes)."""

    CIVIL_CODE = "civil-code"  # issue day not counted: valid through the same day 36 months on
    ISSUE_DAY_COUNTED = "issue-day-counted"  # issue day is day one: valid through the day before


@functools.cache
def _until_civil(issued_on: datetime.date) -> datetime.date:
    return add_months(issued_on, VALIDITY_MONTHS)


@functools.cache
def _until_counted(issued_on: datetime.date) -> datetime.date:
    return add_months(issued_on - datetime.timedelta(days=1), VALIDITY_MONTHS)


def _until(issued_on: datetime.date, validity: ValidityCounting) -> datetime.date:
    # cached per issue date (portfolio reports ask it of every certificate, and issue
    # dates repeat); keyed by the date alone, as hashing an enum member is slow
    if validity is ValidityCounting.CIVIL_CODE:
        return _until_civil(issued_on)
    return _until_counted(issued_on)


class ProducerType(enum.Enum):
    """Who may apply (chủ thể OCOP, 26/2026 Art. 2.3)."""

    COOPERATIVE = "cooperative"  # hợp tác xã
    COOPERATIVE_GROUP = "cooperative-group"  # tổ hợp tác
    SME = "sme"  # doanh nghiệp nhỏ và vừa
    FARM_OR_HOUSEHOLD = "farm-or-household"  # trang trại, hộ sản xuất, hộ gia đình có đăng ký kinh doanh
    TOURISM_ASSOCIATION = "tourism-association"  # hội, hiệp hội, trung tâm điều hành (tourism only)


class RevocationGround(enum.Enum):
    """The six grounds for revoking a certificate (26/2026 Art. 8.1)."""

    FALSE_INFORMATION = "a"  # thông tin giả mạo, không trung thực
    NO_LONGER_MEETS_CRITERIA = "b"  # không còn đáp ứng Bộ tiêu chí (kết luận kiểm tra)
    LAW_VIOLATION = "c"  # vi phạm quy định về chất lượng, ATTP, môi trường, SHTT, nhãn…
    MARK_MISUSE = "d"  # sử dụng nhãn hiệu OCOP gây nhầm lẫn
    PRODUCTION_STOPPED = "đ"  # chủ thể ngừng sản xuất
    OTHER = "e"  # trường hợp khác theo kết luận của cơ quan có thẩm quyền


class StatusKind(enum.Enum):
    """The status of a certificate on a date."""

    NOT_YET_ISSUED = "not-yet-issued"
    VALID = "valid"
    IN_GRACE = "in-renewal-grace"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


@attrs.frozen
class Status(Shown):
    """A certificate's status on a date, with the rule that decided it."""

    kind: StatusKind
    rule: str

    @property
    def valid(self) -> bool:
        """Whether the certificate may be used on that date (valid or in grace)."""
        return self.kind in USABLE


#: The status kinds in which a certificate may be used.
USABLE = frozenset({StatusKind.VALID, StatusKind.IN_GRACE})
_RULES = {
    StatusKind.NOT_YET_ISSUED: "before the issue date",
    StatusKind.VALID: "within 36 months of issue (Art. 4.3)",
    StatusKind.IN_GRACE: "late re-evaluation pending (Art. 12.3)",
    StatusKind.EXPIRED: "36 months after issue have passed (Art. 4.3)",
}


def _concluded_on(value: object) -> datetime.date:
    return check_date(value, field="concluded_on")


def _decided_on(value: object) -> datetime.date:
    return check_date(value, field="decided_on")


def _filed_on(value: object) -> datetime.date:
    return check_date(value, field="filed_on")


def _issued_on(value: object) -> datetime.date:
    return check_date(value, field="issued_on")


def _maybe_decided_on(value: object) -> datetime.date | None:
    return None if value is None else check_date(value, field="decided_on")


def _superseded_on(value: object) -> datetime.date | None:
    return None if value is None else check_date(value, field="superseded_on")


def _supersedes(value: object) -> ProductCode | None:
    return None if value is None else to_code(value)


@attrs.frozen
class Revocation(Shown):
    """A revocation: the ground, the finding it rests on, the decision and who took it.

    :raises InvalidValue: a field of the wrong type.
    :raises CertificateError: decided before the finding, or by a level that cannot revoke.
    """

    ground: RevocationGround = attrs.field(validator=instance_of(RevocationGround))
    concluded_on: datetime.date = attrs.field(converter=_concluded_on)
    decided_on: datetime.date = attrs.field(converter=_decided_on)
    by: Authority = attrs.field(validator=instance_of(Authority))

    def __attrs_post_init__(self) -> None:
        if self.decided_on < self.concluded_on:
            raise CertificateError(
                "a revocation is decided on or after its finding",
                field="decided_on",
                value=self.decided_on,
                allowed=f"dates from {self.concluded_on.isoformat()}",
            )
        if self.by not in (Authority.PROVINCE, Authority.MINISTRY):
            raise CertificateError(
                "only the province or the ministry revokes (Art. 8.2)",
                field="by",
                value=self.by.value,
                allowed=("province", "ministry"),
            )

    @property
    def within_deadline(self) -> bool:
        """Whether the decision came within 15 days of the finding (Art. 8.4).

        Counted as :func:`ocop.cycle.revocation_due` does (Civil Code Arts. 147, 148.5);
        findings outside the years the holiday calendar covers use the plain 15 days.
        """
        from ocop.cycle import revocation_due

        try:
            return self.decided_on <= revocation_due(self.concluded_on)
        except OcopError:
            return self.decided_on.toordinal() - self.concluded_on.toordinal() <= 15


@attrs.frozen
class Renewal(Shown):
    """A re-evaluation (phân hạng lại) filed for a certificate, and when it was decided.

    :raises InvalidDate: a date field is not a date.
    :raises CertificateError: decided before it was filed.
    """

    filed_on: datetime.date = attrs.field(converter=_filed_on)
    decided_on: datetime.date | None = attrs.field(default=None, converter=_maybe_decided_on)

    def __attrs_post_init__(self) -> None:
        if self.decided_on is not None and self.decided_on < self.filed_on:
            raise CertificateError("decided before filed", field="decided_on", value=self.decided_on)


def _star(value: object) -> Star:
    if isinstance(value, bool) or not isinstance(value, int) or value not in (3, 4, 5):
        raise CertificateError(
            "1★ and 2★ products get no recognition and no certificate (Art. 4.1a)",
            field="star",
            value=value,
            allowed=(3, 4, 5),
        )
    return Star(value)


def _edition_of(value: object) -> Edition:
    return _edition(value)  # type: ignore[arg-type]


def _last_day(ed: Edition) -> datetime.date | None:
    """The last day an edition governed evaluations (inclusive)."""
    if ed.code in _TRANSITIONAL:
        # 26/2026 Art. 11.2: 148 as amended by 1489 lapses 60 days after 22 May 2026;
        # dossiers pending on that day finish under it within the same 60 days (Art.
        # 12.2a).  148 alone gave way to 1489 on 6 Jul 2025 (in_force_until).
        return lapse_date()
    return ed.in_force_until


def issuers(edition: str | Edition, star: int, on: datetime.date) -> tuple[Authority, ...]:
    """The levels that may recognise ``star`` under ``edition`` on ``on``.

    Taken from the edition's procedure (the actors of its steps that end in that star),
    so certificates and the procedure agree: under 148/2023 the district recognises 3★
    and, on a result below 70 at the province, the province may too (unconfirmed); no
    district recognises anything from 1 July 2025, when the district level ended.
    Editions whose procedure is not modelled use the edition's recognition table.

    >>> import datetime
    >>> from ocop.certificates import issuers
    >>> [a.value for a in issuers("148/2023", 3, datetime.date(2024, 5, 1))]
    ['district', 'province']
    >>> [a.value for a in issuers("148/2023", 3, datetime.date(2025, 7, 2))]
    ['province']
    """
    ed = _edition(edition)
    level = _star(star)
    day = check_date(on, field="on")
    found = recognising_authorities(ed, State(f"recognised-{int(level)}"))
    out = found if found is not None else (ed.recognised_by[level],)
    return tuple(a for a in out if not (a is Authority.DISTRICT and day >= DISTRICT_LEVEL_ENDED))


@attrs.frozen
class Certificate(ShownConcisely):
    """A certificate recognising an OCOP product of 3★ to 5★.

    ``edition`` is the edition under which the product was evaluated; by default the
    edition in force on the issue date.  The issuer must be a level that edition gives
    the star (:func:`ocop.certificates.issuers`).  ``validity`` chooses how the 36 months are counted.

    >>> import datetime, ocop
    >>> c = ocop.Certificate(code="04-01234-7-2026", product="Miến dong", producer="HTX A",
    ...     producer_type=ocop.ProducerType.COOPERATIVE, sheet=6, star=4,
    ...     issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 30))
    >>> c.valid_until, [d.isoformat() for d in c.renewal_window()]
    (datetime.date(2029, 6, 30), ['2029-01-01', '2029-03-02'])
    >>> c.status_on(datetime.date(2029, 6, 30)).kind, c.status_on(datetime.date(2029, 7, 1)).kind
    (<StatusKind.VALID: 'valid'>, <StatusKind.EXPIRED: 'expired'>)
    >>> import attrs
    >>> attrs.evolve(c, validity=ocop.certificates.ValidityCounting.ISSUE_DAY_COUNTED).valid_until
    datetime.date(2029, 6, 29)

    :raises CertificateError: the fields do not agree with the rules.
    :raises InvalidValue: a field of the wrong type.
    """

    code: ProductCode = attrs.field(converter=to_code)
    product: str = attrs.field(validator=instance_of(str))
    producer: str = attrs.field(validator=instance_of(str))
    producer_type: ProducerType = attrs.field(validator=instance_of(ProducerType))
    sheet: int = attrs.field()
    star: Star = attrs.field(converter=_star)
    issued_by: Authority = attrs.field(validator=instance_of(Authority))
    issued_on: datetime.date = attrs.field(converter=_issued_on)
    edition: Edition = attrs.field(
        default=attrs.Factory(lambda self: edition_in_force(self.issued_on), takes_self=True),
        converter=_edition_of,
    )
    revocation: Revocation | None = attrs.field(default=None, validator=instance_of(Revocation, optional=True))
    renewal: Renewal | None = attrs.field(default=None, validator=instance_of(Renewal, optional=True))
    superseded_on: datetime.date | None = attrs.field(default=None, converter=_superseded_on)
    supersedes: ProductCode | None = attrs.field(default=None, converter=_supersedes)
    validity: ValidityCounting = attrs.field(
        default=ValidityCounting.CIVIL_CODE, validator=instance_of(ValidityCounting)
    )

    @sheet.validator
    def _check_sheet(self, _: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
            raise CertificateError(field="sheet", value=value, allowed="integers 1 to 26")

    def __attrs_post_init__(self) -> None:
        ed, on = self.edition, self.issued_on
        last = _last_day(ed)
        if on < ed.in_force_from or (last is not None and on > last):
            raise CertificateError(
                f"edition {ed.code} did not govern evaluations on {on.isoformat()}",
                field="edition",
                value=ed.code,
                allowed=edition_in_force(on).code,
            )
        allowed = issuers(ed, self.star, on)
        if self.issued_by not in allowed:
            why = "the district level ended on 1 Jul 2025; " if self.issued_by is Authority.DISTRICT else ""
            raise CertificateError(
                f"{why}under {ed.code} a {self.star} product is recognised by the "
                f"{' or '.join(a.value for a in allowed) or 'no level on this date'}",
                field="issued_by",
                value=self.issued_by.value,
                allowed=tuple(a.value for a in allowed),
            )
        if self.producer_type is ProducerType.TOURISM_ASSOCIATION and self.sheet != 26:
            raise CertificateError(
                "associations and operating centres may apply only for tourism products (Art. 2.3)",
                field="producer_type",
                value=self.producer_type.value,
                allowed="sheet 26",
            )
        if self.code.year > on.year:
            raise CertificateError(
                "the code's evaluation year is after the issue date",
                field="code",
                value=str(self.code),
                allowed=f"years 2019 to {on.year}",
            )
        dates = {
            "revocation": self.revocation.decided_on if self.revocation else None,
            "renewal": self.renewal.filed_on if self.renewal else None,
            "superseded_on": self.superseded_on,
        }
        for name, day in dates.items():
            if day is not None and day < on:
                raise CertificateError(f"{name} before the issue date", field=name, value=day)
        if self.revocation is not None:
            needed = Authority.MINISTRY if self.star == Star.FIVE else Authority.PROVINCE
            if self.revocation.by is not needed:
                raise CertificateError(
                    f"a {self.star} certificate is revoked by the {needed.value} (Art. 8.2)",
                    field="revocation",
                    value=self.revocation.by.value,
                    allowed=(needed.value,),
                )
        try:
            add_months(on, VALIDITY_MONTHS + 7)  # the validity and the longest grace after it fit the calendar
        except InvalidValue:
            raise CertificateError(
                "the validity and its grace would end after year 9999", field="issued_on", value=on
            ) from None

    @property
    def valid_until(self) -> datetime.date:
        """The last day on which the certificate is valid (36 months, Art. 4.3; see ``validity``)."""
        return _until(self.issued_on, self.validity)

    def renewal_window(self) -> tuple[datetime.date, Deadline]:
        """First and last day to file re-evaluation: 180 to 120 days before expiry (Art. 7.6a).

        :raises CalendarNotCovered: the last day falls outside the holiday data's years.
        """
        return reevaluation_window(self.valid_until)

    def notice_due(self) -> datetime.date:
        """148-era rule: the issuer notifies the producer at least 30 days before expiry.

        As reported of Decision 148 (its text is not public); 26/2026 has no such duty.
        """
        return self.valid_until - datetime.timedelta(days=30)

    def renewal_edition(self, on: datetime.date) -> Edition:
        """The edition that governs a re-evaluation filed on ``on`` (Art. 12: the rules in force)."""
        return edition_in_force(check_date(on, field="on"))

    def status_on(self, on: datetime.date) -> Status:
        """The status on ``on``, with the rule that decided it.

        :raises InvalidDate: ``on`` is not a date.
        """
        kind = self.kind_on(check_date(on, field="on"))
        if kind is StatusKind.REVOKED:
            assert self.revocation is not None
            return Status(kind, f"revoked on {self.revocation.decided_on.isoformat()} (Art. 8)")
        if kind is StatusKind.SUPERSEDED:
            assert self.superseded_on is not None
            return Status(kind, f"replaced on {self.superseded_on.isoformat()} by a new certificate")
        return Status(kind, _RULES[kind])

    def kind_on(self, day: datetime.date) -> StatusKind:
        """The kind of :meth:`status_on` alone: the fast path of portfolio queries.

        :raises InvalidDate: ``day`` is not a date.
        """
        if type(day) is not datetime.date:  # the exact type first: the common case stays cheap
            day = check_date(day, field="day")
        if day < self.issued_on:
            return StatusKind.NOT_YET_ISSUED
        if self.revocation is not None and day >= self.revocation.decided_on:
            return StatusKind.REVOKED
        if self.superseded_on is not None and day >= self.superseded_on:
            return StatusKind.SUPERSEDED
        if day <= _until(self.issued_on, self.validity):
            return StatusKind.VALID
        grace = self.grace_period()
        if grace is not None and grace[0] <= day <= grace[1]:
            return StatusKind.IN_GRACE
        return StatusKind.EXPIRED

    def grace_period(self) -> tuple[datetime.date, datetime.date] | None:
        """The days the Art. 12.3 grace keeps an expired certificate valid, or ``None``.

        Art. 12.3 is transitional: a certificate issued before 26/2026 took effect whose
        re-evaluation could not be filed in the 180-120 day window stays valid "đến ngày
        có kết quả xử lý" — from the filing of the late dossier, while it is pending,
        through the day of the decision — and never past 180 days after expiry (counted
        from the day after expiry, Civil Code Art. 147).  Before the filing it is expired.
        """
        if self.renewal is None or self.issued_on >= _IN_FORCE_26:
            return None
        # issued before 2026, so the window lies well inside the holiday calendar
        first, last = self.renewal_window()
        if first <= self.renewal.filed_on <= last:
            return None
        expiry = self.valid_until
        start = max(expiry + datetime.timedelta(days=1), self.renewal.filed_on)
        end = expiry + datetime.timedelta(days=GRACE_DAYS)
        if self.renewal.decided_on is not None:
            end = min(end, self.renewal.decided_on)
        return (start, end) if start <= end else None

    def is_valid_on(self, on: object) -> bool:
        """Whether the certificate may be used on ``on`` (never raises)."""
        try:
            return self.status_on(on).valid  # type: ignore[arg-type]
        except OcopError:
            return False

    def revoke(
        self, ground: RevocationGround, *, concluded_on: datetime.date, decided_on: datetime.date, by: Authority
    ) -> Certificate:
        """A copy revoked on ``decided_on`` (province for 3★/4★, ministry for 5★, Art. 8).

        :raises CertificateError: already revoked, wrong authority, or dates out of order.
        """
        if self.revocation is not None:
            raise CertificateError("already revoked", field="revocation", value=self.revocation.decided_on)
        if not isinstance(ground, RevocationGround):
            raise InvalidValue(field="ground", value=ground, allowed=[g.name for g in RevocationGround])
        if not isinstance(by, Authority):
            raise InvalidValue(field="by", value=by, allowed=[a.value for a in Authority])
        needed = Authority.MINISTRY if self.star == Star.FIVE else Authority.PROVINCE
        if by is not needed:
            raise CertificateError(
                f"a {self.star} certificate is revoked by the {needed.value} (Art. 8)",
                field="by",
                value=by.value,
                allowed=(needed.value,),
            )
        revocation = Revocation(ground, concluded_on, decided_on, by)
        if revocation.decided_on < self.issued_on:
            raise CertificateError(
                "revocation decided before the issue", field="decided_on", value=revocation.decided_on
            )
        return attrs.evolve(self, revocation=revocation)

    def _successor(
        self, star: Star, day: datetime.date, code: str | ProductCode | None, issued_by: Authority | None
    ) -> Certificate:
        ed = edition_in_force(day)
        return Certificate(
            code=self.code if code is None else code,
            product=self.product,
            producer=self.producer,
            producer_type=self.producer_type,
            sheet=self.sheet,
            star=star,
            issued_by=issuers(ed, star, day)[0] if issued_by is None else issued_by,
            issued_on=day,
            supersedes=self.code,
            validity=self.validity,
        )

    def upgrade(
        self,
        star: int,
        *,
        issued_on: datetime.date,
        code: str | ProductCode | None = None,
        issued_by: Authority | None = None,
    ) -> tuple[Certificate, Certificate]:
        """Upgrade (nâng hạng): a new certificate that supersedes this one.

        Returns ``(old, new)``: the old one marked superseded on the new issue date, and
        the new one pointing back at it; keep both to keep the history.
        """
        day = check_date(issued_on, field="issued_on")
        new_star = _star(star)
        if new_star <= self.star:
            raise CertificateError(
                "an upgrade raises the star", field="star", value=star, allowed=[s for s in (3, 4, 5) if s > self.star]
            )
        new = self._successor(new_star, day, code, issued_by)
        return attrs.evolve(self, superseded_on=day), new

    def reevaluate(
        self,
        star: int | None,
        *,
        decided_on: datetime.date,
        filed_on: datetime.date | None = None,
        code: str | ProductCode | None = None,
        issued_by: Authority | None = None,
    ) -> tuple[Certificate, Certificate | None]:
        """The outcome of a re-evaluation (phân hạng lại, Art. 7.6): ``(old, new)``.

        ``star`` is the rank the re-evaluation recognised — the same (a new 36 months),
        higher or lower — or ``None`` when the product scored 1★/2★ and loses
        recognition (Art. 4.1a: no decision, no certificate).  The old certificate
        records the re-evaluation as decided; with a new certificate it is superseded
        on the decision day, without one it runs to its own end (a grace, if any, ends
        on the decision day).  ``filed_on`` is needed unless :meth:`with_renewal`
        already recorded the filing.

        >>> import datetime, ocop
        >>> c = ocop.Certificate(code="04-01234-7-2026", product="Chè", producer="HTX A",
        ...     producer_type=ocop.ProducerType.COOPERATIVE, sheet=11, star=4,
        ...     issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 30))
        >>> old, new = c.reevaluate(3, filed_on=datetime.date(2029, 2, 1), decided_on=datetime.date(2029, 3, 10))
        >>> old.status_on(datetime.date(2029, 3, 10)).kind.value, new.star, new.valid_until
        ('superseded', <Star.THREE: 3>, datetime.date(2032, 3, 10))
        >>> old, new = c.reevaluate(None, filed_on=datetime.date(2029, 2, 1), decided_on=datetime.date(2029, 3, 10))
        >>> new, old.status_on(datetime.date(2029, 6, 30)).kind.value
        (None, 'valid')

        :raises CertificateError: no filing known, revoked, or dates out of order.
        """
        if self.revocation is not None:
            raise CertificateError("a revoked certificate is not re-evaluated", field="revocation")
        day = check_date(decided_on, field="decided_on")
        if filed_on is not None:
            renewal = Renewal(filed_on, day)
        elif self.renewal is not None:
            renewal = Renewal(self.renewal.filed_on, day)
        else:
            raise CertificateError(
                "record the filing first (with_renewal) or pass filed_on", field="filed_on", value=None
            )
        old = attrs.evolve(self, renewal=renewal)
        if star is None:
            return old, None
        new = self._successor(_star(star), day, code, issued_by)
        return attrs.evolve(old, superseded_on=day), new

    def with_renewal(self, filed_on: datetime.date, decided_on: datetime.date | None = None) -> Certificate:
        """A copy recording a re-evaluation filed on ``filed_on`` (and decided, if known)."""
        return attrs.evolve(self, renewal=Renewal(filed_on, decided_on))

    def __repr__(self) -> str:
        return f"<Certificate {self.code} {self.product!r}: {self.star}, {self.edition.code}>"
