"""Read the scoring sheets straight out of the shared text of Decision 26/2026/QĐ-TTg.

Test-only helper: the packaged data never imports this module, and nothing under
``ocop/`` reads the shared HTML.  It turns each sheet's table in Appendix II into a
flat list of :class:`Row` records (text cell, point cell, whether the text is bold),
which the transcription test compares with the packaged sheet files and which
``scripts/draft_sheet.py`` uses to draft a new sheet file for review.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sources" / "qd-26-2026-qd-ttg.html"

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside cells are layout, not text)."""
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


@dataclass
class Cell:
    text: str = ""
    bold: str = ""


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    @property
    def text(self) -> str:
        return normalise(self.cells[0].text) if self.cells else ""

    @property
    def bold(self) -> str:
        return normalise(self.cells[0].bold) if self.cells else ""

    @property
    def points(self) -> str:
        return normalise(self.cells[1].text) if len(self.cells) > 1 else ""


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[int, list[Row]]] = []
        self._depth = 0
        self._rows: list[Row] | None = None
        self._bold = 0
        self._in_cell = False
        self._pos = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows = []
                self._pos = self.getpos()[0]
        elif self._rows is not None and self._depth == 1:
            if tag == "tr":
                self._rows.append(Row())
            elif tag == "td":
                self._rows[-1].cells.append(Cell())
                self._in_cell = True
            elif tag in {"b", "strong"}:
                self._bold += 1
            elif tag == "p" and self._in_cell:
                self._add(" ")
            elif tag == "br" and self._in_cell:
                self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth == 1 and self._rows is not None:
                self.tables.append((self._pos, self._rows))
                self._rows = None
            self._depth -= 1
        elif tag in {"b", "strong"} and self._bold:
            self._bold -= 1
        elif tag == "td":
            self._in_cell = False

    def _add(self, data: str) -> None:
        if self._rows and self._rows[-1].cells:
            cell = self._rows[-1].cells[-1]
            cell.text += data
            if self._bold:
                cell.bold += data

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self._add(data)


def _sheet_starts(source: str) -> dict[int, int]:
    """Line number of each sheet's heading ("N. Bộ sản phẩm: …") in Appendix II."""
    starts: dict[int, int] = {}
    for lineno, line in enumerate(source.splitlines(), start=1):
        m = re.search(r'<a name="dieu_(\d+)(?:_1)?">', line)
        if m:
            # Articles use the same anchors earlier in the file; Appendix II comes
            # last, so the last occurrence of each number is the sheet heading.
            starts[int(m.group(1))] = lineno
    return starts


@functools.cache
def _parsed(source_path: Path) -> tuple[str, list[tuple[int, list[Row]]], dict[int, int]]:
    source = source_path.read_text(encoding="utf-8")
    parser = _TableParser()
    parser.feed(source)
    return source, parser.tables, _sheet_starts(source)


def sheet_rows(code: int, source_path: Path = SOURCE) -> list[Row]:
    """The rows of the scoring table of sheet ``code`` (1–26), in printed order."""
    _, tables_all, starts = _parsed(source_path)
    begin = starts[code]
    end = starts.get(code + 1, 10**9)
    tables = [rows for pos, rows in tables_all if begin < pos < end]
    # The scoring table is the one that ends with the "TỔNG CỘNG" (total) row.
    for rows in tables:
        if any(r.text.startswith("TỔNG CỘNG") for r in rows):
            return rows
    raise LookupError(f"no scoring table found for sheet {code}")


def sheet_header(code: int, source_path: Path = SOURCE) -> list[str]:
    """The paragraphs printed between the sheet heading and its table."""
    source, _, starts = _parsed(source_path)
    lines = source.splitlines()
    begin = starts[code] - 1
    chunk = "\n".join(lines[begin : begin + 80])
    chunk = chunk.split("<table", 1)[0]
    paras = re.findall(r"<p[^>]*>(.*?)</p>", chunk, flags=re.S)
    return [normalise(html.unescape(re.sub(r"<[^>]+>", "", p))) for p in paras]


PART = re.compile(r"^(?:Phần|PHẦN) ([ABC]):?\s*(.*?)\s*\((\d+)\s*[Đđ]iểm\)$")
SECTION = re.compile(r"^(\d+)(?:\.\s*|\s+)(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])(.+)$")
CRITERION = re.compile(r"^(\d+\.\d+(?:\.\d+)?)\.?\s+(.+)$")
CASE = re.compile(r"^([a-z])\.\s+(Trường hợp \d+:.*)$")
# A star mark may be printed spaced ("* * * *", sheet 3, 5.1).
LEVEL = re.compile(r"^[□o]\s*(.+?)\s*(\*(?:\s*\*){2,4})?$")
NOTE_OPENER = re.compile(r"\s(?=Ghi chú|Yêu cầu|Bị loại|Chú ý|Chỉ áp dụng)")
HEADER = re.compile(r"^\(Sản phẩm:\s*(.+?)(?:[.,]\s*Nhóm:\s*(.+?))?\)$")
INT = re.compile(r"^\d+$")


