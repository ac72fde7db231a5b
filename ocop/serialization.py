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

import enum
import functools
import json
import re
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ocop._editions import Edition
from ocop._editions import edition as _edition
from ocop._frozen import FrozenMap
from ocop._schema import json_schema
from ocop._strict import describe, error_leaves, parse_json, register_strict_hooks, structure_enum
from ocop.certificates import Certificate, Portfolio, ProductCode
from ocop.criteria import sheet as _sheet
from ocop.criteria._load import unstructure_sheet
from ocop.criteria._model import Sheet
from ocop.cycle import Procedure, procedure
from ocop.errors import InvalidData, InvalidValue, OcopError
from ocop.grading import Grade, Scorecard
from ocop.grading._verify import verify_grade

__all__ = [
    "configure_converter",
    "dumps",
    "export_sheet",
    "format_error",
    "json_schema",
    "loads",
    "make_converter",
]

#: JSON payloads (a council's scorecards, a portfolio) are far below this size.
MAX_JSON_BYTES = 5_000_000
_EDITION_CODE = re.compile(r"[0-9]{1,4}/[0-9]{4}")
_PRODUCT_CODE = re.compile(r"[0-9]{1,3}-[0-9]{1,5}-[0-9]{1,6}-[0-9]{4}")


def _edition_ref(value: Any, _: Any = None) -> Edition:
    if not isinstance(value, str) or _EDITION_CODE.fullmatch(value) is None:
        raise InvalidValue("not an edition code", value=value, allowed="an edition code such as '26/2026'")
    return _edition(value)


def _sheet_ref(value: Any, _: Any) -> Sheet:
    if isinstance(value, dict) and set(value) == {"edition", "code"} and type(value["code"]) is int:
        return _sheet(value["code"], edition=_edition_ref(value["edition"]))
    raise InvalidValue("not a sheet reference", value=value, allowed='{"edition": "26/2026", "code": 1..26}')


def _product_code(value: Any, _: Any) -> ProductCode:
    # ASCII digits only: the pattern of ProductCode.parse also matches other scripts' digits.
    if not isinstance(value, str) or _PRODUCT_CODE.fullmatch(value) is None:
        raise InvalidValue(
            "not a product code", value=value, allowed="T-X-STT-YYYY, ASCII digits, e.g. '04-01234-7-2026'"
        )
    return ProductCode.parse(value)


def _procedure(value: Any, _: Any) -> Procedure:
    return procedure(_edition_ref(value))


def _points_to_levels(converter: cattrs.Converter, value: dict[str, Any]) -> dict[str, Any]:
    """A scorecard given by printed points, as the same scorecard by level positions."""
    if "levels" in value:
        raise InvalidValue("give either levels or points", field="points", allowed="one of 'levels' and 'points'")
    rest = {k: v for k, v in value.items() if k != "points"}
    sheet = _field(converter, "sheet", Sheet, rest.get("sheet"))
    points = _field(converter, "points", FrozenMap[str, int], value["points"])
    return {**rest, "levels": dict(Scorecard.from_points(sheet, points).levels)}


def _field(converter: cattrs.Converter, name: str, t: Any, value: Any) -> Any:
    """Structure one field of a scorecard, keeping the field's name in the error's path."""
    try:
        return converter.get_structure_hook(t)(value, t)
    except Exception as exc:  # every failure is reported, under the field's name
        exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(f"@ {name}", name, t)]
        raise cattrs.ClassValidationError("While structuring Scorecard", [exc], Scorecard) from None


def _is_attrs(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t)


def configure_converter(converter: cattrs.Converter) -> None:
    """Register ``ocop``'s strict hooks on ``converter``.

    No coercion between JSON types (``"3"``, ``true`` and ``3.0`` are not the integer
    3); ISO dates only; exact points as integers or strings such as ``"220/3"``; record
    types must be JSON objects without unknown keys; a structured :class:`~ocop.Grade`
    is verified against its sheet.

    :raises InvalidValue: ``converter`` is not a cattrs converter.
    """
    if not isinstance(converter, cattrs.Converter):
        raise InvalidValue(field="converter", value=converter, allowed="a cattrs.Converter")
    register_strict_hooks(converter)
    # IntEnum is an int: register the enum hooks where single dispatch finds them first.
    converter.register_structure_hook(enum.IntEnum, structure_enum)
    converter.register_structure_hook(enum.Enum, structure_enum)
    converter.register_unstructure_hook(Edition, lambda e: e.code)
    converter.register_structure_hook(Edition, _edition_ref)
    converter.register_unstructure_hook(ProductCode, str)
    converter.register_structure_hook(ProductCode, _product_code)
    converter.register_unstructure_hook(Sheet, lambda s: {"edition": s.edition.code, "code": s.code})
    converter.register_structure_hook(Sheet, _sheet_ref)
    converter.register_unstructure_hook(Procedure, lambda p: p.edition.code)
    converter.register_structure_hook(Procedure, _procedure)

    def record(cl: Any) -> Any:
        inner = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True)

        def structure(value: Any, t: Any) -> Any:
            if cl is Scorecard and isinstance(value, dict) and "points" in value:
                value = _points_to_levels(converter, value)
            if not isinstance(value, dict):
                raise InvalidValue(
                    f"expected an object ({cl.__name__})", value=_type_name(value), allowed="a JSON object"
                )
            result = inner(value, t)
            return verify_grade(result) if cl is Grade else result

        return structure

    converter.register_structure_hook_factory(_is_attrs, record)
    for cls in (Certificate, Portfolio):
        converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter))


