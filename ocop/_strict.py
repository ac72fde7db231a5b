"""Strict cattrs hooks and bounded JSON reading, shared by the converter and the sheet loader.

cattrs' defaults coerce (``int("3")``, ``bool("false")``, ``str(5)``, a string structured
as a tuple of its characters); at a boundary that takes data from anywhere, a value of
the wrong JSON type is refused instead, with a typed error.  JSON text is parsed with
duplicate keys refused, a byte cap and a nesting cap, and files are checked with
``stat`` before any byte is read.
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any, get_args, get_origin

import cattrs
from cattrs.errors import AttributeValidationNote, IterableValidationError, IterableValidationNote

from ocop._frozen import FrozenMap
from ocop.errors import InvalidValue, OcopError

#: ISO calendar dates only (``YYYY-MM-DD``, ASCII digits); ``fromisoformat`` alone also
#: takes ``20260101`` and week dates.
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Exact points: an integer or a fraction, ASCII digits, no exponent, bounded length.
FRACTION = re.compile(r"-?[0-9]{1,30}(/[0-9]{1,30})?")
#: JSON nesting deeper than this is not one of ``ocop``'s formats (sheets nest 8 deep).
MAX_DEPTH = 32

_JSON_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _primitive(kind: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        # bool is an int in Python but not in JSON; an int is not a float's exact value.
        if type(value) is not kind:
            raise InvalidValue(f"wrong type, expected {_JSON_NAMES[kind]}", value=value, allowed=_JSON_NAMES[kind])
        return value

    return structure


def structure_date(value: Any, _: Any = None) -> datetime.date:
    """An ISO ``YYYY-MM-DD`` string as a date (the whole calendar, years 1 to 9999)."""
    if not isinstance(value, str) or DATE.fullmatch(value) is None:
        raise InvalidValue("not an ISO date", value=value, allowed="an ISO date string, YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidValue("no such day", value=value, allowed="an existing calendar day, YYYY-MM-DD") from exc


def structure_fraction(value: Any, _: Any = None) -> Fraction:
    """An integer or a string such as ``"220/3"`` as an exact fraction (bounded size)."""
    if type(value) is int and abs(value) < 10**30:
        return Fraction(value)
    if not isinstance(value, str) or FRACTION.fullmatch(value) is None:
        raise InvalidValue("not exact points", value=value, allowed="an integer or a string such as '220/3'")
    try:
        return Fraction(value)
    except ZeroDivisionError as exc:
        raise InvalidValue("zero denominator", value=value, allowed="a fraction with a non-zero denominator") from exc


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def structure_enum(value: Any, t: type[enum.Enum]) -> Any:
    """An enum member from its exact value (``True`` and ``3.0`` are not ``Star(3)``)."""
    for member in t:
        if type(member.value) is type(value) and member.value == value:
            return member
    raise InvalidValue(f"not a {t.__name__}", value=value, allowed=[m.value for m in t])


def _is_frozenset(t: Any) -> bool:
    return bool(t is frozenset or get_origin(t) is frozenset)


def _is_sequence(t: Any) -> bool:
    origin = get_origin(t)
    return origin in (tuple, frozenset, list) and (origin is not tuple or get_args(t)[1:] == (Ellipsis,))


def _items(converter: cattrs.Converter, pairs: Iterator[tuple[Any, Any]], t: Any, of: Any) -> list[Any]:
    """Structure each item, collecting every failure with its index or key (cattrs' notes)."""
    out, errors = [], []
    for where, item in pairs:
        try:
            out.append(converter.get_structure_hook(of)(item, of))
        except Exception as exc:  # every failure is collected, with its place
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ {where!r}", where, of)]
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"While structuring {t!r}", errors, t)
    return out


