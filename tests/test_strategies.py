from __future__ import annotations

import datetime
import inspect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import ocop
import ocop.strategies as ost


def public_types():
    out = {}
    for mod in (ocop, ocop.grading, ocop.criteria, ocop.certificates, ocop.cycle):
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                # Keyed by where the class lives: ocop.grading.Change and ocop.criteria.Change differ.
                out[f"{obj.__module__.split('._')[0]}.{obj.__qualname__}"] = obj
    return out


@pytest.mark.parametrize("name", sorted(public_types()))
def test_from_type_works_for_every_public_type(name):
    cls = public_types()[name]

    @settings(max_examples=3, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(ocop.Grade), st.from_type(ocop.Plan), st.from_type(ocop.criteria.Criterion))
def test_registered_values_are_the_librarys_own(g, plan, criterion):
    assert 0 <= g.total <= 100 and g.sheet in ocop.criteria.sheets(edition=g.edition)
    assert plan.after.star >= plan.target and plan.after == ocop.grade(plan.scorecard)
    published = [e for e in ocop.editions() if e.criteria_published]
    assert any(criterion in s.criteria for e in published for s in ocop.criteria.sheets(edition=e))


@settings(max_examples=10)
@given(ost.scorecards(sheet=7, edition="26/2026"), ost.councils(sheet=26, edition=ocop.edition("26/2026"), max_size=3))
def test_the_apis_own_arguments(card, council):
    assert card.sheet is ocop.criteria.sheet(7, edition="26/2026")
    assert {c.sheet.code for c in council} == {26} and 1 <= len(council) <= 3


@pytest.mark.parametrize(
    "call",
    [
        lambda: ost.scorecards(sheet=99),
        lambda: ost.scorecards(sheet="7"),
        lambda: ost.scorecards(sheet=7, edition="1999/1"),
        lambda: ost.scorecards(sheet=7, edition="148/2023"),  # its tables are not published
        lambda: ost.scorecards(sheet=ocop.criteria.sheet(7, edition="26/2026"), edition="26/2026"),
        lambda: ost.sheets(edition="nope"),
        lambda: ost.councils(min_size=0),
        lambda: ost.councils(min_size=3, max_size=2),
        lambda: ost.councils(max_size=True),
        lambda: ost.grades(max_members=0),
        lambda: ost.certificates(min_date="2020-01-01"),
        lambda: ost.certificates(max_date=datetime.datetime(2030, 1, 1)),
        lambda: ost.certificates(min_date=datetime.date(2030, 1, 1), max_date=datetime.date(2020, 1, 1)),
        lambda: ost.portfolios(max_size=-1),
        lambda: ost.cycle_histories(max_events=-1),
    ],
)
def test_bad_arguments_fail_at_call_time(call):
    with pytest.raises(InvalidArgument):
        call()


@settings(max_examples=10)
@given(ost.cycle_histories(), ost.deadlines(), ost.rounds())
def test_cycle_values(history, deadline, round_):
    days = [e.on for e in history.events]
    assert days == sorted(days)
    assert isinstance(deadline, datetime.date) and deadline.rule and round_.rule


def test_unreachable_targets_are_not_plans():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    eliminated = ocop.Scorecard(sheet, {c.number: len(c.levels) - 1 for c in sheet.criteria}, eliminations=["1.1"])
    assert ost._plan_or_none(eliminated, 5) is None


@pytest.mark.parametrize(
    "name",
    ["council_rules", "procedures", "transitions", "dossiers", "dossier_events", "dossier_contents",
     "commune_checks", "work_calendars", "renewals", "revocations"],
)
def test_new_strategies_always_build_valid_values(name):
    # Each strategy builds through the library's own constructors, which check every
    # field: a draw that broke a rule (a renewal filed before the issue) would raise here.
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(getattr(ost, name)())
    def check(value):
        assert value is not None

    check()
