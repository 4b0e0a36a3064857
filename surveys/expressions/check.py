"""Type-checking a parsed condition against the names a script (or a study) defines.

Every mistake a research lead can make in a condition is caught here, when the script is
loaded, rather than in the middle of an interview: unknown names, answers that are not asked
yet, comparing a number with text, an option code or key the question does not have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

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
from surveys.expressions.types import BOOL, NUMBER, TEXT, Kind, ValueType


class TypeScope(Protocol):
    """Knows the names an expression may use at one place in a script."""

    def type_of(self, name: Name) -> ValueType:
        """The type of ``name``; raises :class:`ExpressionError` at ``name.offset`` if the
        name is unknown or may not be used here."""
        ...


# name -> (minimum args, maximum args)
FUNCTIONS: dict[str, tuple[int, int]] = {
    "answered": (1, 1),
    "dont_know": (1, 1),
    "refused": (1, 1),
    "count": (1, 1),
    "len": (1, 1),
    "lower": (1, 1),
    "days_since": (1, 1),
    "abs": (1, 1),
    "min": (2, 10),
    "max": (2, 10),
}
_STATUS_FUNCTIONS = ("answered", "dont_know", "refused")


def _literal_type(value: object) -> ValueType:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUMBER
    return TEXT


def _literal_text(node: Literal) -> str:
    return f'"{node.value}"' if isinstance(node.value, str) else str(node.value).lower()


def check_condition(node: Node, scope: TypeScope) -> None:
    """Check that ``node`` is a well-typed condition (true or false)."""
    result = check(node, scope)
    if result.kind is not Kind.BOOL:
        raise ExpressionError(
            f"a condition must be true or false, but this is {result.describe()}; "
            "compare it with something (for example: nps <= 6)",
            node.offset,
        )


def check(node: Node, scope: TypeScope) -> ValueType:
    """Infer the type of ``node``; raise :class:`ExpressionError` on the first problem."""
    handler = _HANDLERS.get(type(node))
    if handler is None:  # pragma: no cover - the parser makes no other nodes
        raise ExpressionError("unsupported expression", getattr(node, "offset", 0))
    return handler(node, scope)


def _check_literal(node: Literal, scope: TypeScope) -> ValueType:
    return _literal_type(node.value)


def _check_name(node: Name, scope: TypeScope) -> ValueType:
    return scope.type_of(node)


def _check_list(node: ListOf, scope: TypeScope) -> ValueType:
    if not node.items:
        raise ExpressionError("an empty list matches nothing", node.offset)
    kinds = set()
    for item in node.items:
        if not isinstance(item, Literal) or isinstance(item.value, bool):
            raise ExpressionError(
                'a list may hold only numbers or texts written out, like [1, 2] or ["a", "b"]',
                item.offset,
            )
        kinds.add(_literal_type(item.value).kind)
    if len(kinds) > 1:
        raise ExpressionError("a list must hold only numbers or only texts, not both", node.offset)
    return ValueType(Kind.LIST, element=kinds.pop())


def _check_negative(node: Negative, scope: TypeScope) -> ValueType:
    operand = check(node.operand, scope)
    if operand.kind is not Kind.NUMBER:
        raise ExpressionError(f"'-' needs a number, not {operand.describe()}", node.offset)
    return NUMBER


def _check_arithmetic(node: Arithmetic, scope: TypeScope) -> ValueType:
    left, right = check(node.left, scope), check(node.right, scope)
    for side in (left, right):
        if side.kind is not Kind.NUMBER:
            raise ExpressionError(
                f"'{node.op}' works on numbers, not on {side.describe()}", node.offset
            )
    return NUMBER


def _check_logical(node: Logical, scope: TypeScope) -> ValueType:
    for side in node.operands:
        kind = check(side, scope)
        if kind.kind is not Kind.BOOL:
            raise ExpressionError(
                f"'{node.op}' joins conditions (true or false), but one side is {kind.describe()}",
                side.offset,
            )
    return BOOL


def _check_not(node: Not, scope: TypeScope) -> ValueType:
    kind = check(node.operand, scope)
    if kind.kind is not Kind.BOOL:
        raise ExpressionError(f"'not' needs a condition, not {kind.describe()}", node.offset)
    return BOOL


def _check_option_literal(choice: ValueType, literal: Literal) -> None:
    """A literal compared with a choice question must be one of its codes or keys."""
    value = literal.value
    if isinstance(value, bool):
        raise ExpressionError(f"{choice.label} holds options, not true/false", literal.offset)
    if isinstance(value, str):
        if value not in choice.keys:
            known = ", ".join(f'"{k}"' for k in sorted(choice.keys)) or "none (add key: ...)"
            raise ExpressionError(
                f'{choice.label} has no option with key "{value}"; its keys are {known}',
                literal.offset,
            )
    elif value not in choice.codes:
        known = ", ".join(str(c) for c in sorted(choice.codes))
        raise ExpressionError(
            f"{choice.label} has no option with code {value}; its codes are {known}", literal.offset
        )


def _check_text_literal(field: ValueType, literal: Literal) -> None:
    if field.values and isinstance(literal.value, str) and literal.value not in field.values:
        known = ", ".join(f'"{v}"' for v in sorted(field.values))
        raise ExpressionError(
            f'"{literal.value}" is not one of the values declared for {field.label}: {known}',
            literal.offset,
        )


def _comparable(left: ValueType, right: ValueType, right_node: Node, op: str) -> bool:
    ordering = op not in ("==", "!=")
    if left.kind is Kind.CHOICE:
        if right.kind is Kind.NUMBER:
            if isinstance(right_node, Literal):
                _check_option_literal(left, right_node)
            return True
        if right.kind is Kind.TEXT and not ordering:
            if isinstance(right_node, Literal):
                _check_option_literal(left, right_node)
            return True
        return right.kind is Kind.CHOICE and not ordering
    if left.kind is Kind.TEXT and right.kind is Kind.TEXT and isinstance(right_node, Literal):
        _check_text_literal(left, right_node)
    if left.kind is Kind.BOOL and ordering:
        return False
    return left.kind is right.kind and left.kind in (Kind.NUMBER, Kind.TEXT, Kind.DATE, Kind.BOOL)


def _check_compare(node: Compare, scope: TypeScope) -> ValueType:
    left, right = check(node.left, scope), check(node.right, scope)
    if node.op in ("in", "not in"):
        return _check_membership(node, left, right)
    right_node = node.right
    if isinstance(node.left, Literal) and not isinstance(node.right, Literal):
        # "7 == role": check it the same way as "role == 7"
        left, right, right_node = right, left, node.left
    if left.kind in (Kind.CHOICES, Kind.LIST) or right.kind in (Kind.CHOICES, Kind.LIST):
        many = left if left.kind in (Kind.CHOICES, Kind.LIST) else right
        raise ExpressionError(
            f"{many.describe()} holds several values and cannot be compared with "
            f"'{node.op}'; use 'in' (\"price\" in reasons) or count(...)",
            node.offset,
        )
    if not _comparable(left, right, right_node, node.op):
        raise ExpressionError(
            f"cannot compare {left.describe()} with {right.describe()} using '{node.op}'",
            node.offset,
        )
    return BOOL


def _check_membership(node: Compare, left: ValueType, right: ValueType) -> ValueType:
    if right.kind is Kind.CHOICES:
        if left.kind in (Kind.NUMBER, Kind.TEXT):
            if isinstance(node.left, Literal):
                _check_option_literal(right, node.left)
            return BOOL
        raise ExpressionError(
            f"'{node.op}' {right.label} needs an option code or key on the "
            f"left, not {left.describe()}",
            node.offset,
        )
    if right.kind is Kind.LIST and right.element is not None:
        items = node.right.items if isinstance(node.right, ListOf) else ()
        if left.kind is Kind.CHOICE:
            for item in items:
                if isinstance(item, Literal):
                    _check_option_literal(left, item)
            if right.element is Kind.NUMBER or right.element is Kind.TEXT:
                return BOOL
        if left.kind is right.element:
            if left.kind is Kind.TEXT:
                for item in items:
                    if isinstance(item, Literal):
                        _check_text_literal(left, item)
            return BOOL
        raise ExpressionError(
            f"cannot look for {left.describe()} in a list of {right.element.value}s", node.offset
        )
    if right.kind is Kind.TEXT:
        if left.kind is Kind.TEXT:
            return BOOL  # substring: "доставк" in lower(comment)
        raise ExpressionError(
            f"'{node.op}' text looks for a piece of text, not for {left.describe()}", node.offset
        )
    raise ExpressionError(
        f"'{node.op}' needs a list, a multiple-choice question or text on "
        f"the right, not {right.describe()}",
        node.offset,
    )


def _check_call(node: Call, scope: TypeScope) -> ValueType:
    if node.function not in FUNCTIONS:
        known = ", ".join(sorted(FUNCTIONS))
        raise ExpressionError(
            f"unknown function {node.function}(); known functions: {known}", node.offset
        )
    low, high = FUNCTIONS[node.function]
    if not low <= len(node.args) <= high:
        wanted = str(low) if low == high else f"{low} to {high}"
        raise ExpressionError(
            f"{node.function}() takes {wanted} argument"
            f"{'s' if high > 1 else ''}, not {len(node.args)}",
            node.offset,
        )
    if node.function in _STATUS_FUNCTIONS:
        arg = node.args[0]
        if not isinstance(arg, Name):
            raise ExpressionError(
                f"{node.function}() takes a question name, like {node.function}(nps)", arg.offset
            )
        scope.type_of(arg)
        return BOOL
    args = [check(arg, scope) for arg in node.args]
    expect: dict[str, tuple[tuple[Kind, ...], ValueType]] = {
        "count": ((Kind.CHOICES, Kind.LIST), NUMBER),
        "len": ((Kind.TEXT, Kind.CHOICES, Kind.LIST), NUMBER),
        "lower": ((Kind.TEXT,), TEXT),
        "days_since": ((Kind.DATE,), NUMBER),
        "abs": ((Kind.NUMBER,), NUMBER),
        "min": ((Kind.NUMBER,), NUMBER),
        "max": ((Kind.NUMBER,), NUMBER),
    }
    kinds, result = expect[node.function]
    for arg_node, arg_type in zip(node.args, args, strict=True):
        if arg_type.kind not in kinds:
            wanted = " or ".join(k.value for k in kinds)
            raise ExpressionError(
                f"{node.function}() needs {wanted}, not {arg_type.describe()}", arg_node.offset
            )
    return result


_HANDLERS: dict[type, Callable[..., ValueType]] = {
    Literal: _check_literal,
    Name: _check_name,
    ListOf: _check_list,
    Negative: _check_negative,
    Arithmetic: _check_arithmetic,
    Logical: _check_logical,
    Not: _check_not,
    Compare: _check_compare,
    Call: _check_call,
}
