"""Build the 26 sheets of Decision 1048/QĐ-TTg (Appendix III) from the shared extracted text.

Usage::

    python scripts/build_1048.py [path/to/qd-1048-2019-qd-ttg.txt]

Writes ``ocop/criteria/data/1048-2019/sheet-NN.json``.  The text (extracted from the
Word file by ``doc2txt.py``) ends every table cell with `` | ``; a cell may hold several
paragraphs (a criterion's name and all its levels in one cell, their points in the
next).  The builder therefore reads each sheet as one stream of cells and pairs, per
criterion, the n-th level text with the (n+1)-th point value (the first is the
criterion's maximum).  English glosses come from ``scripts/glosses_1048.tsv`` (one
``Vietnamese<TAB>English`` pair a line), else from the identical Vietnamese text of the
26/2026 data; a missing gloss stops the build and lists the text.

The result is checked independently by ``tests/test_conservation_1048.py``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/work/shared/reference/sources/qd-1048-2019-qd-ttg.txt")
OUT = ROOT / "ocop" / "criteria" / "data" / "1048-2019"
GLOSSES = Path(__file__).with_name("glosses_1048.tsv")
SOURCE_NAME = (
    "qd-1048-2019-qd-ttg.txt: text extracted (doc2txt.py) from the Word 97 file of the official text, "
    "congnn1107/ocop_project TestLinhTinh/1048_QD-TTg_m_422157.doc (sha256 6f2cd092…325898)"
)

POINTS = re.compile(r"(\d+) ?(?:[Đđ]iểm|Đỉểm)\.?")
SECTION = re.compile(r"(\d+)\.? (.+)")
CRITERION = re.compile(r"(\d+\.\d+)\.? (.+)")
SUBCRITERION = re.compile(r"(\d+\.\d+\.\d+)\.? ?(.+)")
PART_NAME = re.compile(r"(.+?) \((\d+) [Đđ]iểm\)")
PART_HEAD = re.compile(r"Phần ([ABC]):(?: (.+?) \((\d+) [Đđ]iểm\))?")
CASE = re.compile(r"([ab])\.? (Trường hợp \d: .+)")
FURNITURE = re.compile(
    r"(Tên sản phẩm|Tên chủ thể|Tên chú thể|Mã số sản phẩm|\(?T: Mã tỉnh|Địa chỉ|Tổng [Đđ]iểm|Xếp hạng|Ý kiến|"
    r"-{5,}|…{5,}|"
    r"[.…]+ ?, ?ngày)"
)


def split_sheets(text: str) -> dict[int, str]:
    body = text[text.index("PHỤ LỤC III") :]
    heads = list(re.finditer(r"(?m)^(\d+)\. Bộ sản phẩm: ", body))
    return {
        int(m.group(1)): body[m.start() : heads[i + 1].start() if i + 1 < len(heads) else len(body)]
        for i, m in enumerate(heads)
    }


def cells(text: str) -> list[str]:
    """Every non-empty paragraph of every cell, whitespace collapsed, in reading order."""
    out = []
    for line in text.split("\n"):
        for cell in line.split(" | "):
            cell = " ".join(unicodedata.normalize("NFC", cell).split())
            if cell.endswith(" |"):
                cell = cell[:-2].rstrip()
            if cell and cell != "|":
                out.append(cell)
    return out


def note_kind(text: str) -> str:
    low = text.lower()
    if "bị loại" in low:
        return "elimination"
    if "không đánh giá các bước tiếp theo" in low or "không xem xét các chỉ tiêu khác" in low:
        return "halt"
    if low.startswith("chỉ áp dụng"):
        return "scope"
    return "note"


class Node:
    """A section, subsection or criterion being read: its texts and points in order."""

    def __init__(self, kind: str, number: str, name: str) -> None:
        self.kind = kind
        self.number = number
        self.name = name
        self.points: list[int] = []
        self.levels: list[tuple[str, str | None]] = []  # (text, case)
        self.description: str | None = None
        self.notes: list[str] = []
        self.cases: list[tuple[str, str]] = []
        self.children: list[Node] = []
        self.subs: list[Node] = []
        self.group: str | None = None
        self.part_note = False
        self.max: int | None = None


def parse_sheet(code: int, text: str) -> dict[str, Any]:
    cs = cells(text)
    title = re.match(r"\d+\. Bộ sản phẩm: (.+)", cs[0])
    assert title, cs[0]
    name_vi = title.group(1)
    m = re.fullmatch(r"\(Ngành: (.+?)\. Nhóm: (.+?)\.?\)", cs[1])
    assert m, cs[1]
    sector_vi, group_vi = m.group(1), m.group(2)
    disq: str | None = None
    parts: list[dict[str, Any]] = []
    part: dict[str, Any] | None = None
    section: Node | None = None
    sub: Node | None = None
    node: Node | None = None  # where points, levels and notes go
    trailer: list[str] | None = None
    additive = False
    extras: list[tuple[str, str]] = []  # oddities found while reading
    numbers = {m.group(1) for c in cs if (m := re.match(r"(\d+\.\d+\.\d+)\.? ", c))}
    pending: list[str] = []
    for cell in cs[2:]:
        if trailer is not None:
            if FURNITURE.match(cell) or cell in {"/", "Kết quả"}:
                continue
            trailer.append(cell)
            continue
        if cell == "Kết quả":
            trailer = []
            continue
        if FURNITURE.match(cell) or cell == "Tổng điểm":
            continue
        if cell.startswith("Bị loại khi"):
            disq = cell
            continue
        ph = PART_HEAD.fullmatch(cell)
        if ph:
            part = {"code": ph.group(1), "name": ph.group(2), "max": int(ph.group(3)) if ph.group(3) else None}
            part["sections"] = []
            part["points"] = []
            part["order"] = []
            parts.append(part)
            section = sub = node = None
            continue
        assert part is not None, (code, cell)
        pn = PART_NAME.fullmatch(cell)
        if part["name"] is None and pn:
            part["name"], part["max"] = pn.group(1), int(pn.group(2))
            continue
        pt = POINTS.fullmatch(cell)
        if pt:
            part["points"].append((int(pt.group(1)), cell))
            continue
        if cell == "(Được cộng tổng điểm các nội dung ghi Có)":
            additive = True
            part["additive"] = cell
            continue
        if cell.startswith("□"):
            assert node is not None, (code, cell)
            case = node.cases[-1][0] if node.cases else None
            node.levels.append((cell[1:].strip(), case))
            continue
        sc = SUBCRITERION.fullmatch(cell)
        if sc:
            assert section is not None
            assert sub is not None
            node = Node("criterion", sc.group(1), sc.group(2))
            node.group = sub.number
            section.children.append(node)
            part["order"].append(node)
            continue
        cr = CRITERION.fullmatch(cell)
        if cr:
            assert section is not None, (code, cell)
            if not cr.group(1).startswith(section.number + "."):
                extras.append((cr.group(1), "misnumbered"))
            node = Node("criterion", cr.group(1), cr.group(2))
            if any(len(c.split(".")) == 3 and c.startswith(cr.group(1) + ".") for c in numbers):
                node.kind = "subsection"
                section.subs.append(node)
                sub = node
            else:
                section.children.append(node)
            part["order"].append(node)
            continue
        se = SECTION.fullmatch(cell)
        if se and se.group(2)[0].isupper() and not cell.startswith(("1 ", "2 ")):
            section = Node("section", se.group(1), se.group(2))
            if pending:
                section.notes.extend(pending)
                section.part_note = True
                pending.clear()
            part["sections"].append(section)
            part["order"].append(section)
            node = section
            sub = None
            continue
        cm = CASE.fullmatch(cell)
        if cm:
            assert node is not None
            node.cases.append((cm.group(1), cm.group(2)))
            if not cell.startswith(cm.group(1) + "."):
                extras.append((node.number, "typography"))
            continue
        if node is None:
            # A note printed under a part's heading, before its first section: kept
            # with the part's first criterion, and recorded as an oddity there.
            pending.append(cell)
            continue
        if cell.startswith("(") and not node.levels and node.description is None:
            node.description = cell
            continue
        if node.notes and (node.notes[-1] in {"Tham khảo:"} or cell.startswith("- ")):
            node.notes[-1] = node.notes[-1] + " " + cell
            continue
        node.notes.append(cell)
    for p in parts:
        assign_points(code, p, extras)
    return {
        "code": code,
        "name_vi": name_vi,
        "sector_vi": sector_vi,
        "group_vi": group_vi,
        "disq": disq,
        "parts": parts,
        "trailer": trailer or [],
        "additive": additive,
        "extras": extras,
    }


def assign_points(code: int, part: dict[str, Any], extras: list[tuple[str, str]]) -> None:
    """Pair the part's point cells, in order, with its maxima and levels, in order.

    Criteria always print their maximum; section maxima mostly do not.  Where the point
    cells outnumber the criteria's maxima and levels, the extra cells are maxima of
    sections printed beside their heading: the builder tries every choice of that many
    sections and keeps the one under which the table adds up best.
    """
    cells = list(part["points"])
    order = part["order"]
    base = sum((1 if n.kind != "section" or not n.children else 0) + len(n.levels) for n in order)
    extra = len(cells) - base
    candidates = [n for n in order if n.kind == "section" and n.children]
    assert 0 <= extra <= len(candidates), (code, part["code"], "point cells", len(cells), "slots", base)
    best: tuple[int, tuple[Node, ...]] | None = None
    for chosen in itertools.combinations(candidates, extra):
        score = _violations(order, cells, set(chosen), part["max"])
        if best is None or score < best[0]:
            best = (score, chosen)
    assert best is not None
    _fill(order, cells, set(best[1]), extras)


def _fill(
    order: list[Node], cells: list[tuple[int, str]], headed: set[Node], extras: list[tuple[str, str]] | None
) -> None:
    queue = list(cells)

    def take(where: str) -> int:
        value, raw = queue.pop(0)
        if extras is not None and "Đỉểm" in raw:
            extras.append((where, "typography"))
        return value

    for node in order:
        node.max = None
        if node.kind != "section" or not node.children or node in headed:
            node.max = take(node.number)
        node.points = [take(node.number) for _ in node.levels]


def _violations(order: list[Node], cells: list[tuple[int, str]], headed: set[Node], part_max: int) -> int:
    _fill(order, cells, headed, None)
    bad = 0
    total = 0
    for node in order:
        if node.kind == "section":
            if node.children:
                crit_sum = sum(c.max or 0 for c in node.children)
                total += node.max if node.max is not None else crit_sum
                bad += node.max is not None and node.max != crit_sum
            else:
                total += node.max or 0
        if node.levels:
            keys = [k for k, _ in node.cases] or [None]
            for key in keys:
                ladder = [p for (_, c), p in zip(node.levels, node.points, strict=False) if c == key]
                bad += any(b < a for a, b in itertools.pairwise(ladder))
                bad += bool(ladder) and ladder[-1] > (node.max or 0)
                bad += bool(ladder) and ladder[-1] != node.max
    return bad + (total != part_max)


def dump(raw: dict[str, Any]) -> None:  # pragma: no cover - debugging aid
    for part in raw["parts"]:
        print("PART", part["code"], part["name"], part["max"])
        for s in part["sections"]:
            print(" S", s.number, s.name, s.max, s.points, s.description, s.notes, len(s.levels))
            for c in s.children:
                print("   C", c.number, c.name, c.max, c.points, len(c.levels), c.description, c.notes, c.cases)
    print("TRAILER", raw["trailer"])


# ---------------------------------------------------------------------------------------
# Emission: the packaged JSON, in the model of ocop.criteria


def load_glosses() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((ROOT / "ocop" / "criteria" / "data" / "26-2026").glob("*.json")):
        _collect(json.loads(path.read_text(encoding="utf-8")), table)
    if GLOSSES.exists():
        for line in GLOSSES.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                vi, en = line.split("\t")
                table[gloss_key(vi)] = en
    return table


def _collect(obj: Any, table: dict[str, str]) -> None:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key.endswith("_vi") and isinstance(value, str) and isinstance(obj.get(key[:-3] + "_en"), str):
                table.setdefault(gloss_key(value), obj[key[:-3] + "_en"])
            _collect(value, table)
    elif isinstance(obj, list):
        for item in obj:
            _collect(item, table)


MISSING: dict[str, str] = {}


def gloss_key(vi: str) -> str:
    """Texts that differ only in case, spacing or punctuation share a gloss."""
    return "".join(ch for ch in unicodedata.normalize("NFC", vi).casefold() if ch.isalnum() or ch in "<>≤≥=%+-/;")


def en(table: dict[str, str], vi: str) -> str:
    found = table.get(gloss_key(vi))
    if found is None:
        MISSING.setdefault(gloss_key(vi), vi)
        return "?"
    return found


#: Misspellings and typographic slips of the source, kept verbatim and recorded.
MISSPELLINGS = {
    "Rýợu": "'Rýợu' for 'Rượu' (a code-page slip of the Word file)",
    "TOAÌN": "'TOAÌN' for 'TOÀN' (a code-page slip)",
    "CÔNG BÔì": "'CÔNG BÔì' for 'CÔNG BỐ' (a code-page slip)",
    "KIểM": "'KIểM' for 'KIỂM' (mixed case)",
    "PHẩM": "'PHẩM' for 'PHẨM' (mixed case)",
    "Tổ CHỨC": "'Tổ CHỨC' for 'TỔ CHỨC' (mixed case)",
    "KhaÒ": "'KhaÒ' for 'Khả' (a code-page slip)",
    "Lýòa": "'Lýòa' for 'Lựa' (a code-page slip)",
    "nguyên Iiệu": "'nguyên Iiệu' with a capital I for 'nguyên liệu'",
    "vi nằm": "'vi nằm' for 'vi nấm'",
    "han hành": "'han hành' for 'ban hành'",
    "hóa CHẤT": "'hóa CHẤT' in capitals for 'hóa chất'",
    "(CHẤT lượng": "'CHẤT lượng' in mixed case",
    "ĐẢM BẢO CHẤT SẢN PHẨM": "'ĐẢM BẢO CHẤT SẢN PHẨM' lacks 'LƯỢNG'",
    "truyền thông/đặc sản": "'truyền thông' (communication) for 'truyền thống' (tradition)",
    "cao cao cấp": "'cao cao cấp': 'cao' doubled",
    "Đỉểm": "'Đỉểm' for 'Điểm' in a point cell",
    "PHÁT TRIÊÒN": "'PHÁT TRIÊÒN' for 'PHÁT TRIỂN' (a code-page slip)",
    "THEO trường": "'THEO trường' for 'thị trường'",
    "MyÞ, Nhâòt": "'MyÞ, Nhâòt' for 'Mỹ, Nhật' (a code-page slip)",
    "cỏ nguồn gốc": "'cỏ nguồn gốc' for 'có nguồn gốc'",
    "Hõi đục": "'Hõi đục' for 'Hơi đục'",
    "mọi cuộc thi": "'mọi cuộc thi' (every contest) where the other sheets read 'mỗi cuộc thi' (each contest)",
    "TIẾP THEO": "'TIẾP THEO' (next) for 'TIẾP THỊ' (marketing), the section's name on every other sheet",
    "khách hành chính": "'Khu vực khách hành chính' where the other sheets read 'Khu vực phân phối chính'",
    "2 Điểm HĐTV": "'HĐQT, 2 Điểm HĐTV': the level's point cell ('2 Điểm') run into its text",
}


NOTES = {
    "typography": "A point cell or case label is misprinted (e.g. 'Đỉểm', 'b' without its full stop); read as printed.",
    "misnumbered": "The criterion's number does not belong to its section.",
}


#: Irregularities found by reading the sheets side by side (kept as printed).
MANUAL = (
    (3, "section 8", "heading-mismatch",
     "Section 8 is headed 'CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM' (quality declaration) but its description and levels "
     "are those of uniqueness ('TÍNH ĐỘC ĐÁO') on the other sheets; section 9 repeats the declaration heading."),
    (7, "3.1", "missing-level",
     "The sheet prints two levels (1 and 2 points) of the criterion's 3; the cooperative/joint-stock level "
     "(3 points) of the other sheets is not printed."),
)  # fmt: skip


def oddities_in(where: str, text: str | None, out: list[dict[str, str]]) -> None:
    for slip, note in MISSPELLINGS.items():
        if text and slip in text:
            item = {"where": where, "kind": "misspelling", "note_en": f"The text reads {note}; kept verbatim."}
            if item not in out:
                out.append(item)


GROUND_IDS = (
    ("Giả mạo hồ sơ", "forged-dossier"),
    ("an toàn thực phẩm", "food-safety-certificate"),
    ("giấy chứng nhận đủ điều kiện ATTP", "food-safety-certificate"),
    ("phiếu kiểm nghiệm", "food-safety-test-report"),
    ("đủ điều kiện sản xuất", "production-certificate"),
    ("số đăng ký thuốc", "registration-number"),
    ("hồ sơ dự thi", "registration-dossier"),
)
GROUND_EN = {
    "forged-dossier": "Forged dossier",
    "food-safety-certificate": "No food-safety (ATTP) eligibility certificate or equivalent",
    "food-safety-test-report": "No test report on the food-safety (ATTP) indicators",
    "production-certificate": "No certificate of eligibility for production",
    "registration-number": "No drug registration number / receipt of the product declaration",
    "registration-dossier": "The entry dossier does not meet the rules (as set for each contest)",
}


def disqualification(text: str, table: dict[str, str]) -> dict[str, Any]:
    body = text.split(":", 1)[1].strip()
    pieces = re.split(r"(?: hoặc |, )(?=không |Giả mạo)", body)
    grounds = []
    for piece in pieces:
        gid = next(g for key, g in GROUND_IDS if key in piece)
        grounds.append({"id": gid, "text_vi": piece, "text_en": GROUND_EN[gid]})
    return {"text_vi": text, "text_en": en(table, text), "grounds": grounds}


def level(text: str | None, text_en: str, points: int | None, case: str | None, printed: bool = True) -> dict[str, Any]:
    return {
        "text_vi": text,
        "text_en": text_en,
        "points": points,
        "assumed_points": None,
        "star": None,
        "printed": printed,
        "case": case,
    }


def note(text: str, table: dict[str, str]) -> dict[str, Any]:
    return {"kind": note_kind(text), "text_vi": text, "text_en": en(table, text)}


def criterion(node: Node, number: str, name: str, table: dict[str, str], odd: list[dict[str, str]]) -> dict[str, Any]:
    oddities_in(number, " ".join([name, node.description or "", *node.notes, *(t for t, _ in node.levels)]), odd)
    levels = [level(t, en(table, t), p, c) for (t, c), p in zip(node.levels, node.points, strict=True)]
    assert node.max is not None
    for key in [k for k, _ in node.cases] or [None]:
        ladder = [lvl["points"] for lvl in levels if lvl["case"] == key]
        if len(set(ladder)) != len(ladder):
            odd.append(
                {
                    "where": number,
                    "kind": "duplicate-points",
                    "note_en": (f"case {key}: " if key else "") + f"two levels print the same points: {ladder}.",
                }
            )
        if ladder and ladder[-1] < node.max:
            odd.append(
                {
                    "where": number,
                    "kind": "top-below-maximum",
                    "note_en": (f"case {key}: " if key else "")
                    + f"the top level scores {ladder[-1]} of the criterion's {node.max} points, as printed.",
                }
            )
    return {
        "number": number,
        "name_vi": name,
        "name_en": en(table, name),
        "description_vi": node.description,
        "max_points": node.max,
        "notes": [note(n, table) for n in node.notes],
        "levels": levels,
        "group": node.group,
        "cases": [{"key": k, "text_vi": t, "text_en": en(table, t)} for k, t in node.cases],
    }


def reconcile(raw: dict[str, Any], odd: list[dict[str, str]]) -> None:
    """Record, and where the table itself settles it, resolve what the text gets wrong.

    - Two criteria printed with the same number: the second is keyed with a ``b``.
    - A criterion maximum that disagrees with its top level, where the part adds up to
      its printed maximum only with the top level: the top level is the maximum, and
      the printed figure is recorded.
    """
    for part in raw["parts"]:
        seen: set[str] = set()
        for s in part["sections"]:
            for c in s.children:
                if c.number in seen:
                    odd.append(
                        {
                            "where": c.number + "b",
                            "kind": "duplicate-number",
                            "note_en": f"Two criteria are numbered {c.number}; the second ({c.name}) is keyed "
                            f"{c.number}b here.",
                        }
                    )
                    c.number += "b"
                seen.add(c.number)
        leaves = [c for s in part["sections"] for c in (s.children or [s])]
        total = sum(s.max if s.max is not None else sum(c.max or 0 for c in s.children) for s in part["sections"])
        if total == part["max"]:
            continue
        for c in leaves:
            top = max(c.points) if c.points else None
            if top is not None and top != c.max and total - (c.max or 0) + top == part["max"] and not c.cases:
                odd.append(
                    {
                        "where": c.number,
                        "kind": "misprinted-maximum",
                        "note_en": f"The maximum is printed as {c.max} points, but the levels reach {top} and part "
                        f"{part['code']} adds up to its {part['max']} points only with {top}: read as {top}.",
                    }
                )
                c.max = top
                for s in part["sections"]:
                    if c in s.children and s.max is not None:
                        s.max = sum(x.max or 0 for x in s.children)
                break
        else:
            odd.append(
                {
                    "where": f"part {part['code']}",
                    "kind": "part-total",
                    "note_en": f"The criteria of part {part['code']} add up to {total} points, not the {part['max']} "
                    "printed in its heading; kept as printed (the sheet's total is "
                    f"{100 - part['max'] + total}).",
                }
            )


def additive_items(
    s: Node, part: dict[str, Any], table: dict[str, str], odd: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """A section of boxes whose points are added up (sheet 26, part C): one criterion a box.

    The part is headed "(Được cộng tổng điểm các nội dung ghi Có)": every box ticked
    "yes" adds its points.  Each box becomes a criterion keyed ``<section>.<letter>``
    (the text prints no number) with two implied levels: not ticked (0) and ticked.
    """
    out = []
    for index, ((text, _), points) in enumerate(zip(s.levels, s.points, strict=True)):
        number = f"{s.number}.{'abcdefgh'[index]}"
        notes = [note(part["additive"], table)] if not out and s is part["sections"][0] else []
        notes += [note(n, table) for n in (s.notes if not out else [])]
        oddities_in(number, text, odd)
        odd.append(
            {
                "where": number,
                "kind": "no-levels-printed",
                "note_en": "A box of an additive section: it prints one text and its points, scored when ticked "
                "'yes' (Có); the not-ticked level (0) and the ticked level are implied, and the key is not printed.",
            }
        )
        out.append(
            {
                "number": number,
                "name_vi": text,
                "name_en": en(table, text),
                "description_vi": None,
                "max_points": points,
                "notes": notes,
                "levels": [
                    level(None, "Not ticked", 0, None, printed=False),
                    level(None, "Ticked yes (Có)", points, None, printed=False),
                ],
                "group": None,
                "cases": [],
            }
        )
    return out


def build(raw: dict[str, Any], table: dict[str, str], sha: str) -> dict[str, Any]:
    odd: list[dict[str, str]] = []
    code = raw["code"]
    reconcile(raw, odd)
    if raw["trailer"]:
        # The note printed below the table ("Ghi chú: Giới hạn các chỉ tiêu kiểm nghiệm
        # tại mục 8.2 …") names the criterion it belongs to.
        text = " ".join(raw["trailer"])
        target = re.search(r"mục (\d+\.\d+)", text)
        assert target, text
        node = next(c for p in raw["parts"] for s in p["sections"] for c in s.children if c.number == target.group(1))
        node.notes.append(text)
        odd.append(
            {
                "where": node.number,
                "kind": "note-below-table",
                "note_en": "The note is printed below the sheet's table, after the result lines; it names this "
                "criterion and is kept with it.",
            }
        )
    oddities_in("sheet", raw["name_vi"], odd)
    oddities_in("sheet", raw["disq"], odd)
    parts = []
    for part in raw["parts"]:
        oddities_in(f"part {part['code']}", part["name"], odd)
        sections = []
        for s in part["sections"]:
            oddities_in(f"section {s.number}", s.name, odd)
            if s.part_note:
                odd.append(
                    {
                        "where": f"section {s.number}",
                        "kind": "part-note",
                        "note_en": f"The note is printed under the heading of part {part['code']}, before section "
                        f"{s.number}; it is kept with the part's first criterion.",
                    }
                )
            if part.get("additive"):
                crits = additive_items(s, part, table, odd)
                smax = s.max
            elif not s.children:
                crits = [criterion(s, s.number, s.name, table, odd)]
                smax = s.max
            else:
                if s.notes:
                    s.children[0].notes[:0] = s.notes
                crits = [criterion(c, c.number, c.name, table, odd) for c in s.children]
                smax = s.max
                if smax is None:
                    smax = sum(c["max_points"] for c in crits)
                    odd.append(
                        {
                            "where": f"section {s.number}",
                            "kind": "maximum-not-printed",
                            "note_en": f"The section's maximum is not printed; {smax} is the sum of its criteria.",
                        }
                    )
            subs = [
                {"number": sub.number, "name_vi": sub.name, "name_en": en(table, sub.name), "max_points": sub.max}
                for sub in s.subs
            ]
            sections.append(
                {
                    "number": s.number,
                    "name_vi": s.name,
                    "name_en": en(table, s.name),
                    "max_points": smax,
                    "subsections": subs,
                    "criteria": crits,
                }
            )
        parts.append(
            {
                "code": part["code"],
                "name_vi": part["name"],
                "name_en": en(table, part["name"]),
                "max_points": part["max"],
                "sections": sections,
            }
        )
    odd += [{"where": w, "kind": k, "note_en": n} for c, w, k, n in MANUAL if c == code]
    if raw["disq"] is None:
        odd.append(
            {
                "where": "sheet",
                "kind": "no-disqualification-rule",
                "note_en": "The sheet prints no 'Bị loại khi' rule.",
            }
        )
    for part in raw["parts"]:
        numbers = [int(s.number) for s in part["sections"]]
        for a, b in itertools.pairwise(numbers):
            if b != a + 1:
                odd.append(
                    {
                        "where": f"section {b}",
                        "kind": "numbering-gap",
                        "note_en": f"The sections are numbered {a} then {b}: no section {a + 1} is printed.",
                    }
                )
        for sec in part["sections"]:
            subs = [c.number for c in sec.children if c.group is None and not c.number.endswith("b")]
            last = [int(n.split(".")[-1]) for n in subs]
            for (x, y), name in zip(itertools.pairwise(last), subs[1:], strict=True):
                if y != x + 1:
                    odd.append(
                        {
                            "where": name,
                            "kind": "numbering-gap",
                            "note_en": f"Criterion {name} follows {sec.number}.{x}: no criterion {sec.number}.{x + 1} "
                            "is printed.",
                        }
                    )
    for where, kind in raw["extras"]:
        odd.append({"where": where, "kind": kind, "note_en": NOTES[kind]})
    return {
        "format": 1,
        "edition": "1048/2019",
        "code": code,
        "name_vi": raw["name_vi"],
        "name_en": en(table, raw["name_vi"]),
        "sector_vi": raw["sector_vi"],
        "sector_en": en(table, raw["sector_vi"]),
        "group_vi": raw["group_vi"],
        "group_en": en(table, raw["group_vi"]),
        "provenance": {
            "instrument": "1048/QĐ-TTg",
            "signed_on": "2019-08-21",
            "location": f"Phụ lục III, bộ sản phẩm {code}",
            "source": SOURCE_NAME,
            "source_sha256": sha,
            "official_record": None,
        },
        "disqualification": disqualification(raw["disq"], table) if raw["disq"] else None,
        "parts": parts,
        "oddities": odd,
    }


SECTOR_EN = {
    "I": "Food",
    "II": "Drinks",
    "III": "Herbal products",
    "IV": "Handicrafts and decorations",
    "V": "Textiles and garments",
    "VI": "Rural tourism services and sales",
}


def classification(text: str, table: dict[str, str], sha: str) -> dict[str, Any]:
    """Appendix I: sectors (I–VI), groups (Nhóm), subgroups (Phân nhóm), lead ministries.

    Product sets map onto Appendix III's sheets in printed order (the order of its
    table of contents).
    """
    start = text.index("PHỤ LỤC I\n")
    row_text = text[start : text.index("PHỤ LỤC II")].split("\n")[3]
    items = [" ".join(unicodedata.normalize("NFC", c).split()) for c in row_text.split(" | ")]
    items = [c for c in items if c]
    assert items[:3] == ["STT", "Phân loại sản phẩm", "Bộ chủ trì quản lý1"], items[:3]
    rows: list[list[str]] = []
    for cell in items[3:]:
        if re.fullmatch(r"[IVX]+|\d+(\.\d+)?", cell):
            rows.append([cell])
        elif cell.startswith("1 Theo Nghị định"):
            footnote = cell[2:]
        else:
            rows[-1].append(cell)
    sectors: list[dict[str, Any]] = []
    sheet = 0
    for row in rows:
        key, name, *ministry = row
        # "Nông nghiệp và Phát triển nông thôn, Công Thương" names two ministries;
        # "Vãn hóa, Thể thao và Du lịch" is one.
        ministries = re.split(r", (?!Thể thao)", ministry[0]) if ministry else []
        if re.fullmatch(r"[IVX]+", key):
            sectors.append(
                {
                    "code": key,
                    "name_vi": name,
                    "name_en": SECTOR_EN[key],
                    "groups": [],
                    "sheet": None,
                    "lead_ministries_vi": ministries,
                }
            )
            if ministries:  # a sector without groups (textiles) is one product set
                sheet += 1
                sectors[-1]["sheet"] = sheet
            continue
        sector = sectors[-1]
        label = re.sub(r"^(Phân nhóm|Nhóm) ?: ", "", name)
        if "." not in key:
            sector["groups"].append(
                {
                    "code": f"{sector['code']}.{key}",
                    "name_vi": label,
                    "name_en": en(table, label),
                    "lead_ministries_vi": ministries,
                    "sheet": None,
                    "subgroups": [],
                }
            )
        else:
            group = sector["groups"][-1]
            sheet += 1
            group["subgroups"].append(
                {
                    "code": f"{group['code']}.{'abcdefgh'[int(key.split('.')[1]) - 1]}",
                    "name_vi": label,
                    "name_en": en(table, label),
                    "lead_ministries_vi": ministries,
                    "sheet": sheet,
                }
            )
    # Groups without subgroups are scored on a sheet of their own; sheets follow the
    # printed order, so renumber in that order.
    sheet = 0
    for sector in sectors:
        if sector["sheet"] is not None:
            sheet += 1
            sector["sheet"] = sheet
        for group in sector["groups"]:
            if not group["subgroups"]:
                sheet += 1
                group["sheet"] = sheet
            for sub in group["subgroups"]:
                sheet += 1
                sub["sheet"] = sheet
    assert sheet == 26, sheet
    return {
        "format": 1,
        "edition": "1048/2019",
        "provenance": {
            "instrument": "1048/QĐ-TTg",
            "signed_on": "2019-08-21",
            "location": "Phụ lục I (Danh mục phân loại sản phẩm tham gia Chương trình mỗi xã một sản phẩm - OCOP)",
            "source": SOURCE_NAME,
            "source_sha256": sha,
            "official_record": None,
        },
        "ministry_note_vi": footnote,
        "ministry_note_en": "Lead ministry (Bộ chủ trì quản lý) per Decree 15/2018/NĐ-CP; names as printed "
        "(without 'Bộ'; sector VI's reads 'Vãn hóa' for 'Văn hóa').",
        "sectors": sectors,
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    src = Path(args[0]) if args else DEFAULT_SOURCE
    data = src.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    table = load_glosses()
    sheets = split_sheets(data.decode("utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    for code, body in sheets.items():
        raw = parse_sheet(code, body)
        if "--dump" in argv:
            dump(raw)
        out = build(raw, table, sha)
        text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
        (OUT / f"sheet-{code:02d}.json").write_text(text, encoding="utf-8")
    cls = classification(data.decode("utf-8"), table, sha)
    (OUT / "classification.json").write_text(json.dumps(cls, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if MISSING:
        Path("/tmp/missing-glosses-1048.txt").write_text("\n".join(sorted(MISSING.values())) + "\n", encoding="utf-8")
        print(f"{len(MISSING)} texts without a gloss (listed in /tmp/missing-glosses-1048.txt)")
        return 1 if "--strict" in argv else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
