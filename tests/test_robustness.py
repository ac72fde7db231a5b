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
from ocop.io import demo_council
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
    with pytest.raises(InvalidValue):
        ocop.criteria.sheet_from_json("[" * 1_000_000)
    with pytest.raises(InvalidValue):
        ocop.criteria.sheet_from_json(" " * (ocop.criteria._load.MAX_SHEET_BYTES + 1))


def test_grading_is_thread_safe():
    cards = [c for c in demo_council()] * 50
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
        ocop.Scorecard(sheet, demo_council()[0].levels, evaluator=True)  # type: ignore[arg-type]


def test_small_leftovers():
    h = ocop.cycle.CycleHistory().record(ocop.cycle.CycleStep.IDEAS, datetime.date(2026, 1, 1))
    assert h.can_record(ocop.cycle.CycleStep.BUSINESS_PLANS)
    plan = ocop.advise(demo_council()[1], ocop.Star.FOUR)
    assert plan.changes[0].points_gained == 2
    assert str(ocop.advise(demo_council()[0], ocop.Star.FOUR)) == "already 4★: nothing to change"
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


# --- issue 13: strict, bounded and consistent ------------------------------------------


def test_issue_examples_for_grading():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    top = {c.number: c.max_points for c in sheet.criteria}
    with pytest.raises(InvalidValue) as info:
        ocop.grade_points(7, top, edition="26/2026", eliminations=[["x"]])
    assert info.value.field == "eliminations"
    g = ocop.grade(demo_council()[1])
    for bad in (7, 0, True, "5", None, 4.0):
        with pytest.raises(InvalidValue):
            g.points_short_of(bad)
        with pytest.raises(InvalidValue):
            g.missing_for(bad)
    assert g.points_short_of(5) == 90 - g.total and g.missing_for(ocop.Star.FOUR)
    for bad in (None, 3, [["x"]], [1]):
        with pytest.raises(InvalidValue) as info:
            ocop.advise(demo_council()[0], 4, fixed=bad)
        assert info.value.field == "fixed"


def test_huge_numbers_are_refused_before_arithmetic():
    from decimal import Decimal
    from fractions import Fraction

    edition = ocop.edition("26/2026")
    for bad in (Decimal("1e-100000000"), Decimal("1e100000000"), Fraction(1, 10**400), 10**10000):
        with pytest.raises(ocop.errors.InvalidTotal) as info:
            edition.star_for(bad)
        assert len(str(info.value)) < 400
    assert edition.star_for(Decimal("0E-70")) == ocop.Star.ONE and edition.star_for(Decimal("5E+1")) == ocop.Star.THREE


def _grade_variants():
    from fractions import Fraction

    g = ocop.grade(demo_council())
    cp = dict(g.criterion_points)
    first = next(iter(cp))
    from ocop._frozen import FrozenMap
    from ocop.grading import Disqualified, Eliminated

    elim = ocop.grade(ocop.Scorecard(demo_council()[0].sheet, demo_council()[0].levels, eliminations=["1.1"]))
    return g, elim, {
        "members": attrs.evolve(g, members=0),
        "criteria keys": attrs.evolve(g, criterion_points=FrozenMap({k: v for k, v in cp.items() if k != first})),
        "criterion over max": attrs.evolve(g, criterion_points=FrozenMap({**cp, first: cp[first] + 100})),
        "section sums": attrs.evolve(g, section_points=FrozenMap({k: v + 1 for k, v in g.section_points.items()})),
        "part sums": attrs.evolve(g, part_points=FrozenMap({k: v + 1 for k, v in g.part_points.items()})),
        "total": attrs.evolve(g, total=g.total + 1),
        "criterion not a multiple": attrs.evolve(g, criterion_points=FrozenMap({**cp, first: cp[first] + Fraction(1, 7)})),
        "disqualified by nobody": attrs.evolve(elim, disqualified=(Disqualified("forged-dossier", "x", ()),)),
        "band": attrs.evolve(g, band=ocop.Star.FIVE),
        "star over band": attrs.evolve(g, star=ocop.Star.FIVE),
        "star": attrs.evolve(g, star=ocop.Star.ONE),
        "unmet": attrs.evolve(g, unmet=()),
        "star while eliminated": attrs.evolve(elim, star=elim.band),
        "eliminated without rule": attrs.evolve(elim, eliminated=(Eliminated("1.2", "x", ("a",)),)),
        "eliminated without evaluators": attrs.evolve(elim, eliminated=(attrs.evolve(elim.eliminated[0], evaluators=()),)),
        "unknown ground": attrs.evolve(elim, disqualified=(Disqualified("nope", "x", ("a",)),)),
        "elimination text": attrs.evolve(elim, eliminated=(attrs.evolve(elim.eliminated[0], text_vi="x"),)),
        "ground text": attrs.evolve(elim, disqualified=(Disqualified("forged-dossier", "x", ("a",)),)),
    }


