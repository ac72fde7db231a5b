"""Support for mutation runs (scripts/mutation.sh): start each mutant's tests from empty caches.

mutmut forks each mutant's run from a process that has already run the suite, so results cached
there (sheets read, compiled plans, the working-day table) were built by the original code and
would hide a mutant in the code that builds them: they are rebuilt under the mutant.

A cache renamed in the library must be renamed here too: if this function failed, every mutant
of its package would count as killed.  ``test_mutation_kills.py`` calls it for each package, in
the plain suite, so a stale name fails there rather than inflating a mutation score.
"""

from __future__ import annotations


def clear_caches(mutant: str) -> None:
    """Empty the caches that code of the module mutated by ``mutant`` fills."""
    if mutant.startswith("ocop.criteria."):
        from ocop.criteria import _load

        for cached in (_load.load_packaged, _load.load_packaged_classification, _load.converter):
            cached.cache_clear()
    if mutant.startswith(("ocop.criteria.", "ocop.grading.")):
        from ocop.grading import _advisor, _compiled, _grade

        _compiled.CACHE.clear()
        _grade._PLANS.clear()
        _advisor._ladders.cache_clear()
    if mutant.startswith("ocop.cycle._calendar."):
        from ocop.cycle import _calendar

        _calendar._table.cache_clear()
        _calendar._DEFAULT_TABLE = None
        if "x__year__" in mutant:
            _calendar._year.cache_clear()
