"""Exact arithmetic for scores: every total is a :class:`fractions.Fraction`."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from ocop.errors import InvalidDate, InvalidTotal

HUNDRED = Fraction(100)
#: Scores have a few decimals at most; an exponent or a denominator beyond these is not
#: a score, and converting it exactly would take unbounded time and memory.
MAX_DECIMAL_PLACES = 60
MAX_BITS = 512


def to_fraction(value: object, *, field: str = "total") -> Fraction:
    """Convert a score to an exact fraction, refusing anything that is not a finite number.

    Floats are converted exactly (``Fraction(69.99)`` is just below 70), so a float
    that prints as 69.99 never reaches the 70-point band.  ``bool`` is refused even
    though it is an ``int``: a ``True`` total is a bug in the caller.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Rational)):
        raise InvalidTotal(field=field, value=value, allowed="int, float, Decimal or Fraction")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidTotal(field=field, value=value, allowed="a finite number from 0 to 100")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidTotal(field=field, value=value, allowed="a finite number from 0 to 100")
    if isinstance(value, Decimal) and not value.is_zero() and not -MAX_DECIMAL_PLACES <= value.as_tuple().exponent <= 3:  # type: ignore[operator]
        # Checked before Fraction(value), which would expand 1e-100000000 digit by digit.
        raise InvalidTotal(
            field=field, value=value, allowed=f"a finite number from 0 to 100, at most {MAX_DECIMAL_PLACES} decimals"
        )
    if isinstance(value, Rational) and int(value.denominator).bit_length() > MAX_BITS:
        raise InvalidTotal(field=field, value=value, allowed=f"a fraction with a denominator below 2**{MAX_BITS}")
    result = Fraction(value)
    if not 0 <= result <= HUNDRED:
        raise InvalidTotal(field=field, value=value, allowed="a finite number from 0 to 100")
    return result


def format_points(value: Fraction | int) -> str:
    """Render points for people: integers as such, fractions with two decimals.

    >>> format_points(Fraction(233, 3)), format_points(Fraction(70)), format_points(5)
    ('77.67', '70', '5')
    """
    frac = Fraction(value)
    if frac.denominator == 1:
        return str(frac.numerator)
    return f"{Decimal(frac.numerator) / Decimal(frac.denominator):.2f}"


def check_date(value: object, *, field: str) -> datetime.date:
    """Accept a :class:`datetime.date` only (a ``datetime`` carries a time and maybe a zone)."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise InvalidDate(field=field, value=value, allowed="a datetime.date")
    return value
