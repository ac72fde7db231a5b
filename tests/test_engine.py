"""The compiled grading engine equals the straightforward reference, field by field."""

from __future__ import annotations

import copy
import datetime
import itertools
import pickle
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reference_grading import reference_grade

import ocop
from ocop.criteria import Sheet
from ocop.criteria._model import NoteKind
from ocop.errors import InvalidValue, MixedScorecards
from ocop.grading._compiled import Compiled, compiled
from ocop.grading._engine import Details
from ocop.grading._result import DEFERRED, LAZY

SHEETS = (*ocop.criteria.sheets(edition="26/2026"), *ocop.criteria.sheets(edition="1048/2019"))
FIELDS = [a.name for a in attrs.fields(ocop.Grade)]
PUBLIC = [*FIELDS, "edition", "recognisable", "blocking", "not_assessed", "recognition", "reasons"]
DAYS = (None, datetime.date(2026, 5, 21), datetime.date(2026, 5, 22), datetime.date(2024, 3, 1))


def _choices(c: ocop.criteria.Criterion) -> list[int | None]:
    zero = any(lvl.value == 0 for lvl in c.levels)
    return [*range(len(c.levels)), *([] if zero else [None])]


def _noted(sheet: Sheet, kind: NoteKind) -> list[str]:
    return [c.number for c in sheet.criteria if any(n.kind is kind for n in c.notes)]


@st.composite
def _card(draw: st.DrawFn, sheet: Sheet, flags: bool, filed_on: datetime.date | None) -> ocop.Scorecard:
    levels = {c.number: draw(st.sampled_from(_choices(c))) for c in sheet.criteria}
    kw: dict[str, object] = {}
    if flags:
        grounds = [g.id for g in sheet.disqualification.grounds] if sheet.disqualification else []
        pick = [
            ("eliminations", [c.number for c in sheet.criteria if c.eliminates]),
            ("disqualifications", grounds),
            ("halts", _noted(sheet, NoteKind.HALT)),
            ("out_of_scope", _noted(sheet, NoteKind.SCOPE)),
        ]
        for name, allowed in pick:
            if allowed and draw(st.integers(0, 3)) == 0:
                kw[name] = draw(st.sets(st.sampled_from(allowed), min_size=1))
    evaluator = draw(st.sampled_from([None, "a", "b", "c"]))
    return ocop.Scorecard(sheet, levels, evaluator=evaluator, filed_on=filed_on, **kw)  # type: ignore[arg-type]


@st.composite
def _cases(draw: st.DrawFn) -> tuple[tuple[ocop.Scorecard, ...], ocop.Authority | None, ocop.CouncilRules | None]:
    sheet = draw(st.sampled_from(SHEETS))
    members = draw(st.sampled_from([1, 1, 1, 2, 3, 5, 7]))
    flags = draw(st.booleans())
    filed_on = draw(st.sampled_from(DAYS))
    cards = tuple(draw(_card(sheet, flags, filed_on)) for _ in range(members))
    allowed = sorted(set(sheet.edition.recognised_by.values()), key=list(ocop.Authority).index)
    council = draw(st.sampled_from([None, *allowed]))
    rules = draw(
        st.none()
        | st.builds(
            ocop.CouncilRules,
            max_spread=st.none() | st.integers(0, 30),
            min_members=st.none() | st.integers(1, 9),
        )
    )
    return cards, council, rules


def _same(got: ocop.Grade, want: ocop.Grade) -> None:
    for name in PUBLIC:
        assert getattr(got, name) == getattr(want, name), name
        assert type(getattr(got, name)) is type(getattr(want, name)), name
    assert got == want
    assert hash(got) == hash(want)
    assert repr(got) == repr(want)
    assert str(got) == str(want)


@given(_cases(), st.permutations(PUBLIC))
def test_engine_equals_the_reference(case, order) -> None:
    cards, council, rules = case
    want = reference_grade(cards if len(cards) > 1 else cards[0], council=council, rules=rules)
    got = ocop.grade(cards if len(cards) > 1 else cards[0], council=council, rules=rules)
    # Details are built on first access: read them in any order, then compare all.
    for name in order:
        getattr(got, name)
    _same(got, want)


