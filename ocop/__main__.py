"""Command line: ``ocop demo | sheets | grade | advise | certificate | schema``.

Input files are JSON in the library's format (``ocop schema scorecard``): one scorecard
``{"sheet": {"edition": "26/2026", "code": 7}, "points": {"1.1": 3, ...}}`` (or
``"levels"``, 0-based positions) or a council as a list of them.  The short form
``{"sheet": 7, "edition": "26/2026", "points": {...}}`` or ``{"sheet": 7, "members":
[{"evaluator": "A", "points": {...}}, ...]}`` is read too (``edition`` is optional: the
edition in force today).  ``-`` reads standard input; files are at most 5 MB of UTF-8.
``grade --json`` prints the grade in the library's format (``ocop schema grade``).
Every error is one line on standard error, with exit status 2.
Run ``ocop --help`` or ``ocop COMMAND --help`` for the formats; every command takes
``--json`` for machine-readable output.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ocop._numbers import format_points
from ocop.errors import InvalidValue, OcopError

#: Input files are scorecards, councils and certificates: far below this size.
MAX_INPUT_BYTES = 5_000_000


def _read(path: str, stdin: TextIO) -> Any:
    from ocop._strict import parse_json, read_file

    if path == "-":
        try:
            data: str | bytes = stdin.read(MAX_INPUT_BYTES + 1)
        except UnicodeDecodeError as exc:
            raise InvalidValue(f"standard input is not UTF-8 text (byte {exc.start})", field="FILE") from exc
    else:
        data = read_file(path, limit=MAX_INPUT_BYTES)
    return parse_json(data, limit=MAX_INPUT_BYTES, what=repr(path) if path != "-" else "standard input")


def _cards(data: Any) -> tuple[Any, ...]:
    from ocop.criteria import sheet as get_sheet
    from ocop.grading import Scorecard
    from ocop.serialization import make_converter

    # The library's JSON format (as `ocop schema scorecard`): one scorecard, or a council
    # as a list of them; each gives "levels" (positions) or "points" (as printed).
    if isinstance(data, list) and data:
        council: tuple[Any, ...] = make_converter().structure(data, tuple[Scorecard, ...])
        return council
    if isinstance(data, dict) and isinstance(data.get("sheet"), dict):
        return (make_converter().structure(data, Scorecard),)
    if not isinstance(data, dict):
        raise InvalidValue(
            field="$", value=type(data).__name__, allowed="a JSON object (a scorecard) or a non-empty list of them"
        )
    flags = ("eliminations", "disqualifications", "halts", "out_of_scope")
    unknown = set(data) - {"sheet", "edition", "points", "members", *flags}
    if unknown:
        raise InvalidValue(field="$", value=sorted(unknown), allowed="sheet, edition, points or members")
    sheet = get_sheet(data.get("sheet"), edition=data.get("edition"))  # type: ignore[arg-type]
    members = data.get("members")
    if members is None:
        members = [{"points": data.get("points"), **{f: data.get(f, []) for f in flags}}]
    if not isinstance(members, list) or not members:
        raise InvalidValue(field="$.members", value=members, allowed="a non-empty list")
    cards = []
    for i, m in enumerate(members):
        if not isinstance(m, dict) or not isinstance(m.get("points"), dict):
            raise InvalidValue(field=f"$.members[{i}].points", value=m, allowed="an object of criterion: points")
        cards.append(
            Scorecard.from_points(
                sheet,
                m["points"],
                evaluator=m.get("evaluator"),
                eliminations=m.get("eliminations", []),
                disqualifications=m.get("disqualifications", []),
                halts=m.get("halts", []),
                out_of_scope=m.get("out_of_scope", []),
            )
        )
    return tuple(cards)


def _grade_json(g: Any) -> dict[str, Any]:
    """The grade in the library's JSON format: it validates against ``ocop schema grade``."""
    from ocop.serialization import make_converter

    result: dict[str, Any] = make_converter().unstructure(g)
    return result


def _certificate(data: Any, on: str, as_json: bool = False) -> None:
    from ocop._strict import structure_date
    from ocop.certificates import Certificate
    from ocop.serialization import make_converter

    try:
        day = structure_date(on)
    except InvalidValue as exc:
        raise InvalidValue(field="--on", value=on, allowed="a date, YYYY-MM-DD") from exc
    cert = make_converter().structure(data, Certificate)
    _write_certificate(cert, day, as_json)


