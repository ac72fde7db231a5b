from __future__ import annotations

import datetime
import json

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
import ocop.strategies as ost
from ocop._demo import demo_scorecards
from ocop.cycle import Action, CycleHistory, CycleStep, Dossier
from ocop.serialization import configure_converter, export_sheet, format_error, make_converter

CONV = make_converter()


def roundtrip(value, cls):
    data = json.loads(json.dumps(CONV.unstructure(value)))
    return CONV.structure(data, cls)


@given(ost.scorecards())
def test_scorecards_round_trip(card):
    assert roundtrip(card, ocop.Scorecard) == card


@settings(max_examples=30)
@given(ost.councils(max_size=4))
def test_grades_round_trip(cards):
    g = ocop.grade(cards)
    assert roundtrip(g, ocop.Grade) == g


@given(ost.certificates())
def test_certificates_round_trip(cert):
    assert roundtrip(cert, ocop.Certificate) == cert


@settings(max_examples=20)
@given(ost.portfolios(max_size=8))
def test_portfolios_round_trip(portfolio):
    assert roundtrip(portfolio, ocop.Portfolio) == portfolio


def test_revoked_and_renewed_certificates_round_trip():
    c = ocop.Certificate(code="04-01234-1-2024", product="x", producer="y", producer_type=ocop.ProducerType.SME,
                         sheet=5, star=3, issued_by=ocop.Authority.DISTRICT, issued_on=datetime.date(2024, 1, 1))
    c = c.with_renewal(datetime.date(2026, 6, 1)).revoke(
        ocop.RevocationGround.LAW_VIOLATION, concluded_on=datetime.date(2026, 7, 1),
        decided_on=datetime.date(2026, 7, 10), by=ocop.Authority.PROVINCE)
    assert roundtrip(c, ocop.Certificate) == c
    assert CONV.unstructure(c)["revocation"]["ground"] == "c"


@pytest.mark.parametrize("code", range(1, 27))
def test_sheets_round_trip(code):
    sheet = ocop.criteria.sheet(code, edition="26/2026")
    assert roundtrip(sheet, ocop.criteria.Sheet) is sheet
    assert ocop.criteria.sheet_from_json(json.dumps(export_sheet(sheet))) == sheet


def test_procedure_state_and_history_round_trip():
    d = Dossier.file(datetime.date(2026, 6, 1), edition="26/2026").apply(Action.FORWARD, datetime.date(2026, 6, 10))
    assert roundtrip(d, Dossier) == d
    h = CycleHistory().record(CycleStep.IDEAS, datetime.date(2026, 1, 1))
    assert roundtrip(h, CycleHistory) == h
    assert CONV.unstructure(d)["procedure"] == "26/2026"


def test_strict_and_readable_errors():
    data = CONV.unstructure(ocop.grade(demo_scorecards()[0]))
    data["surprise"] = 1
    with pytest.raises(cattrs.BaseValidationError) as info:
        CONV.structure(data, ocop.Grade)
    assert any("surprise" in m for m in format_error(info.value))
    bad = CONV.unstructure(demo_scorecards()[0])
    bad["levels"]["6.5"] = 9
    with pytest.raises(cattrs.BaseValidationError) as info:
        CONV.structure(bad, ocop.Scorecard)
    assert any("levels['6.5']: got 9" in m for m in format_error(info.value))
    assert format_error(ValueError("x")) == ["x"]
    for payload, cls in [({"edition": "26/2026", "code": 99}, ocop.criteria.Sheet), ("7", ocop.criteria.Sheet)]:
        with pytest.raises((ocop.OcopError, cattrs.BaseValidationError)):
            CONV.structure(payload, cls)
    with pytest.raises(ocop.OcopError):
        CONV.structure("2026-13-01", datetime.date)
    with pytest.raises(ocop.OcopError):
        CONV.structure(20260101, datetime.date)
    from fractions import Fraction

    assert CONV.structure("220/3", Fraction) == Fraction(220, 3)
    for junk in ["1/0", "abc", 1.5, True]:
        with pytest.raises(ocop.OcopError):
            CONV.structure(junk, Fraction)
    with pytest.raises(ocop.OcopError):
        CONV.structure([1], ocop._frozen.FrozenMap[str, int])


def test_configure_your_own_converter_and_global_untouched():
    conv = cattrs.Converter()
    configure_converter(conv)
    assert conv.unstructure(datetime.date(2026, 1, 2)) == "2026-01-02"
    # cattrs' global converter is untouched: it does not know ocop's date format for sheets
    with pytest.raises(Exception):  # noqa: B017, PT011 - any failure shows the hooks are not global
        cattrs.global_converter.structure({"edition": "26/2026", "code": 7}, ocop.criteria.Sheet)


def test_from_type_uses_the_registered_strategies():
    @settings(max_examples=10)
    @given(st.from_type(ocop.Scorecard), st.from_type(ocop.Certificate))
    def check(card, cert):
        assert isinstance(card, ocop.Scorecard) and isinstance(cert, ocop.Certificate)

    check()


def test_councils_argument_check():
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        ost.councils(min_size=3, max_size=2)
