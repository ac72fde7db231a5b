"""Benchmark: grading cost as ratios against baselines run in the same process.

Usage::

    python benchmarks/bench.py

Prints, for each measurement, the time of the baseline, the time of ``ocop`` and their
ratio.  Absolute times depend on the machine; the ratios are the figures to compare.
Nothing here is asserted: the test suite never checks timings.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable

import ocop
from ocop.criteria import Sheet


def best(fn: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Best time per call over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def random_points(sheet: Sheet, rng: random.Random) -> dict[str, int]:
    return {c.number: rng.choice(c.levels).value for c in sheet.criteria}


def import_time(module: str, runs: int = 9) -> float:
    """Median wall time of a fresh interpreter importing ``module`` minus a bare start."""
    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(runs))
    return statistics.median(run(f"import {module}") for _ in range(runs)) - bare


def main() -> None:
    rng = random.Random(2026)
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    points = random_points(sheet, rng)
    card = ocop.Scorecard.from_points(sheet, points)

    rows: list[tuple[str, float, float]] = []

    base = best(lambda: sum(points.values()), number=20_000)
    rows.append(("grade one scorecard vs bare sum of its points", base, best(lambda: ocop.grade(card), 2_000)))
    rows.append(
        ("grade_points (build + grade) vs bare sum", base, best(lambda: ocop.grade_points(7, points, edition="26/2026"), 1_000))
    )

    batch_points = [random_points(sheet, rng) for _ in range(17_000)]
    batch_cards = [ocop.Scorecard.from_points(sheet, p) for p in batch_points]
    base_batch = best(lambda: [sum(p.values()) for p in batch_points], number=1, repeat=5)
    rows.append(("grade 17,000 scorecards vs 17,000 bare sums", base_batch,
                 best(lambda: [ocop.grade(c) for c in batch_cards], number=1, repeat=3)))
    council = batch_cards[:7]
    rows.append(("grade a council of 7 vs bare sum", base, best(lambda: ocop.grade(council), 500)))

    rows.append(("import ocop vs import cattrs (fresh interpreter)", import_time("cattrs"), import_time("ocop")))

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'baseline':>12}  {'ocop':>12}  {'ratio':>8}")
    for name, b, t in rows:
        print(f"{name:<{width}}  {b * 1e6:>10.2f}us  {t * 1e6:>10.2f}us  {t / b:>7.1f}x")


if __name__ == "__main__":
    main()
