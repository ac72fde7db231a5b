"""Certificate rules: validity under both readings, boundaries, outcomes, strict constructors."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.certificates import (
    Certificate,
    CertificateError,
    ProductCode,
    Renewal,
    Revocation,
    StatusKind,
    ValidityCounting,
    add_months,
    issuers,
)
from ocop.errors import InvalidDate, InvalidValue, OcopError

D = datetime.date
ONE = datetime.timedelta(days=1)
A = ocop.Authority
P = ocop.ProducerType
G = ocop.RevocationGround


def cert(**kw):
    base = dict(product="Miến dong", producer="HTX A", producer_type=P.COOPERATIVE, sheet=6, star=4,
                issued_by=A.PROVINCE, issued_on=D(2026, 6, 30))
    base.update(kw)
    base.setdefault("code", f"04-01234-1-{base['issued_on'].year}")
    return Certificate(**base)


def corresponding_day(d: datetime.date, months: int) -> datetime.date:
    """Civil Code Art. 148.1-148.2, counted by hand: step month by month, then take the
    same day number, or the month's last day when it has no such day."""
    year, month = d.year, d.month
    for _ in range(months):
        month += 1
        if month == 13:
            year, month = year + 1, 1
    day = d.day
    while True:
        try:
            return D(year, month, day)
        except ValueError:
            day -= 1


# --- validity (Art. 4.3: "36 tháng kể từ ngày ... ban hành") ---------------------------------


@pytest.mark.parametrize("issued", [D(2024, 2, 29), D(2026, 5, 31), D(2026, 8, 31), D(2026, 12, 31), D(2026, 6, 30),
                                    D(2027, 3, 1), D(2028, 2, 29), D(2026, 11, 30)])  # fmt: skip
def test_validity_under_both_readings(issued):
    by = issuers(ocop.edition_in_force(issued), 4, issued)[0]
    # Civil Code reading: the issue day is the event and not counted (Art. 147); the 36
    # months end on the corresponding day of the last month (Art. 148.1-148.2).
    civil = cert(issued_on=issued, issued_by=by)
    assert civil.validity is ValidityCounting.CIVIL_CODE
    assert civil.valid_until == corresponding_day(issued, 36)
    # Other reading: the issue day is day one, i.e. the period of an event the day before.
    counted = cert(issued_on=issued, issued_by=by, validity=ValidityCounting.ISSUE_DAY_COUNTED)
    assert counted.valid_until == corresponding_day(issued - ONE, 36)
    assert counted.valid_until <= civil.valid_until
    assert counted.status_on(counted.valid_until + ONE).kind is StatusKind.EXPIRED


def test_validity_examples():
    assert cert(issued_on=D(2024, 2, 29), issued_by=A.PROVINCE).valid_until == D(2027, 2, 28)
    assert cert(issued_on=D(2026, 6, 30)).valid_until == D(2029, 6, 30)
    assert cert(issued_on=D(2026, 6, 30), validity=ValidityCounting.ISSUE_DAY_COUNTED).valid_until == D(2029, 6, 29)
    # 1 Mar 2027 counted from itself ends on the last day of February 2030
    assert cert(issued_on=D(2027, 3, 1), validity=ValidityCounting.ISSUE_DAY_COUNTED).valid_until == D(2030, 2, 28)
    with pytest.raises(InvalidValue):
        cert(validity="civil-code")


@given(st.dates(min_value=D(2026, 5, 22), max_value=D(2090, 12, 31)), st.sampled_from(list(ValidityCounting)))
def test_valid_until_is_the_corresponding_day(issued, counting):
    c = cert(issued_on=issued, validity=counting)
    start = issued if counting is ValidityCounting.CIVIL_CODE else issued - ONE
    assert c.valid_until == corresponding_day(start, 36)
    assert c.status_on(c.valid_until).kind is StatusKind.VALID
    assert c.status_on(c.valid_until + ONE).kind is StatusKind.EXPIRED


