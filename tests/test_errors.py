import datetime
import decimal
import enum
import fractions
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop import errors


def test_every_error_derives_from_the_root_and_a_builtin():
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, ocop.OcopError)
        if cls is not ocop.OcopError:
            assert issubclass(cls, (ValueError, LookupError)), name
        assert cls.message and cls.message.endswith(".")


def test_message_names_field_value_and_allowed():
    err = errors.UnknownLevel("sheet 7", field="levels['6.5']", value=9, allowed=[0, 1, 2, 3])
    text = str(err)
    assert text.startswith(errors.UnknownLevel.message)
    assert "levels['6.5']: got 9" in text
    assert "allowed: 0, 1, 2, 3" in text
    assert err.field == "levels['6.5']"
    assert err.value == 9
    assert err.allowed == (0, 1, 2, 3)


def test_bare_error_uses_default_message():
    assert str(errors.InvalidTotal()) == errors.InvalidTotal.message
    assert errors.InvalidTotal().value is None


def test_allowed_as_text():
    assert str(errors.InvalidDate(allowed="a date")) == f"{errors.InvalidDate.message} allowed: a date"


def test_lookup_errors_are_lookup_errors():
    with pytest.raises(LookupError):
        ocop.edition("nope")
    with pytest.raises(KeyError.__mro__[1]):  # LookupError, the parent of KeyError
        ocop.criteria.sheet(99, edition="26/2026")


# --- errors() is JSON data -------------------------------------------------------------------
# A web service answers errors() as JSON (docs/examples/web_service.py): whatever value was
# received — a float('inf') parsed from "1e999", a date, an object — the answer must serialize.

JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


class Colour(enum.Enum):
    RED = "red"


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**1100, max_value=2**1200) | st.floats()
    | st.text() | st.binary(max_size=8) | st.dates() | st.decimals() | st.fractions() | st.just(Colour.RED)
    | st.just(object()) | st.just(float("nan")) | st.just(math.inf),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner) | st.frozensets(st.integers(), max_size=3)
    | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=3),
    max_leaves=12,
)  # fmt: skip


@given(ANYTHING)
def test_errors_serialize_as_strict_json_whatever_was_received(value):
    for exc in (errors.InvalidValue(field="x", value=value, allowed=[value]),
                errors.InvalidData([{"loc": ["x"], "msg": "m", "type": "InvalidValue", "value": value,
                                     "allowed": (value,)}])):  # fmt: skip
        text = json.dumps(exc.errors(), allow_nan=False)
        assert json.loads(text)[0]["loc"] == ["x"]
        assert exc.value is value  # the attribute keeps what was received


@given(JSON_DATA)
def test_errors_keep_json_data_as_it_was(value):
    got = errors.InvalidValue(field="x", value=value, allowed=(value, 1)).errors()[0]
    assert got["value"] == value and got["allowed"] == (value, 1)


@pytest.mark.parametrize(("value", "quoted"), [
    (float("inf"), "inf"), (float("-inf"), "-inf"), (datetime.date(2026, 6, 1), "2026-06-01"),
    (Colour.RED, "red"), (decimal.Decimal("1.5"), "Decimal('1.5')"), (fractions.Fraction(1, 3), "Fraction(1, 3)"),
    (2**2000, "<an integer of 2001 bits>"), ({1: "a"}, "{1: 'a'}"),
], ids=["inf", "-inf", "date", "enum", "decimal", "fraction", "huge-int", "int-keys"])  # fmt: skip
def test_errors_quote_what_json_cannot_carry(value, quoted):
    assert errors.InvalidValue(field="x", value=value).errors()[0]["value"] == quoted


def test_errors_quote_data_nested_deeper_than_json_input_can_be():
    deep: list[object] = []
    for _ in range(100):
        deep = [deep]
    value = errors.InvalidValue(field="x", value=deep).errors()[0]["value"]
    json.dumps(value)
    depth = 0
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert depth == 40 and isinstance(value, str)
