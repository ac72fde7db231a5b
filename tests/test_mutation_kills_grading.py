"""Behaviour of grading (ocop/grading: the engine, compiled sheets, scorecards, rules, grades, advice) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules and contracts (articles cited), not read from the library.
"""

from __future__ import annotations
