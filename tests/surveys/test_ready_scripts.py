"""The ready scripts shipped in ``resources/scripts``: they load, their logic is exercised and
every screen reads correctly in Russian and English.

A research agency starts a study from these files, so a broken placeholder or a follow-up that
routing never reaches would be read aloud (or silently skipped) in real calls.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cati.cli import main
from surveys import (
    Answer,
    Closing,
    InterviewState,
    Screen,
    Script,
    answer,
    current_screen,
    load_script,
    load_script_text,
    screen_for,
)
from surveys.model import (
    CONSENT,
    CONSENT_YES,
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    SingleChoice,
)
from surveys.simulate import random_answer, simulate

SCRIPT_NAMES = ("b2b_nps_csi", "b2b_csi", "nps_pulse", "mystery_call")
TODAY = date(2025, 3, 14)
COMPANY = "ООО «Ромашка»"
PERSON = "Анна Сергеевна Ковалёва"
# A placeholder left unfilled, or a brace the piping did not consume.
UNFILLED = re.compile(r"[{}]")


def script_path(name: str) -> Path:
    return Path(str(resources.files("resources.scripts").joinpath(f"{name}.yaml")))


@pytest.fixture(scope="module")
def scripts() -> dict[str, Script]:
    return {name: load_script(script_path(name)) for name in SCRIPT_NAMES}


def contact(segment: str = "regular") -> dict[str, Any]:
    return {"company": COMPANY, "name": PERSON, "segment": segment, "position": "Директор"}


def state_for(segment: str = "regular", seed: int = 1) -> InterviewState:
    return InterviewState(contact=contact(segment), seed=seed, today=TODAY)


# --- driving an interview --------------------------------------------------------------


def plain_answer(question: QuestionBase) -> Answer:
    """A deterministic, valid, unremarkable answer (first option, top of the scale)."""
    if isinstance(question, InfoScreen):
        return Answer()
    if question.id == CONSENT:
        return Answer(CONSENT_YES)
    if isinstance(question, SingleChoice):
        first = question.options[0]
        return Answer(first.code, other="текст" if first.other else None)
    if isinstance(question, MultipleChoice):
        first = next(o for o in question.options if not o.exclusive)
        return Answer((first.code,), other="текст" if first.other else None)
    if isinstance(question, NpsQuestion):
        return Answer(10)
    if isinstance(question, RatingQuestion):
        return Answer(question.scale.max)
    if isinstance(question, GridQuestion):
        return Answer({row.id: question.scale.max for row in question.rows})
    if isinstance(question, NumericQuestion):
        return Answer(int(question.min or 0) + 1)
    if isinstance(question, OpenQuestion):
        return Answer("Всё устраивает")
    raise AssertionError(f"no plain answer for {question.id}")


def run(
    script: Script,
    state: InterviewState,
    given: Mapping[str, Answer],
    until: str | None = None,
) -> tuple[InterviewState, Screen | Closing, list[str], list[str]]:
    """Answer screen after screen (``given`` first, else a plain answer) until ``until`` is
    the current screen or the interview ends; return the state, the screen or closing, the
    screens passed and the kinds of alerts raised."""
    passed: list[str] = []
    alerts: list[str] = []
    for _ in range(10 * len(script.flow)):
        screen = current_screen(script, state)
        if isinstance(screen, Closing) or screen.question_id == until:
            return state, screen, passed, alerts
        passed.append(screen.question_id)
        question = script.question(screen.question_id)
        accepted = answer(
            script, state, screen.question_id, given.get(question.id, plain_answer(question))
        )
        alerts += [alert.kind for alert in accepted.alerts]
        state = accepted.state
    raise AssertionError("the interview did not end")


# --- loading, checking, simulating -------------------------------------------------------


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_ready_script_ships_as_package_data_and_loads(
    name: str, scripts: dict[str, Script]
) -> None:
    script = scripts[name]
    assert script.id == name
    assert script.languages == ["ru", "en"]
    assert script.schema_version == script.written_as == 2


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_cati_script_check_says_ok(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = script_path(name)
    assert main(["script", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_simulating_2000_interviews_reaches_every_question(
    name: str, scripts: dict[str, Script]
) -> None:
    report = simulate(scripts[name], 2000, seed=20250314, today=TODAY)
    assert report.never_reached == []
    assert set(report.reached) == {q.id for q in scripts[name].questions}


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_every_question_has_russian_and_english_wording(
    name: str, scripts: dict[str, Script]
) -> None:
    for question in scripts[name].flow:
        for text in (question.text, question.note):
            if text is not None:
                assert set(text) == {"ru", "en"}
                assert re.search("[а-яё]", text["ru"], re.IGNORECASE), (question.id, text)
                assert text["ru"] != text["en"], question.id


# --- every screen renders in both languages ----------------------------------------------


def rendered_texts(screen: Screen | Closing) -> list[str]:
    if isinstance(screen, Closing):
        return [screen.text, screen.reason or ""]
    texts = [screen.text, screen.note or "", screen.unit or ""]
    texts += [o.label for o in (*screen.options, *screen.specials)]
    texts += [r.label for r in screen.rows]
    texts += [p.label or "" for p in screen.scale]
    return texts


@pytest.mark.parametrize("name", SCRIPT_NAMES)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_screen_renders_without_unfilled_placeholders(
    name: str, lang: str, scripts: dict[str, Script]
) -> None:
    script = scripts[name]
    rng = random.Random(7)
    shown: set[str] = set()
    endings: set[str] = set()
    for i in range(60):
        segment = ("new", "regular", "lost")[i % 3]
        state = InterviewState(contact=contact(segment), seed=i, today=TODAY)
        for _ in range(10 * len(script.flow)):
            screen = current_screen(script, state, lang)
            for text in rendered_texts(screen):
                assert not UNFILLED.search(text), (screen, text)
            if isinstance(screen, Closing):
                endings.add(screen.status)
                assert screen.text
                break
            shown.add(screen.question_id)
            assert screen.text.strip()
            question = script.question(screen.question_id)
            given = random_answer(script, question, rng, special_rate=0.1)
            state = answer(script, state, screen.question_id, given, lang).state
    assert shown == {step.id for step in script.flow}
    assert {"complete", "refused"} <= endings


# --- piping ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_contact_fields_are_piped_in_cyrillic(name: str, scripts: dict[str, Script]) -> None:
    script = scripts[name]
    for lang in ("ru", "en"):
        intro = screen_for(script, state_for(), "_intro", lang)
        shown = f"{intro.text}\n{intro.note}"
        assert COMPANY in shown
        assert "\ufffd" not in shown


def test_b2b_intro_pipes_the_contact_and_company_in_cyrillic(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    intro = screen_for(script, state_for(), "_intro", "ru")
    assert intro.text.endswith(f"Подскажите, пожалуйста, {PERSON} на месте?")
    assert intro.note is not None
    assert intro.note.startswith(f"Компания: {COMPANY}. Контактное лицо: {PERSON}.")
    english = screen_for(script, state_for(), "_intro", "en")
    assert english.text.endswith(f"May I speak to {PERSON}, please?")
    _, closing, _, _ = run(script, state_for(), {})
    assert isinstance(closing, Closing)
    assert closing.status == "complete"
    assert closing.text.startswith("Большое спасибо за ваше время и ответы!")


def test_b2b_passive_follow_up_pipes_the_score(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    _, screen, _, _ = run(script, state_for(), {"nps": Answer(7)}, until="nps_passive_why")
    assert isinstance(screen, Screen)
    assert screen.text.startswith("Вы поставили оценку 7. Что должна изменить «Альфа»")
    state, _, _, _ = run(script, state_for(), {"nps": Answer(7)}, until="nps_passive_why")
    english = screen_for(script, state, "nps_passive_why", "en")
    assert english.text.startswith("You gave a score of 7.")


def test_nps_pulse_note_pipes_the_score(scripts: dict[str, Script]) -> None:
    script = scripts["nps_pulse"]
    _, screen, _, _ = run(script, state_for(), {"nps": Answer(3)}, until="nps_why")
    assert isinstance(screen, Screen)
    assert screen.note is not None and screen.note.startswith("Респондент ответил: 3.")


# --- B2B routing -------------------------------------------------------------------------

FOLLOW_UPS = {"nps_promoter_why", "nps_passive_why", "nps_detractor_why"}


@pytest.mark.parametrize(
    ("score", "follow_up"),
    [
        (10, "nps_promoter_why"),
        (9, "nps_promoter_why"),
        (8, "nps_passive_why"),
        (7, "nps_passive_why"),
        (6, "nps_detractor_why"),
        (0, "nps_detractor_why"),
    ],
)
def test_b2b_asks_the_follow_up_that_fits_the_score(
    score: int, follow_up: str, scripts: dict[str, Script]
) -> None:
    script = scripts["b2b_nps_csi"]
    _, closing, passed, _ = run(script, state_for(), {"nps": Answer(score)})
    assert isinstance(closing, Closing) and closing.status == "complete"
    assert FOLLOW_UPS & set(passed) == {follow_up}
    assert passed[passed.index("nps") + 1] == follow_up


def test_b2b_asks_no_nps_follow_up_after_dont_know(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    _, _, passed, alerts = run(script, state_for(), {"nps": Answer(special="dont_know")})
    assert not FOLLOW_UPS & set(passed)
    assert "detractor" not in alerts


def test_b2b_screens_out_a_contact_not_involved_in_purchasing(
    scripts: dict[str, Script],
) -> None:
    script = scripts["b2b_nps_csi"]
    role = script.by_id["role"]
    assert isinstance(role, SingleChoice)
    not_involved = next(o.code for o in role.options if o.key == "not_involved")
    _, closing, passed, _ = run(script, state_for(), {"role": Answer(not_involved)})
    assert isinstance(closing, Closing)
    assert closing.status == "screened_out"
    assert closing.reason == "Не участвует в закупках"
    assert passed[-1] == "role"
    assert "nps" not in passed


@pytest.mark.parametrize("segment", ["new", "regular", "lost"])
def test_b2b_segment_questions_go_only_to_their_segment(
    segment: str, scripts: dict[str, Script]
) -> None:
    script = scripts["b2b_nps_csi"]
    _, _, passed, _ = run(script, state_for(segment), {})
    assert ("new_choice_reason" in passed) == (segment == "new")
    assert ("lost_reasons" in passed) == (segment == "lost")
    assert ("lost_return" in passed) == (segment == "lost")


def test_b2b_lost_client_who_still_orders_is_not_asked_how_to_win_them_back(
    scripts: dict[str, Script],
) -> None:
    script = scripts["b2b_nps_csi"]
    _, _, passed, _ = run(script, state_for("lost"), {"lost_reasons": Answer((96,))})
    assert "lost_reasons" in passed and "lost_return" not in passed


def test_b2b_low_csi_asks_for_the_pain_points(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    grid = script.by_id["csi"]
    assert isinstance(grid, GridQuestion)
    low = {row.id: 5 for row in grid.rows} | {"documents": 2}
    _, _, low_path, _ = run(script, state_for(), {"csi": Answer(low)})
    _, _, high_path, _ = run(script, state_for(), {})
    assert "csi_pain" in low_path and "csi_pain" not in high_path


def test_b2b_share_of_purchases_is_skipped_for_single_sourcing(
    scripts: dict[str, Script],
) -> None:
    script = scripts["b2b_nps_csi"]
    _, _, only_us, _ = run(script, state_for(), {"competitors": Answer((96,))})
    _, _, with_others, _ = run(script, state_for(), {"competitors": Answer((1, 97), other="Омега")})
    assert "share" not in only_us and "share" in with_others


# --- alerts ------------------------------------------------------------------------------


def test_b2b_raises_detractor_problem_and_sales_lead_alerts(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    given = {
        "nps": Answer(4),
        "interest": Answer(2),  # a meeting with a manager
        "problem_contact": Answer(1),
        "problem_text": Answer("Третий месяц путают накладные"),
    }
    _, closing, passed, alerts = run(script, state_for(), given)
    assert isinstance(closing, Closing) and closing.status == "complete"
    assert alerts == ["detractor", "sales_lead", "problem"]
    assert {"problem_text", "contact_channel"} <= set(passed)


def test_b2b_happy_client_raises_no_alert(scripts: dict[str, Script]) -> None:
    script = scripts["b2b_nps_csi"]
    given = {"interest": Answer(4), "problem_contact": Answer(2)}
    _, _, passed, alerts = run(script, state_for(), given)
    assert alerts == []
    assert "problem_text" not in passed and "contact_channel" not in passed


def test_nps_pulse_raises_a_detractor_alert_only_for_0_to_6(scripts: dict[str, Script]) -> None:
    script = scripts["nps_pulse"]
    for score, expected in [(6, ["detractor"]), (7, []), (10, [])]:
        _, _, passed, alerts = run(script, state_for(), {"nps": Answer(score)})
        assert alerts == expected
        assert passed[-2:] == ["nps", "nps_why"]


def test_mystery_call_rude_employee_raises_a_problem_alert(scripts: dict[str, Script]) -> None:
    script = scripts["mystery_call"]
    _, closing, _, alerts = run(script, state_for(), {"politeness": Answer(1)})
    assert isinstance(closing, Closing) and closing.status == "complete"
    assert alerts == ["problem"]


def test_mystery_call_unanswered_call_goes_straight_to_the_comment(
    scripts: dict[str, Script],
) -> None:
    script = scripts["mystery_call"]
    _, closing, passed, alerts = run(script, state_for(), {"call_result": Answer(2)})
    assert passed[-2:] == ["call_result", "comment"]
    assert alerts == ["problem"]
    assert isinstance(closing, Closing) and closing.status == "complete"


def test_mystery_call_given_away_check_does_not_count(scripts: dict[str, Script]) -> None:
    script = scripts["mystery_call"]
    _, closing, _, _ = run(script, state_for(), {"legend_kept": Answer(2)})
    assert isinstance(closing, Closing)
    assert closing.status == "screened_out"
    assert closing.reason == "Проверка раскрыта"


def test_ready_scripts_round_trip_through_their_source_text(scripts: dict[str, Script]) -> None:
    for script in scripts.values():
        again = load_script_text(script.source_text, script.file)
        assert again.model_dump() == script.model_dump()


# --- declared roles ----------------------------------------------------------------------


def test_ready_scripts_declare_the_roles_their_reports_use(scripts: dict[str, Script]) -> None:
    full = scripts["b2b_nps_csi"].roles
    assert (full.nps, full.csi_overall, full.satisfaction, full.importance) == (
        "nps",
        "overall",
        "csi",
        "importance",
    )
    csi_only = scripts["b2b_csi"].roles
    assert csi_only.nps is None and csi_only.outcome == "overall"
    assert (csi_only.satisfaction, csi_only.importance) == ("csi", "importance")
    assert csi_only.improvement == ("overall_low_why",)
    assert scripts["nps_pulse"].roles.outcome == "nps"
    assert "politeness" in scripts["mystery_call"].roles.checklist
