"""Every path of the procedure, dossiers that check their own history, deadlines and contents."""

from __future__ import annotations

import datetime
from collections import deque

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.cycle import (
    ALL_KINDS,
    TERMINAL,
    Action,
    CommuneTopic,
    Dossier,
    DossierContents,
    DossierEvent,
    DossierKind,
    Item,
    Procedure,
    Stage,
    State,
    Transition,
    commune_criteria,
    procedure,
    required_items,
)
from ocop.errors import IllegalTransition, InvalidDate, InvalidValue, RuleNotPublished

D = datetime.date
EDITIONS = ["26/2026", "1489/2025", "148/2023"]
A, S, K = Action, State, DossierKind


def reachable(p: Procedure, kind: DossierKind, start: State) -> set[State]:
    seen, queue = {start}, deque([start])
    while queue:
        s = queue.popleft()
        for a in p.allowed(s, kind):
            t = p.next(s, a, kind)
            if t not in seen:
                seen.add(t)
                queue.append(t)
    return seen


@pytest.mark.parametrize("code", EDITIONS)
@pytest.mark.parametrize("kind", list(DossierKind))
def test_every_state_is_reachable_and_can_end(code, kind):
    p = procedure(code)
    states = reachable(p, kind, p.initial)
    for s in states:
        assert reachable(p, kind, s) & TERMINAL, f"{s} cannot end"
    # every transition of the kind is used by some path
    for t in p.transitions:
        if kind in t.kinds:
            assert t.source in states


def test_kind_specific_paths_of_26():
    p = procedure("26/2026")
    # 5★ re-evaluation: the agency's report goes straight to the ministry (Arts. 6.3b, 7.6e)
    assert p.can(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.RE_EVALUATION)
    assert not p.can(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.FIRST)
    assert not p.can(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.UPGRADE)
    assert p.can(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY)  # any kind
    t = p.transition(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.RE_EVALUATION)
    assert "7.6e" in t.rule and t.kinds == {K.RE_EVALUATION}
    with pytest.raises(IllegalTransition) as info:
        p.transition(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.FIRST)
    assert "first dossier" in str(info.value)
    # ministry corrections come back to the ministry, not to the province's decision
    assert p.next(S.AT_MINISTRY, A.REQUEST_CORRECTIONS) is S.RETURNED_BY_MINISTRY
    assert p.next(S.RETURNED_BY_MINISTRY, A.RESUBMIT) is S.AT_MINISTRY
    # advisory groups may ask for documents (Arts. 7.3c, 7.4c)
    assert p.next(S.PROVINCIAL_ADVISORY, A.REQUEST_DOCUMENTS) is S.PROVINCE_AWAITS_DOCUMENTS
    assert p.next(S.PROVINCE_AWAITS_DOCUMENTS, A.SUPPLY_DOCUMENTS) is S.PROVINCIAL_ADVISORY
    assert p.next(S.CENTRAL_ADVISORY, A.REQUEST_DOCUMENTS) is S.MINISTRY_AWAITS_DOCUMENTS
    assert p.next(S.MINISTRY_AWAITS_DOCUMENTS, A.SUPPLY_DOCUMENTS) is S.CENTRAL_ADVISORY
    # in 1489 these 26/2026 paths are unconfirmed
    q = procedure("1489/2025")
    assert not q.transition(S.PROVINCIAL_ADVISORY, A.REQUEST_DOCUMENTS).confirmed
    assert not q.transition(S.PROVINCIAL_ADVISORY, A.SEND_TO_MINISTRY, K.RE_EVALUATION).confirmed
    assert "[re-evaluation only]" in p.mermaid()


