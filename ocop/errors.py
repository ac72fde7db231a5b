"""The exceptions raised by :mod:`ocop`.

Every exception derives from :class:`OcopError`, and each concrete error also derives
from the built-in it refines (:class:`ValueError` or :class:`LookupError`), so callers
may catch either.  Each class carries a default ``message``; the text of
a raised error adds the offending field, the value received and the allowed values.
Branch on the type, never on the message text.

>>> import ocop
>>> try:
...     ocop.edition("999/2030")
... except LookupError as exc:
...     print(type(exc).__name__, "|", exc)
UnknownEdition | Unknown edition code. edition: got '999/2030'; allowed: '1048/2019', '148/2023', '1489/2025', '26/2026'
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

__all__ = [
    "AmbiguousLevel",
    "CalendarNotCovered",
    "CertificateError",
    "CriteriaNotPublished",
    "IllegalTransition",
    "IncompleteScorecard",
    "InconsistentData",
    "InvalidData",
    "InvalidDate",
    "InvalidTotal",
    "InvalidValue",
    "MixedScorecards",
    "NoEditionInForce",
    "OcopError",
    "RuleNotPublished",
    "SheetFormatError",
    "SheetIntegrityError",
    "UnknownCriterion",
    "UnknownEdition",
    "UnknownGroup",
    "UnknownLevel",
    "UnknownSheet",
]

_MISSING = object()


#: Messages quote at most this much of a value (a whole payload is not a message).
MAX_QUOTE = 200


def _repr(value: object) -> str:
    """``repr`` of a value, bounded in length (a huge int's repr raises, so it is described)."""
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"<an integer of {value.bit_length()} bits>"
    text = repr(value)
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 5] + "…" + text[-4:]


#: Nesting kept in ``errors()`` values; deeper data is quoted (JSON input nests at most 32 levels).
_MAX_JSON_DEPTH = 40


