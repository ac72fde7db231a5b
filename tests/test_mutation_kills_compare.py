"""Behaviour of comparing sheets, the classification and the sheet model (ocop/criteria/_compare.py,
_classification.py, _model.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules and contracts (articles cited), not read from the library.
"""

from __future__ import annotations

import attrs
import pytest

import ocop
from ocop import Star
from ocop.criteria import Change, ChangeKind, compare
from ocop.criteria._classification import ProductGroup, Sector, Subgroup, check_classification
from ocop.criteria._model import Case, Criterion, Level, Part, Section
from ocop.errors import InvalidValue, SheetIntegrityError, UnknownCriterion

BASE = ocop.criteria.sheet(1, edition="26/2026")


def _level(points: int, text: str, star: Star | None = None, case: str | None = None) -> Level:
    return Level(text_vi=text, text_en="", points=points, assumed_points=None, star=star, printed=True, case=case)


def _criterion(number: str, name: str, *levels: Level, max_points: int | None = None, cases=()) -> Criterion:
    top = max(lvl.value for lvl in levels) if max_points is None else max_points
    return Criterion(number, name, "", None, top, (), tuple(levels), None, tuple(cases))


def _sheet(*criteria: Criterion):
    """A one-section sheet holding just these criteria (edition, provenance and names of sheet 1 of 26/2026)."""
    section = Section("1", "THỬ", "TEST", sum(c.max_points for c in criteria), (), tuple(criteria))
    return attrs.evolve(BASE, parts=(Part("A", "Phần A", "Part A", section.max_points, (section,)),))


ORIGIN = _criterion("1.1", "Nguồn gốc sản phẩm", _level(0, "Không rõ"), _level(1, "Trong tỉnh"), _level(3, "Tại xã"))


# --- the arguments ---------------------------------------------------------------------


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("junk", [None, 7, "sheet", BASE.criteria[0], [BASE]])
def test_compare_names_the_argument_that_is_not_a_sheet(position, junk):
    args = {"before": BASE, "after": BASE, position: junk}
    with pytest.raises(InvalidValue) as info:
        compare(**args)
    assert info.value.field == position
    assert info.value.value is junk
    assert info.value.allowed == "an ocop.criteria.Sheet"


# --- one change at a time, on sheets built by hand --------------------------------------


def test_one_level_given_other_points():
    # The middle level of 1.1 scores 2 instead of 1: the ladder 0, 1, 3 becomes 0, 2, 3, texts unchanged.
    after = _criterion("1.1", "Nguồn gốc sản phẩm", _level(0, "Không rõ"), _level(2, "Trong tỉnh"), _level(3, "Tại xã"))
    diff = compare(_sheet(ORIGIN), _sheet(after))
    expected = Change(ChangeKind.LEVELS_CHANGED, "1.1", "1.1", "Nguồn gốc sản phẩm", "points 0, 1, 3 → 0, 2, 3")
    assert diff.changes == (expected,)
    assert diff.matched == (("1.1", "1.1"),)
    assert str(diff) == (
        "sheet 1 of 26/2026 (Rau, củ, quả, hạt tươi) → sheet 1 of 26/2026 (Rau, củ, quả, hạt tươi): "
        "1 criteria matched, 1 changes\n"
        "- levels changed: 1.1 Nguồn gốc sản phẩm (points 0, 1, 3 → 0, 2, 3)"
    )


def test_one_level_reworded_with_the_same_points():
    after = _criterion("1.1", "Nguồn gốc sản phẩm", _level(0, "Không rõ"), _level(1, "Ngoài tỉnh"), _level(3, "Tại xã"))
    diff = compare(_sheet(ORIGIN), _sheet(after))
    detail = "points 0, 1, 3 → 0, 1, 3; level texts changed"
    assert diff.changes == (Change(ChangeKind.LEVELS_CHANGED, "1.1", "1.1", "Nguồn gốc sản phẩm", detail),)


