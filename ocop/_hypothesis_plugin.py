"""Registers ``ocop``'s strategies with Hypothesis (loaded through the ``hypothesis`` entry point).

Every public value type gets a strategy that builds it the way the library does, so
``st.from_type(T)`` yields meaningful, valid values rather than fields filled at random.
"""

from __future__ import annotations

import importlib
from typing import Any


def _deferred(name: str) -> Any:
    # The hook may run while ``ocop.strategies`` itself is importing Hypothesis, so the
    # strategy is looked up when it is first used, not when it is registered.
    def build(_: type) -> Any:
        return getattr(importlib.import_module("ocop.strategies"), name)()

    return build


def _derived(name: str, attribute: str) -> Any:
    # A part of a value the library builds (a sheet's criteria, an edition's bands...).
    def build(_: type) -> Any:
        strategies = importlib.import_module("ocop.strategies")
        from hypothesis import strategies as st

        def pick(value: Any) -> Any:
            items = [value]
            for step in attribute.split("."):
                found = [getattr(item, step) for item in items]
                items = [x for f in found for x in (f if isinstance(f, tuple) else (f,)) if x is not None]
            return st.sampled_from(items) if items else st.nothing()

        return getattr(strategies, name)().flatmap(pick)

    return build


def _setup() -> None:
    """Register a strategy for every public value type (runs when Hypothesis is imported)."""
    from hypothesis import strategies as st

    import ocop
    from ocop import certificates, criteria, cycle, grading

    for cls, name in [
        (ocop.Edition, "editions"),
        (criteria.Sheet, "sheets"),
        (ocop.Scorecard, "scorecards"),
        (ocop.Grade, "grades"),
        (ocop.UnmetMinimum, "unmet_minima"),
        (grading.Eliminated, "eliminations"),
        (grading.Disqualified, "disqualifications"),
        (ocop.Plan, "plans"),
        (grading.Change, "changes"),
        (ocop.Certificate, "certificates"),
        (certificates.ProductCode, "product_codes"),
        (certificates.Status, "statuses"),
        (ocop.Portfolio, "portfolios"),
        (cycle.Deadline, "deadlines"),
        (cycle.Round, "rounds"),
        (cycle.CycleHistory, "cycle_histories"),
        (cycle.CycleEvent, "cycle_events"),
        (grading.CouncilRules, "council_rules"),
        (cycle.Procedure, "procedures"),
        (cycle.Transition, "transitions"),
        (cycle.Dossier, "dossiers"),
        (cycle.DossierEvent, "dossier_events"),
        (cycle.DossierContents, "dossier_contents"),
        (cycle.CommuneCheck, "commune_checks"),
        (cycle.WorkCalendar, "work_calendars"),
        (certificates.Renewal, "renewals"),
        (certificates.Revocation, "revocations"),
    ]:
        st.register_type_strategy(cls, _deferred(name))
    for cls, name, path in [
        (ocop.StarBand, "editions", "bands"),
        (ocop.Instrument, "editions", "instrument"),
        (criteria.Part, "sheets", "parts"),
        (criteria.Section, "sheets", "parts.sections"),
        (criteria.Criterion, "sheets", "criteria"),
        (criteria.Level, "sheets", "criteria.levels"),
        (criteria.Note, "sheets", "criteria.notes"),
        (criteria.Oddity, "sheets", "oddities"),
        (criteria.Provenance, "sheets", "provenance"),
        (criteria.Disqualification, "sheets", "disqualification"),
        (criteria.Ground, "sheets", "disqualification.grounds"),
        (criteria.Subsection, "sheets", "parts.sections.subsections"),
        (criteria.Case, "sheets", "criteria.cases"),
    ]:
        st.register_type_strategy(cls, _derived(name, path))