def note_kind(text: str) -> str:
    low = text.lower()
    if text.startswith("Yêu cầu"):
        return "requirement"
    if "không đánh giá các bước tiếp theo" in low or "không xem xét các chỉ tiêu khác" in low:
        return "halt"
    if "bị loại" in low:
        return "elimination"
    if text.startswith("Chỉ áp dụng"):
        return "scope"
    return "note"


def _split_name(row: Row, m: re.Match[str]) -> tuple[str, str | None, str | None]:
    """Split a heading cell into (name, description, trailing requirement note)."""
    prefix = row.text[: m.start(2)]
    text = row.text[len(prefix) :].strip()
    bold = row.bold
    name = text
    rest = ""
    if bold.startswith(prefix.strip()):
        bold_name = bold[len(prefix.strip()) :].strip()
        # Stray bold punctuation printed after the plain rest (")", ".") is not the name's.
        while bold_name and bold_name[-1] in ")." and not text.startswith(bold_name):
            bold_name = bold_name[:-1].rstrip()
        # A last letter set apart in plain type ("xuấ" + "t") still belongs to the name.
        while 0 < len(bold_name) < len(text) and text.startswith(bold_name) and text[len(bold_name)].isalpha():
            bold_name = text[: len(bold_name) + 1]
        if bold_name and text.startswith(bold_name) and len(bold_name) < len(text):
            name, rest = bold_name, text[len(bold_name) :].strip()
    note = None
    if rest.startswith("Yêu cầu"):
        note, rest = rest, ""
    return name, (rest or None), note


