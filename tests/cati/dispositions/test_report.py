"""Tables behind `cati rates`: overall and by segment, text and JSON."""

from __future__ import annotations

import json

import pytest

from cati.dispositions import (
    CategoryMap,
    UnknownDispositionCode,
    format_rates_text,
    rates_report,
    report_to_dict,
    response_rates,
)

CASES = [
    ("new", "1.1"),
    ("new", "1.1"),
    ("new", "2.112"),
    ("new", "3.13"),
    ("lost", "1.1"),
    ("lost", "2.21"),
    ("lost", "4.32"),
    ("lost", "4.51"),
    (None, "3.12"),  # a contact without a segment counts only overall
]


def test_rates_overall_and_by_segment_with_the_counts_behind_them() -> None:
    report = rates_report(CASES)
    assert [s.segment for s in report.segments] == ["new", "lost"]
    assert report.overall.counts.total == len(CASES)
    assert report.overall.codes == {"1.1": 3, "2.112": 1, "2.21": 1, "3.12": 1, "3.13": 1,
                                    "4.32": 1, "4.51": 1}  # fmt: skip
    new = report.segments[0]
    assert (new.counts.I, new.counts.R, new.counts.UH) == (3 - 1, 1, 1)
    assert new.rates["RR1"].value == pytest.approx(2 / 4)


def test_one_estimated_e_is_shared_by_all_segments_by_default() -> None:
    report = rates_report(CASES)
    # resolved: 5 eligible (I=3, R=1, NC=1) and 2 not eligible
    assert report.e == pytest.approx(5 / 7)
    assert report.e_basis == "estimated overall"
    for part in report.segments:
        assert part.rates.e == pytest.approx(5 / 7)


def test_e_can_be_given_or_estimated_per_segment() -> None:
    assert rates_report(CASES, e=0.4).segments[0].rates.e == 0.4
    per_segment = rates_report(CASES, e_per_segment=True)
    assert per_segment.e_basis == "estimated per segment"
    assert per_segment.segments[0].rates.e == pytest.approx(1.0)  # new: nothing ineligible
    assert per_segment.segments[1].rates.e == pytest.approx(2 / 4)


def test_the_study_category_map_is_applied() -> None:
    b2b = rates_report(CASES, CategoryMap.b2b())
    assert b2b.overall.counts.NE == 1
    assert b2b.overall.counts.UO == 1


def test_an_unknown_code_is_reported_with_the_code() -> None:
    with pytest.raises(UnknownDispositionCode, match=r"'5\.5'"):
        rates_report([("new", "5.5")])


def test_the_json_form_is_strict_json_and_matches_the_rates() -> None:
    report = rates_report([*CASES, ("empty", "4.20")])
    data = report_to_dict(report, language="en")
    text = json.dumps(data, allow_nan=False)
    again = json.loads(text)
    overall = again["overall"]
    assert overall["rates"]["RR1"]["value"] == response_rates(report.overall.counts)["RR1"].value
    assert overall["counts"]["I"] == 3
    empty = again["segments"][-1]
    assert empty["segment"] == "empty"
    assert empty["rates"]["RR1"]["value"] is None
    assert empty["rates"]["RR1"]["reason"] == "no cases in the denominator"


def test_undefined_e_is_null_in_json_and_explained_in_text() -> None:
    report = rates_report([("a", "3.13")])
    data = report_to_dict(report)
    json.dumps(data, allow_nan=False)
    assert data["overall"]["rates"]["RR3"]["denominator"] is None
    text = format_rates_text(report, "en")
    assert "e cannot be estimated" in text


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_text_table_has_aligned_columns_and_percentages(language: str) -> None:
    text = format_rates_text(rates_report(CASES), language)
    lines = text.splitlines()
    rate_lines = [line for line in lines if line.startswith(("RR", "COOP", "REF", "CON"))]
    assert len(rate_lines) == 16
    assert len({len(line) for line in rate_lines}) == 1  # right-aligned columns
    assert "%" in rate_lines[0]
    header = "Показатель" if language == "ru" else "Rate"
    assert any(line.startswith(header) for line in lines)
    assert ("Всего" if language == "ru" else "Total") in text
    assert "new" in text and "lost" in text
