"""Behaviour of working days and legal deadlines (ocop/cycle/_calendar.py, _deadlines.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
"""

from __future__ import annotations
