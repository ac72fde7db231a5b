"""Draft a sheet data file from the text of Decision 26/2026/QĐ-TTg, for review.

Usage::

    python scripts/draft_sheet.py 7 > draft.json

The draft holds the Vietnamese text exactly as printed (whitespace collapsed), the
points and the star marks, parsed by ``tests/decision_text.py``.  English glosses are
left empty and the oddities list is left for the reviewer: a draft is never committed
without a human pass, and the transcription test (``tests/test_transcription.py``)
then checks the reviewed file against the decision text again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import decision_text

if __name__ == "__main__":
    json.dump(decision_text.parse_sheet(int(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
