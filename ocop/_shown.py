"""Notebook hooks shared by the value types (their HTML and pretty-printed forms).

The hooks import the boundary (``ocop.io``) only when called, so no value module imports
the display layer at load time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Shown", "ShownConcisely"]


class Shown:
    """A value that notebooks display as HTML, in the current label language."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from ocop.io._html import html

        return html(self)


class ShownConcisely(Shown):
    """A value whose pretty-printed form is its one-line ``repr``.

    IPython's and Hypothesis' pretty printers would otherwise list every field of an
    attrs class, whole sheets included.
    """

    __slots__ = ()

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))
