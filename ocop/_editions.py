"""The legal editions of the OCOP criteria, with their provenance.

References:

- Decision 1048/QĐ-TTg of 21 Aug 2019 (Art. 1.2 bands, Art. 1.3 levels; Appendix I
  classification, Appendix II procedure, Appendix III 26 sheets; A35/B25/C40), amended by
  Decision 781/QĐ-TTg of 8 Jun 2020 (starred minima; its text is not available).
- Decision 148/QĐ-TTg of 24 Feb 2023 (A40/B25/C35; district recognises 3★).
- Decision 1489/QĐ-TTg of 6 Jul 2025, amending 148 (district level removed; province
  recognises 3★ and 4★).  Official record: vanban.chinhphu.vn docid 214441.
- Decision 26/2026/QĐ-TTg of 22 May 2026 (Art. 3.3 bands, Art. 4 levels, Art. 11 lapse
  of 148 and 1489 sixty days after it takes effect).  Official record:
  vanban.chinhphu.vn docid 218267.
"""

from __future__ import annotations

import datetime
import enum
from fractions import Fraction

import attrs

from ocop._frozen import FrozenMap
from ocop._numbers import check_date, to_fraction
from ocop._shown import Shown, ShownConcisely
from ocop.errors import NoEditionInForce, UnknownEdition

__all__ = [
    "Authority",
    "Edition",
    "Instrument",
    "Star",
    "StarBand",
    "edition",
    "edition_in_force",
    "editions",
]


class Star(enum.IntEnum):
    """An OCOP star rank, 1 to 5.  Only 3★ and above are recognised and certified.

    >>> from ocop import Star
    >>> Star.FOUR, int(Star.FOUR), Star(3).recognisable, Star.TWO.recognisable
    (<Star.FOUR: 4>, 4, True, False)
    >>> print(Star.FIVE)
    5★
    """

    ONE = 1
    TWO = 2
    THREE = 3
    FOUR = 4
    FIVE = 5

    @property
    def recognisable(self) -> bool:
        """Whether a product of this rank is recognised as an OCOP product (3★ and above)."""
        return self >= Star.THREE

    @property
    def label_vi(self) -> str:
        """The Vietnamese label, e.g. ``"4 sao"``."""
        return f"{int(self)} sao"

    def __str__(self) -> str:
        return f"{int(self)}★"


