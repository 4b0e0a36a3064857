"""The condition language: parsing, load-time type checks, three-valued evaluation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

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
    ValueType,
    check_condition,
    evaluate,
    evaluate_condition,
    names_in,
    parse,
)

TYPES = {
    "nps": NUMBER,
    "comment": TEXT,
    "role": ValueType(
        Kind.CHOICE, "role", codes=frozenset({1, 2, 3}), keys=frozenset({"owner", "buyer"})
    ),
    "reasons": ValueType(
        Kind.CHOICES, "reasons", codes=frozenset({1, 2}), keys=frozenset({"price", "quality"})
    ),
    "contact.segment": ValueType(
        Kind.TEXT, "contact.segment", values=frozenset({"new", "regular", "lost"})
    ),
    "contact.last_order": DATE,
    "vip": BOOL,
}


class Scope:
    def type_of(self, name: Name) -> ValueType:
        if name.dotted not in TYPES:
            raise ExpressionError(f"unknown name '{name.dotted}'", name.offset)
        return TYPES[name.dotted]


@dataclass
class Values:
    values: dict[str, object] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)

    def value_of(self, name: Name) -> object:
        return self.values.get(name.dotted, UNKNOWN)

    def status_of(self, name: Name):  # type: ignore[no-untyped-def]
        return self.statuses.get(name.dotted, "missing")

    def today(self) -> date:
        return date(2026, 11, 23)


def holds(text: str, **values: object) -> bool:
    node = parse(text)
    check_condition(node, Scope())
    return evaluate_condition(node, Values({k.replace("__", "."): v for k, v in values.items()}))


def test_precedence_follows_python_not_before_and_before_or() -> None:
    assert holds("nps <= 6 or nps >= 9 and vip", nps=3, vip=False)
    assert not holds("(nps <= 6 or nps >= 9) and vip", nps=3, vip=False)
    assert holds("not nps > 6 and vip", nps=3, vip=True)


def test_arithmetic_and_unary_minus() -> None:
    assert holds("nps * 2 - 1 == 19", nps=10)
    assert holds("-nps < 0", nps=1)
    assert holds("nps / 0 == 1 or true", nps=1)  # a ratio over zero is unknown, not a crash


def test_choice_compares_with_code_and_key() -> None:
    role = Choice(1, "owner")
    assert holds('role == "owner"', role=role)
    assert holds("role == 1", role=role)
    assert holds("1 == role", role=role)
    assert holds('role in ["owner", "buyer"]', role=role)
    assert not holds("role in [2, 3]", role=role)
    assert holds("role != 2", role=role)


def test_multiple_choice_membership_by_key_or_code_and_count() -> None:
    reasons = frozenset({Choice(1, "price"), Choice(2, "quality")})
    assert holds('"price" in reasons', reasons=reasons)
    assert holds("2 in reasons", reasons=reasons)
    assert not holds('"price" not in reasons', reasons=reasons)
    assert holds("count(reasons) == 2 and len(reasons) == 2", reasons=reasons)


def test_text_contains_and_lower() -> None:
    assert holds('"доставк" in lower(comment)', comment="Проблемы с ДОСТАВКОЙ")
    assert holds('contact.segment == "lost"', contact__segment="lost")


def test_days_since_reads_dates_and_iso_text() -> None:
    assert holds("days_since(contact.last_order) > 365", contact__last_order=date(2024, 1, 1))
    assert holds("days_since(contact.last_order) == 2", contact__last_order="2026-11-21")
    assert not holds("days_since(contact.last_order) > 0", contact__last_order="not a date")


def test_unknown_values_follow_kleene_logic() -> None:
    # nps unanswered: both the comparison and its negation are not true
    assert not holds("nps <= 6")
    assert not holds("not (nps <= 6)")
    assert holds("nps <= 6 or vip", vip=True)
    assert not holds("nps <= 6 and vip", vip=True)
    assert evaluate(parse("nps <= 6 or vip"), Values({"vip": False})) is UNKNOWN
    assert evaluate(parse("nps <= 6 and vip"), Values({"vip": False})) is False


def test_status_functions_see_dont_know_and_refused() -> None:
    node = parse("dont_know(nps) or refused(nps)")
    check_condition(node, Scope())
    assert evaluate_condition(node, Values(statuses={"nps": "dont_know"}))
    assert evaluate_condition(node, Values(statuses={"nps": "refused"}))
    assert not evaluate_condition(node, Values(statuses={"nps": "answered"}))
    assert evaluate_condition(parse("answered(nps)"), Values(statuses={"nps": "answered"}))


def test_min_max_abs() -> None:
    assert holds("max(nps, 3) == 3 and min(nps, 3) == 1 and abs(-nps) == 1", nps=1)


def test_names_in_lists_every_reference() -> None:
    names = [
        n.dotted
        for n in names_in(parse('nps <= 6 and "price" in reasons or count(reasons) > contact.x'))
    ]
    assert names == ["nps", "reasons", "reasons", "contact.x"]


def test_a_type_mismatch_at_runtime_is_unknown_not_a_crash() -> None:
    node = parse("nps > 5")
    check_condition(node, Scope())
    assert evaluate(node, Values({"nps": "не число"})) is UNKNOWN


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("", "the condition is empty", 0),
        ("nps = 5", "use '==' to compare ('=' alone is not an operator)", 4),
        ("nps <= 6 && vip", "write 'and' instead of '&&'", 9),
        ("nps <= 6 || vip", "write 'or' instead of '||'", 9),
        ("!vip", "write 'not' instead of '!'", 0),
        ('comment == "abc', 'text starting here is not closed with "', 11),
        ("nps <= 6 and", "the condition ends too early: a value is missing", 12),
        ("1 < nps < 5", "comparisons cannot be chained; join them with 'and' (a < b and b < c)", 8),
        ("(nps <= 6", "expected ')' to close '(', found the end of the condition", 9),
        ("nps <= 6 vip", "unexpected 'vip'; a condition joins parts with 'and' / 'or'", 9),
        ("nps @ 3", "unexpected character '@'", 4),
        ("3abc > 1", "'3a' is not a number or a name", 0),
        ("contact. > 1", "expected a name after '.', found '>'", 9),
    ],
)
def test_syntax_errors_say_what_and_where(text: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        check_condition(parse(text), Scope())
    assert caught.value.message == message
    assert caught.value.offset == offset


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "nps",
            "a condition must be true or false, but this is number; compare it with "
            "something (for example: nps <= 6)",
        ),
        ('nps == "high"', "cannot compare number with text using '=='"),
        ('role == "boss"', 'role has no option with key "boss"; its keys are "buyer", "owner"'),
        ("role == 7", "role has no option with code 7; its codes are 1, 2, 3"),
        (
            '"prise" in reasons',
            'reasons has no option with key "prise"; its keys are "price", "quality"',
        ),
        (
            "reasons == 1",
            "reasons (multiple choice) holds several values and cannot be compared "
            "with '=='; use 'in' (\"price\" in reasons) or count(...)",
        ),
        (
            "3 in nps",
            "'in' needs a list, a multiple-choice question or text on the right, not number",
        ),
        (
            'contact.segment == "lsot"',
            '"lsot" is not one of the values declared for '
            'contact.segment: "lost", "new", "regular"',
        ),
        ("nps and vip", "'and' joins conditions (true or false), but one side is number"),
        ("days_since(nps) > 1", "days_since() needs date, not number"),
        ("count(nps) > 1", "count() needs multiple choice or list, not number"),
        ("answered(3)", "answered() takes a question name, like answered(nps)"),
        (
            "median(nps) > 1",
            "unknown function median(); known functions: abs, answered, count, "
            "days_since, dont_know, len, lower, max, min, refused",
        ),
        ("max(nps) > 1", "max() takes 2 to 10 arguments, not 1"),
        ('nps in [1, "a"]', "a list must hold only numbers or only texts, not both"),
        ("nps in []", "an empty list matches nothing"),
        ("vip < true", "cannot compare true/false with true/false using '<'"),
        ("nsp > 1", "unknown name 'nsp'"),
    ],
)
def test_type_errors_are_caught_at_load(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        check_condition(parse(text), Scope())
    assert caught.value.message == message


# --- arithmetic is total (surveys/FORMAT.md, "Arithmetic never fails") ---------------------


def value(text: str, **values: object) -> object:
    node = parse(text)
    check_condition(node, Scope())
    return evaluate(node, Values({k.replace("__", "."): v for k, v in values.items()}))


@pytest.mark.parametrize(
    "text",
    [
        "nps / 0 > 1",
        "nps / 0 <= 1",
        "0 / 0 == 0",
        "nps / (nps - nps) > 1",
        "999999999999999 " + "* 999999999999999 " * 21 + "> 1",  # past 1.8e308 as a whole
        "999999999999999.5 " + "* 999999999999999.5 " * 21 + "> 1",  # and as a decimal
        "999999999999999 " + "* 999999999999999 " * 21 + "/ 3 > 1",  # used to raise
        "-(999999999999999 " + "* 999999999999999 " * 21 + ") < 0",
        "abs(999999999999999 " + "* 999999999999999 " * 21 + ") > 0",
        "max(nps / 0, 1) > 0",
        "min(1, 999999999999999.5 " + "* 999999999999999.5 " * 21 + ") < 2",
    ],
)
def test_a_calculation_without_a_finite_result_is_unknown(text: str) -> None:
    assert value(text, nps=5) is UNKNOWN
    assert not holds(text, nps=5)
    assert not holds(f"not ({text})", nps=5)


def test_arithmetic_below_the_overflow_is_exact() -> None:
    assert holds(
        "999999999999999 * 999999999999999 - 999999999999999 * 999999999999998 == 999999999999999"
    )
    assert holds("999999999999999 " + "* 999999999999999 " * 19 + "> 1")  # about 1e300
    assert holds("nps / 4 == 1.25", nps=5)
    assert holds("3 == 3.0")


@pytest.mark.parametrize(
    "data", [math.inf, -math.inf, math.nan, 10**400, -(10**400), "не число", True, None]
)
def test_numbers_the_language_cannot_hold_are_unknown_in_the_data(data: object) -> None:
    for text in ("nps > 1", "nps <= 1", "nps == 1", "nps + 1 > 0", "-nps < 0", "abs(nps) > 0"):
        assert value(text, nps=data if data is not None else UNKNOWN) is UNKNOWN, text
    assert value("nps in [1, 2]", nps=math.nan) is UNKNOWN


def test_data_of_another_type_than_declared_is_unknown_in_every_function() -> None:
    assert value("count(reasons) > 1", reasons=7) is UNKNOWN
    assert value('lower(comment) == "a"', comment=7) is UNKNOWN
    assert value("days_since(contact.last_order) > 1", contact__last_order=7) is UNKNOWN
    assert value("max(nps, 1) > 1", nps="семь") is UNKNOWN
    assert value("min(nps, 1) > 1", nps=Choice(3)) is False  # an option counts as its code


def test_a_long_run_of_or_is_one_node_and_follows_kleene() -> None:
    text = " or ".join(f"nps == {i}" for i in range(300))  # 300 levels deep, were it nested
    assert holds(text, nps=299)
    assert not holds(text, nps=300)
    assert value(text) is UNKNOWN
    assert value("nps == 1 or true") is True
    assert value("nps == 1 and false") is False
    assert value("true and nps == 1 and true") is UNKNOWN


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("nps > ２", "unexpected character '２'", 6),
        ("nps > ²", "unexpected character '²'", 6),
        ("nps > 1e9", "write numbers out in full, like 1500000; conditions have no exponents", 6),
        (
            "nps > 1234567890123456",
            "this number has 16 digits before the decimal point; numbers in conditions have "
            "at most 15",
            6,
        ),
    ],
)
def test_numbers_are_ascii_digits_written_out_in_full(text: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


def test_fifteen_digits_and_long_decimals_are_numbers() -> None:
    assert holds("nps < 999999999999999", nps=5)
    assert holds("nps > 000000000000000000001.5", nps=5)
    assert holds("nps > 0." + "0" * 300 + "1", nps=5)
