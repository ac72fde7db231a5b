"""Junk input across the public API: a typed error or a correct answer, never anything else."""

from __future__ import annotations

import concurrent.futures
import copy
import datetime
import inspect
import json
import math
import time

import attrs
import pytest

import ocop
import ocop.certificates
import ocop.criteria
import ocop.cycle
import ocop.grading
import ocop.io
import ocop.io.plot
import ocop.labels
import ocop.serialization
from ocop._demo import demo_scorecards
from ocop.criteria._classification import check_classification
from ocop.errors import InvalidValue, OcopError, SheetIntegrityError, UnknownGroup

JUNK = [
    None, math.nan, math.inf, -math.inf, -1, 10**30, 0, True, False, "", "\udcff", "💩", b"\xff", "26/2026 ",
    "99.9", "1.1", [], {}, {"a": {"b": {"c": [[[[]]]]}}}, object(), 3.5, datetime.datetime(2026, 6, 1),
    datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC), (), frozenset(),
]

MODULES = [ocop, ocop.criteria, ocop.cycle, ocop.grading, ocop.certificates, ocop.serialization, ocop.labels, ocop.io,
           ocop.io.plot]


def public_functions():
    seen = set()
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and obj not in seen:
                seen.add(obj)
                yield f"{module.__name__}.{name}", obj


# Functions whose non-raising contract is part of the API: they must never raise.
NEVER_RAISE = {"ocop.cycle.in_reevaluation_window"}
# Functions that legitimately accept anything (documented): they return a value.
ACCEPT_ANY = {"ocop.labels.get_language"}
# Documented built-in errors besides OcopError.
BUILTINS = {"ocop.criteria.load_sheet": OSError}


@pytest.mark.parametrize(("name", "fn"), list(public_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_junk_gives_a_typed_error_or_an_answer(name, fn):
    params = [p for p in inspect.signature(fn).parameters.values()
              if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if not params and name not in ACCEPT_ANY:
        params = [p for p in inspect.signature(fn).parameters.values() if p.kind is p.KEYWORD_ONLY][:1]
    for junk in JUNK:
        args = [junk] * len(params)
        try:
            if params and params[0].kind is inspect.Parameter.KEYWORD_ONLY:
                fn(**{params[0].name: junk})
            else:
                fn(*args)
        except OcopError as exc:
            assert name not in NEVER_RAISE, f"{name} raised {exc!r}"
            assert isinstance(exc, (ValueError, LookupError)), f"{name}: {type(exc).__name__} has no built-in"
        except BUILTINS.get(name, ()) as exc:  # type: ignore[misc]
            assert isinstance(exc, BUILTINS[name])
        except Exception as exc:  # noqa: BLE001 - the point is to catch anything else
            pytest.fail(f"{name}({junk!r}) raised {type(exc).__name__}: {exc}")


CLASSES = [ocop.Scorecard, ocop.Certificate, ocop.Portfolio, ocop.cycle.CycleEvent, ocop.cycle.CycleHistory]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_constructors_refuse_junk_with_typed_errors(cls):
    required = [f for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    for junk in JUNK:
        try:
            cls(*([junk] * len(required)))
        except OcopError:
            pass
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"{cls.__name__}({junk!r}) raised {type(exc).__name__}: {exc}")


def test_non_raising_partners_never_raise():
    h = ocop.cycle.CycleHistory()
    d = ocop.cycle.Dossier.file(datetime.date(2026, 6, 1), edition="26/2026")
    p = ocop.cycle.procedure("26/2026")
    cert = ocop.Certificate(code="04-01234-1-2026", product="x", producer="y", producer_type=ocop.ProducerType.SME,
                            sheet=7, star=3, issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 1))
    for junk in JUNK:
        assert h.can_record(junk) in (True, False)
        assert h.can_record(ocop.cycle.CycleStep.IDEAS, junk) in (True, False)
        assert d.can_apply(junk) is False
        assert d.can_apply(ocop.cycle.Action.FORWARD, junk) in (True, False)
        assert p.can(junk, junk) is False and p.allowed(junk) == ()
        assert cert.is_valid_on(junk) is False
        assert ocop.cycle.in_reevaluation_window(junk, junk) is False


def test_numbers_as_strings_and_bools_are_refused():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    top = {c.number: c.max_points for c in sheet.criteria}
    for bad in ("5", True, 5.0, None):
        with pytest.raises(InvalidValue):
            ocop.grade_points(7, {**top, "6.5": bad}, edition="26/2026")


def test_reference_data_cannot_be_mutated():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sheet.parts[0].max_points = 99  # type: ignore[misc]
    with pytest.raises(AttributeError):
        sheet.parts[0].sections[0].criteria.append(None)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        ocop.edition("26/2026").part_max["A"] = 1  # type: ignore[index]
    editions = ocop.editions()
    assert isinstance(editions, tuple)
    assert ocop.criteria.sheet(7, edition="26/2026").parts[0].max_points == 40


def test_hostile_sheet_files_fail_fast():
    start = time.perf_counter()
    with pytest.raises(InvalidValue):
        ocop.criteria.sheet_from_json("[" * 1_000_000)
    with pytest.raises(InvalidValue):
        ocop.criteria.sheet_from_json(" " * (ocop.criteria._load.MAX_SHEET_BYTES + 1))
    assert time.perf_counter() - start < 5  # generous: a guard against quadratic blow-ups, not a benchmark


def test_grading_is_thread_safe():
    cards = [c for c in demo_scorecards()] * 50
    serial = [ocop.grade(c) for c in cards]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(ocop.grade, cards))
    assert parallel == serial
    days = [datetime.date(2031, 1, 1) + datetime.timedelta(days=i) for i in range(60)]
    serial_days = [ocop.cycle.add_working_days(d, 15) for d in days]
    ocop.cycle._calendar._year.cache_clear()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda d: ocop.cycle.add_working_days(d, 15), days)) == serial_days


