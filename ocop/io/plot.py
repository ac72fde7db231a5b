"""Plots for notebooks (optional matplotlib, ``pip install 'ocop[plot]'``).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import ocop, ocop.io
>>> from ocop.io.plot import plot_council, plot_grade
>>> council = ocop.io.demo_council()
>>> ax = plot_grade(ocop.grade(council))
>>> [t.get_text() for t in ax.get_yticklabels()]
['A', 'B', 'C']
>>> ax = plot_council(council)
>>> len(ax.get_xticks())
32
"""

from __future__ import annotations

import importlib
from typing import Any

from ocop.grading import Grade, Scorecard, grade
from ocop.io._frames import _cards, member_names
from ocop.labels import get_language, label

__all__ = ["plot_council", "plot_grade"]


def _pyplot() -> Any:
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'ocop[plot]'") from exc


def _axes(ax: Any) -> Any:
    if ax is None:
        _, ax = _pyplot().subplots()
    return ax


def _t(vi: str, en: str) -> str:
    return en if get_language() == "en" else vi


def plot_grade(g: object, *, ax: Any = None) -> Any:
    """Each part's points against its maximum, as horizontal bars; returns the Axes.

    :raises InvalidValue: ``g`` is not a Grade.
    """
    if not isinstance(g, Grade):
        from ocop.errors import InvalidValue

        raise InvalidValue(field="g", value=g, allowed="an ocop.Grade")
    ax = _axes(ax)
    parts = g.sheet.parts
    codes = [p.code for p in parts]
    ax.barh(codes, [p.max_points for p in parts], color="#dddddd", label=_t("tối đa", "maximum"))
    ax.barh(codes, [float(g.part_points[p.code]) for p in parts], color="#2b6cb0", label=_t("điểm", "points"))
    ax.invert_yaxis()
    star = label(g.star) if g.star is not None else _t("không xếp hạng", "no star")
    ax.set_title(f"{_t('Phiếu', 'Sheet')} {g.sheet.code} ({g.edition.code}): {float(g.total):.2f} — {star}")
    ax.set_xlabel(_t("điểm", "points"))
    ax.legend(loc="lower right")
    return ax


def plot_council(council: Scorecard | Any, *, ax: Any = None) -> Any:
    """The council's spread: each member's points per criterion, the mean and the maximum.

    :raises InvalidValue, MixedScorecards: not a council on one sheet.
    """
    cards = _cards(council)
    ax = _axes(ax)
    sheet = cards[0].sheet
    criteria = sheet.criteria
    xs = list(range(len(criteria)))
    ax.bar(xs, [c.max_points for c in criteria], color="#eeeeee", label=_t("tối đa", "maximum"))
    for name, card in zip(member_names(cards), cards, strict=True):
        ax.plot(xs, [card.points(c.number) for c in criteria], "o", alpha=0.7, label=name)
    mean = grade(cards).criterion_points
    ax.plot(
        xs, [float(mean[c.number]) for c in criteria], "_", color="black", markersize=14, label=_t("trung bình", "mean")
    )
    ax.set_xticks(xs, [c.number for c in criteria], rotation=90)
    ax.set_ylabel(_t("điểm", "points"))
    ax.set_title(
        f"{_t('Phiếu', 'Sheet')} {sheet.code} ({sheet.edition.code}): {len(cards)} {_t('thành viên', 'members')}"
    )
    # Outside the axes: inside, the legend would hide some criteria's points.
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.figure.tight_layout()
    return ax
