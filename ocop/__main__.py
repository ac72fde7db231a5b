"""Command line: ``python -m ocop demo | sheets | grade | advise | certificate | schema``.

Input files are JSON in the library's format (``ocop schema scorecard``): one scorecard
``{"sheet": {"edition": "26/2026", "code": 7}, "points": {"1.1": 3, ...}}`` (or
``"levels"``, 0-based positions) or a council as a list of them.  The short form
``{"sheet": 7, "edition": "26/2026", "points": {...}}`` or ``{"sheet": 7, "members":
[{"evaluator": "A", "points": {...}}, ...]}`` is read too (``edition`` is optional: the
edition in force today).  ``-`` reads standard input; files are at most 5 MB of UTF-8.
``grade --json`` prints the grade in the library's format (``ocop schema grade``).
Every error is one line on standard error, with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

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
    unknown = set(data) - {"sheet", "edition", "points", "members", "eliminations", "disqualifications"}
    if unknown:
        raise InvalidValue(field="$", value=sorted(unknown), allowed="sheet, edition, points or members")
    sheet = get_sheet(data.get("sheet"), edition=data.get("edition"))  # type: ignore[arg-type]
    members = data.get("members")
    if members is None:
        members = [
            {
                "points": data.get("points"),
                "eliminations": data.get("eliminations", []),
                "disqualifications": data.get("disqualifications", []),
            }
        ]
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
            )
        )
    return tuple(cards)


def _grade_json(g: Any) -> dict[str, Any]:
    """The grade in the library's JSON format: it validates against ``ocop schema grade``."""
    from ocop.serialization import make_converter

    result: dict[str, Any] = make_converter().unstructure(g)
    return result


def _certificate(data: Any, on: str) -> None:
    from ocop._strict import structure_date
    from ocop.certificates import Certificate
    from ocop.serialization import make_converter

    try:
        day = structure_date(on)
    except InvalidValue as exc:
        raise InvalidValue(field="--on", value=on, allowed="a date, YYYY-MM-DD") from exc
    cert = make_converter().structure(data, Certificate)
    status = cert.status_on(day)
    sys.stdout.write(
        f"{cert.code} {cert.product} ({cert.star}, {cert.edition.code}): {status.kind.value} on {day.isoformat()}\n"
        f"  rule: {status.rule}\n  valid until: {cert.valid_until.isoformat()}\n"
        f"  re-evaluation window: {' to '.join(d.isoformat() for d in cert.renewal_window())}\n"
    )


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="ocop", description="The rules of Vietnam's OCOP programme.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="grade a bundled example: a council of three on sheet 7")
    p_sheets = sub.add_parser("sheets", help="list the sheets of an edition, or show one")
    p_sheets.add_argument("code", nargs="?", type=int)
    p_sheets.add_argument("--edition", default=None)
    p_grade = sub.add_parser("grade", help="grade a scorecard or a council (JSON file, or - for stdin)")
    p_grade.add_argument("file")
    p_grade.add_argument("--json", action="store_true", help="machine-readable output")
    p_adv = sub.add_parser("advise", help="the cheapest route to a target star")
    p_adv.add_argument("file")
    p_adv.add_argument("--to", type=int, default=4, choices=[1, 2, 3, 4, 5])
    p_cert = sub.add_parser("certificate", help="a certificate's status on a date (JSON file, or -)")
    p_cert.add_argument("file")
    p_cert.add_argument("--on", required=True, help="the date, YYYY-MM-DD")
    p_schema = sub.add_parser("schema", help="print the JSON Schema of a payload")
    p_schema.add_argument("name", choices=["scorecard", "grade", "certificate", "portfolio"])
    args = parser.parse_args(argv)
    stdin = stdin or sys.stdin
    try:
        if args.command == "demo":
            from ocop._demo import run

            sys.stdout.write(run() + "\n")
        elif args.command == "sheets":
            from ocop.criteria import sheet, sheets

            if args.code is None:
                for s in sheets(edition=args.edition):
                    sys.stdout.write(f"{s.code:>2}  {s.name_vi}  ({s.name_en})\n")
            else:
                s = sheet(args.code, edition=args.edition)
                sys.stdout.write(f"Sheet {s.code}: {s.name_vi} ({s.edition.code})\n")
                for part, _section, c in s.iter_criteria():
                    marks = " ".join(f"{lvl.value}{'*' * int(lvl.star) if lvl.star else ''}" for lvl in c.levels)
                    sys.stdout.write(f"  {part.code} {c.number:<7}{c.max_points:>3}  {c.name_vi}  [{marks}]\n")
        elif args.command == "grade":
            from ocop.grading import grade

            g = grade(_cards(_read(args.file, stdin)))
            if args.json:
                sys.stdout.write(json.dumps(_grade_json(g), ensure_ascii=False, indent=2) + "\n")
            else:
                sys.stdout.write(str(g) + "\n" + "".join(f"  - {r}\n" for r in g.reasons))
        elif args.command == "advise":
            from ocop.grading import advise

            cards = _cards(_read(args.file, stdin))
            sys.stdout.write(str(advise(cards if len(cards) > 1 else cards[0], args.to)) + "\n")
        elif args.command == "certificate":
            _certificate(_read(args.file, stdin), args.on)
        else:
            from ocop.serialization import json_schema

            sys.stdout.write(json.dumps(json_schema(args.name), indent=2) + "\n")
    except OcopError as exc:
        sys.stderr.write(f"ocop: error: {_one_line(str(exc))}\n")
        return 2
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":  # pragma: no cover - run as a script; main() itself is tested
    raise SystemExit(main())
