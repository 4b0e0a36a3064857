"""Hostile inputs for the fuzz corpus: mutations of the ready scripts and hostile conditions.

Every mutation is a pure function of a seeded ``random.Random``, so a failing case is
reproduced from its number alone (``mutated_script(n)``).
"""

from __future__ import annotations

import contextlib
import math
import random
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources

import pytest

from surveys.errors import ExpressionError
from surveys.expressions import (
    BOOL,
    DATE,
    NUMBER,
    TEXT,
    UNKNOWN,
    Choice,
    Kind,
    Name,
    Status,
    ValueType,
)

READY = {
    entry.name: entry.read_text(encoding="utf-8")
    for entry in resources.files("resources.scripts").iterdir()
    if entry.name.endswith(".yaml")
}

# --- hostile conditions ----------------------------------------------------------------------

HOSTILE_EXPRESSIONS: tuple[str, ...] = (
    "(" * 200 + "nps" + ")" * 200 + " > 1",
    "(" * 33 + "1" + ")" * 33 + " > 0",
    "(" * 5000,
    ")" * 50,
    " or ".join(["nps > 1"] * 500),
    " and ".join(["true"] * 700),
    "not " * 1000 + "true",
    "not " * 32 + "true",
    "-" * 1000 + "1 > 0",
    "- " * 40 + "nps > 0",
    "1" * 4301 + " > 0",
    "1" * 5000 + " > 0",
    "0" * 4000 + "1 > 0",
    "9" * 16 + " > 1",
    "999999999999999 > 1",
    "0." + "0" * 4000 + "1 > 0",
    "1" * 400 + ".5 > 1",
    "nps > 1e400 / 3",
    "nps > 1E9",
    "nps / 0 > 1",
    "1 / 0 == 1 / 0",
    "0 / 0 > 0",
    "-(1 / 0) < 0",
    "999999999999999 " + "* 999999999999999 " * 25 + "> 1",
    "999999999999999.9 " + "* 999999999999999.9 " * 25 + "> 1",
    "999999999999999 " + "* 999999999999999 " * 25 + "/ 3 > 1",
    "999999999999999 " + "* 999999999999999 " * 25 + "- 999999999999999.5 > 1",
    "nps " + "+ 1 " * 40 + "> 1",
    "nps " + "+ 1 " * 31 + "> 1",
    "abs(-999999999999999 * 999999999999999 * 999999999999999) > 0",
    "max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) > 0",
    "min(" + ", ".join(["1"] * 5000) + ") > 0",
    "count(" * 40 + "reasons" + ")" * 40 + " > 0",
    "len(" * 10 + '"x"' + ")" * 10 + " > 0",
    "[" * 300 + "1" + "]" * 300,
    "nps in [" + ", ".join(str(i) for i in range(3000)) + "]",
    "nps in [" + "[" * 40 + "1" + "]" * 40 + "]",
    '"' + "a" * 100_000 + '" == comment',
    '"unterminated',
    "'\\",
    "\\",
    "nps > ²",
    "nps > ١٢٣",
    "nps > ３",
    "nps\u00a0>\u00a01",
    "nps\u2028> 1",
    "нпс > 6",
    "nps > 6 \u202e and true",
    "nps > 6 \x00",
    "nps > 6 \ud800",
    "\ufeffnps > 6",
    "🙂 > 1",
    "contact." * 300 + "x > 1",
    "contact" + ".a" * 5000 + " == 1",
    "a." * 3000 + "b",
    "x(" + "a, " * 3000 + "a) > 1",
    "answered(" * 40 + "nps" + ")" * 40,
    "days_since(contact.last_order) > 999999999999999",
    "days_since(contact.last_order) * 999999999999999 * 999999999999999 > 1",
    "lower(lower(lower(comment))) == lower(comment)",
    "count(reasons) / (count(reasons) - count(reasons)) > 0",
    'role == "' + "x" * 10_000 + '"',
    "role == 1" + " or role == 2" * 2000,
    "nps <= 6 and" * 300,
    "== == ==",
    "nps = = 6",
    "1 < 2 < 3 < 4",
    "nps >= -0",
    "nps > -999999999999999 - 999999999999999",
    "true == false == true",
    "not",
    "in in in",
    "[],[],[]",
    "()",
    "(,)",
    "[,]",
    "nps in []",
    'nps in [1, "a"]',
    "max()",
    "abs(1, 2)",
    "days_since()",
    "vip < true",
    "-true > 1",
    "-vip",
    "-comment > 1",
    '-"text" > 1',
    "not nps",
    '"a" + 1 > 0',
    "reasons + 1 > 0",
    "contact.last_order + 1 > 0",
    "\t\n\r\v\f",
    " " * 10_000,
    "",
    "#",
    "nps > 6 # comment",
    "nps >\n 6",
    "nps > 6; import os",
    "__import__('os').system('true')",
    "nps.__class__ == 1",
    "().__class__",
    "{}",
    "{nps}",
    "$nps > 1",
)

