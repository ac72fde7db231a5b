"""Compare two scoring sheets criterion by criterion (e.g. one product set in 1048/2019 and 26/2026)."""

from __future__ import annotations

import enum
import unicodedata

import attrs

from ocop._shown import Shown, ShownConcisely
from ocop.criteria._model import Criterion, Sheet
from ocop.errors import InvalidValue

__all__ = ["Change", "ChangeKind", "Comparison", "compare"]


class ChangeKind(enum.Enum):
    """What changed for one criterion between two sheets."""

    #: Only in the second sheet.
    ADDED = "added"
    #: Only in the first sheet.
    REMOVED = "removed"
    #: Same number, another name.
    RENAMED = "renamed"
    #: Same name, another number.
    RENUMBERED = "renumbered"
    #: Another maximum.
    REWEIGHTED = "reweighted"
    #: Another ladder of levels (texts or points).
    LEVELS_CHANGED = "levels changed"
    #: The second sheet marks starred minimum levels where the first marks none.
    MINIMA_ADDED = "minima added"


@attrs.frozen
class Change(Shown):
    """One change of one criterion; ``before``/``after`` are the criterion numbers (``None`` if absent)."""

    kind: ChangeKind
    before: str | None
    after: str | None
    name_vi: str
    detail: str

    def __str__(self) -> str:
        where = " → ".join(n for n in (self.before, self.after) if n is not None)
        if self.before is not None and self.after is not None and self.before == self.after:
            where = self.before
        return f"{self.kind.value}: {where} {self.name_vi}" + (f" ({self.detail})" if self.detail else "")


@attrs.frozen
class Comparison(ShownConcisely):
    """The changes from sheet ``before`` to sheet ``after``, in the order of ``after``.

    ``matched`` pairs the criterion numbers found in both sheets (by name, else by number).
    """

    before: Sheet
    after: Sheet
    matched: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]

    def __repr__(self) -> str:
        return (
            f"<Comparison sheet {self.before.code} ({self.before.edition.code}) → sheet {self.after.code} "
            f"({self.after.edition.code}): {len(self.matched)} matched, {len(self.changes)} changes>"
        )

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        """The changes of one kind."""
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def added(self) -> tuple[Change, ...]:
        """Criteria only in ``after``."""
        return self.of_kind(ChangeKind.ADDED)

    @property
    def removed(self) -> tuple[Change, ...]:
        """Criteria only in ``before``."""
        return self.of_kind(ChangeKind.REMOVED)

    def __str__(self) -> str:
        head = (
            f"sheet {self.before.code} of {self.before.edition.code} ({self.before.name_vi}) → "
            f"sheet {self.after.code} of {self.after.edition.code} ({self.after.name_vi}): "
            f"{len(self.matched)} criteria matched, {len(self.changes)} changes"
        )
        return "\n".join([head, *(f"- {c}" for c in self.changes)])


def _key(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", text).casefold() if ch.isalnum())


def _ladder(c: Criterion) -> str:
    return ", ".join(f"{lvl.case + ':' if lvl.case else ''}{lvl.value}" for lvl in c.levels)


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _stars(c: Criterion) -> str:
    return ", ".join(f"{lvl.star} at {lvl.value}" for lvl in c.levels if lvl.star is not None)


def compare(before: Sheet, after: Sheet) -> Comparison:
    """What changed between two sheets, criterion by criterion.

    Criteria are matched by name (ignoring case, spacing and punctuation), then the
    rest by number; a matched criterion may be renumbered, renamed, reweighted, have
    another ladder of levels, or gain starred minima.  Unmatched criteria are removed
    (only in ``before``) or added (only in ``after``).  Any two sheets can be compared;
    which product set of one edition continues which of another is for the caller.

    >>> import ocop
    >>> old = ocop.criteria.sheet(1, edition="1048/2019")
    >>> new = ocop.criteria.sheet(1, edition="26/2026")
    >>> diff = ocop.criteria.compare(old, new)
    >>> print(diff.of_kind(ocop.criteria.ChangeKind.MINIMA_ADDED)[0])
    minima added: 1.2 → 1.3 Gia tăng giá trị (5★ at 3)
    >>> [str(c) for c in diff.changes if c.after == "1.2"]
    ['added: 1.2 Vùng nguyên liệu được cấp chứng nhận chất lượng (2 points)']
    >>> [str(c) for c in diff.removed][:1]
    ['removed: 1.6 Sử dụng năng lượng, công nghệ thân thiện bền vững trong SX (1 point)']

    :raises InvalidValue: ``before`` or ``after`` is not a :class:`Sheet`.
    """
    for name, value in (("before", before), ("after", after)):
        if not isinstance(value, Sheet):
            raise InvalidValue(field=name, value=value, allowed="an ocop.criteria.Sheet")
    old = list(before.criteria)
    new = list(after.criteria)
    pairs: dict[str, Criterion] = {}  # number in after -> criterion in before
    by_name: dict[str, Criterion] = {}
    for c in old:
        by_name.setdefault(_key(c.name_vi), c)
    used: set[str] = set()
    for c in new:
        found = by_name.get(_key(c.name_vi))
        if found is not None and found.number not in used:
            pairs[c.number] = found
            used.add(found.number)
    by_number = {c.number: c for c in old}
    for c in new:
        found = by_number.get(c.number)
        if c.number not in pairs and found is not None and found.number not in used:
            pairs[c.number] = found
            used.add(found.number)
    changes: list[Change] = []
    for c in new:
        was = pairs.get(c.number)
        if was is None:
            changes.append(Change(ChangeKind.ADDED, None, c.number, c.name_vi, _points(c.max_points)))
            continue
        if was.number != c.number:
            changes.append(Change(ChangeKind.RENUMBERED, was.number, c.number, c.name_vi, ""))
        if _key(was.name_vi) != _key(c.name_vi):
            changes.append(Change(ChangeKind.RENAMED, was.number, c.number, c.name_vi, f"was {was.name_vi}"))
        if was.max_points != c.max_points:
            detail = f"{was.max_points} → {_points(c.max_points)}"
            changes.append(Change(ChangeKind.REWEIGHTED, was.number, c.number, c.name_vi, detail))
        texts = [_key(lvl.text_vi or "") for lvl in was.levels] != [_key(lvl.text_vi or "") for lvl in c.levels]
        if _ladder(was) != _ladder(c) or texts:
            detail = f"points {_ladder(was)} → {_ladder(c)}" + ("; level texts changed" if texts else "")
            changes.append(Change(ChangeKind.LEVELS_CHANGED, was.number, c.number, c.name_vi, detail))
        if _stars(c) and not _stars(was):
            changes.append(Change(ChangeKind.MINIMA_ADDED, was.number, c.number, c.name_vi, _stars(c)))
    for c in old:
        if c.number not in used:
            changes.append(Change(ChangeKind.REMOVED, c.number, None, c.name_vi, _points(c.max_points)))
    matched = tuple((was.number, number) for number, was in pairs.items())
    return Comparison(before=before, after=after, matched=matched, changes=tuple(changes))
