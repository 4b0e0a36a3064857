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
names the script defines and evaluated without ``eval``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union, cast

from surveys.errors import ExpressionError

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
_TWO_CHAR = ("==", "!=", "<=", ">=", "&&", "||")
_ONE_CHAR = "<>+-*/()[],."


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
        if ch.isdigit() or (ch == "." and i + 1 < n and source[i + 1].isdigit()):
            start = i
            while i < n and source[i].isdigit():
                i += 1
            is_float = False
            if i < n and source[i] == "." and i + 1 < n and source[i + 1].isdigit():
                is_float = True
                i += 1
                while i < n and source[i].isdigit():
                    i += 1
            if i < n and (source[i].isalpha() or source[i] == "_"):
                raise ExpressionError(f"'{source[start : i + 1]}' is not a number or a name", start)
            text = source[start:i]
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
    op: str  # "and" / "or"
    left: Node
    right: Node
    offset: int


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
        elif isinstance(n, Arithmetic | Compare | Logical):
            visit(n.left)
            visit(n.right)
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

    def parse_or(self) -> Node:
        node = self.parse_and()
        while self.at_word("or"):
            offset = self.advance().offset
            node = Logical("or", node, self.parse_and(), offset)
        return node

    def parse_and(self) -> Node:
        node = self.parse_not()
        while self.at_word("and"):
            offset = self.advance().offset
            node = Logical("and", node, self.parse_not(), offset)
        return node

    def parse_not(self) -> Node:
        if self.at_word("not"):
            offset = self.advance().offset
            return Not(self.parse_not(), offset)
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
        node = self.parse_term()
        while self.at("op", "+") or self.at("op", "-"):
            token = self.advance()
            node = Arithmetic(token.text, node, self.parse_term(), token.offset)
        return node

    def parse_term(self) -> Node:
        node = self.parse_unary()
        while self.at("op", "*") or self.at("op", "/"):
            token = self.advance()
            node = Arithmetic(token.text, node, self.parse_unary(), token.offset)
        return node

    def parse_unary(self) -> Node:
        if self.at("op", "-"):
            offset = self.advance().offset
            operand = self.parse_unary()
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
            self.advance()
            node = self.parse_or()
            self.expect(")", "to close '('")
            return node
        if self.at("op", "["):
            offset = self.advance().offset
            items: list[Node] = []
            if not self.at("op", "]"):
                items.append(self.parse_or())
                while self.at("op", ","):
                    self.advance()
                    items.append(self.parse_or())
            self.expect("]", "to close the list")
            return ListOf(tuple(items), offset)
        if token.kind == "end":
            raise ExpressionError("the condition ends too early: a value is missing", token.offset)
        raise ExpressionError(f"expected a value, found {self.describe()}", token.offset)

    def parse_call(self, name: Token) -> Node:
        self.advance()  # "("
        args: list[Node] = []
        if not self.at("op", ")"):
            args.append(self.parse_or())
            while self.at("op", ","):
                self.advance()
                args.append(self.parse_or())
        self.expect(")", f"to close the call of {name.text}()")
        return Call(name.text, tuple(args), name.offset)


def parse(source: str) -> Node:
    """Parse an expression; raises :class:`ExpressionError` with the offset of the problem."""
    return _Parser(source).parse()
