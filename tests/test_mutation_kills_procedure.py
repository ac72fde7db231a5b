"""Behaviour of the evaluation procedure and the OCOP cycle (ocop/cycle/_procedure.py, _steps.py)
that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.cycle import (
    ALL_KINDS,
    TERMINAL,
    Action,
    CycleEvent,
    CycleHistory,
    CycleStep,
    DossierKind,
    Procedure,
    State,
    Transition,
    procedure,
)
from ocop.errors import IllegalTransition, InvalidDate, InvalidValue, RuleNotPublished

A, S, K = Action, State, DossierKind
D = datetime.date
KIND_NAMES = ("first", "upgrade", "re-evaluation")  # first evaluation, nâng hạng, phân hạng lại

# --- every open state may end by withdrawal or rejection -------------------------------------
# The states a dossier may wait in, written out from the procedures:
# 26/2026 Art. 7.2 (commune; returned to the producer when incomplete), Art. 7.3 (province:
# OCOP agency, advisory group, documents asked for in 7.3c, council), Art. 7.4 (ministry:
# agency, corrections of 7.4a, advisory group, documents of 7.4c, central council, return
# below 90 to the province).  1489/2025 is taken to be the same two-level path.  148/2023
# Phụ lục II as reported: district (reception, advisory group, council), province, ministry.
OPEN_TWO_LEVEL = [
    S.FILED, S.RETURNED_TO_PRODUCER, S.AT_PROVINCE, S.PROVINCIAL_ADVISORY, S.PROVINCE_AWAITS_DOCUMENTS,
    S.PROVINCIAL_COUNCIL, S.AT_MINISTRY, S.RETURNED_BY_MINISTRY, S.CENTRAL_ADVISORY,
    S.MINISTRY_AWAITS_DOCUMENTS, S.CENTRAL_COUNCIL, S.RETURNED_TO_PROVINCE,
]  # fmt: skip
OPEN = {
    "26/2026": OPEN_TWO_LEVEL,
    "1489/2025": OPEN_TWO_LEVEL,
    "148/2023": [
        S.FILED, S.RETURNED_TO_PRODUCER, S.AT_DISTRICT, S.DISTRICT_ADVISORY, S.DISTRICT_COUNCIL, S.AT_PROVINCE,
        S.PROVINCIAL_ADVISORY, S.PROVINCIAL_COUNCIL, S.AT_MINISTRY, S.CENTRAL_ADVISORY, S.CENTRAL_COUNCIL,
        S.RETURNED_TO_PROVINCE,
    ],
}  # fmt: skip
# The header of every scoring sheet: "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy
# đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm …; hoặc không đáp ứng
# về hồ sơ đăng ký theo quy định" — a confirmed rule, taken by no single authority.
REJECT_RULE = "dossier rejected: forged, food-safety certificate or registration not compliant (sheet header)"
# No article provides for a withdrawal by the producer: the step is modelled, unconfirmed.
WITHDRAW_RULE = "the producer withdraws the dossier"


@pytest.mark.parametrize("code", sorted(OPEN))
def test_every_open_state_may_end_by_withdrawal_or_rejection(code):
    p = procedure(code)
    for s in OPEN[code]:
        for kind in DossierKind:
            assert p.can(s, A.WITHDRAW, kind)
            assert p.can(s, A.REJECT, kind)
        w, r = p.transition(s, A.WITHDRAW), p.transition(s, A.REJECT)
        assert (w.source, w.target, w.actor, w.rule, w.confirmed, w.kinds) == (
            s,
            S.WITHDRAWN,
            None,
            WITHDRAW_RULE,
            False,
            ALL_KINDS,
        )
        assert (r.source, r.target, r.actor, r.rule, r.confirmed, r.kinds) == (
            s,
            S.REJECTED,
            None,
            REJECT_RULE,
            True,
            ALL_KINDS,
        )
    exits = [(t.source, t.action) for t in p.transitions if t.action in {A.WITHDRAW, A.REJECT}]
    assert sorted(exits, key=str) == sorted([(s, a) for s in OPEN[code] for a in (A.WITHDRAW, A.REJECT)], key=str)
    for s in TERMINAL:  # a recognised, refused, rejected or withdrawn dossier is closed
        assert p.allowed(s) == ()


# --- wrong fields of a Transition or a Procedure built by hand --------------------------------

_ED = ocop.edition("26/2026")


def _transition(**kw):
    return Transition(S.FILED, A.FORWARD, S.AT_PROVINCE, ocop.Authority.COMMUNE, "Art. 7.2", **kw)


@pytest.mark.parametrize(
    ("bad", "allowed"),
    [
        ("first", "a set of ocop.cycle.DossierKind"),  # a string is not a set of kinds
        (b"first", "a set of ocop.cycle.DossierKind"),
        (5, "a set of ocop.cycle.DossierKind"),
        (None, "a set of ocop.cycle.DossierKind"),
        ({K.FIRST: 1}, "a set of ocop.cycle.DossierKind"),  # a mapping is not a set either
        (frozenset(), KIND_NAMES),  # a step open to no dossier
        ({"first"}, KIND_NAMES),
        ([K.FIRST, "upgrade"], KIND_NAMES),
    ],
)
def test_transition_kinds_errors(bad, allowed):
    with pytest.raises(InvalidValue) as info:
        _transition(kinds=bad)
    assert (info.value.field, info.value.allowed) == ("kinds", allowed)
    assert info.value.value is bad


@pytest.mark.parametrize("good", [{K.FIRST}, frozenset({K.UPGRADE}), (K.FIRST, K.RE_EVALUATION), [K.RE_EVALUATION]])
def test_transition_kinds_accept_any_collection_of_kinds(good):
    assert _transition(kinds=good).kinds == frozenset(good)


@pytest.mark.parametrize(
    ("bad", "value", "allowed"),
    [
        ("abc", "abc", "a sequence of ocop.cycle.Transition"),
        (5, 5, "a sequence of ocop.cycle.Transition"),
        ([1], 1, "ocop.cycle.Transition instances"),
    ],
)
def test_procedure_transitions_errors(bad, value, allowed):
    with pytest.raises(InvalidValue) as info:
        Procedure(_ED, bad)
    assert (info.value.field, info.value.value, info.value.allowed) == ("transitions", value, allowed)


def test_a_procedure_refuses_two_steps_for_the_same_state_action_and_kind():
    first = _transition(kinds={K.UPGRADE})
    other = Transition(S.FILED, A.FORWARD, S.AT_DISTRICT, None, "x", kinds=[K.UPGRADE, K.FIRST])
    with pytest.raises(InvalidValue) as info:
        Procedure(_ED, (first, _transition(kinds={K.FIRST}), other))
    assert info.value.field == "transitions"
    assert info.value.plain() == "Invalid value. two steps share a state, an action and a dossier kind"
    assert info.value.value in {("filed", "forward", "upgrade"), ("filed", "forward", "first")}
    with pytest.raises(InvalidValue) as info:
        Procedure(_ED, (first, _transition(kinds=(K.UPGRADE,))))
    assert info.value.value == ("filed", "forward", "upgrade")
    # the same state and action for different kinds is two separate steps
    both = Procedure(_ED, (first, Transition(S.FILED, A.FORWARD, S.AT_DISTRICT, None, "x", kinds={K.FIRST})))
    assert both.next(S.FILED, A.FORWARD, K.FIRST) is S.AT_DISTRICT
    assert both.next(S.FILED, A.FORWARD, K.UPGRADE) is S.AT_PROVINCE


# --- an illegal step names the edition, the state, the action and what is allowed -------------


def _illegal(state, action, kind=None, code="26/2026"):
    with pytest.raises(IllegalTransition) as info:
        procedure(code).transition(state, action, kind)
    e = info.value
    return e.detail, e.field, e.value, e.allowed


def test_illegal_transition_details():
    # Art. 7.2: from the commune the dossier goes on to the province or back to the producer
    assert _illegal(S.FILED, A.RECOGNISE_5) == (
        "edition 26/2026, state 'filed'", "action", "recognise-5",
        ("forward", "request-corrections", "withdraw", "reject"))  # fmt: skip
    # Art. 7.3, 7.3c: for a first evaluation the advisory group reports to the council or asks
    # for documents; only a 5★ re-evaluation goes from there to the ministry (Arts. 6.3b, 7.6e)
    assert _illegal(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.FIRST) == (
        "edition 26/2026, state 'provincial-advisory', first dossier", "action", "send-to-ministry",
        ("advisory-report", "request-documents", "withdraw", "reject"))  # fmt: skip
    assert _illegal(S.PROVINCIAL_ADVISORY, A.RECOGNISE_5, K.RE_EVALUATION)[3] == (
        "advisory-report",
        "request-documents",
        "send-to-ministry",
        "withdraw",
        "reject",
    )
    # a decided dossier has no next step
    assert _illegal(S.RECOGNISED_4, A.FORWARD, code="148/2023") == (
        "edition 148/2023, state 'recognised-4'",
        "action",
        "forward",
        "none: the state is final",
    )


@pytest.mark.parametrize(
    ("state", "action", "detail", "value", "allowed"),
    [  # not a State or not an Action: no step matches, and the error quotes what was passed
        ("filed", A.FORWARD, "edition 26/2026, state 'filed'", "forward", "none: the state is final"),
        (3, 7, "edition 26/2026, state 3", 7, "none: the state is final"),
        (S.FILED, "forward", "edition 26/2026, state 'filed'", "forward",
         ("forward", "request-corrections", "withdraw", "reject")),
    ],
)  # fmt: skip
def test_illegal_transition_quotes_junk_as_given(state, action, detail, value, allowed):
    assert _illegal(state, action) == (detail, "action", value, allowed)


def test_procedure_of_an_edition_without_a_published_procedure():
    with pytest.raises(RuleNotPublished) as info:
        procedure("1048/2019")
    e = info.value
    assert e.plain() == (
        "This rule of the edition is not publicly available."
        " edition 1048/2019: its step-by-step procedure is not modelled"
    )
    assert (e.field, e.value) == ("edition", "1048/2019")
    assert sorted(e.allowed) == ["148/2023", "1489/2025", "26/2026"]


# --- the diagram of a procedure built by hand -------------------------------------------------


def test_mermaid_of_a_hand_built_procedure():
    p = Procedure(_ED, (
        Transition(S.FILED, A.WITHDRAW, S.WITHDRAWN, None, "producer withdraws"),
        Transition(S.FILED, A.FORWARD, S.AT_PROVINCE, None, "Art. 7.2", kinds=[K.UPGRADE, K.FIRST]),
        Transition(S.AT_PROVINCE, A.REJECT, S.REJECTED, None, "sheet header"),
        Transition(S.AT_PROVINCE, A.ACCEPT, S.PROVINCIAL_COUNCIL, None, "Art. 7.3", confirmed=False),
        Transition(S.PROVINCIAL_COUNCIL, A.RECOGNISE_4, S.RECOGNISED_4, None, "Art. 4.1a"),
    ))  # fmt: skip
    assert p.mermaid().splitlines() == [
        "stateDiagram-v2",
        "    [*] --> FILED",
        "    FILED --> AT_PROVINCE: forward [first, upgrade only]",
        "    AT_PROVINCE --> PROVINCIAL_COUNCIL: accept (unconfirmed)",
        "    PROVINCIAL_COUNCIL --> RECOGNISED_4: recognise-4",
        "    note right of FILED: any open state may end in WITHDRAWN or REJECTED",
        "    RECOGNISED_4 --> [*]",
        "    REJECTED --> [*]",
        "    WITHDRAWN --> [*]",
    ]


# --- the yearly OCOP cycle (Decisions 490/QĐ-TTg, 919/QĐ-TTg: six steps) ----------------------
# Step 2: a rejected product idea is returned and may be resubmitted, so IDEAS may follow IDEAS;
# an accepted idea goes on to the business plan (step 3).
STEP_NAMES = ("PROPAGANDA", "IDEAS", "BUSINESS_PLANS", "IMPLEMENTATION", "EVALUATION", "PROMOTION")
AFTER_IDEAS = ("IDEAS", "BUSINESS_PLANS")


def test_cycle_event_and_history_errors_name_their_field():
    with pytest.raises(InvalidDate) as info:
        CycleEvent(CycleStep.IDEAS, "2026-03-01")  # type: ignore[arg-type]
    assert (info.value.field, info.value.value, info.value.allowed) == ("on", "2026-03-01", "a datetime.date")
    for bad, value, allowed in [("abc", "abc", "a sequence of ocop.cycle.CycleEvent"),
                                (5, 5, "a sequence of ocop.cycle.CycleEvent"),
                                ([1], 1, "ocop.cycle.CycleEvent instances")]:  # fmt: skip
        with pytest.raises(InvalidValue) as info:
            CycleHistory(bad)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value, info.value.allowed) == ("events", value, allowed)


def test_a_history_out_of_date_order_or_order_of_steps():
    ideas = CycleEvent(CycleStep.IDEAS, D(2026, 3, 1))
    with pytest.raises(InvalidValue) as info:
        CycleHistory((ideas, CycleEvent(CycleStep.BUSINESS_PLANS, D(2026, 2, 28))))
    e = info.value
    assert (e.plain(), e.field, e.value) == ("Invalid value. events must be in date order", "events", D(2026, 2, 28))
    with pytest.raises(IllegalTransition) as info:  # from an idea straight to promotion
        CycleHistory((ideas, CycleEvent(CycleStep.PROMOTION, D(2026, 5, 1))))
    e = info.value
    assert (e.detail, e.field, e.value, e.allowed) == ("from IDEAS", "step", "PROMOTION", AFTER_IDEAS)


def test_record_errors():
    h = CycleHistory().record(CycleStep.IDEAS, D(2026, 3, 1))
    with pytest.raises(InvalidValue) as info:
        h.record("IDEAS", D(2026, 4, 1))  # type: ignore[arg-type]
    assert (info.value.field, info.value.value, info.value.allowed) == ("step", "IDEAS", STEP_NAMES)
    with pytest.raises(IllegalTransition) as info:
        h.record(CycleStep.EVALUATION, D(2026, 4, 1))  # no evaluation before a business plan
    e = info.value
    assert (e.detail, e.field, e.value, e.allowed) == ("from IDEAS", "step", "EVALUATION", AFTER_IDEAS)


def test_record_keeps_the_note():
    h = CycleHistory().record(CycleStep.IDEAS, D(2026, 3, 1))
    assert h.events[0].note == ""
    h = h.record(CycleStep.IDEAS, D(2026, 4, 1), "resubmitted after rework")
    assert [(e.step, e.on, e.note) for e in h.events] == [
        (CycleStep.IDEAS, D(2026, 3, 1), ""),
        (CycleStep.IDEAS, D(2026, 4, 1), "resubmitted after rework"),
    ]


@given(st.dates(D(2000, 1, 1), D(2100, 12, 31)), st.integers(-3, 3))
def test_events_may_share_a_day_but_not_go_back(first, offset):
    # events must be in date order: a later event may be on the same day, never earlier
    second = first + datetime.timedelta(days=offset)
    one = CycleHistory().record(CycleStep.IDEAS, first)
    assert one.can_record(CycleStep.IDEAS, second) is (offset >= 0)
    events = (CycleEvent(CycleStep.IDEAS, first), CycleEvent(CycleStep.IDEAS, second))
    if offset >= 0:
        assert CycleHistory(events).events == events
        assert one.record(CycleStep.IDEAS, second).events == events
    else:
        with pytest.raises(InvalidValue):
            CycleHistory(events)
