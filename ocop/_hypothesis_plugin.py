"""Registers ``ocop``'s strategies with Hypothesis (loaded through the ``hypothesis`` entry point)."""

from __future__ import annotations


def _setup() -> None:
    """Register a strategy for every constrained value type (runs when Hypothesis is imported)."""
    from hypothesis import strategies as st

    import ocop
    from ocop import strategies as ost

    st.register_type_strategy(ocop.Edition, ost.editions())
    st.register_type_strategy(ocop.criteria.Sheet, ost.sheets())
    st.register_type_strategy(ocop.Scorecard, ost.scorecards())
    st.register_type_strategy(ocop.Certificate, ost.certificates())
    st.register_type_strategy(ocop.Portfolio, ost.portfolios())
