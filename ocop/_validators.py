"""attrs validators that raise ``ocop``'s typed errors (attrs' own raise ``TypeError``)."""

from __future__ import annotations

from typing import Any

import attrs

from ocop.errors import InvalidValue


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
