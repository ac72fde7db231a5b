"""A straightforward grading implementation: the reference the compiled engine must equal.

This is ``ocop.grading._grade.grade`` as it stood before the compiled engine (issue
#16), copied unchanged but for its name; ``tests/test_engine.py`` compares every
public field of the engine's grades with this one's over random scorecards and
councils.  Keep it simple: it is checked by reading, not by speed.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from ocop._editions import Authority, Star, edition_in_force
from ocop._frozen import FrozenMap
from ocop.criteria._model import NoteKind, Sheet
from ocop.errors import InvalidValue, MixedScorecards
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


@attrs.frozen
class _Plan:
    """A sheet flattened for grading: computed once per sheet."""

    parts: tuple[str, ...]
    sections: tuple[str, ...]
    # (part, section, criterion, level values, indices of blank point cells)
    criteria: tuple[tuple[str, str, str, tuple[int, ...], frozenset[int]], ...]
    # (criterion, star, required points, level index, level text), by star then sheet order
    starred: tuple[tuple[str, Star, int, int, str | None], ...]


@functools.lru_cache(maxsize=256)
def _plan(sheet: Sheet) -> _Plan:
    criteria = tuple(
        (
            part.code,
            section.number,
            c.number,
            tuple(lvl.value for lvl in c.levels),
            frozenset(i for i, lvl in enumerate(c.levels) if lvl.assumed_points is not None),
        )
        for part, section, c in sheet.iter_criteria()
    )
    starred = tuple(
        (c.number, star, lvl.value, i, lvl.text_vi)
        for star in (Star.THREE, Star.FOUR, Star.FIVE)
        for c in sheet.criteria
        for i, lvl in enumerate(c.levels)
        if lvl.star == star
    )
    return _Plan(
        parts=tuple(p.code for p in sheet.parts),
        sections=tuple(s.number for p in sheet.parts for s in p.sections),
        criteria=criteria,
        starred=starred,
    )


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


def reference_grade(
    scorecards: Scorecard | Iterable[Scorecard],
    *,
    council: Authority | None = None,
    rules: CouncilRules | None = None,
) -> Grade:
    """Today's grade(), kept verbatim as the reference the compiled engine is checked against."""
    cards = _as_cards(scorecards)
    sheet = cards[0].sheet
    level = check_council(council, sheet.edition)
    regulations = check_rules_value(rules)
    n = len(cards)
    plan = _plan(sheet)
    halted = _halted(sheet, cards)
    skipped = {number for h in halted for number in h.not_assessed}
    scoped = {number for card in cards for number in card.out_of_scope} - skipped
    ignored = skipped | scoped
    # Sum the members' points as integers and divide once at the end: exact, and far
    # cheaper than adding Fractions criterion by criterion.
    crit_sums: dict[str, int] = {}
    raw_sums: dict[str, int] = {}
    section_sums: dict[str, int] = dict.fromkeys(plan.sections, 0)
    part_sums: dict[str, int] = dict.fromkeys(plan.parts, 0)
    caveats: list[str] = []
    choices = [card.levels for card in cards]
    for part_code, section_number, number, values, blank in plan.criteria:
        total = 0
        for levels in choices:
            index = levels[number]
            if index is not None:
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
        crit_sums[number] = total
        section_sums[section_number] += total
        part_sums[part_code] += total
    grand_sum = sum(part_sums.values())
    grand = Fraction(grand_sum, n)
    band = sheet.edition.star_for(grand)

    unmet: list[UnmetMinimum] = []
    for number, star, value, index, text in plan.starred:
        if number not in ignored and crit_sums[number] < value * n:
            unmet.append(
                UnmetMinimum(
                    criterion=number,
                    star=star,
                    required_points=value,
                    required_level=index,
                    required_text_vi=text,
                    achieved_points=Fraction(crit_sums[number], n),
                )
            )

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
        counted = [number for _, _, number, _, _ in plan.criteria if number not in ignored]
        values_of = {number: values for _, _, number, values, _ in plan.criteria}
        totals = [sum(values_of[k][i] for k in counted if (i := levels[k]) is not None) for levels in choices]
        breaches = check_rules(regulations, totals, [card.evaluator for card in cards])

    final: Star | None
    if eliminated or disqualified or halted:
        final = None
    else:
        final = band
        blocked = {u.star for u in unmet}
        while final >= Star.THREE and any(s <= final for s in blocked):
            final = Star(final - 1)
    return Grade(
        sheet=sheet,
        members=n,
        criterion_points=FrozenMap({k: Fraction(v, n) for k, v in crit_sums.items()}),
        section_points=FrozenMap({k: Fraction(v, n) for k, v in section_sums.items()}),
        part_points=FrozenMap({k: Fraction(v, n) for k, v in part_sums.items()}),
        total=grand,
        band=band,
        star=final,
        unmet=tuple(unmet),
        eliminated=eliminated,
        disqualified=disqualified,
        # Edition-wide caveats (e.g. 1048/2019: the 781/2020 minima are unknown) come last.
        caveats=(*caveats, *sheet.edition.grading_caveats),
        halted=halted,
        out_of_scope=out_of_scope,
        filed_on=filed_on,
        council=level,
        rules=regulations,
        breaches=breaches,
    )


