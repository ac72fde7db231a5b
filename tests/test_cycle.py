from __future__ import annotations

import datetime
from collections import deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.cycle import (
    TERMINAL,
    Action,
    CycleHistory,
    CycleStep,
    Dossier,
    DossierKind,
    PendingKind,
    State,
    add_working_days,
    commune_deadline,
    in_reevaluation_window,
    is_working_day,
    ministry_round,
    procedure,
    provincial_round,
    reevaluation_decision_due,
    reevaluation_window,
    revocation_due,
    transitional_deadline,
)
from ocop.errors import IllegalTransition, InvalidDate, InvalidValue, RuleNotPublished

D = datetime.date
EDITIONS = ["26/2026", "1489/2025", "148/2023"]
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))


# --- cycle steps ------------------------------------------------------------------------


def test_six_steps_in_order_with_names():
    assert [int(s) for s in CycleStep] == [1, 2, 3, 4, 5, 6]
    assert CycleStep.PROMOTION.label_vi == "Xúc tiến thương mại"
    assert CycleStep.IMPLEMENTATION.label_en.startswith("Implementing")


def test_history_reenters_evaluation_for_upgrade_and_repeats_yearly():
    h = CycleHistory()
    assert h.current is None and h.allowed_next() == tuple(CycleStep)
    for step, day in [
        (CycleStep.PROPAGANDA, D(2026, 1, 5)), (CycleStep.IDEAS, D(2026, 2, 1)), (CycleStep.IDEAS, D(2026, 3, 1)),
        (CycleStep.BUSINESS_PLANS, D(2026, 4, 1)), (CycleStep.IMPLEMENTATION, D(2026, 5, 1)),
        (CycleStep.EVALUATION, D(2026, 9, 1)), (CycleStep.PROMOTION, D(2026, 12, 1)),
        (CycleStep.EVALUATION, D(2027, 9, 1)), (CycleStep.PROMOTION, D(2027, 10, 1)),
        (CycleStep.PROPAGANDA, D(2028, 1, 5)),
    ]:  # fmt: skip
        assert h.can_record(step, day)
        h = h.record(step, day)
    assert h.current is CycleStep.PROPAGANDA and len(h.events) == 10


