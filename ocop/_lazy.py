"""Module attributes loaded on first use (PEP 562), so ``import ocop`` stays light.

A package lists the names it exports lazily and the module defining each; the first
access imports that module and caches the value in the package's namespace, so later
accesses are plain attribute reads.  Type checkers see the same names through
``if TYPE_CHECKING`` imports in the package itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, namespace: dict[str, Any], lazy: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``lazy`` maps a name to its module.

    A name that is the module's own last component (``"cycle": "ocop.cycle"``) is the
    submodule itself; any other name is read from the module.
    """

    def __getattr__(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = importlib.import_module(module)
        value = loaded if module == f"{package}.{name}" else getattr(loaded, name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *lazy})

    return __getattr__, __dir__
