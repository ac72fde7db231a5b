"""Cycle behaviour that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from 26/2026/QĐ-TTg (articles cited), not read from the library.
"""

from __future__ import annotations

import pytest

from ocop import errors as E
from ocop.cycle import DossierKind, Item, Stage, required_items

FIRST, UPGRADE, REEVAL = DossierKind.FIRST, DossierKind.UPGRADE, DossierKind.RE_EVALUATION
FORMS = [  # Art. 6.1: every dossier
    (Item.REGISTRATION_FORM, 1, "Art. 6.1: Form 01, Appendix III"),
    (Item.SELF_ASSESSMENT, 1, "Art. 6.1: Form 02, Appendix III (Part IV: the business plan)"),
]
BY_KIND = {  # Art. 6.1b (upgrade), 6.1c (re-evaluation)
    FIRST: [],
    UPGRADE: [(Item.CHANGE_EVIDENCE, 1, "Art. 6.1b: evidence of the changes since recognition")],
    REEVAL: [(Item.REEVALUATION_UPDATE, 1, "Art. 6.1c: updates and renewed time-limited papers")],
}
COMMUNE = [  # Art. 6.2a, 6.2b: what the commune adds when it sends the dossier to the province
    (Item.COMMUNE_PROPOSAL, 1, "Art. 6.2a: the commune's letter to the province"),
    (Item.COMMUNE_REPORT, 1, "Art. 6.2b: Form 03, Appendix III"),
]
PROVINCE = {  # Art. 6.3: the province's letter; 6.3a reports for a first or upgrade, 6.3b for re-evaluation
    FIRST: [(Item.PROVINCIAL_ADVISORY_REPORT, 1, "Art. 6.3a: the advisory group's report"),
            (Item.PROVINCIAL_COUNCIL_REPORT, 1, "Art. 6.3a: the provincial council's report"),
            (Item.CHAIRMAN_APPROVAL, 1, "Art. 6.3a: the chairman's approval of the result")],
    REEVAL: [(Item.PROVINCIAL_AGENCY_REPORT, 1, "Art. 6.3b: the OCOP agency's report")],
}  # fmt: skip
PROVINCE[UPGRADE] = PROVINCE[FIRST]
SETS = {Stage.PRODUCER: "7.1", Stage.COMMUNE: "7.2b", Stage.PROVINCE: "7.3e"}  # one paper and one electronic set


def expected(kind, stage, sheet):
    out = FORMS + BY_KIND[kind]
    if stage is Stage.COMMUNE:
        out = out + COMMUNE
    if stage is Stage.PROVINCE:
        out = out + [(Item.PROVINCE_PROPOSAL, 1, "Art. 6.3: the province's letter to the ministry")] + PROVINCE[kind]
    if stage is not Stage.PRODUCER and sheet != 26:  # five samples, except for tourism services (sheet 26)
        out = out + [(Item.SAMPLES, 5, f"Art. 6.{2 if stage is Stage.COMMUNE else 3}: five samples")]
    return out + [(Item.PAPER_SET, 1, f"Art. {SETS[stage]}: one paper set"),
                  (Item.ELECTRONIC_SET, 1, f"Art. {SETS[stage]}: one electronic set")]  # fmt: skip


@pytest.mark.parametrize("kind", list(DossierKind))
@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("sheet", [7, 26])
def test_required_items_follow_article_6(kind, stage, sheet):
    got = [(r.item, r.count, r.rule) for r in required_items(kind, sheet, stage)]
    assert got == expected(kind, stage, sheet)


def test_required_items_errors_name_the_argument():
    with pytest.raises(E.InvalidValue) as info:
        required_items("first", 7, Stage.COMMUNE)
    assert (info.value.field, info.value.value, info.value.allowed) == (
        "kind", "first", ("first", "upgrade", "re-evaluation"))
    with pytest.raises(E.InvalidValue) as info:
        required_items(FIRST, 7, "commune")
    assert (info.value.field, info.value.value, info.value.allowed) == (
        "stage", "commune", ("producer", "commune", "province"))