def test_add_months():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28) and add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    for bad in [(D(9999, 1, 1), 12), (D(1, 1, 1), -1)]:
        with pytest.raises(InvalidValue):
            add_months(*bad)
    with pytest.raises(InvalidValue):
        add_months(D(2026, 1, 1), 1.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidDate):
        add_months("2026-01-01", 1)  # type: ignore[arg-type]


# --- boundaries --------------------------------------------------------------------------------


def test_the_21_22_july_2026_transition():
    # Art. 11.2, counted from 23 May: the 60th day (21 July) is the last day 1489 applies
    assert cert(issued_on=D(2026, 7, 21), edition="1489/2025").is_valid_on(D(2026, 7, 21))
    with pytest.raises(CertificateError):
        cert(issued_on=D(2026, 7, 22), edition="1489/2025")
    assert ocop.edition("1489/2025").lapses_on == D(2026, 7, 21)  # the edition data agrees
    assert cert(issued_on=D(2026, 7, 22)).edition.code == "26/2026"


def test_district_recognition_ends_with_the_district_level():
    assert [a.value for a in issuers("148/2023", 3, D(2025, 6, 30))] == ["district", "province"]
    assert issuers("148/2023", 3, D(2025, 7, 1)) == (A.PROVINCE,)
    assert issuers("148/2023", 4, D(2024, 1, 1)) == (A.PROVINCE,)
    assert issuers("1048/2019", 5, D(2020, 1, 1)) == (A.MINISTRY,)
    with pytest.raises(CertificateError):
        cert(star=3, issued_by=A.DISTRICT, issued_on=D(2025, 7, 3))
    # every star a procedure can recognise is one a certificate accepts from that actor
    for code, day in (("26/2026", D(2026, 6, 1)), ("1489/2025", D(2025, 8, 1)), ("148/2023", D(2024, 1, 1))):
        for t in ocop.cycle.procedure(code).transitions:
            if t.target.value.startswith("recognised-"):
                star = int(t.target.value[-1])
                assert t.actor in issuers(code, star, day)
                assert cert(star=star, issued_by=t.actor, issued_on=day, edition=code).star == star


def test_grace_starts_with_the_late_filing():
    old = cert(star=3, issued_by=A.DISTRICT, issued_on=D(2023, 8, 1))  # valid through 1 Aug 2026
    assert old.grace_period() is None
    late = old.with_renewal(D(2026, 9, 10))
    assert late.status_on(D(2026, 9, 9)).kind is StatusKind.EXPIRED  # before the filing
    assert late.status_on(D(2026, 9, 10)).kind is StatusKind.IN_GRACE
    # capped at 180 days counted from 2 Aug 2026 (Civil Code Art. 147)
    cap = D(2026, 8, 1) + 180 * ONE
    assert late.grace_period() == (D(2026, 9, 10), cap) and cap == D(2027, 1, 28)
    assert late.status_on(cap).valid and late.status_on(cap + ONE).kind is StatusKind.EXPIRED


def test_product_codes_are_strict():
    assert str(ProductCode.parse("4-1-1-2019")) == "4-1-1-2019"
    for bad in ["04-01234-7-2018", "٠٤-01234-7-2026", "04-01234-7-2026\n", "04-01234-0-2026", "04-01234-7-99999",
                " 04-01234-7-2026", "04-001234-7-2026"]:  # fmt: skip
        with pytest.raises(InvalidValue):
            ProductCode.parse(bad)
    for args in [("04", "01234", 7, 2018), (4, "01234", 7, 2026), ("04", "١", 7, 2026), ("04", "01234", True, 2026),
                 ("04", "01234", 0, 2026), ("04", "01234", 7, 10000), ("", "1", 1, 2026)]:  # fmt: skip
        with pytest.raises(InvalidValue):
            ProductCode(*args)
    with pytest.raises(CertificateError):  # the evaluation year cannot follow the issue date
        cert(code="04-01234-1-2027", issued_on=D(2026, 6, 30))
    assert cert(code="04-01234-1-2025", issued_on=D(2026, 6, 30)).code.year == 2025