def test_history_errors():
    h = CycleHistory().record(CycleStep.IDEAS, D(2026, 3, 1))
    with pytest.raises(IllegalTransition) as info:
        h.record(CycleStep.PROMOTION, D(2026, 4, 1))
    assert "IDEAS" in str(info.value) and "BUSINESS_PLANS" in str(info.value)
    with pytest.raises(InvalidValue):
        h.record(CycleStep.BUSINESS_PLANS, D(2026, 2, 1)).events  # noqa: B018
    with pytest.raises(InvalidValue):
        h.record("IDEAS", D(2026, 4, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidDate):
        h.record(CycleStep.BUSINESS_PLANS, datetime.datetime(2026, 4, 1))  # type: ignore[arg-type]
    with pytest.raises(IllegalTransition):
        CycleHistory((h.events[0], ocop.cycle.CycleEvent(CycleStep.PROMOTION, D(2026, 5, 1))))
    assert not h.can_record(CycleStep.PROMOTION)
    assert not h.can_record("junk")
    assert not h.can_record(CycleStep.BUSINESS_PLANS, "2026-04-01")
    assert not h.can_record(CycleStep.BUSINESS_PLANS, D(2026, 1, 1))


@given(st.lists(st.sampled_from(list(CycleStep)), max_size=30), dates)
def test_history_only_accepts_allowed_steps(steps, start):
    h = CycleHistory()
    for i, step in enumerate(steps):
        day = start + datetime.timedelta(days=i)
        if h.can_record(step, day):
            h = h.record(step, day)
        else:
            with pytest.raises((IllegalTransition, InvalidValue)):
                h.record(step, day)
    for before, after in zip(h.events, h.events[1:], strict=False):
        assert after.step in ocop.cycle._steps.NEXT[before.step]


# --- procedure ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", EDITIONS)
def test_every_state_is_reachable_from_filing(code):
    p = procedure(code)
    seen = {p.initial}
    queue = deque([p.initial])
    while queue:
        state = queue.popleft()
        for action in p.allowed(state):
            target = p.next(state, action)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == set(p.states)
    for state in p.states:
        assert (not p.allowed(state)) == (state in TERMINAL)


@pytest.mark.parametrize("code", EDITIONS)
def test_transitions_are_unique_and_cited(code):
    p = procedure(code)
    keys = [(t.source, t.action) for t in p.transitions]
    assert len(keys) == len(set(keys))
    assert all(t.rule for t in p.transitions)


def test_levels_per_edition():
    assert State.DISTRICT_COUNCIL in procedure("148/2023").states
    assert State.DISTRICT_COUNCIL not in procedure("26/2026").states
    assert procedure("148/2023").transition(State.DISTRICT_COUNCIL, Action.RECOGNISE_3).actor is ocop.Authority.DISTRICT
    assert procedure("26/2026").transition(State.PROVINCIAL_COUNCIL, Action.RECOGNISE_3).actor is ocop.Authority.PROVINCE
    assert procedure("26/2026").transition(State.CENTRAL_COUNCIL, Action.RETURN_BELOW_90).confirmed
    assert not procedure("1489/2025").transition(State.CENTRAL_COUNCIL, Action.RETURN_BELOW_90).confirmed
    with pytest.raises(RuleNotPublished):
        procedure("1048/2019")
    assert procedure().edition.code == "26/2026"


def test_illegal_transition_names_state_action_and_allowed():
    p = procedure("26/2026")
    with pytest.raises(IllegalTransition) as info:
        p.next(State.FILED, Action.RECOGNISE_5)
    text = str(info.value)
    assert "'filed'" in text and "recognise-5" in text and "'forward'" in text
    with pytest.raises(IllegalTransition) as info:
        p.next(State.RECOGNISED_4, Action.FORWARD)
    assert "final" in str(info.value)
    assert not p.can("filed", "forward") and p.allowed("junk") == ()


def test_a_five_star_journey_and_a_return_below_90():
    d = Dossier.file(D(2026, 6, 1), edition="26/2026")
    for action, day in [
        (Action.FORWARD, D(2026, 6, 19)), (Action.ACCEPT, D(2026, 6, 22)), (Action.ADVISORY_REPORT, D(2026, 7, 1)),
        (Action.SEND_TO_MINISTRY, D(2026, 7, 10)), (Action.ACCEPT, D(2026, 7, 20)),
        (Action.ADVISORY_REPORT, D(2026, 8, 20)),
    ]:  # fmt: skip
        d = d.apply(action, day)
    assert d.state is State.CENTRAL_COUNCIL
    five = d.apply(Action.RECOGNISE_5, D(2026, 9, 25))
    assert five.closed and five.state is State.RECOGNISED_5 and five.allowed() == ()
    back = d.apply(Action.RETURN_BELOW_90, D(2026, 9, 25)).apply(Action.RECOGNISE_4, D(2026, 10, 5))
    assert back.state is State.RECOGNISED_4 and len(back.events) == 8


def test_dossier_errors_and_partners():
    d = Dossier.file(D(2026, 6, 1), edition="26/2026", kind=DossierKind.RE_EVALUATION)
    assert d.kind is DossierKind.RE_EVALUATION and d.last_date == D(2026, 6, 1)
    with pytest.raises(IllegalTransition):
        d.apply(Action.RECOGNISE_3, D(2026, 6, 2))
    with pytest.raises(InvalidValue):
        d.apply(Action.FORWARD, D(2026, 5, 1))
    with pytest.raises(InvalidDate):
        d.apply(Action.FORWARD, datetime.datetime(2026, 6, 2, tzinfo=datetime.UTC))
    with pytest.raises(InvalidValue):
        Dossier.file(D(2026, 6, 1), kind="first")  # type: ignore[arg-type]
    assert d.can_apply(Action.FORWARD) and d.can_apply(Action.FORWARD, D(2026, 6, 2))
    assert not d.can_apply(Action.FORWARD, D(2026, 5, 1))
    assert not d.can_apply(Action.FORWARD, "2026-06-02")
    assert not d.can_apply(None)
    assert d.apply(Action.WITHDRAW, D(2026, 6, 2)).state is State.WITHDRAWN


@given(st.sampled_from(EDITIONS), st.lists(st.integers(0, 100), max_size=40))
def test_allowed_walks_never_reach_an_illegal_state(code, picks):
    d = Dossier.file(D(2026, 6, 1), edition=code)
    for i, pick in enumerate(picks):
        allowed = d.allowed()
        if not allowed:
            assert d.closed
            break
        d = d.apply(allowed[pick % len(allowed)], D(2026, 6, 1) + datetime.timedelta(days=i))
        assert d.state in d.procedure.states


def test_state_diagram_is_generated_from_the_data():
    text = procedure("26/2026").mermaid()
    assert text.startswith("stateDiagram-v2")
    assert "CENTRAL_COUNCIL --> RETURNED_TO_PROVINCE: return-below-90" in text
    assert "(unconfirmed)" in procedure("148/2023").mermaid()


# --- working days and deadlines ------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # Tết 2026: 16-20 Feb
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        (D(2026, 12, 30), 2, D(2027, 1, 4)),  # 1 Jan is a holiday
        (D(2028, 2, 28), 2, D(2028, 3, 1)),  # leap year: 29 Feb 2028 is a Tuesday
        (D(2026, 8, 21), 1, D(2026, 8, 22)),  # a Saturday worked to bridge 31 Aug
        (D(2026, 4, 24), 1, D(2026, 4, 28)),  # Hùng Kings observed on Mon 27 Apr
        (D(2026, 6, 1), 0, D(2026, 6, 1)),
    ],
)
def test_add_working_days_examples(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3", None])
def test_add_working_days_bad_n(bad):
    with pytest.raises(InvalidValue):
        add_working_days(D(2026, 6, 1), bad)


@given(dates, st.integers(1, 60))
def test_working_day_deadlines_land_on_working_days_after_the_calendar_equivalent(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert end >= start + datetime.timedelta(days=n)
    assert add_working_days(start, n + 1) > end


def test_commune_deadline_around_tet():
    d = commune_deadline(D(2027, 1, 25), edition="26/2026")
    assert d.date == D(2027, 2, 22) and d.working_days and d.edition == "26/2026"
    with pytest.raises(RuleNotPublished):
        commune_deadline(D(2024, 1, 25), edition="148/2023")
    with pytest.raises(InvalidDate):
        commune_deadline(datetime.datetime(2027, 1, 25), edition="26/2026")


@pytest.mark.parametrize(
    ("proposed", "held_by", "number"),
    [
        (D(2026, 1, 1), D(2026, 6, 30), 1), (D(2026, 4, 15), D(2026, 6, 30), 1), (D(2026, 4, 29), D(2026, 6, 30), 1),
        (D(2026, 4, 30), D(2026, 12, 30), 2), (D(2026, 10, 29), D(2026, 12, 30), 2),
        (D(2026, 10, 30), D(2027, 6, 30), 1), (D(2026, 12, 31), D(2027, 6, 30), 1),
    ],
)  # fmt: skip
def test_provincial_rounds(proposed, held_by, number):
    r = provincial_round(proposed, edition="26/2026")
    assert (r.held_by, r.number, r.level, r.edition) == (held_by, number, "province", "26/2026")
    assert proposed < r.cutoff and "Art. 5.1" in r.rule


@pytest.mark.parametrize(
    ("proposed", "held_by"),
    [(D(2026, 1, 29), D(2026, 3, 30)), (D(2026, 1, 30), D(2026, 9, 30)), (D(2026, 7, 29), D(2026, 9, 30)),
     (D(2026, 7, 30), D(2027, 3, 30)), (D(2026, 12, 31), D(2027, 3, 30))],
)  # fmt: skip
def test_ministry_rounds(proposed, held_by):
    assert ministry_round(proposed, edition="26/2026").held_by == held_by


@given(dates, dates)
def test_rounds_are_monotone_in_the_proposal_date(a, b):
    lo, hi = sorted((a, b))
    assert provincial_round(lo, edition="26/2026").held_by <= provincial_round(hi, edition="26/2026").held_by
    assert ministry_round(lo, edition="26/2026").held_by <= ministry_round(hi, edition="26/2026").held_by
    r = provincial_round(lo, edition="26/2026")
    assert lo < r.cutoff < r.held_by


def test_extra_rounds_a_province_or_the_ministry_adds():
    # Art. 5: extra rounds are set in the council's rules; one held earlier takes the dossier
    extra = [(D(2026, 8, 31), D(2026, 10, 15)), (D(2026, 5, 31), D(2026, 7, 15))]
    r = provincial_round(D(2026, 5, 10), edition="26/2026", extra_rounds=extra)
    assert (r.held_by, r.number, r.cutoff) == (D(2026, 7, 15), 0, D(2026, 5, 31)) and "additional" in r.rule
    # an extra round held after the statutory one does not take it
    assert provincial_round(D(2026, 4, 10), edition="26/2026", extra_rounds=extra).held_by == D(2026, 6, 30)
    assert ministry_round(D(2026, 8, 1), edition="26/2026", extra_rounds=[(D(2026, 9, 1), D(2026, 11, 1))]).number == 0
    for bad in ["x", [D(2026, 1, 1)], [(D(2026, 5, 1), D(2026, 4, 1))], [(D(2026, 5, 1), "2026-06-01")], 5,
                [(D(2026, 5, 1), D(2026, 6, 1), D(2026, 7, 1))]]:  # fmt: skip
        with pytest.raises(InvalidValue):
            provincial_round(D(2026, 4, 10), edition="26/2026", extra_rounds=bad)
    with pytest.raises(InvalidValue):
        provincial_round(D(9999, 12, 1), edition="26/2026")


def test_rounds_need_a_published_rule():
    with pytest.raises(RuleNotPublished):
        provincial_round(D(2024, 4, 1), edition="148/2023")
    with pytest.raises(RuleNotPublished):
        ministry_round(D(2024, 4, 1), edition="1489/2025")


def test_reevaluation_window_and_decision():
    assert reevaluation_window(D(2029, 6, 30)) == (D(2029, 1, 1), D(2029, 3, 2))
    assert in_reevaluation_window(D(2029, 1, 1), D(2029, 6, 30))
    assert in_reevaluation_window(D(2029, 3, 2), D(2029, 6, 30))
    assert not in_reevaluation_window(D(2029, 3, 3), D(2029, 6, 30))
    assert not in_reevaluation_window(D(2028, 12, 31), D(2029, 6, 30))
    assert not in_reevaluation_window("2029-01-01", D(2029, 6, 30))
    assert not in_reevaluation_window(D(2029, 1, 1), None)
    assert reevaluation_decision_due(D(2026, 12, 20)).date == D(2027, 2, 3)
    assert revocation_due(D(2026, 12, 20)).date == D(2027, 1, 4)


def test_transitional_deadlines():
    assert transitional_deadline(PendingKind.FIRST_OR_UPGRADE).date == D(2026, 7, 21)
    # 30 days from 23 May end on Sunday 21 June; Civil Code Art. 148.5 moves it to Monday
    assert transitional_deadline(PendingKind.RE_EVALUATION).date == D(2026, 6, 22)
    assert transitional_deadline(PendingKind.RE_EVALUATION).unrolled == D(2026, 6, 21)
    with pytest.raises(InvalidValue):
        transitional_deadline("re-evaluation")  # type: ignore[arg-type]


def test_fixed_api_returns_dates_that_carry_their_rule():
    import pickle

    r = provincial_round(D(2026, 4, 15), edition="26/2026")
    assert r == D(2026, 6, 30) and isinstance(r, datetime.date) and hash(r) == hash(D(2026, 6, 30))
    assert r.held_by == D(2026, 6, 30) and type(r.held_by) is datetime.date
    assert (r.number, r.level, r.cutoff, r.edition) == (1, "province", D(2026, 4, 30), "26/2026")
    d = commune_deadline(D(2026, 6, 1), edition="26/2026")
    assert isinstance(d, datetime.date) and d.working_days and "Art. 7.2" in d.rule
    assert type(d + datetime.timedelta(days=1)) is datetime.date
    assert type(datetime.timedelta(days=1) + d) is datetime.date
    assert d - D(2026, 6, 1) == datetime.timedelta(days=(d.date - D(2026, 6, 1)).days)
    assert type(d.replace(day=1)) is datetime.date
    assert repr(d).startswith("Deadline(2026-06-22, '26/2026 Art. 7.2")
    with pytest.raises(AttributeError):
        d.rule = "x"
    with pytest.raises(AttributeError):
        d.colour  # noqa: B018
    assert pickle.loads(pickle.dumps(d)) == d