def test_a_five_star_reevaluation_without_the_provincial_council():
    d = Dossier.file(D(2029, 1, 5), edition="26/2026", kind=K.RE_EVALUATION)
    for action, day in [(A.FORWARD, D(2029, 1, 20)), (A.ACCEPT, D(2029, 1, 26)), (A.SEND_TO_MINISTRY, D(2029, 2, 20)),
                        (A.REQUEST_CORRECTIONS, D(2029, 2, 25)), (A.RESUBMIT, D(2029, 3, 2)),
                        (A.ACCEPT, D(2029, 3, 5)), (A.REQUEST_DOCUMENTS, D(2029, 3, 10)),
                        (A.SUPPLY_DOCUMENTS, D(2029, 3, 15)), (A.ADVISORY_REPORT, D(2029, 4, 1)),
                        (A.RECOGNISE_5, D(2029, 4, 10))]:  # fmt: skip
        assert d.can_apply(action, day)
        d = d.apply(action, day)
    assert d.state is S.RECOGNISED_5 and d.closed
    assert S.PROVINCIAL_COUNCIL not in {e.state for e in d.events}
    # Art. 7.2: 15 working days at the commune; Art. 7.6g: 45 days at each level.
    # Filed Fri 5 Jan 2029, forwarded Sat 20 Jan: the count from Mon 8 Jan is 15 working
    # days on Fri 26 Jan (1 Jan is before), so the commune was in time.
    # Province: accepted 26 Jan, 45 days end 12 Mar 2029 (Mon): outcome 20 Feb in time.
    # Ministry: accepted 5 Mar, 45 days end Thu 19 Apr: decided 10 Apr in time.
    marks = [(x.what, x.due.date, x.done_on, x.late) for x in d.deadlines()]
    assert marks == [
        ("commune forwards or returns the dossier", D(2029, 1, 26), D(2029, 1, 20), False),
        ("re-evaluation decided at the province", D(2029, 3, 12), D(2029, 2, 20), False),
        ("re-evaluation decided at the ministry", D(2029, 4, 19), D(2029, 4, 10), False),
    ]
    assert not d.is_late()


def test_lateness_flags():
    d = Dossier.file(D(2026, 6, 1), edition="26/2026")  # Mon; 15 working days end Mon 22 Jun
    assert [x.late for x in d.deadlines(D(2026, 6, 22))] == [None]
    assert [x.late for x in d.deadlines(D(2026, 6, 23))] == [True] and d.is_late(D(2026, 6, 23))
    d = d.apply(A.REQUEST_CORRECTIONS, D(2026, 6, 25)).apply(A.RESUBMIT, D(2026, 7, 1))
    marks = [(x.started_on, x.due.date, x.done_on, x.late) for x in d.deadlines()]
    # counted again from the resubmission: Wed 1 Jul + 15 working days = Wed 22 Jul
    assert marks == [(D(2026, 6, 1), D(2026, 6, 22), D(2026, 6, 25), True), (D(2026, 7, 1), D(2026, 7, 22), None, None)]
    # re-evaluation decided late at the province: accepted 1 Jul, 45 days end Sat 15 Aug -> Mon 17 Aug
    r = Dossier.file(D(2026, 6, 1), edition="26/2026", kind=K.RE_EVALUATION)
    for action, day in [(A.FORWARD, D(2026, 6, 10)), (A.ACCEPT, D(2026, 7, 1)), (A.ADVISORY_REPORT, D(2026, 8, 1)),
                        (A.RECOGNISE_4, D(2026, 8, 18))]:  # fmt: skip
        r = r.apply(action, day)
    assert [(x.due.date, x.late) for x in r.deadlines()][-1] == (D(2026, 8, 17), True)
    # no public deadlines under the older editions, except the transitional one (Art. 12.2):
    # pending on 22 May 2026, finish within 60 days (21 Jul) or 30 for re-evaluations
    # (Sun 21 Jun -> Mon 22 Jun, Civil Code Art. 148.5)
    assert Dossier.file(D(2025, 1, 6), edition="148/2023").apply(A.WITHDRAW, D(2025, 2, 1)).deadlines() == ()
    assert len(Dossier.file(D(2025, 1, 6), edition="148/2023").deadlines()) == 1  # still pending on 22 May 2026
    old = Dossier.file(D(2026, 5, 4), edition="1489/2025")
    assert [(x.due.date, x.late) for x in old.deadlines(D(2026, 7, 21))] == [(D(2026, 7, 21), None)]
    assert [x.late for x in old.deadlines(D(2026, 7, 22))] == [True]
    done = old.apply(A.WITHDRAW, D(2026, 6, 1))
    assert [(x.done_on, x.late) for x in done.deadlines()] == [(D(2026, 6, 1), False)]
    re = Dossier.file(D(2026, 5, 4), edition="1489/2025", kind=K.RE_EVALUATION).apply(A.WITHDRAW, D(2026, 6, 23))
    assert [(x.due.date, x.late) for x in re.deadlines()] == [(D(2026, 6, 22), True)]
    assert Dossier.file(D(2026, 5, 22), edition="1489/2025").deadlines() == ()
    # a deadline the holiday data cannot place is left out rather than guessed
    assert Dossier.file(D(2053, 12, 20), edition="26/2026").deadlines() == ()
    with pytest.raises(InvalidDate):
        d.deadlines("2026-07-01")  # type: ignore[arg-type]


