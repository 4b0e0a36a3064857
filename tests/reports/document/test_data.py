"""Question roles are found in the script, can be overridden, and bad input is explained."""

from __future__ import annotations

import dataclasses

import pytest

from reports.data import multi_matrix, question_roles, validate
from reports.errors import ReportInputError
from surveys.model import MultipleChoice
from tests.reports.document.synthetic import load_b2b_script, make_study


def test_roles_of_the_ready_b2b_script_are_the_declared_ones() -> None:
    roles = question_roles(load_b2b_script())
    assert (roles.nps, roles.satisfaction, roles.importance, roles.csi_overall) == (
        "nps",
        "csi",
        "importance",
        "overall",
    )
    assert "nps_detractor_why" in roles.open_answers


def test_roles_can_be_overridden_and_unknown_roles_are_refused() -> None:
    script = load_b2b_script()
    assert question_roles(script, {"importance": None}).importance is None
    with pytest.raises(ReportInputError, match="unknown question roles"):
        question_roles(script, {"loyalty": "nps"})
    with pytest.raises(ReportInputError, match="is a single question"):
        question_roles(script, {"nps": "role"})


def test_a_script_with_neither_nps_nor_overall_satisfaction_is_explained() -> None:
    script = load_b2b_script()
    with pytest.raises(ReportInputError, match="role nps or csi_overall"):
        question_roles(script, {"nps": None, "csi_overall": None})


def test_missing_columns_are_named() -> None:
    data = make_study(0.2)
    with pytest.raises(ReportInputError, match="segment"):
        validate(dataclasses.replace(data, responses=data.responses.drop(columns="segment")))
    with pytest.raises(ReportInputError, match=r"csi\.price"):
        validate(dataclasses.replace(data, responses=data.responses.drop(columns="csi.price")))
    with pytest.raises(ReportInputError, match="breakdown attribute 'branch'"):
        validate(dataclasses.replace(data, breakdowns=("branch",)))


def test_multiple_choice_accepts_lists_and_zero_one_columns() -> None:
    data = make_study(0.2)
    script = data.script
    competitors = script.by_id["competitors"]
    source = script.by_id["source"]
    assert isinstance(competitors, MultipleChoice) and isinstance(source, MultipleChoice)
    as_lists = multi_matrix(data.responses, competitors)
    as_columns = multi_matrix(data.responses, source)
    assert as_lists is not None and as_columns is not None
    first = data.responses["competitors"].iloc[0]
    assert [c for c in as_lists.columns if as_lists.iloc[0][c] == 1] == first
    assert as_columns[2].sum() == data.responses["source.2"].sum()
