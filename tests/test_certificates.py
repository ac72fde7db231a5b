from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.certificates import CertificateError, ProductCode, StatusKind
from ocop.errors import InvalidDate, InvalidValue

D = datetime.date
A = ocop.Authority
P = ocop.ProducerType


def cert(**kw):
    base = dict(code="04-01234-1-2026", product="Miến dong", producer="HTX A", producer_type=P.COOPERATIVE,
                sheet=6, star=4, issued_by=A.PROVINCE, issued_on=D(2026, 6, 30))
    base.update(kw)
    if "code" not in kw:
        base["code"] = f"04-01234-1-{base['issued_on'].year}"
    return ocop.Certificate(**base)


def test_product_code():
    c = ProductCode.parse("04-01234-7-2026")
    assert (c.province, c.commune, c.serial, c.year) == ("04", "01234", 7, 2026)
    assert str(c) == "04-01234-7-2026"
    for bad in ["", "04-01234-0-2026", "04-01234-7-26", "T-X-STT-YYYY", "04_01234_7_2026", None, 4]:
        with pytest.raises(InvalidValue):
            ProductCode.parse(bad)


@pytest.mark.parametrize(("issued", "until"), [
    (D(2024, 2, 29), D(2027, 2, 28)), (D(2026, 5, 31), D(2029, 5, 31)), (D(2026, 8, 31), D(2029, 8, 31)),
    (D(2026, 12, 31), D(2029, 12, 31)), (D(2026, 6, 30), D(2029, 6, 30)),
])  # fmt: skip
def test_valid_until_month_ends(issued, until):
    c = cert(issued_on=issued, issued_by=ocop.edition_in_force(issued).recognised_by[ocop.Star.FOUR])
    assert c.valid_until == until


def test_star_and_issuer_rules():
    for bad in (1, 2, 6, True, "4"):
        with pytest.raises(CertificateError):
            cert(star=bad)
    with pytest.raises(CertificateError) as info:
        cert(star=5, issued_by=A.PROVINCE)
    assert "ministry" in str(info.value)
    assert cert(star=5, issued_by=A.MINISTRY).star == 5
    # under 148 the district recognises 3★; the province may too on a score below 70 at
    # its council (the procedure's unconfirmed step), so certificate and procedure agree
    assert cert(star=3, issued_by=A.PROVINCE, issued_on=D(2024, 1, 10)).edition.code == "148/2023"
    assert cert(star=3, issued_by=A.DISTRICT, issued_on=D(2024, 1, 10)).edition.code == "148/2023"
    with pytest.raises(CertificateError):
        cert(star=4, issued_by=A.DISTRICT, issued_on=D(2024, 1, 10))
    # the district level ended on 1 Jul 2025: a district certificate from that day is refused
    assert cert(star=3, issued_by=A.DISTRICT, issued_on=D(2025, 6, 30)).issued_by is A.DISTRICT
    with pytest.raises(CertificateError) as info:
        cert(star=3, issued_by=A.DISTRICT, issued_on=D(2025, 7, 1))
    assert "district level ended" in str(info.value)
    assert cert(star=3, issued_by=A.PROVINCE, issued_on=D(2025, 7, 1)).edition.code == "148/2023"
    with pytest.raises(CertificateError):
        cert(sheet=27)
    with pytest.raises(CertificateError):
        cert(producer_type=P.TOURISM_ASSOCIATION)
    assert cert(producer_type=P.TOURISM_ASSOCIATION, sheet=26).sheet == 26
    with pytest.raises(InvalidDate):
        cert(issued_on=datetime.datetime(2026, 6, 30))


def test_transitional_editions():
    # a dossier pending on 22 May 2026 may still be decided under 1489 until it lapses
    c = cert(issued_on=D(2026, 7, 1), edition="1489/2025")
    assert c.edition.code == "1489/2025"
    # Art. 11.2: "hết hiệu lực sau 60 ngày kể từ ngày [22 May 2026]"; Civil Code Art. 147
    # starts the 60 days on 23 May: 9 days left in May, 30 in June, 21 in July -> 21 July
    # is the last day 1489 applies, the same day as the Art. 12.2a deadline.
    last = D(2026, 5, 22) + datetime.timedelta(days=60)
    assert last == D(2026, 7, 21) == ocop.cycle.transitional_deadline(ocop.cycle.PendingKind.FIRST_OR_UPGRADE)
    assert cert(issued_on=last, edition="1489/2025").is_valid_on(last)
    with pytest.raises(CertificateError):
        cert(issued_on=D(2026, 7, 22), edition="1489/2025")
    with pytest.raises(CertificateError):
        cert(issued_on=D(2026, 6, 1), edition="148/2023")


