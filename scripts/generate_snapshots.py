"""Regenerate the golden snapshots (tests/snapshots/) and the sheet pages (docs/sheets/).

Usage::

    python scripts/generate_snapshots.py

Review the diff: every change of a table shows up here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import snapshot_tools as st  # noqa: E402

import ocop  # noqa: E402

if __name__ == "__main__":
    sheets = ocop.criteria.sheets(edition="26/2026")
    out = st.SNAPSHOTS / "26-2026"
    out.mkdir(parents=True, exist_ok=True)
    st.SHEET_DOCS.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        text = json.dumps(st.snapshot(sheet), ensure_ascii=False, indent=1) + "\n"
        (out / f"sheet-{sheet.code:02d}.json").write_text(text, encoding="utf-8")
        (st.SHEET_DOCS / f"sheet-{sheet.code:02d}.md").write_text(st.sheet_page(sheet), encoding="utf-8")
    (st.SHEET_DOCS / "index.md").write_text(st.index_page(sheets), encoding="utf-8")
    st.PROCEDURE_DOC.write_text(st.procedure_page(), encoding="utf-8")
    print(f"wrote {len(sheets)} snapshots and sheet pages")
