"""Behaviour of dossiers and their contents (ocop/cycle/_dossier.py, _contents.py) that mutation testing (scripts/mutation.sh) found unchecked.

Expectations are written out from the rules (articles cited), not read from the library.
"""

from __future__ import annotations
