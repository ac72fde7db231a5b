"""Hypothesis strategies for ``ocop``'s value types, for your own tests.

Install with ``pip install 'ocop[hypothesis]'``.  The strategies take the API's own
arguments (``sheet=7``, ``edition="26/2026"``), check them when called — a bad argument
raises :class:`hypothesis.errors.InvalidArgument` at once, like Hypothesis' own
strategies — and always produce valid values.  They are registered for
``st.from_type`` through the ``hypothesis`` entry point, so ``st.from_type(ocop.Grade)``
works once Hypothesis is imported.  Base ``ocop`` never imports Hypothesis.

>>> from hypothesis import given, settings
>>> import ocop, ocop.strategies as ost
>>> @settings(max_examples=20)
... @given(ost.scorecards(sheet=7, edition="26/2026"))
... def test_total_is_at_most_100(card):
...     assert ocop.grade(card).total <= 100
>>> test_total_is_at_most_100()
>>> ost.scorecards(sheet=99)
Traceback (most recent call last):
...
hypothesis.errors.InvalidArgument: sheet=99, edition=None: Unknown scoring sheet. ...
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import ocop
from ocop.certificates import (
    Certificate,
    Portfolio,
    ProducerType,
    ProductCode,
    Renewal,
    Revocation,
    RevocationGround,
    Status,
    issuers,
)
from ocop.criteria import Criterion, Sheet
from ocop.cycle import (
    CommuneCheck,
    CycleEvent,
    CycleHistory,
    CycleStep,
    Deadline,
    Dossier,
    DossierContents,
    DossierEvent,
    DossierKind,
    Item,
    PendingKind,
    Procedure,
    Round,
    Stage,
    Transition,
    WorkCalendar,
    commune_criteria,
    commune_deadline,
    ministry_round,
    procedure,
    provincial_round,
    reevaluation_decision_due,
    revocation_due,
    transitional_deadline,
)
from ocop.errors import OcopError
from ocop.grading import Change, CouncilRules, Disqualified, Eliminated, Grade, Plan, Scorecard, UnmetMinimum

__all__ = [
    "certificates",
    "changes",
    "commune_checks",
    "council_rules",
    "councils",
    "cycle_events",
    "cycle_histories",
    "deadlines",
    "disqualifications",
    "dossier_contents",
    "dossier_events",
    "dossiers",
    "editions",
    "eliminations",
    "grades",
    "plans",
    "portfolios",
    "procedures",
    "product_codes",
    "renewals",
    "revocations",
    "rounds",
    "scorecards",
    "sheets",
    "statuses",
    "transitions",
    "unmet_minima",
    "work_calendars",
]

_FIRST_ISSUE = datetime.date(2019, 8, 21)


def _published(edition: object) -> tuple[Sheet, ...]:
    """Every packaged sheet of ``edition`` (``None``: of every edition that publishes its tables)."""
    try:
        if edition is None:
            return tuple(s for e in ocop.editions() if e.criteria_published for s in ocop.criteria.sheets(edition=e))
        return ocop.criteria.sheets(edition=edition)  # type: ignore[arg-type]
    except OcopError as exc:
        raise InvalidArgument(f"edition={edition!r}: {exc}") from exc


def _sheet_choices(sheet: object, edition: object) -> tuple[Sheet, ...]:
    if sheet is None:
        return _published(edition)
    if isinstance(sheet, Sheet):
        if edition is not None:
            raise InvalidArgument("pass either a Sheet or a sheet number with edition=, not both")
        return (sheet,)
    try:
        return (ocop.criteria.sheet(sheet, edition=edition),)  # type: ignore[arg-type]
    except OcopError as exc:
        raise InvalidArgument(f"sheet={sheet!r}, edition={edition!r}: {exc}") from exc


def _size(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidArgument(f"{name}={value!r}: must be an integer >= {low}")
    return value


def editions() -> st.SearchStrategy[ocop.Edition]:
    """Any legal edition."""
    return st.sampled_from(ocop.editions())


def sheets(*, edition: str | ocop.Edition | None = None) -> st.SearchStrategy[Sheet]:
    """A packaged sheet of ``edition`` (default: of any edition that publishes its tables)."""
    return st.sampled_from(_published(edition))


def _choices(criterion: Criterion) -> list[int | None]:
    out: list[int | None] = list(range(len(criterion.levels)))
    if all(level.value != 0 for level in criterion.levels):
        out.insert(0, None)
    return out


@st.composite
def _scorecard(draw: st.DrawFn, choices: tuple[Sheet, ...]) -> Scorecard:
    chosen = draw(st.sampled_from(choices))
    levels = {c.number: draw(st.sampled_from(_choices(c))) for c in chosen.criteria}
    return Scorecard(chosen, levels)


def scorecards(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None
) -> st.SearchStrategy[Scorecard]:
    """A scorecard on ``sheet`` (a number, with ``edition``, or a Sheet; default: any packaged sheet)."""
    return _scorecard(_sheet_choices(sheet, edition))


@st.composite
def _council(draw: st.DrawFn, choices: tuple[Sheet, ...], min_size: int, max_size: int) -> tuple[Scorecard, ...]:
    chosen = draw(st.sampled_from(choices))
    n = draw(st.integers(min_size, max_size))
    return tuple(draw(_scorecard((chosen,))) for _ in range(n))


def councils(
    *,
    sheet: int | Sheet | None = None,
    edition: str | ocop.Edition | None = None,
    min_size: int = 1,
    max_size: int = 9,
) -> st.SearchStrategy[tuple[Scorecard, ...]]:
    """A council: ``min_size`` to ``max_size`` scorecards on the same sheet."""
    _size("min_size", min_size, 1)
    _size("max_size", max_size, 1)
    if min_size > max_size:
        raise InvalidArgument(f"min_size={min_size} > max_size={max_size}")
    return _council(_sheet_choices(sheet, edition), min_size, max_size)


def grades(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None, max_members: int = 5
) -> st.SearchStrategy[Grade]:
    """The grade of a council of 1 to ``max_members`` members."""
    return councils(sheet=sheet, edition=edition, max_size=_size("max_members", max_members, 1)).map(ocop.grade)


def unmet_minima(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None
) -> st.SearchStrategy[UnmetMinimum]:
    """A starred minimum that a grade did not meet."""
    return (
        grades(sheet=sheet, edition=edition).filter(lambda g: bool(g.unmet)).flatmap(lambda g: st.sampled_from(g.unmet))
    )


@st.composite
def _flagged(draw: st.DrawFn, choices: tuple[Sheet, ...]) -> Grade:
    card = draw(_scorecard(choices))
    rules = [c.number for c in card.sheet.criteria if c.eliminates]
    grounds = [g.id for g in card.sheet.disqualification.grounds] if card.sheet.disqualification else []
    flagged = Scorecard(
        card.sheet,
        card.levels,
        eliminations=draw(st.sets(st.sampled_from(rules))) if rules else (),
        disqualifications=draw(st.sets(st.sampled_from(grounds))) if grounds else (),
    )
    return ocop.grade(flagged)


def eliminations(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None
) -> st.SearchStrategy[Eliminated]:
    """An elimination rule that applies, as graded."""
    return (
        _flagged(_sheet_choices(sheet, edition))
        .filter(lambda g: bool(g.eliminated))
        .flatmap(lambda g: st.sampled_from(g.eliminated))
    )


def disqualifications(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None
) -> st.SearchStrategy[Disqualified]:
    """A ground of "Hồ sơ bị loại khi …" that applies, as graded."""
    return (
        _flagged(_sheet_choices(sheet, edition))
        .filter(lambda g: bool(g.disqualified))
        .flatmap(lambda g: st.sampled_from(g.disqualified))
    )


def _plan_or_none(card: Scorecard, target: int) -> Plan | None:
    try:
        return ocop.advise(card, target)
    except OcopError:  # TargetUnreachable: too few points left, or a fixed floor
        return None


def plans(*, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None) -> st.SearchStrategy[Plan]:
    """The advisor's plan from a scorecard to a reachable target star."""
    pairs = st.tuples(scorecards(sheet=sheet, edition=edition), st.integers(1, 5))
    return pairs.map(lambda p: _plan_or_none(*p)).filter(lambda p: p is not None)  # type: ignore[return-value]


