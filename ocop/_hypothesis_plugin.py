"""Registers ``ocop``'s strategies with Hypothesis (loaded through the ``hypothesis`` entry point)."""

from __future__ import annotations

import importlib
from typing import Any


def _deferred(name: str) -> Any:
    # The hook may run while ``ocop.strategies`` itself is importing Hypothesis, so the
    # strategy is looked up when it is first used, not when it is registered.
    def build(_: type) -> Any:
        return getattr(importlib.import_module("ocop.strategies"), name)()

    return build


def _setup() -> None:
    """Register a strategy for every constrained value type (runs when Hypothesis is imported)."""
    from hypothesis import strategies as st

    import ocop

    st.register_type_strategy(ocop.Edition, _deferred("editions"))
    st.register_type_strategy(ocop.criteria.Sheet, _deferred("sheets"))
    st.register_type_strategy(ocop.Scorecard, _deferred("scorecards"))
    st.register_type_strategy(ocop.Certificate, _deferred("certificates"))
    st.register_type_strategy(ocop.Portfolio, _deferred("portfolios"))
