"""The survey script language: loading, checking and running interview scripts.

Pure Python: no Qt, no database. See ``surveys/FORMAT.md`` for the format.
"""

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
from surveys.simulate import simulate

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
    "simulate",
    "validate_answer",
    "walk",
]
