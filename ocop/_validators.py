"""attrs validators that raise ``ocop``'s typed errors (attrs' own raise ``TypeError``)."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from ocop.errors import InvalidValue

T = TypeVar("T")


def instance_of(*types: type, optional: bool = False) -> Any:
    """Refuse values that are not instances of ``types`` (``bool`` never passes as ``int``)."""
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")

    def check(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if optional and value is None:
            return
        if isinstance(value, bool) and bool not in types:
            raise InvalidValue(field=attribute.name, value=value, allowed=names)
        if not isinstance(value, types):
            raise InvalidValue(field=attribute.name, value=value, allowed=names)

    return check


def tuple_of(cls: type[T], value: object, *, field: str, name: str) -> tuple[T, ...]:
    """``value``, a list or tuple of ``cls`` instances, as a tuple; else a typed error.

    For attrs converters (named per field, as type checkers require); ``name`` is how the
    error names the class (``"ocop.cycle.CycleEvent"``).
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidValue(field=field, value=value, allowed=f"a sequence of {name}")
    for item in value:
        if not isinstance(item, cls):
            raise InvalidValue(field=field, value=item, allowed=f"{name} instances")
    return tuple(value)
