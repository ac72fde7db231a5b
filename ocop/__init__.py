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

from ocop import certificates, criteria, cycle, grading, labels
from ocop._editions import Authority, Edition, Instrument, Star, StarBand, edition, edition_in_force, editions
from ocop.certificates import Certificate, Portfolio, ProducerType, RevocationGround, StatusKind
from ocop.errors import OcopError
from ocop.grading import Grade, Plan, Scorecard, UnmetMinimum, advise, grade, grade_points, what_if

__version__ = "0.1.0"

__all__ = [
    "Authority",
    "Certificate",
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
