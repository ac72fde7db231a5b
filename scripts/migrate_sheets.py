"""Bring sheet files up to the current format: add new keys with their neutral values.

Idempotent; run after a change to the sheet model, then review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "ocop" / "criteria" / "data"


def migrate(data: dict) -> dict:
    for part in data["parts"]:
        for section in part["sections"]:
            section.setdefault("subsections", [])
            # keep key order: subsections before criteria
            crits = section.pop("criteria")
            section["criteria"] = crits
            for crit in crits:
                crit.setdefault("group", None)
                crit.setdefault("cases", [])
                for level in crit["levels"]:
                    level.setdefault("case", None)
    return data


if __name__ == "__main__":
    for path in sorted(DATA.glob("*/sheet-*.json")) if len(sys.argv) < 2 else map(Path, sys.argv[1:]):
        data = migrate(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print("migrated", path)
