"""Product codes ``T-X-STT-YYYY`` (mã sản phẩm OCOP): province, commune, serial, year.

Province and commune are the administrative codes of Decision 19/2025/QĐ-TTg, written
in ASCII digits; the serial number counts from 1; the year is the evaluation year, from
2019 (the first edition, 1048/2019) on.  A code is checked when it is built, so
``str(code)`` always parses back to an equal code.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from ocop._shown import Shown
from ocop.errors import InvalidValue

__all__ = ["FIRST_CODE_YEAR", "ProductCode"]

#: The first year an OCOP evaluation could be held under a national edition (1048/2019).
FIRST_CODE_YEAR = 2019
_CODE = re.compile(r"([0-9]{1,3})-([0-9]{1,5})-([0-9]{1,6})-([0-9]{4})")
_ALLOWED = "T-X-STT-YYYY in ASCII digits, e.g. '04-01234-7-2026'"


def _digits(width: int) -> Any:
    def check(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or re.fullmatch(f"[0-9]{{1,{width}}}", value) is None:
            raise InvalidValue(field=attribute.name, value=value, allowed=f"1 to {width} ASCII digits, as text")

    return check


def _int_range(low: int, high: int) -> Any:
    def check(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidValue(field=attribute.name, value=value, allowed=f"an integer from {low} to {high}")

    return check


@attrs.frozen
class ProductCode(Shown):
    """A product code ``T-X-STT-YYYY``: province, commune, serial number, evaluation year.

    >>> from ocop.certificates import ProductCode
    >>> c = ProductCode.parse("04-01234-7-2026")
    >>> c.province, c.commune, c.serial, c.year, str(c)
    ('04', '01234', 7, 2026, '04-01234-7-2026')
    >>> ProductCode("04", "01234", 7, 2018)
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidValue: Invalid value. year: got 2018; allowed: an integer from 2019 to 9999

    :raises InvalidValue: a field of the wrong type or out of range.
    """

    province: str = attrs.field(validator=_digits(3))
    commune: str = attrs.field(validator=_digits(5))
    serial: int = attrs.field(validator=_int_range(1, 999_999))
    year: int = attrs.field(validator=_int_range(FIRST_CODE_YEAR, 9999))

    @classmethod
    def parse(cls, text: str) -> ProductCode:
        """Parse ``T-X-STT-YYYY``.

        :raises InvalidValue: the text does not have that shape.
        """
        m = _CODE.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            raise InvalidValue(field="code", value=text, allowed=_ALLOWED)
        try:
            return cls(m.group(1), m.group(2), int(m.group(3)), int(m.group(4)))
        except InvalidValue as exc:
            raise InvalidValue(f"{exc.field} out of range", field="code", value=text, allowed=_ALLOWED) from None

    def __str__(self) -> str:
        return f"{self.province}-{self.commune}-{self.serial}-{self.year}"


def to_code(value: object) -> ProductCode:
    """A :class:`ProductCode` from itself or from its text."""
    if isinstance(value, ProductCode):
        return value
    return ProductCode.parse(value)  # type: ignore[arg-type]