def _type_name(value: object) -> object:
    return (
        value
        if isinstance(value, (str, int, float, type(None)))
        else f"a JSON {_JSON_KIND.get(type(value), type(value).__name__)}"
    )


_JSON_KIND = {dict: "object", list: "array", tuple: "array", bool: "boolean"}


class _Converter(cattrs.Converter):
    """A converter whose ``structure`` raises :class:`~ocop.errors.InvalidData` with every problem."""

    def structure(self, obj: Any, cl: Any) -> Any:
        try:
            return super().structure(obj, cl)
        except cattrs.errors.StructureHandlerNotFoundError as exc:
            raise InvalidValue("no JSON format for this type", field="cl", value=cl,
                               allowed="ocop's value types") from exc  # fmt: skip
        except cattrs.BaseValidationError as exc:
            raise InvalidData([describe(loc, e) for loc, e in error_leaves(exc)], root=_root(cl)) from exc
        except OcopError as exc:
            raise InvalidData([describe((), exc)], root=_root(cl)) from exc
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
            raise InvalidData([describe((), exc)], root=_root(cl)) from exc


def _root(cl: Any) -> str:
    return getattr(cl, "__name__", str(cl))


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """A new strict converter with ``ocop``'s hooks (keyword arguments go to cattrs).

    Its ``structure`` raises :class:`~ocop.errors.InvalidData` listing every problem with
    its path (``exc.errors()``), or the library's own error for a value refused as a whole.

    >>> import ocop
    >>> from ocop.serialization import make_converter
    >>> try:
    ...     make_converter().structure({"sheet": {"edition": "26/2026", "code": "7"}, "levels": []}, ocop.Scorecard)
    ... except ocop.errors.InvalidData as exc:
    ...     print([(e["loc"], e["type"]) for e in exc.errors()])
    [(['sheet'], 'InvalidValue'), (['levels'], 'InvalidValue')]
    """
    kwargs.setdefault("forbid_extra_keys", True)
    converter = _Converter(**kwargs)
    configure_converter(converter)
    return converter


def export_sheet(sheet: Sheet) -> dict[str, Any]:
    """A sheet's full table in the packaged file format (what ``load_sheet`` reads).

    :raises InvalidValue: ``sheet`` is not a :class:`~ocop.criteria.Sheet`.
    """
    if not isinstance(sheet, Sheet):
        raise InvalidValue(field="sheet", value=_type_name(sheet), allowed="an ocop.criteria.Sheet")
    return unstructure_sheet(sheet)


def format_error(exc: BaseException) -> list[str]:
    """One line per problem, ``"$.path: message (got …; allowed: …)"``.

    >>> from ocop.serialization import make_converter, format_error
    >>> import ocop
    >>> try:
    ...     make_converter().structure({"sheet": {"edition": "26/2026", "code": 7}, "levels": {"1.1": 9},
    ...                                 "evaluator": None, "eliminations": [], "disqualifications": []},
    ...                                ocop.Scorecard)
    ... except Exception as exc:
    ...     print(format_error(exc)[0][:60])
    $: The scorecard does not score every criterion of the sheet
    """
    if isinstance(exc, InvalidData):
        return InvalidData.lines(exc.problems)
    if isinstance(exc, cattrs.BaseValidationError):
        return InvalidData.lines([describe(loc, e) for loc, e in error_leaves(exc)])
    return [str(exc)]


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def loads(data: str | bytes, cl: Any) -> Any:
    """Parse JSON text and structure it as ``cl`` (preconf style, strict).

    Duplicate keys, NaN, more than 5 MB or 32 levels of nesting, and text that is not
    UTF-8 are refused before structuring.

    >>> import ocop
    >>> from ocop.serialization import dumps, loads
    >>> from ocop._demo import demo_scorecards
    >>> card = demo_scorecards()[0]
    >>> loads(dumps(card), ocop.Scorecard) == card
    True
    >>> loads('{"sheet": 1, "sheet": 2}', ocop.Scorecard)
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidValue: Invalid value. duplicate key in a JSON object data: got 'sheet'; allowed: each key once

    :raises InvalidValue: not JSON within the bounds.
    :raises InvalidData: the JSON does not follow the format of ``cl`` (every problem).
    """
    if not isinstance(data, (str, bytes)):
        raise InvalidValue(field="data", value=_type_name(data), allowed="JSON text (str or bytes)")
    result = _converter().structure(parse_json(data, limit=MAX_JSON_BYTES, what="JSON text"), cl)
    return result


def dumps(value: object, **kwargs: Any) -> str:
    """The JSON text of a value (preconf style; keyword arguments go to ``json.dumps``).

    >>> import ocop
    >>> from ocop.serialization import dumps
    >>> from ocop._demo import demo_scorecards
    >>> dumps(ocop.grade(demo_scorecards()[0]))[:60]
    '{"sheet": {"edition": "26/2026", "code": 7}, "members": 1, "'

    :raises InvalidValue: the value has no JSON form.
    """
    kwargs.setdefault("ensure_ascii", False)
    kwargs.setdefault("allow_nan", False)
    try:
        return json.dumps(_converter().unstructure(value), **kwargs)
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidValue(f"no JSON form ({exc})", field="value", value=_type_name(value),
                           allowed="ocop's values and JSON data") from exc  # fmt: skip
