"""HTML for the procedure, the cycle, deadlines and the certificates' parts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from ocop._editions import Authority
from ocop.certificates import ProductCode, Renewal, Revocation
from ocop.cycle import (
    ALL_KINDS,
    CommuneCheck,
    CycleEvent,
    CycleHistory,
    Deadline,
    Dossier,
    DossierContents,
    DossierEvent,
    Procedure,
    Requirement,
    Round,
    StepDeadline,
    Transition,
    WorkCalendar,
    required_items,
)
from ocop.io._html_base import cite_vi, fields, span, t, table, when, yes_no
from ocop.labels import get_language, label

__all__ = ["RENDERERS"]


def _rule(rule: str) -> str:
    """An English rule as is, or in Vietnamese the articles it cites."""
    return rule if get_language() == "en" else cite_vi(rule)


def _deadline(d: Deadline) -> str:
    pairs: list[tuple[str, object]] = [(t("căn cứ", "rule"), _rule(d.rule) or "—")]
    pairs.append((t("bộ tiêu chí", "edition"), d.edition))
    unit = t("ngày làm việc", "working days") if d.working_days else t("ngày theo lịch", "calendar days")
    pairs.append((t("cách tính", "counting"), f"{unit}; {_rule(d.counting)}"))
    if d.unrolled != d.date:
        pairs.append(
            (
                t("ngày cuối rơi vào ngày nghỉ", "last day falls on a day off"),
                t(
                    f"{d.unrolled.isoformat()}, lùi đến {d.date.isoformat()}",
                    f"{d.unrolled.isoformat()}, moved to {d.isoformat()}",
                ),
            )
        )
    return fields(f"{t('Hạn', 'Deadline')}: {d.isoformat()}", pairs)


def _round(r: Round) -> str:
    level = label(Authority(r.level))
    number = t(f"Đợt {r.number}", f"Round {r.number}") if r.number else t("Đợt bổ sung", "Additional round")
    pairs: list[tuple[str, object]] = [
        (t("tổ chức trước ngày", "held before"), r.held_by.isoformat()),
        (t("cho hồ sơ đề nghị trước ngày", "for proposals before"), r.cutoff.isoformat()),
        (t("căn cứ", "rule"), _rule(r.rule) or "—"),
    ]
    return fields(f"{number}, {level} ({r.edition})", pairs)


def _event(e: DossierEvent) -> str:
    return span(f"{e.on.isoformat()}: {label(e.action)} → {label(e.state)}")


_STEP_VI = {
    "commune forwards or returns the dossier": "UBND cấp xã gửi hồ sơ lên cấp tỉnh hoặc trả lại chủ thể OCOP",
    "re-evaluation decided at the province": "cấp tỉnh quyết định kết quả đánh giá, phân hạng lại",
    "re-evaluation decided at the ministry": "cấp trung ương quyết định kết quả đánh giá, phân hạng lại",
    "finished under the old rules (26/2026 Art. 12.2)": "hoàn thành theo quy định cũ (Điều 12.2 Quyết định 26/2026)",
}


def _step_rows(steps: tuple[StepDeadline, ...]) -> list[tuple[object, ...]]:
    late = ("chưa biết", "not yet known")
    return [
        (
            t(_STEP_VI.get(s.what, cite_vi(s.due.rule)), s.what),
            s.started_on.isoformat(),
            s.due.isoformat(),
            when(s.done_on, ("chưa", "not yet")),
            yes_no(s.late, late),
        )
        for s in steps
    ]


_STEP_HEAD = (("việc", "step"), ("bắt đầu", "started"), ("hạn", "due"), ("xong", "done"), ("trễ hạn", "late"))


def _step_deadline(s: StepDeadline) -> str:
    rows = _step_rows((s,))[0]
    return fields(t("Hạn của một bước", "Step deadline"), [(t(*h), v) for h, v in zip(_STEP_HEAD, rows, strict=True)])


def _dossier(d: Dossier) -> str:
    title = t(
        f"Hồ sơ {label(d.kind).lower()}, nộp ngày {d.filed_on.isoformat()} ({d.procedure.edition.code})",
        f"Dossier, {label(d.kind).lower()}, filed on {d.filed_on.isoformat()} ({d.procedure.edition.code})",
    )
    events = [(e.on.isoformat(), label(e.action), label(e.state)) for e in d.events]
    head = (t("ngày", "date"), t("bước", "action"), t("trạng thái", "state"))
    now = f"<p>{escape(t('trạng thái hiện tại', 'current state'))}: {escape(label(d.state))}</p>"
    steps = d.deadlines()
    deadlines = table(tuple(t(*h) for h in _STEP_HEAD), _step_rows(steps)) if steps else ""
    return f"<div><strong>{escape(title)}</strong>{table(head, events)}{now}{deadlines}</div>"


def _transition_row(tr: Transition) -> tuple[object, ...]:
    rule = _rule(tr.rule)
    if not tr.confirmed:
        rule = f"{rule} ({t('chưa xác nhận', 'unconfirmed')})".lstrip()
    kinds = "" if tr.kinds == ALL_KINDS else ", ".join(sorted(label(k) for k in tr.kinds))
    actor = "—" if tr.actor is None else label(tr.actor)
    return (label(tr.source), label(tr.action), label(tr.target), actor, kinds, rule or "—")


_TRANSITION_HEAD = (
    ("từ", "from"),
    ("bước", "action"),
    ("đến", "to"),
    ("cấp thực hiện", "taken by"),
    ("chỉ cho", "only for"),
    ("căn cứ", "rule"),
)


def _transition(tr: Transition) -> str:
    return table(tuple(t(*h) for h in _TRANSITION_HEAD), [_transition_row(tr)])


def _procedure(p: Procedure) -> str:
    title = t(
        f"Trình tự đánh giá, phân hạng ({p.edition.code}): {len(p.transitions)} bước",
        f"Evaluation procedure ({p.edition.code}): {len(p.transitions)} steps",
    )
    body = table(tuple(t(*h) for h in _TRANSITION_HEAD), [_transition_row(tr) for tr in p.transitions])
    return f"<div><strong>{escape(title)}</strong>{body}</div>"


def _cycle_event(e: CycleEvent) -> str:
    return span(f"{e.on.isoformat()}: {label(e.step)}" + (f" — {e.note}" if e.note else ""))


def _history(h: CycleHistory) -> str:
    rows = [(e.on.isoformat(), label(e.step), e.note) for e in h.events]
    head = (t("ngày", "date"), t("bước của chu trình", "cycle step"), t("ghi chú", "note"))
    current = "—" if h.current is None else label(h.current)
    return (
        f"<div><strong>{escape(t('Chu trình OCOP', 'OCOP cycle'))}: {escape(current)}</strong>{table(head, rows)}</div>"
    )


def _dates(days: frozenset[Any]) -> str:
    return ", ".join(d.isoformat() for d in sorted(days)) or "—"


def _calendar(c: WorkCalendar) -> str:
    pairs = [
        (t("ngày nghỉ thêm", "extra days off"), _dates(c.days_off)),
        (t("ngày làm bù", "make-up working days"), _dates(c.working_days)),
        (t("nghỉ ngày 24/11", "24 November off"), yes_no(c.cultural_day)),
    ]
    return fields(t("Lịch ngày làm việc", "Working-day calendar"), pairs)


def _requirement_text(r: Requirement) -> str:
    rule = _rule(r.rule)
    return f"{r.count} × {label(r.item)}" + (f" ({rule})" if rule else "")


def _contents(c: DossierContents) -> str:
    title = (
        f"{t('Thành phần hồ sơ', 'Dossier contents')}: {label(c.kind)}, {t('phiếu', 'sheet')} {c.sheet}, "
        f"{label(c.stage)}"
    )
    rows = [
        (label(r.item), r.count, c.items.get(r.item, 0), _rule(r.rule) or "—")
        for r in required_items(c.kind, c.sheet, c.stage)
    ]
    head = (t("thành phần", "item"), t("cần", "required"), t("có", "held"), t("căn cứ", "rule"))
    missing = c.missing()
    state = t("đủ", "complete") if not missing else f"{t('còn thiếu', 'missing')}: {len(missing)}"
    return f"<div><strong>{escape(title)}</strong>{table(head, rows)}<p>{escape(state)}</p></div>"


def _commune_check(c: CommuneCheck) -> str:
    if c.criterion is None:
        what = t("không có tiêu chí tương ứng trên phiếu", "no criterion of the sheet")
    else:
        what = f"{t('tiêu chí', 'criterion')} {c.criterion.number} {label(c.criterion)}"
    return span(f"{label(c.topic)}: {what}")


def _code(c: ProductCode) -> str:
    return span(
        t(
            f"Mã sản phẩm {c}: tỉnh {c.province}, xã {c.commune}, số thứ tự {c.serial}, năm {c.year}",
            f"Product code {c}: province {c.province}, commune {c.commune}, serial {c.serial}, year {c.year}",
        )
    )


def _revocation(r: Revocation) -> str:
    pairs = [
        (t("căn cứ thu hồi", "ground"), f"{label(r.ground)} ({t('Điều', 'Art.')} 8.1({r.ground.value}))"),
        (t("ngày có kết luận", "finding on"), r.concluded_on.isoformat()),
        (t("ngày quyết định", "decided on"), r.decided_on.isoformat()),
        (t("cấp thu hồi", "by"), label(r.by)),
        (t("trong hạn 15 ngày (Điều 8.4)", "within 15 days (Art. 8.4)"), yes_no(r.within_deadline)),
    ]
    return fields(t("Thu hồi giấy chứng nhận", "Revocation"), pairs)


def _renewal(r: Renewal) -> str:
    pairs = [
        (t("ngày nộp hồ sơ", "filed on"), r.filed_on.isoformat()),
        (t("ngày quyết định", "decided on"), when(r.decided_on, ("chưa quyết định", "not decided yet"))),
    ]
    return fields(t("Đánh giá, phân hạng lại", "Re-evaluation"), pairs)


RENDERERS: dict[type, Callable[[Any], str]] = {
    Deadline: _deadline,
    Round: _round,
    DossierEvent: _event,
    StepDeadline: _step_deadline,
    Dossier: _dossier,
    Transition: _transition,
    Procedure: _procedure,
    CycleEvent: _cycle_event,
    CycleHistory: _history,
    WorkCalendar: _calendar,
    Requirement: lambda r: span(_requirement_text(r)),
    DossierContents: _contents,
    CommuneCheck: _commune_check,
    ProductCode: _code,
    Revocation: _revocation,
    Renewal: _renewal,
}
