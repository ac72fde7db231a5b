"""Apply the reviewer's standing rules to drafted sheets and write the sheet files.

Usage::

    python scripts/review_drafts.py 2 3 4 ...   # sheet codes of 26/2026

For each sheet: parse the decision text (tests/decision_text.py), then record every
irregularity the parser reports as an oddity, following the rules below, and write
``ocop/criteria/data/26-2026/sheet-NN.json``.  English glosses already present in an
existing file are carried over where the Vietnamese text is unchanged; the rest are
left empty for the gloss pass.  The result is reviewed as a diff before it is committed.

Rules (each one is recorded in the sheet's oddities, never applied silently):

- a criterion printed with a maximum but no levels is a yes/no item: two implied
  levels, 0 and the maximum, marked ``printed: false``;
- a blank point cell on the lowest level of a ladder whose other levels score 1 or
  more is scored 0 (``assumed_points``), as on the sheets that print it;
- any other anomaly (stray number in a point cell, heading points that disagree with
  the cell, two levels with equal points, an 'o' bullet, a repeated paragraph) is kept
  as printed and recorded with the parser's description.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import decision_text as dt  # noqa: E402

OUT = ROOT / "ocop" / "criteria" / "data" / "26-2026"

# Grounds of "Hồ sơ bị loại khi …": id, the phrases that print it (verbatim variants), gloss.
GROUNDS: list[tuple[str, tuple[str, ...], str]] = [
    ("forged-dossier", ("Giả mạo hồ sơ",), "Forged dossier"),
    (
        "food-safety-certificate",
        ("không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm theo quy định",),
        "Not fully complying with the rules on the food-safety facility eligibility certificate",
    ),
    (
        "gmp-certificate",
        ("không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện sản xuất sản phẩm "
         "(GMP đối với thực phẩm bảo vệ hoặc tương đương)",),
        "Not fully complying with the rules on the production eligibility certificate (GMP for health "
        "supplements, or equivalent)",
    ),
    (
        "production-conditions",
        ("không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý chuyên ngành của Bộ Y tế",
         "không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý chuyên ngành"),
        "Lacking the mandatory conditions for producing the product under the sector's rules",
    ),
    (
        "production-licence",
        ("không có giấy phép sản xuất theo quy định", "giấy phép sản xuất theo quy định"),
        "No production licence as required",
    ),
    (
        "product-declaration",
        ("không có Bản công bố sản phẩm (hoặc tương đương)", "không có bản công bố sản phẩm (hoặc tương đương)",
         "Hồ sơ đăng ký bản đăng ký công bố chất lượng sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm"),
        "No product (quality) declaration, or its registration, labelling or advertising papers",
    ),
    (
        "registration-dossier",
        ("không đáp ứng về hồ sơ đăng ký theo quy định", "không đáp ứng về Hồ sơ đăng ký theo quy định",
         "không đáp ứng quy định hồ sơ đăng ký theo quy định", "không đáp ứng quy định Hồ sơ đăng ký theo quy định"),
        "Registration dossier does not meet the requirements",
    ),
]


def grounds_for(text: str) -> list[dict[str, str]]:
    out = []
    rest = text
    for gid, phrases, gloss in GROUNDS:
        for phrase in phrases:
            # the production-licence short form only counts when the long form is absent
            if phrase in rest:
                out.append({"id": gid, "text_vi": phrase, "text_en": gloss})
                rest = rest.replace(phrase, "\0", 1)
                break
    return out


def _walk_criteria(data: dict[str, Any]):
    for part in data["parts"]:
        for section in part["sections"]:
            yield from section["criteria"]


def _gloss_index(old: dict[str, Any] | None) -> dict[tuple, str]:
    """English text of an existing file, keyed by the Vietnamese it glosses."""
    index: dict[tuple, str] = {}

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_en") and isinstance(value, str) and value:
                    index[(path, key, node.get(key[:-3] + "_vi"))] = value
                walk(value, (*path, node.get("number") or node.get("code") or node.get("key") or key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    if old:
        walk(old, ())
    return index


def _apply_glosses(new: dict[str, Any], index: dict[tuple, str]) -> None:
    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key in list(node):
                if key.endswith("_en") and node[key] == "":
                    found = index.get((path, key, node.get(key[:-3] + "_vi")))
                    if found:
                        node[key] = found
                walk(node[key], (*path, node.get("number") or node.get("code") or node.get("key") or key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(new, ())


def review(code: int) -> tuple[dict[str, Any], list[str]]:
    data = dt.parse_sheet(code)
    anomalies = data.pop("_anomalies")
    odd: list[dict[str, str]] = []
    todo: list[str] = []
    crits = {c["number"]: c for c in _walk_criteria(data)}
    if data["disqualification"] is not None:
        data["disqualification"]["grounds"] = grounds_for(data["disqualification"]["text_vi"])
    else:
        odd.append({"where": "sheet", "kind": "no-disqualification-rule",
                    "note_en": "The sheet prints no 'Hồ sơ bị loại khi' (dossier rejected when) paragraph."})
    seen: set[tuple[str, str]] = set()
    for a in anomalies:
        key = (a["where"], a["kind"])
        if key in seen:
            continue
        seen.add(key)
        where, kind = key
        if kind == "no-levels-printed":
            c = crits[where]
            c["levels"] = [
                {"text_vi": None, "text_en": "Not met (no level printed; implied)", "points": 0,
                 "assumed_points": None, "star": None, "printed": False, "case": None},
                {"text_vi": None, "text_en": "Met (no level printed; implied)", "points": c["max_points"],
                 "assumed_points": None, "star": None, "printed": False, "case": None},
            ]
            odd.append({"where": where, "kind": kind, "note_en": (
                f"The sheet prints criterion {where} with its maximum ({c['max_points']} point"
                f"{'s' if c['max_points'] != 1 else ''}) but no tick-box levels. Read as a yes/no item: 0 points "
                f"when not met, {c['max_points']} when met. The two levels are marked printed=false.")})
        elif kind == "blank-points":
            c = crits[where]
            blank = [i for i, lvl in enumerate(c["levels"]) if lvl["points"] is None]
            others = [lvl["points"] for lvl in c["levels"] if lvl["points"] is not None]
            if blank == [0] and others and min(others) >= 1:
                c["levels"][0]["assumed_points"] = 0
                odd.append({"where": where, "kind": kind, "note_en": (
                    f"The point cell of the lowest level ('{c['levels'][0]['text_vi']}') is blank. The other levels "
                    f"score {', '.join(map(str, others))} and the sheets that print this level give it 0, so it is "
                    "scored as 0 (assumed_points); points stays null as printed.")})
            else:
                todo.append(f"{where}: blank point cell not on the lowest level")
        elif kind == "duplicate-paragraph":
            odd.append({"where": where, "kind": kind, "note_en": (
                "The 'Hồ sơ bị loại khi' (disqualification) paragraph is printed twice, word for word, above the "
                "table; it is recorded once.")})
        elif kind == "bullet":
            odd.append({"where": where, "kind": kind, "note_en": (
                "A level is printed with an 'o' bullet instead of the tick box '□' "
                f"({a['detail']}). Typographic only; read as a level like the others.")})
        else:
            odd.append({"where": where, "kind": kind, "note_en": a["detail"]})
            todo.append(f"{where}: {kind}: {a['detail']}")
    data["oddities"] = odd
    path = OUT / f"sheet-{code:02d}.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    _apply_glosses(data, _gloss_index(old))
    if old:
        # keep reviewed oddity notes (same where/kind) written by hand
        notes = {(o["where"], o["kind"]): o["note_en"] for o in old.get("oddities", [])}
        for o in data["oddities"]:
            o["note_en"] = notes.get((o["where"], o["kind"]), o["note_en"])
        known = {(o["where"], o["kind"]) for o in data["oddities"]}
        data["oddities"].extend(o for o in old.get("oddities", []) if (o["where"], o["kind"]) not in known)
    return data, todo


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        code = int(arg)
        data, todo = review(code)
        (OUT / f"sheet-{code:02d}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"sheet {code}: written" + "".join(f"\n  review: {t}" for t in todo))
