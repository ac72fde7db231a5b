"""Behaviour of the evaluation procedure and the OCOP cycle (ocop/cycle/_procedure.py, _steps.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
"""

from __future__ import annotations
