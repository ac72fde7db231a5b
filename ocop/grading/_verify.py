"""Check a Grade that comes from data (JSON, a database) against its sheet.

:func:`ocop.grade` only builds consistent grades; a grade structured from data could say
anything (a total of 1000, zero members, a star above its band).  :func:`verify_grade`
re-checks every figure that the sheet and the edition determine, so that a loaded grade
is accepted only if the library could have produced it.  Each check is a small function
in :data:`CHECKS`: a new field of :class:`~ocop.grading.Grade` adds its own check there.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ocop._editions import Star
from ocop.criteria._model import NoteKind
from ocop.errors import InconsistentData
from ocop.grading._grade import Grade
from ocop.grading._rules import halt_note, not_assessed

__all__ = ["CHECKS", "verify_grade"]

#: A council is a handful of people; more members than this is not a council.
MAX_MEMBERS = 1000

Problem = tuple[str, object, str] | None  # (field, value received, what is allowed), or no problem


def _members(g: Grade) -> Problem:
    if not 1 <= g.members <= MAX_MEMBERS:
        return "members", g.members, f"1 to {MAX_MEMBERS}"
    return None


def _ignored(g: Grade) -> set[str]:
    # Criteria a halt leaves unassessed or whose scope note does not hold count nothing.
    return {n for h in g.halted for n in h.not_assessed} | {o.criterion for o in g.out_of_scope}


def _criteria(g: Grade) -> Problem:
    if list(g.criterion_points) != [c.number for c in g.sheet.criteria]:
        return "criterion_points", sorted(g.criterion_points), "every criterion of the sheet, in printed order"
    ignored = _ignored(g)
    for c in g.sheet.criteria:
        value = g.criterion_points[c.number]
        if c.number in ignored and value != 0:
            return f"criterion_points[{c.number!r}]", value, "0: the criterion is not assessed or out of scope"
        # A council's figure is the average of its members' level values: a multiple of 1/n.
        if not 0 <= value <= c.max_points or (value * g.members).denominator != 1:
            return f"criterion_points[{c.number!r}]", value, f"a multiple of 1/{g.members} from 0 to {c.max_points}"
    return None


def _sections(g: Grade) -> Problem:
    expected = {s.number: sum((g.criterion_points[c.number] for c in s.criteria), Fraction(0))
                for p in g.sheet.parts for s in p.sections}  # fmt: skip
    if dict(g.section_points) != expected:
        return "section_points", dict(g.section_points), "the sums of the criteria of each section"
    return None


def _parts(g: Grade) -> Problem:
    expected = {p.code: sum((g.section_points[s.number] for s in p.sections), Fraction(0)) for p in g.sheet.parts}
    if dict(g.part_points) != expected:
        return "part_points", dict(g.part_points), "the sums of the sections of each part"
    return None


def _total(g: Grade) -> Problem:
    expected = sum(g.part_points.values(), Fraction(0))
    if g.total != expected:
        return "total", g.total, f"the sum of the parts, {expected}"
    return None


def _band(g: Grade) -> Problem:
    # The total is a sum of criteria within their maxima: 0 to 100, so star_for answers.
    band = g.edition.star_for(g.total)
    if g.band != band:
        return "band", g.band, f"{band}, the band of the total"
    return None


def _unmet(g: Grade) -> Problem:
    ignored = _ignored(g)
    expected = [
        (c.number, star, level.value, index, level.text_vi, g.criterion_points[c.number])
        for star in (Star.THREE, Star.FOUR, Star.FIVE)
        for c in g.sheet.criteria
        for index, level in enumerate(c.levels)
        if level.star == star and g.criterion_points[c.number] < level.value and c.number not in ignored
    ]
    found = [(u.criterion, u.star, u.required_points, u.required_level, u.required_text_vi, u.achieved_points)
             for u in g.unmet]  # fmt: skip
    if found != expected:
        return "unmet", len(g.unmet), f"the {len(expected)} starred minima that the points miss"
    return None


def _rules(g: Grade) -> Problem:
    for i, e in enumerate(g.eliminated):
        criterion = next((c for c in g.sheet.criteria if c.number == e.criterion), None)
        rules = [n.text_vi for n in criterion.notes if n.kind is NoteKind.ELIMINATION] if criterion else []
        if e.text_vi not in rules[:1] or not 1 <= len(e.evaluators) <= g.members:
            return f"eliminated[{i}]", e.criterion, "a criterion with an elimination rule, its text and evaluators"
    grounds = {gr.id: gr.text_vi for gr in g.sheet.disqualification.grounds} if g.sheet.disqualification else {}
    for i, d in enumerate(g.disqualified):
        if grounds.get(d.ground) != d.text_vi or not 1 <= len(d.evaluators) <= g.members:
            return f"disqualified[{i}]", d.ground, ", ".join(grounds) or "none on this sheet"
    return None


def _halts_and_scope(g: Grade) -> Problem:
    index = {c.number: c for c in g.sheet.criteria}
    for i, h in enumerate(g.halted):
        criterion = index.get(h.criterion)
        note = halt_note(criterion) if criterion is not None else None
        if (
            note is None
            or h.text_vi != note.text_vi
            or h.not_assessed != not_assessed(g.sheet, h.criterion)
            or not 1 <= len(h.evaluators) <= g.members
        ):
            return f"halted[{i}]", h.criterion, "a criterion with a halt note, its text, the criteria it leaves out"
    for i, o in enumerate(g.out_of_scope):
        criterion = index.get(o.criterion)
        scope = [n.text_vi for n in criterion.notes if n.kind is NoteKind.SCOPE] if criterion else []
        if (
            criterion is None
            or o.text_vi not in scope[:1]
            or not 0 <= o.ignored_points <= criterion.max_points
            or (o.ignored_points * g.members).denominator != 1
            or not 1 <= len(o.evaluators) <= g.members
        ):
            return f"out_of_scope[{i}]", o.criterion, "a criterion with a scope note, its text and points"
    return None


def _star(g: Grade) -> Problem:
    if g.eliminated or g.disqualified or g.halted:
        expected = None
    else:
        expected = g.band
        blocked = {u.star for u in g.unmet}
        while expected >= Star.THREE and any(s <= expected for s in blocked):
            expected = Star(expected - 1)
    if g.star != expected:
        return (
            "star",
            g.star,
            f"{expected}: the band lowered by the unmet minima, none if eliminated, rejected or halted",
        )
    return None


#: The checks run by :func:`verify_grade`, in order (each may rely on those before it);
#: each returns the first problem it finds as (field, value, allowed), or ``None``.
CHECKS: tuple[Callable[[Grade], Problem], ...] = (
    _members, _halts_and_scope, _criteria, _sections, _parts, _total, _band, _unmet, _rules, _star,
)  # fmt: skip


def verify_grade(g: Grade) -> Grade:
    """Return ``g`` if its figures are those its sheet determines, else raise.

    Checked: members (1 to 1000); every criterion of the sheet scored within its maximum,
    as a multiple of ``1/members``; sections, parts and total are the sums; the band is the
    edition's band of the total; the unmet minima are exactly those the points miss; the
    star is the band lowered by the unmet minima, or none when eliminated, rejected or
    halted; eliminations, grounds, halts and scope exclusions exist on the sheet, and the
    criteria a halt leaves out or a scope note excludes count nothing.

    >>> import ocop, attrs
    >>> from ocop.io import demo_council
    >>> g = ocop.grade(demo_council())
    >>> verify_grade(g) is g
    True
    >>> verify_grade(attrs.evolve(g, star=ocop.Star.FIVE))
    Traceback (most recent call last):
    ...
    ocop.errors.InconsistentData: The data is not consistent with the rules it claims to follow. ...

    :raises InconsistentData: naming the first field that does not follow.
    """
    for check in CHECKS:
        found = check(g)
        if found is not None:
            field, value, allowed = found
            raise InconsistentData(
                f"grade on sheet {g.sheet.code} of {g.edition.code}", field=field, value=value, allowed=allowed
            )
    return g
