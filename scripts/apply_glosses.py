"""Fill empty English glosses in sheet files from a Vietnamese → English table.

Usage::

    python scripts/apply_glosses.py TABLE.json [TABLE2.json ...]

Each table is a JSON list of ``{"vi": ..., "en": ...}`` (extra keys ignored).  Glosses
already present in the sheet files are added to the table first, so a phrase glossed on
one sheet is glossed the same way on every other.  Only empty ``*_en`` fields whose
sibling ``*_vi`` text is in the table change; nothing else is touched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "ocop" / "criteria" / "data" / "26-2026"


def _walk(node: Any, visit: Any) -> None:
    if isinstance(node, dict):
        for key in list(node):
            if key.endswith("_en"):
                visit(node, key)
            _walk(node[key], visit)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def main(tables: list[str]) -> None:
    files = sorted(DATA.glob("sheet-*.json"))
    sheets = {path: json.loads(path.read_text(encoding="utf-8")) for path in files}
    table: dict[str, str] = {}

    def harvest(node: dict[str, Any], key: str) -> None:
        vi = node.get(key[:-3] + "_vi")
        if isinstance(vi, str) and node[key]:
            table.setdefault(vi, node[key])

    for data in sheets.values():
        _walk(data, harvest)
    for name in tables:
        for item in json.loads(Path(name).read_text(encoding="utf-8")):
            if item.get("en"):
                table.setdefault(item["vi"], item["en"])
    missing: set[str] = set()
    filled = 0

    def fill(node: dict[str, Any], key: str) -> None:
        nonlocal filled
        vi = node.get(key[:-3] + "_vi")
        if node[key] == "" and isinstance(vi, str):
            if vi in table:
                node[key] = table[vi]
                filled += 1
            else:
                missing.add(vi)

    for path, data in sheets.items():
        _walk(data, fill)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"filled {filled} glosses; {len(missing)} Vietnamese texts still without one")
    for vi in sorted(missing):
        print("  missing:", vi[:100])


if __name__ == "__main__":
    main(sys.argv[1:])