# ---------------------------------------------------------------------------
# Output: text for people, JSON (--json) for programs.  Kept apart from the reading above.

_FORMAT = """\
Input files are JSON (FILE, or - for standard input), at most 5 MB of UTF-8.

One scorecard, in the library's format (`ocop schema scorecard`): the points of the
ticked level of every criterion, as printed on the sheet (0 where no box is ticked and
the criterion has no 0-point level), or "levels" with 0-based positions instead:

  {"sheet": {"edition": "26/2026", "code": 7},
   "points": {"1.1": 3, "1.2": 1, ..., "11": 1},
   "eliminations": ["1.1"],                 (optional: criteria whose elimination applies)
   "disqualifications": ["forged-dossier"], (optional: grounds of "Hồ sơ bị loại khi ...")
   "halts": ["6.1"],                        (optional: halt notes whose condition holds)
   "out_of_scope": ["5.2"]}                 (optional: scope notes that do not hold)

A council: a list of such scorecards, one per member (with "evaluator": "A", ...).

The short form {"sheet": 7, "edition": "26/2026", "points": {...}} or {"sheet": 7,
"members": [{"evaluator": "A", "points": {...}}, ...]} is read too ("edition" is
optional: the edition in force today).  `ocop sheets N` lists the criteria of sheet N
with the points of each level.
"""

_ADVICE = """\
For a council, the plan starts from the council floor: on each criterion, the lowest
level any member ticked.  A plan that lifts that reading to the target reaches it
whatever the members' other readings (an average is never below its smallest term).
The output says which reading it starts from, next to the council's own grade.
"""


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _write_json(data: Any) -> None:
    _write(json.dumps(data, ensure_ascii=False, indent=2))


def _safe_stdout() -> None:
    # A terminal or pipe that cannot encode "★" or Vietnamese must not crash the command:
    # unencodable characters are replaced instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _write_certificate(cert: Any, day: datetime.date, as_json: bool) -> None:
    status = cert.status_on(day)
    start, end = cert.renewal_window()
    if as_json:
        _write_json(
            {
                "code": str(cert.code),
                "product": cert.product,
                "star": int(cert.star),
                "edition": cert.edition.code,
                "on": day.isoformat(),
                "status": status.kind.value,
                "valid": status.valid,
                "rule": status.rule,
                "valid_until": cert.valid_until.isoformat(),
                "renewal_window": [start.isoformat(), end.isoformat()],
            }
        )
        return
    _write(
        f"{cert.code} {cert.product} ({cert.star}, {cert.edition.code}): {status.kind.value} on {day.isoformat()}\n"
        f"  rule: {status.rule}\n  valid until: {cert.valid_until.isoformat()}\n"
        f"  re-evaluation window: {start.isoformat()} to {end.isoformat()}"
    )


def _demo(args: argparse.Namespace) -> None:
    from ocop._demo import demo_scorecards, run
    from ocop.grading import grade

    if args.json:
        _write_json(_grade_json(grade(demo_scorecards())))
    else:
        _write(run())


def _sheets(args: argparse.Namespace) -> None:
    from ocop.criteria import sheet, sheets

    if args.code is None:
        found = sheets(edition=args.edition)
        if args.json:
            _write_json(
                [{"edition": s.edition.code, "code": s.code, "name_vi": s.name_vi, "name_en": s.name_en} for s in found]
            )
            return
        _write("".join(f"{s.code:>2}  {s.name_vi}  ({s.name_en})\n" for s in found))
        return
    s = sheet(args.code, edition=args.edition)
    if args.json:
        from ocop.serialization import export_sheet

        _write_json(export_sheet(s))
        return
    lines = [f"Sheet {s.code}: {s.name_vi} ({s.edition.code})"]
    for part, _section, c in s.iter_criteria():
        marks = " ".join(f"{lvl.value}{'*' * int(lvl.star) if lvl.star else ''}" for lvl in c.levels)
        lines.append(f"  {part.code} {c.number:<7}{c.max_points:>3}  {c.name_vi}  [{marks}]")
    _write("\n".join(lines))


