"""HTML for notebooks: every public value, in one language (the :mod:`ocop.labels` setting).

The model's ``_repr_html_`` methods import this module when Jupyter asks for them, so
the values never import the boundary at load time.  Each display is written in one
language: headings, reasons and texts all follow :func:`ocop.labels.get_language`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from ocop._editions import Edition, Star
from ocop._numbers import format_points
from ocop.certificates import Certificate, Portfolio, Status
from ocop.criteria._model import Criterion, NoteKind, Sheet
from ocop.grading import Change, Disqualified, Eliminated, Grade, Plan, Scorecard, UnmetMinimum
from ocop.grading._rules import CouncilRules, Halted, OutOfScope, Recognition, Route, RuleBreach
from ocop.io import _html_criteria, _html_cycle
from ocop.io._html_base import cite_vi, fields
from ocop.io._html_base import row as _row
from ocop.io._html_base import span as _span_text
from ocop.io._html_base import star as _star
from ocop.io._html_base import t as _t
from ocop.io._html_base import table as _table
from ocop.labels import get_language, label

__all__ = ["html"]


def _marks(criterion: Criterion) -> str:
    return "; ".join(f"{lvl.value}{'*' * int(lvl.star) if lvl.star else ''}" for lvl in criterion.levels)


def _sheet_title(sheet: Sheet) -> str:
    return f"{_t('Phiếu', 'Sheet')} {sheet.code}: {label(sheet)} ({sheet.edition.code})"


def _edition(e: Edition) -> str:
    until = e.in_force_until.isoformat() if e.in_force_until else "…"
    bands = [(label(b.star), format_points(b.lower), format_points(b.upper)) for b in e.bands]
    head = f"{_t('Bộ tiêu chí', 'Edition')} {e.code}: {e.in_force_from.isoformat()} – {until}"
    return (
        f"<div><strong>{escape(head)}</strong>"
        + _table((_t("hạng", "star"), _t("từ", "from"), _t("đến", "to")), bands)
        + "</div>"
    )


def _sheet(sheet: Sheet) -> str:
    rows = [(c.number, label(c), c.max_points, _marks(c)) for _, _, c in sheet.iter_criteria()]
    head = ("#", _t("tiêu chí", "criterion"), _t("điểm", "max"), _t("mức", "levels"))
    return f"<div><strong>{escape(_sheet_title(sheet))}</strong>{_table(head, rows)}</div>"


def _criterion(c: Criterion) -> str:
    rows = [(i, label(lvl), lvl.value, label(lvl.star) if lvl.star else "") for i, lvl in enumerate(c.levels)]
    head = ("#", _t("mức", "level"), _t("điểm", "points"), _t("tối thiểu cho", "minimum for"))
    title = f"{_t('Tiêu chí', 'Criterion')} {c.number}: {label(c)} ({c.max_points})"
    return f"<div><strong>{escape(title)}</strong>{_table(head, rows)}</div>"


def _scorecard(card: Scorecard) -> str:
    rows = []
    for _, _, c in card.sheet.iter_criteria():
        index = card.levels[c.number]
        rows.append((c.number, label(c), "—" if index is None else index, card.points(c.number), c.max_points))
    who = f" — {card.evaluator}" if card.evaluator else ""
    head = ("#", _t("tiêu chí", "criterion"), _t("mức", "level"), _t("điểm", "points"), _t("tối đa", "max"))
    total = sum(card.points(c.number) for c in card.sheet.criteria)
    return (
        f"<div><strong>{escape(_sheet_title(card.sheet) + who)}</strong>{_table(head, rows)}"
        f"<p>{escape(_t('tổng', 'total'))}: {total}</p></div>"
    )


def _unmet_text(u: UnmetMinimum) -> str:
    return _t(
        f"tiêu chí {u.criterion}: {format_points(u.achieved_points)} < {u.required_points} điểm "
        f"cần cho {label(u.star)}",
        f"criterion {u.criterion}: {format_points(u.achieved_points)} < {u.required_points} points "
        f"required for {label(u.star)}",
    )


# Eliminated and Disqualified keep the legal text in Vietnamese only; the English gloss is
# on the sheet, so an English display without the sheet names the rule without its text.


def _eliminated_text(e: Eliminated, sheet: Sheet | None = None) -> str:
    if get_language() != "en":
        return f"bị loại ở tiêu chí {e.criterion}: {e.text_vi}"
    if sheet is None:
        return f"eliminated on criterion {e.criterion}"
    text = next(n.text_en for n in sheet.criterion(e.criterion).notes if n.kind is NoteKind.ELIMINATION)
    return f"eliminated on criterion {e.criterion}: {text}"


def _disqualified_text(d: Disqualified, sheet: Sheet | None = None) -> str:
    if get_language() != "en":
        return f"hồ sơ bị loại ({d.ground}): {d.text_vi}"
    if sheet is None or sheet.disqualification is None:
        return f"dossier rejected ({d.ground})"
    text = next(g.text_en for g in sheet.disqualification.grounds if g.id == d.ground)
    return f"dossier rejected ({d.ground}): {text}"


_CAVEAT = re.compile(r"^criterion (\S+):")


def _breach_vi(b: RuleBreach) -> str:
    if b.rule == "max_spread":
        return (
            f"quy chế hội đồng: tổng điểm của các thành viên chênh nhau {b.found} điểm, quá mức {b.limit} "
            "điểm cho phép: quy chế yêu cầu chấm lại"
        )
    return f"quy chế hội đồng: {b.found} phiếu chấm, ít hơn {b.limit} thành viên theo quy định"


def _recognition_vi(r: Recognition) -> str:
    if r.route is Route.NONE or r.star is None or r.authority is None:
        return "không có hạng sao để công nhận: không ra quyết định, không cấp giấy chứng nhận (Điều 4.1(a))"
    who, star = label(r.authority), label(r.star)
    council = "hội đồng" if r.council is None else f"hội đồng {label(r.council)}"
    if r.route is Route.FORWARD:
        return (
            f"chỉ là sản phẩm đề nghị {star}: {who} công nhận {star}; {council} thông qua kết quả "
            "và chuyển hồ sơ (Điều 7.3(e))"
        )
    if r.route is Route.LEAVE_TO:
        return (
            f"{star} do {who} công nhận, không phải {council}: {who} có thể công nhận theo kết quả này "
            "hoặc tự đánh giá sản phẩm (Điều 7.4)"
        )
    return f"{star} do {who} công nhận (Điều 4.1)"


def reasons(g: Grade) -> list[str]:
    """The grade's reasons in the current language (the model's ``reasons`` are English)."""
    if get_language() == "en":
        out = [_disqualified_text(d, g.sheet) for d in g.disqualified]
        out += [_eliminated_text(e, g.sheet) for e in g.eliminated]
        # The model's reasons quote the halt and scope notes in Vietnamese: swap in the sheet's glosses.
        swap = {str(h): _halted_en(h, g.sheet) for h in g.halted}
        swap.update({str(o): _out_of_scope_en(o, g.sheet) for o in g.out_of_scope})
        return out + [swap.get(r, r) for r in g.reasons if not r.startswith(("dossier rejected", "eliminated on"))]
    out = [_disqualified_text(d) for d in g.disqualified] + [_eliminated_text(e) for e in g.eliminated]
    out += [_halted_vi(h) for h in g.halted]
    out += [_breach_vi(b) for b in g.breaches]
    if g.star is None:
        causes = [
            what
            for what, present in (
                ("hồ sơ bị loại", g.disqualified),
                ("sản phẩm bị loại", g.eliminated),
                ("đánh giá bị dừng", g.halted),
            )
            if present
        ]
        return [*out, "không xếp hạng: " + " và ".join(causes)]
    out.append(f"tổng điểm {format_points(g.total)} thuộc khoảng {label(g.band)}")
    out += [_out_of_scope_vi(o) for o in g.out_of_scope]
    out += [f"chưa đạt mức tối thiểu: {_unmet_text(u)}" for u in g.blocking]
    if g.star < g.band:
        out.append(f"hạng hạ từ {label(g.band)} xuống {label(g.star)} do chưa đạt mức tối thiểu")
    if g.band.recognisable and not g.star.recognisable:
        out.append(
            f"không đủ điều kiện công nhận: tổng điểm thuộc khoảng {label(g.band)} nhưng chưa đạt mức tối thiểu "
            f"3 sao, nên sản phẩm xếp {label(g.star)} (một cách hiểu của thư viện; xem tài liệu)"
        )
    if g.star < Star.FIVE:
        nxt = Star(g.star + 1)
        short = g.points_short_of(nxt)
        need = [f"thêm {format_points(short)} điểm"] if short else []
        need += [f"tiêu chí {u.criterion} đạt {u.required_points} điểm" for u in g.missing_for(nxt)]
        out.append(f"để đạt {label(nxt)}: " + "; ".join(need))
    if g.council is not None:
        out.append(_recognition_vi(g.recognition))
    out += [_caveat_vi(caveat) for caveat in g.caveats]
    return out


_FILED = re.compile(r"^filed on (\S+): the filing date selects edition (\S+) .*the sheet given is of (\S+),")
#: The edition-wide caveats of 1048/2019 (``Edition.grading_caveats``), in Vietnamese.
_EDITION_CAVEATS_VI = {
    "graded on Decision 1048/QĐ-TTg as first published (2019): the starred minima that Decision 781/QĐ-TTg "
    "added from 8 Jun 2020 are not published and are not applied": (
        "chấm theo Quyết định 1048/QĐ-TTg như ban hành năm 2019: các mức tối thiểu có dấu sao do Quyết định "
        "781/QĐ-TTg bổ sung từ ngày 8/6/2020 chưa được công bố nên không áp dụng"
    ),
    "1048 prints integer star ranges (e.g. 70-89 points); a fractional total between two ranges is placed in "
    "the lower band (89.5 is 4★): a reading, see ocop.edition('1048/2019').band_reading": (
        "Quyết định 1048 in khoảng điểm theo số nguyên (ví dụ 70–89 điểm); tổng điểm lẻ nằm giữa hai khoảng "
        "được xếp vào hạng thấp hơn (89,5 là 4 sao): một cách hiểu của thư viện"
    ),
}


def _caveat_vi(caveat: str) -> str:
    blank = _CAVEAT.match(caveat)
    if blank:
        number = blank.group(1)
        return f"tiêu chí {number}: ô điểm của mức đã chọn để trống hoặc in sai trong quyết định (xem ghi chú)"
    filed = _FILED.match(caveat)
    if filed:
        day, selected, graded = filed.groups()
        return (
            f"nộp hồ sơ ngày {day}: theo ngày nộp, áp dụng {selected} (Điều 12.2 Quyết định 26/2026), "
            f"nhưng phiếu được chọn thuộc {graded} và được dùng để chấm"
        )
    # A caveat the library has no Vietnamese text for is shown as it is rather than dropped.
    return _EDITION_CAVEATS_VI.get(caveat, caveat)


def _grade(g: Grade) -> str:
    rows: list[tuple[object, ...]] = [
        (part.code, format_points(g.part_points[part.code]), part.max_points) for part in g.sheet.parts
    ]
    rows.append((_t("tổng", "total"), format_points(g.total), 100))
    items = "".join(f"<li>{escape(r)}</li>" for r in reasons(g))
    head = (_t("phần", "part"), _t("điểm", "points"), _t("tối đa", "max"))
    members = f", {g.members} {_t('thành viên', 'members')}" if g.members > 1 else ""
    return (
        f"<div><strong>{escape(_star(g.star))}</strong> ({escape(_sheet_title(g.sheet) + members)})"
        f"{_table(head, rows)}<ul>{items}</ul></div>"
    )


def _change(c: Change) -> str:
    frm = "—" if c.from_level is None else c.from_level
    text = _t(
        f"tiêu chí {c.criterion}: mức {frm} ({c.from_points}) → mức {c.to_level} ({c.to_points})",
        f"criterion {c.criterion}: level {frm} ({c.from_points}) → level {c.to_level} ({c.to_points})",
    )
    return f"<span>{escape(text)}</span>"


def _plan(p: Plan) -> str:
    rows = [
        (
            c.criterion,
            "—" if c.from_level is None else c.from_level,
            c.to_level,
            c.from_points,
            c.to_points,
            f"{c.cost:g}",
        )
        for c in p.changes
    ]
    head = (
        _t("tiêu chí", "criterion"),
        _t("từ mức", "from level"),
        _t("lên mức", "to level"),
        _t("điểm trước", "points before"),
        _t("điểm sau", "points after"),
        _t("chi phí", "cost"),
    )
    title = _t(f"Để đạt {label(p.target)}", f"To reach {label(p.target)}")
    summary = (
        f"{_t('tổng', 'total')} {format_points(p.before.total)} → {format_points(p.after.total)}; "
        f"{_star(p.before.star)} → {_star(p.after.star)}"
    )
    return f"<div><strong>{escape(title)}</strong>{_table(head, rows)}<p>{escape(summary)}</p></div>"


def _certificate(c: Certificate) -> str:
    rows = [
        (_t("mã", "code"), str(c.code)),
        (_t("sản phẩm", "product"), c.product),
        (_t("chủ thể", "producer"), f"{c.producer} ({label(c.producer_type)})"),
        (_t("hạng", "star"), label(c.star)),
        (_t("phiếu", "sheet"), c.sheet),
        (_t("cấp bởi", "issued by"), label(c.issued_by)),
        (_t("ngày cấp", "issued on"), c.issued_on.isoformat()),
        (_t("hiệu lực đến", "valid until"), c.valid_until.isoformat()),
        (_t("bộ tiêu chí", "edition"), c.edition.code),
    ]
    return "<div>" + "<table>" + "".join(_row(*r) for r in rows) + "</table></div>"


def _status(s: Status) -> str:
    # The rule is written in English: in Vietnamese, keep only the article it cites.
    rule = s.rule if get_language() == "en" else cite_vi(s.rule)
    return f"<span><strong>{escape(label(s.kind))}</strong>{escape(f' ({rule})' if rule else '')}</span>"


def _portfolio(portfolio: Portfolio) -> str:
    parts = [f"<strong>{len(portfolio)} {_t('giấy chứng nhận', 'certificates')}</strong>"]
    for by in ("star", "sector"):
        parts.append(
            _table(
                (_t({"star": "hạng", "sector": "ngành"}[by], by), _t("số lượng", "count")),
                [(k, v) for k, v in portfolio.counts(by).items()],
            )
        )
    return "<div>" + "".join(parts) + "</div>"


def _halted_vi(h: Halted) -> str:
    left = ", ".join(h.not_assessed) or "không"
    return f"dừng đánh giá tại tiêu chí {h.criterion}: {h.text_vi} (không đánh giá: {left})"


# Halted and OutOfScope, like Eliminated, keep the note in Vietnamese only: in English the
# note's gloss comes from the sheet, and without the sheet the display names the rule alone.


def _note_en(sheet: Sheet | None, number: str, kind: NoteKind) -> str:
    if sheet is None:
        return ""
    text = next(n.text_en for n in sheet.criterion(number).notes if n.kind is kind)
    return f" ({text})" if text else ""


def _halted_en(h: Halted, sheet: Sheet | None = None) -> str:
    left = ", ".join(h.not_assessed) or "none"
    note = _note_en(sheet, h.criterion, NoteKind.HALT)
    return f"evaluation halted on criterion {h.criterion}{note} (not assessed: {left})"


def _halted(h: Halted) -> str:
    return _t(_halted_vi(h), _halted_en(h))


def _out_of_scope_vi(o: OutOfScope) -> str:
    return (
        f"tiêu chí {o.criterion} không áp dụng ({o.text_vi}): "
        f"{format_points(o.ignored_points)} điểm đã chấm không được tính"
    )


def _out_of_scope_en(o: OutOfScope, sheet: Sheet | None = None) -> str:
    return (
        f"criterion {o.criterion} does not apply{_note_en(sheet, o.criterion, NoteKind.SCOPE)}: "
        f"{format_points(o.ignored_points)} points recorded on it not counted"
    )


def _out_of_scope(o: OutOfScope) -> str:
    return _t(_out_of_scope_vi(o), _out_of_scope_en(o))


def _council_rules(r: CouncilRules) -> str:
    unset = _t("không quy định", "not set")
    spread = unset if r.max_spread is None else f"{r.max_spread} {_t('điểm', 'points')}"
    pairs = [
        (_t("chênh lệch tối đa giữa tổng điểm các thành viên", "largest spread of the members' totals"), spread),
        (_t("số thành viên tối thiểu", "fewest members"), unset if r.min_members is None else r.min_members),
        (_t("quy chế", "regulation"), r.source or "—"),
    ]
    return fields(_t("Quy chế hoạt động của hội đồng", "Council rules"), pairs)


def _span(text: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda obj: _span_text(text(obj))


_RENDERERS: dict[type, Callable[[Any], str]] = {
    Edition: _edition,
    Sheet: _sheet,
    Criterion: _criterion,
    Scorecard: _scorecard,
    Grade: _grade,
    UnmetMinimum: _span(_unmet_text),
    Eliminated: _span(_eliminated_text),
    Disqualified: _span(_disqualified_text),
    Change: _change,
    Plan: _plan,
    Certificate: _certificate,
    Status: _status,
    Portfolio: _portfolio,
    Halted: _span(_halted),
    OutOfScope: _span(_out_of_scope),
    Recognition: _span(lambda r: _t(_recognition_vi(r), str(r))),
    RuleBreach: _span(lambda b: _t(_breach_vi(b), str(b))),
    CouncilRules: _council_rules,
    **_html_criteria.RENDERERS,
    **_html_cycle.RENDERERS,
}


def html(value: object) -> str:
    """The HTML display of an ``ocop`` value, in the current label language.

    >>> import ocop
    >>> from ocop.io._html import html
    >>> from ocop.labels import language
    >>> with language("en"):
    ...     "4 stars" in html(ocop.edition("26/2026"))
    True
    """
    return _RENDERERS[type(value)](value)
