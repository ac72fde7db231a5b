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