def changes(
    *, sheet: int | Sheet | None = None, edition: str | ocop.Edition | None = None
) -> st.SearchStrategy[Change]:
    """One change of an advisor's plan."""
    return (
        plans(sheet=sheet, edition=edition)
        .filter(lambda p: bool(p.changes))
        .flatmap(lambda p: st.sampled_from(p.changes))
    )


def _dates(name: str, value: object) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise InvalidArgument(f"{name}={value!r}: must be a datetime.date")
    return value


def product_codes() -> st.SearchStrategy[ProductCode]:
    """A product code ``T-X-STT-YYYY``."""
    return st.builds(
        ProductCode,
        st.integers(1, 99).map(lambda n: f"{n:02d}"),
        st.integers(1, 99999).map(lambda n: f"{n:05d}"),
        st.integers(1, 999),
        st.integers(2019, 2035),
    )


@st.composite
def _certificate(draw: st.DrawFn, min_date: datetime.date, max_date: datetime.date) -> Certificate:
    issued = draw(st.dates(min_value=min_date, max_value=max_date))
    edition = ocop.edition_in_force(issued)
    star = ocop.Star(draw(st.integers(3, 5)))
    sheet = draw(st.integers(1, edition.sheet_count))
    types = (
        list(ProducerType) if sheet == 26 else [t for t in ProducerType if t is not ProducerType.TOURISM_ASSOCIATION]
    )
    return Certificate(
        code=f"{draw(st.integers(1, 99)):02d}-{draw(st.integers(1, 99999)):05d}-{draw(st.integers(1, 999))}-"
        f"{issued.year}",
        product=draw(st.text(min_size=1, max_size=20)),
        producer=draw(st.sampled_from([f"producer {i}" for i in range(20)])),
        producer_type=draw(st.sampled_from(types)),
        sheet=sheet,
        star=star,
        issued_by=issuers(edition, star, issued)[0],
        issued_on=issued,
    )


