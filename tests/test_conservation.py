"""Conservation check: every cell of Appendix II of Decision 26/2026 is in the packaged data.

This test is built on a different principle from ``test_transcription.py`` (which walks
the table with its own row parser, the way the data was first drafted).  Here the HTML
is read with lxml, every table cell is reduced to its raw text (all text nodes of the
``<td>``, whatever inline elements split them), and the text is *counted*:

* **tokens** — each cell's text is cut into words and punctuation marks; per sheet and
  per heading (the rows from one numbered heading to the next), the multiset of source
  tokens must equal the multiset of tokens of every Vietnamese string the data holds
  for that heading (names, descriptions, level texts, notes, case labels), with nothing
  left over on either side;
* **points** — the numbers of the point column, per heading, equal the heading's
  maximum plus the printed points of its levels;
* **star marks** — every run of asterisks, spaced or not (``***``, ``* * * *``), is cut
  out of its paragraph and must be the star mark of the level whose text is the rest of
  that paragraph, on the criterion of that heading;
* **notes** — every sentence that opens with "Ghi chú", "Yêu cầu", "Bị loại", "Chú ý"
  or "Chỉ áp dụng" must be a note of the kind :func:`expected_kind` gives, on the
  criterion it is printed under (a note on "các chỉ tiêu trên" covers them), and no
  name, level, case or description may hold such a sentence;
* **levels and headings** — each tick-box row is one level (text, points, printed
  order); each heading cell is the name and description; plain type after a bold name
  is never the name;
* **the raw file** — every run of asterisks in the whole decision, tags stripped, is a
  star mark of a table or one of the three of a sheet's legend.

Documented normalisation: whitespace runs (including no-break spaces) collapse; the
asterisks themselves are star marks, not text; the structural labels of a row — the
heading number ("1.1."), the part label and its points ("Phần A: … (40 điểm)"), the
case letter ("a."), the level bullet ("□", once "o") — are checked as structure, not as
text; the table's header row and total row are fixed.  Nothing else is waived: no word
is left over on either side.  Irregular printing (a spaced or split star mark, an "o"
bullet, a note inside a level's cell, a name's last letter set apart, a heading whose
points disagree with its cell, a stray number in a point cell, a missing star legend)
must be a recorded oddity of the sheet.  :func:`test_the_check_finds_a_planted_defect`
shows the counts catch each kind of defect they were built for.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from pathlib import Path

import pytest

import ocop
from ocop.criteria import NoteKind

lxml_html = pytest.importorskip("lxml.html")

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sources" / "qd-26-2026-qd-ttg.html"

pytestmark = pytest.mark.skipif(
    not SOURCE.exists() and not os.getenv("OCOP_REQUIRE_SOURCES"),
    reason=f"decision text not found at {SOURCE}",
)

CODES = tuple(range(1, 27))

TOKEN = re.compile(r"\w+|[^\w\s]")
STARS = re.compile(r"\*(?:\s*\*)*")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*(?=\D|$)")
PART = re.compile(r"^(?:Phần|PHẦN)\s+([ABC])\s*:?\s*(.*?)\s*\((\d+)\s*[Đđ]iểm\)$")
CASE = re.compile(r"^([a-z])\.\s+(?=Trường hợp)")
BULLET = re.compile(r"^(?:□|o(?=\s))\s*")
#: Words that open a note; matched with their capital, as the decision prints them.
NOTE_OPENER = re.compile(r"Ghi chú|Yêu cầu|Bị loại|Chú ý|Chỉ áp dụng")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def tokens(text: str | None) -> Counter[str]:
    return Counter(TOKEN.findall(norm(text))) if text else Counter()


def expected_kind(sentence: str) -> NoteKind:
    """The kind of a note, by the words the decision uses (written out here, not imported)."""
    low = sentence.lower()
    if "không đánh giá các bước tiếp theo" in low or "không xem xét các chỉ tiêu khác" in low:
        return NoteKind.HALT
    if "bị loại" in low:
        return NoteKind.ELIMINATION
    if sentence.startswith("Yêu cầu"):
        return NoteKind.REQUIREMENT
    if sentence.startswith("Chỉ áp dụng"):
        return NoteKind.SCOPE
    return NoteKind.NOTE


@functools.cache
def _document():
    return lxml_html.document_fromstring(SOURCE.read_text(encoding="utf-8"))


@functools.cache
def _scoring_tables() -> list:
    tables = [t for t in _document().iter("table") if "TỔNG CỘNG" in norm(t.text_content())]
    assert len(tables) == 26, "Appendix II prints 26 scoring tables, each ending in TỔNG CỘNG"
    return tables


def _bold(piece) -> bool:
    """Whether a text node of the cell is set in bold (inside a <b> or <strong>)."""
    holder = piece.getparent().getparent() if piece.is_tail else piece.getparent()
    for element in (holder, *holder.iterancestors()):
        if element.tag in {"b", "strong"}:
            return True
        if element.tag == "td":
            return False
    return False  # pragma: no cover - every piece is inside a cell


def _split_last_letter(cell) -> str:
    """The last letter of a bold heading where it is set apart, not bold ("<b>xuấ</b><em>t</em>")."""
    paragraph = next(cell.iter("p"), cell)
    pieces = [piece for piece in paragraph.xpath(".//text()") if piece.strip()]
    if len(pieces) < 2 or len(pieces[-1].strip()) != 1 or not pieces[-1].strip().isalpha():
        return ""
    if not pieces[-2][-1].isspace() and _bold(pieces[-2]) and not _bold(pieces[-1]):
        return pieces[-1].strip()
    return ""


def _plain_tail(cell, letter: str) -> str:
    """The text set in plain type after the last bold word of a heading cell."""
    pieces = cell.xpath(".//text()")
    last = max((i for i, p in enumerate(pieces) if _bold(p) and any(ch.isalnum() for ch in p)), default=None)
    if last is None:
        return ""
    tail = norm(STARS.sub(" ", "".join(pieces[last + 1 :])))
    if letter and tail.startswith(letter):
        tail = tail[len(letter) :]
    tail = norm(tail)
    return tail if any(ch.isalnum() for ch in tail) else ""


class Source:
    """What one scoring table prints, counted per heading."""

    def __init__(self, code: int) -> None:
        self.words: dict[str, Counter[str]] = {}
        self.points: dict[str, Counter[int]] = {}
        self.bullets: Counter[str] = Counter()
        self.stars: Counter[tuple[str, int, str]] = Counter()
        self.levels: dict[str, list[tuple[str, str]]] = {}
        self.notes: Counter[tuple[str, str, NoteKind]] = Counter()
        self.part_points: dict[str, int] = {}
        #: note sentence -> the headings its section printed up to it ("các chỉ tiêu trên")
        self.above: dict[tuple[str, str], tuple[str, ...]] = {}
        #: irregular printing met on the way, each to be a recorded oddity: (where, kind)
        self.irregular: set[tuple[str, str]] = set()
        #: heading -> the plain-type text after the bold name in its cell
        self.plain_tails: dict[str, str] = {}
        #: heading -> the text of its cell, less the number and any note sentence
        self.headings: dict[str, str] = {}
        key = "header"
        seen: list[str] = []
        for tr in _scoring_tables()[code - 1].iter("tr"):
            cells = tr.findall("td")
            paragraphs = [norm(p.text_content()) for p in cells[0].iter("p")] or [norm(cells[0].text_content())]
            paragraphs = [p for p in paragraphs if p]
            level_row = heading_row = False
            first = paragraphs[0] if paragraphs else ""
            if first.startswith("TỔNG CỘNG"):
                key = "total"
            elif m := PART.match(" ".join(paragraphs)):
                key = f"part {m.group(1)}"
                self.part_points[m.group(1)] = int(m.group(3))
                paragraphs = [m.group(2)]
            elif m := NUMBERED.match(first):
                key = m.group(1)
                paragraphs[0] = first[m.end() :]
                seen.append(key)
                heading_row = True
                letter = _split_last_letter(cells[0])
                if letter:
                    self.irregular.add((key, "split-heading"))
                plain = _plain_tail(cells[0], letter)
                if plain:
                    self.plain_tails[key] = plain
            elif m := CASE.match(first):
                paragraphs[0] = first[m.end() :]
            elif m := BULLET.match(first):
                paragraphs[0] = first[m.end() :]
                level_row = True
                if not first.startswith("□"):
                    self.irregular.add((key, "bullet"))
            if sum(len(STARS.findall(node)) for node in cells[0].xpath(".//text()")) > len(
                STARS.findall(norm(cells[0].text_content()))
            ):
                self.irregular.add((key, "split-star-mark"))
            kept = []
            for para in paragraphs:
                for run in STARS.findall(para):
                    if " " in run:
                        self.irregular.add((key, "spaced-star-mark"))
                    self.stars[(key, run.count("*"), norm(STARS.sub(" ", para)))] += 1
                kept.append(norm(STARS.sub(" ", para)))
            text = norm(" ".join(kept))
            # every box printed in the cell, not only the first, is a level of its own
            self.bullets[key] += level_row + text.count("□")
            text = norm(text.replace("□", " "))
            opener = NOTE_OPENER.search(text)
            if heading_row:
                self.headings[key] = norm(text[: opener.start()]) if opener else text
            if level_row and opener:
                self.irregular.add((key, "note-in-level-cell"))
            if level_row:
                # a note printed in the level's cell (sheets 21, 22, 6.2) is not level text
                level_text = norm(text[: opener.start()]) if opener else text
                cell = norm(cells[1].text_content()) if len(cells) > 1 else ""
                self.levels.setdefault(key, []).append((level_text, cell))
            if m := opener:
                sentence = text[m.start() :]
                self.notes[(key, sentence, expected_kind(sentence))] += 1
                if "các chỉ tiêu trên" in sentence:
                    # "the criteria above": the leaf headings of this section printed so far
                    top = key.split(".")[0] + "."
                    mine = [k for k in seen if k.startswith(top)]
                    self.above[(key, sentence)] = tuple(k for k in mine if not any(o.startswith(k + ".") for o in mine))
            self.words.setdefault(key, Counter()).update(tokens(text))
            for cell in cells[1:]:
                numbers = self.points.setdefault(key, Counter())
                numbers.update(int(t) for t in TOKEN.findall(norm(cell.text_content())) if t.isdigit())
                self.words[key].update(t for t in TOKEN.findall(norm(cell.text_content())) if not t.isdigit())


class Data:
    """What the packaged sheet holds, counted per heading in the same way."""

    def __init__(self, sheet: ocop.criteria.Sheet) -> None:
        self.words: dict[str, Counter[str]] = {
            "header": tokens("Các tiêu chí Thang điểm"),
            "total": tokens("TỔNG CỘNG"),
        }
        self.points: dict[str, Counter[int]] = {"total": Counter([100])}
        self.bullets: Counter[str] = Counter()
        self.stars: Counter[tuple[str, int, str]] = Counter()
        self.levels: dict[str, list[tuple[str, str]]] = {}
        self.notes: Counter[tuple[str, str, NoteKind]] = Counter()
        self.covers: dict[tuple[str, str], tuple[str, ...]] = {}
        self.names: dict[str, tuple[str, str | None]] = {}
        self.headings: dict[str, str] = {}
        self.texts: list[tuple[str, str]] = []  # (where, text) of every non-note string

        def add(key: str, text: str | None, where: str = "") -> None:
            self.words.setdefault(key, Counter()).update(tokens(text))
            if text and where:
                self.texts.append((where, text))

        def score(key: str, value: int | None) -> None:
            if value is not None:
                self.points.setdefault(key, Counter())[value] += 1

        for part in sheet.parts:
            add(f"part {part.code}", part.name_vi, f"part {part.code}")
            score(f"part {part.code}", part.max_points)
            for section in part.sections:
                add(section.number, section.name_vi, f"section {section.number}")
                self.names[section.number] = (section.name_vi, None)
                self.headings[section.number] = section.name_vi
                score(section.number, section.max_points)
                for sub in section.subsections:
                    add(sub.number, sub.name_vi, f"subsection {sub.number}")
                    self.names[sub.number] = (sub.name_vi, None)
                    self.headings[sub.number] = sub.name_vi
                    score(sub.number, sub.max_points)
                for crit in section.criteria:
                    key = crit.number
                    if key != section.number:
                        add(key, crit.name_vi, f"criterion {key}")
                        score(key, crit.max_points)
                    add(key, crit.description_vi, f"description {key}")
                    self.names[key] = (crit.name_vi, crit.description_vi)
                    self.headings[key] = norm(f"{crit.name_vi} {crit.description_vi or ''}")
                    for case in crit.cases:
                        add(key, case.text_vi, f"case {key} {case.key}")
                    for note in crit.notes:
                        add(key, note.text_vi)
                        if note.covers:
                            self.covers[(key, note.text_vi)] = note.covers
                        if NOTE_OPENER.match(note.text_vi):
                            self.notes[(key, note.text_vi, note.kind)] += 1
                        else:
                            assert note.kind is NoteKind.NOTE, (key, note.text_vi)
                    for level in crit.levels:
                        if not level.printed:
                            continue
                        self.bullets[key] += 1
                        cell = "" if level.points is None else str(level.points)
                        self.levels.setdefault(key, []).append((level.text_vi or "", cell))
                        add(key, level.text_vi, f"level {key}")
                        score(key, level.points)
                        if level.star is not None:
                            self.stars[(key, int(level.star), level.text_vi or "")] += 1


@functools.cache
def _pair(code: int) -> tuple[Source, Data, ocop.criteria.Sheet]:
    sheet = ocop.criteria.sheet(code, edition="26/2026")
    return Source(code), Data(sheet), sheet


def _oddities(sheet: ocop.criteria.Sheet) -> set[tuple[str, str]]:
    return {(o.where, o.kind) for o in sheet.oddities}


@pytest.mark.parametrize("code", CODES)
def test_every_word_is_accounted_for(code):
    source, data, _ = _pair(code)
    leftovers = {}
    for key in sorted(set(source.words) | set(data.words)):
        only_source = source.words.get(key, Counter()) - data.words.get(key, Counter())
        only_data = data.words.get(key, Counter()) - source.words.get(key, Counter())
        if not (only_source or only_data):
            continue
        leftovers[key] = (" ".join(sorted(only_source.elements())), " ".join(sorted(only_data.elements())))
    assert leftovers == {}


@pytest.mark.parametrize("code", CODES)
def test_every_point_cell_is_accounted_for(code):
    source, data, sheet = _pair(code)
    stray = {where for where, kind in _oddities(sheet) if kind == "stray-text-in-point-cell"}
    for key in sorted(set(source.points) | set(data.points)):
        printed, held = source.points.get(key, Counter()), data.points.get(key, Counter())
        if key in stray:
            # the recorded stray number is the only thing the data leaves out
            assert not held - printed, key
            assert sum((printed - held).values()) == 1, key
        else:
            assert printed == held, key


@pytest.mark.parametrize("code", CODES)
def test_part_headings_print_the_part_maximum(code):
    source, _, sheet = _pair(code)
    for part in sheet.parts:
        if (f"part {part.code}", "heading-points") not in _oddities(sheet):
            assert source.part_points[part.code] == part.max_points


@pytest.mark.parametrize("code", CODES)
def test_every_level_bullet_is_a_printed_level(code):
    source, data, _ = _pair(code)
    assert source.bullets == data.bullets


@pytest.mark.parametrize("code", CODES)
def test_every_level_cell_is_one_level_text_with_its_points_in_order(code):
    """A tick-box row is exactly one level: its text (nothing of a note or another level in
    it), the points printed beside it, in the printed order of the levels."""
    source, data, _ = _pair(code)
    assert source.levels == data.levels


@pytest.mark.parametrize("code", CODES)
def test_every_run_of_asterisks_is_a_star_mark(code):
    source, data, _ = _pair(code)
    assert sorted(source.stars.elements()) == sorted(data.stars.elements())
    assert not [where for where, text in data.texts if "*" in text]


@pytest.mark.parametrize("code", CODES)
def test_every_note_sentence_is_a_note_of_its_kind(code):
    source, data, _ = _pair(code)
    assert sorted(source.notes.elements(), key=str) == sorted(data.notes.elements(), key=str)
    assert not [(where, text) for where, text in data.texts if NOTE_OPENER.search(text)]


@pytest.mark.parametrize("code", CODES)
def test_a_note_on_the_criteria_above_covers_them(code):
    source, data, _ = _pair(code)
    assert source.above == data.covers


@pytest.mark.parametrize("code", CODES)
def test_irregular_printing_is_a_recorded_oddity(code):
    """A spaced star mark or one split over two inline elements, an 'o' bullet, a note
    inside a level's cell, a heading whose last letter is set apart: each is read as the
    plain form, and recorded as an oddity."""
    source, _, sheet = _pair(code)
    kinds = {"split-heading", "bullet", "spaced-star-mark", "split-star-mark", "note-in-level-cell"}
    assert source.irregular == {(w, k) for w, k in _oddities(sheet) if k in kinds}


@pytest.mark.parametrize("code", CODES)
def test_plain_type_after_a_name_is_not_the_name(code):
    """The decision sets a heading's name in bold; what follows in plain type (a
    parenthetical explanation, a requirement) is a description or a note, never the name."""
    source, data, _ = _pair(code)
    wrong = {key: data.names[key][0] for key, tail in source.plain_tails.items() if tail[:20] in data.names[key][0]}
    assert wrong == {}


def test_every_asterisk_of_the_decision_is_a_star_mark_or_the_legend():
    """Counted a third way, on the raw file: each run of asterisks anywhere in the decision
    is a star mark of a scoring table, or one of the three of a sheet's legend ("Ghi chú:
    Dấu sao là yêu cầu tối thiểu … (*** - 3 sao; **** - 4 sao; ***** - 5 sao)")."""
    # tags stripped, so that a run split over two inline elements ("***</em><strong>*") is one
    raw = len(STARS.findall(re.sub(r"<[^>]*>", "", SOURCE.read_text(encoding="utf-8"))))
    in_tables = sum(sum(_pair(code)[0].stars.values()) for code in CODES)
    marks = sum(1 for code in CODES for c in _pair(code)[2].criteria for lvl in c.levels if lvl.star is not None)
    legends = [p for p in _document().iter("p") if "Dấu sao là yêu cầu tối thiểu" in norm(p.text_content())]
    without = [code for code in CODES if ("sheet", "no-star-legend") in _oddities(_pair(code)[2])]
    assert marks == in_tables
    assert len(legends) == len(CODES) - len(without)
    assert raw == in_tables + 3 * len(legends)