@given(st.from_regex(r"[0-9]{1,3}-[0-9]{1,5}-[0-9]{1,6}-[0-9]{4}", fullmatch=True))
def test_codes_print_back_to_what_they_parse(text):
    try:
        code = ProductCode.parse(text)
    except InvalidValue:
        return
    assert ProductCode.parse(str(code)) == code
    assert str(code).isascii()


@given(st.text(max_size=20))
def test_code_junk_is_refused_with_a_typed_error(text):
    try:
        code = ProductCode.parse(text)
    except InvalidValue:
        return
    assert ProductCode.parse(str(code)) == code


# --- re-evaluation outcomes (Art. 7.6) ----------------------------------------------------------


@pytest.mark.parametrize(("star", "issuer"), [(4, A.PROVINCE), (5, A.MINISTRY), (3, A.PROVINCE)])
def test_reevaluation_keeps_raises_or_lowers_the_star(star, issuer):
    c = cert(star=4)
    old, new = c.with_renewal(D(2029, 2, 1)).reevaluate(star, decided_on=D(2029, 3, 15))
    assert new.star == star and new.issued_by is issuer and new.supersedes == c.code
    assert new.issued_on == D(2029, 3, 15) and new.valid_until == D(2032, 3, 15)
    assert old.renewal == Renewal(D(2029, 2, 1), D(2029, 3, 15))
    assert old.status_on(D(2029, 3, 14)).valid and old.status_on(D(2029, 3, 15)).kind is StatusKind.SUPERSEDED
    assert ocop.Portfolio([old, new]).valid_on(D(2029, 7, 1)).certificates == (new,)


def test_reevaluation_loses_recognition():
    c = cert(star=3, issued_by=A.DISTRICT, issued_on=D(2023, 8, 1))
    old, new = c.reevaluate(None, filed_on=D(2026, 9, 10), decided_on=D(2026, 10, 20))
    assert new is None
    assert old.status_on(D(2026, 10, 20)).kind is StatusKind.IN_GRACE  # through the decision day
    assert old.status_on(D(2026, 10, 21)).kind is StatusKind.EXPIRED
    with pytest.raises(CertificateError):
        cert().reevaluate(4, decided_on=D(2029, 3, 1))  # no filing known
    with pytest.raises(CertificateError):
        cert().reevaluate(4, filed_on=D(2029, 3, 2), decided_on=D(2029, 3, 1))
    with pytest.raises(CertificateError):
        cert().reevaluate(2, filed_on=D(2029, 2, 1), decided_on=D(2029, 3, 1))
    revoked = cert().revoke(G.OTHER, concluded_on=D(2027, 1, 1), decided_on=D(2027, 1, 2), by=A.PROVINCE)
    with pytest.raises(CertificateError):
        revoked.reevaluate(4, filed_on=D(2029, 2, 1), decided_on=D(2029, 3, 1))


# --- revocations ---------------------------------------------------------------------------------


def test_revocations_check_themselves():
    assert Revocation(G.OTHER, D(2027, 1, 1), D(2027, 1, 18), A.PROVINCE).within_deadline  # 16 Jan is a Sat
    assert not Revocation(G.OTHER, D(2027, 1, 1), D(2027, 1, 19), A.PROVINCE).within_deadline
    assert Revocation(G.OTHER, D(2060, 1, 1), D(2060, 1, 16), A.PROVINCE).within_deadline  # beyond the calendar
    with pytest.raises(CertificateError):
        Revocation(G.OTHER, D(2027, 1, 2), D(2027, 1, 1), A.PROVINCE)
    with pytest.raises(CertificateError):
        Revocation(G.OTHER, D(2027, 1, 1), D(2027, 1, 2), A.DISTRICT)
    with pytest.raises(InvalidValue):
        Revocation("b", D(2027, 1, 1), D(2027, 1, 2), A.PROVINCE)  # type: ignore[arg-type]
    with pytest.raises(CertificateError):  # a 4★ certificate is revoked by the province, not the ministry
        cert(revocation=Revocation(G.OTHER, D(2027, 1, 1), D(2027, 1, 2), A.MINISTRY))
    with pytest.raises(InvalidValue):
        cert().revoke(G.OTHER, concluded_on=D(2027, 1, 1), decided_on=D(2027, 1, 2), by="province")
    with pytest.raises(CertificateError):
        cert().revoke(G.OTHER, concluded_on=D(2026, 1, 1), decided_on=D(2026, 1, 2), by=A.PROVINCE)


