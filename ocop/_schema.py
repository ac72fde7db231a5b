"""JSON Schema for the JSON that :mod:`ocop.serialization` reads and writes.

Generated from the attrs classes and their type hints, with the same conventions as the
converter (ISO dates, enums by value, exact points as strings or integers, packaged
sheets by reference); nothing is written by hand.
"""

from __future__ import annotations

import datetime
import enum
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
from ocop.errors import UnknownCriterion
from ocop.grading import Grade, Scorecard

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ROOTS: dict[str, type] = {"scorecard": Scorecard, "grade": Grade, "certificate": Certificate, "portfolio": Portfolio}

_LEAVES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    datetime.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    Fraction: {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": r"^-?\d+(/\d+)?$"}]},
    Edition: {"type": "string", "enum": ["1048/2019", "148/2023", "1489/2025", "26/2026"]},
    ProductCode: {"type": "string", "pattern": r"^\d{1,3}-\d{1,5}-\d{1,6}-\d{4}$"},
    Sheet: {
        "type": "object",
        "properties": {"edition": {"type": "string"}, "code": {"type": "integer", "minimum": 1, "maximum": 26}},
        "required": ["edition", "code"],
        "additionalProperties": False,
    },
    Procedure: {"type": "string"},
}


def _schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if t in _LEAVES:
        return dict(_LEAVES[t])
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema(a, defs) for a in args]}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _schema(args[0], defs)}
    if origin is frozenset:
        return {"type": "array", "items": _schema(args[0], defs), "uniqueItems": True}
    if t is FrozenMap or origin is FrozenMap:
        value = _schema(args[1], defs) if args else {}
        return {"type": "object", "additionalProperties": value}
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {"enum": [m.value for m in t]}
    if isinstance(t, type) and attrs.has(t):
        # The value types do not nest themselves, so each definition is built once per use.
        hints = typing.get_type_hints(t)
        fields = attrs.fields(t)
        defs[t.__name__] = {
            "type": "object",
            "properties": {f.name: _schema(hints[f.name], defs) for f in fields},
            "required": [f.name for f in fields if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - every public type is covered


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``"scorecard"``, ``"grade"``, ``"certificate"`` or ``"portfolio"``.

    >>> from ocop.serialization import json_schema
    >>> s = json_schema("scorecard")
    >>> s["$ref"], sorted(s["$defs"]["Scorecard"]["properties"])[:5]
    ('#/$defs/Scorecard', ['disqualifications', 'eliminations', 'evaluator', 'filed_on', 'halts'])

    :raises UnknownCriterion: unknown schema name (a :class:`LookupError`).
    """
    if not isinstance(name, str) or name not in ROOTS:
        raise UnknownCriterion("no such schema", field="name", value=name, allowed=tuple(ROOTS))
    defs: dict[str, Any] = {}
    root = _schema(ROOTS[name], defs)
    return {"$schema": DIALECT, "title": f"ocop {name}", **root, "$defs": defs}
