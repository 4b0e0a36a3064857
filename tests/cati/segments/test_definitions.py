"""The segments file: every problem reported at once with its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from cati.db.segments import SegmentSpec
from cati.segments.definitions import (
    SegmentDefinitionError,
    parse_segment_definitions,
    read_segment_file,
)
from cati.segments.rules import ContactFieldTypes

TYPES = ContactFieldTypes(attribute_kinds={"last_order": "date", "orders_per_year": "number"})


def test_segments_are_read_in_order_and_other_is_added_last() -> None:
    text = (
        "- name: lost\n"
        "  rule: days_since(last_order) > 365\n"
        "  target: 40\n"
        "  population: 1250\n"
        "- {name: regular, rule: orders_per_year >= 12}\n"
    )
    assert parse_segment_definitions(text, "s.yaml", TYPES) == [
        SegmentSpec("lost", "days_since(last_order) > 365", 40, 1250),
        SegmentSpec("regular", "orders_per_year >= 12", 0, None),
        SegmentSpec("other", None, 0, None),
    ]


def test_an_explicit_other_keeps_its_target_and_goes_last() -> None:
    text = "segments:\n  - {name: other, target: 5}\n  - {name: a, rule: 'region == \"X\"'}\n"
    specs = parse_segment_definitions(text, "s.yaml", TYPES)
    assert [s.name for s in specs] == ["a", "other"]
    assert specs[1].target_completes == 5


def test_every_problem_is_reported_with_its_line_and_column() -> None:
    text = (
        "- name: lost\n"  # 1
        "  rule: days_since(last_ordr) > 365\n"  # 2
        "- name: lost\n"  # 3
        "  rule: orders_per_year >= 12\n"  # 4
        "- name: big\n"  # 5
        "  target: -3\n"  # 6
        "- name: other\n"  # 7
        "  rule: region == 'x'\n"  # 8
        "- rule: region == 'x'\n"  # 9
        "  quota: 5\n"  # 10
    )
    with pytest.raises(SegmentDefinitionError) as raised:
        parse_segment_definitions(text, "segments.yaml", TYPES)
    lines = str(raised.value).splitlines()
    assert lines == [
        "segments.yaml:2:20: unknown contact field 'last_ordr' (did you mean 'last_order'?); "
        "the known fields are: company, email, last_order, name, orders_per_year, position, "
        "region",
        "segments.yaml:3:9: the segment name 'lost' is used twice (first in segment 1)",
        "segments.yaml:5:3: segment 'big' needs a rule, e.g. rule: days_since(last_order) > 365",
        "segments.yaml:6:11: target must be a whole number of 0 or more, not -3",
        "segments.yaml:8:3: 'other' takes the contacts no rule matched, so it has no rule; "
        "remove the rule or give the segment another name",
        "segments.yaml:9:3: each segment needs a name (text), e.g. name: lost",
        "segments.yaml:10:3: unknown key 'quota'; "
        "a segment has name, rule, target, population, label",
    ]


@pytest.mark.parametrize("text", ["", "name: lost\n", "[]\n", "- just text\n"])
def test_a_file_that_is_not_a_list_of_segments_says_what_one_looks_like(text: str) -> None:
    with pytest.raises(SegmentDefinitionError) as raised:
        parse_segment_definitions(text, "s.yaml", TYPES)
    assert str(raised.value).startswith("s.yaml:")


def test_yaml_syntax_errors_are_located() -> None:
    with pytest.raises(SegmentDefinitionError, match=r"s\.yaml:2:"):
        parse_segment_definitions("- name: a\n\trule: x\n", "s.yaml", TYPES)


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(SegmentDefinitionError, match="cannot read the file"):
        read_segment_file(tmp_path / "missing.yaml")
    cp1251 = tmp_path / "cp1251.yaml"
    cp1251.write_bytes("- name: потерянные\n".encode("cp1251"))
    with pytest.raises(SegmentDefinitionError, match="not UTF-8"):
        read_segment_file(cp1251)


def test_a_segment_label_is_one_text_or_one_per_language() -> None:
    text = (
        "- {name: потерянные, rule: days_since(last_order) > 365,"
        " label: {ru: Ушедшие клиенты, en: Lost clients}}\n"
        "- {name: key, rule: orders_per_year >= 12, label: Key accounts}\n"
        "- {name: новые, rule: orders_per_year < 1, label: {en: New clients}}\n"
    )
    specs = parse_segment_definitions(text, "s.yaml", TYPES)
    assert [s.label for s in specs] == [
        {"ru": "Ушедшие клиенты", "en": "Lost clients"},
        {"ru": "Key accounts", "en": "Key accounts"},
        {"ru": "новые", "en": "New clients"},  # no Russian label: the name
        None,
    ]


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("{de: Verlorene}", "1:60: unknown language 'de'; a label has ru and en"),
        ("{en: 5}", "1:64: the en label must be text"),
        ("[a, b]", "1:59: a label is a text or one per language"),
    ],
)
def test_a_bad_segment_label_is_located(label: str, message: str) -> None:
    text = f"- {{name: lost, rule: days_since(last_order) > 365, label: {label}}}\n"
    with pytest.raises(SegmentDefinitionError) as caught:
        parse_segment_definitions(text, "s.yaml", TYPES)
    assert message in str(caught.value)