class Authority(enum.Enum):
    """The level of government that evaluates or recognises a product."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    MINISTRY = "ministry"

    @property
    def label_vi(self) -> str:
        """The Vietnamese name of the level."""
        return {
            "commune": "cấp xã",
            "district": "cấp huyện",
            "province": "cấp tỉnh",
            "ministry": "cấp trung ương (Bộ)",
        }[self.value]


@attrs.frozen
class Instrument(Shown):
    """A legal instrument (decision) with its number, date and official record."""

    number: str
    signed_on: datetime.date
    title_en: str
    official_record: str | None = None


@attrs.frozen
class StarBand(Shown):
    """The total-score range of one star: ``lower <= total < upper`` (``<=`` for 5★)."""

    star: Star
    lower: Fraction
    upper: Fraction
    upper_inclusive: bool = False

    def contains(self, total: Fraction) -> bool:
        """Whether ``total`` falls in this band."""
        if total < self.lower:
            return False
        return total <= self.upper if self.upper_inclusive else total < self.upper


def _bands() -> tuple[StarBand, ...]:
    # Identical in every edition: 26/2026 Art. 3.3; 148 per the programme's published
    # summaries (research notes, §4); 1048 Art. 1.2 prints integer ranges, read as these
    # (Edition.band_reading).
    return (
        StarBand(Star.ONE, Fraction(0), Fraction(30)),
        StarBand(Star.TWO, Fraction(30), Fraction(50)),
        StarBand(Star.THREE, Fraction(50), Fraction(70)),
        StarBand(Star.FOUR, Fraction(70), Fraction(90)),
        StarBand(Star.FIVE, Fraction(90), Fraction(100), upper_inclusive=True),
    )


@attrs.frozen
class Edition(ShownConcisely):
    """One legal edition of the OCOP criteria and procedure.

    >>> import ocop, datetime
    >>> e = ocop.edition("26/2026")
    >>> e.code, e.signed_on, dict(e.part_max)
    ('26/2026', datetime.date(2026, 5, 22), {'A': 40, 'B': 25, 'C': 35})
    >>> e.star_for(69.99), e.star_for(70)
    (<Star.THREE: 3>, <Star.FOUR: 4>)
    >>> e.recognised_by[ocop.Star.FIVE]
    <Authority.MINISTRY: 'ministry'>
    >>> old = ocop.edition("148/2023")
    >>> old.criteria_published, old.sheet_count, old.group_count is None
    (False, 26, True)

    Facts the public record does not confirm are ``None`` (``group_count``,
    ``official_record``) or said in ``notes``; nothing is filled in by guess.
    """

    code: str
    title_en: str
    instrument: Instrument
    amendments: tuple[Instrument, ...]
    in_force_from: datetime.date
    in_force_until: datetime.date | None
    lapses_on: datetime.date | None
    part_max: FrozenMap[str, int]
    bands: tuple[StarBand, ...]
    recognised_by: FrozenMap[Star, Authority]
    evaluation_levels: tuple[Authority, ...]
    sector_count: int
    group_count: int | None
    sheet_count: int
    criteria_published: bool
    minima_from: datetime.date | None
    notes: tuple[str, ...] = ()
    #: The star bands as the instrument prints them, verbatim (empty where not transcribed).
    bands_printed_vi: tuple[str, ...] = ()
    #: How a fractional total between two printed integer ranges is placed (None where the
    #: printed bands leave no gap).
    band_reading: str | None = None
    #: An amending instrument whose text is not available, so what it changed is unknown.
    amended_by: str | None = None
    #: Whether the starred minima of this edition are published (and so applied).
    minima_published: bool = True
    #: Caveats every grade under this edition carries.
    grading_caveats: tuple[str, ...] = ()

    @property
    def signed_on(self) -> datetime.date:
        """The date the edition's main instrument was signed."""
        return self.instrument.signed_on

    @property
    def official_record(self) -> str | None:
        """Link to the official record of the main instrument, when known."""
        return self.instrument.official_record

    def star_for(self, total: object) -> Star:
        """The star for a total score, from the edition's bands.

        Totals may be fractional (a council's average) and are compared exactly.
        Starred minima are not considered here; :func:`ocop.grade` applies them.

        >>> import ocop
        >>> [int(ocop.edition("148/2023").star_for(t)) for t in (0, 29.99, 30, 50, 89.99, 90, 100)]
        [1, 1, 2, 3, 4, 5, 5]

        :raises InvalidTotal: ``total`` is not a finite number from 0 to 100.
        """
        value = to_fraction(total)
        for band in self.bands:
            if band.contains(value):
                return band.star
        raise AssertionError("bands cover 0..100")  # pragma: no cover - checked by tests

    def in_force_on(self, on: datetime.date) -> bool:
        """Whether this edition governed new evaluations on ``on``."""
        day = check_date(on, field="on")
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def __str__(self) -> str:
        return f"{self.code} ({self.title_en})"

    def __repr__(self) -> str:
        return f"<Edition {self.code}>"


