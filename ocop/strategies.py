"""Hypothesis strategies for ``ocop``'s value types, for your own tests.

Install with ``pip install 'ocop[hypothesis]'``.  Every strategy is keyword-only and
always produces valid values; they are also registered for ``st.from_type`` through the
``hypothesis`` entry point, so ``st.from_type(ocop.Scorecard)`` works once Hypothesis is
imported.  Base ``ocop`` never imports Hypothesis.

>>> from hypothesis import given
>>> import ocop, ocop.strategies as ost
>>> @given(ost.scorecards(sheet=ocop.criteria.sheet(7, edition="26/2026")))
... def test_total_is_at_most_100(card):
...     assert ocop.grade(card).total <= 100
>>> test_total_is_at_most_100()
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

import ocop
from ocop.certificates import Certificate, Portfolio, ProducerType, issuers
from ocop.criteria import Criterion, Sheet
from ocop.grading import Scorecard

__all__ = ["certificates", "councils", "editions", "portfolios", "scorecards", "sheets"]


def editions() -> st.SearchStrategy[ocop.Edition]:
    """Any legal edition."""
    return st.sampled_from(ocop.editions())


def sheets(*, edition: str | ocop.Edition = "26/2026") -> st.SearchStrategy[Sheet]:
    """A packaged sheet of ``edition`` (only 26/2026 publishes its tables)."""
    return st.sampled_from(ocop.criteria.sheets(edition=edition))


def _choices(criterion: Criterion) -> list[int | None]:
    out: list[int | None] = list(range(len(criterion.levels)))
    if all(level.value != 0 for level in criterion.levels):
        out.insert(0, None)
    return out


@st.composite
def _scorecard(draw: st.DrawFn, sheet: Sheet | None) -> Scorecard:
    chosen = draw(sheets()) if sheet is None else sheet
    levels = {c.number: draw(st.sampled_from(_choices(c))) for c in chosen.criteria}
    return Scorecard(chosen, levels)


def scorecards(*, sheet: Sheet | None = None) -> st.SearchStrategy[Scorecard]:
    """A scorecard on ``sheet`` (any packaged sheet by default), any valid levels."""
    return _scorecard(sheet)


@st.composite
def _council(draw: st.DrawFn, sheet: Sheet | None, min_size: int, max_size: int) -> tuple[Scorecard, ...]:
    chosen = draw(sheets()) if sheet is None else sheet
    n = draw(st.integers(min_size, max_size))
    return tuple(draw(_scorecard(chosen)) for _ in range(n))


def councils(
    *, sheet: Sheet | None = None, min_size: int = 1, max_size: int = 9
) -> st.SearchStrategy[tuple[Scorecard, ...]]:
    """A council: ``min_size`` to ``max_size`` scorecards on the same sheet."""
    if not 1 <= min_size <= max_size:
        from hypothesis.errors import InvalidArgument

        raise InvalidArgument(f"need 1 <= min_size <= max_size, got {min_size}, {max_size}")
    return _council(sheet, min_size, max_size)


@st.composite
def _certificate(draw: st.DrawFn, min_date: datetime.date, max_date: datetime.date) -> Certificate:
    issued = draw(st.dates(min_value=min_date, max_value=max_date))
    edition = ocop.edition_in_force(issued)
    star = ocop.Star(draw(st.integers(3, 5)))
    sheet = draw(st.integers(1, edition.sheet_count))
    types = (
        list(ProducerType) if sheet == 26 else [t for t in ProducerType if t is not ProducerType.TOURISM_ASSOCIATION]
    )
    return Certificate(
        code=f"{draw(st.integers(1, 99)):02d}-{draw(st.integers(1, 99999)):05d}-{draw(st.integers(1, 999))}-"
        f"{issued.year}",
        product=draw(st.text(min_size=1, max_size=20)),
        producer=draw(st.sampled_from([f"producer {i}" for i in range(20)])),
        producer_type=draw(st.sampled_from(types)),
        sheet=sheet,
        star=star,
        issued_by=issuers(edition, star, issued)[0],
        issued_on=issued,
    )


def certificates(
    *, min_date: datetime.date = datetime.date(2019, 8, 21), max_date: datetime.date = datetime.date(2035, 12, 31)
) -> st.SearchStrategy[Certificate]:
    """A certificate issued between ``min_date`` and ``max_date`` under the edition then in force."""
    return _certificate(max(min_date, datetime.date(2019, 8, 21)), max_date)


def portfolios(*, max_size: int = 20) -> st.SearchStrategy[Portfolio]:
    """A portfolio of up to ``max_size`` certificates."""
    return st.lists(certificates(), max_size=max_size).map(Portfolio)
