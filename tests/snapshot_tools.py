"""Golden snapshots of what ``ocop`` reads from each sheet, and generated sheet docs.

``scripts/generate_snapshots.py`` writes both; the tests regenerate them in memory and
compare, so any edit of a table (or of the loader) shows up as a reviewable diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ocop
from ocop.criteria import Sheet

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
SHEET_DOCS = ROOT / "docs" / "sheets"
#: The editions whose sheets ship, with the folder of their generated pages.
EDITION_DOCS = {"26/2026": SHEET_DOCS, "1048/2019": ROOT / "docs" / "sheets-1048"}


def snapshot_dir(edition: str) -> Path:
    """The folder of an edition's golden snapshots."""
    return SNAPSHOTS / edition.replace("/", "-")


def snapshot(sheet: Sheet) -> dict[str, Any]:
    """The rules as the library reads them: maxima, level points, star minima, oddities."""
    return {
        "edition": sheet.edition.code,
        "sheet": sheet.code,
        "name_vi": sheet.name_vi,
        "parts": {p.code: p.max_points for p in sheet.parts},
        "sections": {s.number: s.max_points for p in sheet.parts for s in p.sections},
        "subsections": {sub.number: sub.max_points for p in sheet.parts for s in p.sections for sub in s.subsections},
        "criteria": {
            c.number: {
                "max": c.max_points,
                "levels": [lvl.value if lvl.case is None else f"{lvl.case}:{lvl.value}" for lvl in c.levels],
                "eliminates": c.eliminates,
                "notes": [n.kind.value + (f" covering {', '.join(n.covers)}" if n.covers else "") for n in c.notes],
            }
            for c in sheet.criteria
        },
        "minima": {
            str(int(star)): {c.number: lvl.value for c, _, lvl in sheet.minima(star)}
            for star in (ocop.Star.THREE, ocop.Star.FOUR, ocop.Star.FIVE)
        },
        "disqualification": [g.id for g in sheet.disqualification.grounds] if sheet.disqualification else None,
        "oddities": [f"{o.where}: {o.kind}" for o in sheet.oddities],
    }


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def sheet_page(sheet: Sheet) -> str:
    """A Markdown page showing a sheet: criteria, levels, points and star marks."""
    marks = {3: "`***`", 4: "`****`", 5: "`*****`"}
    lines = [
        f"# Sheet {sheet.code}: {sheet.name_vi}",
        "",
        f"*{sheet.name_en}* — {sheet.sector_vi}"
        + (f" / {sheet.group_vi}" if sheet.group_vi else "")
        + f" ({sheet.sector_en}" + (f" / {sheet.group_en}" if sheet.group_en else "") + ").",
        "",
        f"Source: Decision {sheet.provenance.instrument}, {sheet.provenance.location}. "
        "Generated from the packaged data by `scripts/generate_snapshots.py`; do not edit by hand.",
        "",
    ]
    if sheet.disqualification is not None:
        lines += [f"**Disqualification.** {sheet.disqualification.text_vi}", "",
                  f"*{sheet.disqualification.text_en}*", ""]
    for part in sheet.parts:
        lines += [f"## Part {part.code}: {part.name_vi} ({part.max_points})", "", f"*{part.name_en}*", ""]
        lines += ["| criterion | level | points | star |", "|---|---|---|---|"]
        for section in part.sections:
            lines.append(f"| **{section.number}. {_cell(section.name_vi)}** ({section.max_points}) "
                         f"<br>*{_cell(section.name_en)}* | | | |")
            subs = {sub.number: sub for sub in section.subsections}
            shown: set[str] = set()
            for c in section.criteria:
                if c.group and c.group not in shown:
                    shown.add(c.group)
                    sub = subs[c.group]
                    lines.append(f"| **{sub.number}. {_cell(sub.name_vi)}** ({sub.max_points}) | | | |")
                if c.number != section.number:
                    lines.append(f"| **{c.number}. {_cell(c.name_vi)}** ({c.max_points}) "
                                 f"<br>*{_cell(c.name_en)}* | | | |")
                for note in c.notes:
                    covers = f" (covers {', '.join(note.covers)})" if note.covers else ""
                    lines.append(f"| | *{note.kind.value}{covers}:* {_cell(note.text_vi)} | | |")
                cases = {case.key: case for case in c.cases}
                current = None
                for lvl in c.levels:
                    if lvl.case is not None and lvl.case != current:
                        current = lvl.case
                        lines.append(f"| | **case ({current}):** {_cell(cases[current].text_vi)} "
                                     f"<br>*{_cell(cases[current].text_en)}* | | |")
                    case = f"({lvl.case}) " if lvl.case else ""
                    text = _cell(lvl.text_vi) if lvl.printed else "*(not printed)*"
                    points = "" if lvl.points is None else str(lvl.points)
                    if lvl.assumed_points is not None:
                        points = f"{points or 'blank'} → {lvl.assumed_points}"
                    star = marks.get(int(lvl.star), "") if lvl.star else ""
                    lines.append(f"| | {case}{text} <br>*{_cell(lvl.text_en)}* | {points} | {star} |")
        lines.append("")
    if sheet.oddities:
        lines += ["## Oddities in the decision text", ""]
        lines += [f"- **{o.where}** ({o.kind}): {o.note_en}" for o in sheet.oddities]
        lines.append("")
    return "\n".join(lines)


