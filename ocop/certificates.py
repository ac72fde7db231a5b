"""OCOP certificates (giấy chứng nhận): validity, renewal, upgrade, revocation, portfolios.

References: 26/2026/QĐ-TTg Art. 2.3 (who may apply), Art. 4.1 and 4.3 (who recognises;
"có giá trị trong thời hạn 36 tháng kể từ ngày cơ quan có thẩm quyền ban hành"), Art.
7.6 (re-evaluation filed 180 to 120 days before expiry), Art. 8 (revocation: six grounds,
within 15 days), Art. 12 (earlier certificates stay valid to their expiry; the grace for
re-evaluations that could not meet the window).  Counting follows the Civil Code 2015
(Art. 147: a period starts the day after the event; a period in months ends on the
corresponding day of its last month, or that month's last day when it has none).

**Validity, decided.** A certificate is valid from its issue date through
:attr:`Certificate.valid_until` = issue date + 36 months, computed with
python-dateutil's ``relativedelta`` (an issue on 29 Feb or the 31st ends on the last day
of the target month: 29 Feb 2024 → 28 Feb 2027; 31 May 2026 → 31 May 2029).  The 36
months start the day after issue, so they end at the close of the same calendar day
three years on.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ocop._editions import Authority, Edition, Star, edition_in_force
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop._validators import instance_of
from ocop.cycle._deadlines import reevaluation_window
from ocop.errors import InvalidValue, OcopError

__all__ = [
    "VALIDITY_MONTHS",
    "Certificate",
    "CertificateError",
    "Portfolio",
    "ProducerType",
    "ProductCode",
    "Renewal",
    "Revocation",
    "RevocationGround",
    "Status",
    "StatusKind",
]

VALIDITY_MONTHS = 36
GRACE_DAYS = 180
_IN_FORCE_26 = datetime.date(2026, 5, 22)


class CertificateError(OcopError, ValueError):
    """A certificate is not consistent with the rules (star, issuer, dates, revocation)."""

    message = "The certificate does not follow the rules."


_CODE = re.compile(r"^(\d{1,3})-(\d{1,5})-(\d{1,6})-(\d{4})$")


@attrs.frozen
class ProductCode:
    """A product code ``T-X-STT-YYYY``: province, commune, serial number, evaluation year.

    Province and commune are the administrative codes of Decision 19/2025/QĐ-TTg (digits).

    >>> from ocop.certificates import ProductCode
    >>> c = ProductCode.parse("04-01234-7-2026")
    >>> c.province, c.commune, c.serial, c.year, str(c)
    ('04', '01234', 7, 2026, '04-01234-7-2026')
    """

    province: str
    commune: str
    serial: int
    year: int

    @classmethod
    def parse(cls, text: str) -> ProductCode:
        """Parse ``T-X-STT-YYYY``.

        :raises InvalidValue: the text does not have that shape.
        """
        m = _CODE.match(text) if isinstance(text, str) else None
        if m is None or int(m.group(3)) < 1:
            raise InvalidValue(field="code", value=text, allowed="T-X-STT-YYYY, digits, e.g. '04-01234-7-2026'")
        return cls(m.group(1), m.group(2), int(m.group(3)), int(m.group(4)))

    def __str__(self) -> str:
        return f"{self.province}-{self.commune}-{self.serial}-{self.year}"


def _code(value: object) -> ProductCode:
    if isinstance(value, ProductCode):
        return value
    return ProductCode.parse(value)  # type: ignore[arg-type]


class ProducerType(enum.Enum):
    """Who may apply (chủ thể OCOP, 26/2026 Art. 2.3)."""

    COOPERATIVE = "cooperative"  # hợp tác xã
    COOPERATIVE_GROUP = "cooperative-group"  # tổ hợp tác
    SME = "sme"  # doanh nghiệp nhỏ và vừa
    FARM_OR_HOUSEHOLD = "farm-or-household"  # trang trại, hộ sản xuất, hộ gia đình có đăng ký kinh doanh
    TOURISM_ASSOCIATION = "tourism-association"  # hội, hiệp hội, trung tâm điều hành (tourism only)


class RevocationGround(enum.Enum):
    """The six grounds for revoking a certificate (26/2026 Art. 8)."""

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
class Status:
    """A certificate's status on a date, with the rule that decided it."""

    kind: StatusKind
    rule: str

    @property
    def valid(self) -> bool:
        """Whether the certificate may be used on that date (valid or in grace)."""
        return self.kind in {StatusKind.VALID, StatusKind.IN_GRACE}

    def _repr_html_(self) -> str:
        from ocop.io._html import html

        return html(self)