def certificates(
    *, min_date: datetime.date = _FIRST_ISSUE, max_date: datetime.date = datetime.date(2035, 12, 31)
) -> st.SearchStrategy[Certificate]:
    """A certificate issued between ``min_date`` and ``max_date`` under the edition then in force."""
    low, high = max(_dates("min_date", min_date), _FIRST_ISSUE), _dates("max_date", max_date)
    if low > high:
        raise InvalidArgument(f"no certificate is issued between {low} and {high} (the first edition: {_FIRST_ISSUE})")
    return _certificate(low, high)


def statuses() -> st.SearchStrategy[Status]:
    """A certificate's status on some date."""
    return st.tuples(certificates(), st.dates(_FIRST_ISSUE, datetime.date(2040, 12, 31))).map(
        lambda p: p[0].status_on(p[1])
    )


def portfolios(*, max_size: int = 20) -> st.SearchStrategy[Portfolio]:
    """A portfolio of up to ``max_size`` certificates."""
    return st.lists(certificates(), max_size=_size("max_size", max_size, 0)).map(Portfolio)


_SINCE_26 = st.dates(datetime.date(2026, 5, 22), datetime.date(2035, 12, 31))


def deadlines() -> st.SearchStrategy[Deadline]:
    """A legal deadline of the procedure (26/2026 and its transitional rules)."""
    return st.one_of(
        _SINCE_26.map(lambda d: commune_deadline(d, edition="26/2026")),
        _SINCE_26.map(reevaluation_decision_due),
        _SINCE_26.map(revocation_due),
        st.sampled_from(list(PendingKind)).map(transitional_deadline),
    )


def rounds() -> st.SearchStrategy[Round]:
    """A provincial or ministry evaluation round (26/2026)."""
    return st.one_of(
        _SINCE_26.map(lambda d: provincial_round(d, edition="26/2026")),
        _SINCE_26.map(lambda d: ministry_round(d, edition="26/2026")),
    )


@st.composite
def _history(draw: st.DrawFn, max_events: int) -> CycleHistory:
    n = draw(st.integers(0, max_events))
    day = draw(st.dates(datetime.date(2019, 1, 1), datetime.date(2035, 1, 1)))
    history = CycleHistory()
    for _ in range(n):
        step = draw(st.sampled_from(history.allowed_next()))
        day += datetime.timedelta(days=draw(st.integers(0, 120)))
        history = history.record(step, day)
    return history


def cycle_histories(*, max_events: int = 8) -> st.SearchStrategy[CycleHistory]:
    """A product's history through the cycle: steps in an allowed order, dates in order."""
    return _history(_size("max_events", max_events, 0))


def cycle_events() -> st.SearchStrategy[CycleEvent]:
    """One dated step of the cycle."""
    return st.builds(CycleEvent, st.sampled_from(list(CycleStep)), st.dates(), st.text(max_size=20))


