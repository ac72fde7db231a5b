"""Criteria tables (bộ tiêu chí): the scoring sheets of each edition.

Each sheet is a packaged JSON file, one per sheet and named by its code, carrying its
provenance (instrument, appendix, sheet number, source checksum).  Files are loaded
through a strict cattrs converter and checked for integrity on load (part, section
and criterion maxima add up, levels and star marks are consistent); Vietnamese is the authoritative text, with
short English glosses.

>>> import ocop
>>> len(ocop.criteria.sheets(edition="26/2026"))
26
>>> ocop.criteria.sheet(26, edition="26/2026").criterion("8").cases[1].text_vi
'Trường hợp 2: Điểm dịch vụ du lịch'
>>> ocop.criteria.sheet(11, edition="26/2026").criterion("6.2.3").group
'6.2'
>>> ocop.criteria.sheet(1, edition="26/2026").criterion("1.3").levels[-1].star
<Star.FIVE: 5>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocop._editions import Edition, default_edition
from ocop._editions import edition as _edition
from ocop._editions import editions as _editions
from ocop._lazy import attach
from ocop.criteria._model import (
    Case,
    Criterion,
    Disqualification,
    Ground,
    Level,
    Note,
    NoteKind,
    Oddity,
    Part,
    Provenance,
    Section,
    Sheet,
    Subsection,
)
from ocop.errors import CriteriaNotPublished, UnknownSheet

if TYPE_CHECKING:
    from ocop.criteria._classification import Classification, ProductGroup, Sector, Subgroup
    from ocop.criteria._compare import Change, ChangeKind, Comparison, compare
    from ocop.criteria._load import load_sheet, sheet_from_json

# The loaders (cattrs, importlib.resources) and the classification are imported on first use.
if not TYPE_CHECKING:  # pragma: no branch (type checkers read the imports above and flag unknown names)
    __getattr__, __dir__ = attach(
        __name__,
        globals(),
        {
            **dict.fromkeys(["Classification", "ProductGroup", "Sector", "Subgroup"], "ocop.criteria._classification"),
            **dict.fromkeys(["Change", "ChangeKind", "Comparison", "compare"], "ocop.criteria._compare"),
            **dict.fromkeys(["load_sheet", "sheet_from_json"], "ocop.criteria._load"),
        },
    )

__all__ = [
    "Case",
    "Change",
    "ChangeKind",
    "Classification",
    "Comparison",
    "Criterion",
    "Disqualification",
    "Ground",
    "Level",
    "Note",
    "NoteKind",
    "Oddity",
    "Part",
    "ProductGroup",
    "Provenance",
    "Section",
    "Sector",
    "Sheet",
    "Subgroup",
    "Subsection",
    "classification",
    "compare",
    "load_sheet",
    "sheet",
    "sheet_from_json",
    "sheets",
]


def _resolve(edition: str | Edition | None) -> Edition:
    ed = default_edition() if edition is None else _edition(edition)
    if not ed.criteria_published:
        raise CriteriaNotPublished(
            f"edition {ed.code}: only its frame (part maxima, bands, recognition levels) is known",
            field="edition",
            value=ed.code,
            allowed=[e.code for e in _editions() if e.criteria_published],
        )
    return ed


def classification(*, edition: str | Edition | None = None) -> Classification:
    """The product classification (Appendix I) of ``edition``: sectors, groups, sheets.

    :raises CriteriaNotPublished: the edition's classification is not public.
    """
    from ocop.criteria._classification import load_classification

    ed = _resolve(edition)
    return load_classification(ed.code)


def sheets(*, edition: str | Edition | None = None) -> tuple[Sheet, ...]:
    """Every scoring sheet this version ships for ``edition`` (default: in force today).

    :raises UnknownEdition: unknown edition code.
    :raises CriteriaNotPublished: the edition's item-level tables are not public.
    """
    from ocop.criteria._load import load_packaged

    ed = _resolve(edition)
    return tuple(load_packaged(ed.code, code) for code in range(1, ed.sheet_count + 1))


def sheet(code: int, *, edition: str | Edition | None = None) -> Sheet:
    """The scoring sheet ``code`` (1–26 in 26/2026) of ``edition`` (default: in force today).

    :raises UnknownSheet: no sheet has this code in the edition.
    :raises CriteriaNotPublished: the edition's item-level tables are not public; load a
        transcription of your own with :func:`load_sheet` instead.
    """
    ed = _resolve(edition)
    if isinstance(code, bool) or not isinstance(code, int) or not 1 <= code <= ed.sheet_count:
        raise UnknownSheet(f"edition {ed.code}", field="sheet", value=code, allowed=f"integers 1 to {ed.sheet_count}")
    from ocop.criteria._load import load_packaged

    return load_packaged(ed.code, code)
