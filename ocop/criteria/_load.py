"""Load sheet tables from packaged JSON through cattrs, and check their integrity."""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import os
from collections.abc import Mapping
from importlib import resources
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ocop._editions import Edition, Star, edition
from ocop.criteria._classification import (
    Classification,
    ProductGroup,
    Sector,
    Subgroup,
    check_classification,
)
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
from ocop.errors import InvalidValue, OcopError, SheetFormatError, SheetIntegrityError

_CLASSES = (
    Sheet, Part, Section, Subsection, Criterion, Case, Level, Note, Provenance, Disqualification, Ground, Oddity,
    Classification, Sector, ProductGroup, Subgroup,
)  # fmt: skip


def _exact(kind: type, allowed: str) -> Any:
    """A structure hook that takes values of exactly ``kind`` (``"3"``, ``True``, ``2.0`` are not ints)."""

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            # A plain TypeError: cattrs adds the JSON path, structure_sheet reports it.
            raise TypeError(f"{value!r} is not {allowed}")
        return value

    return hook


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _exact(str, "a JSON string"))
    conv.register_structure_hook(int, _exact(int, "a JSON integer"))
    conv.register_structure_hook(bool, _exact(bool, "true or false"))
    conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
    conv.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    conv.register_structure_hook(Star, lambda v, _: Star(v))
    conv.register_unstructure_hook(Star, int)
    conv.register_structure_hook(NoteKind, lambda v, _: NoteKind(v))
    conv.register_unstructure_hook(NoteKind, lambda k: k.value)
    conv.register_structure_hook(Edition, lambda v, _: edition(v))
    conv.register_unstructure_hook(Edition, lambda e: e.code)
    # Note first: the hooks of the classes holding notes are built from its hook.
    for cls in sorted(_CLASSES, key=lambda c: c is not Note):
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))
        # A note's ``covers`` is written only where it lists criteria: files without it
        # load and dump unchanged.
        omit = cls is Note
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=omit))
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The strict converter for sheet data (built on first use, to keep ``import ocop`` light)."""
    return _make_converter()


def structure_sheet(data: Any) -> Sheet:
    """Build a :class:`Sheet` from plain data and run every integrity check on it.

    :raises SheetFormatError: the data does not follow the format (the message lists
        each problem with its JSON path).
    :raises SheetIntegrityError: the table does not add up.
    :raises OcopError: a value is refused (e.g. an unknown edition code).
    """
    if not isinstance(data, Mapping):
        raise SheetFormatError(field="$", value=type(data).__name__, allowed="a JSON object")
    try:
        sheet = converter().structure(data, Sheet)
    except cattrs.BaseValidationError as exc:
        own = [e for e in _leaves(exc) if isinstance(e, OcopError)]
        if own:
            raise own[0] from exc
        problems = "; ".join(cattrs.transform_error(exc))
        raise SheetFormatError(problems) from exc
    check_sheet(sheet)
    return sheet


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for sub in exc.exceptions for leaf in _leaves(sub)]
    return [exc]


#: Sheet files are about 60 kB; anything this large is not a sheet.
MAX_SHEET_BYTES = 2_000_000


def sheet_from_json(data: str | bytes | Mapping[str, Any]) -> Sheet:
    """Build and check a sheet from JSON text (or already-parsed JSON data).

    The data follows the packaged format (see any file under
    ``ocop/criteria/data/``); use it to grade with a transcription of your own, e.g. a
    province's sheet of an edition whose tables are not published.  Every integrity
    check of the packaged sheets runs on it, against the part maxima of its edition.

    >>> import json, ocop
    >>> from ocop.criteria._load import unstructure_sheet
    >>> text = json.dumps(unstructure_sheet(ocop.criteria.sheet(7, edition="26/2026")))
    >>> ocop.criteria.sheet_from_json(text) == ocop.criteria.sheet(7, edition="26/2026")
    True

    :raises InvalidValue: not JSON text or a mapping.
    :raises SheetFormatError: unknown or missing keys, wrong types (with JSON paths).
    :raises SheetIntegrityError: the table does not add up.
    """
    if isinstance(data, (str, bytes)):
        if len(data) > MAX_SHEET_BYTES:
            raise InvalidValue(
                "sheet file too large",
                field="data",
                value=f"{len(data)} bytes",
                allowed=f"at most {MAX_SHEET_BYTES} bytes",
            )
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise InvalidValue(f"not valid JSON ({exc})", field="data", allowed="JSON text of a sheet") from exc
    return structure_sheet(data)


def load_sheet(path: str | os.PathLike[str]) -> Sheet:
    """Load and check a sheet file (UTF-8 JSON) from ``path``; see :func:`sheet_from_json`.

    :raises OSError: the file cannot be read.
    :raises InvalidValue: ``path`` is not a path.
    """
    if not isinstance(path, (str, os.PathLike)) or path == "":
        raise InvalidValue(field="path", value=path, allowed="a file path")
    with open(path, encoding="utf-8") as handle:
        return sheet_from_json(handle.read())


def unstructure_sheet(sheet: Sheet) -> dict[str, Any]:
    """The canonical plain-data form of a sheet (the packaged file's content)."""
    result: dict[str, Any] = converter().unstructure(sheet)
    return result


def _read_data(edition_code: str, name: str) -> Any:
    """The parsed JSON of a packaged data file of an edition."""
    folder = edition_code.replace("/", "-")
    return json.loads(resources.files("ocop.criteria").joinpath("data", folder, name).read_text(encoding="utf-8"))


@functools.cache
def load_packaged(edition_code: str, code: int) -> Sheet:
    """Read and check one packaged sheet file (cached: sheets are immutable)."""
    return structure_sheet(_read_data(edition_code, f"sheet-{code:02d}.json"))


@functools.cache
def load_packaged_classification(edition_code: str) -> Classification:
    """Read and check the packaged classification of an edition (cached)."""
    result = converter().structure(_read_data(edition_code, "classification.json"), Classification)
    check_classification(result)
    return result


def _fail(sheet: Sheet, where: str, what: str) -> SheetIntegrityError:
    return SheetIntegrityError(f"sheet {sheet.code} of {sheet.edition.code}, {where}: {what}")


def check_sheet(sheet: Sheet) -> None:
    """Run the integrity checks on a sheet.

    Checks: parts are A, B, C with the edition's maxima; section maxima add up to their
    part and criterion maxima to their section; the total is 100; criterion numbers are
    unique and belong to their section; a note covering several criteria names
    distinct criteria of its section, its own among them; every level scores within the criterion's
    maximum and the top level reaches it; levels never lose points going up; star marks
    are 3–5, rise with the levels, and each starred level scores more than every level
    below it; a blank point cell, a level that is not printed and two levels with equal
    points are each allowed only where an oddity records them.

    :raises SheetIntegrityError: naming the sheet, the place and the failed check.
    """
    waived = {(o.where, o.kind) for o in sheet.oddities}
    codes = tuple(p.code for p in sheet.parts)
    if codes != ("A", "B", "C"):
        raise _fail(sheet, "parts", f"parts must be A, B, C in order, got {codes}")
    seen: set[str] = set()
    for part in sheet.parts:
        expected = sheet.edition.part_max[part.code]
        if part.max_points != expected:
            raise _fail(sheet, f"part {part.code}", f"maximum {part.max_points} != edition's {expected}")
        section_sum = sum(s.max_points for s in part.sections)
        # 1048/2019 sheet 26 prints part A as 35 points while its criteria add up to 34:
        # kept as printed where an oddity records it.
        if section_sum != part.max_points and (f"part {part.code}", "part-total") not in waived:
            raise _fail(sheet, f"part {part.code}", f"sections add up to {section_sum}, not {part.max_points}")
        for section in part.sections:
            crit_sum = sum(c.max_points for c in section.criteria)
            if crit_sum != section.max_points:
                raise _fail(
                    sheet, f"section {section.number}", f"criteria add up to {crit_sum}, not {section.max_points}"
                )
            for criterion in section.criteria:
                num = criterion.number
                if num in seen:
                    raise _fail(sheet, f"criterion {num}", "number used twice")
                seen.add(num)
                leaf_section = num == section.number
                if not leaf_section and not num.startswith(section.number + "."):
                    raise _fail(sheet, f"criterion {num}", f"not numbered within section {section.number}")
                if leaf_section and len(section.criteria) != 1:
                    raise _fail(sheet, f"section {num}", "a section scored as a whole has exactly one criterion")
                if criterion.group is not None:
                    if criterion.group not in {sub.number for sub in section.subsections}:
                        raise _fail(sheet, f"criterion {num}", f"unknown subsection {criterion.group}")
                    if not num.startswith(criterion.group + "."):
                        raise _fail(sheet, f"criterion {num}", f"not numbered within subsection {criterion.group}")
                _check_levels(sheet, criterion, waived)
                _check_covers(sheet, section, criterion)
            for sub in section.subsections:
                sub_sum = sum(c.max_points for c in section.criteria if c.group == sub.number)
                if sub_sum != sub.max_points:
                    raise _fail(
                        sheet, f"subsection {sub.number}", f"criteria add up to {sub_sum}, not {sub.max_points}"
                    )
    # Parts match their edition's maxima, and every edition's maxima add up to 100 (a test
    # checks the registry), so the sheet totals 100 unless a "part-total" oddity says otherwise.


def _check_covers(sheet: Sheet, section: Section, criterion: Criterion) -> None:
    """A note covering several criteria names criteria of its own section, its carrier among them."""
    numbers = [c.number for c in section.criteria]
    for note in criterion.notes:
        if not note.covers:
            continue
        if len(set(note.covers)) != len(note.covers) or not set(note.covers) <= set(numbers):
            raise _fail(
                sheet, f"criterion {criterion.number}", f"note covers {list(note.covers)}, not within {numbers}"
            )
        if criterion.number not in note.covers:
            raise _fail(sheet, f"criterion {criterion.number}", "a note covering several criteria covers its own")


def _check_levels(sheet: Sheet, criterion: Criterion, waived: set[tuple[str, str]]) -> None:
    num = criterion.number
    levels = criterion.levels
    if not levels:
        raise _fail(sheet, f"criterion {num}", "has no levels")
    keys: list[str | None] = [case.key for case in criterion.cases]
    for level in levels:
        if level.points is None:
            if level.assumed_points is None or (num, "blank-points") not in waived:
                raise _fail(sheet, f"criterion {num}", "blank point cell without a recorded oddity and assumed points")
        elif level.assumed_points is not None and (num, "misprinted-points") not in waived:
            raise _fail(sheet, f"criterion {num}", "assumed_points is only for a blank or misprinted point cell")
        if not level.printed and (num, "no-levels-printed") not in waived:
            raise _fail(sheet, f"criterion {num}", "unprinted level without a recorded oddity")
        if level.printed != (level.text_vi is not None):
            raise _fail(sheet, f"criterion {num}", "a printed level has text; an unprinted one has none")
        if not 0 <= level.value <= criterion.max_points:
            raise _fail(sheet, f"criterion {num}", f"level worth {level.value} outside 0..{criterion.max_points}")
        if (level.case is None) != (not keys) or (level.case is not None and level.case not in keys):
            raise _fail(sheet, f"criterion {num}", f"level case {level.case!r} not among the cases {keys}")
        if level.case is not None and level.star is not None and (num, "star-in-case") not in waived:
            raise _fail(sheet, f"criterion {num}", "star mark on a level of an alternative case")
    # Each case is its own ladder of levels; a criterion without cases is one ladder.
    for key in keys or [None]:
        _check_ladder(sheet, criterion, [lvl for lvl in levels if lvl.case == key], waived)


def _check_ladder(sheet: Sheet, criterion: Criterion, levels: list[Level], waived: set[tuple[str, str]]) -> None:
    num = criterion.number
    if not levels:
        raise _fail(sheet, f"criterion {num}", "a case has no levels")
    values = [lvl.value for lvl in levels]
    if any(b < a for a, b in itertools.pairwise(values)):
        raise _fail(sheet, f"criterion {num}", f"levels lose points going up: {values}")
    if len(set(values)) != len(values) and (num, "duplicate-points") not in waived:
        raise _fail(sheet, f"criterion {num}", f"two levels with the same points: {values}")
    if values[-1] != criterion.max_points and (num, "top-below-maximum") not in waived:
        raise _fail(sheet, f"criterion {num}", f"top level {values[-1]} != maximum {criterion.max_points}")
    last_star = 0
    for index, level in enumerate(levels):
        if level.star is None:
            continue
        if level.star <= last_star:
            raise _fail(sheet, f"criterion {num}", "star marks must rise with the levels")
        last_star = level.star
        if any(lower.value >= level.value for lower in levels[:index]):
            raise _fail(sheet, f"criterion {num}", "a starred level must score more than every level below it")
