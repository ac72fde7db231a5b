"""JSON Schema for the JSON that :mod:`ocop.serialization` reads and writes.

Generated from the attrs classes and their type hints, with the same conventions as the
converter (ISO dates, enums by value, exact points as strings or integers, packaged
sheets by reference); nothing is written by hand.
"""

from __future__ import annotations

import copy
import datetime
import enum
import inspect
import types
import typing
from fractions import Fraction
from typing import Any

import attrs

from ocop._editions import Edition
from ocop._frozen import FrozenMap
from ocop.certificates import Certificate, Portfolio, ProductCode
from ocop.criteria._model import Sheet
from ocop.cycle import Procedure
from ocop.errors import InvalidValue
from ocop.grading import Grade, Scorecard

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID = "https://ocop.readthedocs.io/schema/{name}.json"
ROOTS: dict[str, type] = {"scorecard": Scorecard, "grade": Grade, "certificate": Certificate, "portfolio": Portfolio}

_EDITIONS = ["1048/2019", "148/2023", "1489/2025", "26/2026"]
_LEAVES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    datetime.date: {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    Fraction: {
        "description": "Exact points: an integer, or a string such as '220/3'.",
        "oneOf": [
            {"type": "integer", "minimum": -(10**30) + 1, "maximum": 10**30 - 1},
            {"type": "string", "pattern": r"^-?[0-9]{1,30}(/[0-9]{1,30})?$"},
        ],
    },
    Edition: {"type": "string", "enum": _EDITIONS},
    ProductCode: {"type": "string", "pattern": r"^[0-9]{1,3}-[0-9]{1,5}-[0-9]{1,6}-[0-9]{4}$"},
    Sheet: {
        "description": "A packaged scoring sheet, by edition and code.",
        "type": "object",
        "properties": {
            "edition": {"type": "string", "enum": _EDITIONS},
            "code": {"type": "integer", "minimum": 1, "maximum": 26},
        },
        "required": ["edition", "code"],
        "additionalProperties": False,
    },
    Procedure: {"type": "string", "enum": _EDITIONS},
}


def _describe(t: type) -> str:
    """The first paragraph of a class's docstring, on one line."""
    doc = inspect.getdoc(t) or t.__name__
    return " ".join(doc.split("\n\n")[0].split())


def _schema(t: Any, defs: dict[str, Any], ref: str) -> dict[str, Any]:
    if t in _LEAVES:
        return copy.deepcopy(_LEAVES[t])
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema(a, defs, ref) for a in args]}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _schema(args[0], defs, ref)}
    if origin is frozenset:
        return {"type": "array", "items": _schema(args[0], defs, ref), "uniqueItems": True}
    if t is FrozenMap or origin is FrozenMap:
        value = _schema(args[1], defs, ref) if args else {}
        return {"type": "object", "additionalProperties": value}
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {"enum": [m.value for m in t]}
    if isinstance(t, type) and attrs.has(t):
        # The value types do not nest themselves, so each definition is built once per use.
        hints = typing.get_type_hints(t)
        fields = attrs.fields(t)
        defs[t.__name__] = {
            "title": t.__name__,
            "description": _describe(t),
            "type": "object",
            "properties": {f.name: _schema(hints[f.name], defs, ref) for f in fields},
            "required": [f.name for f in fields if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }
        if t is Scorecard:
            _points_or_levels(defs[t.__name__])
        return {"$ref": ref.format(model=t.__name__)}
    raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - every public type is covered


def _points_or_levels(card: dict[str, Any]) -> None:
    """A scorecard gives its levels as 0-based positions ("levels") or as printed points ("points")."""
    props = card["properties"]
    props["levels"]["description"] = "criterion number -> 0-based position of the ticked level (null: none)"
    props["points"] = {
        "description": "criterion number -> points of the ticked level, as printed",
        "type": "object",
        "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100},
    }
    card["required"] = [r for r in card["required"] if r != "levels"]
    card["oneOf"] = [{"required": ["levels"]}, {"required": ["points"]}]


def json_schema(name: str, *, ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    """The JSON Schema of ``"scorecard"``, ``"grade"``, ``"certificate"`` or ``"portfolio"``.

    ``ref_template`` places the definitions elsewhere, e.g.
    ``"#/components/schemas/{model}"`` for an OpenAPI document: the definitions are then
    still returned under ``$defs``, for the caller to move into ``components/schemas``.

    >>> from ocop.serialization import json_schema
    >>> s = json_schema("scorecard")
    >>> s["$ref"], s["$id"], sorted(s["$defs"]["Scorecard"]["properties"])
    ('#/$defs/Scorecard', 'https://ocop.readthedocs.io/schema/scorecard.json', \
['disqualifications', 'eliminations', 'evaluator', 'filed_on', 'halts', 'levels', 'out_of_scope', 'points', 'sheet'])
    >>> json_schema("grade", ref_template="#/components/schemas/{model}")["$ref"]
    '#/components/schemas/Grade'

    :raises InvalidValue: unknown schema name, or a template without ``{model}``.
    """
    if not isinstance(name, str) or name not in ROOTS:
        raise InvalidValue("no such schema", field="name", value=name, allowed=tuple(ROOTS))
    if not isinstance(ref_template, str) or "{model}" not in ref_template:
        raise InvalidValue(field="ref_template", value=ref_template, allowed="a string with '{model}'")
    defs: dict[str, Any] = {}
    root = _schema(ROOTS[name], defs, ref_template)
    return {"$schema": DIALECT, "$id": ID.format(name=name), "title": f"ocop {name}", **root, "$defs": defs}
