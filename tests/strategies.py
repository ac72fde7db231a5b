"""Test-suite strategies: the public ``ocop.strategies``, plus a helper the tests share."""

from __future__ import annotations

from hypothesis import strategies as st

import ocop
import ocop.strategies as ost
from ocop.criteria import Criterion, Sheet

SHEETS = ocop.criteria.sheets(edition="26/2026")
choices = ost._choices


def scorecards(sheet: Sheet | None = None) -> st.SearchStrategy[ocop.Scorecard]:
    return ost.scorecards(sheet=sheet)


def councils(min_size: int = 1, max_size: int = 9) -> st.SearchStrategy[tuple[ocop.Scorecard, ...]]:
    return ost.councils(min_size=min_size, max_size=max_size)


__all__ = ["SHEETS", "Criterion", "choices", "councils", "scorecards"]
