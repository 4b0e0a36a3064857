"""The survey script language: loading, checking and running interview scripts.

Pure Python: no Qt, no database. See ``surveys/FORMAT.md`` for the format.

The public API is re-exported here lazily (the first attribute access imports the module),
so ``import surveys.errors`` (every error of the application derives from
:class:`CatiError`) does not build the script models: ``cati --help`` stays cheap.
``surveys.simulate`` is the *module* (a function cannot share the name of a submodule of
its package); use ``from surveys.simulate import simulate``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "Answer": "surveys.answers",
    "AnswerRejected": "surveys.answers",
    "validate_answer": "surveys.answers",
    "Accepted": "surveys.engine",
    "Closing": "surveys.engine",
    "InterviewState": "surveys.engine",
    "Screen": "surveys.engine",
    "answer": "surveys.engine",
    "current_screen": "surveys.engine",
    "previous": "surveys.engine",
    "screen_for": "surveys.engine",
    "walk": "surveys.engine",
    "CatiError": "surveys.errors",
    "ScriptError": "surveys.errors",
    "ScriptProblem": "surveys.errors",
    "load_script": "surveys.loader",
    "load_script_bytes": "surveys.loader",
    "load_script_text": "surveys.loader",
    "Script": "surveys.model",
}

__all__ = [
    "Accepted",
    "Answer",
    "AnswerRejected",
    "CatiError",
    "Closing",
    "InterviewState",
    "Screen",
    "Script",
    "ScriptError",
    "ScriptProblem",
    "answer",
    "current_screen",
    "load_script",
    "load_script_bytes",
    "load_script_text",
    "previous",
    "screen_for",
    "validate_answer",
    "walk",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'surveys' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from surveys.answers import Answer, AnswerRejected, validate_answer
    from surveys.engine import (
        Accepted,
        Closing,
        InterviewState,
        Screen,
        answer,
        current_screen,
        previous,
        screen_for,
        walk,
    )
    from surveys.errors import CatiError, ScriptError, ScriptProblem
    from surveys.loader import load_script, load_script_bytes, load_script_text
    from surveys.model import Script
