"""The error hierarchy every part of cati shares.

The root lives here, in the package that imports nothing of ours, so that ``surveys``,
``reports`` and ``cati`` can all raise errors of one family (DESIGN.md: "who may import
whom"). Errors carry a message written for a person: what went wrong, where, what to do.
They are caught and shown at the edge (CLI, UI), never as tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass


class CatiError(Exception):
    """Root of all errors cati shows to people."""


@dataclass(frozen=True, order=True)
class ScriptProblem:
    """One thing wrong with a script, located in its file.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole".
    ``field`` is the dotted path of the offending field (``questions[3].options``).
    """

    file: str
    line: int
    column: int
    message: str
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else f"{self.file}:1:1"
        return f"{where}: {self.message}"


class ScriptError(CatiError):
    """A script could not be loaded; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: list[ScriptProblem]) -> None:
        if not problems:
            raise ValueError("ScriptError needs at least one problem")
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> ScriptProblem:
        return self.problems[0]

    @property
    def file(self) -> str:
        return self.first.file

    @property
    def line(self) -> int:
        return self.first.line

    @property
    def column(self) -> int:
        return self.first.column

    @property
    def field(self) -> str:
        return self.first.field


class ExpressionError(CatiError):
    """A condition or piping expression is malformed or does not fit the names it uses.

    ``offset`` is the 0-based character position inside the expression text.
    """

    def __init__(self, message: str, offset: int = 0) -> None:
        self.message = message
        self.offset = offset
        super().__init__(message)
