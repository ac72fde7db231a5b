"""Bilingual labels: one switch between Vietnamese (the legal text, default) and English.

>>> import ocop
>>> from ocop.labels import label, language, set_language
>>> label(ocop.Star.FOUR), label(ocop.Authority.PROVINCE)
('4 sao', 'cấp tỉnh')
>>> with language("en"):
...     label(ocop.Star.FOUR), label(ocop.criteria.sheet(7, edition="26/2026"))
('4 stars', 'Processed from vegetables, tubers, fruits and nuts')

The switch is a context variable: each thread (and each asyncio task) has its own.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from ocop.errors import InvalidValue

__all__ = ["LANGUAGES", "get_language", "label", "language", "set_language"]

LANGUAGES = ("vi", "en")
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("ocop_language", default="vi")

_ENUM_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Authority": {
        "commune": ("cấp xã", "commune"),
        "district": ("cấp huyện", "district"),
        "province": ("cấp tỉnh", "province"),
        "ministry": ("cấp trung ương (Bộ)", "ministry (central)"),
    },
    "ProducerType": {
        "cooperative": ("Hợp tác xã", "Cooperative"),
        "cooperative-group": ("Tổ hợp tác", "Cooperative group"),
        "sme": ("Doanh nghiệp nhỏ và vừa", "Small or medium enterprise"),
        "farm-or-household": (
            "Trang trại, hộ sản xuất, hộ gia đình có đăng ký kinh doanh",
            "Farm or registered household business",
        ),
        "tourism-association": ("Hội, hiệp hội, trung tâm điều hành", "Association or operating centre"),
    },
    "RevocationGround": {
        "a": ("Thông tin giả mạo, không trung thực", "False or forged information"),
        "b": ("Không còn đáp ứng Bộ tiêu chí", "No longer meets the criteria"),
        "c": (
            "Vi phạm pháp luật về chất lượng, an toàn thực phẩm, môi trường, sở hữu trí tuệ, nhãn hàng hóa",
            "Violation of quality, food-safety, environment, IP or labelling law",
        ),
        "d": ("Sử dụng nhãn hiệu OCOP gây nhầm lẫn", "Misuse of the OCOP mark"),
        "đ": ("Chủ thể ngừng sản xuất sản phẩm", "Production stopped"),
        "e": ("Trường hợp khác theo kết luận của cơ quan có thẩm quyền", "Other conclusions of a competent authority"),
    },
    "StatusKind": {
        "not-yet-issued": ("Chưa cấp", "Not yet issued"),
        "valid": ("Còn hiệu lực", "Valid"),
        "in-renewal-grace": ("Kéo dài hiệu lực chờ phân hạng lại", "In renewal grace"),
        "expired": ("Hết hiệu lực", "Expired"),
        "superseded": ("Đã được thay thế", "Superseded"),
        "revoked": ("Đã thu hồi", "Revoked"),
    },
    "NoteKind": {
        "requirement": ("Yêu cầu", "Requirement"),
        "elimination": ("Bị loại nếu", "Eliminated if"),
        "halt": ("Dừng đánh giá", "Assessment stops"),
        "scope": ("Phạm vi áp dụng", "Scope"),
        "note": ("Ghi chú", "Note"),
    },
    # The procedure's states and actions (26/2026 Arts. 6-7, whose wording they follow).
    "State": {
        "filed": ("Đã nộp hồ sơ tại UBND cấp xã", "Filed with the commune"),
        "returned-to-producer": ("Trả lại chủ thể OCOP để hoàn thiện hồ sơ", "Returned to the producer"),
        "at-district": ("Hồ sơ tại cấp huyện", "At the district"),
        "district-advisory": ("Tổ tư vấn cấp huyện đánh giá", "District advisory group"),
        "district-council": ("Hội đồng cấp huyện đánh giá", "District council"),
        "at-province": ("Hồ sơ tại cấp tỉnh", "At the province"),
        "provincial-advisory": ("Tổ tư vấn Hội đồng cấp tỉnh đánh giá", "Provincial advisory group"),
        "provincial-council": ("Hội đồng cấp tỉnh đánh giá", "Provincial council"),
        "province-awaits-documents": ("Chờ bổ sung hồ sơ (cấp tỉnh)", "Province awaits documents"),
        "at-ministry": ("Hồ sơ tại cấp trung ương (Bộ)", "At the ministry"),
        "returned-by-ministry": ("Bộ trả lại để hoàn thiện hồ sơ", "Returned by the ministry for corrections"),
        "central-advisory": ("Tổ tư vấn Hội đồng cấp trung ương đánh giá", "Central advisory group"),
        "ministry-awaits-documents": ("Chờ bổ sung hồ sơ (cấp trung ương)", "Ministry awaits documents"),
        "central-council": ("Hội đồng cấp trung ương đánh giá", "Central council"),
        "returned-to-province": ("Trả về cấp tỉnh (không đạt 90 điểm)", "Returned to the province (below 90)"),
        "recognised-3": ("Được công nhận 3 sao", "Recognised, 3 stars"),
        "recognised-4": ("Được công nhận 4 sao", "Recognised, 4 stars"),
        "recognised-5": ("Được công nhận 5 sao", "Recognised, 5 stars"),
        "not-recognised": ("Không công nhận", "Not recognised"),
        "rejected": ("Hồ sơ bị loại", "Dossier rejected"),
        "withdrawn": ("Chủ thể OCOP rút hồ sơ", "Withdrawn by the producer"),
    },
    "Action": {
        "forward": ("Gửi hồ sơ lên cấp trên", "Forward the dossier"),
        "request-corrections": ("Đề nghị hoàn thiện hồ sơ", "Request corrections"),
        "resubmit": ("Nộp lại hồ sơ đã hoàn thiện", "Resubmit the corrected dossier"),
        "accept": ("Tiếp nhận hồ sơ, giao Tổ tư vấn", "Accept and refer to the advisory group"),
        "advisory-report": ("Tổ tư vấn gửi báo cáo đánh giá", "Advisory group reports"),
        "request-documents": ("Đề xuất bổ sung hồ sơ, kết quả kiểm nghiệm", "Request documents or tests"),
        "supply-documents": ("Bổ sung hồ sơ", "Supply the documents"),
        "recognise-3": ("Công nhận 3 sao", "Recognise 3 stars"),
        "recognise-4": ("Công nhận 4 sao", "Recognise 4 stars"),
        "recognise-5": ("Công nhận 5 sao", "Recognise 5 stars"),
        "not-recognise": ("Không công nhận", "Do not recognise"),
        "send-to-province": ("Gửi hồ sơ lên cấp tỉnh", "Send to the province"),
        "send-to-ministry": ("Gửi hồ sơ đề nghị Bộ đánh giá 5 sao", "Send to the ministry as a 5-star candidate"),
        "return-below-90": ("Trả về cấp tỉnh do không đạt 90 điểm", "Return to the province (below 90)"),
        "re-evaluate": ("Đánh giá, phân hạng lại", "Re-evaluate"),
        "reject": ("Loại hồ sơ", "Reject the dossier"),
        "withdraw": ("Rút hồ sơ", "Withdraw the dossier"),
    },
    "DossierKind": {
        "first": ("Đánh giá, phân hạng lần đầu", "First evaluation"),
        "upgrade": ("Đánh giá, nâng hạng", "Upgrade"),
        "re-evaluation": ("Đánh giá, phân hạng lại", "Re-evaluation"),
    },
    "PendingKind": {
        "first-or-upgrade": ("Đánh giá lần đầu hoặc nâng hạng", "First evaluation or upgrade"),
        "re-evaluation": ("Đánh giá, phân hạng lại", "Re-evaluation"),
    },
    "Stage": {
        "producer": ("Chủ thể OCOP nộp UBND cấp xã", "Producer to commune"),
        "commune": ("UBND cấp xã gửi UBND cấp tỉnh", "Commune to province"),
        "province": ("UBND cấp tỉnh gửi Bộ", "Province to ministry"),
    },
    # The dossier's contents, in the words of 26/2026 Art. 6.
    "Item": {
        "registration-form": ("Phiếu đăng ký đánh giá, phân hạng (Mẫu số 01)", "Registration form (Form 01)"),
        "self-assessment": ("Báo cáo tự đánh giá về sản phẩm (Mẫu số 02)", "Self-assessment report (Form 02)"),
        "change-evidence": (
            "Tài liệu minh chứng những thay đổi so với sản phẩm OCOP đã được công nhận",
            "Evidence of the changes since recognition",
        ),
        "re-evaluation-update": (
            "Cập nhật nội dung mới, minh chứng giấy tờ pháp lý có thời hạn",
            "Updates and renewed time-limited papers",
        ),
        "commune-proposal": ("Văn bản của UBND cấp xã đề nghị UBND cấp tỉnh", "The commune's letter to the province"),
        "commune-report": ("Báo cáo của UBND cấp xã (Mẫu số 03)", "The commune's report (Form 03)"),
        "province-proposal": ("Văn bản của UBND cấp tỉnh gửi Bộ", "The province's letter to the ministry"),
        "provincial-advisory-report": (
            "Báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh",
            "The provincial advisory group's report",
        ),
        "provincial-council-report": ("Báo cáo đánh giá của Hội đồng cấp tỉnh", "The provincial council's report"),
        "chairman-approval": (
            "Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh",
            "The chairman's approval of the result",
        ),
        "provincial-agency-report": (
            "Báo cáo đánh giá của cơ quan tham mưu quản lý OCOP cấp tỉnh",
            "The provincial OCOP agency's report",
        ),
        "samples": ("Sản phẩm mẫu", "Samples"),
        "paper-set": ("Bộ hồ sơ giấy", "Paper set"),
        "electronic-set": ("Bộ hồ sơ điện tử", "Electronic set"),
    },
    # The commune's four topics, in the words of 26/2026 Art. 7.2a.
    "CommuneTopic": {
        "origin-and-raw-material": ("Nguồn gốc sản phẩm, nguyên liệu địa phương", "Origin and local raw material"),
        "local-labour": ("Sử dụng lao động địa phương", "Local labour"),
        "idea-origin": ("Nguồn gốc ý tưởng sản phẩm", "Origin of the product idea"),
        "local-identity": ("Bản sắc, trí tuệ địa phương", "Local identity and know-how"),
    },
    "ChangeKind": {
        "added": ("Thêm mới", "Added"),
        "removed": ("Bỏ", "Removed"),
        "renamed": ("Đổi tên", "Renamed"),
        "renumbered": ("Đổi số thứ tự", "Renumbered"),
        "reweighted": ("Đổi điểm tối đa", "Reweighted"),
        "levels changed": ("Đổi các mức", "Levels changed"),
        "minima added": ("Thêm mức tối thiểu có dấu sao", "Starred minima added"),
    },
    "Route": {
        "none": ("Không có hạng sao để công nhận", "No star to recognise"),
        "by-authority": ("Cấp có thẩm quyền công nhận", "Recognised by the competent level"),
        "recognise": ("Cấp của hội đồng công nhận", "Recognised by the council's level"),
        "forward": ("Chuyển hồ sơ lên cấp trên công nhận", "Forwarded to the higher level"),
        "leave-to": ("Cấp dưới công nhận hoặc tự đánh giá", "Left to the lower level"),
    },
    "HaltReach": {
        "following": ("Không đánh giá các bước tiếp theo", "The following steps are not assessed"),
        "others": ("Không xem xét các chỉ tiêu khác", "No other indicator is considered"),
    },
    "ValidityCounting": {
        "civil-code": (
            "Không tính ngày cấp (Bộ luật Dân sự 2015, Điều 147)",
            "Issue day not counted (Civil Code Art. 147)",
        ),
        "issue-day-counted": ("Tính cả ngày cấp", "Issue day counted"),
    },
}


def _checked(lang: object) -> str:
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise InvalidValue(field="language", value=lang, allowed=LANGUAGES)
    return lang


def get_language() -> str:
    """The current language, ``"vi"`` or ``"en"``."""
    return _CURRENT.get()


def set_language(lang: str) -> None:
    """Switch labels to ``"vi"`` or ``"en"`` for the current context.

    :raises InvalidValue: not one of ``LANGUAGES``.
    """
    _CURRENT.set(_checked(lang))


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Use ``lang`` inside a ``with`` block."""
    token = _CURRENT.set(_checked(lang))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def label(obj: Any) -> str:
    """The label of an enum member or a table object in the current language.

    Table objects (sheets, parts, sections, criteria, levels, notes, sectors, groups…)
    use their ``name_vi``/``name_en`` or ``text_vi``/``text_en``; enums use built-in labels.

    :raises InvalidValue: the object has no label.
    """
    en = get_language() == "en"
    from ocop._editions import Star
    from ocop.cycle import CycleStep

    if isinstance(obj, Star):
        return f"{int(obj)} star{'s' if obj > 1 else ''}" if en else obj.label_vi
    if isinstance(obj, CycleStep):
        return obj.label_en if en else obj.label_vi
    kind = type(obj).__name__
    if kind in _ENUM_LABELS and getattr(obj, "value", None) in _ENUM_LABELS[kind]:
        return _ENUM_LABELS[kind][obj.value][1 if en else 0]
    for stem in ("name", "text"):
        vi, eng = getattr(obj, f"{stem}_vi", None), getattr(obj, f"{stem}_en", None)
        if isinstance(vi, str) or isinstance(eng, str):
            return str((eng or vi) if en else (vi or eng))
    raise InvalidValue(field="obj", value=obj, allowed="an ocop enum member or table object")
