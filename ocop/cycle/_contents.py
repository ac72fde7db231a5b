"""What a dossier must hold at each stage (26/2026 Arts. 6 and 7), and what the commune checks.

The producer's dossier (Art. 6.1, filed under Art. 7.1) holds the registration form
(Form 01, Appendix III) and the self-assessment report (Form 02, whose Part IV is the
production and business plan: 26/2026 asks for no separate plan); an upgrade adds the
evidence of what changed since recognition (6.1b), a re-evaluation the update on raw
materials, technology, packaging, quality, markets, output and revenue and the renewed
time-limited papers (6.1c).  The commune's proposal to the province (6.2) adds its
letter, its report (Form 03) and five samples — none for community tourism, eco-tourism
and tourist sites (sheet 26).  The province's proposal to the ministry (6.3) carries the
province's letter and, for a first 5★ evaluation or upgrade, the advisory group's and
the council's reports and the chairman's approval; for a 5★ re-evaluation, the OCOP
agency's report instead.  Each transfer is one paper set and one electronic set (Arts.
7.1, 7.2b, 7.3e).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from ocop._frozen import FrozenMap
from ocop._shown import Shown
from ocop._validators import instance_of
from ocop.cycle._procedure import DossierKind
from ocop.errors import InvalidValue, RuleNotPublished

__all__ = ["CommuneCheck", "CommuneTopic", "DossierContents", "Item", "Requirement", "Stage", "commune_criteria",
           "required_items"]  # fmt: skip

TOURISM_SHEET = 26


class Stage(enum.Enum):
    """Who sends the dossier on: producer to commune, commune to province, province to ministry."""

    PRODUCER = "producer"
    COMMUNE = "commune"
    PROVINCE = "province"


class Item(enum.Enum):
    """A document or object a dossier holds."""

    REGISTRATION_FORM = "registration-form"  # Form 01
    SELF_ASSESSMENT = "self-assessment"  # Form 02, with the business plan as its Part IV
    CHANGE_EVIDENCE = "change-evidence"  # upgrade: what changed since recognition
    REEVALUATION_UPDATE = "re-evaluation-update"  # re-evaluation: updates and renewed papers
    COMMUNE_PROPOSAL = "commune-proposal"  # the commune's letter to the province
    COMMUNE_REPORT = "commune-report"  # Form 03
    PROVINCE_PROPOSAL = "province-proposal"  # the province's letter to the ministry
    PROVINCIAL_ADVISORY_REPORT = "provincial-advisory-report"
    PROVINCIAL_COUNCIL_REPORT = "provincial-council-report"
    CHAIRMAN_APPROVAL = "chairman-approval"  # the chairman's decision approving the result
    PROVINCIAL_AGENCY_REPORT = "provincial-agency-report"  # 5★ re-evaluation
    SAMPLES = "samples"
    PAPER_SET = "paper-set"
    ELECTRONIC_SET = "electronic-set"


@attrs.frozen
class Requirement(Shown):
    """``count`` of ``item`` required, by ``rule``."""

    item: Item
    count: int
    rule: str


def _sheet(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
        raise InvalidValue(field="sheet", value=value, allowed="integers 1 to 26")
    return value


def _check(kind: object, stage: object) -> None:
    if not isinstance(kind, DossierKind):
        raise InvalidValue(field="kind", value=kind, allowed=[k.value for k in DossierKind])
    if not isinstance(stage, Stage):
        raise InvalidValue(field="stage", value=stage, allowed=[s.value for s in Stage])


def required_items(kind: DossierKind, sheet: int, stage: Stage) -> tuple[Requirement, ...]:
    """The items a dossier of ``kind`` on ``sheet`` must hold when ``stage`` sends it on.

    >>> from ocop.cycle import required_items, DossierKind, Stage
    >>> [(r.item.value, r.count) for r in required_items(DossierKind.FIRST, 7, Stage.COMMUNE)][-3:]
    [('samples', 5), ('paper-set', 1), ('electronic-set', 1)]
    >>> [r.item.value for r in required_items(DossierKind.RE_EVALUATION, 26, Stage.PROVINCE)][:3]
    ['registration-form', 'self-assessment', 're-evaluation-update']

    :raises InvalidValue: a wrong kind, sheet or stage.
    """
    _check(kind, stage)
    sheet = _sheet(sheet)
    out = [
        Requirement(Item.REGISTRATION_FORM, 1, "Art. 6.1: Form 01, Appendix III"),
        Requirement(Item.SELF_ASSESSMENT, 1, "Art. 6.1: Form 02, Appendix III (Part IV: the business plan)"),
    ]
    if kind is DossierKind.UPGRADE:
        out.append(Requirement(Item.CHANGE_EVIDENCE, 1, "Art. 6.1b: evidence of the changes since recognition"))
    if kind is DossierKind.RE_EVALUATION:
        out.append(Requirement(Item.REEVALUATION_UPDATE, 1, "Art. 6.1c: updates and renewed time-limited papers"))
    if stage is Stage.COMMUNE:
        out += [
            Requirement(Item.COMMUNE_PROPOSAL, 1, "Art. 6.2a: the commune's letter to the province"),
            Requirement(Item.COMMUNE_REPORT, 1, "Art. 6.2b: Form 03, Appendix III"),
        ]
    if stage is Stage.PROVINCE:
        out.append(Requirement(Item.PROVINCE_PROPOSAL, 1, "Art. 6.3: the province's letter to the ministry"))
        if kind is DossierKind.RE_EVALUATION:
            out.append(Requirement(Item.PROVINCIAL_AGENCY_REPORT, 1, "Art. 6.3b: the OCOP agency's report"))
        else:
            out += [
                Requirement(Item.PROVINCIAL_ADVISORY_REPORT, 1, "Art. 6.3a: the advisory group's report"),
                Requirement(Item.PROVINCIAL_COUNCIL_REPORT, 1, "Art. 6.3a: the provincial council's report"),
                Requirement(Item.CHAIRMAN_APPROVAL, 1, "Art. 6.3a: the chairman's approval of the result"),
            ]
    if stage is not Stage.PRODUCER and sheet != TOURISM_SHEET:
        out.append(Requirement(Item.SAMPLES, 5, f"Art. 6.{2 if stage is Stage.COMMUNE else 3}: five samples"))
    article = {Stage.PRODUCER: "7.1", Stage.COMMUNE: "7.2b", Stage.PROVINCE: "7.3e"}[stage]
    out += [
        Requirement(Item.PAPER_SET, 1, f"Art. {article}: one paper set"),
        Requirement(Item.ELECTRONIC_SET, 1, f"Art. {article}: one electronic set"),
    ]
    return tuple(out)


def _items(value: object) -> Mapping[Item, int]:
    if not isinstance(value, Mapping):
        raise InvalidValue(field="items", value=value, allowed="a mapping of ocop.cycle.Item to counts")
    for item, count in value.items():
        if not isinstance(item, Item):
            raise InvalidValue(field="items", value=item, allowed=[i.value for i in Item])
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidValue(field=f"items[{item.value}]", value=count, allowed="an integer >= 0")
    return FrozenMap(dict(value))


@attrs.frozen
class DossierContents(Shown):
    """What a dossier holds, and what it still lacks for its stage.

    >>> from ocop.cycle import DossierContents, DossierKind, Item, Stage
    >>> d = DossierContents(DossierKind.FIRST, 7, Stage.PRODUCER,
    ...                     {Item.REGISTRATION_FORM: 1, Item.SELF_ASSESSMENT: 1, Item.PAPER_SET: 1})
    >>> [(r.item.value, r.count) for r in d.missing()]
    [('electronic-set', 1)]

    :raises InvalidValue: a wrong kind, sheet, stage or item count.
    """

    kind: DossierKind = attrs.field(validator=instance_of(DossierKind))
    sheet: int = attrs.field(converter=_sheet)
    stage: Stage = attrs.field(validator=instance_of(Stage))
    items: Mapping[Item, int] = attrs.field(factory=dict, converter=_items)

    def missing(self) -> tuple[Requirement, ...]:
        """The requirements not met, each with the count still needed."""
        out = []
        for r in required_items(self.kind, self.sheet, self.stage):
            have = self.items.get(r.item, 0)
            if have < r.count:
                out.append(attrs.evolve(r, count=r.count - have))
        return tuple(out)

    @property
    def complete(self) -> bool:
        """Whether nothing is missing."""
        return not self.missing()


class CommuneTopic(enum.Enum):
    """The contents the commune assesses before forwarding a dossier (26/2026 Art. 7.2a, Form 03)."""

    ORIGIN_AND_RAW_MATERIAL = "origin-and-raw-material"  # nguồn gốc sản phẩm, nguyên liệu địa phương
    LOCAL_LABOUR = "local-labour"  # sử dụng lao động địa phương
    IDEA_ORIGIN = "idea-origin"  # nguồn gốc ý tưởng sản phẩm
    LOCAL_IDENTITY = "local-identity"  # bản sắc, trí tuệ địa phương


# Where each topic sits on the 26/2026 sheets (Appendix II): the same numbers on every
# product sheet; the tourism sheet (26) has no raw-material and no identity criterion,
# so the commune reports on those in Form 03 without a criterion to point at.
_NUMBERS = {
    CommuneTopic.ORIGIN_AND_RAW_MATERIAL: "1.1",
    CommuneTopic.IDEA_ORIGIN: "2.1",
    CommuneTopic.LOCAL_LABOUR: "3.3",
    CommuneTopic.LOCAL_IDENTITY: "5.3",
}
_ABSENT_ON_TOURISM = frozenset({CommuneTopic.ORIGIN_AND_RAW_MATERIAL, CommuneTopic.LOCAL_IDENTITY})


@attrs.frozen
class CommuneCheck(Shown):
    """One topic the commune assesses, and the criterion of the sheet it concerns (``None``: none)."""

    topic: CommuneTopic
    criterion: Any


def commune_criteria(sheet: int, *, edition: str = "26/2026") -> tuple[CommuneCheck, ...]:
    """The criteria of ``sheet`` the commune pre-assesses (Art. 7.2a), one per topic.

    >>> from ocop.cycle import commune_criteria
    >>> [(c.topic.value, c.criterion.number) for c in commune_criteria(7)]
    [('origin-and-raw-material', '1.1'), ('local-labour', '3.3'), ('idea-origin', '2.1'), ('local-identity', '5.3')]
    >>> [c.criterion is None for c in commune_criteria(26)]
    [True, False, False, True]

    :raises InvalidValue: ``sheet`` is not 1 to 26.
    :raises RuleNotPublished: the edition's pre-assessment is not public (before 26/2026).
    """
    from ocop.criteria import sheet as _sheet_of

    number = _sheet(sheet)
    if edition != "26/2026":
        raise RuleNotPublished(
            "the commune's pre-assessment items", field="edition", value=edition, allowed=("26/2026",)
        )
    by_number = {c.number: c for c in _sheet_of(number, edition=edition).criteria}
    return tuple(
        CommuneCheck(
            topic,
            None if number == TOURISM_SHEET and topic in _ABSENT_ON_TOURISM else by_number[_NUMBERS[topic]],
        )
        for topic in CommuneTopic
    )
