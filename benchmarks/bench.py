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
from pathlib import Path

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


def _small_card(ta: object) -> ocop.Scorecard:
    from ocop.criteria._load import structure_sheet

    level = ta._level  # type: ignore[attr-defined]
    ladders = {"A": [(20, [0, 5, 10, 20], 4), (20, [0, 4, 8, 20], 5)], "B": [(10, [0, 3, 6, 10], 3),
               (15, [0, 5, 10, 15], 4)], "C": [(15, [0, 5, 10, 15], 5), (20, [0, 5, 15, 20], 4)]}
    parts, n = [], 0
    for code, crits in ladders.items():
        sections = []
        for m, values, star in crits:
            n += 1
            levels = [level(v, star if i == 2 else None) for i, v in enumerate(values)]
            c = {"number": f"{n}.1", "name_vi": "c", "name_en": "c", "description_vi": None, "max_points": m,
                 "notes": [], "levels": levels, "group": None, "cases": []}
            sections.append({"number": str(n), "name_vi": "s", "name_en": "s", "max_points": m,
                             "subsections": [], "criteria": [c]})
        parts.append({"code": code, "name_vi": code, "name_en": code, "max_points": sum(m for m, _, _ in crits),
                      "sections": sections})
    sheet = structure_sheet({
        "format": 1, "edition": "26/2026", "code": 1, "name_vi": "t", "name_en": "t", "sector_vi": "",
        "sector_en": "", "group_vi": "", "group_en": "", "disqualification": None, "parts": parts,
        "oddities": [], "provenance": {"instrument": "bench", "signed_on": "2026-05-22", "location": "-",
                                       "source": "-", "source_sha256": None, "official_record": None},
    })
    return ocop.Scorecard(sheet, {c.number: 1 for c in sheet.criteria})


def _try_advise(card: ocop.Scorecard) -> object:
    try:
        return ocop.advise(card, ocop.Star.FOUR)
    except ocop.grading.TargetUnreachable:
        return None


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

    # The advisor against a brute-force search on a small instance (the tests' oracle):
    # six criteria of four levels each keep brute force at 4**6 grades.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import test_advisor as ta

    small = _small_card(ta)
    rows.append(("advise (6-criterion sheet) vs brute force", best(lambda: ta.brute_force(small, ocop.Star.FIVE), 1, 3),
                 best(lambda: ocop.advise(small, ocop.Star.FIVE), 200)))
    member = [c for c in batch_cards if ocop.grade(c).star == ocop.Star.THREE][:1] or batch_cards[:1]
    rows.append(("advise a real sheet-7 scorecard to 4★ vs grade it", best(lambda: ocop.grade(member[0]), 1000),
                 best(lambda: _try_advise(member[0]), 200)))

    rows.append(("import ocop vs import cattrs (fresh interpreter)", import_time("cattrs"), import_time("ocop")))

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'baseline':>12}  {'ocop':>12}  {'ratio':>8}")
    for name, b, t in rows:
        print(f"{name:<{width}}  {b * 1e6:>10.2f}us  {t * 1e6:>10.2f}us  {t / b:>8.3g}x")


if __name__ == "__main__":
    main()
