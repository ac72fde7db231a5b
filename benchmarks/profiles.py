"""Where grading time goes: cProfile of the benchmark's realistic cards.

Usage::

    python benchmarks/profiles.py [grade|grade_points|council|details] [--top N]
    python benchmarks/profiles.py parts

Prints the functions with the most time of their own (``tottime``) and their share
of the whole run.  Profiling slows small calls more than large ones: read the shares,
not the absolute times.  ``parts`` times, without a profiler, each step of one
``grade(card)`` on its own, as a multiple of the bare sum of the card's points
(CPU time, interleaved with the bare sum, median of 40 rounds).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import operator
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import EDITION, SEED, points_of, realistic_cards

import ocop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what", nargs="?", default="grade", choices=["grade", "grade_points", "council", "details", "parts"]
    )
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    sheets = ocop.criteria.sheets(edition=EDITION)
    cards = realistic_cards(sheets, 20, random.Random(SEED))
    points = [(c.sheet.code, points_of(c)) for c in cards]
    councils = [[c for c in cards if c.sheet is s][:7] for s in sheets]
    if args.what == "parts":
        parts(cards, [p for _, p in points])
        return

    def run() -> None:
        for _ in range(5):
            if args.what == "grade":
                for c in cards:
                    ocop.grade(c)
            elif args.what == "grade_points":
                for code, p in points:
                    ocop.grade_points(code, p, edition=EDITION)
            elif args.what == "council":
                for council in councils:
                    ocop.grade(council)
            else:
                for c in cards:
                    g = ocop.grade(c)
                    g.unmet, g.reasons  # noqa: B018

    run()  # warm the per-sheet caches
    profile = cProfile.Profile()
    profile.runcall(run)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{args.what}: {total:.3f} s under the profiler")
    print(f"{'own time':>9} {'share':>6} {'calls':>9}  function")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    for (file, line, name), (_, calls, tottime, _, _) in rows[: args.top]:
        where = f"{Path(file).name}:{line}" if line else file
        print(f"{tottime:>8.3f}s {tottime / total:>6.1%} {calls:>9}  {name} ({where})")


def parts(cards: list[ocop.Scorecard], points: list[dict[str, int]]) -> None:
    """Each step of grade(card) alone, over the 520 cards, against their bare sums."""
    from ocop.grading._compiled import CACHE, compiled
    from ocop.grading._result import LAZY, SLOTS, Grade

    getitem = operator.getitem
    pairs = [(compiled(c.sheet), c.levels._data) for c in cards]
    codes = [sum(map(getitem, plan.codes, levels.values())) for plan, levels in pairs]
    sheets = [c.sheet for c in cards]
    put_sheet, put_band, put_star, put_lazy = (*(SLOTS[k].__set__ for k in ("sheet", "band", "star")), LAZY.__set__)
    new = object.__new__

    def bare() -> None:
        for p in points:
            sum(p.values())

    def flags() -> None:
        for c in cards:
            c.eliminations or c.disqualifications or c.halts or c.out_of_scope or c.filed_on  # noqa: B018

    def plan() -> None:
        for sheet in sheets:
            hit = CACHE.get(id(sheet))
            hit[1] if hit is not None and hit[0] is sheet else compiled(sheet)

    def order() -> None:
        for p, levels in pairs:
            [*levels] == p.order  # noqa: B015

    def codes_sum() -> None:
        for p, levels in pairs:
            sum(map(getitem, p.codes, levels.values()))

    def stores() -> None:
        for sheet, code in zip(sheets, codes, strict=True):
            g = new(Grade)
            put_sheet(g, sheet)
            put_band(g, ocop.Star.FOUR)
            put_star(g, ocop.Star.THREE)
            put_lazy(g, code)

    def whole() -> None:
        for c in cards:
            ocop.grade(c)

    steps = {
        "grade(card), whole": whole,
        "sum of the choices' codes": codes_sum,
        "key order check": order,
        "new Grade and its four stores": stores,
        "sheet's compiled form (cache)": plan,
        "flags read": flags,
    }
    ratios: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(40):
        start = time.process_time()
        bare()
        base = time.process_time() - start
        for name, step in steps.items():
            start = time.process_time()
            step()
            ratios[name].append((time.process_time() - start) / base)
    for name, values in ratios.items():
        print(f"{statistics.median(values):6.2f}×  {name}")


if __name__ == "__main__":
    main()
