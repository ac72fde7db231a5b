"""Behaviour of comparing sheets, the classification and the sheet model (ocop/criteria/_compare.py, _classification.py, _model.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules and contracts (articles cited), not read from the library.
"""

from __future__ import annotations
