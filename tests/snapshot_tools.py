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
                    lines.append(f"| | *{note.kind.value}:* {_cell(note.text_vi)} | | |")
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


def index_page(sheets: tuple[Sheet, ...]) -> str:
    lines = [
        "# The 26 scoring sheets of Decision 26/2026",
        "",
        "One page per sheet of Appendix II, generated from the packaged data.",
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
