""" "Did you mean ...?" hints, bounded so that a script full of misspellings stays quick.

A hint compares the misspelt word with every known name; a hostile script with thousands of
questions, each naming an unknown one, would make that quadratic (minutes for a 1 MB file).
A research lead reads the first hints anyway, so each load gives at most
:data:`MAX_HINTS`, each among at most :data:`MAX_CANDIDATES` names; later problems keep
their place and message, without the hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

MAX_HINTS = 50
MAX_CANDIDATES = 2_000


class Hints:
    """The did-you-mean hints of one script's check, with their budget."""

    def __init__(self, budget: int = MAX_HINTS) -> None:
        self.left = budget

    def closest(self, word: str, known: Collection[str], cutoff: float = 0.6) -> str | None:
        """The known name closest to ``word``, if any is close and the budget allows."""
        if self.left <= 0 or len(known) > MAX_CANDIDATES:
            return None
        self.left -= 1
        close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
        return close[0] if close else None

    def did_you_mean(self, word: str, known: Collection[str], cutoff: float = 0.6) -> str:
        """`` (did you mean 'name'?)``, or nothing."""
        close = self.closest(word, known, cutoff)
        return f" (did you mean '{close}'?)" if close else ""
