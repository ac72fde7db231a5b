"""The yearly OCOP cycle (chu trình OCOP thường niên) and a product's history through it.

References: Decision 490/QĐ-TTg (7 May 2018) and Decision 919/QĐ-TTg (1 Aug 2022), as
summarised by ocop.gov.vn ("6 bước chuẩn hóa quy trình OCOP") and nhandan.vn post786389.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from ocop._numbers import check_date
from ocop._shown import Shown
from ocop._validators import instance_of, tuple_of
from ocop.errors import IllegalTransition, InvalidValue

__all__ = ["CycleEvent", "CycleHistory", "CycleStep"]


class CycleStep(enum.IntEnum):
    """The six steps of the yearly OCOP cycle, in order.

    >>> from ocop.cycle import CycleStep
    >>> [s.name for s in CycleStep]
    ['PROPAGANDA', 'IDEAS', 'BUSINESS_PLANS', 'IMPLEMENTATION', 'EVALUATION', 'PROMOTION']
    >>> CycleStep.EVALUATION.label_vi
    'Đánh giá và xếp hạng sản phẩm'
    """

    PROPAGANDA = 1
    IDEAS = 2
    BUSINESS_PLANS = 3
    IMPLEMENTATION = 4
    EVALUATION = 5
    PROMOTION = 6

    @property
    def label_vi(self) -> str:
        """The Vietnamese name of the step."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the step."""
        return _LABELS[self][1]


_LABELS = {
    CycleStep.PROPAGANDA: ("Tuyên truyền, hướng dẫn về Chương trình OCOP", "Propaganda and guidance"),
    CycleStep.IDEAS: ("Nhận (đăng ký) ý tưởng sản phẩm", "Receiving product ideas"),
    CycleStep.BUSINESS_PLANS: ("Nhận phương án, kế hoạch kinh doanh", "Receiving business plans"),
    CycleStep.IMPLEMENTATION: ("Triển khai kế hoạch kinh doanh", "Implementing the business plan (production)"),
    CycleStep.EVALUATION: ("Đánh giá và xếp hạng sản phẩm", "Evaluation and ranking"),
    CycleStep.PROMOTION: ("Xúc tiến thương mại", "Trade promotion"),
}

#: Which step may follow which.  Each step leads to the next; a rejected idea is
#: returned and resubmitted (IDEAS again); a ranked product goes on to promotion, and
#: from promotion it may re-enter evaluation (upgrade or re-evaluation) or begin the
#: next yearly cycle.
NEXT: dict[CycleStep, tuple[CycleStep, ...]] = {
    CycleStep.PROPAGANDA: (CycleStep.IDEAS,),
    CycleStep.IDEAS: (CycleStep.IDEAS, CycleStep.BUSINESS_PLANS),
    CycleStep.BUSINESS_PLANS: (CycleStep.IMPLEMENTATION,),
    CycleStep.IMPLEMENTATION: (CycleStep.EVALUATION,),
    CycleStep.EVALUATION: (CycleStep.PROMOTION, CycleStep.IMPLEMENTATION),
    CycleStep.PROMOTION: (CycleStep.EVALUATION, CycleStep.PROPAGANDA, CycleStep.IDEAS),
}


def _event_date(value: object) -> datetime.date:
    return check_date(value, field="on")


@attrs.frozen
class CycleEvent(Shown):
    """One dated step in a product's history."""

    step: CycleStep = attrs.field(validator=instance_of(CycleStep))
    on: datetime.date = attrs.field(converter=_event_date)
    note: str = attrs.field(default="", validator=instance_of(str))


def _events(value: object) -> tuple[CycleEvent, ...]:
    return tuple_of(CycleEvent, value, field="events", name="ocop.cycle.CycleEvent")


@attrs.frozen
class CycleHistory(Shown):
    """A product's progress through the cycle: an immutable list of dated events.

    >>> import datetime
    >>> from ocop.cycle import CycleHistory, CycleStep
    >>> h = CycleHistory().record(CycleStep.IDEAS, datetime.date(2026, 3, 1))
    >>> h = h.record(CycleStep.BUSINESS_PLANS, datetime.date(2026, 4, 2))
    >>> h.current, [s.name for s in h.allowed_next()]
    (<CycleStep.BUSINESS_PLANS: 3>, ['IMPLEMENTATION'])
    >>> h.record(CycleStep.EVALUATION, datetime.date(2026, 5, 1))
    Traceback (most recent call last):
    ...
    ocop.errors.IllegalTransition: This step is not allowed from the current state. from BUSINESS_PLANS
    step: got 'EVALUATION'; allowed: 'IMPLEMENTATION'
    """

    events: tuple[CycleEvent, ...] = attrs.field(default=(), converter=_events)

    def __attrs_post_init__(self) -> None:
        for before, after in zip(self.events, self.events[1:], strict=False):
            if after.on < before.on:
                raise InvalidValue("events must be in date order", field="events", value=after.on)
            if after.step not in NEXT[before.step]:
                raise IllegalTransition(
                    f"from {before.step.name}",
                    field="step",
                    value=after.step.name,
                    allowed=[s.name for s in NEXT[before.step]],
                )

    @property
    def current(self) -> CycleStep | None:
        """The step reached last, or ``None`` before any event."""
        return self.events[-1].step if self.events else None

    def allowed_next(self) -> tuple[CycleStep, ...]:
        """The steps that may be recorded next (any step to start a history)."""
        return tuple(CycleStep) if not self.events else NEXT[self.events[-1].step]

    def can_record(self, step: object, on: object = None) -> bool:
        """Whether :meth:`record` would accept this step (never raises)."""
        if not isinstance(step, CycleStep) or step not in self.allowed_next():
            return False
        if on is None:
            return True
        if isinstance(on, datetime.datetime) or not isinstance(on, datetime.date):
            return False
        return not self.events or on >= self.events[-1].on

    def record(self, step: CycleStep, on: datetime.date, note: str = "") -> CycleHistory:
        """A new history with one more event.

        :raises IllegalTransition: the step may not follow the current one.
        :raises InvalidDate: ``on`` is not a date.
        :raises InvalidValue: ``on`` is earlier than the last event.
        """
        if not isinstance(step, CycleStep):
            raise InvalidValue(field="step", value=step, allowed=[s.name for s in CycleStep])
        if self.events and step not in NEXT[self.events[-1].step]:
            raise IllegalTransition(
                f"from {self.events[-1].step.name}",
                field="step",
                value=step.name,
                allowed=[s.name for s in NEXT[self.events[-1].step]],
            )
        return CycleHistory((*self.events, CycleEvent(step, on, note)))
