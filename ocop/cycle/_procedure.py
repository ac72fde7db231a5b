"""The evaluation procedure of each edition as a state machine whose states and steps are data.

References: 26/2026/QĐ-TTg Arts. 4 and 7 (commune pre-check, province, ministry; a
product scored below 90 by the central council is returned to the province, Art. 7.4);
148/QĐ-TTg Phụ lục II as reported (district recognises 3★ and forwards ≥ 70 to the
province, province recognises 4★ and forwards ≥ 90); 1489/QĐ-TTg as reported (district
level removed, province recognises 3★ and 4★).  Transitions that the public record does
not confirm are marked ``confirmed=False``.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from ocop._editions import Authority, Edition, default_edition
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop.errors import IllegalTransition, InvalidValue, RuleNotPublished

__all__ = ["Action", "Dossier", "DossierKind", "Procedure", "State", "Transition", "procedure"]


class State(enum.Enum):
    """Where a dossier stands in the evaluation procedure."""

    FILED = "filed"  # with the commune People's Committee
    RETURNED_TO_PRODUCER = "returned-to-producer"
    AT_DISTRICT = "at-district"
    DISTRICT_ADVISORY = "district-advisory"
    DISTRICT_COUNCIL = "district-council"
    AT_PROVINCE = "at-province"
    PROVINCIAL_ADVISORY = "provincial-advisory"
    PROVINCIAL_COUNCIL = "provincial-council"
    AT_MINISTRY = "at-ministry"
    CENTRAL_ADVISORY = "central-advisory"
    CENTRAL_COUNCIL = "central-council"
    RETURNED_TO_PROVINCE = "returned-to-province"
    RECOGNISED_3 = "recognised-3"
    RECOGNISED_4 = "recognised-4"
    RECOGNISED_5 = "recognised-5"
    NOT_RECOGNISED = "not-recognised"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Action(enum.Enum):
    """A step that moves a dossier from one state to another."""

    FORWARD = "forward"  # the commune (or district) sends the dossier on
    REQUEST_CORRECTIONS = "request-corrections"
    RESUBMIT = "resubmit"
    ACCEPT = "accept"  # the OCOP agency accepts the dossier and refers it to the advisory group
    ADVISORY_REPORT = "advisory-report"
    RECOGNISE_3 = "recognise-3"
    RECOGNISE_4 = "recognise-4"
    RECOGNISE_5 = "recognise-5"
    NOT_RECOGNISE = "not-recognise"  # scored 1★ or 2★: no decision, no certificate
    SEND_TO_PROVINCE = "send-to-province"
    SEND_TO_MINISTRY = "send-to-ministry"
    RETURN_BELOW_90 = "return-below-90"
    RE_EVALUATE = "re-evaluate"
    REJECT = "reject"  # disqualified ("hồ sơ bị loại")
    WITHDRAW = "withdraw"


class DossierKind(enum.Enum):
    """First evaluation, upgrade (nâng hạng) or re-evaluation (phân hạng lại)."""

    FIRST = "first"
    UPGRADE = "upgrade"
    RE_EVALUATION = "re-evaluation"


@attrs.frozen
class Transition:
    """One legal step: from ``source`` by ``action`` to ``target``, taken by ``actor``."""

    source: State
    action: Action
    target: State
    actor: Authority | None
    rule: str
    confirmed: bool = True


TERMINAL = frozenset(
    {State.RECOGNISED_3, State.RECOGNISED_4, State.RECOGNISED_5, State.NOT_RECOGNISED, State.REJECTED, State.WITHDRAWN}
)

S, A, W = State, Action, Authority


def _exits(states: tuple[State, ...], rule: str) -> tuple[Transition, ...]:
    """Withdrawal by the producer and rejection (disqualification) from every open state."""
    out = []
    for s in states:
        out.append(Transition(s, A.WITHDRAW, S.WITHDRAWN, None, "the producer withdraws the dossier", False))
        out.append(Transition(s, A.REJECT, S.REJECTED, None, rule))
    return tuple(out)


_REJECT_RULE = "dossier rejected: forged, food-safety certificate or registration not compliant (sheet header)"

_TWO_LEVEL = (
    Transition(S.FILED, A.FORWARD, S.AT_PROVINCE, W.COMMUNE, "commune checks and pre-assesses 4 items (Art. 7.2)"),
    Transition(S.FILED, A.REQUEST_CORRECTIONS, S.RETURNED_TO_PRODUCER, W.COMMUNE, "dossier incomplete (Art. 7.2)"),
    Transition(S.RETURNED_TO_PRODUCER, A.RESUBMIT, S.FILED, None, "producer completes the dossier (Art. 7.2)"),
    Transition(S.AT_PROVINCE, A.ACCEPT, S.PROVINCIAL_ADVISORY, W.PROVINCE, "OCOP agency accepts (Art. 7.3)"),
    Transition(
        S.AT_PROVINCE,
        A.REQUEST_CORRECTIONS,
        S.RETURNED_TO_PRODUCER,
        W.PROVINCE,
        "OCOP agency asks for corrections (Art. 7.3)",
    ),
    Transition(
        S.PROVINCIAL_ADVISORY,
        A.ADVISORY_REPORT,
        S.PROVINCIAL_COUNCIL,
        W.PROVINCE,
        "advisory group reviews and reports (Art. 7.3)",
    ),
    Transition(S.PROVINCIAL_COUNCIL, A.RECOGNISE_3, S.RECOGNISED_3, W.PROVINCE, "chairman recognises 3★ (Art. 4.1a)"),
    Transition(S.PROVINCIAL_COUNCIL, A.RECOGNISE_4, S.RECOGNISED_4, W.PROVINCE, "chairman recognises 4★ (Art. 4.1a)"),
    Transition(
        S.PROVINCIAL_COUNCIL, A.NOT_RECOGNISE, S.NOT_RECOGNISED, W.PROVINCE, "1★/2★: no recognition (Art. 4.1a)"
    ),
    Transition(S.PROVINCIAL_COUNCIL, A.SEND_TO_MINISTRY, S.AT_MINISTRY, W.PROVINCE, "≥ 90 points go on (Art. 7.3)"),
    Transition(S.AT_MINISTRY, A.ACCEPT, S.CENTRAL_ADVISORY, W.MINISTRY, "ministry's OCOP agency accepts (Art. 7.4)"),
    Transition(
        S.AT_MINISTRY,
        A.REQUEST_CORRECTIONS,
        S.RETURNED_TO_PROVINCE,
        W.MINISTRY,
        "ministry asks for corrections (Art. 7.4)",
        False,
    ),
    Transition(S.CENTRAL_ADVISORY, A.ADVISORY_REPORT, S.CENTRAL_COUNCIL, W.MINISTRY, "advisory group (Art. 7.4)"),
    Transition(S.CENTRAL_COUNCIL, A.RECOGNISE_5, S.RECOGNISED_5, W.MINISTRY, "minister recognises 5★ (Art. 4.1b)"),
    Transition(
        S.CENTRAL_COUNCIL,
        A.RETURN_BELOW_90,
        S.RETURNED_TO_PROVINCE,
        W.MINISTRY,
        "central score < 90: back to the province (Art. 7.4)",
    ),
    Transition(
        S.RETURNED_TO_PROVINCE,
        A.RECOGNISE_3,
        S.RECOGNISED_3,
        W.PROVINCE,
        "province recognises on the central result (Art. 7.4)",
    ),
    Transition(
        S.RETURNED_TO_PROVINCE,
        A.RECOGNISE_4,
        S.RECOGNISED_4,
        W.PROVINCE,
        "province recognises on the central result (Art. 7.4)",
    ),
    Transition(
        S.RETURNED_TO_PROVINCE,
        A.RE_EVALUATE,
        S.PROVINCIAL_COUNCIL,
        W.PROVINCE,
        "province re-evaluates under its own authority (Art. 7.4)",
    ),
)

_OPEN_TWO = (
    S.FILED,
    S.RETURNED_TO_PRODUCER,
    S.AT_PROVINCE,
    S.PROVINCIAL_ADVISORY,
    S.PROVINCIAL_COUNCIL,
    S.AT_MINISTRY,
    S.CENTRAL_ADVISORY,
    S.CENTRAL_COUNCIL,
    S.RETURNED_TO_PROVINCE,
)

# 1489's own text is not public: its two-level procedure is taken to be the one that
# 26/2026 codified (an inference of the research notes, §5.4).  The return of a product
# scored below 90 by the central council is a 26/2026 rule, unconfirmed for 1489.
_1489 = tuple(
    attrs.evolve(
        t,
        rule=t.rule.replace("(Art.", "(26/2026 Art.") + "; 1489's own text is not public",
        confirmed=t.confirmed and t.source not in {S.CENTRAL_COUNCIL, S.RETURNED_TO_PROVINCE},
    )
    for t in _TWO_LEVEL
)

_THREE_LEVEL = (
    Transition(S.FILED, A.FORWARD, S.AT_DISTRICT, W.COMMUNE, "commune pre-assesses 4 items, reports to the district"),
    Transition(S.FILED, A.REQUEST_CORRECTIONS, S.RETURNED_TO_PRODUCER, W.COMMUNE, "dossier incomplete", False),
    Transition(S.RETURNED_TO_PRODUCER, A.RESUBMIT, S.FILED, None, "producer completes the dossier", False),
    Transition(S.AT_DISTRICT, A.ACCEPT, S.DISTRICT_ADVISORY, W.DISTRICT, "district receives; advisory group"),
    Transition(S.DISTRICT_ADVISORY, A.ADVISORY_REPORT, S.DISTRICT_COUNCIL, W.DISTRICT, "advisory group reports"),
    Transition(S.DISTRICT_COUNCIL, A.RECOGNISE_3, S.RECOGNISED_3, W.DISTRICT, "district recognises 3★"),
    Transition(S.DISTRICT_COUNCIL, A.NOT_RECOGNISE, S.NOT_RECOGNISED, W.DISTRICT, "1★/2★: no recognition"),
    Transition(S.DISTRICT_COUNCIL, A.SEND_TO_PROVINCE, S.AT_PROVINCE, W.DISTRICT, "≥ 70 points go to the province"),
    Transition(S.AT_PROVINCE, A.ACCEPT, S.PROVINCIAL_ADVISORY, W.PROVINCE, "province receives; advisory group"),
    Transition(S.PROVINCIAL_ADVISORY, A.ADVISORY_REPORT, S.PROVINCIAL_COUNCIL, W.PROVINCE, "advisory group reports"),
    Transition(S.PROVINCIAL_COUNCIL, A.RECOGNISE_4, S.RECOGNISED_4, W.PROVINCE, "province recognises 4★"),
    Transition(
        S.PROVINCIAL_COUNCIL,
        A.RECOGNISE_3,
        S.RECOGNISED_3,
        W.PROVINCE,
        "province scores < 70: outcome not public",
        False,
    ),
    Transition(S.PROVINCIAL_COUNCIL, A.SEND_TO_MINISTRY, S.AT_MINISTRY, W.PROVINCE, "≥ 90 points go to the ministry"),
    Transition(S.AT_MINISTRY, A.ACCEPT, S.CENTRAL_ADVISORY, W.MINISTRY, "ministry receives; advisory group"),
    Transition(S.CENTRAL_ADVISORY, A.ADVISORY_REPORT, S.CENTRAL_COUNCIL, W.MINISTRY, "advisory group reports"),
    Transition(S.CENTRAL_COUNCIL, A.RECOGNISE_5, S.RECOGNISED_5, W.MINISTRY, "ministry recognises 5★"),
    Transition(
        S.CENTRAL_COUNCIL,
        A.RETURN_BELOW_90,
        S.RETURNED_TO_PROVINCE,
        W.MINISTRY,
        "central score < 90: outcome not public",
        False,
    ),
    Transition(
        S.RETURNED_TO_PROVINCE,
        A.RECOGNISE_4,
        S.RECOGNISED_4,
        W.PROVINCE,
        "province recognises on the central result: not public",
        False,
    ),
)

_OPEN_THREE = (
    S.FILED,
    S.RETURNED_TO_PRODUCER,
    S.AT_DISTRICT,
    S.DISTRICT_ADVISORY,
    S.DISTRICT_COUNCIL,
    S.AT_PROVINCE,
    S.PROVINCIAL_ADVISORY,
    S.PROVINCIAL_COUNCIL,
    S.AT_MINISTRY,
    S.CENTRAL_ADVISORY,
    S.CENTRAL_COUNCIL,
    S.RETURNED_TO_PROVINCE,
)

_TABLES: dict[str, tuple[Transition, ...]] = {
    "26/2026": _TWO_LEVEL + _exits(_OPEN_TWO, _REJECT_RULE),
    "1489/2025": _1489 + _exits(_OPEN_TWO, _REJECT_RULE),
    "148/2023": _THREE_LEVEL + _exits(_OPEN_THREE, _REJECT_RULE),
}


@attrs.frozen
class Procedure:
    """The evaluation procedure of one edition: states and transitions, as data.

    >>> from ocop.cycle import procedure, State, Action
    >>> p = procedure("26/2026")
    >>> [a.value for a in p.allowed(State.PROVINCIAL_COUNCIL)]
    ['recognise-3', 'recognise-4', 'not-recognise', 'send-to-ministry', 'withdraw', 'reject']
    >>> p.next(State.CENTRAL_COUNCIL, Action.RETURN_BELOW_90)
    <State.RETURNED_TO_PROVINCE: 'returned-to-province'>
    """

    edition: Edition
    transitions: tuple[Transition, ...]
    initial: State = State.FILED

    @property
    def states(self) -> tuple[State, ...]:
        """Every state the procedure uses, in declaration order."""
        used = {self.initial} | {t.source for t in self.transitions} | {t.target for t in self.transitions}
        return tuple(s for s in State if s in used)

    def allowed(self, state: object) -> tuple[Action, ...]:
        """The actions allowed from ``state`` (empty for terminal or unknown states; never raises)."""
        return tuple(t.action for t in self.transitions if t.source is state)

    def can(self, state: object, action: object) -> bool:
        """Whether ``action`` is allowed from ``state`` (never raises)."""
        return any(t.source is state and t.action is action for t in self.transitions)

    def transition(self, state: State, action: Action) -> Transition:
        """The transition taken by ``action`` from ``state``.

        :raises IllegalTransition: naming the state, the action and the allowed actions.
        """
        for t in self.transitions:
            if t.source is state and t.action is action:
                return t
        name = getattr(action, "value", action)
        raise IllegalTransition(
            f"edition {self.edition.code}, state {getattr(state, 'value', state)!r}",
            field="action",
            value=name,
            allowed=[a.value for a in self.allowed(state)] or "none: the state is final",
        )

    def next(self, state: State, action: Action) -> State:
        """The state reached by ``action`` from ``state`` (see :meth:`transition`)."""
        return self.transition(state, action).target

    def mermaid(self) -> str:
        """A Mermaid state diagram of the procedure, generated from the transitions."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial.name}"]
        for t in self.transitions:
            if t.action in {Action.WITHDRAW, Action.REJECT}:
                continue
            dashed = "" if t.confirmed else " (unconfirmed)"
            lines.append(f"    {t.source.name} --> {t.target.name}: {t.action.value}{dashed}")
        lines.append("    note right of FILED: any open state may end in WITHDRAWN or REJECTED")
        for s in sorted(TERMINAL & set(self.states), key=lambda s: s.name):
            lines.append(f"    {s.name} --> [*]")
        return "\n".join(lines)


