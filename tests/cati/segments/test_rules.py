"""Segment rules: the script language's conditions over contact fields, typed by the import."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from cati.segments.rules import (
    ContactFieldTypes,
    ContactValues,
    SegmentMatcher,
    compile_rule,
    count_kinds,
    merge_kind_counts,
)
from surveys.errors import ExpressionError
from surveys.expressions import evaluate_condition

TYPES = ContactFieldTypes(
    attribute_kinds={
        "last_order": "date",
        "first_order": "date",
        "orders_per_year": "number",
        "revenue": "number",
        "product": "text",
        "decision_role": "text",
    },
    labels={"last_order": "Дата последнего заказа"},
)
TODAY = date(2024, 6, 1)


def holds(rule: str, **fields: object) -> bool:
    return evaluate_condition(compile_rule(rule, TYPES), ContactValues(fields, TYPES, TODAY))


@pytest.mark.parametrize(
    ("rule", "fields", "expected"),
    [
        ("days_since(last_order) > 365", {"last_order": "2023-05-01"}, True),
        ("days_since(last_order) > 365", {"last_order": date(2024, 5, 1)}, False),
        ("days_since(first_order) <= 365", {"first_order": "2024-01-10"}, True),
        ("orders_per_year >= 12", {"orders_per_year": 12}, True),
        ("orders_per_year >= 12", {"orders_per_year": 11.5}, False),
        ('position in ["Генеральный директор", "CEO"]', {"position": "CEO"}, True),
        ('position in ["Генеральный директор", "CEO"]', {"position": "Бухгалтер"}, False),
        ('region == "Москва"', {"region": "Москва"}, True),
        ('"труб" in lower(product)', {"product": "Трубы стальные"}, True),
        ('revenue >= 10000000 and decision_role == "ЛПР"',
         {"revenue": 15_000_000, "decision_role": "ЛПР"}, True),
        ('revenue >= 10000000 and decision_role == "ЛПР"',
         {"revenue": 15_000_000, "decision_role": "Влияет"}, False),
        ('contact.region == "Москва"', {"region": "Москва"}, True),
    ],
)  # fmt: skip
def test_domain_segment_rules_evaluate_over_contact_fields(
    rule: str, fields: dict[str, object], expected: bool
) -> None:
    assert holds(rule, **fields) is expected


def test_missing_and_mistyped_values_are_unknown_so_the_rule_is_false() -> None:
    assert not holds("revenue >= 1", revenue="н/д")
    assert not holds("not (revenue >= 1)", revenue="н/д")
    assert not holds("days_since(last_order) > 1", last_order="давно")
    assert not holds('region != "Москва"', region="")
    assert not holds("orders_per_year >= 0")


def test_text_fields_compare_numbers_written_in_them_as_text() -> None:
    assert holds('product == "123"', product=123)


def test_an_unknown_field_names_the_known_ones_with_a_suggestion() -> None:
    with pytest.raises(ExpressionError) as raised:
        compile_rule("days_since(last_ordr) > 365", TYPES)
    message = raised.value.message
    assert message.startswith("unknown contact field 'last_ordr' (did you mean 'last_order'?)")
    assert "company, decision_role, email, first_order, last_order, name" in message
    assert raised.value.offset == 11


def test_before_any_import_only_the_fixed_fields_are_known() -> None:
    with pytest.raises(ExpressionError, match="import the call list first"):
        compile_rule("orders_per_year > 1", ContactFieldTypes())


def test_types_are_checked_when_the_rule_is_defined() -> None:
    with pytest.raises(ExpressionError, match="cannot compare revenue"):
        compile_rule('revenue >= "много"', TYPES)
    with pytest.raises(ExpressionError, match="a condition must be true or false"):
        compile_rule("revenue", TYPES)
    with pytest.raises(ExpressionError, match="rule is empty"):
        compile_rule("  ", TYPES)


def test_the_type_of_an_attribute_is_the_kind_most_of_its_values_had() -> None:
    counts: dict[str, Counter[str]] = {}
    for attributes in (
        {"revenue": 1, "last_order": date(2024, 1, 1), "note": "a", "empty": None},
        {"revenue": 2.5, "last_order": date(2024, 1, 2), "note": 5},
        {"revenue": "н/д", "last_order": "вчера"},
    ):
        count_kinds(counts, attributes)
    summary = {"attribute_kinds": {k: dict(v) for k, v in counts.items()}}
    assert merge_kind_counts([summary]) == {
        "revenue": "number",
        "last_order": "date",
        "note": "text",  # a tie is text
        "empty": "text",
    }


def test_the_first_matching_segment_wins_and_the_rest_go_to_other() -> None:
    matcher = SegmentMatcher(
        rules=(
            (1, compile_rule("revenue >= 1000", TYPES)),
            (2, compile_rule("revenue >= 10", TYPES)),
        ),
        fallback=3,
        types=TYPES,
        today=TODAY,
    )
    assert [matcher.segment_for({"revenue": r}) for r in (5000, 50, 5, None)] == [1, 2, 3, 3]
