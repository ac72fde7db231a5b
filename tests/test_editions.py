import datetime
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.errors import InvalidDate, InvalidTotal, NoEditionInForce, UnknownEdition

D = datetime.date
CODES = ["1048/2019", "148/2023", "1489/2025", "26/2026"]


def test_registry_oldest_first_with_fixed_codes():
    assert [e.code for e in ocop.editions()] == CODES
    starts = [e.in_force_from for e in ocop.editions()]
    assert starts == sorted(starts)
    for code in CODES:
        assert ocop.edition(code).code == code
        assert ocop.edition(ocop.edition(code)) is ocop.edition(code)


def test_provenance_recorded():
    e = ocop.edition("26/2026")
    assert e.signed_on == D(2026, 5, 22)
    assert e.in_force_from == D(2026, 5, 22)
    assert e.in_force_until is None
    assert e.official_record and "218267" in e.official_record
    assert ocop.edition("1489/2025").official_record.endswith("docid=214441&pageid=27160")
    assert ocop.edition("1048/2019").amendments[0].number == "781/QĐ-TTg"
    assert ocop.edition("1048/2019").amendments[0].signed_on == D(2020, 6, 8)


def test_periods_are_contiguous():
    eds = ocop.editions()
    for older, newer in zip(eds, eds[1:], strict=False):
        assert older.in_force_until == newer.in_force_from - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("code", "part_max"),
    [("1048/2019", (35, 25, 40)), ("148/2023", (40, 25, 35)), ("1489/2025", (40, 25, 35)), ("26/2026", (40, 25, 35))],
)
def test_part_maxima(code, part_max):
    e = ocop.edition(code)
    assert tuple(e.part_max[p] for p in "ABC") == part_max
    assert sum(e.part_max.values()) == 100


def test_recognition_levels():
    A = ocop.Authority
    assert ocop.edition("148/2023").recognised_by[ocop.Star.THREE] is A.DISTRICT
    assert ocop.edition("148/2023").recognised_by[ocop.Star.FOUR] is A.PROVINCE
    for code in ("1489/2025", "26/2026", "1048/2019"):
        assert ocop.edition(code).recognised_by[ocop.Star.THREE] is A.PROVINCE
        assert ocop.edition(code).recognised_by[ocop.Star.FIVE] is A.MINISTRY
    assert A.DISTRICT not in ocop.edition("26/2026").evaluation_levels
    assert A.PROVINCE.label_vi == "cấp tỉnh"


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(
    ("total", "star"),
    [
        (0, 1), (Decimal("29.99"), 1), (29.99, 1), (30, 2), (Decimal("49.99"), 2), (50, 3),
        (Decimal("69.99"), 3), (69.99, 3), (70, 4), (Decimal("89.99"), 4), (89.99, 4), (90, 5), (100, 5),
        (Fraction(269, 3), 4), (Fraction(270, 3), 5),
    ],
)  # fmt: skip
def test_band_boundaries(code, total, star):
    assert ocop.edition(code).star_for(total) == star


@pytest.mark.parametrize(
    "bad",
    [None, "90", b"90", True, False, math.nan, math.inf, -math.inf, -0.01, 100.0001, 101, -1,
     Decimal("NaN"), Decimal("Infinity"), Fraction(201, 2), 10**100, [90], object()],
)  # fmt: skip
def test_bad_totals_are_typed_errors(bad):
    with pytest.raises(InvalidTotal) as info:
        ocop.edition("26/2026").star_for(bad)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ocop.OcopError)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2019, 8, 21), "1048/2019"), (D(2023, 2, 23), "1048/2019"), (D(2023, 2, 24), "148/2023"),
        (D(2025, 7, 5), "148/2023"), (D(2025, 7, 6), "1489/2025"), (D(2026, 5, 21), "1489/2025"),
        (D(2026, 5, 22), "26/2026"), (D(2030, 1, 1), "26/2026"),
    ],
)  # fmt: skip
def test_edition_in_force(day, code):
    assert ocop.edition_in_force(day).code == code
    assert ocop.edition(code).in_force_on(day)


def test_before_first_edition():
    with pytest.raises(NoEditionInForce) as info:
        ocop.edition_in_force(D(2019, 8, 20))
    assert isinstance(info.value, LookupError)
    assert "2019-08-21" in str(info.value)
    assert not ocop.edition("1048/2019").in_force_on(D(2019, 8, 20))


@pytest.mark.parametrize("bad", [datetime.datetime(2026, 6, 1), "2026-06-01", None, 20260601])
def test_edition_in_force_wants_a_date(bad):
    with pytest.raises(InvalidDate):
        ocop.edition_in_force(bad)


@pytest.mark.parametrize("bad", ["", "26", "26/2026 ", "148/2023+1489/2025", None, 26, ("26/2026",)])
def test_unknown_edition(bad):
    with pytest.raises(UnknownEdition) as info:
        ocop.edition(bad)
    assert "26/2026" in str(info.value)


@given(st.dates(min_value=D(2019, 8, 21), max_value=D(2100, 1, 1)))
def test_exactly_one_edition_in_force(day):
    in_force = [e for e in ocop.editions() if e.in_force_on(day)]
    assert in_force == [ocop.edition_in_force(day)]


@given(
    st.fractions(min_value=0, max_value=100),
    st.fractions(min_value=0, max_value=100),
    st.sampled_from(CODES),
)
def test_star_is_monotone_in_total(a, b, code):
    e = ocop.edition(code)
    lo, hi = sorted((a, b))
    assert e.star_for(lo) <= e.star_for(hi)


@given(st.fractions(min_value=0, max_value=100))
def test_bands_partition_the_range(total):
    e = ocop.edition("26/2026")
    assert sum(band.contains(total) for band in e.bands) == 1


def test_star_labels():
    assert str(ocop.Star.FIVE) == "5★"
    assert ocop.Star.THREE.label_vi == "3 sao"
    assert [s.recognisable for s in ocop.Star] == [False, False, True, True, True]
    assert "26/2026" in str(ocop.edition("26/2026"))
