"""The condition language shared by scripts (routing) and studies (segment rules)."""

from surveys.expressions.check import FUNCTIONS, TypeScope, check, check_condition
from surveys.expressions.evaluate import (
    UNKNOWN,
    Choice,
    Status,
    ValueScope,
    evaluate,
    evaluate_condition,
)
from surveys.expressions.syntax import Name, Node, names_in, parse
from surveys.expressions.types import BOOL, DATE, NUMBER, TEXT, Kind, ValueType

__all__ = [
    "BOOL",
    "DATE",
    "FUNCTIONS",
    "NUMBER",
    "TEXT",
    "UNKNOWN",
    "Choice",
    "Kind",
    "Name",
    "Node",
    "Status",
    "TypeScope",
    "ValueScope",
    "ValueType",
    "check",
    "check_condition",
    "evaluate",
    "evaluate_condition",
    "names_in",
    "parse",
]
