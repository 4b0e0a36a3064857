"""Evaluating a checked condition over answers and contact fields, without ``eval``.

Missing values follow three-valued logic, as in SQL: an unanswered, skipped, "don't know"
or "refused" answer is *unknown*; a comparison with an unknown value is unknown; ``and``,
``or`` and ``not`` follow Kleene's rules; a condition that ends up unknown counts as false.
So ``nps <= 6`` is false for a respondent who said "don't know", and so is
``not (nps <= 6)`` - ask ``dont_know(nps)`` to route those respondents explicitly.

Evaluation is total: it returns true, false, a value or UNKNOWN for any checked condition
and any data, and never raises. What has no value is unknown too: a division by zero, a
result beyond the range of double-precision numbers (about 1.8e308), inf and nan in the
data, and data of another type than declared (a text in a number field). Routing therefore
never crashes an interview; the rules are spelled out in surveys/FORMAT.md.
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol
from typing import Literal as Lit

from surveys.errors import ExpressionError
from surveys.expressions.check import FUNCTIONS
from surveys.expressions.syntax import (
    Arithmetic,
    Call,
    Compare,
    ListOf,
    Literal,
    Logical,
    Name,
    Negative,
    Node,
    Not,
)


class _Unknown(Enum):
    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown.UNKNOWN

Status = Lit["answered", "dont_know", "refused", "missing"]


@dataclass(frozen=True)
class Choice:
    """A chosen option: compares equal to its code (a number) or its key (a text)."""

    code: int
    key: str | None = None

    def matches(self, value: object) -> bool:
        if isinstance(value, Choice):
            return value.code == self.code
        if isinstance(value, str):
            return value == self.key
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value == self.code
        return False


class ValueScope(Protocol):
    """Gives the values of names while an expression is evaluated."""

    def value_of(self, name: Name) -> object:
        """The value, or ``UNKNOWN`` when there is none."""
        ...

    def status_of(self, name: Name) -> Status: ...

    def today(self) -> date: ...


def evaluate_condition(node: Node, scope: ValueScope) -> bool:
    """True only when the condition is definitely true (unknown counts as false)."""
    return evaluate(node, scope) is True


def evaluate(node: Node, scope: ValueScope) -> object:
    handler = _HANDLERS.get(type(node))
    if handler is None:  # pragma: no cover - the parser makes no other nodes
        raise ExpressionError("unsupported expression", getattr(node, "offset", 0))
    return handler(node, scope)


def _literal(node: Literal, scope: ValueScope) -> object:
    return node.value


def _name(node: Name, scope: ValueScope) -> object:
    return scope.value_of(node)


def _list(node: ListOf, scope: ValueScope) -> object:
    return tuple(evaluate(item, scope) for item in node.items)


def _negative(node: Negative, scope: ValueScope) -> object:
    value = _number(evaluate(node.operand, scope))
    return UNKNOWN if value is UNKNOWN else -value  # type: ignore[operator]


_LARGEST = sys.float_info.max


def _plain(value: object) -> object:
    """``value`` as the language sees it: a chosen option as its code, and a number that is
    not a finite double-precision number (inf, nan, a whole number beyond about 1.8e308)
    as UNKNOWN, so that no comparison or calculation can overflow."""
    if isinstance(value, Choice):
        return value.code
    if isinstance(value, float) and not math.isfinite(value):
        return UNKNOWN
    if isinstance(value, int) and not -_LARGEST <= value <= _LARGEST:
        return UNKNOWN
    return value


def _number(value: object) -> object:
    """``value`` as a number to compute with, or UNKNOWN when it is none (a text or a
    true/false where a number was declared, inf, nan)."""
    value = _plain(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return UNKNOWN
    return value


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


def _arithmetic(node: Arithmetic, scope: ValueScope) -> object:
    """Arithmetic is total: a result that is no finite number (a division by zero, an
    overflow past about 1.8e308) is UNKNOWN, like an unanswered question."""
    left = _number(evaluate(node.left, scope))
    right = _number(evaluate(node.right, scope))
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    try:
        result = _ARITHMETIC[node.op](left, right)
    except (ArithmeticError, ValueError):  # division by zero, an int too large for a float
        return UNKNOWN
    return _number(result)


def _logical(node: Logical, scope: ValueScope) -> object:
    """Kleene's rules: ``and`` is false once any part is false, true when all are true,
    unknown otherwise (``or`` the other way round)."""
    settles = node.op == "or"  # one true part settles "or", one false part settles "and"
    result: object = not settles
    for operand in node.operands:
        value = evaluate(operand, scope)
        if value is settles:
            return settles
        if value is not result:
            result = UNKNOWN
    return result


def _not(node: Not, scope: ValueScope) -> object:
    value = evaluate(node.operand, scope)
    return (not value) if isinstance(value, bool) else UNKNOWN


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _equal(left: object, right: object) -> bool:
    if isinstance(left, Choice):
        return left.matches(right)
    if isinstance(right, Choice):
        return right.matches(left)
    return left == right


def _compare(node: Compare, scope: ValueScope) -> object:
    left = evaluate(node.left, scope)
    right = evaluate(node.right, scope)
    if node.op in ("in", "not in"):
        if left is UNKNOWN or right is UNKNOWN or _plain(left) is UNKNOWN:
            return UNKNOWN
        found = _contains(right, left)
        return found if node.op == "in" else not found
    plain_left, plain_right = _plain(left), _plain(right)
    if plain_left is UNKNOWN or plain_right is UNKNOWN:
        return UNKNOWN
    choice = isinstance(left, Choice) or isinstance(right, Choice)
    if not (choice and node.op in ("==", "!=")) and _kind(plain_left) != _kind(plain_right):
        return UNKNOWN  # data of another type than declared (a text in a number field)
    if node.op == "==":
        return _equal(left, right)
    if node.op == "!=":
        return not _equal(left, right)
    try:
        return bool(_ORDER[node.op](plain_left, plain_right))
    except TypeError:  # values of one kind that still do not order (lists)
        return UNKNOWN


def _kind(value: object) -> str:
    """What a value is, for comparing like with like (``True`` is not the number 1)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    return type(value).__name__