@given(st.sampled_from(SHEETS).flatmap(lambda s: _card(s, False, None)))
def test_one_card_that_flags_nothing_takes_the_compiled_path(card) -> None:
    got = ocop.grade(card)
    assert type(got) is ocop.Grade
    # nothing is built before it is read: beside its sheet, band and star the grade
    # keeps one integer, and reading one detail builds that detail alone
    assert type(LAZY.__get__(got, ocop.Grade)) is int
    got.unmet  # noqa: B018
    details = LAZY.__get__(got, ocop.Grade)
    assert isinstance(details, Details)
    assert [name for name in DEFERRED if name in details.values] == ["unmet"]
    # star and band are decided before any detail is read
    want = reference_grade(card)
    assert (got.band, got.star) == (want.band, want.star)
    _same(got, want)
    assert ocop.grading.grade_many([card]) == [want]


def test_every_level_of_every_criterion_against_the_reference() -> None:
    # Exhaustive over single choices: each criterion at each of its levels, the rest at the top.
    for sheet in SHEETS:
        top = {c.number: len(c.levels) - 1 for c in sheet.criteria}
        for c in sheet.criteria:
            for index in _choices(c):
                card = ocop.Scorecard(sheet, {**top, c.number: index})
                _same(ocop.grade(card), reference_grade(card))


def test_card_in_any_key_order() -> None:
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    levels = {c.number: i % len(c.levels) for i, c in enumerate(sheet.criteria)}
    card = ocop.Scorecard(sheet, dict(reversed(levels.items())))
    _same(ocop.grade(card), reference_grade(card))
    _same(ocop.grade(card), ocop.grade(ocop.Scorecard(sheet, levels)))


def test_bands_are_contiguous() -> None:
    # What Compiled.band relies on: each band starts where the one below ends.
    for edition in ("26/2026", "1048/2019"):
        bands = sorted(ocop.edition(edition).bands, key=lambda b: b.star)
        assert bands[0].lower == 0
        assert bands[-1].upper == 100
        assert bands[-1].upper_inclusive
        assert all(low.upper == high.lower and not low.upper_inclusive for low, high in itertools.pairwise(bands))


def test_band_in_integers_matches_star_for() -> None:
    for edition in ("26/2026", "1048/2019"):
        plan = compiled(ocop.criteria.sheet(1, edition=edition))
        for members in (1, 2, 3, 7):
            for total in range(100 * members + 1):
                assert plan.band(total, members) == plan.sheet.edition.star_for(Fraction(total, members))


def test_compiled_once_per_sheet_and_rebuilt_for_another_object() -> None:
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    assert compiled(sheet) is compiled(sheet)
    twin = attrs.evolve(sheet)
    assert twin is not sheet
    assert compiled(twin) is not compiled(sheet)
    assert isinstance(compiled(twin), Compiled)


def test_cache_stays_bounded() -> None:
    from ocop.grading import _compiled

    sheet = ocop.criteria.sheet(7, edition="26/2026")
    twins = [attrs.evolve(sheet) for _ in range(300)]
    for twin in twins:
        compiled(twin)
    assert len(_compiled.CACHE) <= 256


def test_lazy_grade_copies_pickles_and_evolves() -> None:
    sheet = ocop.criteria.sheet(1, edition="26/2026")
    card = ocop.Scorecard(sheet, {c.number: 0 for c in sheet.criteria})
    g = ocop.grade(card)
    for other in (pickle.loads(pickle.dumps(g)), copy.copy(g), copy.deepcopy(g)):
        assert type(other) is ocop.Grade
        assert other == g == reference_grade(card)
    changed = attrs.evolve(ocop.grade(card), council=ocop.Authority.PROVINCE)
    assert changed.council is ocop.Authority.PROVINCE
    assert changed.unmet == g.unmet
    assert g != "a grade"
    assert {g: 1}[reference_grade(card)] == 1


