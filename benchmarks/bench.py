"""Benchmark: what grading, advising, dates, portfolios and imports cost, against baselines.

Usage::

    python benchmarks/bench.py            # a few minutes
    python benchmarks/bench.py --quick    # fewer rounds, for a smoke test

Every figure is CPU time (``time.process_time``) with the garbage collector on.  Each
measurement runs in rounds, the ocop code and its baseline in turn within every round,
so a machine that speeds up or slows down affects both alike; the ratio is taken round
by round and the median quoted.  The scorecards are realistic: generated from the real
sheets of 26/2026 (all 26) with a fixed seed, kept only when they grade 3★ or 4★.
Imports are timed in fresh interpreters after a warm-up run has written the bytecode
cache, so the figures are those of compiled modules.  Nothing here is asserted: the
test suite never checks timings; the targets are those of the performance issue.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable, Sequence

import ocop
from ocop.criteria import Sheet

EDITION = "26/2026"
SEED = 2026


# --------------------------------------------------------------------------- timing


def cpu(fn: Callable[[], object], number: int) -> float:
    """CPU seconds per call of ``fn``, over ``number`` calls (GC left on)."""
    start = time.process_time()
    for _ in range(number):
        fn()
    return (time.process_time() - start) / number


def paired(
    subject: Callable[[], object], baseline: Callable[[], object], number: int, rounds: int
) -> tuple[float, float, float]:
    """Median seconds per call of ``subject`` and ``baseline``, and the median round ratio."""
    subject(), baseline()  # warm caches (sheet plans, holiday years) outside the rounds
    s_times, b_times, ratios = [], [], []
    for _ in range(rounds):
        b = cpu(baseline, number)
        s = cpu(subject, number)
        s_times.append(s)
        b_times.append(b)
        ratios.append(s / b)
    return statistics.median(s_times), statistics.median(b_times), statistics.median(ratios)


# --------------------------------------------------------------------------- data


def realistic_cards(sheets: Sequence[Sheet], per_sheet: int, rng: random.Random) -> list[ocop.Scorecard]:
    """Scorecards that grade 3★ or 4★, ``per_sheet`` on each sheet, drawn with ``rng``.

    Each criterion takes one of its levels with weights rising towards the top (a
    product that reached the provincial council is good but not perfect); a card is
    kept only when its final star is 3★ or 4★, as most evaluated products are.
    """
    cards: list[ocop.Scorecard] = []
    for sheet in sheets:
        kept = 0
        while kept < per_sheet:
            levels = {}
            for c in sheet.criteria:
                n = len(c.levels)
                levels[c.number] = rng.choices(range(n), weights=[1 + 2 * i for i in range(n)])[0]
            card = ocop.Scorecard(sheet, levels, evaluator=f"member {kept % 7 + 1}")
            if ocop.grade(card).star in (ocop.Star.THREE, ocop.Star.FOUR):
                cards.append(card)
                kept += 1
    return cards


def points_of(card: ocop.Scorecard) -> dict[str, int]:
    return {
        c.number: (0 if card.levels[c.number] is None else c.levels[card.levels[c.number]].value)
        for c in card.sheet.criteria
    }


def lowest_card(sheet: Sheet) -> ocop.Scorecard:
    return ocop.Scorecard(
        sheet, {c.number: min(range(len(c.levels)), key=lambda i: c.levels[i].value) for c in sheet.criteria}
    )


def certificates(count: int, rng: random.Random) -> list[ocop.Certificate]:
    """``count`` certificates issued 2023–2026 under the rules of their day, a few revoked."""
    out: list[ocop.Certificate] = []
    types = [t for t in ocop.ProducerType if t is not ocop.ProducerType.TOURISM_ASSOCIATION]
    types.append(ocop.ProducerType.TOURISM_ASSOCIATION)
    first = datetime.date(2023, 3, 1)
    while len(out) < count:
        star = rng.choices((3, 4, 5), weights=(70, 27, 3))[0]
        issued = first + datetime.timedelta(days=rng.randrange(3 * 365 + 200))
        sheet = rng.randrange(1, 27)
        kind = rng.choice(types if sheet == 26 else types[:-1])  # associations: tourism only (Art. 2.3)
        # The level that recognised the star on the day (no district from 1 Jul 2025).
        allowed = ocop.certificates.issuers(ocop.edition_in_force(issued), star, issued)
        if not allowed:
            continue
        cert = ocop.Certificate(
            code=f"{rng.randrange(1, 35):02d}-{rng.randrange(1, 99999):05d}-{len(out) + 1}-{issued.year}",
            product=f"product {len(out)}",
            producer=f"producer {rng.randrange(count // 2)}",
            producer_type=kind,
            sheet=sheet,
            star=star,
            issued_by=allowed[0],
            issued_on=issued,
        )
        if rng.random() < 0.02:
            decided = issued + datetime.timedelta(days=rng.randrange(30, 600))
            cert = cert.revoke(
                rng.choice(list(ocop.RevocationGround)),
                concluded_on=decided - datetime.timedelta(days=10),
                decided_on=decided,
                by=ocop.Authority.MINISTRY if star == 5 else ocop.Authority.PROVINCE,
            )
        out.append(cert)
    return out


# --------------------------------------------------------------------------- memory


def deep_size(obj: object, exclude: set[int]) -> int:
    """Bytes of ``obj`` and everything it alone refers to (objects in ``exclude`` are shared)."""
    seen = set(exclude)
    stack = [obj]
    total = 0
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, (type, types.ModuleType)):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        stack.extend(gc.get_referents(o))
    return total


def shared_ids(*roots: object) -> set[int]:
    """Objects a Grade may point to without owning them: the sheets (and their edition,
    criterion numbers, enums), the cached small integers, None and the booleans."""
    seen: set[int] = {id(i) for i in range(-5, 257)} | {id(None), id(True), id(False)}
    stack = list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, (type, types.ModuleType)):
            continue
        seen.add(id(o))
        stack.extend(gc.get_referents(o))
    return seen


# --------------------------------------------------------------------------- imports


def import_cpu(module: str) -> float:
    """CPU seconds a fresh interpreter spends importing ``module`` (bytecode already compiled)."""
    code = f"import time\nt = time.process_time()\nimport {module}\nprint(time.process_time() - t)"
    # Bytecode is written and read even where the environment turns it off
    # (PYTHONDONTWRITEBYTECODE): otherwise every run would compile ocop from source
    # while cattrs, installed with its bytecode, would not.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
    return float(out)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke test, not figures to quote)")
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else 9
    scale = 0.1 if args.quick else 1.0

    rng = random.Random(SEED)
    sheets = ocop.criteria.sheets(edition=EDITION)
    cards = realistic_cards(sheets, 20, rng)  # 520 cards, 20 per sheet
    points = [points_of(c) for c in cards]
    rows: list[tuple[str, float, float, float, str, str]] = []

    def row(name: str, subject: float, base: float, ratio: float, unit: str, target: str) -> None:
        rows.append((name, subject, base, ratio, unit, target))
        print(f"  measured: {name}", file=sys.stderr)

    # One grade, one grade_points: the per-call mean over all 520 cards.
    def grade_all() -> None:
        for c in cards:
            ocop.grade(c)

    def sum_all() -> None:
        for p in points:
            sum(p.values())

    s, b, r = paired(grade_all, sum_all, max(1, int(4 * scale)), rounds)
    row("grade(card)", s / len(cards), b / len(cards), r, "µs", "≤ 10×")

    codes = [c.sheet.code for c in cards]

    def grade_points_all() -> None:
        for code, p in zip(codes, points, strict=True):
            ocop.grade_points(code, p, edition=EDITION)

    s, b, r = paired(grade_points_all, sum_all, max(1, int(2 * scale)), rounds)
    row("grade_points(sheet, points)", s / len(cards), b / len(cards), r, "µs", "≤ 15×")

    # 17,000 cards: the 520 realistic cards repeated, as a national portfolio would be.
    batch_cards = [cards[i % len(cards)] for i in range(int(17_000 * scale))]
    batch_points = [points[i % len(points)] for i in range(len(batch_cards))]

    def bare_batch() -> list[int]:
        return [sum(p.values()) for p in batch_points]

    s, b, r = paired(lambda: [ocop.grade(c) for c in batch_cards], bare_batch, 1, max(3, rounds // 3))
    row(f"{len(batch_cards):,} cards", s, b, r, "ms", "≤ 15×")

    def with_details() -> list[object]:
        # The grades are kept, as for the plain batch: what is alive decides what the GC scans.
        out: list[object] = []
        for c in batch_cards:
            g = ocop.grade(c)
            out.append((g, g.unmet, g.reasons))
        return out

    s, b, r = paired(with_details, bare_batch, 1, max(3, rounds // 3))
    row(f"{len(batch_cards):,} cards, unmet minima and reasons read", s, b, r, "ms", "≤ 60×")

    # A council of 7 on each sheet against 7 bare sums.
    councils = [[c for c in cards if c.sheet is sheet][:7] for sheet in sheets]
    council_points = [[points_of(c) for c in council] for council in councils]

    def grade_councils() -> None:
        for council in councils:
            ocop.grade(council)

    def sum_councils() -> None:
        for council in council_points:
            for p in council:
                sum(p.values())

    s, b, r = paired(grade_councils, sum_councils, max(1, int(20 * scale)), rounds)
    row("council of 7 (vs 7 sums)", s / len(councils), b / len(councils), r, "µs", "—")

    # Advise, worst case: the lowest card on the largest sheet, to 5★ (baseline: grading it).
    largest = max(sheets, key=lambda sh: (len(sh.criteria), sum(len(c.levels) for c in sh.criteria)))
    worst = lowest_card(largest)
    s, b, r = paired(
        lambda: ocop.advise(worst, ocop.Star.FIVE), lambda: ocop.grade(worst), max(1, int(100 * scale)), rounds
    )
    row(f"advise worst case (sheet {largest.code}, lowest → 5★; vs grade)", s, b, r, "ms", "< 1 ms")

    # 10,000 add_working_days(d, 15) against 10,000 plain date additions.
    from ocop.cycle import add_working_days

    days = [datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 700) for i in range(int(10_000 * scale))]
    three_weeks = datetime.timedelta(days=21)
    s, b, r = paired(
        lambda: [add_working_days(d, 15) for d in days], lambda: [d + three_weeks for d in days], 1, rounds
    )
    row(f"{len(days):,} add_working_days(d, 15) (vs d + 21 days)", s, b, r, "ms", "< 20 ms")

    # Portfolio queries on 17,000 certificates against one bare pass over them.
    certs = certificates(int(17_000 * scale), rng)
    portfolio = ocop.Portfolio(certs)
    on = datetime.date(2026, 11, 23)

    def bare_pass() -> object:
        return [c for c in certs if c.issued_on <= on]

    queries: list[tuple[str, Callable[[], object]]] = [
        ("counts(by='star')", lambda: portfolio.counts()),
        ("counts(by='sector')", lambda: portfolio.counts(by="sector")),
        ("counts(by='group')", lambda: portfolio.counts(by="group")),
        ("producers()", lambda: portfolio.producers()),
        ("valid_on(d)", lambda: portfolio.valid_on(on)),
        ("expiring_within(d, 90)", lambda: portfolio.expiring_within(on, 90)),
        ("due_for_reevaluation(d)", lambda: portfolio.due_for_reevaluation(on)),
        ("revoked_between(a, b)", lambda: portfolio.revoked_between(datetime.date(2024, 1, 1), on)),
    ]
    for name, query in queries:
        s, b, r = paired(query, bare_pass, 1, max(3, rounds // 3))
        row(f"portfolio of {len(certs):,}: {name} (vs a bare pass)", s, b, r, "ms", "< 50 ms")

    # Bytes per Grade, before any detail is read, against the card's points dict.
    shared = shared_ids(*sheets, *ocop.Star)
    sample = cards[:: max(1, len(cards) // 52)]
    grade_bytes = statistics.median(deep_size(ocop.grade(c), shared) for c in sample)
    dict_bytes = statistics.median(deep_size(points_of(c), shared) for c in sample)
    rows.append(
        (
            "bytes per Grade (details unread; vs its points dict)",
            grade_bytes,
            dict_bytes,
            grade_bytes / dict_bytes,
            "B",
            "< 512 B",
        )
    )

    # Imports, in fresh interpreters, alternated with cattrs.
    for module in ("ocop", "cattrs"):
        import_cpu(module)  # writes the bytecode cache where it is missing
    s_list, b_list, ratios = [], [], []
    for _ in range(max(5, rounds)):
        b = import_cpu("cattrs")
        s = import_cpu("ocop")
        s_list.append(s)
        b_list.append(b)
        ratios.append(s / b)
    rows.append(
        (
            "import ocop (vs import cattrs)",
            statistics.median(s_list),
            statistics.median(b_list),
            statistics.median(ratios),
            "ms",
            "≤ 1.5×",
        )
    )
    s_list, ratios = [], []
    for _ in range(max(5, rounds)):
        b = import_cpu("cattrs")
        s = import_cpu("ocop.grading")
        s_list.append(s)
        ratios.append(s / b)
    rows.append(
        (
            "import ocop.grading (vs import cattrs)",
            statistics.median(s_list),
            statistics.median(b_list),
            statistics.median(ratios),
            "ms",
            "—",
        )
    )

    scale_of = {"µs": 1e6, "ms": 1e3, "B": 1.0}
    width = max(len(r[0]) for r in rows)
    print(
        f"Python {sys.version.split()[0]}, ocop {ocop.__version__}, "
        f"{len(cards)} realistic cards on {len(sheets)} sheets; CPU time, GC on, median of {rounds} interleaved rounds"
    )
    print(f"{'measurement':<{width}}  {'ocop':>11}  {'baseline':>11}  {'ratio':>8}  target")
    for name, subject, base, ratio, unit, target in rows:
        k = scale_of[unit]
        print(f"{name:<{width}}  {subject * k:>8.1f} {unit:<2}  {base * k:>8.1f} {unit:<2}  {ratio:>7.1f}×  {target}")


if __name__ == "__main__":
    main()