def _json_safe(value: object, depth: int = 0) -> Any:
    """``value`` as JSON data that ``json.dumps(..., allow_nan=False)`` accepts.

    JSON data passes unchanged (tuples stay tuples); what JSON cannot carry is quoted: a
    non-finite float, a huge integer, a date, any other object (by its bounded ``repr``);
    an enum by its value.  Errors are answered to web clients, so their values must serialize.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= 1000 else _repr(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if depth < _MAX_JSON_DEPTH:
        if isinstance(value, (list, tuple)):
            items = [_json_safe(v, depth + 1) for v in value]
            return tuple(items) if isinstance(value, tuple) else items
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {k: _json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return _json_safe(value.value, depth + 1)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _repr(value)


def _fmt_allowed(allowed: Iterable[object] | str) -> str:
    if isinstance(allowed, str):
        return allowed
    return ", ".join(repr(a) for a in allowed)


class OcopError(Exception):
    """Root of every error raised by :mod:`ocop`.

    :param detail: extra explanation, appended to the class's default message.
    :param field: the name of the offending field or argument.
    :param value: the value that was received.
    :param allowed: the allowed values (an iterable, or a description as text).
    """

    message: ClassVar[str] = "The OCOP rules were not respected."

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        value: object = _MISSING,
        allowed: Iterable[object] | str | None = None,
    ) -> None:
        self.detail = detail
        self.field = field
        self.value = None if value is _MISSING else value
        self.allowed: tuple[object, ...] | str | None = (
            allowed if allowed is None or isinstance(allowed, str) else tuple(allowed)
        )
        parts = [self.message]
        if detail:
            parts.append(detail)
        received = []
        if field is not None or value is not _MISSING:
            where = f"{field}: " if field is not None else ""
            got = f"got {_repr(value)}" if value is not _MISSING else ""
            received.append(f"{where}{got}".rstrip(": "))
        if self.allowed is not None:
            received.append(f"allowed: {_fmt_allowed(self.allowed)}")
        if received:
            parts.append("; ".join(received))
        super().__init__(" ".join(parts))

    def plain(self) -> str:
        """The message without the field, value and allowed values (those are attributes)."""
        return f"{self.message} {self.detail}" if self.detail else self.message

    def errors(self) -> list[dict[str, Any]]:
        """The error as a list of ``{loc, msg, type, value, allowed}`` (FastAPI/pydantic style).

        ``loc`` is the path of the offending value (field names, indices and keys);
        :class:`InvalidData` lists every problem found, other errors list themselves.
        ``value`` and ``allowed`` are JSON data, ready for a web answer: what JSON cannot
        carry (a non-finite float, a huge integer, a date, an object) is quoted as text; the
        attributes ``value`` and ``allowed`` keep what was received.

        >>> import ocop
        >>> try:
        ...     ocop.edition("9/2099")
        ... except ocop.OcopError as exc:
        ...     print(exc.errors())
        [{'loc': ['edition'], 'msg': 'Unknown edition code.', 'type': 'UnknownEdition', 'value': '9/2099', \
'allowed': ('1048/2019', '148/2023', '1489/2025', '26/2026')}]
        >>> try:
        ...     ocop.edition("26/2026").star_for(float("nan"))
        ... except ocop.OcopError as exc:
        ...     print(repr(exc.value), repr(exc.errors()[0]["value"]))
        nan 'nan'
        """
        loc = [] if self.field is None else [self.field if isinstance(self.field, str) else _repr(self.field)]
        return [{"loc": loc, "msg": self.plain(), "type": type(self).__name__, "value": _json_safe(self.value),
                 "allowed": _json_safe(self.allowed)}]  # fmt: skip


class InvalidValue(OcopError, ValueError):
    """A value has the right kind but is not allowed (out of range, wrong type of number…)."""

    message = "Invalid value."


class InvalidData(OcopError, ValueError):
    """Data given to the converter does not follow the format: every problem, each with its path.

    ``problems`` holds one ``{loc, msg, type, value, allowed}`` entry per problem (see
    :meth:`OcopError.errors`); ``field``, ``value`` and ``allowed`` describe the first.
    """

    message = "The data does not follow the format."

    def __init__(self, problems: Sequence[dict[str, Any]], *, root: str = "data") -> None:
        self.problems = tuple(problems)
        lines = self.lines(self.problems)
        first = self.problems[0] if self.problems else {"loc": [], "value": None, "allowed": None}
        super().__init__(
            " | ".join(lines) if lines else f"no detail ({root})",
            field=_path(first["loc"]),
            value=first["value"],
            allowed=first["allowed"],
        )

    def __str__(self) -> str:
        return f"{self.message} {self.detail}"

    @staticmethod
    def lines(problems: Iterable[dict[str, Any]]) -> list[str]:
        """One line per problem: ``"$.path: message (got …; allowed: …)"``."""
        return [f"{_path(p['loc'])}: {p['msg']}" + _got(p) for p in problems]

    def errors(self) -> list[dict[str, Any]]:
        """Every problem found, as ``{loc, msg, type, value, allowed}`` (JSON data, as :meth:`OcopError.errors`)."""
        return [{**p, "value": _json_safe(p["value"]), "allowed": _json_safe(p["allowed"])} for p in self.problems]


def _path(loc: Sequence[str | int]) -> str:
    out = "$"
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if step.isidentifier() else f"[{step!r}]")
    return out


def _got(problem: dict[str, Any]) -> str:
    parts = []
    if problem["value"] is not None:
        parts.append(f"got {_repr(problem['value'])}")
    if problem["allowed"] is not None:
        parts.append(f"allowed: {_fmt_allowed(problem['allowed'])}")
    return f" ({'; '.join(parts)})" if parts else ""


class InconsistentData(OcopError, ValueError):
    """Loaded data contradicts what the library derives from it (a grade that does not add up…)."""

    message = "The data is not consistent with the rules it claims to follow."


class InvalidTotal(InvalidValue):
    """A total score is not a finite number between 0 and 100."""

    message = "A total score must be a finite number from 0 to 100."


class InvalidDate(InvalidValue):
    """A date argument is not a :class:`datetime.date` (a ``datetime`` is refused too)."""

    message = "A calendar date (datetime.date, not datetime.datetime) is required."


class UnknownEdition(OcopError, LookupError):
    """No legal edition has this code."""

    message = "Unknown edition code."


class NoEditionInForce(OcopError, LookupError):
    """No edition of the OCOP criteria was in force on the date asked about."""

    message = "No edition of the OCOP criteria was in force on that date."


class UnknownSheet(OcopError, LookupError):
    """The edition has no scoring sheet with this code."""

    message = "Unknown scoring sheet."


class CriteriaNotPublished(OcopError, LookupError):
    """The item-level criteria of this edition are not publicly available."""

    message = "The item-level criteria of this edition are not publicly available."


class UnknownGroup(OcopError, LookupError):
    """No product set (sector group or subgroup) has this code or name."""

    message = "Unknown product group."


class UnknownCriterion(OcopError, LookupError):
    """The sheet has no criterion with this number."""

    message = "Unknown criterion."


class UnknownLevel(OcopError, LookupError):
    """The criterion has no such level (index, or points value)."""

    message = "Unknown level."


class AmbiguousLevel(OcopError, ValueError):
    """A points value matches several levels that grade differently."""

    message = "Several levels of the criterion are worth these points and grade differently."


class IncompleteScorecard(OcopError, ValueError):
    """A scorecard does not choose a level for every criterion of its sheet."""

    message = "The scorecard does not score every criterion of the sheet."


class MixedScorecards(OcopError, ValueError):
    """A council's scorecards are not all on the same sheet of the same edition."""

    message = "A council's scorecards must all use the same sheet of the same edition."


class IllegalTransition(OcopError, ValueError):
    """A procedure or cycle step that the law does not allow from the current state."""

    message = "This step is not allowed from the current state."


class RuleNotPublished(OcopError, LookupError):
    """The edition's text for this rule (a deadline, a round) is not publicly available."""

    message = "This rule of the edition is not publicly available."


class SheetFormatError(InvalidData):
    """A sheet file is not valid JSON of the sheet format (unknown or missing keys, wrong types).

    Like :class:`InvalidData`, it lists every problem with its path (``errors()``).
    """

    message = "The sheet file does not follow the sheet format."


class SheetIntegrityError(OcopError, ValueError):
    """A sheet table failed an integrity check (points do not add up, bad star mark…)."""

    message = "The scoring sheet failed an integrity check."


# --- added for issue #12 (legal time and certificates) ----------------------------------


class CalendarNotCovered(OcopError, LookupError):
    """A working-day answer needs a year the holiday data does not cover."""

    message = "The working-day calendar does not cover this date."


class CertificateError(OcopError, ValueError):
    """A certificate is not consistent with the rules (star, issuer, dates, revocation)."""

    message = "The certificate does not follow the rules."
