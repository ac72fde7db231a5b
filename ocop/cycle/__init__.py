"""The OCOP cycle and the evaluation procedure (states, transitions, deadlines).

Reserved for the cycle and procedure model; nothing is public here yet.
"""

from __future__ import annotations

__all__: list[str] = []