# --- mutations of the ready scripts ----------------------------------------------------------

KEYS = (
    "schema_version",
    "id",
    "title",
    "languages",
    "intro",
    "consent",
    "closing",
    "questions",
    "type",
    "text",
    "note",
    "options",
    "code",
    "key",
    "label",
    "show_if",
    "skip",
    "if",
    "to",
    "screen_out",
    "scale",
    "min",
    "max",
    "labels",
    "rows",
    "special",
    "randomize",
    "anchor",
    "exclusive",
    "other",
    "required",
    "max_choices",
    "min_choices",
    "integer",
    "max_length",
    "alerts",
    "kind",
    "message",
    "contact_fields",
    "values",
    "special_codes",
    "dont_know",
    "refused",
    "ru",
    "en",
    "<<",
    "? ",
    "",
)

HUGE_NUMBERS = (
    "9" * 16,
    "9" * 400,
    "1" * 5000,
    "-" + "9" * 4400,
    "1e400",
    "-1e400",
    "1e308",
    ".inf",
    "-.inf",
    ".nan",
    "-0",
    "0x" + "f" * 60,
    "0o" + "7" * 60,
    "1_000",
    "99999999999999",
    "-99999999999999",
    "0.0000000001",
    "999999999999999.9",
    '"' + "9" * 30 + '"',
    '"1e300"',
    '"inf"',
    '"nan"',
)

ODD_UNICODE = (
    "\u200b",  # zero-width space
    "\u202e",  # right-to-left override
    "\ufeff",  # a BOM inside the text
    "\u0301",  # a combining accent
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x85",  # next line
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    "\U0001f600",  # an emoji
    "\x1b",  # escape
    "\x07",  # bell
    "\r",
    "\t",
    "\x00",
    "\ud800",  # a lone surrogate: invalid UTF-8 once encoded
    "ｉｄ",  # full-width letters
    "і",  # Ukrainian i, looks like a latin i
    "с",  # Cyrillic es, looks like a latin c
    "²",
    "١",
    "\U000e0001",  # a language tag character
    "\ufffd",
    "\uffff",
)

TYPE_SWAPS = (
    "[]",
    "{}",
    "null",
    "~",
    "true",
    "-1",
    "0",
    "[1, 2]",
    "{ru: x}",
    "{ru: x, en: y, de: z}",
    '"text"',
    "''",
    "!!binary aGk=",
    "!!python/object/apply:os.system ['true']",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom x",
    "2026-12-04",
    "12:30",
    "|\n  block",
    ">-",
    "&anchor value",
    "*undefined",
    "? complex\n: key",
    "[" * 40 + "]" * 40,
)

QUESTION_TYPES = ("single", "multi", "nps", "rating", "grid", "numeric", "open", "info", "bogus")

EDGE_CONDITIONS = (  # valid anywhere (no names), so the script still loads and simulates
    "1 / 0 > 1",
    "0 / 0 == 0",
    "-(1 / 0) < 0",
    "999999999999999 " + "* 999999999999999 " * 25 + "> 1",
    "999999999999999.9 " + "* 999999999999999.9 " * 25 + "> 1",
    "999999999999999 " + "* 999999999999999 " * 25 + "/ 3 > 1",
    "abs(-999999999999999 * 999999999999999) > max(1 / 0, 2)",
    "min(999999999999999 * 999999999999999 * 999999999999999, 1) < 2",
    "0.1 + 0.2 == 0.3",
    "not (1 / 0 > 1)",
    "1 / 0 > 1 or true",
    "1 / 0 > 1 and false",
    "(" * 20 + "true" + ")" * 20,
    "not " * 30 + "true",
    "1 " + "+ 1 " * 30 + "> 1",
)

