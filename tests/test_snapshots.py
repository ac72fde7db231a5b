"""Golden snapshots: the computed rules of every sheet, and the generated sheet pages."""

from __future__ import annotations

import json

import pytest

import ocop

import snapshot_tools as st

SHEETS = ocop.criteria.sheets(edition="26/2026")


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: f"sheet-{s.code:02d}")
def test_snapshot_matches(sheet):
    path = st.SNAPSHOTS / "26-2026" / f"sheet-{sheet.code:02d}.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert st.snapshot(sheet) == expected, "run scripts/generate_snapshots.py and review the diff"


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: f"sheet-{s.code:02d}")
def test_sheet_page_is_current(sheet):
    path = st.SHEET_DOCS / f"sheet-{sheet.code:02d}.md"
    assert path.read_text(encoding="utf-8") == st.sheet_page(sheet)


def test_index_page_is_current():
    assert (st.SHEET_DOCS / "index.md").read_text(encoding="utf-8") == st.index_page(SHEETS)


def test_no_stray_snapshots():
    files = sorted(p.name for p in (st.SNAPSHOTS / "26-2026").glob("*.json"))
    assert files == [f"sheet-{s.code:02d}.json" for s in SHEETS]


def test_procedure_page_is_current():
    assert st.PROCEDURE_DOC.read_text(encoding="utf-8") == st.procedure_page()