def _edition_registry() -> tuple[Edition, ...]:
    d = datetime.date
    province_province_ministry = FrozenMap(
        {Star.THREE: Authority.PROVINCE, Star.FOUR: Authority.PROVINCE, Star.FIVE: Authority.MINISTRY}
    )
    return (
        Edition(
            code="1048/2019",
            title_en="Decision 1048/QĐ-TTg (criteria and procedure), as first published; amended by 781/QĐ-TTg",
            instrument=Instrument("1048/QĐ-TTg", d(2019, 8, 21), "Criteria for evaluating and ranking OCOP products"),
            amendments=(
                Instrument("781/QĐ-TTg", d(2020, 6, 8), "Amends 1048's appendices; adds minimum criteria per star"),
            ),
            in_force_from=d(2019, 8, 21),
            in_force_until=d(2023, 2, 23),
            lapses_on=None,
            part_max=FrozenMap({"A": 35, "B": 25, "C": 40}),
            bands=_bands(),
            recognised_by=province_province_ministry,
            evaluation_levels=(Authority.DISTRICT, Authority.PROVINCE, Authority.MINISTRY),
            sector_count=6,
            group_count=15,
            sheet_count=26,
            criteria_published=True,
            minima_from=d(2020, 6, 8),
            notes=(
                "Art. 1.1: 6 sectors; Appendix I: 15 groups (textiles, sector V, has none) and 26 product "
                "sets, scored on the 26 sheets of Appendix III.",
                "Appendix II §1: the district council evaluates and forwards products scoring 50-100 points; the "
                "provincial People's Committee recognises 3★ and 4★ and forwards 90-100 points to the Ministry of "
                "Agriculture and Rural Development, which recognises 5★; when the central council's result is "
                "below 5★, the province issues the certificate on that result.",
                "Art. 1.3: certificates for 3★-5★ are valid 36 months from issue.",
                "The sheets are those of 1048 as first published (no star marks). Decision 781/QĐ-TTg "
                "(8 Jun 2020) amended the appendices and added starred minimum criteria; its text is not "
                "available, so its changes (and the minima from 8 Jun 2020) are unknown.",
                "Official record link: unconfirmed.",
            ),
            bands_printed_vi=(
                "Hạng 05 sao: Tổng điểm trung bình đạt từ 90 đến 100 điểm",
                "Hạng 04 sao: Tổng điểm trung bình đạt từ 70 đến 89 điểm",
                "Hạng 03 sao: Tổng điểm trung bình đạt từ 50 đến 69 điểm",
                "Hạng 02 sao: Tổng điểm trung bình đạt từ 30 đến 49 điểm",
                "Hạng 01 sao: Tổng điểm trung bình đạt dưới 30 điểm",
            ),
            band_reading=(
                "Art. 1.2 prints integer ranges (70-89, 50-69, 30-49) of an average total, leaving gaps such as "
                "89 < total < 90. Reading: each band runs from its printed lower bound up to the next band's lower "
                "bound, exclusive, so 89.5 is 4★ and 69.99 is 3★: a star is reached only at its printed threshold "
                "(90, 70, 50, 30); totals are never rounded up. This matches the bands of 148/2023 and 26/2026."
            ),
            amended_by="781/2020",
            minima_published=False,
            grading_caveats=(
                "graded on Decision 1048/QĐ-TTg as first published (2019): the starred minima that Decision "
                "781/QĐ-TTg added from 8 Jun 2020 are not published and are not applied",
                "1048 prints integer star ranges (e.g. 70-89 points); a fractional total between two ranges is "
                "placed in the lower band (89.5 is 4★): a reading, see ocop.edition('1048/2019').band_reading",
            ),
        ),
        Edition(
            code="148/2023",
            title_en="Decision 148/QĐ-TTg (criteria and procedure), three levels",
            instrument=Instrument(
                "148/QĐ-TTg", d(2023, 2, 24), "Criteria and procedure for evaluating and ranking OCOP products"
            ),
            amendments=(),
            in_force_from=d(2023, 2, 24),
            in_force_until=d(2025, 7, 5),
            lapses_on=None,
            part_max=FrozenMap({"A": 40, "B": 25, "C": 35}),
            bands=_bands(),
            recognised_by=FrozenMap(
                {Star.THREE: Authority.DISTRICT, Star.FOUR: Authority.PROVINCE, Star.FIVE: Authority.MINISTRY}
            ),
            evaluation_levels=(Authority.COMMUNE, Authority.DISTRICT, Authority.PROVINCE, Authority.MINISTRY),
            sector_count=6,
            group_count=None,
            sheet_count=26,
            criteria_published=False,
            minima_from=d(2023, 2, 24),
            notes=(
                "Replaced 1048 and 781 on signing.",
                "6 product groups (Art. 1.1.a) and 26 criteria sets, 3 ornamental-living-things sets added to "
                "1048's; the list is believed to match 26/2026 Appendix I except ministry names (unconfirmed "
                "row by row); the number of groups (nhóm) is unconfirmed.",
                "Item-level criteria (Phụ lục III) not publicly retrieved: unconfirmed.",
                "Official record link: unconfirmed.",
            ),
        ),
        Edition(
            code="1489/2025",
            title_en="Decision 148/QĐ-TTg as amended by 1489/QĐ-TTg, two levels",
            instrument=Instrument(
                "1489/QĐ-TTg",
                d(2025, 7, 6),
                "Amends Decision 148/QĐ-TTg after the district level was abolished",
                "https://vanban.chinhphu.vn/?classid=2&docid=214441&pageid=27160",
            ),
            amendments=(),
            in_force_from=d(2025, 7, 6),
            in_force_until=d(2026, 5, 21),
            lapses_on=d(2026, 7, 21),
            part_max=FrozenMap({"A": 40, "B": 25, "C": 35}),
            bands=_bands(),
            recognised_by=province_province_ministry,
            evaluation_levels=(Authority.COMMUNE, Authority.PROVINCE, Authority.MINISTRY),
            sector_count=6,
            group_count=None,
            sheet_count=26,
            criteria_published=False,
            minima_from=d(2023, 2, 24),
            notes=(
                "Applies the criteria of 148 with the two-level procedure (commune pre-check, province, ministry).",
                "148 and 1489 lapse 60 days after 22 May 2026 (26/2026 Art. 11.2); lapses_on counts "
                "22 May + 60 days; the exact counting convention is unconfirmed.",
                "Dossiers filed before 22 May 2026 finish under these rules (26/2026 Art. 12.2).",
            ),
        ),
        Edition(
            code="26/2026",
            title_en="Decision 26/2026/QĐ-TTg (criteria and procedure)",
            instrument=Instrument(
                "26/2026/QĐ-TTg",
                d(2026, 5, 22),
                "Criteria and procedure for evaluating and ranking OCOP products",
                "https://vanban.chinhphu.vn/?classid=1&docid=218267&orggroupid=3&pageid=27160",
            ),
            amendments=(),
            in_force_from=d(2026, 5, 22),
            in_force_until=None,
            lapses_on=None,
            part_max=FrozenMap({"A": 40, "B": 25, "C": 35}),
            bands=_bands(),
            recognised_by=province_province_ministry,
            evaluation_levels=(Authority.COMMUNE, Authority.PROVINCE, Authority.MINISTRY),
            sector_count=6,
            group_count=17,
            sheet_count=26,
            criteria_published=True,
            minima_from=d(2026, 5, 22),
            notes=("6 sectors, 17 groups, 26 scoring sheets (Phụ lục I, II).",),
        ),
    )


