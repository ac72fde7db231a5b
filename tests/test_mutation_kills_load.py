"""Behaviour of loading and checking sheet files (ocop/criteria/_load.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules and contracts (articles cited), not read from the library.
"""

from __future__ import annotations