@pytest.mark.parametrize("name", sorted(_grade_variants()[2]))
def test_inconsistent_grades_are_refused(name):
    from ocop.grading._verify import verify_grade

    g, elim, variants = _grade_variants()
    assert verify_grade(g) is g and verify_grade(elim) is elim
    card = demo_council()[0]
    rejected = ocop.grade(ocop.Scorecard(card.sheet, card.levels, disqualifications=["forged-dossier"]))
    assert verify_grade(rejected) is rejected
    with pytest.raises(ocop.errors.InconsistentData) as info:
        verify_grade(variants[name])
    assert info.value.field and info.value.allowed


def test_file_reading_is_bounded(tmp_path):
    import os

    from ocop._strict import read_file

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", tmp_path, tmp_path / "missing.json", "a\x00b"):
        with pytest.raises(InvalidValue) as info:
            ocop.criteria.load_sheet(path)
        assert info.value.field == "path"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 11)
    with pytest.raises(InvalidValue, match="too large"):
        read_file(big, limit=10)
    with pytest.raises(InvalidValue, match="too large"):  # /proc reports size 0, then has more
        read_file("/proc/self/status", limit=10)
    locked = tmp_path / "locked.json"
    locked.write_bytes(b"{}")
    real_open = open

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import builtins

    builtins.open = refuse
    try:
        with pytest.raises(InvalidValue, match="Permission denied"):
            read_file(locked, limit=10)
    finally:
        builtins.open = real_open
    good = tmp_path / "sheet.json"
    good.write_text(json.dumps(_raw(7)), encoding="utf-8")
    assert ocop.criteria.load_sheet(good) == ocop.criteria.sheet(7, edition="26/2026")
    text = json.dumps(_raw(7), ensure_ascii=False)
    for content in (text.encode("utf-16"), text.encode("cp1258", "replace"), text.encode()[:-1] + b"\xff"):
        good.write_bytes(content)
        with pytest.raises(InvalidValue, match="not UTF-8"):
            ocop.criteria.load_sheet(good)


def test_sheet_files_are_strict():
    for where, bad in [
        (lambda d: _crit(d, "1.1")[0]["levels"][0], {"printed": "false"}),
        (lambda d: _crit(d, "1.1")[0], {"max_points": 5.9}),
        (lambda d: _crit(d, "1.1")[0]["levels"][1], {"points": True}),
        (lambda d: d["provenance"], {"signed_on": "20260522"}),
        (lambda d: d, {"edition": 26}),
        (lambda d: d, {"parts": "ABC"}),
        (lambda d: _crit(d, "1.1")[0], {"number": "1.1\u200b"}),
        (lambda d: _crit(d, "1.1")[0], {"number": "\u0661.1"}),
        (lambda d: _crit(d, "1.1")[1], {"number": "\u200f1"}),
        (lambda d: d["disqualification"]["grounds"][0], {"id": "forged\u200bdossier"}),
        (lambda d: d["parts"][0]["sections"][0], {"criteria": [7]}),
    ]:
        data = copy.deepcopy(_raw(7))
        where(data).update(bad)
        with pytest.raises(ocop.errors.SheetFormatError) as info:
            ocop.criteria.sheet_from_json(json.dumps(data))
        assert info.value.errors() and all(e["loc"] for e in info.value.errors())
    for group, case in [("6.1\u200b", None), (None, "\u0430")]:
        data = copy.deepcopy(_raw(11 if group else 26))
        target = _crit(data, "6.1.1" if group else "8")[0]
        if group:
            target["group"] = group
        else:
            target["cases"][0]["key"] = case
        with pytest.raises(ocop.errors.SheetFormatError):
            ocop.criteria.sheet_from_json(data)
    with pytest.raises(InvalidValue, match="duplicate key"):
        ocop.criteria.sheet_from_json('{"format": 1, "format": 1}')


