"""The boundary: frames, workbooks, CSV files, HTML and plots, above the values they show.

Nothing in the model imports this package; the values' ``_repr_html_`` and
``to_frame`` methods reach it lazily, when they are called.  pandas (``ocop[pandas]``),
openpyxl (``ocop[excel]``) and matplotlib (``ocop[plot]``) are optional and imported
only by the functions that need them.

>>> import ocop, ocop.io
>>> council = ocop.io.demo_council()
>>> [c.evaluator for c in council], ocop.grade(council).star
(['Member 1', 'Member 2', 'Member 3'], <Star.THREE: 3>)
"""

from __future__ import annotations

from ocop.grading import Scorecard
from ocop.io._cells import exact_int
from ocop.io._frames import exact_points, from_frame, to_frame
from ocop.io._tables import blank_csv, blank_workbook, read_csv, read_workbook, write_csv, write_workbook

__all__ = [
    "blank_csv",
    "blank_workbook",
    "demo_council",
    "exact_int",
    "exact_points",
    "from_frame",
    "read_csv",
    "read_workbook",
    "to_frame",
    "write_csv",
    "write_workbook",
]


def demo_council() -> tuple[Scorecard, ...]:
    """The bundled example: a council of three scoring a dried-mango product on sheet 7 (26/2026).

    The same council ``ocop demo`` grades; handy for trying frames, workbooks and plots.
    """
    from ocop._demo import demo_scorecards

    return demo_scorecards()
