"""Golden snapshots: the computed rules of every sheet, and the generated sheet pages."""

from __future__ import annotations

import json

import pytest

import ocop

import snapshot_tools as st

EDITIONS = tuple(st.EDITION_DOCS)
SHEETS = tuple(s for code in EDITIONS for s in ocop.criteria.sheets(edition=code))


def _id(sheet):
    return f"{sheet.edition.code}-sheet-{sheet.code:02d}"


@pytest.mark.parametrize("sheet", SHEETS, ids=_id)
def test_snapshot_matches(sheet):
    path = st.snapshot_dir(sheet.edition.code) / f"sheet-{sheet.code:02d}.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert st.snapshot(sheet) == expected, "run scripts/generate_snapshots.py and review the diff"


@pytest.mark.parametrize("sheet", SHEETS, ids=_id)
def test_sheet_page_is_current(sheet):
    path = st.EDITION_DOCS[sheet.edition.code] / f"sheet-{sheet.code:02d}.md"
    assert path.read_text(encoding="utf-8") == st.sheet_page(sheet)


@pytest.mark.parametrize("code", EDITIONS)
def test_index_page_is_current(code):
    sheets = ocop.criteria.sheets(edition=code)
    assert (st.EDITION_DOCS[code] / "index.md").read_text(encoding="utf-8") == st.index_page(sheets)


@pytest.mark.parametrize("code", EDITIONS)
def test_no_stray_snapshots(code):
    files = sorted(p.name for p in st.snapshot_dir(code).glob("*.json"))
    assert files == [f"sheet-{s.code:02d}.json" for s in ocop.criteria.sheets(edition=code)]


def test_comparison_page_is_current():
    assert st.COMPARISON_DOC.read_text(encoding="utf-8") == st.comparison_page()


def test_procedure_page_is_current():
    assert st.PROCEDURE_DOC.read_text(encoding="utf-8") == st.procedure_page()
