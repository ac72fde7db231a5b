"""Load sheet tables from packaged JSON through cattrs, and check their integrity."""

from __future__ import annotations

import enum
import functools
import itertools
import os
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ocop._editions import Edition, Star, edition
from ocop._strict import (
    describe,
    error_leaves,
    parse_json,
    problem,
    read_file,
    register_strict_hooks,
    structure_enum,
)
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
    Oddity,
    Part,
    Provenance,
    Section,
    Sheet,
    Subsection,
)
from ocop.errors import InvalidValue, SheetFormatError, SheetIntegrityError

#: Leaves first: a record's structure hook is built from the hooks of the records it holds, so
#: each of those must be registered before it (else a nested record would get cattrs' default
#: hook, which answers a non-object with "'int' object has no attribute 'keys'").
_CLASSES = (
    Note, Level, Case, Criterion, Subsection, Section, Part, Provenance, Ground, Disqualification, Oddity, Sheet,
    Subgroup, ProductGroup, Sector, Classification,
)  # fmt: skip


def _edition_code(value: Any, _: Any) -> Edition:
    if type(value) is not str:
        raise InvalidValue("not an edition code", value=value, allowed="an edition code such as '26/2026'")
    return edition(value)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    # No coercion: "false" is not False, 5.9 is not 5, true is not 1.
    register_strict_hooks(conv)
    conv.register_structure_hook(enum.IntEnum, structure_enum)
    conv.register_structure_hook(enum.Enum, structure_enum)
    conv.register_structure_hook(Edition, _edition_code)
    conv.register_unstructure_hook(Edition, lambda e: e.code)
    for cls in _CLASSES:
        conv.register_structure_hook(cls, _record(conv, cls))
        # A note's ``covers`` is written only where it lists criteria: files without it
        # load and dump unchanged.
        omit = cls is Note
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=omit))
    return conv


def _record(conv: cattrs.Converter, cls: type) -> Any:
    inner: Any = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

    def structure(value: Any, t: Any) -> Any:
        if not isinstance(value, dict):
            raise InvalidValue(f"expected an object ({cls.__name__})", value=value, allowed="a JSON object")
        return inner(value, t)

    return structure


@functools.cache
def converter() -> cattrs.Converter:
    """The strict converter for sheet data (built on first use, to keep ``import ocop`` light)."""
    return _make_converter()