@attrs.frozen
class Revocation:
    """A revocation: the ground, the finding it rests on, the decision and who took it."""

    ground: RevocationGround
    concluded_on: datetime.date
    decided_on: datetime.date
    by: Authority

    @property
    def within_deadline(self) -> bool:
        """Whether the decision came within 15 days of the finding (Art. 8)."""
        return self.decided_on <= self.concluded_on + relativedelta(days=15)


@attrs.frozen
class Renewal:
    """A re-evaluation (phân hạng lại) filed for a certificate, and when it was decided."""

    filed_on: datetime.date
    decided_on: datetime.date | None = None


def _star(value: object) -> Star:
    if isinstance(value, bool) or not isinstance(value, int) or value not in (3, 4, 5):
        raise CertificateError(
            "1★ and 2★ products get no recognition and no certificate (Art. 4.1a)",
            field="star",
            value=value,
            allowed=(3, 4, 5),
        )
    return Star(value)


def _date(value: object) -> datetime.date:
    return check_date(value, field="issued_on")


def _edition_of(value: object) -> Edition:
    return _edition(value)  # type: ignore[arg-type]


@attrs.frozen
class Certificate:
    """A certificate recognising an OCOP product of 3★ to 5★.

    ``edition`` is the edition under which the product was evaluated; by default the
    edition in force on the issue date.  The issuer must be the level that edition
    gives the star.

    >>> import datetime, ocop
    >>> c = ocop.Certificate(code="04-01234-7-2026", product="Miến dong", producer="HTX A",
    ...     producer_type=ocop.ProducerType.COOPERATIVE, sheet=6, star=4,
    ...     issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 30))
    >>> c.valid_until, c.renewal_window()
    (datetime.date(2029, 6, 30), (datetime.date(2029, 1, 1), datetime.date(2029, 3, 2)))
    >>> c.status_on(datetime.date(2029, 6, 30)).kind, c.status_on(datetime.date(2029, 7, 1)).kind
    (<StatusKind.VALID: 'valid'>, <StatusKind.EXPIRED: 'expired'>)
    """

    code: ProductCode = attrs.field(converter=_code)
    product: str = attrs.field(validator=instance_of(str))
    producer: str = attrs.field(validator=instance_of(str))
    producer_type: ProducerType = attrs.field(validator=instance_of(ProducerType))
    sheet: int = attrs.field()
    star: Star = attrs.field(converter=_star)
    issued_by: Authority = attrs.field(validator=instance_of(Authority))
    issued_on: datetime.date = attrs.field(converter=_date)
    edition: Edition = attrs.field(
        default=attrs.Factory(lambda self: edition_in_force(self.issued_on), takes_self=True),
        converter=_edition_of,
    )
    revocation: Revocation | None = None
    renewal: Renewal | None = None
    superseded_on: datetime.date | None = None
    supersedes: ProductCode | None = None

    @sheet.validator
    def _check_sheet(self, _: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
            raise CertificateError(field="sheet", value=value, allowed="integers 1 to 26")

    def __attrs_post_init__(self) -> None:
        ed = self.edition
        on = self.issued_on
        lapsed = ed.lapses_on or (ed.in_force_until + datetime.timedelta(days=1) if ed.in_force_until else None)
        if on < ed.in_force_from or (lapsed is not None and on >= lapsed):
            raise CertificateError(
                f"edition {ed.code} did not govern evaluations on {on.isoformat()}",
                field="edition",
                value=ed.code,
                allowed=edition_in_force(on).code,
            )
        expected = ed.recognised_by[self.star]
        if self.issued_by is not expected:
            raise CertificateError(
                f"under {ed.code} a {self.star} product is recognised by the {expected.value}",
                field="issued_by",
                value=self.issued_by.value,
                allowed=(expected.value,),
            )
        if self.producer_type is ProducerType.TOURISM_ASSOCIATION and self.sheet != 26:
            raise CertificateError(
                "associations and operating centres may apply only for tourism products (Art. 2.3)",
                field="producer_type",
                value=self.producer_type.value,
                allowed="sheet 26",
            )
        dates = {
            "revocation": self.revocation.decided_on if self.revocation else None,
            "renewal": self.renewal.filed_on if self.renewal else None,
            "superseded_on": self.superseded_on,
        }
        for name, day in dates.items():
            if day is not None and day < on:
                raise CertificateError(f"{name} before the issue date", field=name, value=day)

    @property
    def valid_until(self) -> datetime.date:
        """The last day on which the certificate is valid (the issue date plus 36 months)."""
        return self.issued_on + relativedelta(months=VALIDITY_MONTHS)

    def renewal_window(self) -> tuple[datetime.date, datetime.date]:
        """First and last day to file re-evaluation: 180 to 120 days before expiry (Art. 7.6)."""
        return reevaluation_window(self.valid_until)

    def notice_due(self) -> datetime.date:
        """148-era rule: the issuer notifies the producer at least 30 days before expiry.

        As reported of Decision 148 (its text is not public); 26/2026 has no such duty.
        """
        return self.valid_until - relativedelta(days=30)

    def renewal_edition(self, on: datetime.date) -> Edition:
        """The edition that governs a re-evaluation filed on ``on`` (Art. 12: the rules in force)."""
        return edition_in_force(check_date(on, field="on"))

    def status_on(self, on: datetime.date) -> Status:
        """The status on ``on``, with the rule that decided it.

        :raises InvalidDate: ``on`` is not a date.
        """
        day = check_date(on, field="on")
        if day < self.issued_on:
            return Status(StatusKind.NOT_YET_ISSUED, "before the issue date")
        if self.revocation is not None and day >= self.revocation.decided_on:
            return Status(StatusKind.REVOKED, f"revoked on {self.revocation.decided_on.isoformat()} (Art. 8)")
        if self.superseded_on is not None and day >= self.superseded_on:
            return Status(StatusKind.SUPERSEDED, f"replaced on {self.superseded_on.isoformat()} by a new certificate")
        if day <= self.valid_until:
            return Status(StatusKind.VALID, "within 36 months of issue (Art. 4.3)")
        grace = self._grace_until()
        if grace is not None and day <= grace:
            return Status(StatusKind.IN_GRACE, "re-evaluation pending, filed outside the window (Art. 12.3)")
        return Status(StatusKind.EXPIRED, "36 months after issue have passed (Art. 4.3)")

    def _grace_until(self) -> datetime.date | None:
        # Art. 12.3 is transitional: certificates issued before 26/2026 took effect whose
        # re-evaluation could not be filed in the 180-120 day window stay valid until the
        # decision, for at most 180 days after expiry.
        if self.renewal is None or self.issued_on >= _IN_FORCE_26:
            return None
        first, last = self.renewal_window()
        if first <= self.renewal.filed_on <= last:
            return None
        cap = self.valid_until + relativedelta(days=GRACE_DAYS)
        if self.renewal.decided_on is not None:
            return min(cap, self.renewal.decided_on - datetime.timedelta(days=1))
        return cap

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
        concluded = check_date(concluded_on, field="concluded_on")
        decided = check_date(decided_on, field="decided_on")
        if decided < concluded or decided < self.issued_on:
            raise CertificateError(
                "revocation decided before its finding or the issue", field="decided_on", value=decided
            )
        allowed = Authority.MINISTRY if self.star == Star.FIVE else Authority.PROVINCE
        if by is not allowed:
            raise CertificateError(
                f"a {self.star} certificate is revoked by the {allowed.value} (Art. 8)",
                field="by",
                value=getattr(by, "value", by),
                allowed=(allowed.value,),
            )
        return attrs.evolve(self, revocation=Revocation(ground, concluded, decided, by))

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
        ed = edition_in_force(day)
        new = Certificate(
            code=self.code if code is None else code,
            product=self.product,
            producer=self.producer,
            producer_type=self.producer_type,
            sheet=self.sheet,
            star=new_star,
            issued_by=issued_by or ed.recognised_by[new_star],
            issued_on=day,
            supersedes=self.code,
        )
        return attrs.evolve(self, superseded_on=day), new

    def with_renewal(self, filed_on: datetime.date, decided_on: datetime.date | None = None) -> Certificate:
        """A copy recording a re-evaluation filed on ``filed_on`` (and decided, if known)."""
        filed = check_date(filed_on, field="filed_on")
        decided = None if decided_on is None else check_date(decided_on, field="decided_on")
        if decided is not None and decided < filed:
            raise CertificateError("decided before filed", field="decided_on", value=decided)
        return attrs.evolve(self, renewal=Renewal(filed, decided))

    def __repr__(self) -> str:
        return f"<Certificate {self.code} {self.product!r}: {self.star}, {self.edition.code}>"

    def _repr_html_(self) -> str:
        from ocop.io._html import html

        return html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # IPython's and Hypothesis' pretty printers would otherwise list every field.
        p.text(repr(self))


def _certificates(value: object) -> tuple[Certificate, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValue(field="certificates", value=value, allowed="an iterable of ocop.Certificate")
    return tuple(value)


_BY = ("star", "sector", "group", "producer_type", "province", "edition", "sheet")


@attrs.frozen
class Portfolio:
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

    def _repr_html_(self) -> str:
        from ocop.io._html import html

        return html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # IPython's and Hypothesis' pretty printers would otherwise list every field.
        p.text(repr(self))

    def __iter__(self) -> Iterator[Certificate]:
        return iter(self.certificates)

    def _key(self, c: Certificate, by: str) -> str:
        if by == "star":
            return str(c.star)
        if by in {"sector", "group"}:
            from ocop.criteria import classification

            # Sheet numbers follow 26/2026 (and 148/1489, believed identical); 1048 used 25.
            if c.edition.code == "1048/2019":
                return "unknown"
            cls = classification(edition="26/2026")
            if by == "sector":
                return cls.sector_of(c.sheet).code
            return (
                cls.entry(c.sheet).code.rsplit(".", 1)[0]
                if cls.entry(c.sheet).code.count(".") == 2
                else cls.entry(c.sheet).code
            )
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
        return Portfolio(c for c in self.certificates if keep(c))

    def valid_on(self, on: datetime.date) -> Portfolio:
        """The certificates valid (or in grace) on ``on``."""
        day = check_date(on, field="on")
        return self.filter(lambda c: c.status_on(day).valid)

    def expiring_within(self, on: datetime.date, days: int) -> Portfolio:
        """Valid certificates whose last valid day falls within ``days`` days of ``on``."""
        day = check_date(on, field="on")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidValue(field="days", value=days, allowed="an integer >= 0")
        end = day + datetime.timedelta(days=days)
        return self.filter(lambda c: c.status_on(day).kind is StatusKind.VALID and c.valid_until <= end)

    def due_for_reevaluation(self, on: datetime.date) -> Portfolio:
        """Valid certificates whose re-evaluation window is open on ``on``."""
        day = check_date(on, field="on")
        return self.filter(
            lambda c: (
                c.status_on(day).kind is StatusKind.VALID and c.renewal_window()[0] <= day <= c.renewal_window()[1]
            )
        )

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
        return Portfolio((*self.certificates, *certificates))