def test_two_sections_with_one_number_are_refused():
    data = copy.deepcopy(_raw(7))
    part = data["parts"][0]
    part["sections"][1]["number"] = part["sections"][0]["number"]
    for c in part["sections"][1]["criteria"]:
        c["number"] = part["sections"][0]["number"] + ".9" + c["number"][-1]
    with pytest.raises(SheetIntegrityError, match="section number is used twice"):
        ocop.criteria.sheet_from_json(data)


def test_converter_fallbacks():
    import cattrs

    from ocop._strict import describe
    from ocop.serialization import configure_converter, format_error, make_converter

    class Odd:
        pass

    conv = make_converter()
    conv.register_structure_hook(Odd, lambda v, _: int(v))
    with pytest.raises(ocop.errors.InvalidData) as info:
        conv.structure("x", Odd)
    assert info.value.errors()[0]["type"] == "InvalidValue"
    with pytest.raises(InvalidValue) as info:
        conv.structure({}, Odd.__init__)
    assert info.value.field == "cl"
    assert describe((), ValueError(""))["msg"] == "ValueError"
    plain = cattrs.Converter(detailed_validation=True)
    configure_converter(plain)
    with pytest.raises(cattrs.BaseValidationError) as group:
        plain.structure({"sheet": {"edition": "26/2026", "code": 7}, "levels": 3}, ocop.Scorecard)
    assert format_error(group.value) == ["$.levels: Invalid value. expected an object (got 3; allowed: a JSON object)"]
    with pytest.raises(ocop.errors.SheetFormatError):
        ocop.criteria._load.structure_sheet({"edition": 26})
    assert ocop.errors._repr(10**2000).startswith("<an integer of") and len(ocop.errors._repr("x" * 999)) == 200
    assert ocop.errors.InvalidData([]).errors() == []
    with pytest.raises(InvalidValue):
        ocop.serialization.export_sheet("7")
    with pytest.raises(InvalidValue):
        ocop.serialization.dumps({"a": float("nan")})


def test_private_indexes_are_read_only():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    sheet.criterion("1.1")
    with pytest.raises(TypeError):
        sheet._index["1.1"] = None
    c = ocop.criteria.classification(edition="26/2026")
    c.entry(7)
    with pytest.raises(TypeError):
        c._by_sheet[7] = None
    m = ocop._frozen.FrozenMap({"a": 1})
    with pytest.raises(TypeError):
        m._data["a"] = 2  # type: ignore[index]
    assert m == {"a": 1} and sheet.criterion("1.1").number == "1.1"


def test_cli_input_bounds(capsys, tmp_path):
    import io

    from ocop.__main__ import main

    binary = io.TextIOWrapper(io.BytesIO(b'{"sheet": 7, "points": {"1.1": "\xff"}}'), encoding="utf-8")
    assert main(["grade", "-"], stdin=binary) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["certificate", "-", "--on", "2026-01-01"], stdin=io.StringIO("[]")) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "expected an object" in err
    assert main(["certificate", "-", "--on", "20260101"], stdin=io.StringIO("{}")) == 2
    assert "--on" in capsys.readouterr().err
    from types import MappingProxyType

    assert ocop.criteria.sheet_from_json(MappingProxyType(_raw(7))) == ocop.criteria.sheet(7, edition="26/2026")


def test_council_caveat_once_and_short_values():
    from ocop._strict import _short

    sheet = ocop.criteria.sheet(7, edition="26/2026")
    blank = next(i for i, lvl in enumerate(sheet.criterion("1.2").levels) if lvl.assumed_points is not None)
    card = demo_council()[0].with_level("1.2", blank)
    g = ocop.grade([card, card])
    assert len([c for c in g.caveats if c.startswith("criterion 1.2")]) == 1
    assert _short(list(range(100))) == "<list of 100 items>" and _short([1]) == [1]