def test_lazy_grade_is_frozen() -> None:
    sheet = ocop.criteria.sheet(1, edition="26/2026")
    g = ocop.grade(ocop.Scorecard(sheet, {c.number: 0 for c in sheet.criteria}))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        g.total = Fraction(1)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        g.star = None  # type: ignore[misc]


@given(st.lists(st.sampled_from(SHEETS).flatmap(lambda s: _card(s, True, None)), max_size=8))
def test_grade_many_grades_each_card_alone(cards) -> None:
    assert ocop.grading.grade_many(cards) == [reference_grade(c) for c in cards]
    assert ocop.grading.grade_many(iter(cards)) == [ocop.grade(c) for c in cards]


def test_grade_many_with_a_council_level() -> None:
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    card = ocop.Scorecard(sheet, {c.number: len(c.levels) - 1 for c in sheet.criteria})
    (g,) = ocop.grading.grade_many([card], council=ocop.Authority.PROVINCE)
    assert g == reference_grade(card, council=ocop.Authority.PROVINCE)
    assert g.recognition.candidate


@pytest.mark.parametrize("junk", [None, 3, "cards", b"x", {"a": 1}, [1], [None]])
def test_grade_many_refuses_junk(junk) -> None:
    with pytest.raises(InvalidValue) as info:
        ocop.grading.grade_many(junk)
    assert info.value.field == "scorecards"


def test_grade_many_refuses_a_bad_council() -> None:
    with pytest.raises(InvalidValue):
        ocop.grading.grade_many([], council="province")  # type: ignore[arg-type]


def test_council_with_mixed_filing_dates_is_refused_as_before() -> None:
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    levels = {c.number: 0 for c in sheet.criteria}
    cards = [ocop.Scorecard(sheet, levels, filed_on=d) for d in DAYS[1:3]]
    with pytest.raises(MixedScorecards):
        ocop.grade(cards)


def _points_of(c: ocop.criteria.Criterion) -> list[object]:
    return sorted({lvl.value for lvl in c.levels} | {0})


@st.composite
def _points(draw: st.DrawFn) -> tuple[Sheet, dict[object, object]]:
    sheet = draw(st.sampled_from(SHEETS))
    points: dict[object, object] = {c.number: draw(st.sampled_from(_points_of(c))) for c in sheet.criteria}
    if draw(st.integers(0, 3)) == 0:
        # mutate: a junk value, a missing or extra key, or another key order
        number = draw(st.sampled_from(list(points)))
        how = draw(st.sampled_from(["value", "drop", "extra", "order"]))
        if how == "value":
            points[number] = draw(st.sampled_from([True, False, 2.0, "3", None, -1, 7, 99]))
        elif how == "drop":
            del points[number]
        elif how == "extra":
            points[draw(st.sampled_from(["99.9", 3, None]))] = 0
        else:
            points = dict(reversed(points.items()))
    return sheet, points


@given(_points())
def test_grade_points_equals_the_reference(case) -> None:
    sheet, points = case
    try:
        card = ocop.Scorecard.from_points(sheet, points)  # type: ignore[arg-type]
    except ocop.errors.OcopError as exc:
        with pytest.raises(type(exc)):
            ocop.grade_points(int(sheet.code), points, edition=sheet.edition)  # type: ignore[arg-type]
        return
    want = reference_grade(card)
    _same(ocop.grade_points(int(sheet.code), points, edition=sheet.edition.code), want)  # type: ignore[arg-type]
    _same(ocop.grade_points(int(sheet.code), points, edition=sheet.edition), want)  # type: ignore[arg-type]


def test_grade_points_with_the_default_edition_and_another_edition_object() -> None:
    sheet = ocop.criteria.sheet(3, edition=ocop.edition_in_force(datetime.date.today()))
    points = {c.number: c.max_points for c in sheet.criteria}
    want = reference_grade(ocop.Scorecard.from_points(sheet, points))
    _same(ocop.grade_points(3, points), want)
    twin = attrs.evolve(sheet.edition)
    # an equal Edition object is resolved again, to the same packaged sheet
    _same(ocop.grade_points(3, points, edition=twin), want)
    _same(ocop.grade_points(3, points, edition=sheet.edition), want)
