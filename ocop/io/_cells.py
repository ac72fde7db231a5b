"""Exact integers out of table cells: numpy and pandas scalars, workbook numbers, CSV text.

A table is where an integer may arrive dressed as something else: ``numpy.int64(3)``
from a frame column, ``3.0`` from a column that pandas turned into floats because one
cell was blank, a workbook number (every spreadsheet number is a double).  Those are
read exactly; anything that is not a whole number — a fraction, NaN, a blank, text,
a boolean — is refused with the cell named.  The model itself stays strict: it only
ever sees Python ``int``.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable

from ocop.errors import InvalidValue

_TEXT_INT = re.compile(r"^[+-]?\d+$")


def _is_bool(value: object) -> bool:
    # numpy.bool_ is not a subclass of bool, and is not Integral either; check by name.
    return isinstance(value, bool) or type(value).__name__ in {"bool_", "bool"}


def is_blank(value: object) -> bool:
    """Whether a cell is empty: ``None``, ``""``, NaN, ``pandas.NA`` or ``NaT``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return math.isnan(float(value))
    return type(value).__name__ in {"NAType", "NaTType"}


def exact_int(
    value: object, *, cell: str = "value", allowed: Iterable[object] | str = "a whole number", text: bool = False
) -> int:
    """The integer a cell holds, exactly, or :class:`~ocop.errors.InvalidValue` naming the cell.

    ``text`` accepts digits written as text (a CSV cell is always text).

    >>> from ocop.io import exact_int
    >>> exact_int(3.0, cell="B5"), exact_int("4", cell="B6", text=True)
    (3, 4)
    >>> exact_int(2.5, cell="B7")
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidValue: Invalid value. B7: got 2.5; allowed: 'a whole number'
    """
    if not isinstance(cell, str):
        raise InvalidValue(field="cell", value=cell, allowed="the cell's name, as text")
    if not isinstance(text, bool):
        raise InvalidValue(field="text", value=text, allowed=(True, False))
    if isinstance(allowed, str):
        allowed = (allowed,)
    elif isinstance(allowed, (bytes, bytearray)) or not isinstance(allowed, Iterable):
        raise InvalidValue(field="allowed", value=allowed, allowed="a text, or a collection of allowed values")
    if _is_bool(value) or is_blank(value):
        raise InvalidValue(field=cell, value=value, allowed=allowed)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return int(number)
    if text and isinstance(value, str) and _TEXT_INT.match(value.strip()):
        return int(value.strip())
    raise InvalidValue(field=cell, value=value, allowed=allowed)