_INDEX_INTRO = {
    "26/2026": (
        "# The 26 scoring sheets of Decision 26/2026",
        "One page per sheet of Appendix II, generated from the packaged data.",
    ),
    "1048/2019": (
        "# The 26 scoring sheets of Decision 1048/2019",
        "One page per sheet of Appendix III of Decision 1048/QĐ-TTg as first published (21 Aug 2019), "
        "generated from the packaged data.  The text prints no star marks: the starred minima added by "
        "Decision 781/QĐ-TTg (2020) are not published, and grading under 1048 does not apply any.  Each "
        "page lists the irregularities of the printed text under *Oddities*.",
    ),
}


def index_page(sheets: tuple[Sheet, ...]) -> str:
    title, intro = _INDEX_INTRO[sheets[0].edition.code]
    lines = [
        title,
        "",
        intro,
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *[f"sheet-{s.code:02d}" for s in sheets],
        "```",
        "",
    ]
    return "\n".join(lines)


PROCEDURE_DOC = ROOT / "docs" / "procedure.md"


def procedure_page() -> str:
    """The procedure page: one generated state diagram and transition table per edition."""
    from ocop.cycle import procedure

    lines = [
        "# The evaluation procedure",
        "",
        "Generated from the transition tables in `ocop/cycle/_procedure.py` by",
        "`scripts/generate_snapshots.py`; do not edit by hand.  Each diagram is Mermaid",
        "source (paste it into any Mermaid viewer); every state may also end in `WITHDRAWN`",
        "(the producer withdraws) or `REJECTED` (the dossier is disqualified).  Transitions the",
        "public record does not confirm are marked *unconfirmed*; a step open to one kind of",
        "dossier only (first evaluation, upgrade, re-evaluation) names it.",
        "",
    ]
    for code in ("26/2026", "1489/2025", "148/2023"):
        p = procedure(code)
        lines += [f"## {code}: {p.edition.title_en}", "", "```text", p.mermaid(), "```", ""]
        lines += ["| from | action | to | by | dossiers | rule |", "|---|---|---|---|---|---|"]
        for t in p.transitions:
            if t.action.value in {"withdraw", "reject"}:
                continue
            by = t.actor.value if t.actor else "producer"
            flag = "" if t.confirmed else " *(unconfirmed)*"
            kinds = "all" if len(t.kinds) == 3 else ", ".join(sorted(k.value for k in t.kinds))
            lines.append(f"| {t.source.value} | {t.action.value} | {t.target.value} | {by} | {kinds} | {t.rule}{flag} |")
        lines.append("")
    return "\n".join(lines)