def _grade(args: argparse.Namespace, stdin: TextIO) -> None:
    from ocop.grading import grade

    g = grade(_cards(_read(args.file, stdin)))
    if args.json:
        _write_json(_grade_json(g))
    else:
        _write(str(g) + "\n" + "".join(f"  - {r}\n" for r in g.reasons))


def _change_json(c: Any) -> dict[str, Any]:
    return {
        "criterion": c.criterion,
        "from_level": c.from_level,
        "to_level": c.to_level,
        "from_points": c.from_points,
        "to_points": c.to_points,
        "satisfies": [int(s) for s in c.satisfies],
        "cost": c.cost,
    }


def _advise(args: argparse.Namespace, stdin: TextIO) -> None:
    from ocop.grading import advise, grade

    cards = _cards(_read(args.file, stdin))
    council = len(cards) > 1
    plan = advise(cards if council else cards[0], args.to)
    own = grade(cards)
    reading = "council floor" if council else "scorecard"
    if args.json:
        _write_json(
            {
                "target": args.to,
                "reading": reading,
                "starts_from": _grade_json(plan.before),
                "council": _grade_json(own) if council else None,
                "changes": [_change_json(c) for c in plan.changes],
                "cost": plan.cost,
                "after": _grade_json(plan.after),
            }
        )
        return
    if council:
        _write(
            f"starting from the council floor (each criterion at the members' lowest level): total "
            f"{format_points(plan.before.total)}, {plan.before.star}; the council's own grade (averages): total "
            f"{format_points(own.total)}, {own.star}"
        )
    _write(str(plan))


def _schema(args: argparse.Namespace) -> None:
    from ocop.serialization import json_schema

    # The schema is JSON already: --json changes nothing, and is accepted like everywhere.
    _write(json.dumps(json_schema(args.name), indent=2))


def _parser() -> argparse.ArgumentParser:
    from ocop import __version__

    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="ocop",
        description="The rules of Vietnam's OCOP programme: sheets, grading, advice, certificates.",
        epilog=_FORMAT,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"ocop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="machine-readable output (JSON)")

    def command(name: str, help: str, epilog: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help, description=help, epilog=epilog, parents=[json_flag], formatter_class=raw
        )

    command("demo", "grade a bundled example: a council of three on sheet 7 of 26/2026")
    p = command("sheets", "list the sheets of an edition, or show one sheet's criteria and levels")
    p.add_argument("code", nargs="?", type=int, help="the sheet number (1-26); omit to list them")
    p.add_argument("--edition", default=None, help="edition code, e.g. 26/2026 (default: in force today)")
    p = command("grade", "grade a scorecard or a council: parts, total, star and reasons", _FORMAT)
    p.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
    p = command("advise", "the cheapest route to a target star", _FORMAT + "\n" + _ADVICE)
    p.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
    p.add_argument("--to", type=int, default=4, choices=[1, 2, 3, 4, 5], help="the target star (default 4)")
    cert_format = (
        "FILE is a certificate as JSON, e.g. (see `ocop schema certificate`):\n\n"
        '  {"code": "04-01234-1-2024", "product": "Miến dong", "producer": "HTX A",\n'
        '   "producer_type": "cooperative", "sheet": 6, "star": 3, "issued_by": "district",\n'
        '   "issued_on": "2024-02-29", "edition": "148/2023", "revocation": null,\n'
        '   "renewal": null, "superseded_on": null, "supersedes": null}\n'
    )
    p = command("certificate", "a certificate's status on a date", cert_format)
    p.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
    p.add_argument("--on", required=True, help="the date, YYYY-MM-DD")
    p = command("schema", "print the JSON Schema of a payload")
    p.add_argument("name", choices=["scorecard", "grade", "certificate", "portfolio"])
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    _safe_stdout()
    args = _parser().parse_args(argv)
    stdin = stdin or sys.stdin
    try:
        if args.command == "demo":
            _demo(args)
        elif args.command == "sheets":
            _sheets(args)
        elif args.command == "grade":
            _grade(args, stdin)
        elif args.command == "advise":
            _advise(args, stdin)
        elif args.command == "certificate":
            _certificate(_read(args.file, stdin), args.on, args.json)
        else:
            _schema(args)
    except OcopError as exc:
        sys.stderr.write(f"ocop: error: {_one_line(str(exc))}\n")
        return 2
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":  # pragma: no cover - run as a script; main() itself is tested
    raise SystemExit(main())