_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_<?][\w]*)(:)", re.MULTILINE)
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_VALUE = re.compile(r"^(\s*(?:- )?[\w]+: )(.+)$", re.MULTILINE)
_CONDITION = re.compile(r"^(\s*(?:- )?(?:show_if|if): ).*$", re.MULTILINE)
_TYPE = re.compile(r"^(\s*type: )(\w+)$", re.MULTILINE)
_LIMITS = re.compile(r"^(\s*(?:min|max|max_choices|min_choices|max_length): )(.+)$", re.MULTILINE)

Mutation = Callable[[random.Random, str], str]


def _pick(rng: random.Random, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return rng.choice(found) if found else None


def _replace(text: str, match: re.Match[str], group: int, new: str) -> str:
    return text[: match.start(group)] + new + text[match.end(group) :]


def delete_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    del lines[at : at + rng.randint(1, 3)]
    return "".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    run = lines[at : at + rng.randint(1, 8)]
    where = at if rng.random() < 0.7 else rng.randrange(len(lines))
    return "".join(lines[:where] + run + lines[where:])


def swap_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "".join(lines)


def shift_indent(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    line = lines[at]
    if rng.random() < 0.5:
        lines[at] = rng.choice((" ", "  ", "\t", "    " * 3)) + line
    else:
        lines[at] = line[rng.randint(1, 4) :] if line.startswith(" ") else line
    return "".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text))]


def rename_key(rng: random.Random, text: str) -> str:
    match = _pick(rng, _KEY, text)
    if match is None:
        return text
    key = match.group(2)
    new = rng.choice(
        (
            rng.choice(KEYS),
            key[:-1],
            key + key[-1],
            key.upper(),
            key.replace("c", "с").replace("o", "о"),  # Cyrillic lookalikes
            key + "\u200b",
            f'"{key}"',
            f"{key} ",
        )
    )
    return _replace(text, match, 2, new)


def deep_nesting(rng: random.Random, text: str) -> str:
    depth = rng.choice((5, 31, 33, 200, 1000, 3000))
    match = _pick(rng, _VALUE, text)
    if match is None or rng.random() < 0.3:
        block = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "x: 1\n"
        return text + "nested:\n" + "".join("  " + line + "\n" for line in block.splitlines())
    value = match.group(2)
    if rng.random() < 0.5:
        return _replace(text, match, 2, "[" * depth + value + "]" * depth)
    return _replace(text, match, 2, "{a: " * depth + "1" + "}" * depth)


def huge_number(rng: random.Random, text: str) -> str:
    match = _pick(rng, _NUMBER, text) if rng.random() < 0.6 else _pick(rng, _LIMITS, text)
    if match is None:
        return text
    group = 0 if match.re is _NUMBER else 2
    return _replace(text, match, group, rng.choice(HUGE_NUMBERS))


