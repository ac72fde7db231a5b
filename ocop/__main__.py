"""Command line: ``python -m ocop demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="ocop", description="The rules of Vietnam's OCOP programme.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="grade a bundled example: a council of three on sheet 7")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ocop._demo import run

        sys.stdout.write(run() + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
