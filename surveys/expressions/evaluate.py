"""Evaluating a checked condition over answers and contact fields, without ``eval``.

Missing values follow three-valued logic, as in SQL: an unanswered, skipped, "don't know"
or "refused" answer is *unknown*; a comparison with an unknown value is unknown; ``and``,
``or`` and ``not`` follow Kleene's rules; a condition that ends up unknown counts as false.
So ``nps <= 6`` is false for a respondent who said "don't know", and so is
``not (nps <= 6)`` - ask ``dont_know(nps)`` to route those respondents explicitly.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol
from typing import Literal as Lit

from surveys.errors import ExpressionError
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


def _number(value: object) -> object:
    if isinstance(value, Choice):
        return value.code
    return value


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


def _arithmetic(node: Arithmetic, scope: ValueScope) -> object:
    left = _number(evaluate(node.left, scope))
    right = _number(evaluate(node.right, scope))
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if node.op == "/" and right == 0:
        return UNKNOWN  # a ratio over zero has no value; routing treats it as unknown
    try:
        return _ARITHMETIC[node.op](left, right)
    except TypeError:  # data of another type than declared (a text in a number field)
        return UNKNOWN


def _logical(node: Logical, scope: ValueScope) -> object:
    left = evaluate(node.left, scope)
    if node.op == "and":
        if left is False:
            return False
        right = evaluate(node.right, scope)
        if right is False:
            return False
        return True if left is True and right is True else UNKNOWN
    if left is True:
        return True
    right = evaluate(node.right, scope)
    if right is True:
        return True
    return False if left is False and right is False else UNKNOWN


def _not(node: Not, scope: ValueScope) -> object:
    value = evaluate(node.operand, scope)
    return UNKNOWN if value is UNKNOWN else not value


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
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if node.op in ("in", "not in"):
        found = _contains(right, left)
        return found if node.op == "in" else not found
    if node.op == "==":
        return _equal(left, right)
    if node.op == "!=":
        return not _equal(left, right)
    try:
        return _ORDER[node.op](_number(left), _number(right))
    except TypeError:  # data of another type than declared (a text in a number field)
        return UNKNOWN


def _contains(container: object, item: object) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, frozenset | tuple | list):
        return any(_equal(element, item) for element in container)
    return False


def _call(node: Call, scope: ValueScope) -> object:
    name = node.function
    if name in ("answered", "dont_know", "refused"):
        arg = node.args[0]
        if not isinstance(arg, Name):  # pragma: no cover - rejected by the checker
            raise ExpressionError(f"{name}() takes a question name", arg.offset)
        return scope.status_of(arg) == name
    args = [evaluate(arg, scope) for arg in node.args]
    if any(arg is UNKNOWN for arg in args):
        return UNKNOWN
    if name in ("count", "len"):
        return len(args[0])  # type: ignore[arg-type]
    if name == "lower":
        return str(args[0]).lower()
    if name == "days_since":
        return _days_since(args[0], scope.today())
    if name == "abs":
        return abs(_number(args[0]))  # type: ignore[arg-type]
    numbers = [_number(arg) for arg in args]
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
