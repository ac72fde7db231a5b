"""Regenerate the golden snapshots (tests/snapshots/), the sheet pages (docs/sheets/,
docs/sheets-1048/), the procedure page and the edition comparison page.

Usage::

    python scripts/generate_snapshots.py

Review the diff: every change of a table shows up here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import snapshot_tools as st

import ocop

if __name__ == "__main__":
    for code, docs in st.EDITION_DOCS.items():
        sheets = ocop.criteria.sheets(edition=code)
        out = st.snapshot_dir(code)
        out.mkdir(parents=True, exist_ok=True)
        docs.mkdir(parents=True, exist_ok=True)
        for sheet in sheets:
            text = json.dumps(st.snapshot(sheet), ensure_ascii=False, indent=1) + "\n"
            (out / f"sheet-{sheet.code:02d}.json").write_text(text, encoding="utf-8")
            (docs / f"sheet-{sheet.code:02d}.md").write_text(st.sheet_page(sheet), encoding="utf-8")
        (docs / "index.md").write_text(st.index_page(sheets), encoding="utf-8")
        print(f"{code}: wrote {len(sheets)} snapshots and sheet pages")
    st.PROCEDURE_DOC.write_text(st.procedure_page(), encoding="utf-8")
    st.COMPARISON_DOC.write_text(st.comparison_page(), encoding="utf-8")