def _problems(code: int, sheet: ocop.criteria.Sheet) -> set[str]:
    """Which of the counts above disagree between the source and ``sheet``."""
    source, data = Source(code), Data(sheet)
    found = set()
    if any(source.words.get(k, Counter()) != data.words.get(k, Counter()) for k in set(source.words) | set(data.words)):
        found.add("words")
    if any(
        source.points.get(k, Counter()) != data.points.get(k, Counter()) for k in set(source.points) | set(data.points)
    ):
        found.add("points")
    if source.bullets != data.bullets or source.levels != data.levels:
        found.add("levels")
    if source.stars != data.stars or any("*" in text for _, text in data.texts):
        found.add("stars")
    if source.notes != data.notes or any(NOTE_OPENER.search(text) for _, text in data.texts):
        found.add("notes")
    if source.above != data.covers:
        found.add("covers")
    return found


def _criterion(data: dict, number: str) -> dict:
    return next(c for p in data["parts"] for s in p["sections"] for c in s["criteria"] if c["number"] == number)


def _move_note(d):
    _criterion(d, "1.2")["notes"].append(_criterion(d, "1.1")["notes"].pop())


def _swap_level_texts(d):
    levels = _criterion(d, "2.2")["levels"]
    levels[0]["text_vi"], levels[1]["text_vi"] = levels[1]["text_vi"], levels[0]["text_vi"]


