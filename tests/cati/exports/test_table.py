"""The respondent table: variable names from question ids, codes, specials, weights."""

from __future__ import annotations

import math

import pytest

from cati.exports import ExportError, build_respondent_table
from cati.exports.variables import STATUS_CODES
from surveys import load_script_text
from tests.cati.exports.factory import PEOPLE, SCRIPT_TEXT, pure_results

SCRIPT = load_script_text(SCRIPT_TEXT)


def test_columns_are_named_after_question_ids_grid_rows_and_option_codes() -> None:
    table = build_respondent_table(pure_results(), SCRIPT)
    columns = list(table.data.columns)
    assert columns[:5] == ["respondent_id", "interview_id", "status", "segment", "language"]
    for name in (
        "nps",
        "csi_quality",
        "csi_support",
        "importance_price",
        "lost_reasons_1",
        "lost_reasons_97",
        "lost_reasons_other",
        "contact_channel_other",
        "comment",
    ):
        assert name in columns
    assert not any(c.startswith("_") for c in columns)  # no intro/consent columns


def test_answers_become_codes_with_specials_and_zero_one_multiple_choice() -> None:
    data = build_respondent_table(pure_results(), SCRIPT).data.set_index("interview_id")
    first = data.loc[1]
    assert first["nps"] == 3
    assert first["tenure"] == 98  # "don't know" keeps the script's code
    assert first["csi_manager"] == 98  # a grid row answered "don't know"
    assert first["csi_delivery"] == 1
    assert [first[f"lost_reasons_{c}"] for c in (1, 2, 3, 4, 5, 6, 96, 97)] == [
        1, 0, 1, 0, 0, 0, 0, 1,
    ]  # fmt: skip
    assert first["lost_reasons_other"] == "Ушли к «Бете»"
    assert first["contact_channel_other"] == "zakupki@romashka.ru"
    assert first["source_1"] == 98  # the whole multiple-choice question "don't know"
    assert first["comment"] == ""
    second = data.loc[2]
    assert math.isnan(second["lost_reasons_1"])  # not asked: empty, not 0
    assert second["source_2"] == 1 and second["source_1"] == 0
    third = data.loc[3]
    assert third["nps"] == 99  # refused
    assert math.isnan(third["overall"])


def test_complete_and_partial_interviews_are_marked_with_labelled_status_codes() -> None:
    table = build_respondent_table(pure_results(), SCRIPT, language="en")
    assert table.data["status"].tolist() == [
        STATUS_CODES["complete"],
        STATUS_CODES["complete"],
        STATUS_CODES["broken_off"],
    ]
    assert table.variable("status").value_labels[3] == "Partial (broken off)"
    assert table.variable("nps").missing == (98, 99)
    assert table.variable("nps").value_labels[99] == "Refused"
    assert table.variable("csi_quality").label.startswith("product quality: Please rate")


def test_weights_poststratify_completes_to_segment_populations_scaled_to_the_sample() -> None:
    table = build_respondent_table(pure_results(), SCRIPT, weights=True)
    weights = table.data.set_index("interview_id")["weight"]
    # lost 300 and regular 2000 clients, one complete each: w = n N_h / (N n_h), n = 2.
    assert weights[1] == pytest.approx(2 * 300 / 2300)
    assert weights[2] == pytest.approx(2 * 2000 / 2300)
    assert math.isnan(weights[3])  # a partial interview carries no weight
    assert any("new" in note for note in table.notes)


def test_weights_need_a_segment_for_every_complete_interview() -> None:
    results = pure_results()
    from dataclasses import replace

    broken = replace(
        results, interviews=(replace(results.interviews[0], segment=None), *results.interviews[1:])
    )
    with pytest.raises(ExportError, match="no segment"):
        build_respondent_table(broken, SCRIPT, weights=True)


def test_no_personal_data_without_include_contacts() -> None:
    table = build_respondent_table(pure_results(include_contacts=True), SCRIPT)
    text = table.data.to_csv() + table.paradata.to_csv()
    for company, name, phone, _email in PEOPLE:
        assert name not in text and phone not in text and company not in text
    assert "contact_name" not in table.data.columns


def test_include_contacts_adds_company_name_phone_and_email() -> None:
    table = build_respondent_table(
        pure_results(include_contacts=True), SCRIPT, include_contacts=True
    )
    first = table.data.iloc[0]
    assert (first["company"], first["contact_name"], first["phone"], first["email"]) == PEOPLE[0]


def test_paradata_has_attempts_outcome_duration_and_interviewer() -> None:
    paradata = build_respondent_table(pure_results(), SCRIPT, language="en").paradata
    first = paradata.iloc[0]
    assert first["attempts"] == 1
    assert first["final_disposition"] == "1.1"
    assert first["final_outcome"] == "Complete interview"  # AAPOR label in the export's language
    assert first["duration_seconds"] == 11 * 60
    assert first["interviewer"] == "anna"
    assert paradata.iloc[2]["completed_at"] == ""