# --- a Deadline or Round computes like the plain date it stands for --------------------------
# Checked against proleptic ordinals (day numbers), not against datetime.date's own operators
# on the same values, so a wrong direction or a dropped argument shows.

import datetime  # noqa: E402

from hypothesis import assume, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ocop.strategies import deadlines, rounds  # noqa: E402


@given(st.one_of(deadlines(), rounds()), st.integers(-3000, 3000))
def test_legal_date_arithmetic_is_plain_date_arithmetic(day, n):
    step = datetime.timedelta(days=n)
    later = datetime.date.fromordinal(day.toordinal() + n)
    for result in (day + step, step + day):
        assert type(result) is datetime.date and result == later
    earlier = day - step
    assert type(earlier) is datetime.date and earlier.toordinal() == day.toordinal() - n
    other = datetime.date(2026, 5, 22)
    assert (day - other).days == day.toordinal() - other.toordinal()


@given(st.one_of(deadlines(), rounds()))
def test_legal_date_replace_gives_a_plain_date(day):
    first = day.replace(day=1)
    assert type(first) is datetime.date and (first.year, first.month, first.day) == (day.year, day.month, 1)
    assume((day.month, day.day) != (2, 29))  # 2030 has no 29 February
    moved = day.replace(2030)
    assert type(moved) is datetime.date and (moved.year, moved.month, moved.day) == (2030, day.month, day.day)


# --- an error names the argument it is about -------------------------------------------------
# Each public function of ocop.cycle, called with valid arguments except one replaced by a
# value of the wrong kind, must fail naming that argument (its ``field``, or the first step of
# every error's ``loc``), whatever the value.

import ocop.cycle as _cycle  # noqa: E402
from ocop.errors import OcopError  # noqa: E402

_D = datetime.date(2026, 6, 1)
_VALID = {
    "add_working_days": {"start": _D, "n": 15, "calendar": None},
    "commune_criteria": {"sheet": 7, "edition": "26/2026"},
    "commune_deadline": {"filed_on": _D, "edition": "26/2026", "calendar": None},
    "is_working_day": {"day": _D, "calendar": None},
    "ministry_round": {"proposed_on": _D, "edition": "26/2026", "extra_rounds": ()},
    "next_working_day": {"day": _D, "calendar": None},
    "procedure": {"edition": "26/2026"},
    "provincial_round": {"proposed_on": _D, "edition": "26/2026", "extra_rounds": ()},
    "reevaluation_decision_due": {"received_on": _D, "calendar": None},
    "reevaluation_window": {"expires_on": datetime.date(2027, 6, 1), "calendar": None},
    "required_items": {"kind": _cycle.DossierKind.FIRST, "sheet": 7, "stage": _cycle.Stage.PRODUCER},
    "revocation_due": {"concluded_on": _D, "calendar": None},
    "transitional_deadline": {"kind": _cycle.PendingKind.FIRST_OR_UPGRADE, "calendar": None},
}
_WRONG = st.one_of(st.just(object()), st.just(b"x"), st.just(2.5), st.just([]), st.just({"a": 1}),
                   st.just(True), st.text(max_size=3).map(lambda s: "\u200b" + s))


def test_every_cycle_function_has_valid_arguments_here():
    import inspect

    functions = {n for n in _cycle.__all__ if inspect.isfunction(getattr(_cycle, n))}
    assert functions - {"lapse_date", "in_reevaluation_window"} == set(_VALID)
    for name, kwargs in _VALID.items():
        getattr(_cycle, name)(**kwargs)  # valid as written


@pytest.mark.parametrize("name", sorted(_VALID))
@given(data=st.data())
def test_cycle_errors_name_their_argument(name, data):
    kwargs = dict(_VALID[name])
    field = data.draw(st.sampled_from(sorted(kwargs)))
    kwargs[field] = data.draw(_WRONG)
    try:
        getattr(_cycle, name)(**kwargs)
    except OcopError as exc:
        assert exc.field == field or all(e["loc"] and e["loc"][0] == field for e in exc.errors()), (
            field, exc.field, exc.errors())
        assert exc.value is not None or kwargs[field] is None