COMPARISON_DOC = ROOT / "docs" / "changes-1048-to-26-2026.md"

#: Which 26/2026 product set continues each 1048/2019 one, by the sets' names (a reading:
#: neither decision states it).  1048's sheet 9 (fish and seafood) merged into 26/2026's
#: sheet 8, its sheets 23 and 24 (decorative and household handicrafts) into sheet 21;
#: 1048's sheet 21 (medical equipment) has no successor; 26/2026's sheets 23-25
#: (flowers, ornamental plants, ornamental animals) have no predecessor.
PAIRS_1048_2026: tuple[tuple[int, int | None], ...] = (
    (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 8), (10, 9), (11, 10), (12, 11),
    (13, 12), (14, 13), (15, 14), (16, 15), (17, 16), (18, 17), (19, 18), (20, 19), (21, None), (22, 20),
    (23, 21), (24, 21), (25, 22), (26, 26),
)  # fmt: skip


def comparison_page() -> str:
    """The page "What changed from 1048/2019 to 26/2026", from :func:`ocop.criteria.compare`."""
    from ocop.criteria import ChangeKind, compare

    kinds = list(ChangeKind)
    lines = [
        "# What changed from 1048/2019 to 26/2026",
        "",
        "Generated by `scripts/generate_snapshots.py` from `ocop.criteria.compare` on the packaged sheets;",
        "do not edit by hand.  1048/2019 is the text as first published (2019), without the amendments of",
        "Decision 781/QĐ-TTg (2020), whose text is not available: every starred minimum of 26/2026 therefore",
        "shows as *minima added*, although some may date from 781/2020.",
        "",
        "Criteria are matched by name (ignoring case, spacing and punctuation), then by number.  Which",
        "26/2026 product set continues which 1048 set is a reading by the sets' names (neither decision",
        "states it): 1048's sheet 9 (fish and seafood) is compared with 26/2026's sheet 8, its sheets 23",
        "and 24 with sheet 21; 1048's sheet 21 (medical equipment) has no successor, and 26/2026's sheets",
        "23-25 (flowers, ornamental plants, ornamental animals) no predecessor.",
        "",
        "```python",
        ">>> import ocop",
        ">>> diff = ocop.criteria.compare(ocop.criteria.sheet(7, edition=\"1048/2019\"),",
        "...                               ocop.criteria.sheet(7, edition=\"26/2026\"))",
        ">>> len(diff.changes) > 0, diff.before.edition.code, diff.after.edition.code",
        "(True, '1048/2019', '26/2026')",
        "",
        "```",
        "",
        "| 1048 sheet | 26/2026 sheet | " + " | ".join(k.value for k in kinds) + " |",
        "|---|---|" + "---|" * len(kinds),
    ]
    details: list[str] = []
    for old_code, new_code in PAIRS_1048_2026:
        old = ocop.criteria.sheet(old_code, edition="1048/2019")
        if new_code is None:
            lines.append(f"| {old_code}. {old.name_vi} | — | " + " | ".join("" for _ in kinds) + " |")
            details += [f"## 1048 sheet {old_code}: {old.name_vi}", "", "No successor product set in 26/2026.", ""]
            continue
        new = ocop.criteria.sheet(new_code, edition="26/2026")
        diff = compare(old, new)
        counts = [str(len(diff.of_kind(k))) for k in kinds]
        lines.append(f"| {old_code}. {old.name_vi} | {new_code}. {new.name_vi} | " + " | ".join(counts) + " |")
        details += [
            f"## 1048 sheet {old_code} → 26/2026 sheet {new_code}: {new.name_vi}",
            "",
            f"*{old.name_vi}* → *{new.name_vi}*; {len(diff.matched)} criteria matched.",
            "",
            *[f"- {_cell(str(c))}" for c in diff.changes],
            "",
        ]
    lines += ["", *details]
    return "\n".join(lines)