def _note_into_name(d):
    crit = _criterion(d, "1.1")
    crit["name_vi"] += " " + crit["notes"].pop()["text_vi"]


def _star_down(d):
    _criterion(d, "6.5")["levels"][-1]["star"] = 4
    _criterion(d, "6.5")["levels"][-2]["star"] = None


def _cut_letter(d):
    crit = _criterion(d, "1.2")
    crit["name_vi"], crit["description_vi"] = crit["name_vi"][:-1], crit["name_vi"][-1]


def _points(d):
    _criterion(d, "6.5")["levels"][1]["points"] += 1  # 0, 1, 3, 5 -> 0, 2, 3, 5


PLANTED = {
    "a note moved to another criterion": (_move_note, {"words", "notes"}),
    "an elimination note made plain": (lambda d: _criterion(d, "1.1")["notes"][-1].update(kind="note"), {"notes"}),
    "two level texts swapped": (_swap_level_texts, {"levels"}),
    "a note merged into a name": (_note_into_name, {"notes"}),
    "a star mark lowered": (_star_down, {"stars"}),
    "a name cut by its last letter": (_cut_letter, {"words"}),
    "a level's points changed": (_points, {"points", "levels"}),
}


@pytest.mark.parametrize("defect", sorted(PLANTED))
def test_the_check_finds_a_planted_defect(defect):
    """The counts are not blind: each kind of defect found in the data is caught when planted."""
    from ocop.criteria._load import structure_sheet, unstructure_sheet

    plant, expected = PLANTED[defect]
    assert _problems(7, _pair(7)[2]) == set()
    data = unstructure_sheet(_pair(7)[2])
    plant(data)
    try:
        sheet = structure_sheet(data)
    except ocop.OcopError:  # pragma: no cover - a plant the loader itself refuses
        pytest.fail(f"the loader refused the planted defect {defect!r}; plant another")
    assert expected <= _problems(7, sheet)


@pytest.mark.parametrize("code", CODES)
def test_a_heading_cell_is_its_name_and_description(code):
    """What a heading's cell prints besides its number and note sentences is the name and
    the description; a row of its own under the heading is a note, never the description."""
    source, data, _ = _pair(code)
    assert source.headings == data.headings
