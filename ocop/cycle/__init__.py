"""The OCOP cycle and the evaluation procedure: states, transitions and legal deadlines.

Every function takes explicit dates (no hidden "today") and refuses ``datetime``
objects, so naive and aware times cannot be confused with dates.

>>> import datetime
>>> from ocop.cycle import CycleStep, add_working_days, commune_deadline, provincial_round
>>> CycleStep.IDEAS < CycleStep.EVALUATION
True
>>> provincial_round(datetime.date(2026, 4, 15), edition="26/2026").held_by
datetime.date(2026, 6, 30)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocop._lazy import attach
from ocop.cycle._calendar import add_working_days, is_working_day

if TYPE_CHECKING:
    from ocop.cycle._deadlines import (
        Deadline,
        PendingKind,
        Round,
        commune_deadline,
        in_reevaluation_window,
        ministry_round,
        provincial_round,
        reevaluation_decision_due,
        reevaluation_window,
        revocation_due,
        transitional_deadline,
    )
    from ocop.cycle._procedure import (
        TERMINAL,
        Action,
        Dossier,
        DossierEvent,
        DossierKind,
        Procedure,
        State,
        Transition,
        procedure,
    )
    from ocop.cycle._steps import CycleEvent, CycleHistory, CycleStep

# Deadlines (python-dateutil), the procedure and the cycle steps are loaded on first use.
if not TYPE_CHECKING:  # pragma: no branch (type checkers read the imports above and flag unknown names)
    __getattr__, __dir__ = attach(
        __name__,
        globals(),
        {
            **dict.fromkeys(
                [
                    "Deadline",
                    "PendingKind",
                    "Round",
                    "commune_deadline",
                    "in_reevaluation_window",
                    "ministry_round",
                    "provincial_round",
                    "reevaluation_decision_due",
                    "reevaluation_window",
                    "revocation_due",
                    "transitional_deadline",
                ],
                "ocop.cycle._deadlines",
            ),
            **dict.fromkeys(
                [
                    "TERMINAL",
                    "Action",
                    "Dossier",
                    "DossierEvent",
                    "DossierKind",
                    "Procedure",
                    "State",
                    "Transition",
                    "procedure",
                ],
                "ocop.cycle._procedure",
            ),
            **dict.fromkeys(["CycleEvent", "CycleHistory", "CycleStep"], "ocop.cycle._steps"),
        },
    )

__all__ = [
    "TERMINAL",
    "Action",
    "CycleEvent",
    "CycleHistory",
    "CycleStep",
    "Deadline",
    "Dossier",
    "DossierEvent",
    "DossierKind",
    "PendingKind",
    "Procedure",
    "Round",
    "State",
    "Transition",
    "add_working_days",
    "commune_deadline",
    "in_reevaluation_window",
    "is_working_day",
    "ministry_round",
    "procedure",
    "provincial_round",
    "reevaluation_decision_due",
    "reevaluation_window",
    "revocation_due",
    "transitional_deadline",
]