def structure_sheet(data: Any) -> Sheet:
    """Build a :class:`Sheet` from plain data and run every integrity check on it.

    :raises SheetFormatError: the data does not follow the format (every problem, each
        with its JSON path: ``exc.errors()``).
    :raises SheetIntegrityError: the table does not add up.
    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise SheetFormatError([problem((), "expected an object", "InvalidValue", kind, "a JSON object")])
    try:
        sheet = converter().structure(dict(data), Sheet)
    except cattrs.BaseValidationError as exc:
        raise SheetFormatError([describe(loc, e) for loc, e in error_leaves(exc)]) from exc
    check_identifiers(sheet)
    check_sheet(sheet)
    return sheet


#: The printed alphabet of identifiers: numbers such as ``6.1.1``, keys such as
#: ``forged-dossier``.  Lookalikes (zero-width spaces, right-to-left marks, other
#: scripts' digits) would make two identifiers that print alike but differ.  A number
#: may end in one ASCII letter: 1048/2019 prints lettered boxes (sheet 26, ``6.a``) and
#: numbers one criterion twice (sheet 14, the second ``6.1.3`` kept as ``6.1.3b``).
NUMBER = re.compile(r"[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2}){0,3}(\.?[a-z])?")
KEY = re.compile(r"[a-z0-9]{1,40}(-[a-z0-9]{1,40}){0,8}")
PART = re.compile(r"[A-Z]")


def check_identifiers(sheet: Sheet) -> None:
    """Refuse identifiers outside their printed alphabet (numbers, case keys, ground ids).

    :raises SheetFormatError: naming the place and the identifier.
    """
    found: list[tuple[list[str | int], str, re.Pattern[str]]] = []
    for i, part in enumerate(sheet.parts):
        found.append((["parts", i, "code"], part.code, PART))
        for j, section in enumerate(part.sections):
            where: list[str | int] = ["parts", i, "sections", j]
            found.append(([*where, "number"], section.number, NUMBER))
            found.extend(([*where, "subsections", k, "number"], sub.number, NUMBER)
                         for k, sub in enumerate(section.subsections))  # fmt: skip
            for k, c in enumerate(section.criteria):
                found.append(([*where, "criteria", k, "number"], c.number, NUMBER))
                if c.group is not None:
                    found.append(([*where, "criteria", k, "group"], c.group, NUMBER))
                found.extend(([*where, "criteria", k, "cases", m, "key"], case.key, KEY)
                             for m, case in enumerate(c.cases))  # fmt: skip
    if sheet.disqualification is not None:
        found.extend((["disqualification", "grounds", i, "id"], g.id, KEY)
                     for i, g in enumerate(sheet.disqualification.grounds))  # fmt: skip
    problems = [
        problem(loc, "identifier outside its printed alphabet", "InvalidValue", value, pattern.pattern)
        for loc, value, pattern in found
        if pattern.fullmatch(value) is None
    ]
    if problems:
        raise SheetFormatError(problems)


#: Sheet files are about 60 kB; anything this large is not a sheet.
MAX_SHEET_BYTES = 2_000_000


def sheet_from_json(data: str | bytes | Mapping[str, Any]) -> Sheet:
    """Build and check a sheet from JSON text (or already-parsed JSON data).

    The data follows the packaged format (see any file under
    ``ocop/criteria/data/``); use it to grade with a transcription of your own, e.g. a
    province's sheet of an edition whose tables are not published.  Every integrity
    check of the packaged sheets runs on it, against the part maxima of its edition.
    Text is at most ``MAX_SHEET_BYTES`` (2 MB) of UTF-8, without duplicate keys.

    >>> import json, ocop
    >>> from ocop.criteria._load import unstructure_sheet
    >>> text = json.dumps(unstructure_sheet(ocop.criteria.sheet(7, edition="26/2026")))
    >>> ocop.criteria.sheet_from_json(text) == ocop.criteria.sheet(7, edition="26/2026")
    True

    :raises InvalidValue: not JSON text or a mapping, too large, not UTF-8, duplicate keys.
    :raises SheetFormatError: unknown or missing keys, wrong types (with JSON paths).
    :raises SheetIntegrityError: the table does not add up.
    """
    if isinstance(data, (str, bytes)):
        data = parse_json(data, limit=MAX_SHEET_BYTES, what="sheet file")
    return structure_sheet(data)


def load_sheet(path: str | os.PathLike[str]) -> Sheet:
    """Load and check a sheet file (UTF-8 JSON) from ``path``; see :func:`sheet_from_json`.

    Only a regular file of at most ``MAX_SHEET_BYTES`` (2 MB) is read (checked before
    reading, so a FIFO or a device is refused without blocking).

    :raises InvalidValue: ``path`` is not a path, or not a readable regular file within
        the size limit.
    """
    if not isinstance(path, (str, os.PathLike)) or path == "":
        raise InvalidValue(field="path", value=path, allowed="a file path")
    return sheet_from_json(read_file(path, limit=MAX_SHEET_BYTES))


def unstructure_sheet(sheet: Sheet) -> dict[str, Any]:
    """The canonical plain-data form of a sheet (the packaged file's content)."""
    result: dict[str, Any] = converter().unstructure(sheet)
    return result


def _read_data(edition_code: str, name: str) -> Any:
    """The parsed JSON of a packaged data file of an edition."""
    folder = edition_code.replace("/", "-")
    text = resources.files("ocop.criteria").joinpath("data", folder, name).read_bytes()
    return parse_json(text, limit=MAX_SHEET_BYTES, what=name)


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
    numbers = [s.number for p in sheet.parts for s in p.sections]
    if len(set(numbers)) != len(numbers):
        raise _fail(sheet, "sections", f"a section number is used twice: {numbers}")
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
        if level.star < Star.THREE:
            raise _fail(sheet, f"criterion {num}", f"star mark {int(level.star)} outside 3..5")
        if level.star <= last_star:
            raise _fail(sheet, f"criterion {num}", "star marks must rise with the levels")
        last_star = level.star
        if any(lower.value >= level.value for lower in levels[:index]):
            raise _fail(sheet, f"criterion {num}", "a starred level must score more than every level below it")