def _contains(container: object, item: object) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, frozenset | tuple | list):
        return any(_equal(element, item) for element in container)
    return False


def _call(node: Call, scope: ValueScope) -> object:
    name = node.function
    low, high = FUNCTIONS.get(name, (1, 0))
    if not low <= len(node.args) <= high:  # an unknown function or arity: the checker says so
        return UNKNOWN
    if name in ("answered", "dont_know", "refused"):
        arg = node.args[0]
        return scope.status_of(arg) == name if isinstance(arg, Name) else UNKNOWN
    args = [evaluate(arg, scope) for arg in node.args]
    if any(arg is UNKNOWN for arg in args):
        return UNKNOWN
    if name in ("count", "len"):
        sized = args[0]
        return len(sized) if isinstance(sized, str | tuple | list | frozenset | set) else UNKNOWN
    if name == "lower":
        return args[0].lower() if isinstance(args[0], str) else UNKNOWN
    if name == "days_since":
        return _days_since(args[0], scope.today())
    numbers = [_number(arg) for arg in args]
    if any(number is UNKNOWN for number in numbers):
        return UNKNOWN
    if name == "abs":
        return abs(numbers[0])  # type: ignore[arg-type]
    return min(numbers) if name == "min" else max(numbers)  # type: ignore[type-var]


def _days_since(value: object, today: date) -> object:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return (today - value).days
    if isinstance(value, str):
        try:
            return (today - date.fromisoformat(value)).days
        except ValueError:
            return UNKNOWN
    return UNKNOWN


_HANDLERS: dict[type, Callable[..., object]] = {
    Literal: _literal,
    Name: _name,
    ListOf: _list,
    Negative: _negative,
    Arithmetic: _arithmetic,
    Logical: _logical,
    Not: _not,
    Compare: _compare,
    Call: _call,
}
