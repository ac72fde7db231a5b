"""The bundled example: a provincial council of three grades a product on sheet 7."""

from __future__ import annotations

from collections.abc import Mapping

from ocop._numbers import format_points
from ocop.criteria import sheet as _sheet
from ocop.grading import Grade, Scorecard, grade

PRODUCT = "Xoài sấy dẻo (soft-dried mango), HTX Nông nghiệp Tân Phú"

_BASE: Mapping[str, int] = {
    "1.1": 3, "1.2": 1, "1.3": 2, "1.4": 2, "1.5": 2, "1.6": 2, "1.7": 1,
    "2.1": 3, "2.2": 2, "2.3": 3, "2.4": 1,
    "3.1": 3, "3.2": 1, "3.3": 3, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 2, "4.3": 3,
    "5.1": 5, "5.2": 1, "5.3": 3,
    "6.1": 2, "6.2": 2, "6.3": 2, "6.4": 2, "6.5": 3,
    "7": 3, "8": 4, "9": 3, "10": 2, "11": 1,
}  # fmt: skip

#: Each member's points: the same evidence, read a little differently.
COUNCIL: Mapping[str, Mapping[str, int]] = {
    "Member 1": _BASE,
    "Member 2": {**_BASE, "4.3": 2, "6.5": 1, "8": 2},
    "Member 3": {**_BASE, "5.2": 2, "6.3": 3, "11": 2},
}


def demo_scorecards() -> tuple[Scorecard, ...]:
    """The three members' scorecards (sheet 7 of Decision 26/2026)."""
    sheet = _sheet(7, edition="26/2026")
    return tuple(Scorecard.from_points(sheet, pts, evaluator=name) for name, pts in COUNCIL.items())


def render(result: Grade, cards: tuple[Scorecard, ...]) -> str:
    """A plain-text report of a council's grade."""
    sheet = result.sheet
    lines = [
        f"Product : {PRODUCT}",
        f"Sheet   : {sheet.code}. {sheet.name_vi} ({sheet.name_en})",
        f"Edition : {sheet.edition.code}, {sheet.provenance.location}",
        "",
        "Members : " + ", ".join(f"{c.evaluator} {format_points(grade(c).total)}" for c in cards),
        "",
        f"{'Part':<6}{'Points':>8}{'Max':>6}",
    ]
    for part in sheet.parts:
        lines.append(f"{part.code:<6}{format_points(result.part_points[part.code]):>8}{part.max_points:>6}")
    lines.append(f"{'Total':<6}{format_points(result.total):>8}{100:>6}   (exact: {result.total})")
    lines.append("")
    lines.append(f"Score band : {result.band}")
    lines.append(
        f"Final star : {result.star if result.star is not None else 'none'}"
        f"{'  (recognisable)' if result.recognisable else '  (not recognisable)'}"
    )
    lines.append("")
    lines.append("Why:")
    lines.extend(f"  - {reason}" for reason in result.reasons)
    return "\n".join(lines)


def run() -> str:
    """Grade the bundled council and return the report."""
    cards = demo_scorecards()
    return render(grade(cards), cards)