def test_status_rules():
    c = cert()
    assert c.status_on(D(2026, 6, 29)).kind is StatusKind.NOT_YET_ISSUED
    assert c.status_on(D(2026, 6, 30)).valid
    assert c.status_on(D(2029, 6, 30)).kind is StatusKind.VALID
    assert c.status_on(D(2029, 7, 1)).kind is StatusKind.EXPIRED
    assert "Art. 4.3" in c.status_on(D(2029, 7, 1)).rule
    assert c.is_valid_on(D(2027, 1, 1)) and not c.is_valid_on("2027-01-01")
    with pytest.raises(InvalidDate):
        c.status_on(None)  # type: ignore[arg-type]
    assert c.notice_due() == D(2029, 5, 31)


def test_grace_only_for_transitional_late_filings():
    old = cert(star=3, issued_by=A.DISTRICT, issued_on=D(2023, 8, 1))  # expires 1 Aug 2026
    late = old.with_renewal(D(2026, 6, 1))  # window was 2 Feb - 3 Apr 2026
    assert late.status_on(D(2026, 9, 1)).kind is StatusKind.IN_GRACE
    # Art. 12.3 "không quá 180 ngày tính từ ngày hết thời hạn", counted from the day after
    # expiry (Civil Code Art. 147): 2 Aug 2026 is day 1; Aug 31 - 1 = 30, Sep 30, Oct 31,
    # Nov 30, Dec 31 -> 152 by 31 Dec, so day 180 is 28 Jan 2027.
    assert late.status_on(D(2027, 1, 28)).kind is StatusKind.IN_GRACE
    assert late.status_on(D(2027, 1, 29)).kind is StatusKind.EXPIRED
    # "đến ngày có kết quả xử lý": valid through the day of the decision
    decided = old.with_renewal(D(2026, 6, 1), D(2026, 9, 15))
    assert decided.status_on(D(2026, 9, 15)).kind is StatusKind.IN_GRACE
    assert decided.status_on(D(2026, 9, 16)).kind is StatusKind.EXPIRED
    # filed after expiry: expired until the filing, in grace from it
    after = old.with_renewal(D(2026, 10, 1))
    assert after.status_on(D(2026, 9, 30)).kind is StatusKind.EXPIRED
    assert after.status_on(D(2026, 10, 1)).kind is StatusKind.IN_GRACE
    assert after.grace_period() == (D(2026, 10, 1), D(2027, 1, 28))
    # filed after the cap: no grace at all
    assert old.with_renewal(D(2027, 2, 1)).grace_period() is None
    in_window = old.with_renewal(D(2026, 3, 1))
    assert in_window.status_on(D(2026, 8, 2)).kind is StatusKind.EXPIRED
    new = cert().with_renewal(D(2029, 5, 1))
    assert new.status_on(D(2029, 7, 1)).kind is StatusKind.EXPIRED
    with pytest.raises(CertificateError):
        old.with_renewal(D(2026, 6, 1), D(2026, 5, 1))
    with pytest.raises(CertificateError):
        cert(renewal=ocop.certificates.Renewal(D(2020, 1, 1)))


def test_revocation():
    c = cert()
    r = c.revoke(ocop.RevocationGround.MARK_MISUSE, concluded_on=D(2027, 1, 1), decided_on=D(2027, 1, 20),
                 by=A.PROVINCE)
    assert not r.revocation.within_deadline
    assert r.status_on(D(2027, 1, 19)).valid and r.status_on(D(2027, 1, 20)).kind is StatusKind.REVOKED
    with pytest.raises(CertificateError):
        r.revoke(ocop.RevocationGround.OTHER, concluded_on=D(2027, 2, 1), decided_on=D(2027, 2, 2), by=A.PROVINCE)
    with pytest.raises(CertificateError):
        c.revoke(ocop.RevocationGround.OTHER, concluded_on=D(2027, 2, 1), decided_on=D(2027, 2, 2), by=A.MINISTRY)
    with pytest.raises(CertificateError):
        c.revoke(ocop.RevocationGround.OTHER, concluded_on=D(2027, 2, 3), decided_on=D(2027, 2, 2), by=A.PROVINCE)
    with pytest.raises(InvalidValue):
        c.revoke("b", concluded_on=D(2027, 2, 1), decided_on=D(2027, 2, 2), by=A.PROVINCE)  # type: ignore[arg-type]
    five = cert(star=5, issued_by=A.MINISTRY)
    assert five.revoke(ocop.RevocationGround.OTHER, concluded_on=D(2027, 2, 1), decided_on=D(2027, 2, 2),
                       by=A.MINISTRY).revocation.by is A.MINISTRY
    assert [g.value for g in ocop.RevocationGround] == ["a", "b", "c", "d", "đ", "e"]


def test_upgrade_keeps_history():
    c = cert(star=3)
    old, new = c.upgrade(5, issued_on=D(2027, 9, 30))
    assert new.issued_by is A.MINISTRY and new.supersedes == c.code
    assert old.status_on(D(2027, 9, 30)).kind is StatusKind.SUPERSEDED
    with pytest.raises(CertificateError):
        c.upgrade(3, issued_on=D(2027, 9, 30))