def test_dossiers_check_their_whole_history():
    p = procedure("26/2026")
    good = Dossier.file(D(2026, 6, 1), edition="26/2026").apply(A.FORWARD, D(2026, 6, 10))
    assert Dossier(p, K.FIRST, D(2026, 6, 1), good.events) == good
    with pytest.raises(IllegalTransition):  # a step that is not legal from the state before it
        Dossier(p, K.FIRST, D(2026, 6, 1), (DossierEvent(A.RECOGNISE_4, D(2026, 6, 2), S.RECOGNISED_4),))
    with pytest.raises(IllegalTransition):  # a step recorded as reaching the wrong state
        Dossier(p, K.FIRST, D(2026, 6, 1), (DossierEvent(A.FORWARD, D(2026, 6, 2), S.AT_MINISTRY),))
    with pytest.raises(InvalidValue):  # before the filing
        Dossier(p, K.FIRST, D(2026, 6, 1), (DossierEvent(A.FORWARD, D(2026, 5, 2), S.AT_PROVINCE),))
    with pytest.raises(IllegalTransition):  # the 5★ re-evaluation path is not open to a first dossier
        Dossier(p, K.FIRST, D(2026, 6, 1), (
            DossierEvent(A.FORWARD, D(2026, 6, 2), S.AT_PROVINCE), DossierEvent(A.ACCEPT, D(2026, 6, 3), S.PROVINCIAL_ADVISORY),
            DossierEvent(A.SEND_TO_MINISTRY, D(2026, 6, 4), S.AT_MINISTRY)))  # fmt: skip
    for bad in [dict(procedure="26/2026"), dict(kind="first"), dict(filed_on="2026-06-01"), dict(events="abc"),
                dict(events=[1])]:  # fmt: skip
        with pytest.raises(InvalidValue):
            attrs.evolve(good, **bad)
    with pytest.raises(InvalidValue):
        DossierEvent("forward", D(2026, 6, 1), S.FILED)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        Dossier.file(D(2026, 6, 1), kind="first")  # type: ignore[arg-type]


def test_cycle_histories_validate_their_events():
    from ocop.cycle import CycleEvent, CycleHistory, CycleStep

    for bad in (5, "abc", [1], None):
        with pytest.raises(InvalidValue):
            CycleHistory(bad)  # type: ignore[arg-type]
    ok = CycleHistory([CycleEvent(CycleStep.IDEAS, D(2026, 1, 1))])
    assert ok.current is CycleStep.IDEAS


def test_procedures_and_transitions_validate_their_fields():
    p = procedure("26/2026")
    with pytest.raises(InvalidValue):
        Procedure(p.edition, (*p.transitions, p.transitions[0]))  # the same step twice
    with pytest.raises(InvalidValue):
        Procedure("26/2026", p.transitions)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        Procedure(p.edition, "abc")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        Procedure(p.edition, [1])  # type: ignore[list-item]
    with pytest.raises(InvalidValue):
        Transition(S.FILED, "forward", S.AT_PROVINCE, None, "x")  # type: ignore[arg-type]
    for bad in (frozenset(), "first", {"first"}):
        with pytest.raises(InvalidValue):
            Transition(S.FILED, A.FORWARD, S.AT_PROVINCE, None, "x", kinds=bad)  # type: ignore[arg-type]
    assert Transition(S.FILED, A.FORWARD, S.AT_PROVINCE, None, "x", kinds=[K.FIRST]).kinds == {K.FIRST}
    assert ALL_KINDS == frozenset(DossierKind)


@given(st.sampled_from(EDITIONS), st.sampled_from(list(DossierKind)), st.lists(st.integers(0, 100), max_size=40))
def test_random_legal_walks_rebuild_from_their_events(code, kind, picks):
    d = Dossier.file(D(2026, 6, 1) if code == "26/2026" else D(2025, 1, 6), edition=code, kind=kind)
    for i, pick in enumerate(picks):
        allowed = d.allowed()
        if not allowed:
            break
        d = d.apply(allowed[pick % len(allowed)], d.filed_on + datetime.timedelta(days=i))
    assert Dossier(d.procedure, d.kind, d.filed_on, d.events) == d
    assert all(isinstance(x.late, (bool, type(None))) for x in d.deadlines())


