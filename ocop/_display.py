"""HTML for notebooks: sheets, grades and portfolios, in the current label language."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ocop._numbers import format_points
from ocop.labels import get_language, label

if TYPE_CHECKING:
    from ocop.certificates import Portfolio
    from ocop.criteria._model import Sheet
    from ocop.grading._grade import Grade


def _row(*cells: object, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def sheet_html(sheet: Sheet) -> str:
    """A sheet as an HTML table: criteria, levels, points and star marks."""
    en = get_language() == "en"
    rows = [_row("#", "criterion" if en else "tiêu chí", "max" if en else "điểm", "levels" if en else "mức", head=True)]
    for _, _, c in sheet.iter_criteria():
        levels = "; ".join(f"{lvl.value}{'*' * int(lvl.star) if lvl.star else ''}" for lvl in c.levels)
        rows.append(_row(c.number, label(c), c.max_points, levels))
    title = f"{'Sheet' if en else 'Phiếu'} {sheet.code}: {label(sheet)} ({sheet.edition.code})"
    return f"<div><strong>{escape(title)}</strong><table>{''.join(rows)}</table></div>"


def grade_html(grade: Grade) -> str:
    """A grade: parts, total, band, star and reasons."""
    en = get_language() == "en"
    rows = [_row("part" if en else "phần", "points" if en else "điểm", "max" if en else "tối đa", head=True)]
    for part in grade.sheet.parts:
        rows.append(_row(part.code, format_points(grade.part_points[part.code]), part.max_points))
    rows.append(_row("total" if en else "tổng", format_points(grade.total), 100))
    star = label(grade.star) if grade.star is not None else ("none" if en else "không xếp hạng")
    reasons = "".join(f"<li>{escape(r)}</li>" for r in grade.reasons)
    return (
        f"<div><strong>{escape(star)}</strong> ({escape(label(grade.sheet))})"
        f"<table>{''.join(rows)}</table><ul>{reasons}</ul></div>"
    )


def portfolio_html(portfolio: Portfolio) -> str:
    """A portfolio's size and its counts by star and by sector."""
    en = get_language() == "en"
    parts = [f"<strong>{len(portfolio)} {'certificates' if en else 'giấy chứng nhận'}</strong>"]
    for by in ("star", "sector"):
        rows = [_row(by, "count" if en else "số lượng", head=True)]
        rows += [_row(k, v) for k, v in portfolio.counts(by).items()]
        parts.append(f"<table>{''.join(rows)}</table>")
    return "<div>" + "".join(parts) + "</div>"


def frame(rows: list[dict[str, object]]) -> object:
    """A pandas DataFrame of ``rows`` (pandas is an optional extra)."""
    import importlib

    try:
        pd = importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame() needs pandas: pip install 'ocop[pandas]'") from exc
    return pd.DataFrame(rows)


def sheet_rows(sheet: Sheet) -> list[dict[str, object]]:
    """One row per level of every criterion."""
    return [
        {
            "part": p.code,
            "section": s.number,
            "criterion": c.number,
            "name": label(c),
            "max_points": c.max_points,
            "level": i,
            "text": label(lvl) if lvl.printed else "",
            "points": lvl.value,
            "star": None if lvl.star is None else int(lvl.star),
            "case": lvl.case,
        }
        for p in sheet.parts
        for s in p.sections
        for c in s.criteria
        for i, lvl in enumerate(c.levels)
    ]


def grade_rows(grade: Grade) -> list[dict[str, object]]:
    """One row per criterion: points (exact, as float for display) and the maximum."""
    return [
        {
            "part": p.code,
            "criterion": c.number,
            "name": label(c),
            "points": float(grade.criterion_points[c.number]),
            "max_points": c.max_points,
        }
        for p, _, c in grade.sheet.iter_criteria()
    ]
