"""The evaluation procedure of each edition as a state machine whose states and steps are data.

References: 26/2026/QĐ-TTg Arts. 4 and 7 (commune pre-check, province, ministry; a
product scored below 90 by the central council is returned to the province, Art. 7.4);
148/QĐ-TTg Phụ lục II as reported (district recognises 3★ and forwards ≥ 70 to the
province, province recognises 4★ and forwards ≥ 90); 1489/QĐ-TTg as reported (district
level removed, province recognises 3★ and 4★).  Transitions that the public record does
not confirm are marked ``confirmed=False``.

Paths of 26/2026 beyond the main line: the provincial or central advisory group may ask
for more documents (Arts. 7.3c, 7.4c); a dossier the ministry returns for corrections
goes back to the ministry once corrected; a 5★ re-evaluation goes to the ministry on the
provincial OCOP agency's report, without the provincial council (Arts. 6.3b, 7.6e) —
the only step that depends on the :class:`DossierKind`, which each transition lists in
``kinds``.  First evaluations and upgrades follow the same steps (Art. 7.5b).
"""

from __future__ import annotations

import enum

import attrs

from ocop._editions import Authority, Edition, default_edition
from ocop._editions import edition as _edition
from ocop._shown import Shown, ShownConcisely
from ocop._validators import instance_of, tuple_of
from ocop.errors import IllegalTransition, InvalidValue, RuleNotPublished

__all__ = ["ALL_KINDS", "Action", "DossierKind", "Procedure", "State", "Transition", "procedure"]


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
    PROVINCE_AWAITS_DOCUMENTS = "province-awaits-documents"
    AT_MINISTRY = "at-ministry"
    RETURNED_BY_MINISTRY = "returned-by-ministry"  # for corrections; back to the ministry once corrected
    CENTRAL_ADVISORY = "central-advisory"
    MINISTRY_AWAITS_DOCUMENTS = "ministry-awaits-documents"
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
    REQUEST_DOCUMENTS = "request-documents"  # the advisory group asks for more documents or tests
    SUPPLY_DOCUMENTS = "supply-documents"
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


ALL_KINDS = frozenset(DossierKind)


def _kinds(value: object) -> frozenset[DossierKind]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (set, frozenset, tuple, list)):
        raise InvalidValue(field="kinds", value=value, allowed="a set of ocop.cycle.DossierKind")
    if not value or not all(isinstance(k, DossierKind) for k in value):
        raise InvalidValue(field="kinds", value=value, allowed=[k.value for k in DossierKind])
    return frozenset(value)


@attrs.frozen
class Transition(Shown):
    """One legal step: from ``source`` by ``action`` to ``target``, taken by ``actor``.

    ``kinds`` lists the dossier kinds the step applies to (all of them by default).
    """

    source: State = attrs.field(validator=instance_of(State))
    action: Action = attrs.field(validator=instance_of(Action))
    target: State = attrs.field(validator=instance_of(State))
    actor: Authority | None = attrs.field(validator=instance_of(Authority, optional=True))
    rule: str = attrs.field(validator=instance_of(str))
    confirmed: bool = attrs.field(default=True, validator=instance_of(bool))
    kinds: frozenset[DossierKind] = attrs.field(default=ALL_KINDS, converter=_kinds)


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
    Transition(
        S.PROVINCIAL_ADVISORY,
        A.REQUEST_DOCUMENTS,
        S.PROVINCE_AWAITS_DOCUMENTS,
        W.PROVINCE,
        "advisory group asks for more documents or tests (Art. 7.3c)",
    ),
    Transition(
        S.PROVINCE_AWAITS_DOCUMENTS,
        A.SUPPLY_DOCUMENTS,
        S.PROVINCIAL_ADVISORY,
        None,
        "the producer supplies them (Art. 7.3c)",
    ),
    Transition(
        S.PROVINCIAL_ADVISORY,
        A.SEND_TO_MINISTRY,
        S.AT_MINISTRY,
        W.PROVINCE,
        "5★ re-evaluation: the OCOP agency's report goes to the ministry, no provincial council (Arts. 6.3b, 7.6e)",
        kinds=frozenset({DossierKind.RE_EVALUATION}),
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
        S.RETURNED_BY_MINISTRY,
        W.MINISTRY,
        "ministry's agency checks the dossier and asks for corrections (Art. 7.4a)",
        False,
    ),
    Transition(
        S.RETURNED_BY_MINISTRY,
        A.RESUBMIT,
        S.AT_MINISTRY,
        W.PROVINCE,
        "the province sends the corrected dossier back to the ministry (Art. 7.4a)",
        False,
    ),
    Transition(S.CENTRAL_ADVISORY, A.ADVISORY_REPORT, S.CENTRAL_COUNCIL, W.MINISTRY, "advisory group (Art. 7.4)"),
    Transition(
        S.CENTRAL_ADVISORY,
        A.REQUEST_DOCUMENTS,
        S.MINISTRY_AWAITS_DOCUMENTS,
        W.MINISTRY,
        "advisory group asks for more documents or tests (Art. 7.4c)",
    ),
    Transition(
        S.MINISTRY_AWAITS_DOCUMENTS,
        A.SUPPLY_DOCUMENTS,
        S.CENTRAL_ADVISORY,
        None,
        "the producer supplies them (Art. 7.4c)",
    ),
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
    S.PROVINCE_AWAITS_DOCUMENTS,
    S.PROVINCIAL_COUNCIL,
    S.AT_MINISTRY,
    S.RETURNED_BY_MINISTRY,
    S.CENTRAL_ADVISORY,
    S.MINISTRY_AWAITS_DOCUMENTS,
    S.CENTRAL_COUNCIL,
    S.RETURNED_TO_PROVINCE,
)

