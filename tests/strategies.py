"""Test-suite strategies for sheets and scorecards (always valid)."""

from __future__ import annotations

from hypothesis import strategies as st

import ocop
from ocop.criteria import Criterion, Sheet

SHEETS = ocop.criteria.sheets(edition="26/2026")


def choices(criterion: Criterion) -> list[int | None]:
    """Every valid choice on a criterion: each level index, or None when no 0 level exists."""
    out: list[int | None] = list(range(len(criterion.levels)))
    if all(level.value != 0 for level in criterion.levels):
        out.insert(0, None)
    return out


@st.composite
def scorecards(draw: st.DrawFn, sheet: Sheet | None = None) -> ocop.Scorecard:
    sheet = draw(st.sampled_from(SHEETS)) if sheet is None else sheet
    levels = {c.number: draw(st.sampled_from(choices(c))) for c in sheet.criteria}
    return ocop.Scorecard(sheet, levels)


@st.composite
def councils(draw: st.DrawFn, min_size: int = 1, max_size: int = 9) -> tuple[ocop.Scorecard, ...]:
    sheet = draw(st.sampled_from(SHEETS))
    n = draw(st.integers(min_size, max_size))
    return tuple(draw(scorecards(sheet)) for _ in range(n))
