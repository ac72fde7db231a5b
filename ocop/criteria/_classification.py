"""Product classification (Appendix I): sectors → groups → subgroups → scoring sheets."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType

import attrs

from ocop._shown import Shown, ShownConcisely
from ocop.criteria._model import Provenance
from ocop.errors import SheetIntegrityError, UnknownGroup

__all__ = ["Classification", "ProductGroup", "Sector", "Subgroup"]


@attrs.frozen
class Subgroup(Shown):
    """A subgroup (phân nhóm), scored on one sheet."""

    code: str
    name_vi: str
    name_en: str
    lead_ministries_vi: tuple[str, ...]
    sheet: int


@attrs.frozen
class ProductGroup(ShownConcisely):
    """A group (nhóm): either split into subgroups, or scored on one sheet itself."""

    code: str
    name_vi: str
    name_en: str
    lead_ministries_vi: tuple[str, ...]
    sheet: int | None
    subgroups: tuple[Subgroup, ...]

    def __repr__(self) -> str:
        scored = f"sheet {self.sheet}" if self.sheet is not None else f"{len(self.subgroups)} subgroups"
        return f"<ProductGroup {self.code}: {self.name_vi}, {scored}>"


@attrs.frozen
class Sector(ShownConcisely):
    """A sector (ngành / nhóm sản phẩm of Art. 2.2), e.g. ``I`` food products.

    A sector without groups is scored on one sheet itself (``sheet``; 1048/2019's
    textiles, sector V), with its lead ministries.
    """

    code: str
    name_vi: str
    name_en: str
    groups: tuple[ProductGroup, ...]
    sheet: int | None = None
    lead_ministries_vi: tuple[str, ...] = ()

    def __repr__(self) -> str:
        scored = f"sheet {self.sheet}" if self.sheet is not None else f"{len(self.groups)} groups"
        return f"<Sector {self.code}: {self.name_vi}, {scored}>"


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@attrs.frozen
class Classification(ShownConcisely):
    """The classification of products of one edition, with the sheet of each product set.

    >>> import ocop
    >>> c = ocop.criteria.classification(edition="26/2026")
    >>> len(c.sectors), len(c.groups), len(c.entries)
    (6, 17, 26)
    >>> c.sheet_for("I.3.c"), c.sheet_for("chế biến từ rau, củ, quả, hạt"), c.sheet_for("Cây cảnh")
    (7, 7, 24)
    >>> c.entry(7).lead_ministries_vi
    ('Bộ Nông nghiệp và Môi trường',)
    """

    format: int
    edition: str
    provenance: Provenance
    ministry_note_vi: str
    ministry_note_en: str
    sectors: tuple[Sector, ...]

    def __repr__(self) -> str:
        return (
            f"<Classification of {self.edition}: {len(self.sectors)} sectors, {len(self.groups)} groups, "
            f"{len(self.entries)} product sets>"
        )

    @cached_property
    def groups(self) -> tuple[ProductGroup, ...]:
        """The 17 groups (nhóm), in printed order."""
        return tuple(g for s in self.sectors for g in s.groups)

    @cached_property
    def entries(self) -> tuple[Subgroup | ProductGroup | Sector, ...]:
        """Every product set that has a sheet: subgroups, groups without subgroups, sectors without groups."""
        out: list[Subgroup | ProductGroup | Sector] = []
        for sector in self.sectors:
            if sector.sheet is not None:
                out.append(sector)
            for group in sector.groups:
                if group.subgroups:
                    out.extend(group.subgroups)
                else:
                    out.append(group)
        return tuple(out)

    def entry(self, sheet: int) -> Subgroup | ProductGroup | Sector:
        """The product set scored on ``sheet``.

        :raises UnknownGroup: no product set uses this sheet.
        """
        found = self._by_sheet.get(sheet) if isinstance(sheet, int) and not isinstance(sheet, bool) else None
        if found is not None:
            return found
        raise UnknownGroup(field="sheet", value=sheet, allowed=[e.sheet for e in self.entries])

    @cached_property
    def _by_sheet(self) -> Mapping[int, Subgroup | ProductGroup | Sector]:
        # Read-only: the classification is shared reference data.
        return MappingProxyType({e.sheet: e for e in self.entries if e.sheet is not None})

    def sector_of(self, sheet: int) -> Sector:
        """The sector of the product set scored on ``sheet``."""
        code = self.entry(sheet).code
        return next(s for s in self.sectors if code.split(".")[0] == s.code)

    def sheet_for(self, group: str) -> int:
        """The sheet for a product set, given by code (``"I.3.c"``) or by its name.

        Names match in Vietnamese or English, ignoring case and extra spaces.

        :raises UnknownGroup: no product set has this code or name.
        """
        if isinstance(group, str):
            wanted = _key(group)
            for item in self.entries:
                if wanted in {_key(item.code), _key(item.name_vi), _key(item.name_en)}:
                    assert item.sheet is not None
                    return item.sheet
        raise UnknownGroup(field="group", value=group, allowed=[f"{e.code} {e.name_vi}" for e in self.entries])


def load_classification(edition_code: str) -> Classification:
    """Read the packaged classification of an edition and check it (cached by the loader)."""
    from ocop.criteria._load import load_packaged_classification

    return load_packaged_classification(edition_code)


def check_classification(result: Classification) -> None:
    """Every group has a sheet or subgroups (not both), and the sets map onto sheets 1..n.

    :raises SheetIntegrityError: naming the group or the sheets.
    """
    for group in result.groups:
        if (group.sheet is None) == (not group.subgroups):
            raise SheetIntegrityError(
                f"classification of {result.edition}: group {group.code} needs a sheet or subgroups, not both"
            )
    for sector in result.sectors:
        if (sector.sheet is None) == (not sector.groups):
            raise SheetIntegrityError(
                f"classification of {result.edition}: sector {sector.code} needs a sheet or groups, not both"
            )
    sheets = sorted(e.sheet for e in result.entries if e.sheet is not None)
    if sheets != list(range(1, len(sheets) + 1)):
        raise SheetIntegrityError(f"classification of {result.edition} does not map onto sheets 1..n: {sheets}")
