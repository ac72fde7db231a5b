import pytest

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