_EDITIONS: tuple[Edition, ...] = _edition_registry()
_BY_CODE: dict[str, Edition] = {e.code: e for e in _EDITIONS}


def editions() -> tuple[Edition, ...]:
    """Every legal edition, oldest first.

    >>> import ocop
    >>> [e.code for e in ocop.editions()]
    ['1048/2019', '148/2023', '1489/2025', '26/2026']
    """
    return _EDITIONS


def edition(code: str | Edition) -> Edition:
    """The edition with this code (an :class:`Edition` is returned unchanged).

    >>> import ocop
    >>> ocop.edition("1489/2025").recognised_by[ocop.Star.THREE]
    <Authority.PROVINCE: 'province'>

    :raises UnknownEdition: no edition has this code (a :class:`LookupError`).
    """
    if isinstance(code, Edition):
        return code
    if isinstance(code, str):
        found = _BY_CODE.get(code)
        if found is not None:
            return found
    raise UnknownEdition(field="edition", value=code, allowed=tuple(_BY_CODE))


def edition_in_force(on: datetime.date) -> Edition:
    """The edition that governed new evaluations on the date ``on``.

    >>> import ocop, datetime
    >>> ocop.edition_in_force(datetime.date(2026, 5, 21)).code
    '1489/2025'
    >>> ocop.edition_in_force(datetime.date(2026, 5, 22)).code
    '26/2026'

    :raises InvalidDate: ``on`` is not a :class:`datetime.date` (datetimes are refused).
    :raises NoEditionInForce: ``on`` is before 21 Aug 2019.
    """
    day = check_date(on, field="on")
    for ed in reversed(_EDITIONS):
        if day >= ed.in_force_from:
            return ed
    raise NoEditionInForce(field="on", value=day, allowed=f"dates from {_EDITIONS[0].in_force_from.isoformat()}")


def default_edition() -> Edition:
    """The edition in force today (the default of every ``edition=`` keyword)."""
    return edition_in_force(datetime.date.today())