# --- strict constructors (#13) --------------------------------------------------------------------

junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=5),
                 st.dates(), st.datetimes(), st.just(()), st.just([1]), st.sampled_from(list(A)))  # fmt: skip
FIELDS = [f.name for f in attrs.fields(Certificate)]


@settings(max_examples=150)
@given(st.sampled_from(FIELDS), junk)
def test_every_field_refuses_junk_with_a_typed_error(field, value):
    try:
        c = attrs.evolve(cert(), **{field: value})
    except OcopError:
        return
    assert getattr(c, field) is not None or field in {"revocation", "renewal", "superseded_on", "supersedes"}


@given(st.dates(min_value=D(9990, 1, 1), max_value=D(9999, 12, 31)), st.dates(), st.sampled_from([None, 1]))
def test_far_future_certificates_never_overflow(issued, on, renew):
    try:
        c = cert(issued_on=issued)
    except CertificateError:
        assert issued.year >= 9996
        return
    if renew:
        c = c.with_renewal(c.valid_until)
    assert c.is_valid_on(on) in (True, False)
    assert c.is_valid_on(D.max) is False and c.is_valid_on(D.min) is False


def test_sheet_numbers_follow_the_edition():
    # 1048/2019 Appendix III prints 26 sheets, the last one for tourism services.
    assert cert(sheet=26, issued_on=D(2020, 1, 1), edition="1048/2019").sheet == 26
    with pytest.raises(CertificateError):
        cert(sheet=27, issued_on=D(2020, 1, 1), edition="1048/2019")


def test_year_9997_is_refused_and_is_valid_on_never_raises():
    with pytest.raises(CertificateError):
        cert(issued_on=D(9997, 6, 1))
    c = cert(issued_on=D(9995, 1, 1))
    assert c.valid_until == D(9998, 1, 1) and c.is_valid_on(D(9997, 1, 1)) and not c.is_valid_on(D.max)
    assert c.with_renewal(D(9997, 12, 1)).is_valid_on(D(9998, 2, 1)) is False
    # 180 to 120 days before 1 Jan 9998: open without needing the holiday calendar
    p = ocop.Portfolio([c])
    assert len(p.due_for_reevaluation(D(9997, 8, 1))) == 1 and len(p.due_for_reevaluation(D(9997, 9, 10))) == 0


# --- JSON payloads are checked like objects built in code ---------------------------------------


def _has_ocop_error(exc: BaseException) -> bool:
    if isinstance(exc, OcopError):
        return True
    inner = list(getattr(exc, "exceptions", ())) + [e for e in (exc.__cause__, exc.__context__) if e is not None]
    return any(_has_ocop_error(e) for e in inner)


@pytest.mark.parametrize("mutate", [
    lambda d: d["revocation"].update(decided_on="2026-12-01"),  # decided before its finding
    lambda d: d["revocation"].update(by="ministry"),  # a 4★ certificate revoked by the ministry
    lambda d: d.update(code="04-01234-1-2030"),  # code year after the issue
    lambda d: d.update(issued_by="district"),  # no district under 26/2026
    lambda d: d.update(renewal={"filed_on": "2027-03-01", "decided_on": "2027-02-01"}),
])  # fmt: skip
def test_mutated_certificate_payloads_are_refused(mutate):
    from ocop.serialization import make_converter

    conv = make_converter()
    c = cert().revoke(G.OTHER, concluded_on=D(2027, 1, 1), decided_on=D(2027, 1, 2), by=A.PROVINCE)
    payload = conv.unstructure(c)
    assert conv.structure(payload, Certificate) == c
    mutate(payload)
    with pytest.raises(Exception) as info:  # noqa: PT011 - the converter may wrap; the cause must be ours
        conv.structure(payload, Certificate)
    assert _has_ocop_error(info.value)


