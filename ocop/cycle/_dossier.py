"""A dossier moving through the procedure: its validated history, deadlines and lateness.

Deadlines attached to steps (26/2026 only; the older texts are not public):

- the commune forwards or returns a dossier within 15 working days of receiving it
  (Art. 7.2), counted again from each resubmission;
- a re-evaluation is decided within 45 days of the complete dossier reaching the province
  or the ministry (Art. 7.6g): from the agency's acceptance to that level's outcome;
- a dossier filed under 148/2023 or 1489/2025 before 22 May 2026 is finished within 60
  days of that day (30 for a re-evaluation), Art. 12.2.
"""

from __future__ import annotations

import datetime

import attrs

from ocop._editions import Edition, default_edition
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop._shown import Shown, ShownConcisely
from ocop._validators import instance_of, tuple_of
from ocop.cycle._deadlines import (
    Deadline,
    PendingKind,
    commune_deadline,
    reevaluation_decision_due,
    transitional_deadline,
)
from ocop.cycle._procedure import TERMINAL, Action, DossierKind, Procedure, State, procedure
from ocop.errors import IllegalTransition, InvalidValue, OcopError

__all__ = ["Dossier", "DossierEvent", "StepDeadline"]


def _on(value: object) -> datetime.date:
    return check_date(value, field="on")


def _filed_on(value: object) -> datetime.date:
    return check_date(value, field="filed_on")


@attrs.frozen
class DossierEvent(Shown):
    """One step taken on a dossier: the action, its date and the state it reached."""

    action: Action = attrs.field(validator=instance_of(Action))
    on: datetime.date = attrs.field(converter=_on)
    state: State = attrs.field(validator=instance_of(State))


@attrs.frozen
class StepDeadline(Shown):
    """A legal deadline on a step of a dossier, and whether it was met.

    ``late`` is ``True`` when the step came after ``due`` (or is still not taken on a
    date after it), ``False`` when it came in time, ``None`` while it may still come in
    time.
    """

    what: str
    started_on: datetime.date
    due: Deadline
    done_on: datetime.date | None
    late: bool | None


_IN_FORCE_26 = datetime.date(2026, 5, 22)
_OLD_RULES = frozenset({"148/2023", "1489/2025"})
_OUTCOMES = frozenset({Action.RECOGNISE_3, Action.RECOGNISE_4, Action.RECOGNISE_5, Action.NOT_RECOGNISE})


def _events(value: object) -> tuple[DossierEvent, ...]:
    return tuple_of(DossierEvent, value, field="events", name="ocop.cycle.DossierEvent")