# --- remaining branches ----------------------------------------------------------------


def test_frozen_map_details():
    m = ocop._frozen.FrozenMap({"a": 1})
    assert (m == 3) is False and m != [("a", 1)]
    assert repr(m) == "FrozenMap({'a': 1})"
    assert m == ocop._frozen.FrozenMap({"a": 1}) and hash(m) == hash(ocop._frozen.FrozenMap({"a": 1}))


def test_classification_lookups_and_checks():
    c = ocop.criteria.classification(edition="26/2026")
    for bad in (27, True, "7"):
        with pytest.raises(UnknownGroup):
            c.entry(bad)  # type: ignore[arg-type]
    for bad in ("I.9", 7, "fish"):
        with pytest.raises(UnknownGroup):
            c.sheet_for(bad)  # type: ignore[arg-type]
    sectors = list(c.sectors)
    g = sectors[0].groups[0]
    broken = attrs.evolve(c, sectors=(attrs.evolve(sectors[0], groups=(attrs.evolve(g, sheet=1),
                                                                     *sectors[0].groups[1:])), *sectors[1:]))
    with pytest.raises(SheetIntegrityError):
        check_classification(broken)
    sub = g.subgroups[0]
    gap = attrs.evolve(c, sectors=(attrs.evolve(sectors[0], groups=(attrs.evolve(g, subgroups=(
        attrs.evolve(sub, sheet=99), *g.subgroups[1:])), *sectors[0].groups[1:])), *sectors[1:]))
    with pytest.raises(SheetIntegrityError):
        check_classification(gap)


def _crit(data, number):
    for part in data["parts"]:
        for section in part["sections"]:
            for c in section["criteria"]:
                if c["number"] == number:
                    return c, section
    raise KeyError(number)


def _raw(code):
    return ocop.serialization.export_sheet(ocop.criteria.sheet(code, edition="26/2026"))


MORE_CORRUPTIONS = {
    "unknown subsection": (11, lambda d: _crit(d, "6.1.1")[0].update(group="6.9")),
    "outside subsection": (11, lambda d: _crit(d, "6.2.1")[0].update(group="6.1")),
    "subsection sum": (11, lambda d: _crit(d, "6.1.1")[1]["subsections"][0].update(max_points=5)),
    "case unknown": (26, lambda d: _crit(d, "8")[0]["levels"][0].update(case="z")),
    "case missing": (26, lambda d: _crit(d, "8")[0]["levels"][0].update(case=None)),
    "star in case": (26, lambda d: _crit(d, "8")[0]["levels"][1].update(star=3)),
    "empty case": (26, lambda d: _crit(d, "8")[0]["cases"].append({"key": "c", "text_vi": "c", "text_en": "c"})),
    "leaf section with a second criterion": (7, lambda d: _crit(d, "7")[1]["criteria"].append(
        dict(copy.deepcopy(_crit(d, "7")[0]), number="7.1", max_points=0,
             levels=[dict(_crit(d, "7")[0]["levels"][0], points=0, star=None)]))),
}


@pytest.mark.parametrize("name", sorted(MORE_CORRUPTIONS))
def test_more_integrity_checks(name):
    code, corrupt = MORE_CORRUPTIONS[name]
    data = copy.deepcopy(_raw(code))
    corrupt(data)
    with pytest.raises(SheetIntegrityError):
        ocop.criteria.sheet_from_json(json.dumps(data))


def test_bools_are_not_strings_or_ints():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    with pytest.raises(InvalidValue):
        ocop.Scorecard(sheet, demo_scorecards()[0].levels, evaluator=True)  # type: ignore[arg-type]


def test_small_leftovers():
    h = ocop.cycle.CycleHistory().record(ocop.cycle.CycleStep.IDEAS, datetime.date(2026, 1, 1))
    assert h.can_record(ocop.cycle.CycleStep.BUSINESS_PLANS)
    plan = ocop.advise(demo_scorecards()[1], ocop.Star.FOUR)
    assert plan.changes[0].points_gained == 2
    assert str(ocop.advise(demo_scorecards()[0], ocop.Star.FOUR)) == "already 4★: nothing to change"
    import ocop.strategies as ost

    from hypothesis import given

    @given(ost.editions())
    def check(edition):
        assert edition in ocop.editions()

    check()


def test_portfolio_to_frame():
    pd = pytest.importorskip("pandas")
    cert = ocop.Certificate(code="04-01234-1-2026", product="x", producer="y", producer_type=ocop.ProducerType.SME,
                            sheet=7, star=3, issued_by=ocop.Authority.PROVINCE, issued_on=datetime.date(2026, 6, 1))
    frame = ocop.Portfolio([cert]).to_frame()
    # Dates as datetime64, stars as nullable integers (issue #14).
    assert str(frame["star"].dtype) == "Int64" and list(frame["star"]) == [3]
    assert str(frame["valid_until"].dtype).startswith("datetime64")
    assert frame["valid_until"][0] == pd.Timestamp(2029, 6, 1) and frame["revoked_on"].isna().all()