def test_level_texts_differing_only_in_case_and_punctuation_are_the_same():
    after = _criterion(
        "1.1", "Nguồn gốc sản phẩm", _level(0, "không rõ."), _level(1, "TRONG  tỉnh"), _level(3, "Tại xã")
    )
    diff = compare(_sheet(ORIGIN), _sheet(after))
    assert diff.changes == ()
    assert diff.matched == (("1.1", "1.1"),)


def test_ladders_of_criteria_with_cases_name_the_case_of_each_level():
    # "Lựa chọn một trong hai trường hợp": levels of case a score 1, 2; of case b 0, 1 (3.2 of 1048/2019's
    # sheets); here case b's top level is made to score 2.
    cases = (Case("a", "Trường hợp 1", "Case 1"), Case("b", "Trường hợp 2", "Case 2"))

    def community(b_top: int) -> Criterion:
        return _criterion(
            "3.2", "Sự tham gia của cộng đồng",
            _level(1, "a1", case="a"), _level(2, "a2", case="a"),
            _level(0, "b0", case="b"), _level(b_top, "b1", case="b"),
            max_points=2, cases=cases,
        )  # fmt: skip

    diff = compare(_sheet(community(1)), _sheet(community(2)))
    detail = "points a:1, a:2, b:0, b:1 → a:1, a:2, b:0, b:2"
    assert diff.changes == (Change(ChangeKind.LEVELS_CHANGED, "3.2", "3.2", "Sự tham gia của cộng đồng", detail),)


def test_a_dropped_case_is_a_change_of_ladder():
    # Same points in the same order, but the levels no longer belong to cases.
    cases = (Case("a", "Trường hợp 1", "Case 1"), Case("b", "Trường hợp 2", "Case 2"))
    before = _criterion("3.2", "Cộng đồng", _level(0, "x", case="a"), _level(1, "y", case="b"), cases=cases)
    after = _criterion("3.2", "Cộng đồng", _level(0, "x"), _level(1, "y"))
    diff = compare(_sheet(before), _sheet(after))
    assert diff.changes == (Change(ChangeKind.LEVELS_CHANGED, "3.2", "3.2", "Cộng đồng", "points a:0, b:1 → 0, 1"),)


@pytest.mark.parametrize(
    ("old_max", "new_max", "detail"),
    [(3, 2, "3 → 2 points"), (2, 1, "2 → 1 point"), (1, 3, "1 → 3 points")],
)
def test_another_maximum_is_reweighted(old_max, new_max, detail):
    # Only the printed maximum changes; the levels stay 0, 1.
    before = _criterion("2.1", "Ý tưởng", _level(0, "x"), _level(1, "y"), max_points=old_max)
    after = _criterion("2.1", "Ý tưởng", _level(0, "x"), _level(1, "y"), max_points=new_max)
    diff = compare(_sheet(before), _sheet(after))
    assert diff.changes == (Change(ChangeKind.REWEIGHTED, "2.1", "2.1", "Ý tưởng", detail),)


def test_renamed_keeps_both_numbers_and_the_old_name():
    after = attrs.evolve(ORIGIN, name_vi="Nguồn nguyên liệu")
    diff = compare(_sheet(ORIGIN), _sheet(after))
    renamed = Change(ChangeKind.RENAMED, "1.1", "1.1", "Nguồn nguyên liệu", "was Nguồn gốc sản phẩm")
    assert diff.changes == (renamed,)
    assert str(renamed) == "renamed: 1.1 Nguồn nguyên liệu (was Nguồn gốc sản phẩm)"