def odd_unicode(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(ODD_UNICODE) + text[at:]
    return text


def swap_type(rng: random.Random, text: str) -> str:
    if rng.random() < 0.3:
        match = _pick(rng, _TYPE, text)
        if match is not None:
            return _replace(text, match, 2, rng.choice(QUESTION_TYPES))
    match = _pick(rng, _VALUE, text)
    if match is None:
        return text
    return _replace(text, match, 2, rng.choice(TYPE_SWAPS))


def hostile_condition(rng: random.Random, text: str) -> str:
    match = _pick(rng, _CONDITION, text)
    if match is None:
        return text
    pool = EDGE_CONDITIONS if rng.random() < 0.5 else HOSTILE_EXPRESSIONS
    expression = rng.choice(pool)
    quoted = "'" + expression.replace("'", "''") + "'"
    return text[: match.start()] + match.group(1) + quoted + text[match.end() :]


def edge_limits(rng: random.Random, text: str) -> str:
    """Ranges a script may still load with: the corners of what simulate must handle."""
    match = _pick(rng, _LIMITS, text)
    if match is None:
        return text
    value = rng.choice(
        ("0", "1", "-1", "0.5", "-0.5", "999999999999999", "-999999999999999", "100", "1.5")
    )
    return _replace(text, match, 2, value)


def add_aliases(rng: random.Random, text: str) -> str:
    kind = rng.randrange(4)
    if kind == 0:  # billion laughs
        bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        for i in range(1, rng.choice((3, 6, 9))):
            name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
            bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        return text + bomb
    if kind == 1:  # a value that contains itself
        return text + rng.choice(("loop: &x [*x]\n", "loop: &x {a: *x}\n", "&x [*x]\n"))
    match = _pick(rng, _VALUE, text)
    if match is None:
        return text
    if kind == 2:  # an anchor and a later alias to it
        text = _replace(text, match, 2, "&shared " + match.group(2))
        later = _pick(rng, _VALUE, text[match.end() :])
        if later is None:
            return text
        offset = match.end()
        return text[: offset + later.start(2)] + "*shared" + text[offset + later.end(2) :]
    return _replace(text, match, 2, "*nowhere")


TEXT_MUTATIONS: tuple[Mutation, ...] = (  # the hostile kinds twice: they find more
    delete_lines,
    duplicate_lines,
    swap_lines,
    shift_indent,
    truncate,
    rename_key,
    odd_unicode,
    swap_type,
    *(deep_nesting, huge_number, hostile_condition, edge_limits, add_aliases) * 2,
)


def flip_bytes(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    return bytes(data)


def mutated_script(case: int) -> tuple[str, bytes]:
    """Case ``case`` of the corpus: which ready script it mutates, and the mutated bytes."""
    rng = random.Random(case)
    name = sorted(READY)[case % len(READY)]
    text = READY[name]
    for _ in range(rng.choice((1, 1, 2, 3))):
        text = rng.choice(TEXT_MUTATIONS)(rng, text)
    raw = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:
        raw = flip_bytes(rng, raw)
    return name, raw


# --- a time bound per case -------------------------------------------------------------------


class Hung(Exception):
    """Raised inside a case that runs past its time bound."""


@contextlib.contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Fail a case that runs longer than ``seconds`` instead of hanging the suite (a timer
    signal where the platform has one, handing the timer back to pytest-timeout after;
    elsewhere the case is timed after the fact)."""

    def expire(signum: int, frame: object) -> None:
        # Raised inside a garbage collector callback, the exception is only printed: try
        # again soon until it lands in the case itself.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise Hung(f"still running after {seconds} s")

    started = time.perf_counter()
    if hasattr(signal, "setitimer"):
        previous = signal.signal(signal.SIGALRM, expire)
        outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:
                spent = time.perf_counter() - started
                signal.setitimer(signal.ITIMER_REAL, max(outer - spent, 0.001))
    else:  # pragma: no cover - Windows
        yield
    elapsed = time.perf_counter() - started
    if elapsed > seconds:
        raise Hung(f"took {elapsed:.1f} s, more than {seconds} s")


@contextlib.contextmanager
def no_crash(case: str) -> Iterator[None]:
    """Report an exception escaping a case as a short failure naming the case (pytest's
    own report of a RecursionError or an interrupted hang is thousands of lines, if any)."""
    try:
        yield
    except AssertionError:
        raise
    except Exception as error:  # the finding: anything but the expected errors
        frames = "".join(traceback.format_exception(error, limit=-8))
        pytest.fail(f"{case}: {type(error).__name__}: {error}\n{frames}", pytrace=False)


# --- names and values for hostile conditions ---------------------------------------------------

TYPES: dict[str, ValueType] = {
    "nps": NUMBER,
    "comment": TEXT,
    "vip": BOOL,
    "role": ValueType(
        Kind.CHOICE, "role", codes=frozenset({1, 2, 3}), keys=frozenset({"owner", "buyer"})
    ),
    "reasons": ValueType(
        Kind.CHOICES, "reasons", codes=frozenset({1, 2}), keys=frozenset({"price", "quality"})
    ),
    "contact.last_order": DATE,
}


class Types:
    def type_of(self, name: Name) -> ValueType:
        if name.dotted not in TYPES:
            raise ExpressionError(f"unknown name '{name.dotted}'", name.offset)
        return TYPES[name.dotted]


@dataclass(frozen=True)
class Values:
    """Every name holds ``value``: data of any type, as a damaged database might hold."""

    value: object

    def value_of(self, name: Name) -> object:
        return self.value

    def status_of(self, name: Name) -> Status:
        return "missing" if self.value is UNKNOWN else "answered"

    def today(self) -> date:
        return date(2026, 12, 4)


HOSTILE_VALUES: tuple[object, ...] = (
    UNKNOWN,
    0,
    -0.0,
    7,
    math.inf,
    -math.inf,
    math.nan,
    10**400,
    -(10**400),
    sys.float_info.max,
    5e-324,
    True,
    "",
    "текст",
    "2026-13-45",
    "2023-01-15",
    date(1, 1, 1),
    datetime(9999, 12, 31, 23, 59),
    Choice(1, "owner"),
    Choice(10**400),
    frozenset({Choice(1, "price"), Choice(2)}),
    frozenset(),
    (1, "a", None),
    [math.nan],
    {"a": 1},
    None,
    object(),
)
