"""Tokens and syntax tree of the condition language, and its parser.

The language is a small, Python-like expression syntax a research lead can read::

    nps <= 6 and contact.segment == "lost"
    "price" in reasons or count(reasons) >= 3
    days_since(last_order) > 365

Grammar (lowest precedence first)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") sum]
    sum        := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | STRING | "true" | "false" | NAME ("." NAME)* | NAME "(" args ")"
                | "(" expr ")" | "[" [expr ("," expr)*] "]"

Parsing is done once, when a script is loaded; the tree is then type-checked against the
names the script defines and evaluated without ``eval``. A condition has bounded length,
nesting and numbers (``surveys.limits``), so that checking and evaluating it can never run
out of stack or time: a condition over the bounds is an :class:`ExpressionError` at the
place that crosses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union, cast

from surveys.errors import ExpressionError
from surveys.limits import MAX_CONDITION_LENGTH, MAX_CONDITION_NESTING, MAX_NUMBER_DIGITS

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
_TWO_CHAR = ("==", "!=", "<=", ">=", "&&", "||")
_ONE_CHAR = "<>+-*/()[],."
DIGITS = "0123456789"  # str.isdigit() also takes "²" and "١", which int() refuses
_DIGIT_CHARS = tuple(DIGITS)


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "string", "name", "op", "end"
    text: str
    offset: int
    value: object = None


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        if ch in DIGITS or (ch == "." and source[i + 1 : i + 2] in _DIGIT_CHARS):
            start = i
            while i < n and source[i] in DIGITS:
                i += 1
            is_float = False
            if source[i : i + 1] == "." and source[i + 1 : i + 2] in _DIGIT_CHARS:
                is_float = True
                i += 1
                while i < n and source[i] in DIGITS:
                    i += 1
            if source[i : i + 1] in ("e", "E") and source[i + 1 : i + 2] in _DIGIT_CHARS:
                raise ExpressionError(
                    "write numbers out in full, like 1500000; conditions have no exponents",
                    start,
                )
            if i < n and (source[i].isalpha() or source[i] == "_"):
                raise ExpressionError(f"'{source[start : i + 1]}' is not a number or a name", start)
            text = source[start:i]
            whole = len(text.split(".")[0].lstrip("0"))
            if whole > MAX_NUMBER_DIGITS:
                raise ExpressionError(
                    f"this number has {whole} digits before the decimal point; numbers in "
                    f"conditions have at most {MAX_NUMBER_DIGITS}",
                    start,
                )
            tokens.append(Token("number", text, start, float(text) if is_float else int(text)))
            continue
        if ch in "\"'":
            start = i
            i += 1
            chars: list[str] = []
            while i < n and source[i] != ch:
                if source[i] == "\\" and i + 1 < n:
                    i += 1
                    chars.append({"n": "\n", "t": "\t"}.get(source[i], source[i]))
                else:
                    chars.append(source[i])
                i += 1
            if i >= n:
                raise ExpressionError(f"text starting here is not closed with {ch}", start)
            i += 1
            tokens.append(Token("string", source[start:i], start, "".join(chars)))
            continue
        if ch.isalpha() or ch == "_":
            start = i
            while i < n and (source[i].isalnum() or source[i] == "_"):
                i += 1
            word = source[start:i]
            tokens.append(Token("name", word, start))
            continue
        two = source[i : i + 2]
        if two in _TWO_CHAR:
            if two == "&&":
                raise ExpressionError("write 'and' instead of '&&'", i)
            if two == "||":
                raise ExpressionError("write 'or' instead of '||'", i)
            tokens.append(Token("op", two, i))
            i += 2
            continue
        if ch == "=":
            if source[i + 1 : i + 2] in ("<", ">"):
                flipped = source[i + 1] + "="
                raise ExpressionError(f"write '{flipped}' instead of '={source[i + 1]}'", i)
            raise ExpressionError("use '==' to compare ('=' alone is not an operator)", i)
        if ch == "!":
            raise ExpressionError("write 'not' instead of '!'", i)
        if ch in _ONE_CHAR:
            tokens.append(Token("op", ch, i))
            i += 1
            continue
        raise ExpressionError(f"unexpected character '{ch}'", i)
    tokens.append(Token("end", "", n))
    return tokens


# --- syntax tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: int | float | str | bool
    offset: int


@dataclass(frozen=True)
class Name:
    parts: tuple[str, ...]
    offset: int

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class ListOf:
    items: tuple[Node, ...]
    offset: int


@dataclass(frozen=True)
class Negative:
    operand: Node
    offset: int


@dataclass(frozen=True)
class Arithmetic:
    op: str
    left: Node
    right: Node
    offset: int


@dataclass(frozen=True)
class Compare:
    op: str  # one of COMPARISONS, "in", "not in"
    left: Node
    right: Node
    offset: int


@dataclass(frozen=True)
class Logical:
    """``a and b and c`` (or ``or``): one node for the whole run, so that a long run of
    conditions does not nest."""

    op: str  # "and" / "or"
    operands: tuple[Node, ...]  # two or more, in reading order
    offset: int  # of the first "and" / "or"


@dataclass(frozen=True)
class Not:
    operand: Node
    offset: int


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]
    offset: int


Node = Union[Literal, Name, ListOf, Negative, Arithmetic, Compare, Logical, Not, Call]  # noqa: UP007


def names_in(node: Node) -> list[Name]:
    """Every name the expression refers to, in reading order."""
    found: list[Name] = []

    def visit(n: Node) -> None:
        if isinstance(n, Name):
            found.append(n)
        elif isinstance(n, ListOf):
            for item in n.items:
                visit(item)
        elif isinstance(n, Negative | Not):
            visit(n.operand)
        elif isinstance(n, Arithmetic | Compare):
            visit(n.left)
            visit(n.right)
        elif isinstance(n, Logical):
            for operand in n.operands:
                visit(operand)
        elif isinstance(n, Call):
            for arg in n.args:
                visit(arg)

    visit(node)
    return found


# --- parser --------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.nesting = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.token
        return token.kind == kind and (text is None or token.text == text)

    def at_word(self, word: str) -> bool:
        return self.at("name", word)

    def expect(self, text: str, what: str) -> Token:
        if not self.at("op", text):
            raise ExpressionError(
                f"expected '{text}' {what}, found {self.describe()}", self.token.offset
            )
        return self.advance()

    def describe(self) -> str:
        token = self.token
        return "the end of the condition" if token.kind == "end" else f"'{token.text}'"

    def enter(self, offset: int) -> None:
        """One level deeper; checking and evaluating recurse once per level, so the depth
        is bounded where it is written, before it can exhaust the stack."""
        self.nesting += 1
        if self.nesting > MAX_CONDITION_NESTING:
            raise ExpressionError(
                f"this condition nests more than {MAX_CONDITION_NESTING} levels deep "
                "(brackets, lists, function calls, 'not', '-' and steps of arithmetic); "
                "write it more simply",
                offset,
            )

    def parse(self) -> Node:
        if self.at("end"):
            raise ExpressionError("the condition is empty", 0)
        node = self.parse_or()
        if not self.at("end"):
            token = self.token
            if token.kind == "op" and token.text in COMPARISONS:
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and' (a < b and b < c)",
                    token.offset,
                )
            raise ExpressionError(
                f"unexpected {self.describe()}; a condition joins parts with 'and' / 'or'",
                token.offset,
            )
        return node

    # Each precedence level is its own loop, not a shared helper taking a callable: a
    # bracket then costs eight stack frames, not twelve (see MAX_CONDITION_NESTING).

    def parse_or(self) -> Node:
        """``a or b or c``: one :class:`Logical` node however long the run."""
        node = self.parse_and()
        if not self.at_word("or"):
            return node
        offset, operands = self.token.offset, [node]
        while self.at_word("or"):
            self.advance()
            operands.append(self.parse_and())
        return Logical("or", tuple(operands), offset)

    def parse_and(self) -> Node:
        node = self.parse_not()
        if not self.at_word("and"):
            return node
        offset, operands = self.token.offset, [node]
        while self.at_word("and"):
            self.advance()
            operands.append(self.parse_not())
        return Logical("and", tuple(operands), offset)

    def parse_not(self) -> Node:
        if self.at_word("not"):
            offset = self.advance().offset
            self.enter(offset)
            node = Not(self.parse_not(), offset)
            self.nesting -= 1
            return node
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        left = self.parse_sum()
        token = self.token
        if token.kind == "op" and token.text in COMPARISONS:
            self.advance()
            return Compare(token.text, left, self.parse_sum(), token.offset)
        if self.at_word("in"):
            self.advance()
            return Compare("in", left, self.parse_sum(), token.offset)
        if self.at_word("not") and self.tokens[self.pos + 1].text == "in":
            self.advance()
            self.advance()
            return Compare("not in", left, self.parse_sum(), token.offset)
        return left

    def parse_sum(self) -> Node:
        """``a + b - c`` groups to the left, ``(a + b) - c``: each step is a level deeper."""
        outer = self.nesting
        node = self.parse_term()
        while self.at("op", "+") or self.at("op", "-"):
            token = self.advance()
            self.enter(token.offset)
            node = Arithmetic(token.text, node, self.parse_term(), token.offset)
        self.nesting = outer
        return node

    def parse_term(self) -> Node:
        outer = self.nesting
        node = self.parse_unary()
        while self.at("op", "*") or self.at("op", "/"):
            token = self.advance()
            self.enter(token.offset)
            node = Arithmetic(token.text, node, self.parse_unary(), token.offset)
        self.nesting = outer
        return node

    def parse_unary(self) -> Node:
        if self.at("op", "-"):
            offset = self.advance().offset
            self.enter(offset)
            operand = self.parse_unary()
            self.nesting -= 1
            if (
                isinstance(operand, Literal)
                and isinstance(operand.value, int | float)
                and not isinstance(operand.value, bool)
            ):
                return Literal(-operand.value, offset)
            return Negative(operand, offset)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        token = self.token
        if token.kind in ("number", "string"):
            self.advance()
            return Literal(cast(int | float | str, token.value), token.offset)
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.advance()
                return Literal(token.text == "true", token.offset)
            if token.text in KEYWORDS:
                raise ExpressionError(
                    f"expected a value, found the keyword '{token.text}'", token.offset
                )
            self.advance()
            if self.at("op", "("):
                return self.parse_call(token)
            parts = [token.text]
            while self.at("op", "."):
                self.advance()
                if not self.at("name") or self.token.text in KEYWORDS:
                    raise ExpressionError(
                        f"expected a name after '.', found {self.describe()}", self.token.offset
                    )
                parts.append(self.advance().text)
            return Name(tuple(parts), token.offset)
        if self.at("op", "("):
            self.enter(self.advance().offset)
            node = self.parse_or()
            self.expect(")", "to close '('")
            self.nesting -= 1
            return node
        if self.at("op", "["):
            offset = self.advance().offset
            self.enter(offset)
            items = self.parse_items("]", "to close the list")
            self.nesting -= 1
            return ListOf(items, offset)
        if token.kind == "end":
            raise ExpressionError("the condition ends too early: a value is missing", token.offset)
        raise ExpressionError(f"expected a value, found {self.describe()}", token.offset)

    def parse_call(self, name: Token) -> Node:
        self.enter(self.advance().offset)  # "("
        args = self.parse_items(")", f"to close the call of {name.text}()")
        self.nesting -= 1
        return Call(name.text, args, name.offset)

    def parse_items(self, closing: str, what: str) -> tuple[Node, ...]:
        """Comma-separated values up to ``closing`` (a list's items, a call's arguments)."""
        items: list[Node] = []
        if not self.at("op", closing):
            items.append(self.parse_or())
            while self.at("op", ","):
                self.advance()
                items.append(self.parse_or())
        self.expect(closing, what)
        return tuple(items)


def parse(source: str) -> Node:
    """Parse an expression; raises :class:`ExpressionError` with the offset of the problem."""
    if len(source) > MAX_CONDITION_LENGTH:
        raise ExpressionError(
            f"this condition is {len(source):,} characters long; a condition has at most "
            f"{MAX_CONDITION_LENGTH:,}: split the rule or use a list ([...])",
            0,
        )
    return _Parser(source).parse()
