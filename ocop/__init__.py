"""ocop: the rules of Vietnam's OCOP programme (Mỗi xã một sản phẩm), exact and cited.

>>> import ocop, datetime
>>> ocop.edition_in_force(datetime.date(2026, 11, 23)).code
'26/2026'
>>> ocop.Star.FOUR > ocop.Star.THREE
True
>>> ocop.labels.get_language()
'vi'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocop._editions import Authority, Edition, Instrument, Star, StarBand, edition, edition_in_force, editions
from ocop._lazy import attach
from ocop.errors import OcopError

if TYPE_CHECKING:
    from ocop import certificates, criteria, cycle, grading, labels
    from ocop.certificates import Certificate, Portfolio, ProducerType, RevocationGround, StatusKind
    from ocop.grading import CouncilRules, Grade, Plan, Scorecard, UnmetMinimum, advise, grade, grade_points, what_if

# Loaded on first use: the subpackages pull in cattrs, importlib.resources and
# python-dateutil, which most callers need only after they ask for a sheet or a date.
if not TYPE_CHECKING:  # pragma: no branch (type checkers read the imports above and flag unknown names)
    __getattr__, __dir__ = attach(
        __name__,
        globals(),
        {
            "certificates": "ocop.certificates",
            "criteria": "ocop.criteria",
            "cycle": "ocop.cycle",
            "grading": "ocop.grading",
            "labels": "ocop.labels",
            **dict.fromkeys(
                ["Certificate", "Portfolio", "ProducerType", "RevocationGround", "StatusKind"], "ocop.certificates"
            ),
            **dict.fromkeys(
                [
                    "CouncilRules",
                    "Grade",
                    "Plan",
                    "Scorecard",
                    "UnmetMinimum",
                    "advise",
                    "grade",
                    "grade_points",
                    "what_if",
                ],
                "ocop.grading",
            ),
        },
    )

__version__ = "0.1.0"

__all__ = [
    "Authority",
    "Certificate",
    "CouncilRules",
    "Edition",
    "Grade",
    "Instrument",
    "OcopError",
    "Plan",
    "Portfolio",
    "ProducerType",
    "RevocationGround",
    "Scorecard",
    "Star",
    "StarBand",
    "StatusKind",
    "UnmetMinimum",
    "__version__",
    "advise",
    "certificates",
    "criteria",
    "cycle",
    "edition",
    "edition_in_force",
    "editions",
    "grade",
    "grade_points",
    "grading",
    "labels",
    "what_if",
]
