"""HTML for the parts of the reference tables: editions' pieces, sheets' pieces, classification, comparisons."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from ocop._editions import Instrument, StarBand
from ocop._numbers import format_points
from ocop.criteria import (
    Case,
    Change,
    ChangeKind,
    Classification,
    Comparison,
    Criterion,
    Disqualification,
    Ground,
    Level,
    Note,
    Oddity,
    Part,
    ProductGroup,
    Provenance,
    Section,
    Sector,
    Sheet,
    Subgroup,
    Subsection,
)
from ocop.io._html_base import fields, own, span, t, table
from ocop.labels import get_language, label

__all__ = ["RENDERERS"]


def _points(n: int) -> str:
    return f"{n} {t('điểm', 'point' if n == 1 else 'points')}"


def _marks(criterion: Criterion) -> str:
    return "; ".join(f"{lvl.value}{'*' * int(lvl.star) if lvl.star else ''}" for lvl in criterion.levels)


def _band(b: StarBand) -> str:
    upper = "≤" if b.upper_inclusive else "<"
    total = t("tổng điểm", "total")
    return span(f"{label(b.star)}: {format_points(b.lower)} ≤ {total} {upper} {format_points(b.upper)}")


def _instrument(i: Instrument) -> str:
    # The model keeps the title in English only: a Vietnamese display names the decision by its number.
    title = t(f"Quyết định {i.number}", f"Decision {i.number}: {i.title_en}")
    pairs = [(t("ngày ký", "signed on"), i.signed_on.isoformat())]
    if i.official_record:
        pairs.append((t("văn bản chính thức", "official record"), i.official_record))
    return fields(title, pairs)


def _criteria_rows(criteria: tuple[Criterion, ...]) -> str:
    rows = [(c.number, label(c), c.max_points, _marks(c)) for c in criteria]
    return table(("#", t("tiêu chí", "criterion"), t("điểm", "max"), t("mức", "levels")), rows)


def _part(p: Part) -> str:
    rows = [(s.number, label(s), s.max_points, len(s.criteria)) for s in p.sections]
    head = ("#", t("nhóm tiêu chí", "section"), t("điểm", "max"), t("số tiêu chí", "criteria"))
    title = f"{t('Phần', 'Part')} {p.code}: {label(p)} ({_points(p.max_points)})"
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}</div>"


def _section(s: Section) -> str:
    title = f"{s.number}. {label(s)} ({_points(s.max_points)})"
    subs = "".join(f"<p>{escape(_subsection_text(x))}</p>" for x in s.subsections)
    return f"<div><strong>{escape(title)}</strong>{subs}{_criteria_rows(s.criteria)}</div>"


def _subsection_text(s: Subsection) -> str:
    return f"{s.number}. {label(s)} ({_points(s.max_points)})"


def _level(lvl: Level) -> str:
    text = own(lvl.text_vi, lvl.text_en) if lvl.printed else t("(mức không in trong quyết định)", "(level not printed)")
    out = f"{t('mức', 'level')} ({_points(lvl.value)}): {text}"
    if lvl.case:
        out += f" ({t('trường hợp', 'case')} {lvl.case})"
    if lvl.star is not None:
        out += f"; {t('tối thiểu cho', 'minimum for')} {label(lvl.star)}"
    if lvl.assumed_points is not None:
        printed = "—" if lvl.points is None else lvl.points
        out += t(
            f"; ô điểm in trong quyết định: {printed} (để trống hoặc in sai), tính {lvl.assumed_points}",
            f"; point cell as printed: {printed} (blank or misprinted), scored {lvl.assumed_points}",
        )
    return span(out)


def _note(n: Note) -> str:
    covers = f" ({t('áp dụng cho', 'covers')} {', '.join(n.covers)})" if n.covers else ""
    return span(f"{label(n.kind)}: {own(n.text_vi, n.text_en)}{covers}")


def _case(c: Case) -> str:
    return span(f"{t('Trường hợp', 'Case')} {c.key}: {own(c.text_vi, c.text_en)}")


def _ground(g: Ground) -> str:
    return span(f"{g.id}: {own(g.text_vi, g.text_en)}")


def _disqualification(d: Disqualification) -> str:
    items = "".join(f"<li>{_ground(g)}</li>" for g in d.grounds)
    return f"<div><strong>{escape(own(d.text_vi, d.text_en))}</strong><ul>{items}</ul></div>"


_WHERE_VI = (("section ", "nhóm tiêu chí "), ("part ", "phần "), ("sheet ", "phiếu "))


def _oddity(o: Oddity) -> str:
    # The note is written in English only: the Vietnamese display says where, and that
    # the explanation is in the English display.
    where = o.where
    for en, vi in _WHERE_VI:
        where = where.replace(en, vi)
    return span(
        t(
            f"chỗ bất thường trong văn bản quyết định, tại {where} (giải thích bằng tiếng Anh)",
            f"irregularity in the decision's text at {o.where} ({o.kind}): {o.note_en}",
        )
    )


_LOCATION_EN = (("Phụ lục", "Appendix"), ("bộ sản phẩm", "product set"), ("phiếu", "sheet"))


def _location_en(location: str) -> str:
    # Locations are written in Vietnamese ("Phụ lục II, phiếu 7"); the English display
    # translates the few words they use and drops a parenthesised Vietnamese title.
    out = re.sub(r"\s*\(.*\)$", "", location)
    for vi, en in _LOCATION_EN:
        out = out.replace(vi, en)
    return out


def _provenance(p: Provenance) -> str:
    pairs: list[tuple[str, object]] = [
        (t("văn bản", "instrument"), p.instrument),
        (t("ngày ký", "signed on"), p.signed_on.isoformat()),
        (t("vị trí", "location"), t(p.location, _location_en(p.location))),
    ]
    if get_language() == "en":  # the description of the source is written in English only
        pairs.append(("source", p.source))
    if p.source_sha256:
        pairs.append(("sha256", p.source_sha256))
    if p.official_record:
        pairs.append((t("văn bản chính thức", "official record"), p.official_record))
    return fields(t("Nguồn", "Provenance"), pairs)


def _sheet_of(sheet: int | None) -> str:
    return "—" if sheet is None else f"{t('phiếu', 'sheet')} {sheet}"


def _subgroup(s: Subgroup) -> str:
    return span(f"{t('Phân nhóm', 'Subgroup')} {s.code}: {label(s)} → {_sheet_of(s.sheet)}")


def _group(g: ProductGroup) -> str:
    title = f"{t('Nhóm', 'Group')} {g.code}: {label(g)}"
    if not g.subgroups:
        return f"<div><strong>{escape(title)}</strong> → {escape(_sheet_of(g.sheet))}</div>"
    rows = [(s.code, label(s), _sheet_of(s.sheet)) for s in g.subgroups]
    head = (t("mã", "code"), t("phân nhóm", "subgroup"), t("phiếu", "sheet"))
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}</div>"


def _sector(s: Sector) -> str:
    title = f"{t('Ngành', 'Sector')} {s.code}: {label(s)}"
    if not s.groups:
        return f"<div><strong>{escape(title)}</strong> → {escape(_sheet_of(s.sheet))}</div>"
    rows = [(g.code, label(g), _sheet_of(g.sheet) if g.sheet else len(g.subgroups)) for g in s.groups]
    head = (t("mã", "code"), t("nhóm", "group"), t("phiếu hoặc số phân nhóm", "sheet or subgroups"))
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}</div>"


def _classification(c: Classification) -> str:
    rows = [(e.code, label(e), _sheet_of(e.sheet)) for e in c.entries]
    head = (t("mã", "code"), t("bộ sản phẩm", "product set"), t("phiếu", "sheet"))
    title = f"{t('Phân loại sản phẩm', 'Product classification')} ({c.edition})"
    note = own(c.ministry_note_vi, c.ministry_note_en)
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}<p>{escape(note)}</p></div>"


_POINTS_EN = re.compile(r"(\d+) points?")


def _detail_vi(c: Change) -> str:
    # The model writes the detail in English, in a few fixed shapes (see criteria.compare).
    if c.kind is ChangeKind.RENAMED:
        return "tên cũ: " + c.detail.removeprefix("was ")
    detail = c.detail.replace("; level texts changed", "; nội dung các mức thay đổi")
    detail = re.sub(r"^points ", "điểm các mức ", detail)
    detail = re.sub(r"(\d)★ at (\d+)", r"\1 sao ở mức \2 điểm", detail)
    return _POINTS_EN.sub(r"\1 điểm", detail)


def _name(sheet: Sheet | None, number: str | None) -> str | None:
    if sheet is None or number is None:
        return None
    return next((c.name_en for c in sheet.criteria if c.number == number), None)


def _change_text(c: Change, before: Sheet | None = None, after: Sheet | None = None) -> tuple[str, str, str]:
    """(where, name, detail) in the current language.

    The model keeps the names in Vietnamese only; an English display looks them up on
    the sheets compared, and leaves them out for a change shown without its sheets.
    """
    where = " → ".join(n for n in (c.before, c.after) if n is not None)
    if c.before is not None and c.before == c.after:
        where = c.before
    if get_language() != "en":
        return where, c.name_vi, _detail_vi(c)
    name = _name(after, c.after) or _name(before, c.before) or ""
    detail = c.detail
    if c.kind is ChangeKind.RENAMED:
        old = _name(before, c.before)
        detail = f"was {old}" if old else ""
    return where, name, detail


def _criteria_change(c: Change) -> str:
    where, name, detail = _change_text(c)
    text = f"{label(c.kind)}: {where}" + (f" {name}" if name else "") + (f" ({detail})" if detail else "")
    return span(text)


def _comparison(cmp: Comparison) -> str:
    b, a = cmp.before, cmp.after
    title = t(
        f"Phiếu {b.code} ({b.edition.code}) → phiếu {a.code} ({a.edition.code}): "
        f"{len(cmp.matched)} tiêu chí tương ứng, {len(cmp.changes)} thay đổi",
        f"Sheet {b.code} ({b.edition.code}) → sheet {a.code} ({a.edition.code}): "
        f"{len(cmp.matched)} criteria matched, {len(cmp.changes)} changes",
    )
    rows = [(label(c.kind), *_change_text(c, b, a)) for c in cmp.changes]
    head = (t("thay đổi", "change"), t("tiêu chí", "criterion"), t("tên", "name"), t("chi tiết", "detail"))
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}</div>"


RENDERERS: dict[type, Callable[[Any], str]] = {
    StarBand: _band,
    Instrument: _instrument,
    Part: _part,
    Section: _section,
    Subsection: lambda s: span(_subsection_text(s)),
    Level: _level,
    Note: _note,
    Case: _case,
    Ground: _ground,
    Disqualification: _disqualification,
    Oddity: _oddity,
    Provenance: _provenance,
    Classification: _classification,
    Sector: _sector,
    ProductGroup: _group,
    Subgroup: _subgroup,
    Change: _criteria_change,
    Comparison: _comparison,
}