def procedure(edition: str | Edition | None = None) -> Procedure:
    """The evaluation procedure of ``edition`` (default: the edition in force today).

    :raises RuleNotPublished: the edition's procedure is not modelled (1048/2019).
    """
    ed = default_edition() if edition is None else _edition(edition)
    table = _TABLES.get(ed.code)
    if table is None:
        raise RuleNotPublished(
            f"edition {ed.code}: its step-by-step procedure is not modelled",
            field="edition",
            value=ed.code,
            allowed=tuple(_TABLES),
        )
    return Procedure(ed, table)


@attrs.frozen
class DossierEvent:
    """One step taken on a dossier."""

    action: Action
    on: datetime.date
    state: State


@attrs.frozen
class Dossier:
    """A product's dossier moving through the procedure: immutable, with its history.

    >>> import datetime
    >>> from ocop.cycle import Dossier, Action
    >>> d = Dossier.file(datetime.date(2026, 6, 1), edition="26/2026")
    >>> d = d.apply(Action.FORWARD, datetime.date(2026, 6, 19))
    >>> d.state, d.can_apply(Action.RECOGNISE_4)
    (<State.AT_PROVINCE: 'at-province'>, False)
    """

    procedure: Procedure
    kind: DossierKind
    filed_on: datetime.date
    events: tuple[DossierEvent, ...] = ()

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
        return self.procedure.allowed(self.state)

    def can_apply(self, action: object, on: object = None) -> bool:
        """Whether :meth:`apply` would accept this action (never raises)."""
        if not self.procedure.can(self.state, action):
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
        target = self.procedure.next(self.state, action)
        if day < self.last_date:
            raise InvalidValue(
                "steps must be in date order", field="on", value=day, allowed=f"dates from {self.last_date.isoformat()}"
            )
        return attrs.evolve(self, events=(*self.events, DossierEvent(action, day, target)))
