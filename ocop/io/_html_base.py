"""The building blocks of the HTML displays: one language per display, every text escaped."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from html import escape

from ocop._editions import Star
from ocop.labels import get_language, label

__all__ = ["cite_vi", "fields", "own", "row", "span", "star", "t", "table", "when", "yes_no"]


def t(vi: str, en: str) -> str:
    """``vi`` or ``en``, whichever the current language is."""
    return en if get_language() == "en" else vi


def own(vi: str | None, en: str | None) -> str:
    """A text in the current language only: ``—`` where the data has none in it.

    Unlike :func:`ocop.labels.label`, it never falls back to the other language.
    """
    text = en if get_language() == "en" else vi
    return text if text else "—"


def row(*cells: object, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def table(head: tuple[object, ...], rows: Sequence[tuple[object, ...]]) -> str:
    return "<table>" + row(*head, head=True) + "".join(row(*r) for r in rows) + "</table>"


def fields(title: str, pairs: Sequence[tuple[str, object]], extra: str = "") -> str:
    """A titled two-column table (name, value); ``extra`` is HTML appended as is."""
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in pairs)
    return f"<div><strong>{escape(title)}</strong><table>{body}</table>{extra}</div>"


def span(text: str) -> str:
    return f"<span>{escape(text)}</span>"


def star(value: Star | None) -> str:
    return label(value) if value is not None else t("không xếp hạng", "no star")


def when(day: datetime.date | None, missing: tuple[str, str] = ("—", "—")) -> str:
    return day.isoformat() if day is not None else t(*missing)


def yes_no(flag: bool | None, unknown: tuple[str, str] = ("chưa biết", "not yet known")) -> str:
    if flag is None:
        return t(*unknown)
    return t("có", "yes") if flag else t("không", "no")


_ONE = r"\d+(?:\.\d+)*[a-zđ]?(?:\([a-zđ]\))?"
_ARTICLES = re.compile(rf"(Civil Code 2015 |(\d+/\d{{4}}) )?Arts?\. ({_ONE}(?:(?:, | and ){_ONE})*)")


def cite_vi(rule: str) -> str:
    """The articles an English rule cites, in Vietnamese (``""`` if it cites none).

    The rules the model carries are written in English; a Vietnamese display keeps only
    the citations, so that it stays in one language.

    >>> cite_vi("26/2026 Art. 8.4: revocation within 15 days of the finding")
    'Điều 8.4 Quyết định 26/2026'
    >>> cite_vi("Civil Code 2015 Art. 147: counted from the day after; Art. 148.5: a last day ...")
    'Điều 147 Bộ luật Dân sự 2015; Điều 148.5 Bộ luật Dân sự 2015'
    >>> cite_vi("5★ re-evaluation (Arts. 6.3b, 7.6e)"), cite_vi("the producer withdraws the dossier")
    ('Điều 6.3b, 7.6e', '')
    """
    out: list[str] = []
    source = ""
    for m in _ARTICLES.finditer(rule):
        if m.group(2):
            source = f" Quyết định {m.group(2)}"
        elif m.group(1):
            source = " Bộ luật Dân sự 2015"
        out.append(f"Điều {m.group(3).replace(' and ', ', ')}{source}")
    return "; ".join(dict.fromkeys(out))
