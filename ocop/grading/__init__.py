"""Scoring: scorecards, council averages, parts, totals, stars and the reasons for them.

>>> import ocop
>>> sheet = ocop.criteria.sheet(7, edition="26/2026")
>>> card = ocop.Scorecard.from_points(sheet, {c.number: c.max_points for c in sheet.criteria})
>>> ocop.grade(card).star
<Star.FIVE: 5>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocop._lazy import attach
from ocop.grading._grade import Disqualified, Eliminated, Grade, UnmetMinimum, grade, grade_many, grade_points
from ocop.grading._rules import CouncilRules, Halted, HaltReach, OutOfScope, Recognition, Route, RuleBreach
from ocop.grading._scorecard import Scorecard

if TYPE_CHECKING:
    from ocop.grading._advisor import Change, Plan, TargetUnreachable, advise, what_if

# The advisor is loaded on first use.
if not TYPE_CHECKING:  # pragma: no branch (type checkers read the imports above and flag unknown names)
    __getattr__, __dir__ = attach(
        __name__,
        globals(),
        dict.fromkeys(["Change", "Plan", "TargetUnreachable", "advise", "what_if"], "ocop.grading._advisor"),
    )

__all__ = [
    "Change",
    "CouncilRules",
    "Disqualified",
    "Eliminated",
    "Grade",
    "HaltReach",
    "Halted",
    "OutOfScope",
    "Plan",
    "Recognition",
    "Route",
    "RuleBreach",
    "Scorecard",
    "TargetUnreachable",
    "UnmetMinimum",
    "advise",
    "grade",
    "grade_many",
    "grade_points",
    "what_if",
]