# 1489's own text is not public: its two-level procedure is taken to be the one that
# 26/2026 codified (an inference of the research notes, §5.4).  The return of a product
# scored below 90 by the central council, the document requests and the 5★
# re-evaluation path are 26/2026 rules, unconfirmed for 1489.
_UNCONFIRMED_1489 = {
    S.CENTRAL_COUNCIL,
    S.RETURNED_TO_PROVINCE,
    S.PROVINCE_AWAITS_DOCUMENTS,
    S.MINISTRY_AWAITS_DOCUMENTS,
}
_1489 = tuple(
    attrs.evolve(
        t,
        rule=t.rule.replace("(Art.", "(26/2026 Art.") + "; 1489's own text is not public",
        confirmed=t.confirmed
        and t.source not in _UNCONFIRMED_1489
        and t.action is not A.REQUEST_DOCUMENTS
        and t.kinds == ALL_KINDS,
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


def _transitions(value: object) -> tuple[Transition, ...]:
    return tuple_of(Transition, value, field="transitions", name="ocop.cycle.Transition")


@attrs.frozen
class Procedure(ShownConcisely):
    """The evaluation procedure of one edition: states and transitions, as data.

    ``kind`` arguments restrict the answer to the steps open to that kind of dossier;
    without it, every step of any kind counts.

    >>> from ocop.cycle import procedure, State, Action, DossierKind
    >>> p = procedure("26/2026")
    >>> [a.value for a in p.allowed(State.PROVINCIAL_COUNCIL)]
    ['recognise-3', 'recognise-4', 'not-recognise', 'send-to-ministry', 'withdraw', 'reject']
    >>> p.next(State.CENTRAL_COUNCIL, Action.RETURN_BELOW_90)
    <State.RETURNED_TO_PROVINCE: 'returned-to-province'>
    >>> p.can(State.PROVINCIAL_ADVISORY, Action.SEND_TO_MINISTRY, DossierKind.FIRST)
    False

    :raises InvalidValue: a field of the wrong type, or two steps with the same state,
        action and kind.
    """

    edition: Edition = attrs.field(validator=instance_of(Edition))
    transitions: tuple[Transition, ...] = attrs.field(converter=_transitions)
    initial: State = attrs.field(default=State.FILED, validator=instance_of(State))

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[State, Action, DossierKind]] = set()
        for t in self.transitions:
            for k in t.kinds:
                if (t.source, t.action, k) in seen:
                    raise InvalidValue(
                        "two steps share a state, an action and a dossier kind",
                        field="transitions",
                        value=(t.source.value, t.action.value, k.value),
                    )
                seen.add((t.source, t.action, k))

    def __repr__(self) -> str:
        return f"<Procedure of {self.edition.code}: {len(self.transitions)} transitions from {self.initial.value}>"

    @property
    def states(self) -> tuple[State, ...]:
        """Every state the procedure uses, in declaration order."""
        used = {self.initial} | {t.source for t in self.transitions} | {t.target for t in self.transitions}
        return tuple(s for s in State if s in used)

    def _steps(self, state: object, kind: object) -> list[Transition]:
        return [t for t in self.transitions if t.source is state and (kind is None or kind in t.kinds)]

    def allowed(self, state: object, kind: object = None) -> tuple[Action, ...]:
        """The actions allowed from ``state`` (empty for terminal or unknown states; never raises)."""
        return tuple(dict.fromkeys(t.action for t in self._steps(state, kind)))

    def can(self, state: object, action: object, kind: object = None) -> bool:
        """Whether ``action`` is allowed from ``state`` (never raises)."""
        return any(t.action is action for t in self._steps(state, kind))

    def transition(self, state: State, action: Action, kind: DossierKind | None = None) -> Transition:
        """The transition taken by ``action`` from ``state`` (for a dossier of ``kind``).

        :raises IllegalTransition: naming the state, the action and the allowed actions.
        """
        for t in self._steps(state, kind):
            if t.action is action:
                return t
        name = getattr(action, "value", action)
        of_kind = f", {kind.value} dossier" if isinstance(kind, DossierKind) else ""
        raise IllegalTransition(
            f"edition {self.edition.code}, state {getattr(state, 'value', state)!r}{of_kind}",
            field="action",
            value=name,
            allowed=[a.value for a in self.allowed(state, kind)] or "none: the state is final",
        )

    def next(self, state: State, action: Action, kind: DossierKind | None = None) -> State:
        """The state reached by ``action`` from ``state`` (see :meth:`transition`)."""
        return self.transition(state, action, kind).target

    def mermaid(self) -> str:
        """A Mermaid state diagram of the procedure, generated from the transitions."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial.name}"]
        for t in self.transitions:
            if t.action in {Action.WITHDRAW, Action.REJECT}:
                continue
            dashed = "" if t.confirmed else " (unconfirmed)"
            only = "" if t.kinds == ALL_KINDS else " [" + ", ".join(sorted(k.value for k in t.kinds)) + " only]"
            lines.append(f"    {t.source.name} --> {t.target.name}: {t.action.value}{only}{dashed}")
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


def recognising_authorities(ed: Edition, state: State) -> tuple[Authority, ...] | None:
    """The actors of the steps that end in ``state`` under ``ed`` (``None``: not modelled)."""
    table = _TABLES.get(ed.code)
    if table is None:
        return None
    return tuple(dict.fromkeys(t.actor for t in table if t.target is state and t.actor is not None))
