"""Plain-data (JSON) conversion for every public value type, the cattrs preconf way.

``make_converter(**kw)`` builds a strict :class:`cattrs.Converter` (unknown keys are
refused, errors are detailed); ``configure_converter(conv)`` adds ``ocop``'s hooks to a
converter of yours.  cattrs' global converter is never touched.

Conventions: dates are ISO strings; enums travel by value (stars as integers); exact
points (``Fraction``) as strings such as ``"220/3"`` or ``"74"``; an edition as its code;
a packaged sheet inside a scorecard, grade or procedure as ``{"edition", "code"}``.

Structure errors arrive as a :class:`cattrs.BaseValidationError` (an exception group);
:func:`cattrs.transform_error` flattens it into messages with JSON paths, and
:func:`format_error` does the same for ``ocop``'s own errors inside it.

>>> import ocop
>>> from ocop.serialization import make_converter
>>> conv = make_converter()
>>> from ocop._demo import demo_scorecards
>>> card = demo_scorecards()[1]
>>> data = conv.unstructure(card)
>>> data["sheet"], data["levels"]["6.5"], data["evaluator"]
({'edition': '26/2026', 'code': 7}, 1, 'Member 2')
>>> conv.structure(data, ocop.Scorecard) == card
True
>>> conv.unstructure(ocop.grade(card))["total"]
'69'
"""

from __future__ import annotations

import datetime
import enum
from fractions import Fraction
from typing import Any, get_args, get_origin

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ocop._editions import Edition
from ocop._editions import edition as _edition
from ocop._frozen import FrozenMap
from ocop._schema import json_schema
from ocop.certificates import Certificate, Portfolio, ProductCode
from ocop.criteria import sheet as _sheet
from ocop.criteria._load import unstructure_sheet
from ocop.criteria._model import Sheet
from ocop.cycle import Procedure, procedure
from ocop.errors import InvalidValue, OcopError

__all__ = ["configure_converter", "export_sheet", "format_error", "json_schema", "make_converter"]


def _fraction(value: Any, _: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidValue(field="points", value=value, allowed="an integer or a string such as '220/3'")
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise InvalidValue(field="points", value=value, allowed="a fraction such as '220/3'") from exc


def _date(value: Any, _: Any) -> datetime.date:
    if not isinstance(value, str):
        raise InvalidValue(field="date", value=value, allowed="an ISO date string, YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidValue(field="date", value=value, allowed="an ISO date string, YYYY-MM-DD") from exc


def _sheet_ref(value: Any, _: Any) -> Sheet:
    if isinstance(value, dict) and set(value) == {"edition", "code"}:
        return _sheet(value["code"], edition=value["edition"])
    raise InvalidValue(field="sheet", value=value, allowed='{"edition": "26/2026", "code": 1..26}')


def _is_frozenset(t: Any) -> bool:
    return bool(t is frozenset or get_origin(t) is frozenset)


def _is_frozen_map(t: Any) -> bool:
    return t is FrozenMap or get_origin(t) is FrozenMap


def configure_converter(converter: cattrs.Converter) -> None:
    """Register ``ocop``'s hooks on ``converter`` (leaf types first, then composites).

    :raises InvalidValue: ``converter`` is not a cattrs converter.
    """
    if not isinstance(converter, cattrs.Converter):
        raise InvalidValue(field="converter", value=converter, allowed="a cattrs.Converter")
    converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    converter.register_structure_hook(datetime.date, _date)
    converter.register_unstructure_hook(Fraction, str)
    converter.register_structure_hook(Fraction, _fraction)
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v, t: t(v)
    )
    converter.register_unstructure_hook(Edition, lambda e: e.code)
    converter.register_structure_hook(Edition, lambda v, _: _edition(v))
    converter.register_unstructure_hook(ProductCode, str)
    converter.register_structure_hook(ProductCode, lambda v, _: ProductCode.parse(v))
    converter.register_unstructure_hook(Sheet, lambda s: {"edition": s.edition.code, "code": s.code})
    converter.register_structure_hook(Sheet, _sheet_ref)
    converter.register_unstructure_hook(Procedure, lambda p: p.edition.code)
    converter.register_structure_hook(Procedure, lambda v, _: procedure(v))

    def unstructure_map(m: FrozenMap[Any, Any]) -> dict[Any, Any]:
        return {converter.unstructure(k): converter.unstructure(v) for k, v in m.items()}

    def structure_map(value: Any, t: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, dict):
            raise InvalidValue(field="mapping", value=value, allowed="a JSON object")
        kt, vt = get_args(t) or (Any, Any)
        return FrozenMap({converter.structure(k, kt): converter.structure(v, vt) for k, v in value.items()})

    converter.register_unstructure_hook_func(_is_frozen_map, unstructure_map)
    converter.register_structure_hook_func(_is_frozen_map, structure_map)
    converter.register_unstructure_hook_func(_is_frozenset, lambda s: sorted(converter.unstructure(x) for x in s))
    for cls in (Certificate, Portfolio):
        converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter))
        converter.register_structure_hook(cls, make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True))


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """A new strict converter with ``ocop``'s hooks (keyword arguments go to cattrs)."""
    kwargs.setdefault("forbid_extra_keys", True)
    converter = cattrs.Converter(**kwargs)
    configure_converter(converter)
    return converter


def export_sheet(sheet: Sheet) -> dict[str, Any]:
    """A sheet's full table in the packaged file format (what ``load_sheet`` reads)."""
    return unstructure_sheet(sheet)


def format_error(exc: BaseException) -> list[str]:
    """Flatten a structure error into ``"message @ $.path"`` lines, ``OcopError`` text kept whole.

    >>> from ocop.serialization import make_converter, format_error
    >>> import ocop
    >>> try:
    ...     make_converter().structure({"sheet": {"edition": "26/2026", "code": 7}, "levels": {"1.1": 9},
    ...                                 "evaluator": None, "eliminations": [], "disqualifications": []},
    ...                                ocop.Scorecard)
    ... except Exception as exc:
    ...     print(format_error(exc)[0][:60])
    The scorecard does not score every criterion of the sheet. s
    """
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(
            exc,
            format_exception=lambda e, t: str(e) if isinstance(e, OcopError) else cattrs.v.format_exception(e, t),
        )
    return [str(exc)]