def register_strict_hooks(converter: cattrs.Converter) -> None:
    """Make ``converter`` refuse every coercion between JSON types."""
    for kind in (str, int, float, bool):
        converter.register_structure_hook(kind, _primitive(kind))
    converter.register_structure_hook(datetime.date, structure_date)
    converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    converter.register_structure_hook(Fraction, structure_fraction)
    converter.register_unstructure_hook(Fraction, str)
    converter.register_structure_hook_func(_is_enum, structure_enum)
    converter.register_unstructure_hook_func(_is_enum, lambda e: e.value)

    def structure_sequence(value: Any, t: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise InvalidValue("expected an array", value=_short(value), allowed="a JSON array")
        origin = get_origin(t)
        items = _items(converter, iter(enumerate(value)), t, get_args(t)[0])
        if origin is frozenset:
            result = frozenset(items)
            if len(result) != len(items):
                raise InvalidValue("repeated item", value=value, allowed="an array without repeated items")
            return result
        return origin(items)

    converter.register_structure_hook_func(_is_sequence, structure_sequence)
    converter.register_unstructure_hook_func(_is_frozenset, lambda s: sorted(converter.unstructure(x) for x in s))

    def is_frozen_map(t: Any) -> bool:
        return t is FrozenMap or get_origin(t) is FrozenMap

    def structure_map(value: Any, t: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, dict):
            raise InvalidValue("expected an object", value=_short(value), allowed="a JSON object")
        kt, vt = get_args(t) or (Any, Any)
        keys = _items(converter, ((k, k) for k in value), t, kt)
        values = _items(converter, iter(value.items()), t, vt)
        return FrozenMap(dict(zip(keys, values, strict=True)))

    converter.register_structure_hook_func(is_frozen_map, structure_map)
    converter.register_unstructure_hook_func(
        is_frozen_map, lambda m: {converter.unstructure(k): converter.unstructure(v) for k, v in m.items()}
    )


def _short(value: object) -> object:
    """Large containers are named by their type in messages (a whole sheet is not a message)."""
    if isinstance(value, (dict, list, tuple, set, frozenset)) and len(repr(value)) > 80:
        return f"<{type(value).__name__} of {len(value)} items>"
    return value


# --- errors with their paths ------------------------------------------------------------


_NOTES = (AttributeValidationNote, IterableValidationNote)


def error_leaves(
    exc: BaseException, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    """Each leaf error of a cattrs validation group, with its path (attribute names, indices, keys)."""
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            notes = [n for n in getattr(sub, "__notes__", ()) if isinstance(n, _NOTES)]
            step = tuple(n.name if isinstance(n, AttributeValidationNote) else n.index for n in notes[-1:])
            yield from error_leaves(sub, loc + step)
    else:
        yield loc, exc


def _steps(field: str | None) -> list[str | int]:
    """A constructor's field text (``"levels['6.5']"``) as path steps; hooks name no field."""
    if field is None:
        return []
    match = re.fullmatch(r"([A-Za-z_]\w*)\[('[^']*'|[0-9]+)\]", field)
    if match is None:
        return [field]
    key = match.group(2)
    return [match.group(1), key[1:-1] if key.startswith("'") else int(key)]


def _join(loc: tuple[str | int, ...], steps: list[str | int]) -> list[str | int]:
    # A lookup raised by a hook names the field the path already ends with.
    return list(loc) if steps and list(loc[-len(steps) :]) == steps else [*loc, *steps]


def problem(loc: Any, msg: str, kind: str, value: object = None, allowed: object = None) -> dict[str, Any]:
    """One problem as ``{loc, msg, type, value, allowed}`` (FastAPI/pydantic style)."""
    return {"loc": list(loc), "msg": msg, "type": kind, "value": value, "allowed": allowed}


def describe(loc: tuple[str | int, ...], exc: BaseException) -> dict[str, Any]:
    """One leaf error of a structure call as a :func:`problem`."""
    if isinstance(exc, OcopError):
        return problem(_join(loc, _steps(exc.field)), exc.plain(), type(exc).__name__, exc.value, exc.allowed)
    if isinstance(exc, KeyError):
        return problem(loc, "required field missing", "MissingField")
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return problem(loc, "unknown fields", "ExtraFields", sorted(exc.extra_fields, key=repr))
    return problem(loc, str(exc) or type(exc).__name__, "InvalidValue")


# --- bounded JSON -------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise InvalidValue("duplicate key in a JSON object", field="data", value=dup, allowed="each key once")
    return result


def _constant(name: str) -> Any:
    raise InvalidValue("not JSON", field="data", value=name, allowed="finite numbers (no NaN or Infinity)")


def _depth(data: Any) -> int:
    """The nesting depth of parsed JSON (iterative: deep data must not exhaust the stack)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def parse_json(data: str | bytes, *, limit: int, what: str) -> Any:
    """Parse JSON text strictly: bounded size and depth, UTF-8, no duplicate keys, no NaN.

    :raises InvalidValue: too large, too deep, not UTF-8 or not JSON (one line each).
    """
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > limit:
        raise InvalidValue(f"{what} too large", field="data", value=f"{size} bytes", allowed=f"at most {limit} bytes")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidValue(
                f"{what} is not UTF-8 text (byte {exc.start})", field="data", allowed="JSON text in UTF-8"
            ) from exc
    if data.startswith("\ufeff"):
        data = data[1:]
    too_deep = InvalidValue(f"{what} nests too deep", field="data", allowed=f"at most {MAX_DEPTH} levels of nesting")
    try:
        result = json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_constant)
    except InvalidValue:
        raise
    except RecursionError as exc:  # the C scanner stops at the interpreter's recursion limit
        raise too_deep from exc
    except ValueError as exc:
        raise InvalidValue(f"{what} is not valid JSON ({exc})", field="data", allowed="JSON text") from exc
    if _depth(result) > MAX_DEPTH:
        raise too_deep
    return result


def read_file(path: str | os.PathLike[str], *, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes (checked with ``stat`` first, then capped).

    FIFOs, devices and directories are refused before any byte is read; a file that grows
    while it is read is still cut at the cap.

    :raises InvalidValue: not a regular file, too large, or unreadable (with the reason).
    """
    name = os.fsdecode(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise InvalidValue(
            f"cannot read {name!r}: {reason}", field="path", value=name, allowed="a readable file"
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InvalidValue(f"{name!r} is not a regular file", field="path", value=name, allowed="a regular file")
    if info.st_size > limit:
        raise InvalidValue(
            f"{name!r} is too large", field="path", value=f"{info.st_size} bytes", allowed=f"at most {limit} bytes"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidValue(
            f"cannot read {name!r}: {exc.strerror}", field="path", value=name, allowed="a readable file"
        ) from exc
    if len(data) > limit:
        raise InvalidValue(f"{name!r} is too large", field="path", value=name, allowed=f"at most {limit} bytes")
    return data