@attrs.frozen
class Dossier(ShownConcisely):
    """A product's dossier moving through the procedure: immutable, with its history.

    Building one checks its whole history: each event must be a step its procedure
    allows for its kind, reach the state it records, and be dated no earlier than the
    step before (and the filing).

    >>> import datetime
    >>> from ocop.cycle import Dossier, Action
    >>> d = Dossier.file(datetime.date(2026, 6, 1), edition="26/2026")
    >>> d = d.apply(Action.FORWARD, datetime.date(2026, 6, 19))
    >>> d.state, d.can_apply(Action.RECOGNISE_4)
    (<State.AT_PROVINCE: 'at-province'>, False)
    >>> [(x.what, x.due.date, x.late) for x in d.deadlines()]
    [('commune forwards or returns the dossier', datetime.date(2026, 6, 22), False)]

    :raises IllegalTransition: an event is not a legal step from the state before it.
    :raises InvalidValue: a field of the wrong type, or events out of date order.
    """

    procedure: Procedure = attrs.field(validator=instance_of(Procedure))
    kind: DossierKind = attrs.field(validator=instance_of(DossierKind))
    filed_on: datetime.date = attrs.field(converter=_filed_on)
    events: tuple[DossierEvent, ...] = attrs.field(default=(), converter=_events)

    def __attrs_post_init__(self) -> None:
        state, last = self.procedure.initial, self.filed_on
        for e in self.events:
            target = self.procedure.next(state, e.action, self.kind)
            if target is not e.state:
                raise IllegalTransition(
                    f"{e.action.value} from {state.value!r} reaches {target.value!r}",
                    field="state",
                    value=e.state.value,
                    allowed=(target.value,),
                )
            if e.on < last:
                raise InvalidValue(
                    "steps must be in date order", field="on", value=e.on, allowed=f"dates from {last.isoformat()}"
                )
            state, last = target, e.on

    def __repr__(self) -> str:
        return (
            f"<Dossier {self.kind.value}, filed {self.filed_on.isoformat()} under {self.procedure.edition.code}: "
            f"{self.state.value} after {len(self.events)} step(s)>"
        )

    @classmethod
    def file(
        cls, on: datetime.date, *, edition: str | Edition | None = None, kind: DossierKind = DossierKind.FIRST
    ) -> Dossier:
        """File a dossier with the commune on ``on``."""
        if not isinstance(kind, DossierKind):
            raise InvalidValue(field="kind", value=kind, allowed=[k.value for k in DossierKind])
        ed = default_edition() if edition is None else _edition(edition)
        return cls(procedure(ed), kind, check_date(on, field="on"))

    @property
    def state(self) -> State:
        """The current state."""
        return self.events[-1].state if self.events else self.procedure.initial

    @property
    def last_date(self) -> datetime.date:
        """The date of the last step (the filing date before any step)."""
        return self.events[-1].on if self.events else self.filed_on

    @property
    def closed(self) -> bool:
        """Whether the dossier has reached a final state."""
        return self.state in TERMINAL

    def allowed(self) -> tuple[Action, ...]:
        """The actions allowed now (never raises)."""
        return self.procedure.allowed(self.state, self.kind)

    def can_apply(self, action: object, on: object = None) -> bool:
        """Whether :meth:`apply` would accept this action (never raises)."""
        if not self.procedure.can(self.state, action, self.kind):
            return False
        if on is None:
            return True
        return isinstance(on, datetime.date) and not isinstance(on, datetime.datetime) and on >= self.last_date

    def apply(self, action: Action, on: datetime.date) -> Dossier:
        """A new dossier one step further.

        :raises IllegalTransition: the action is not allowed in the current state.
        :raises InvalidDate: ``on`` is not a date.
        :raises InvalidValue: ``on`` is before the previous step.
        """
        day = check_date(on, field="on")
        target = self.procedure.next(self.state, action, self.kind)
        return attrs.evolve(self, events=(*self.events, DossierEvent(action, day, target)))

    def deadlines(self, on: datetime.date | None = None) -> tuple[StepDeadline, ...]:
        """The legal deadlines on the steps taken so far, each with its lateness flag.

        ``on`` (default: the last step's date) is the day to judge steps not yet taken:
        a pending step whose deadline has passed by then is late.  Editions other than
        26/2026 have no public deadlines, and deadlines the holiday calendar cannot
        place are left out: both give an empty answer rather than a guess.

        :raises InvalidDate: ``on`` is not a date.
        """
        today = self.last_date if on is None else check_date(on, field="on")
        code = self.procedure.edition.code
        if code != "26/2026":
            ended = next((e.on for e in self.events if e.state in TERMINAL), None)
            if code in _OLD_RULES and self.filed_on < _IN_FORCE_26 and (ended is None or ended >= _IN_FORCE_26):
                return (self._transitional(today, ended),)
            return ()
        out: list[StepDeadline] = []
        opened: tuple[str, datetime.date, Deadline] | None = None
        state = self.procedure.initial
        steps = [(self.filed_on, None, self.procedure.initial), *((e.on, e.action, e.state) for e in self.events)]
        for day, action, target in steps:
            if opened is not None and (action is None or self._closes(state, action)):
                what, start, due = opened
                out.append(StepDeadline(what, start, due, day, day > due))
                opened = None
            state = target
            opened = self._opens(state, action, day) or opened
        if opened is not None:
            what, start, due = opened
            out.append(StepDeadline(what, start, due, None, True if today > due else None))
        return tuple(out)

    def _opens(
        self, state: State, action: Action | None, day: datetime.date
    ) -> tuple[str, datetime.date, Deadline] | None:
        try:
            if state is State.FILED:
                return "commune forwards or returns the dossier", day, commune_deadline(day, edition="26/2026")
            if self.kind is DossierKind.RE_EVALUATION and action is Action.ACCEPT:
                level = "province" if state is State.PROVINCIAL_ADVISORY else "ministry"
                return f"re-evaluation decided at the {level}", day, reevaluation_decision_due(day)
        except OcopError:
            return None
        return None

    def _transitional(self, today: datetime.date, done: datetime.date | None) -> StepDeadline:
        # 26/2026 Art. 12.2: a dossier filed before 22 May 2026 and still pending is
        # finished under the old rules within 60 days (30 for re-evaluations).
        pending = PendingKind.RE_EVALUATION if self.kind is DossierKind.RE_EVALUATION else PendingKind.FIRST_OR_UPGRADE
        due = transitional_deadline(pending)
        late = (done > due) if done is not None else (True if today > due else None)
        return StepDeadline("finished under the old rules (26/2026 Art. 12.2)", _IN_FORCE_26, due, done, late)

    @staticmethod
    def _closes(state: State, action: Action) -> bool:
        if state is State.FILED:
            return True
        return action in _OUTCOMES or action in {
            Action.SEND_TO_MINISTRY,
            Action.RETURN_BELOW_90,
            Action.WITHDRAW,
            Action.REJECT,
        }

    def is_late(self, on: datetime.date | None = None) -> bool:
        """Whether any step of the history missed its legal deadline (see :meth:`deadlines`)."""
        return any(d.late for d in self.deadlines(on))