def test_renumbered_has_no_detail():
    other = _criterion("1.1", "Vùng nguyên liệu", _level(0, "k"), _level(2, "c"))
    after = attrs.evolve(ORIGIN, number="1.2")
    diff = compare(_sheet(ORIGIN), _sheet(other, after))
    assert diff.matched == (("1.1", "1.2"),)
    assert diff.changes == (
        Change(ChangeKind.ADDED, None, "1.1", "Vùng nguyên liệu", "2 points"),
        Change(ChangeKind.RENUMBERED, "1.1", "1.2", "Nguồn gốc sản phẩm", ""),
    )
    assert [str(c) for c in diff.changes] == [
        "added: 1.1 Vùng nguyên liệu (2 points)",
        "renumbered: 1.1 → 1.2 Nguồn gốc sản phẩm",
    ]


@pytest.mark.parametrize(("top", "points"), [(1, "1 point"), (2, "2 points"), (0, "0 points"), (5, "5 points")])
def test_added_and_removed_criteria_carry_their_maximum(top, points):
    extra = _criterion("1.9", "Năng lượng", *(_level(p, f"mức {p}") for p in range(top + 1)))
    added = compare(_sheet(ORIGIN), _sheet(ORIGIN, extra))
    assert added.changes == (Change(ChangeKind.ADDED, None, "1.9", "Năng lượng", points),)
    removed = compare(_sheet(ORIGIN, extra), _sheet(ORIGIN))
    assert removed.changes == (Change(ChangeKind.REMOVED, "1.9", None, "Năng lượng", points),)
    assert str(removed.changes[0]) == f"removed: 1.9 Năng lượng ({points})"


def test_starred_minima_added():
    # 6.5 "Vị" of sheet 7 of 26/2026 prints 0, 1, 3 (marked ****) and 5 (marked *****).
    texts = ("Không", "Có", "Tốt", "Rất tốt")
    plain = _criterion("6.5", "Vị", *(_level(p, t) for p, t in zip((0, 1, 3, 5), texts, strict=True)))
    starred = _criterion(
        "6.5",
        "Vị",
        *(_level(p, t, s) for p, t, s in zip((0, 1, 3, 5), texts, (None, None, Star.FOUR, Star.FIVE), strict=True)),
    )
    diff = compare(_sheet(plain), _sheet(starred))
    assert diff.changes == (Change(ChangeKind.MINIMA_ADDED, "6.5", "6.5", "Vị", "4★ at 3, 5★ at 5"),)
    # Minima only reported where the first sheet had none.
    assert compare(_sheet(starred), _sheet(starred)).changes == ()
    assert compare(_sheet(starred), _sheet(plain)).changes == ()


# --- the printed sheets ----------------------------------------------------------------


def test_added_value_from_1048_to_26_2026_sheet_1():
    # 1048/2019 sheet 1, "1.2. Gia tăng giá trị", 3 points: Phân loại 0, Sơ chế 1, công nghệ cao 2 / 3.
    # 26/2026 sheet 1, "1.3. Gia tăng giá trị", 3 points: Sơ chế thủ công 1, máy móc 2, công nghệ
    # tiên tiến 3 marked *****.  The 26/2026 "1.2. Vùng nguyên liệu được cấp chứng nhận chất lượng"
    # (2 points) is new; 1048's "1.6. Sử dụng năng lượng, công nghệ thân thiện bền vững trong SX"
    # (1 point) is gone.
    diff = compare(ocop.criteria.sheet(1, edition="1048/2019"), BASE)
    name = "Gia tăng giá trị"
    assert ("1.2", "1.3") in diff.matched
    assert [c for c in diff.changes if c.after == "1.3"] == [
        Change(ChangeKind.RENUMBERED, "1.2", "1.3", name, ""),
        Change(ChangeKind.LEVELS_CHANGED, "1.2", "1.3", name, "points 0, 1, 2, 3 → 1, 2, 3; level texts changed"),
        Change(ChangeKind.MINIMA_ADDED, "1.2", "1.3", name, "5★ at 3"),
    ]
    assert (
        Change(ChangeKind.ADDED, None, "1.2", "Vùng nguyên liệu được cấp chứng nhận chất lượng", "2 points")
        in diff.added
    )
    gone = Change(
        ChangeKind.REMOVED, "1.6", None, "Sử dụng năng lượng, công nghệ thân thiện bền vững trong SX", "1 point"
    )
    assert gone in diff.removed


