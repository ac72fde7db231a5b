"""Grade one scorecard or a council's scorecards: parts, total, band, star, reasons."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from fractions import Fraction

from ocop._editions import Authority, Edition, default_edition, edition_in_force
from ocop._editions import edition as _edition
from ocop._numbers import check_date
from ocop.criteria import sheet as _sheet
from ocop.criteria._model import NoteKind, Sheet
from ocop.errors import CriteriaNotPublished, InvalidValue, MixedScorecards
from ocop.grading._compiled import Compiled, compiled
from ocop.grading._engine import council_grade, lazy_grade, points_grade
from ocop.grading._result import Disqualified, Eliminated, Grade, UnmetMinimum
from ocop.grading._rules import (
    CouncilRules,
    Halted,
    OutOfScope,
    RuleBreach,
    check_council,
    check_rules,
    check_rules_value,
    halt_note,
    halt_reach,
    not_assessed,
)
from ocop.grading._scorecard import Scorecard

__all__ = ["Disqualified", "Eliminated", "Grade", "UnmetMinimum", "grade", "grade_many", "grade_points"]


def _as_cards(scorecards: Scorecard | Iterable[Scorecard]) -> tuple[Scorecard, ...]:
    if isinstance(scorecards, Scorecard):
        return (scorecards,)
    if isinstance(scorecards, (str, bytes, Mapping)) or not isinstance(scorecards, Iterable):
        raise InvalidValue(field="scorecards", value=scorecards, allowed="a Scorecard or an iterable of Scorecards")
    cards = tuple(scorecards)
    if not cards:
        raise InvalidValue(
            "a council needs at least one scorecard", field="scorecards", value=cards, allowed="one or more Scorecards"
        )
    for card in cards:
        if not isinstance(card, Scorecard):
            raise InvalidValue(field="scorecards", value=card, allowed="ocop.Scorecard instances")
    first = cards[0].sheet
    for card in cards[1:]:
        if card.sheet is not first and card.sheet != first:
            raise MixedScorecards(
                field="scorecards",
                value=f"sheet {card.sheet.code} of {card.sheet.edition.code}",
                allowed=f"sheet {first.code} of {first.edition.code}",
            )
    return cards


def _halted(sheet: Sheet, cards: tuple[Scorecard, ...]) -> tuple[Halted, ...]:
    # Sheet notes "… sẽ không đánh giá các bước tiếp theo" / "Không xem xét các chỉ tiêu
    # khác …": any one member's record applies to the council, as for eliminations.
    flagged = frozenset().union(*(card.halts for card in cards))
    if not flagged:
        return ()
    out = []
    for c in sheet.criteria:
        if c.number in flagged:
            note = halt_note(c)
            assert note is not None  # the scorecard admits halts only on criteria with a halt note
            out.append(
                Halted(
                    criterion=c.number,
                    text_vi=note.text_vi,
                    reach=halt_reach(note),
                    not_assessed=not_assessed(sheet, c.number),
                    evaluators=tuple(card.evaluator for card in cards if c.number in card.halts),
                )
            )
    return tuple(out)


def _filed_on(cards: tuple[Scorecard, ...], sheet: Sheet) -> tuple[datetime.date | None, str | None]:
    # 26/2026 Art. 12.2: a dossier filed before 22 May 2026 finishes under the rules of
    # 2021-2025.  The sheet given is an explicit edition and wins; a filing date that
    # selects another edition is said in a caveat, never silently applied.
    days = sorted({card.filed_on for card in cards if card.filed_on is not None})
    if len(days) > 1:
        raise MixedScorecards(
            "the members' scorecards give different filing dates",
            field="filed_on",
            value=days[1].isoformat(),
            allowed=days[0].isoformat(),
        )
    if not days:
        return None, None
    day = days[0]
    by_date = edition_in_force(day)
    if by_date == sheet.edition:
        return day, None
    return day, (
        f"filed on {day.isoformat()}: the filing date selects edition {by_date.code} (26/2026 Art. 12.2), "
        f"but the sheet given is of {sheet.edition.code}, which is the edition graded"
    )


def grade(
    scorecards: Scorecard | Iterable[Scorecard],
    *,
    council: Authority | None = None,
    rules: CouncilRules | None = None,
) -> Grade:
    """Grade one scorecard, or a council's scorecards on the same sheet.

    A council's points (per criterion, section, part, and the total) are the exact
    averages of its members' points; the total is the "tổng điểm trung bình" of
    26/2026 Art. 3.3 and is not rounded.  A starred minimum counts as met by a council
    when the members' average on that criterion reaches the starred level's points
    (how councils apply minima is not spelt out in the decision; this reading uses the
    same average as the total).  An elimination, disqualification, halt or scope
    exclusion recorded by any member applies to the council's grade, with the members
    who recorded it.

    Halts (sheet notes "sẽ không đánh giá các bước tiếp theo", "Không xem xét các chỉ
    tiêu khác"): the criteria after the halting one (or all others) are not assessed,
    their points are not counted and the grade has no star.  Scope notes ("Chỉ áp dụng
    khi có câu chuyện sản phẩm"): the points of a criterion out of scope are not
    counted and its starred minima do not apply.

    Final star: the highest star whose band holds the total and whose starred minima,
    with those of every lower star, are all met; none when eliminated, rejected or
    halted.

    ``council`` is the level of the council that graded (the grade's
    :attr:`~ocop.Grade.recognition` then says whether it recognises the star, forwards
    a 5★ candidate or leaves the star to the province; Art. 7.3(e), 7.4).  ``rules``
    are the council's own regulations (Art. 7.3(d)), checked and reported in
    ``breaches``, never applied to the star.

    >>> import ocop
    >>> sheet = ocop.criteria.sheet(2, edition="26/2026")
    >>> top = {c.number: c.max_points for c in sheet.criteria}
    >>> g = ocop.grade(ocop.Scorecard.from_points(sheet, top, halts=["6.1"]))
    >>> g.star, [h.criterion for h in g.halted], g.not_assessed[:3]
    (None, ['6.1'], ('6.2', '6.3', '6.4'))

    :raises InvalidValue: not a scorecard or a non-empty iterable of scorecards; a
        ``council`` that recognises no star in the edition; ``rules`` not a CouncilRules.
    :raises MixedScorecards: the scorecards are not all on the same sheet, or give
        different filing dates.
    """
    if type(scorecards) is Scorecard and council is None and rules is None:
        card = scorecards
        if not (card.eliminations or card.disqualifications or card.halts or card.out_of_scope or card.filed_on):
            # The common case, one scorecard that flags nothing: one pass over codes.
            return lazy_grade(card.sheet, card.levels._data)
    cards = _as_cards(scorecards)
    sheet = cards[0].sheet
    level = check_council(council, sheet.edition)
    regulations = check_rules_value(rules)
    return _grade_council(compiled(sheet), cards, level, regulations)


def _grade_council(
    plan: Compiled, cards: tuple[Scorecard, ...], level: Authority | None, regulations: CouncilRules | None
) -> Grade:
    sheet = plan.sheet
    n = len(cards)
    halted = _halted(sheet, cards)
    skipped = {number for h in halted for number in h.not_assessed}
    scoped = {number for card in cards for number in card.out_of_scope} - skipped
    ignored = frozenset(skipped | scoped)
    # Sum the members' points as integers per criterion; the exact averages are built
    # from these sums only when read.
    sums: list[int] = []
    raw_sums: dict[str, int] = {}
    caveats: list[str] = []
    choices = [card.levels._data for card in cards]
    for number, values, blank in zip(plan.numbers, plan.points, plan.blank, strict=True):
        total = 0
        for levels in choices:
            index = levels[number]
            total += values[index]
            if index in blank and number not in ignored:
                note = (
                    f"criterion {number}: the chosen level's point cell is blank or misprinted in "
                    f"the decision; scored as {values[index]} (see the sheet's oddities)"
                )
                if note not in caveats:
                    caveats.append(note)
        if number in ignored:
            raw_sums[number] = total
            total = 0
        sums.append(total)

    eliminating = frozenset().union(*(card.eliminations for card in cards))
    rejecting = frozenset().union(*(card.disqualifications for card in cards))
    eliminated = tuple(
        Eliminated(
            criterion=c.number,
            text_vi=next(note.text_vi for note in c.notes if note.kind is NoteKind.ELIMINATION),
            evaluators=tuple(card.evaluator for card in cards if c.number in card.eliminations),
        )
        for c in (sheet.criteria if eliminating else ())
        if c.number in eliminating
    )
    disqualified = tuple(
        Disqualified(
            ground=g.id,
            text_vi=g.text_vi,
            evaluators=tuple(card.evaluator for card in cards if g.id in card.disqualifications),
        )
        for g in (sheet.disqualification.grounds if sheet.disqualification and rejecting else ())
        if g.id in rejecting
    )
    out_of_scope = tuple(
        OutOfScope(
            criterion=c.number,
            text_vi=next(note.text_vi for note in c.notes if note.kind is NoteKind.SCOPE),
            ignored_points=Fraction(raw_sums[c.number], n),
            evaluators=tuple(card.evaluator for card in cards if c.number in card.out_of_scope),
        )
        for c in (sheet.criteria if scoped else ())
        if c.number in scoped
    )
    filed_on, filing_caveat = _filed_on(cards, sheet)
    if filing_caveat is not None:
        caveats.append(filing_caveat)
    breaches: tuple[RuleBreach, ...] = ()
    if regulations is not None:
        counted = [(k, values) for k, values in zip(plan.numbers, plan.points, strict=True) if k not in ignored]
        totals = [sum(values[levels[k]] for k, values in counted) for levels in choices]
        breaches = check_rules(regulations, totals, [card.evaluator for card in cards])
    fields: dict[str, object] = {
        "eliminated": eliminated,
        "disqualified": disqualified,
        # Edition-wide caveats (e.g. 1048/2019: the 781/2020 minima are unknown) come last.
        "caveats": (*caveats, *plan.edition_caveats),
        "halted": halted,
        "out_of_scope": out_of_scope,
        "filed_on": filed_on,
        "council": level,
        "rules": regulations,
        "breaches": breaches,
    }
    if eliminated or disqualified or halted:
        fields["star"] = None
    return council_grade(plan, tuple(sums), n, ignored, **fields)


def grade_many(scorecards: Iterable[Scorecard], *, council: Authority | None = None) -> list[Grade]:
    """Grade each scorecard on its own, in one call: one grade per card, in order.

    The batch form of :func:`~ocop.grade` for portfolio-scale work (each card is one
    product, not a member of a council): the sheets are compiled once, and a card that
    flags nothing is graded in one pass over integers.  Cards may be on different
    sheets and editions.  ``council`` is the level of the council that graded them
    all, as for :func:`~ocop.grade`.

    >>> import ocop
    >>> sheet = ocop.criteria.sheet(7, edition="26/2026")
    >>> top = {c.number: len(c.levels) - 1 for c in sheet.criteria}
    >>> cards = [ocop.Scorecard(sheet, {**top, "9": i}) for i in range(3)]
    >>> [(g.total, g.star) for g in ocop.grading.grade_many(cards)]
    [(Fraction(96, 1), <Star.THREE: 3>), (Fraction(98, 1), <Star.FIVE: 5>), (Fraction(100, 1), <Star.FIVE: 5>)]
    >>> ocop.grading.grade_many(cards) == [ocop.grade(c) for c in cards]
    True

    :raises InvalidValue: not an iterable of scorecards; a ``council`` that recognises
        no star in a card's edition.
    """
    if isinstance(scorecards, (str, bytes, Mapping, Scorecard)) or not isinstance(scorecards, Iterable):
        raise InvalidValue(field="scorecards", value=scorecards, allowed="an iterable of Scorecards")
    cards = list(scorecards)
    for card in cards:
        if not isinstance(card, Scorecard):
            raise InvalidValue(field="scorecards", value=card, allowed="ocop.Scorecard instances")
    if council is not None and not isinstance(council, Authority):
        raise InvalidValue(field="council", value=council, allowed=[a.value for a in Authority])
    levels: dict[Edition, Authority | None] = {}
    out: list[Grade] = []
    append = out.append
    for card in cards:
        if (
            council is None
            and type(card) is Scorecard
            and not (card.eliminations or card.disqualifications or card.halts or card.out_of_scope or card.filed_on)
        ):
            # The common case, as in grade(): one pass over codes (the sheet's plan is cached).
            append(lazy_grade(card.sheet, card.levels._data))
            continue
        sheet = card.sheet
        if sheet.edition not in levels:
            levels[sheet.edition] = check_council(council, sheet.edition)
        append(_grade_council(compiled(sheet), (card,), levels[sheet.edition], None))
    return out


def _edition_for(edition: str | Edition | None, filed_on: datetime.date | None) -> Edition:
    # An explicit edition wins over a filing date (the scorecard's caveat then says so);
    # a filing date selects the edition in force on it (26/2026 Art. 12.2).
    if edition is not None:
        return _edition(edition)
    if filed_on is None:
        return default_edition()
    day = check_date(filed_on, field="filed_on")
    ed = edition_in_force(day)
    if not ed.criteria_published:
        raise CriteriaNotPublished(
            f"a dossier filed on {day.isoformat()} is graded under edition {ed.code} (26/2026 Art. 12.2), "
            "whose item-level tables are not published.",
            field="filed_on",
            value=day,
            allowed="dossiers filed from 2026-05-22 (edition 26/2026), or an explicit edition=",
        )
    return ed


_PLANS: dict[tuple[int, object], tuple[Edition, Compiled]] = {}


def _plan_for(number: int, edition: str | Edition | None) -> Compiled:
    # The compiled sheet for (sheet number, edition code), resolved once.  The default
    # edition is the one in force today, so it is looked up on every call; an Edition
    # given must be the very one the entry was made for.
    given = default_edition() if edition is None else edition
    code = given if isinstance(given, str) else given.code
    hit = _PLANS.get((number, code))
    if hit is None or (not isinstance(given, str) and hit[0] is not given):
        resolved = _edition(given)
        hit = _PLANS[number, code] = (resolved, compiled(_sheet(number, edition=resolved)))
    return hit[1]


def grade_points(
    sheet: int,
    points: Mapping[str, int],
    *,
    edition: str | Edition | None = None,
    filed_on: datetime.date | None = None,
    eliminations: Iterable[str] = (),
    disqualifications: Iterable[str] = (),
    halts: Iterable[str] = (),
    out_of_scope: Iterable[str] = (),
    council: Authority | None = None,
    rules: CouncilRules | None = None,
) -> Grade:
    """Grade one product from the points of the chosen level of every criterion.

    ``sheet`` is the sheet number (1–26), ``points`` maps each leaf criterion number
    exactly as printed (``"1.1"``, ``"6.5"``, ``"7"``…) to the points of the chosen
    level.  ``edition`` defaults to the edition in force on ``filed_on``, the day the
    dossier was filed (26/2026 Art. 12.2: filed before 22 May 2026, the old rules),
    else to the edition in force today; an explicit ``edition`` wins over
    ``filed_on`` (the grade's caveats then say the date selects another edition).
    The other keywords are those of :class:`~ocop.Scorecard` and :func:`~ocop.grade`.

    >>> import ocop, datetime
    >>> pts = {c.number: c.max_points for c in ocop.criteria.sheet(1, edition="26/2026").criteria}
    >>> pts.update({"4.1": 2, "5.1": 1, "8": 1})
    >>> g = ocop.grade_points(1, pts, edition="26/2026")
    >>> g.total, g.band, g.star
    (Fraction(89, 1), <Star.FOUR: 4>, <Star.THREE: 3>)
    >>> sorted((u.criterion, int(u.star), u.required_points) for u in g.unmet)
    [('4.1', 4, 3), ('4.1', 5, 5), ('5.1', 4, 5), ('8', 4, 3)]
    >>> ocop.grade_points(1, pts, filed_on=datetime.date(2026, 6, 1)).edition.code
    '26/2026'
    >>> try:
    ...     ocop.grade_points(1, pts, filed_on=datetime.date(2026, 5, 21))
    ... except ocop.errors.CriteriaNotPublished as exc:
    ...     print(exc.field, exc.value)
    filed_on 2026-05-21

    :raises UnknownEdition, UnknownSheet, CriteriaNotPublished: bad edition or sheet,
        or a filing date whose edition has no published tables.
    :raises InvalidDate, NoEditionInForce: ``filed_on`` is not a date, or before 2019.
    :raises UnknownCriterion, IncompleteScorecard, UnknownLevel, AmbiguousLevel: bad points.
    """
    if (
        type(sheet) is int
        and type(points) is dict
        and filed_on is None
        and council is None
        and rules is None
        and not (eliminations or disqualifications or halts or out_of_scope)
        and (edition is None or type(edition) is str or type(edition) is Edition)
    ):
        # A plain product: its points are read and summed in one pass over codes.
        hit = _PLANS.get((sheet, edition)) if type(edition) is str else None  # an edition named: resolved before
        plan = _plan_for(sheet, edition) if hit is None else hit[1]
        fast = points_grade(plan, points)
        if fast is not None:
            return fast
    ed = _edition_for(edition, filed_on)
    card = Scorecard.from_points(
        _sheet(sheet, edition=ed),
        points,
        eliminations=eliminations,
        disqualifications=disqualifications,
        halts=halts,
        out_of_scope=out_of_scope,
        filed_on=filed_on,
    )
    return grade(card, council=council, rules=rules)
