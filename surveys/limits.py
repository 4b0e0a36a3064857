"""The bounds every script and condition must stay within (surveys/FORMAT.md, "Limits").

A script is hand-written text that may also arrive from anywhere (an e-mail, a colleague's
draft, a mangled copy). Each bound is far above what a real script needs and far below what
would make checking it slow or crash it, so a mistaken or hostile file gets a located
message instead of a hang or an internal error.
"""

from __future__ import annotations

MAX_SCRIPT_BYTES = 500_000
"""A script's size in bytes (and in characters); the largest ready script has about 30,000,
and reading YAML takes about a second per 100,000 bytes."""

MAX_YAML_DEPTH = 32
"""How deeply values may nest (a question's option label is 7 levels down)."""

MAX_NUMBER_DIGITS = 15
"""Digits of a whole number in a script or a condition: every such number is exact as a
double-precision float and as a JSON number, so exports and databases keep it unchanged."""

MAX_CONDITION_LENGTH = 5_000
"""Characters in one condition (``show_if``, ``skip``, alert and segment rules)."""

MAX_CONDITION_NESTING = 32
"""How deeply a condition may nest: brackets, lists, function calls, ``not``, ``-`` and
runs of arithmetic (``a + b + c`` is two levels)."""