# --- classification ---------------------------------------------------------------------


def test_repr_of_groups_and_sectors_says_how_they_are_scored():
    subs = (Subgroup("I.1.a", "Rau", "Vegetables", (), 1), Subgroup("I.1.b", "Quả", "Fruit", (), 2))
    split = ProductGroup("I.1", "Tươi sống", "Fresh", (), None, subs)
    whole = ProductGroup("I.2", "Chế biến", "Processed", (), 3, ())
    assert repr(split) == "<ProductGroup I.1: Tươi sống, 2 subgroups>"
    assert repr(whole) == "<ProductGroup I.2: Chế biến, sheet 3>"
    assert repr(Sector("I", "Thực phẩm", "Food", (split, whole))) == "<Sector I: Thực phẩm, 2 groups>"
    assert repr(Sector("V", "Vải, may mặc", "Textiles", (), sheet=25)) == "<Sector V: Vải, may mặc, sheet 25>"


def _with_sectors(c, sectors):
    return type(c)(c.format, c.edition, c.provenance, "", "", tuple(sectors))


def test_classification_integrity_messages_name_the_fault():
    c = ocop.criteria.classification(edition="26/2026")
    first = c.sectors[0]
    group = first.groups[0]
    both = attrs.evolve(group, sheet=99) if group.subgroups else attrs.evolve(group, subgroups=(), sheet=None)
    broken = _with_sectors(c, [attrs.evolve(first, groups=(both, *first.groups[1:])), *c.sectors[1:]])
    with pytest.raises(SheetIntegrityError, match=rf"classification of 26/2026: group {group.code} needs a sheet"):
        check_classification(broken)
    # Sheet 26, the last product set (group VI.1, tourism), renumbered 30: the sheets have a hole.
    last_sector = c.sectors[-1]
    (tourism,) = last_sector.groups
    assert (tourism.code, tourism.sheet) == ("VI.1", 26)
    holed = _with_sectors(c, [*c.sectors[:-1], attrs.evolve(last_sector, groups=(attrs.evolve(tourism, sheet=30),))])
    expected = "classification of 26/2026 does not map onto sheets 1..n: " + str([*range(1, 26), 30])
    with pytest.raises(SheetIntegrityError) as info:
        check_classification(holed)
    assert expected in str(info.value)


# --- the sheet model ---------------------------------------------------------------------


@pytest.mark.parametrize("number", [["1.1"], {"1.1": 1}, {"1.1"}, 1.1, None])
def test_criterion_refuses_numbers_that_are_not_text(number):
    with pytest.raises(UnknownCriterion) as info:
        BASE.criterion(number)
    assert info.value.field == "criterion"
    assert info.value.value is number


def test_sheet_to_frame_has_one_row_per_level():
    pytest.importorskip("pandas")
    # 6.5 "Vị" of sheet 7 of 26/2026 prints four levels: 0, 1, 3 (marked ****) and 5 (marked *****).
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    df = sheet.to_frame()
    assert len(df) == sum(len(c.levels) for c in sheet.criteria)
    rows = df[df["criterion"] == "6.5"]
    assert rows["points"].tolist() == [0, 1, 3, 5]
    assert rows["star"].tolist()[2:] == [4, 5]


@pytest.mark.parametrize("star", [None, True, 6, "4", 4.0])
def test_minima_of_a_star_refuse_what_is_not_a_star(star):
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    for call in (lambda: sheet.minima(star), lambda: sheet.criterion("6.5").minimum_for(star)):
        with pytest.raises(InvalidValue) as info:
            call()
        assert (info.value.field, info.value.value, info.value.allowed) == ("star", star, (1, 2, 3, 4, 5))
