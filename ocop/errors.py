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

from collections.abc import Iterable
from typing import ClassVar

__all__ = [
    "AmbiguousLevel",
    "CalendarNotCovered",
    "CertificateError",
    "CriteriaNotPublished",
    "IllegalTransition",
    "IncompleteScorecard",
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
            got = f"got {value!r}" if value is not _MISSING else ""
            received.append(f"{where}{got}".rstrip(": "))
        if self.allowed is not None:
            received.append(f"allowed: {_fmt_allowed(self.allowed)}")
        if received:
            parts.append("; ".join(received))
        super().__init__(" ".join(parts))


class InvalidValue(OcopError, ValueError):
    """A value has the right kind but is not allowed (out of range, wrong type of number…)."""

    message = "Invalid value."


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


class SheetFormatError(OcopError, ValueError):
    """A sheet file is not valid JSON of the sheet format (unknown or missing keys, wrong types)."""

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
