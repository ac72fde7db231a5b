"""Behaviour of dossiers and their contents (ocop/cycle/_dossier.py, _contents.py) that mutation
testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
"""

from __future__ import annotations

import datetime
import types

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop._editions
from ocop.cycle import (
    Action,
    CommuneTopic,
    Dossier,
    DossierContents,
    DossierEvent,
    DossierKind,
    Item,
    Stage,
    State,
    commune_criteria,
    procedure,
)
from ocop.errors import IllegalTransition, InvalidDate, InvalidValue, RuleNotPublished

D = datetime.date
A, S, K = Action, State, DossierKind
IN_FORCE_26 = D(2026, 5, 22)  # 26/2026 Art. 11.1: in force from 22 May 2026
KIND_VALUES = ("first", "upgrade", "re-evaluation")


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after ``start`` (Civil Code 2015 Art. 147.1: the count starts the
    next day), walking the days one by one: Saturdays, Sundays and Vietnamese public holidays
    are skipped."""
    off = holidays.country_holidays("VN", years=range(start.year, start.year + 2))
    day = start
    while n:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            n -= 1
    return day


def days_after(start: datetime.date, n: int) -> datetime.date:
    """A period of n days from ``start`` (Civil Code Art. 147.1: counted from the next day; Art.
    148.5: a period ending on a Saturday, Sunday or holiday ends on the next working day)."""
    off = holidays.country_holidays("VN", years=range(start.year, start.year + 2))
    day = start + datetime.timedelta(days=n)
    while day.weekday() >= 5 or day in off:
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def clock_before_26(monkeypatch):
    """Run as if today were 1 March 2026, when 1489/2025 was in force (26/2026 not yet signed):
    what a dossier of edition 26/2026 answers must not depend on the day the program runs."""

    class Day(datetime.date):
        @classmethod
        def today(cls):
            return cls(2026, 3, 1)

    monkeypatch.setattr(ocop._editions, "datetime", types.SimpleNamespace(date=Day))
    assert ocop._editions.default_edition().code == "1489/2025"


def _error(exc_type, call, *args, **kwargs):
    with pytest.raises(exc_type) as info:
        call(*args, **kwargs)
    return info.value


# --- every wrong argument names its field, the value received and what is allowed -------------

P26 = procedure("26/2026")
JUNE_1 = D(2026, 6, 1)  # a Monday


def test_dates_of_a_dossier_and_its_steps_must_be_dates():
    d = Dossier.file(JUNE_1, edition="26/2026")
    for call, field in [
        (lambda bad: DossierEvent(A.FORWARD, bad, S.AT_PROVINCE), "on"),
        (lambda bad: Dossier(P26, K.FIRST, bad), "filed_on"),
        (lambda bad: Dossier.file(bad, edition="26/2026"), "on"),
        (lambda bad: d.apply(A.FORWARD, bad), "on"),
        (lambda bad: d.deadlines(bad), "on"),
    ]:
        for bad in ("2026-06-02", datetime.datetime(2026, 6, 2, 9, 0)):
            exc = _error(InvalidDate, call, bad)
            assert (exc.field, exc.value, exc.allowed) == (field, bad, "a datetime.date")


def test_events_must_be_a_sequence_of_dossier_events():
    exc = _error(InvalidValue, Dossier, P26, K.FIRST, JUNE_1, "abc")
    assert (exc.field, exc.value, exc.allowed) == ("events", "abc", "a sequence of ocop.cycle.DossierEvent")
    exc = _error(InvalidValue, Dossier, P26, K.FIRST, JUNE_1, [1])
    assert (exc.field, exc.value, exc.allowed) == ("events", 1, "ocop.cycle.DossierEvent instances")


def test_a_history_step_that_reaches_the_wrong_state_names_the_state_it_reaches():
    # Art. 7.2-7.3: the commune forwards the dossier to the province, not to the ministry
    exc = _error(
        IllegalTransition, Dossier, P26, K.FIRST, JUNE_1, (DossierEvent(A.FORWARD, D(2026, 6, 2), S.AT_MINISTRY),)
    )
    assert (exc.field, exc.value, exc.allowed) == ("state", "at-ministry", ("at-province",))
    assert exc.detail == "forward from 'filed' reaches 'at-province'"


def test_a_history_out_of_date_order_names_the_first_date_allowed():
    events = (
        DossierEvent(A.FORWARD, D(2026, 6, 10), S.AT_PROVINCE),
        DossierEvent(A.ACCEPT, D(2026, 6, 9), S.PROVINCIAL_ADVISORY),
    )
    exc = _error(InvalidValue, Dossier, P26, K.FIRST, JUNE_1, events)
    assert (exc.field, exc.value, exc.allowed) == ("on", D(2026, 6, 9), "dates from 2026-06-10")
    assert exc.detail == "steps must be in date order"
    exc = _error(InvalidValue, Dossier, P26, K.FIRST, JUNE_1, (DossierEvent(A.FORWARD, D(2026, 5, 31), S.AT_PROVINCE),))
    assert (exc.field, exc.value, exc.allowed) == ("on", D(2026, 5, 31), "dates from 2026-06-01")


def test_filing_with_a_wrong_kind_names_the_kinds():
    exc = _error(InvalidValue, Dossier.file, JUNE_1, edition="26/2026", kind="first")
    assert (exc.field, exc.value, exc.allowed) == ("kind", "first", KIND_VALUES)


def test_filing_without_an_edition_uses_the_edition_in_force_today():
    # 26/2026 is in force from 22 May 2026 (Art. 11.1) and no later edition exists
    assert datetime.date.today() >= IN_FORCE_26
    assert Dossier.file(JUNE_1).procedure.edition.code == "26/2026"


# --- the kind of dossier decides the path (Arts. 6.3b, 7.6e) ----------------------------------


def _at_provincial_advisory(kind):
    return (
        Dossier.file(JUNE_1, edition="26/2026", kind=kind)
        .apply(A.FORWARD, D(2026, 6, 10))
        .apply(A.ACCEPT, D(2026, 6, 12))
    )


@pytest.mark.parametrize("kind", [K.FIRST, K.UPGRADE])
def test_only_a_reevaluation_goes_to_the_ministry_without_the_provincial_council(kind):
    # Art. 7.3: the advisory group reports to the provincial council (or asks for more documents,
    # Art. 7.3c); Art. 6.3b / 7.6e: only a 5★ re-evaluation goes on to the ministry on the agency's
    # report.  A producer may withdraw and a dossier may be rejected at any open step.
    d = _at_provincial_advisory(kind)
    assert set(d.allowed()) == {A.ADVISORY_REPORT, A.REQUEST_DOCUMENTS, A.WITHDRAW, A.REJECT}
    assert not d.can_apply(A.SEND_TO_MINISTRY)
    assert not d.can_apply(A.SEND_TO_MINISTRY, D(2026, 6, 20))
    exc = _error(IllegalTransition, d.apply, A.SEND_TO_MINISTRY, D(2026, 6, 20))
    assert (exc.field, exc.value) == ("action", "send-to-ministry")
    assert set(exc.allowed) == {"advisory-report", "request-documents", "withdraw", "reject"}
    r = _at_provincial_advisory(K.RE_EVALUATION)
    assert set(r.allowed()) == {A.ADVISORY_REPORT, A.REQUEST_DOCUMENTS, A.SEND_TO_MINISTRY, A.WITHDRAW, A.REJECT}
    assert r.can_apply(A.SEND_TO_MINISTRY)
    assert r.apply(A.SEND_TO_MINISTRY, D(2026, 6, 20)).state is S.AT_MINISTRY


@pytest.mark.parametrize("kind", list(DossierKind))
def test_a_wrong_step_is_refused_with_the_steps_open_to_that_kind_of_dossier(kind):
    # the error of a refused step lists what this dossier may do next: the ministry without the
    # provincial council only for a re-evaluation (Arts. 6.3b, 7.6e)
    d = _at_provincial_advisory(kind)
    exc = _error(IllegalTransition, d.apply, A.RECOGNISE_5, D(2026, 6, 20))
    assert (exc.field, exc.value) == ("action", "recognise-5")
    assert exc.detail == f"edition 26/2026, state 'provincial-advisory', {kind.value} dossier"
    to_ministry = {"send-to-ministry"} if kind is K.RE_EVALUATION else set()
    assert set(exc.allowed) == {"advisory-report", "request-documents", "withdraw", "reject"} | to_ministry


@given(st.integers(0, 3))
def test_a_step_may_be_taken_on_the_day_of_the_step_before(gap):
    # nothing forbids two steps on one day; only a step dated before the previous one is refused
    d = Dossier.file(JUNE_1, edition="26/2026").apply(A.FORWARD, JUNE_1 + datetime.timedelta(days=gap))
    same = d.last_date
    assert d.can_apply(A.ACCEPT, same)
    assert d.apply(A.ACCEPT, same).last_date == same
    assert not d.can_apply(A.ACCEPT, same - datetime.timedelta(days=1))


# --- deadlines --------------------------------------------------------------------------------


def test_the_commune_is_in_time_on_its_last_day_and_late_the_day_after():
    # Art. 7.2: 15 working days from filing; filed Mon 1 Jun 2026 -> Mon 22 Jun 2026
    due = working_days_after(JUNE_1, 15)
    assert due == D(2026, 6, 22)
    d = Dossier.file(JUNE_1, edition="26/2026")
    pending = d.deadlines(due)
    assert [(x.what, x.started_on, x.due.date, x.done_on, x.late) for x in pending] == [
        ("commune forwards or returns the dossier", JUNE_1, due, None, None)
    ]
    assert [x.late for x in d.deadlines(due + datetime.timedelta(days=1))] == [True]
    on_time = d.apply(A.FORWARD, due).deadlines()
    assert [(x.done_on, x.late) for x in on_time] == [(due, False)]
    assert not d.apply(A.FORWARD, due).is_late()
    late = d.apply(A.FORWARD, due + datetime.timedelta(days=1))
    assert [x.late for x in late.deadlines()] == [True]
    assert late.is_late()


def test_a_reevaluation_decided_on_the_45th_day_is_in_time():
    # Art. 7.6g: decided within 45 days of the province accepting the complete dossier.
    # Accepted Wed 1 Jul 2026: day 45 is Sat 15 Aug, so the period ends Mon 17 Aug (Art. 148.5).
    accepted = D(2026, 7, 1)
    due = days_after(accepted, 45)
    assert due == D(2026, 8, 17)
    r = Dossier.file(JUNE_1, edition="26/2026", kind=K.RE_EVALUATION)
    for action, day in [(A.FORWARD, D(2026, 6, 10)), (A.ACCEPT, accepted), (A.ADVISORY_REPORT, D(2026, 8, 1)),
                        (A.RECOGNISE_4, due)]:  # fmt: skip
        r = r.apply(action, day)
    last = r.deadlines()[-1]
    assert (last.what, last.started_on, last.due.date, last.done_on, last.late) == (
        "re-evaluation decided at the province",
        accepted,
        due,
        due,
        False,
    )


def test_deadlines_of_a_26_dossier_do_not_depend_on_the_day_the_program_runs(clock_before_26):
    d = Dossier.file(JUNE_1, edition="26/2026")
    assert [(x.what, x.due.date) for x in d.deadlines()] == [
        ("commune forwards or returns the dossier", working_days_after(JUNE_1, 15))
    ]


# Art. 12.2: a dossier filed before 22 May 2026 and not yet evaluated on that day finishes under
# the old rules within 60 days of it (a: first evaluations and upgrades) or 30 days (b:
# re-evaluations), counted from 23 May (Art. 147.1): 21 Jul 2026 (a Tuesday) and 21 Jun 2026 (a
# Sunday, so Mon 22 Jun, Art. 148.5).
TRANSITIONAL = "finished under the old rules (26/2026 Art. 12.2)"


@pytest.mark.parametrize("kind", list(DossierKind))
def test_a_pending_old_dossier_finished_on_its_last_day_is_in_time(kind):
    due = days_after(IN_FORCE_26, 30 if kind is K.RE_EVALUATION else 60)
    assert due == (D(2026, 6, 22) if kind is K.RE_EVALUATION else D(2026, 7, 21))
    old = Dossier.file(D(2026, 5, 4), edition="1489/2025", kind=kind)
    marks = [(x.what, x.started_on, x.due.date, x.done_on, x.late) for x in old.deadlines(due)]
    assert marks == [(TRANSITIONAL, IN_FORCE_26, due, None, None)]
    done = old.apply(A.WITHDRAW, due)
    assert [(x.what, x.started_on, x.done_on, x.late) for x in done.deadlines()] == [
        (TRANSITIONAL, IN_FORCE_26, due, False)
    ]
    late = old.apply(A.WITHDRAW, due + datetime.timedelta(days=1))
    assert [x.late for x in late.deadlines()] == [True]


def test_an_old_dossier_ended_on_the_day_26_2026_took_effect_was_still_pending_that_day():
    # "chưa được cấp có thẩm quyền đánh giá, phân hạng" before the day the decision takes
    # effect: a dossier ended on 22 May was still pending at the start of it, one ended on
    # 21 May was not.
    old = Dossier.file(D(2026, 5, 4), edition="1489/2025")
    ended = old.apply(A.WITHDRAW, IN_FORCE_26).deadlines()
    assert [(x.what, x.done_on, x.late) for x in ended] == [(TRANSITIONAL, IN_FORCE_26, False)]
    assert old.apply(A.WITHDRAW, IN_FORCE_26 - datetime.timedelta(days=1)).deadlines() == ()


# --- contents (Arts. 6, 7) --------------------------------------------------------------------


def test_sheet_errors_say_which_sheets_exist():
    # Appendix II of 26/2026: 26 scoring sheets
    for bad in (0, 27, True, "7", 7.0):
        exc = _error(InvalidValue, DossierContents, K.FIRST, bad, Stage.PRODUCER)
        assert (exc.field, exc.value, exc.allowed) == ("sheet", bad, "integers 1 to 26")
        exc = _error(InvalidValue, commune_criteria, bad)
        assert (exc.field, exc.value, exc.allowed) == ("sheet", bad, "integers 1 to 26")


ITEM_VALUES = tuple(i.value for i in Item)


@pytest.mark.parametrize(("items", "field", "value", "allowed"), [
    ("x", "items", "x", "a mapping of ocop.cycle.Item to counts"),
    ([(Item.SAMPLES, 5)], "items", [(Item.SAMPLES, 5)], "a mapping of ocop.cycle.Item to counts"),
    ({"samples": 5}, "items", "samples", ITEM_VALUES),
    ({Item.SAMPLES: -1}, "items[samples]", -1, "an integer >= 0"),
    ({Item.PAPER_SET: True}, "items[paper-set]", True, "an integer >= 0"),
    ({Item.SAMPLES: 2.0}, "items[samples]", 2.0, "an integer >= 0"),
])  # fmt: skip
def test_item_count_errors_name_the_item(items, field, value, allowed):
    exc = _error(InvalidValue, DossierContents, K.FIRST, 7, Stage.COMMUNE, items)
    assert (exc.field, exc.value, exc.allowed) == (field, value, allowed)


@pytest.mark.parametrize("kind", list(DossierKind))
def test_an_empty_producer_dossier_lacks_every_item_in_full(kind):
    # Art. 6.1: Form 01 and Form 02 (plus 6.1b change evidence / 6.1c update); Art. 7.1: one paper
    # and one electronic set
    own = {K.FIRST: [], K.UPGRADE: [Item.CHANGE_EVIDENCE], K.RE_EVALUATION: [Item.REEVALUATION_UPDATE]}[kind]
    want = [Item.REGISTRATION_FORM, Item.SELF_ASSESSMENT, *own, Item.PAPER_SET, Item.ELECTRONIC_SET]
    assert [(r.item, r.count) for r in DossierContents(kind, 7, Stage.PRODUCER).missing()] == [(i, 1) for i in want]
    have_one_form = DossierContents(kind, 7, Stage.PRODUCER, {Item.REGISTRATION_FORM: 1})
    assert [r.item for r in have_one_form.missing()] == want[1:]


# Appendix II of 26/2026: on sheets 1-25 the four contents of Art. 7.2a are criteria 1.1 (source of
# the raw material, "Nguồn nguyên liệu" / "Nguồn gốc sản phẩm"), 2.1 ("Nguồn gốc ý tưởng sản
# phẩm"), 3.3 ("Sử dụng lao động địa phương") and 5.3 ("Trí tuệ/bản sắc địa phương"); the
# tourism sheet 26 has 2.1 and 3.3 but its 1.1 is the coordinating body and its 5.3 the tourist
# products of the area, so raw material and identity point at no criterion.
ON_SHEET = {CommuneTopic.ORIGIN_AND_RAW_MATERIAL: "1.1", CommuneTopic.LOCAL_LABOUR: "3.3",
            CommuneTopic.IDEA_ORIGIN: "2.1", CommuneTopic.LOCAL_IDENTITY: "5.3"}  # fmt: skip
ON_TOURISM = {**ON_SHEET, CommuneTopic.ORIGIN_AND_RAW_MATERIAL: None, CommuneTopic.LOCAL_IDENTITY: None}


@pytest.mark.parametrize("sheet", range(1, 27))
def test_commune_criteria_are_the_numbered_criteria_of_article_7_2a(sheet):
    want = ON_TOURISM if sheet == 26 else ON_SHEET
    got = {c.topic: (None if c.criterion is None else c.criterion.number) for c in commune_criteria(sheet)}
    assert got == want


def test_commune_criteria_do_not_depend_on_the_day_the_program_runs(clock_before_26):
    got = {c.topic: (None if c.criterion is None else c.criterion.number) for c in commune_criteria(7)}
    assert got == ON_SHEET


@pytest.mark.parametrize("edition", ["148/2023", "1489/2025", "1048/2019"])
def test_commune_criteria_of_older_editions_are_not_published(edition):
    exc = _error(RuleNotPublished, commune_criteria, 7, edition=edition)
    assert (exc.field, exc.value, exc.allowed) == ("edition", edition, ("26/2026",))
    assert exc.detail == "the commune's pre-assessment items"
