"""Decision 1048/2019: frame, bands as printed, classification, grading, and edition comparison."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.criteria import ChangeKind, compare
from ocop.criteria._load import structure_sheet, unstructure_sheet
from ocop.errors import InvalidValue, SheetIntegrityError

E = ocop.edition("1048/2019")
SHEETS = ocop.criteria.sheets(edition="1048/2019")
NEW = ocop.criteria.sheets(edition="26/2026")


def test_frame_follows_article_1_and_appendix_ii():
    # Art. 1.1: parts of 35/25/40 points; Art. 1.3: three levels; Appendix II §1: the
    # province approves 3-4 stars, the ministry 5 stars.
    assert dict(E.part_max) == {"A": 35, "B": 25, "C": 40}
    assert E.sheet_count == 26
    assert E.criteria_published
    assert E.evaluation_levels == (ocop.Authority.DISTRICT, ocop.Authority.PROVINCE, ocop.Authority.MINISTRY)
    assert E.recognised_by[ocop.Star.THREE] is ocop.Authority.PROVINCE
    assert E.recognised_by[ocop.Star.FOUR] is ocop.Authority.PROVINCE
    assert E.recognised_by[ocop.Star.FIVE] is ocop.Authority.MINISTRY
    assert E.amended_by == "781/2020"
    assert not E.minima_published
    assert len(E.bands_printed_vi) == 5
    assert E.band_reading


def _printed_star(total: Fraction) -> int:
    """Art. 1.2 as printed: integer ranges [90,100], [70,89], [50,69], [30,49], <30; a total in
    a gap (89 < t < 90) belongs to the band whose printed lower bound it has reached."""
    for star, lower in ((5, 90), (4, 70), (3, 50), (2, 30)):
        if total >= lower:
            return star
    return 1


@given(st.fractions(min_value=0, max_value=100))
def test_bands_follow_the_printed_thresholds(total):
    assert int(E.star_for(total)) == _printed_star(total)


@pytest.mark.parametrize(("total", "star"), [(Fraction(179, 2), 4), (90, 5), (Fraction(6999, 100), 3), (49, 2)])
def test_fractional_totals_in_the_gaps(total, star):
    assert int(E.star_for(total)) == star


def test_every_sheet_grades_with_its_caveats():
    for sheet in SHEETS:
        top = {c.number: max(lvl.value for lvl in c.levels) for c in sheet.criteria}
        g = ocop.grade_points(sheet.code, top, edition="1048/2019")
        # The sheet's best total is what its printed levels add up to.
        assert g.total == sum(top.values())
        assert g.star is ocop.Star.FIVE
        assert not g.unmet
        assert g.caveats[-2:] == E.grading_caveats
    assert ocop.grade_points(7, {c.number: c.max_points for c in NEW[6].criteria}, edition="26/2026").caveats == ()


def test_no_star_marks_in_the_first_published_text():
    assert all(lvl.star is None for s in SHEETS for c in s.criteria for lvl in c.levels)


def test_eliminations_and_disqualification_grounds():
    sheet = SHEETS[0]
    assert sheet.criterion("1.1").eliminates
    assert [g.id for g in sheet.disqualification.grounds] == [
        "forged-dossier", "food-safety-certificate", "food-safety-test-report", "registration-dossier",
    ]  # fmt: skip
    g = ocop.grade_points(
        1, {c.number: c.max_points for c in sheet.criteria}, edition="1048/2019", eliminations=["1.1"]
    )
    assert g.star is None
    assert SHEETS[25].disqualification is None


def test_additive_boxes_of_sheet_26():
    section = SHEETS[25].parts[2].sections[0]
    assert [c.number for c in section.criteria] == ["6.a", "6.b", "6.c", "6.d"]
    assert sum(c.max_points for c in section.criteria) == section.max_points == 5


def test_part_total_is_waived_only_where_recorded():
    data = unstructure_sheet(SHEETS[25])
    data["oddities"] = [o for o in data["oddities"] if o["kind"] != "part-total"]
    with pytest.raises(SheetIntegrityError, match="part A: sections add up to 34, not 35"):
        structure_sheet(json.loads(json.dumps(data)))


def test_classification_of_appendix_i():
    c = ocop.criteria.classification(edition="1048/2019")
    assert [s.code for s in c.sectors] == ["I", "II", "III", "IV", "V", "VI"]
    assert len(c.groups) == E.group_count == 15
    assert [e.sheet for e in c.entries] == list(range(1, 27))
    assert c.sheet_for("Cà phê, Ca cao") == 14
    assert c.sector_of(26).code == "VI"
    assert c.entry(26).lead_ministries_vi == ("Vãn hóa, Thể thao và Du lịch",)


def test_sector_with_a_sheet_and_groups_is_refused():
    from ocop.criteria._classification import Sector, check_classification

    c = ocop.criteria.classification(edition="1048/2019")
    bad = Sector("I", "x", "x", c.sectors[0].groups, sheet=99)
    broken = type(c)(c.format, c.edition, c.provenance, "", "", (bad, *c.sectors[1:]))
    with pytest.raises(SheetIntegrityError, match="sector I needs a sheet or groups"):
        check_classification(broken)


# --- comparison ------------------------------------------------------------------------


def test_compare_matches_and_counts():
    diff = compare(SHEETS[0], NEW[0])
    kinds = {c.kind for c in diff.changes}
    assert {ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.RENAMED, ChangeKind.RENUMBERED} <= kinds
    assert {ChangeKind.REWEIGHTED, ChangeKind.LEVELS_CHANGED, ChangeKind.MINIMA_ADDED} <= kinds
    assert len(diff.matched) + len(diff.added) == len(NEW[0].criteria)
    assert len(diff.matched) + len(diff.removed) == len(SHEETS[0].criteria)
    assert str(diff).startswith("sheet 1 of 1048/2019 (Rau, củ, quả, hạt tươi) → sheet 1 of 26/2026")
    renumbered = diff.of_kind(ChangeKind.RENUMBERED)[0]
    assert str(renumbered) == "renumbered: 1.2 → 1.3 Gia tăng giá trị"
    assert str(diff.of_kind(ChangeKind.RENAMED)[0]) == "renamed: 1.1 Nguồn gốc sản phẩm (was Nguồn nguyên liệu)"


@given(st.sampled_from(SHEETS + NEW), st.sampled_from(SHEETS + NEW))
def test_compare_accounts_for_every_criterion(a, b):
    diff = compare(a, b)
    before = [m[0] for m in diff.matched] + [c.before for c in diff.removed]
    after = [m[1] for m in diff.matched] + [c.after for c in diff.added]
    assert sorted(before) == sorted(c.number for c in a.criteria)
    assert sorted(after) == sorted(c.number for c in b.criteria)
    if a == b:
        assert diff.changes == ()


@pytest.mark.parametrize("junk", [None, 7, "sheet", NEW[0].criteria[0]])
def test_compare_refuses_junk(junk):
    with pytest.raises(InvalidValue):
        compare(junk, NEW[0])
    with pytest.raises(InvalidValue):
        compare(NEW[0], junk)
