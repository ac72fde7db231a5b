from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
import ocop.io
import ocop.strategies as ost
from ocop.errors import IncompleteScorecard, InvalidValue, UnknownLevel

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

SHEET = ocop.criteria.sheet(7, edition="26/2026")
COUNCIL = ocop.io.demo_council()


def test_numpy_scalars_are_points_exactly():
    # The example: a column of int64 refused with "allowed: 0, 1, 2, 3".
    df = ocop.io.to_frame(COUNCIL).set_index("criterion")
    points = ocop.io.exact_points(df["Member 1"])
    assert all(type(v) is int for v in points.values())
    card = ocop.Scorecard.from_points(SHEET, points, evaluator="Member 1")
    assert card == COUNCIL[0]
    # The model itself stays strict: a numpy scalar given directly is still refused.
    with pytest.raises(InvalidValue):
        ocop.Scorecard.from_points(SHEET, dict(df["Member 1"].astype("int64")))


def test_a_blank_cell_names_the_cell():
    df = ocop.io.to_frame(COUNCIL).set_index("criterion")[["Member 1", "Member 2"]].astype("float64")
    assert ocop.io.from_frame(df, SHEET)[0] == COUNCIL[0]  # whole floats (a blank made the column float) are exact
    df.loc["6.5", "Member 2"] = math.nan
    with pytest.raises(InvalidValue) as exc:
        ocop.io.from_frame(df, SHEET)
    assert exc.value.field == "Member 2['6.5']"
    df.loc["6.5", "Member 2"] = 2.5
    with pytest.raises(InvalidValue) as exc:
        ocop.io.from_frame(df, SHEET)
    assert exc.value.field == "Member 2['6.5']" and exc.value.value == 2.5


@pytest.mark.parametrize("junk", [2.5, math.nan, None, "3", True, np.bool_(True), pd.NA, np.float64("inf"), 1 + 0j])
def test_exact_int_refuses_what_is_not_a_whole_number(junk):
    with pytest.raises(InvalidValue) as exc:
        ocop.io.exact_int(junk, cell="C3")
    assert exc.value.field == "C3"


@given(st.integers(-(2**40), 2**40))
def test_exact_int_accepts_integral_scalars(n):
    for v in (n, np.int64(n), np.float64(n), float(n)):
        got = ocop.io.exact_int(v, cell="A1")
        assert got == n and type(got) is int
    assert ocop.io.exact_int(str(n), cell="A1", text=True) == n


def test_unknown_level_names_the_cell():
    df = ocop.io.to_frame(COUNCIL)
    df.loc[df["criterion"] == "6.5", "Member 3"] = 4
    with pytest.raises(UnknownLevel) as exc:
        ocop.io.from_frame(df, 7, edition="26/2026")
    assert exc.value.field == "Member 3['6.5']" and exc.value.value == 4


def test_from_frame_refusals():
    with pytest.raises(InvalidValue):
        ocop.io.from_frame({"a": [1]}, SHEET)
    df = ocop.io.to_frame(COUNCIL)
    with pytest.raises(InvalidValue, match="one column of points per member"):
        ocop.io.from_frame(df[["criterion", "mean"]], SHEET)
    with pytest.raises(InvalidValue, match="member names as text"):
        ocop.io.from_frame(df.set_index("criterion")[["Member 1"]].rename(columns={"Member 1": 1}), SHEET)
    with pytest.raises(IncompleteScorecard):
        ocop.io.from_frame(df.iloc[:5], SHEET)
    with pytest.raises(InvalidValue, match="criterion number as text"):
        ocop.io.from_frame(df.assign(criterion=1.5), SHEET)
    with pytest.raises(InvalidValue):
        ocop.io.exact_points([1, 2])
    with pytest.raises(InvalidValue):
        ocop.io.to_frame("a card")
    assert ocop.io.exact_points({7: 3}) == {"7": 3}  # an integer criterion number is unambiguous


def test_council_frame_columns():
    df = ocop.io.to_frame(COUNCIL).set_index("criterion")
    for col in ("min_3", "min_4", "min_5", "unmet", "Member 1"):
        assert str(df[col].dtype) == "Int64"
    # min_N: the points of the starred level that star requires (cumulative), straight from the sheet.
    assert pd.isna(df.loc["6.5", "min_3"]) and df.loc["6.5", "min_4"] == 3 and df.loc["6.5", "min_5"] == 5
    # Mean 7/3 < 3 on 6.5: the minimum of 4★ is unmet; the grade says the same.
    assert df.loc["6.5", "unmet"] == 4 and abs(df.loc["6.5", "mean"] - 7 / 3) < 1e-12
    assert {u.criterion for u in ocop.grade(COUNCIL).unmet} == set(df.index[df["unmet"].notna()])
    unnamed = ocop.Scorecard(SHEET, COUNCIL[0].levels)
    assert "member 1" in ocop.io.to_frame([unnamed]).columns


@settings(max_examples=25)
@given(ost.councils(max_size=4))
def test_frame_round_trip_grades_the_same(cards):
    named = tuple(ocop.Scorecard(c.sheet, c.levels, evaluator=f"m{i}") for i, c in enumerate(cards))
    back = ocop.io.from_frame(ocop.io.to_frame(named), named[0].sheet)
    assert ocop.grade(back) == ocop.grade(named)
    assert [c.evaluator for c in back] == [c.evaluator for c in named]


def test_portfolio_frame_dtypes():
    cert = ocop.Certificate(code="04-01234-1-2026", product="x", producer="y", producer_type=ocop.ProducerType.SME,
                            sheet=7, star=3, issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 1))
    df = ocop.Portfolio([cert.revoke(ocop.RevocationGround.PRODUCTION_STOPPED, concluded_on=datetime.date(2027, 1, 4),
                                     decided_on=datetime.date(2027, 1, 10), by=ocop.Authority.PROVINCE)]).to_frame()
    assert df.dtypes["issued_on"].kind == "M" and df["revoked_on"][0] == pd.Timestamp(2027, 1, 10)
    empty = ocop.Portfolio([]).to_frame()
    assert len(empty) == 0 and str(empty["star"].dtype) == "Int64"


@pytest.mark.parametrize(("call", "field", "value"), [
    (lambda: ocop.io.exact_int(3, cell=1), "cell", 1),
    (lambda: ocop.io.exact_int(3, text="yes"), "text", "yes"),
    (lambda: ocop.io.exact_int(3, allowed=5), "allowed", 5),
    (lambda: ocop.io.exact_int(3, allowed=b"x"), "allowed", b"x"),
    (lambda: ocop.io.exact_points({"1.1": 3}, where=1), "where", 1),
])  # fmt: skip
def test_cell_readers_name_their_own_wrong_arguments(call, field, value):
    with pytest.raises(InvalidValue) as info:
        call()
    assert (info.value.field, info.value.value) == (field, value)


def test_points_with_an_items_attribute_that_is_not_a_method_are_refused():
    class Odd:
        items = 3

    with pytest.raises(InvalidValue) as info:
        ocop.io.exact_points(Odd(), where="card")
    assert info.value.field == "card"


def test_an_error_whose_field_is_not_text_still_answers_json():
    import json

    from ocop.errors import InvalidValue as IV

    assert json.loads(json.dumps(IV(field=2.5, value=1).errors()))[0]["loc"] == ["2.5"]  # type: ignore[arg-type]
