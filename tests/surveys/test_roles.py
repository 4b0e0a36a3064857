"""Question roles: declared in the script, checked with located messages, inferred once for
scripts written before roles existed (schema_version 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cati.cli import main
from surveys import ScriptError, load_script_text

HEAD = """\
schema_version: 2
id: roles
title: {ru: Роли, en: Roles}
languages: [ru, en]
intro:
  text: {ru: Здравствуйте!, en: Hello!}
consent:
  text: {ru: Можно задать вопросы, en: May I ask some questions}
closing:
  complete: {ru: Спасибо!, en: Thank you!}
  screened_out: {ru: Это все вопросы., en: Those were all my questions.}
  refused: {ru: Извините., en: Sorry.}
questions:
"""
NPS = """\
  - id: recommend
    type: nps
    role: nps
    text: {ru: Порекомендуете ли вы нас, en: Would you recommend us}
"""
OVERALL = """\
  - id: general
    type: rating
    role: csi_overall
    text: {ru: В целом вы довольны, en: Overall are you satisfied}
    scale: {min: 1, max: 5}
"""


def grid(qid: str, role: str | None, rows: tuple[str, ...] = ("price", "delivery")) -> str:
    lines = [f"  - id: {qid}", "    type: grid"]
    if role:
        lines.append(f"    role: {role}")
    lines += [
        "    text: {ru: Оцените, en: Rate}",
        "    scale: {min: 1, max: 5}",
        "    rows:",
        *(f"      - {{id: {r}, label: {{ru: пункт {r}, en: item {r}}}}}" for r in rows),
    ]
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(ScriptError) as caught:
        load_script_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_declared_roles_are_what_the_script_says() -> None:
    script = load_script_text(HEAD + NPS + OVERALL + grid("aspects", "satisfaction"))
    roles = script.roles
    assert (roles.nps, roles.csi_overall, roles.satisfaction, roles.importance) == (
        "recommend",
        "general",
        "aspects",
        None,
    )
    assert roles.outcome == "recommend"
    assert script.roles.role_of("general") == "csi_overall"


def test_a_csi_only_script_has_overall_satisfaction_as_its_outcome() -> None:
    script = load_script_text(HEAD + OVERALL + grid("aspects", "satisfaction"))
    assert script.roles.nps is None and script.roles.outcome == "general"


def test_an_unknown_role_names_its_place_and_the_closest_role() -> None:
    text = HEAD + grid("aspects", "satisfation")
    assert problems(text) == [
        "s.yaml:16:11: unknown role 'satisfation' (did you mean 'satisfaction'?); use one of "
        "nps, csi_overall, satisfaction, importance, checklist, comment, improvement"
    ]


def test_a_role_on_a_question_of_the_wrong_kind_is_refused() -> None:
    text = HEAD + OVERALL.replace("csi_overall", "satisfaction")
    assert problems(text) == [
        "s.yaml:16:11: role 'satisfaction' needs a grid question; 'general' is a rating question"
    ]


def test_nps_on_a_rating_needs_the_0_to_10_scale() -> None:
    text = HEAD + OVERALL.replace("csi_overall", "nps")
    assert problems(text) == [
        "s.yaml:16:11: role 'nps' needs the 0-10 recommendation scale; 'general' is rated 1-5 "
        "(use role csi_overall for an overall rating)"
    ]


def test_overall_satisfaction_needs_at_least_three_points() -> None:
    text = HEAD + OVERALL.replace("{min: 1, max: 5}", "{min: 1, max: 2}")
    assert problems(text) == [
        "s.yaml:16:11: role 'csi_overall' needs a scale of at least 3 points; 'general' is "
        "rated 1-2"
    ]


def test_a_unique_role_given_twice_points_at_the_second_and_names_the_first() -> None:
    text = HEAD + grid("aspects", "satisfaction") + grid("more", "satisfaction")
    assert problems(text) == [
        "s.yaml:24:11: role 'satisfaction' is already given to question 'aspects' (line 16); "
        "a script has one satisfaction question"
    ]


def test_importance_rows_must_match_the_satisfaction_grid() -> None:
    text = (
        HEAD + grid("aspects", "satisfaction") + grid("weights", "importance", ("price", "support"))
    )
    assert problems(text) == [
        "s.yaml:27:5: the importance grid 'weights' must rate the rows of the satisfaction "
        "grid 'aspects' (line 14): missing delivery; not in the satisfaction grid: support"
    ]


def test_importance_without_a_satisfaction_grid_is_refused() -> None:
    text = HEAD + grid("weights", "importance")
    assert problems(text) == [
        "s.yaml:16:11: role 'importance' rates the aspects of the satisfaction grid; give a "
        "grid role: satisfaction too"
    ]


def test_a_version_1_script_gets_the_roles_the_report_used_to_guess() -> None:
    old = HEAD.replace("schema_version: 2", "schema_version: 1")
    body = (
        NPS.replace("    role: nps\n", "")
        + grid("importance", None)
        + grid("sat_aspects", None)
        + "  - id: why\n    type: open\n    text: {ru: Почему, en: Why}\n"
    )
    script = load_script_text(old + body)
    roles = script.roles
    assert script.written_as == 1 and script.schema_version == 2
    assert (roles.nps, roles.satisfaction, roles.importance, roles.csi_overall) == (
        "recommend",
        "sat_aspects",
        "importance",
        None,
    )
    assert roles.open_answers == ("why",)


def test_a_version_1_importance_grid_with_other_rows_is_not_paired() -> None:
    old = HEAD.replace("schema_version: 2", "schema_version: 1")
    body = grid("csi", None) + grid("importance", None, ("price", "support"))
    script = load_script_text(old + body)
    assert (script.roles.satisfaction, script.roles.importance) == ("csi", None)


def test_cati_script_check_roles_lists_them_and_says_when_they_were_inferred(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(HEAD + OVERALL + grid("aspects", "satisfaction"), encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(
        HEAD.replace("schema_version: 2", "schema_version: 1") + NPS.replace("    role: nps\n", ""),
        encoding="utf-8",
    )
    assert main(["script", "check", "--roles", str(new), str(old)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{new}: ok"
    assert out[1] == "  csi_overall   general: overall satisfaction with the company"
    assert out[2] == "  satisfaction  aspects: satisfaction with each aspect of service"
    assert out[3] == f"{old}: ok"
    assert "inferred" in out[4] and "schema_version: 2" in out[4]
    assert out[5] == "  nps           recommend: the 0-10 recommendation question"


def test_importance_must_use_the_satisfaction_scale() -> None:
    text = (
        HEAD
        + grid("aspects", "satisfaction")
        + grid("weights", "importance").replace("max: 5", "max: 10")
    )
    assert problems(text) == [
        "s.yaml:26:5: the importance grid 'weights' must use the scale of the satisfaction "
        "grid 'aspects' (1-5), not 1-10"
    ]
