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

from ocop.cycle._calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    WorkCalendar,
    add_working_days,
    is_working_day,
    next_working_day,
)
from ocop.cycle._contents import (
    CommuneCheck,
    CommuneTopic,
    DossierContents,
    Item,
    Requirement,
    Stage,
    commune_criteria,
    required_items,
)
from ocop.cycle._deadlines import (
    CALENDAR_DAYS,
    WORKING_DAYS,
    Deadline,
    PendingKind,
    Round,
    commune_deadline,
    in_reevaluation_window,
    lapse_date,
    ministry_round,
    provincial_round,
    reevaluation_decision_due,
    reevaluation_window,
    revocation_due,
    transitional_deadline,
)
from ocop.cycle._dossier import Dossier, DossierEvent, StepDeadline
from ocop.cycle._procedure import (
    ALL_KINDS,
    TERMINAL,
    Action,
    DossierKind,
    Procedure,
    State,
    Transition,
    procedure,
)
from ocop.cycle._steps import CycleEvent, CycleHistory, CycleStep

__all__ = [
    "ALL_KINDS",
    "CALENDAR_DAYS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "TERMINAL",
    "WORKING_DAYS",
    "Action",
    "CommuneCheck",
    "CommuneTopic",
    "CycleEvent",
    "CycleHistory",
    "CycleStep",
    "Deadline",
    "Dossier",
    "DossierContents",
    "DossierEvent",
    "DossierKind",
    "Item",
    "PendingKind",
    "Procedure",
    "Requirement",
    "Round",
    "Stage",
    "State",
    "StepDeadline",
    "Transition",
    "WorkCalendar",
    "add_working_days",
    "commune_criteria",
    "commune_deadline",
    "in_reevaluation_window",
    "is_working_day",
    "lapse_date",
    "ministry_round",
    "next_working_day",
    "procedure",
    "provincial_round",
    "reevaluation_decision_due",
    "reevaluation_window",
    "required_items",
    "revocation_due",
    "transitional_deadline",
]