class _Sheet:
    """Accumulates one sheet while walking its table rows; records anomalies on the way."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.parts: list[dict[str, Any]] = []
        self.section: dict[str, Any] | None = None
        self.criterion: dict[str, Any] | None = None
        self.pending_leaf = False
        self.case: str | None = None
        self.anomalies: list[dict[str, str]] = []

    def anomaly(self, where: str, kind: str, detail: str) -> None:
        self.anomalies.append({"where": where, "kind": kind, "detail": detail})

    def number(self, where: str, cell: str) -> int | None:
        if cell == "":
            return None
        if INT.match(cell):
            return int(cell)
        first = cell.split()[0]
        self.anomaly(where, "stray-text-in-point-cell", f"point cell reads {cell!r}; the first number is used")
        return int(first)

    def new_criterion(self, number: str, name: str, desc: str | None, points: str) -> dict[str, Any]:
        value = self.number(number, points)
        if value is None:
            self.anomaly(number, "blank-maximum", "the criterion's maximum cell is blank")
            value = 0
        self.case = None
        return {"number": number, "name_vi": name, "name_en": "", "description_vi": desc,
                "max_points": value, "notes": [], "levels": [], "group": None, "cases": []}

    def flush_leaf(self, *, has_levels: bool = False) -> None:
        """Settle a section heading: a leaf criterion if levels (or nothing) follow it."""
        if self.pending_leaf and self.section is not None and self.criterion is not None:
            if has_levels or not self.section["criteria"]:
                self.section["criteria"].append(self.criterion)
        self.pending_leaf = False

    def row(self, row: Row) -> None:
        text, points = row.text, row.points
        if text in {"Các tiêu chí", ""} or text.startswith("TỔNG CỘNG"):
            return
        if m := PART.match(text):
            self.flush_leaf()
            value = self.number(f"part {m.group(1)}", points)
            if value != int(m.group(3)):
                self.anomaly(f"part {m.group(1)}", "heading-points",
                             f"heading says {m.group(3)} points, the point cell {points!r}")
            self.parts.append({"code": m.group(1), "name_vi": m.group(2), "name_en": "",
                               "max_points": value, "sections": []})
            self.section = self.criterion = None
            return
        if m := CRITERION.match(text):
            self.pending_leaf = False  # the section has numbered criteria of its own
            assert self.section is not None, text
            number = m.group(1)
            name, desc, note = _split_name(row, m)
            group = None
            if number.count(".") == 2:
                group = number.rsplit(".", 1)[0]
                subs = self.section["subsections"]
                if not any(sub["number"] == group for sub in subs):
                    # The parent heading ("6.1. Ngoại hình") was read as a criterion:
                    # it is a subsection grouping the three-part numbers below it.
                    parent = self.section["criteria"].pop()
                    assert parent["number"] == group and not parent["levels"], (parent["number"], number)
                    subs.append({"number": group, "name_vi": parent["name_vi"], "name_en": "",
                                 "max_points": parent["max_points"]})
            self.criterion = self.new_criterion(number, name, desc, points)
            self.criterion["group"] = group
            if note:
                self.criterion["notes"].append({"kind": note_kind(note), "text_vi": note, "text_en": ""})
            self.section["criteria"].append(self.criterion)
            return
        if (m := SECTION.match(text)) and not LEVEL.match(text):
            self.flush_leaf()
            name, desc, note = _split_name(row, m)
            value = self.number(m.group(1), points)
            self.section = {"number": m.group(1), "name_vi": name, "name_en": "",
                            "max_points": value, "subsections": [], "criteria": []}
            self.parts[-1]["sections"].append(self.section)
            # A section printed with levels of its own (7. DINH DƯỠNG…) is a leaf: it
            # becomes a single criterion with the section's number.
            self.criterion = self.new_criterion(m.group(1), name, desc, points)
            if note:
                self.criterion["notes"].append({"kind": note_kind(note), "text_vi": note, "text_en": ""})
            self.pending_leaf = True
            return
        if m := LEVEL.match(text):
            assert self.criterion is not None, text
            self.flush_leaf(has_levels=True)
            if text.startswith("o"):
                self.anomaly(self.criterion["number"], "bullet", f"level printed with 'o': {m.group(1)[:40]}")
            value = self.number(self.criterion["number"], points)
            if value is None:
                self.anomaly(self.criterion["number"], "blank-points", f"blank point cell: {m.group(1)[:60]}")
            level_text, stars = m.group(1), m.group(2)
            note = None
            if "*" in level_text:
                # a note printed in the level's cell after its star mark (sheets 21, 22, 6.2)
                level_text, note = (part.strip() for part in NOTE_OPENER.split(level_text, maxsplit=1))
                if (sm := LEVEL.match("□ " + level_text)) is not None:
                    level_text, stars = sm.group(1), sm.group(2)
            self.criterion["levels"].append({
                "text_vi": level_text, "text_en": "", "points": value, "assumed_points": None,
                "star": stars.count("*") if stars else None, "printed": True, "case": self.case,
            })
            if note:
                self.criterion["notes"].append({"kind": note_kind(note), "text_vi": note, "text_en": ""})
            return
        if (m := CASE.match(text)) and self.criterion is not None:
            self.flush_leaf(has_levels=True)
            self.case = m.group(1)
            self.criterion["cases"].append({"key": m.group(1), "text_vi": m.group(2), "text_en": ""})
            return
        assert self.criterion is not None, text
        if points:
            self.anomaly(self.criterion["number"], "points-on-note", f"note row has points {points!r}: {text[:50]}")
        note: dict[str, Any] = {"kind": note_kind(text), "text_vi": text, "text_en": ""}
        if "các chỉ tiêu trên" in text and self.section is not None:
            # "the criteria above": every criterion of the section printed so far
            note["covers"] = [c["number"] for c in self.section["criteria"]]
        self.criterion["notes"].append(note)


def parse_sheet(code: int, source_path: Path = SOURCE) -> dict[str, Any]:
    """Parse sheet ``code`` into the packaged file format (English left empty).

    The result also carries ``"_anomalies"``: irregularities met while parsing (a blank
    point cell, a stray number, a heading whose points disagree with its cell…), for
    the reviewer to record as oddities.
    """
    header = sheet_header(code, source_path)
    sector = group = ""
    disq: list[str] = []
    for para in header:
        m = HEADER.match(para)
        if m and not sector:
            sector, group = m.group(1), m.group(2) or ""
        if para.startswith(("Hồ sơ bị loại khi:", "Bị loại khi:")):
            disq.append(para)
    walker = _Sheet(code)
    if len(disq) > 1:
        walker.anomaly("sheet", "duplicate-paragraph", f"'Hồ sơ bị loại khi' printed {len(disq)} times")
    for row in sheet_rows(code, source_path):
        walker.row(row)
    walker.flush_leaf()
    for part in walker.parts:
        for sec in part["sections"]:
            for crit in sec["criteria"]:
                if not crit["levels"]:
                    walker.anomaly(crit["number"], "no-levels-printed", "no levels printed")
    name = re.sub(r"^\d+\.\s*", "", header[0].split("Bộ sản phẩm:", 1)[-1].strip())
    source = source_path.read_bytes()
    return {
        "format": 1,
        "edition": "26/2026",
        "code": code,
        "name_vi": name,
        "name_en": "",
        "sector_vi": sector,
        "sector_en": "",
        "group_vi": group,
        "group_en": "",
        "provenance": {
            "instrument": "26/2026/QĐ-TTg",
            "signed_on": "2026-05-22",
            "location": f"Phụ lục II, phiếu {code}",
            "source": "HTML transcript, hakienpdu95/minhan docs/bnn_txng.html @ 94397bf",
            "source_sha256": hashlib.sha256(source).hexdigest(),
            "official_record": "https://vanban.chinhphu.vn/?classid=1&docid=218267&orggroupid=3&pageid=27160",
        },
        "disqualification": {"text_vi": disq[0], "text_en": "", "grounds": []} if disq else None,
        "parts": walker.parts,
        "oddities": [],
        "_anomalies": walker.anomalies,
    }


if __name__ == "__main__":  # pragma: no cover - manual inspection aid
    import sys

    for row in sheet_rows(int(sys.argv[1])):
        print(repr(row.bold[:40]), "|", row.text[:110], "|", row.points)