def test_mutated_dossier_and_history_payloads_are_refused():
    from ocop.cycle import Action, CycleHistory, CycleStep, Dossier
    from ocop.serialization import make_converter

    conv = make_converter()
    d = Dossier.file(D(2026, 6, 1), edition="26/2026").apply(Action.FORWARD, D(2026, 6, 10))
    for change in ({"state": "at-ministry"}, {"action": "recognise-4"}, {"on": "2026-05-01"}):
        payload = conv.unstructure(d)
        payload["events"][0].update(change)
        with pytest.raises(Exception) as info:  # noqa: PT011
            conv.structure(payload, Dossier)
        assert _has_ocop_error(info.value)
    h = CycleHistory().record(CycleStep.IDEAS, D(2026, 1, 1)).record(CycleStep.BUSINESS_PLANS, D(2026, 2, 1))
    payload = conv.unstructure(h)
    payload["events"][1]["step"] = CycleStep.PROMOTION.value  # promotion cannot follow ideas
    with pytest.raises(Exception) as info:  # noqa: PT011
        conv.structure(payload, CycleHistory)
    assert _has_ocop_error(info.value)


def test_due_for_reevaluation_uses_the_rolled_last_day():
    # issued 1 Jul 2026 -> valid through 1 Jul 2029; 120 days before is Sat 3 Mar 2029,
    # so the filing window runs to Mon 5 Mar (Civil Code Art. 148.5); it opened 180 days
    # before expiry, on 2 Jan 2029.
    c = cert(issued_on=D(2026, 7, 1))
    assert D(2029, 7, 1) - 120 * ONE == D(2029, 3, 3) and D(2029, 7, 1) - 180 * ONE == D(2029, 1, 2)
    p = ocop.Portfolio([c])
    assert [len(p.due_for_reevaluation(d)) for d in (D(2029, 1, 1), D(2029, 1, 2), D(2029, 3, 3), D(2029, 3, 5),
                                                     D(2029, 3, 6))] == [0, 1, 1, 1, 0]  # fmt: skip
    # valid through 10 May 2054: its window's last day (10 Jan 2054) is past the calendar,
    # so the window counts as open only up to the unrolled day
    far = ocop.Portfolio([cert(issued_on=D(2051, 5, 10))])
    assert len(far.due_for_reevaluation(D(2054, 1, 10))) == 1 and len(far.due_for_reevaluation(D(2054, 1, 11))) == 0


def _valid_records():
    from ocop.cycle import Action, CycleEvent, CycleHistory, CycleStep, Dossier, DossierContents, DossierKind, Stage
    from ocop.cycle import WorkCalendar

    d = Dossier.file(D(2026, 6, 1), edition="26/2026").apply(Action.FORWARD, D(2026, 6, 10))
    return [
        ProductCode("04", "01234", 7, 2026),
        Revocation(G.OTHER, D(2027, 1, 1), D(2027, 1, 2), A.PROVINCE),
        Renewal(D(2029, 2, 1), D(2029, 3, 1)),
        d,
        d.events[0],
        CycleHistory().record(CycleStep.IDEAS, D(2026, 1, 1)),
        CycleEvent(CycleStep.IDEAS, D(2026, 1, 1)),
        DossierContents(DossierKind.FIRST, 7, Stage.COMMUNE),
        WorkCalendar(),
        ocop.Portfolio([cert()]),
        ocop.cycle.procedure("26/2026"),
        ocop.cycle.procedure("26/2026").transitions[0],
    ]


RECORDS = _valid_records()


@settings(max_examples=200)
@given(st.sampled_from(RECORDS), st.data(), junk)
def test_record_types_refuse_junk_in_any_field(record, data, value):
    field = data.draw(st.sampled_from([f.name for f in attrs.fields(type(record)) if f.init]))
    try:
        rebuilt = attrs.evolve(record, **{field: value})
    except OcopError:
        return
    # accepted: the value must have been a legal one, so the record rebuilds unchanged
    assert attrs.evolve(rebuilt) == rebuilt