@given(st.dates(min_value=D(2026, 5, 22), max_value=D(2090, 12, 31)))
def test_expiry_is_36_months_later(issued):
    c = cert(issued_on=issued)
    assert c.valid_until > issued
    months = (c.valid_until.year - issued.year) * 12 + c.valid_until.month - issued.month
    assert months == 36
    assert c.valid_until.day == issued.day or c.valid_until.day < issued.day  # clipped at month end


@given(st.dates(min_value=D(2026, 5, 22), max_value=D(2030, 12, 31)), st.integers(0, 2000), st.integers(0, 2000))
def test_status_is_monotone_for_an_unrevoked_certificate(issued, a, b):
    c = cert(issued_on=issued)
    order = [StatusKind.NOT_YET_ISSUED, StatusKind.VALID, StatusKind.EXPIRED]
    start = issued - datetime.timedelta(days=100)
    x, y = sorted((a, b))
    sx = c.status_on(start + datetime.timedelta(days=x)).kind
    sy = c.status_on(start + datetime.timedelta(days=y)).kind
    assert order.index(sx) <= order.index(sy)


def test_portfolio_queries():
    certs = [cert(code=f"04-01234-{i}-2026", star=3 + i % 2, sheet=[6, 14, 21, 26][i % 4],
                  producer=f"P{i % 3}") for i in range(1, 9)]
    p = ocop.Portfolio(certs)
    assert p.counts("star") == {"3★": 4, "4★": 4}
    assert p.counts("sector") == {"I": 2, "II": 2, "IV": 2, "VI": 2}
    assert p.counts("group") == {"I.3": 2, "II.1": 2, "IV.1": 2, "VI.1": 2}
    assert p.counts("province") == {"04": 8} and p.counts("edition") == {"26/2026": 8}
    assert sum(p.counts("sheet").values()) == 8
    assert p.producers() == {"cooperative": 3}
    assert len(p.expiring_within(D(2029, 6, 1), 29)) == 8 and len(p.expiring_within(D(2029, 5, 1), 29)) == 0
    assert len(p.due_for_reevaluation(D(2029, 2, 1))) == 8 and len(p.due_for_reevaluation(D(2028, 12, 1))) == 0
    revoked = p.extend([certs[0].revoke(ocop.RevocationGround.OTHER, concluded_on=D(2027, 1, 1),
                                        decided_on=D(2027, 1, 5), by=A.PROVINCE)])
    assert len(revoked.revoked_between(D(2027, 1, 1), D(2027, 1, 31))) == 1
    assert len(revoked.valid_on(D(2027, 2, 1))) == 8
    with pytest.raises(InvalidValue):
        p.counts("colour")
    with pytest.raises(InvalidValue):
        p.producers("colour")
    with pytest.raises(InvalidValue):
        p.expiring_within(D(2029, 1, 1), -1)
    with pytest.raises(InvalidValue):
        ocop.Portfolio([1])
    with pytest.raises(InvalidValue):
        ocop.Portfolio("abc")
    old = ocop.Portfolio([cert(star=4, issued_on=D(2020, 1, 1), edition="1048/2019")])
    # 1048 sheet 6 is "Chế biến từ gạo, ngũ cốc", subgroup I.3.b of its Appendix I.
    assert old.counts("sector") == {"I": 1}
    assert old.counts("group") == {"I.3": 1}
    textiles = ocop.Portfolio([cert(sheet=25, issued_on=D(2020, 1, 1), edition="1048/2019")])
    assert textiles.counts("sector") == textiles.counts("group") == {"V": 1}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.certificates = ()  # type: ignore[misc]


@given(st.lists(st.tuples(st.integers(3, 4), st.sampled_from([6, 14, 21, 26]),
                          st.sampled_from(list(ocop.ProducerType)[:4])), max_size=30))
def test_counts_add_up_to_the_size(rows):
    p = ocop.Portfolio(cert(code=f"04-01234-{i + 1}-2026", star=s, sheet=sh, producer_type=t)
                       for i, (s, sh, t) in enumerate(rows))
    for by in ("star", "sector", "group", "producer_type", "province", "edition", "sheet"):
        assert sum(p.counts(by).values()) == len(p)


@pytest.mark.parametrize(("call", "field"), [
    (lambda p: p.filter(None), "keep"), (lambda p: p.filter("valid"), "keep"),
    (lambda p: p.extend(None), "certificates"), (lambda p: p.extend("04-01234-1-2026"), "certificates"),
    (lambda p: p.extend({"code": "x"}), "certificates"),
])  # fmt: skip
def test_portfolio_operations_name_a_wrong_argument(call, field):
    portfolio = ocop.Portfolio((cert(),))
    with pytest.raises(InvalidValue) as info:
        call(portfolio)
    assert info.value.field == field
    assert len(portfolio.extend([cert(code="04-01235-1-2026")]).certificates) == 2  # the right arguments work
