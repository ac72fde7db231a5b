"""OCOP certificates: product codes, certificates and their validity, portfolios.

- ``_codes.py`` — product codes ``T-X-STT-YYYY``;
- ``_certificate.py`` — a certificate's rules: who issues it, how long it is valid (Art.
  4.3 and the Civil Code), re-evaluation, upgrade, revocation, grace;
- ``_portfolio.py`` — collections of certificates and report queries.

>>> import datetime, ocop
>>> c = ocop.Certificate(code="04-01234-7-2026", product="Miến dong", producer="HTX A",
...     producer_type=ocop.ProducerType.COOPERATIVE, sheet=6, star=4,
...     issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 30))
>>> c.valid_until
datetime.date(2029, 6, 30)
"""

from __future__ import annotations

from ocop.certificates._certificate import (
    DISTRICT_LEVEL_ENDED,
    GRACE_DAYS,
    VALIDITY_MONTHS,
    Certificate,
    ProducerType,
    Renewal,
    Revocation,
    RevocationGround,
    Status,
    StatusKind,
    ValidityCounting,
    add_months,
    issuers,
)
from ocop.certificates._codes import FIRST_CODE_YEAR, ProductCode
from ocop.certificates._portfolio import Portfolio
from ocop.errors import CertificateError

__all__ = [
    "DISTRICT_LEVEL_ENDED",
    "FIRST_CODE_YEAR",
    "GRACE_DAYS",
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
    "ValidityCounting",
    "add_months",
    "issuers",
]