def council_rules() -> st.SearchStrategy[CouncilRules]:
    """A council's own regulations (26/2026 Art. 7.3(d)): a spread limit and a minimum of members."""
    return st.builds(
        CouncilRules,
        max_spread=st.none() | st.integers(0, 100),
        min_members=st.none() | st.integers(1, 15),
        source=st.none() | st.text(min_size=1, max_size=30).filter(str.strip),  # blank text is no source
    )


def _with_procedure() -> tuple[ocop.Edition, ...]:
    out = []
    for e in ocop.editions():
        try:
            procedure(e)
        except OcopError:
            continue
        out.append(e)
    return tuple(out)


def procedures() -> st.SearchStrategy[Procedure]:
    """The evaluation procedure of an edition whose procedure the library models."""
    return st.sampled_from(_with_procedure()).map(procedure)


def transitions() -> st.SearchStrategy[Transition]:
    """One legal step of a modelled procedure."""
    return procedures().flatmap(lambda p: st.sampled_from(p.transitions))


@st.composite
def _dossier(draw: st.DrawFn, max_steps: int) -> Dossier:
    filed = draw(st.dates(datetime.date(2026, 5, 22), datetime.date(2035, 12, 31)))
    dossier = Dossier.file(filed, edition="26/2026", kind=draw(st.sampled_from(list(DossierKind))))
    day = filed
    for _ in range(draw(st.integers(0, max_steps))):
        allowed = dossier.allowed()
        if not allowed:
            break
        day += datetime.timedelta(days=draw(st.integers(0, 60)))
        dossier = dossier.apply(draw(st.sampled_from(allowed)), day)
    return dossier


def dossiers(*, max_steps: int = 8) -> st.SearchStrategy[Dossier]:
    """A dossier filed under 26/2026 and moved through up to ``max_steps`` legal steps."""
    return _dossier(_size("max_steps", max_steps, 0))


def dossier_events() -> st.SearchStrategy[DossierEvent]:
    """One dated step of a dossier's history."""
    return dossiers(max_steps=6).filter(lambda d: bool(d.events)).flatmap(lambda d: st.sampled_from(d.events))


def dossier_contents() -> st.SearchStrategy[DossierContents]:
    """What a dossier holds at a stage: some items, each counted."""
    return st.builds(
        DossierContents,
        st.sampled_from(list(DossierKind)),
        st.integers(1, 26),
        st.sampled_from(list(Stage)),
        st.dictionaries(st.sampled_from(list(Item)), st.integers(1, 6), max_size=len(Item)),
    )


def commune_checks() -> st.SearchStrategy[CommuneCheck]:
    """A criterion the commune pre-assesses (26/2026 Art. 7.2(a))."""
    return st.integers(1, 26).flatmap(lambda n: st.sampled_from(commune_criteria(n)))


def work_calendars() -> st.SearchStrategy[WorkCalendar]:
    """A working-day calendar with official swaps (extra days off, make-up working days)."""
    days = st.frozensets(st.dates(datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)), max_size=5)
    return st.builds(WorkCalendar, days_off=days, working_days=days, cultural_day=st.booleans()).filter(
        lambda c: not (c.days_off & c.working_days)
    )


def renewals() -> st.SearchStrategy[Renewal]:
    """A re-evaluation filed for a certificate after its issue (and decided, or pending)."""
    return st.builds(
        lambda c, after, wait, pending: (
            c.with_renewal(
                c.issued_on + datetime.timedelta(days=after),
                None if pending else c.issued_on + datetime.timedelta(days=after + wait),
            ).renewal
        ),
        certificates(max_date=datetime.date(2030, 12, 31)),
        st.integers(0, 1500),
        st.integers(0, 90),
        st.booleans(),
    )


@st.composite
def _revocation(draw: st.DrawFn) -> Revocation:
    c = draw(certificates(min_date=datetime.date(2026, 5, 22), max_date=datetime.date(2030, 12, 31)))
    concluded = c.issued_on + datetime.timedelta(days=draw(st.integers(0, 900)))
    decided = concluded + datetime.timedelta(days=draw(st.integers(0, 30)))
    revoked = c.revoke(
        draw(st.sampled_from(list(RevocationGround))), concluded_on=concluded, decided_on=decided, by=c.issued_by
    )
    assert revoked.revocation is not None
    return revoked.revocation


def revocations() -> st.SearchStrategy[Revocation]:
    """A revocation decided by the certificate's issuer on one of the Art. 8 grounds."""
    return _revocation()