# --- dossier contents (Arts. 6, 7.1) ----------------------------------------------------------


def test_required_items_by_kind_and_stage():
    def items(kind, sheet, stage):
        return {r.item: r.count for r in required_items(kind, sheet, stage)}

    producer = items(K.FIRST, 7, Stage.PRODUCER)
    assert producer == {Item.REGISTRATION_FORM: 1, Item.SELF_ASSESSMENT: 1, Item.PAPER_SET: 1, Item.ELECTRONIC_SET: 1}
    assert Item.CHANGE_EVIDENCE in items(K.UPGRADE, 7, Stage.PRODUCER)
    assert Item.REEVALUATION_UPDATE in items(K.RE_EVALUATION, 7, Stage.PRODUCER)
    commune = items(K.FIRST, 7, Stage.COMMUNE)
    assert commune[Item.SAMPLES] == 5 and commune[Item.COMMUNE_REPORT] == 1 and commune[Item.COMMUNE_PROPOSAL] == 1
    assert Item.SAMPLES not in items(K.FIRST, 26, Stage.COMMUNE)  # tourism: no samples (Art. 6.2d)
    province = items(K.UPGRADE, 7, Stage.PROVINCE)
    assert {Item.PROVINCIAL_ADVISORY_REPORT, Item.PROVINCIAL_COUNCIL_REPORT, Item.CHAIRMAN_APPROVAL} <= set(province)
    reeval = items(K.RE_EVALUATION, 7, Stage.PROVINCE)
    assert Item.PROVINCIAL_AGENCY_REPORT in reeval and Item.PROVINCIAL_COUNCIL_REPORT not in reeval
    for bad in [("first", 7, Stage.COMMUNE), (K.FIRST, 27, Stage.COMMUNE), (K.FIRST, 7, "commune"),
                (K.FIRST, True, Stage.COMMUNE)]:  # fmt: skip
        with pytest.raises(InvalidValue):
            required_items(*bad)


def test_missing_items():
    full = {r.item: r.count for r in required_items(K.FIRST, 7, Stage.COMMUNE)}
    assert DossierContents(K.FIRST, 7, Stage.COMMUNE, full).complete
    short = DossierContents(K.FIRST, 7, Stage.COMMUNE, {**full, Item.SAMPLES: 3, Item.ELECTRONIC_SET: 0})
    assert [(r.item, r.count) for r in short.missing()] == [(Item.SAMPLES, 2), (Item.ELECTRONIC_SET, 1)]
    assert not DossierContents(K.FIRST, 7, Stage.COMMUNE).complete
    for bad in ("x", {"samples": 5}, {Item.SAMPLES: -1}, {Item.SAMPLES: True}, {Item.SAMPLES: 2.0}):
        with pytest.raises(InvalidValue):
            DossierContents(K.FIRST, 7, Stage.COMMUNE, bad)


def test_commune_criteria_per_sheet():
    # Art. 7.2a names four contents; on each sheet they must be the criteria of those names
    words = {
        CommuneTopic.ORIGIN_AND_RAW_MATERIAL: "nguồn",
        CommuneTopic.LOCAL_LABOUR: "lao động",
        CommuneTopic.IDEA_ORIGIN: "ý tưởng",
        CommuneTopic.LOCAL_IDENTITY: "bản sắc",
    }
    for sheet in range(1, 27):
        checks = commune_criteria(sheet)
        assert [c.topic for c in checks] == list(CommuneTopic)
        for c in checks:
            if c.criterion is not None:
                assert words[c.topic] in c.criterion.name_vi.lower(), (sheet, c.topic, c.criterion.name_vi)
    tourism = {c.topic: c.criterion for c in commune_criteria(26)}
    assert tourism[CommuneTopic.ORIGIN_AND_RAW_MATERIAL] is None and tourism[CommuneTopic.LOCAL_IDENTITY] is None
    with pytest.raises(RuleNotPublished):
        commune_criteria(7, edition="148/2023")
    with pytest.raises(InvalidValue):
        commune_criteria(0)


def test_the_procedure_page_is_what_the_script_writes():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "procedure.md").read_text(encoding="utf-8")
    assert "PROVINCIAL_ADVISORY --> AT_MINISTRY: send-to-ministry [re-evaluation only]" in text
    assert "RETURNED_BY_MINISTRY --> AT_MINISTRY: resubmit (unconfirmed)" in text
    assert ocop.cycle.procedure("26/2026").mermaid() in text
