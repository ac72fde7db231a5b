"""Where grading time goes: cProfile of the benchmark's realistic cards.

Usage::

    python benchmarks/profiles.py [grade|grade_points|council|details] [--top N]

Prints the functions with the most time of their own (``tottime``) and their share
of the whole run.  Profiling slows small calls more than large ones: read the shares,
not the absolute times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import EDITION, SEED, points_of, realistic_cards

import ocop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="grade", choices=["grade", "grade_points", "council", "details"])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    sheets = ocop.criteria.sheets(edition=EDITION)
    cards = realistic_cards(sheets, 20, random.Random(SEED))
    points = [(c.sheet.code, points_of(c)) for c in cards]
    councils = [[c for c in cards if c.sheet is s][:7] for s in sheets]

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


if __name__ == "__main__":
    main()
