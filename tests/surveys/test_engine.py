"""The interview engine: every question kind, routing, piping, order, going back, alerts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from surveys import (
    Answer,
    AnswerRejected,
    Closing,
    InterviewState,
    Screen,
    Script,
    answer,
    current_screen,
    previous,
    screen_for,
    walk,
)
from surveys.model import CONSENT, INTRO, RECORDING_CONSENT

OPENING = [(INTRO, Answer()), (CONSENT, Answer(1)), (RECORDING_CONSENT, Answer(1))]


def run(
    script: Script, state: InterviewState, *steps: tuple[str, Answer], lang: str = "ru"
) -> InterviewState:
    for question_id, given in steps:
        state = answer(script, state, question_id, given, lang).state
    return state


def screen(script: Script, state: InterviewState, lang: str = "ru") -> Screen:
    shown = current_screen(script, state, lang)
    assert isinstance(shown, Screen), shown
    return shown


def test_interview_opens_with_intro_then_consent_then_recording(
    all_kinds: Script, state: InterviewState
) -> None:
    first = screen(all_kinds, state)
    assert first.question_id == INTRO
    assert first.text == "Здравствуйте, Анна Смирнова!"
    assert first.note == "Говорите медленно."
    state = run(all_kinds, state, (INTRO, Answer()))
    consent = screen(all_kinds, state, "en")
    assert consent.question_id == CONSENT
    assert [o.label for o in consent.options] == ["Yes", "No"]
    state = run(all_kinds, state, (CONSENT, Answer(1)))
    assert screen(all_kinds, state).question_id == RECORDING_CONSENT


def test_refused_consent_ends_the_interview_as_refused(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, state, (INTRO, Answer()), (CONSENT, Answer(2)))
    end = current_screen(all_kinds, state, "en")
    assert isinstance(end, Closing)
    assert end.status == "refused"
    assert end.text == "Sorry to bother you."


def test_screen_out_ends_as_not_eligible_with_its_reason(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, state, *OPENING, ("role", Answer(3)))
    end = current_screen(all_kinds, state, "ru")
    assert isinstance(end, Closing)
    assert (end.status, end.reason) == ("screened_out", "Не участвует в закупках")


def test_single_choice_other_needs_its_text(all_kinds: Script, state: InterviewState) -> None:
    state = run(all_kinds, state, *OPENING)
    with pytest.raises(AnswerRejected) as caught:
        answer(all_kinds, state, "role", Answer(4), "ru")
    assert caught.value.reason == "other_text"
    assert caught.value.message == "Уточните ответ «Другое»."
    accepted = answer(all_kinds, state, "role", Answer(4, other="  закупщик  "), "ru")
    assert accepted.answer == Answer(4, other="закупщик")
    with pytest.raises(AnswerRejected, match="5 — нет такого варианта ответа"):
        answer(all_kinds, state, "role", Answer(5), "ru")


def test_numeric_range_whole_numbers_and_special(all_kinds: Script, state: InterviewState) -> None:
    state = run(all_kinds, state, *OPENING, ("role", Answer(1)))
    assert screen(all_kinds, state).question_id == "years"
    for given, reason in [
        ("abc", "not_a_number"),
        (2.5, "not_whole"),
        (-1, "below_min"),
        (51, "above_max"),
        (None, "required"),
    ]:
        with pytest.raises(AnswerRejected) as caught:
            answer(all_kinds, state, "years", Answer(given), "en")
        assert caught.value.reason == reason
    assert answer(all_kinds, state, "years", Answer("1 2"), "en").answer == Answer(12)
    assert answer(all_kinds, state, "years", Answer("7,0"), "en").answer == Answer(7)
    dont_know = answer(all_kinds, state, "years", Answer(special="dont_know"), "en")
    assert dont_know.answer == Answer(special="dont_know")
    with pytest.raises(AnswerRejected) as caught:
        answer(all_kinds, state, "years", Answer(special="refused"), "en")
    assert caught.value.message == "\u201cRefused\u201d is not allowed for this question."


def test_nps_accepts_0_to_10_and_routes_detractors_and_promoters(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, state, *OPENING, ("role", Answer(1)), ("years", Answer(3)))
    nps = screen(all_kinds, state, "en")
    assert nps.text == "Would you recommend ООО «Вектор»?"
    assert [p.value for p in nps.scale] == list(range(11))
    assert nps.scale[0].label == "Not at all likely"
    assert [s.special for s in nps.specials] == ["dont_know", "refused"]
    assert [s.code for s in nps.specials] == [98, 99]
    for bad in (11, -1, True, 5.5, "x"):
        with pytest.raises(AnswerRejected):
            answer(all_kinds, state, "nps", Answer(bad), "en")
    low = run(all_kinds, state, ("nps", Answer(4)))
    assert screen(all_kinds, low).question_id == "why_low"
    assert screen(all_kinds, low).text == "Почему 4?"
    high = run(all_kinds, state, ("nps", Answer(10)))
    assert screen(all_kinds, high).question_id == "why_high"
    middle = run(all_kinds, state, ("nps", Answer(8)))
    assert screen(all_kinds, middle).question_id == "reasons"
    unknown = run(all_kinds, state, ("nps", Answer(special="dont_know")))
    assert screen(all_kinds, unknown).question_id == "reasons"  # "don't know" is not <= 6


def _to_reasons(script: Script, state: InterviewState) -> InterviewState:
    return run(
        script, state, *OPENING, ("role", Answer(1)), ("years", Answer(3)), ("nps", Answer(8))
    )


def test_multiple_choice_limits_exclusive_and_other(
    all_kinds: Script, state: InterviewState
) -> None:
    state = _to_reasons(all_kinds, state)
    cases = [
        (Answer((1, 9)), "exclusive", "«Ничего» нельзя сочетать с другими вариантами."),
        (Answer((1, 2, 3, 4)), "too_many", "Выберите не больше 3."),
        (Answer((1, 1)), "repeated_option", "Вариант выбран дважды."),
        (Answer((1, 8)), "other_text", "Уточните ответ «Другое»."),
        (Answer(()), "required", "Нужен ответ."),
        (Answer((7,)), "not_an_option", "7 — нет такого варианта ответа."),
    ]
    for given, reason, text in cases:
        with pytest.raises(AnswerRejected) as caught:
            answer(all_kinds, state, "reasons", given, "ru")
        assert (caught.value.reason, caught.value.message) == (reason, text)
    accepted = answer(all_kinds, state, "reasons", Answer((3, 1)), "ru")
    assert accepted.answer == Answer((1, 3))  # stored in the script's order
    assert answer(all_kinds, state, "reasons", Answer((9,)), "ru").answer == Answer((9,))


def test_randomised_options_keep_anchors_and_the_seeded_order(
    all_kinds: Script, state: InterviewState
) -> None:
    state = _to_reasons(all_kinds, state)
    orders = set()
    for seed in range(30):
        shown = screen(all_kinds, replace(state, seed=seed))
        codes = tuple(o.code for o in shown.options)
        assert codes[-2:] == (8, 9)  # "other" and "nothing" are anchored at the end
        assert sorted(codes[:4]) == [1, 2, 3, 4]
        orders.add(codes)
        again = screen(all_kinds, replace(state, seed=seed))
        assert tuple(o.code for o in again.options) == codes  # a resumed interview: same order
    assert len(orders) > 5


def test_rating_show_if_on_multi_and_skip_forward(all_kinds: Script, state: InterviewState) -> None:
    state = _to_reasons(all_kinds, state)
    no_price = run(all_kinds, state, ("reasons", Answer((2,))))
    assert screen(all_kinds, no_price).question_id == "csi"
    price = run(all_kinds, state, ("reasons", Answer((1,))))
    rating = screen(all_kinds, price, "en")
    assert rating.question_id == "price_ok"
    assert [(p.value, p.label) for p in rating.scale] == [
        (1, "Poor"),
        (2, None),
        (3, None),
        (4, None),
        (5, "Excellent"),
    ]
    with pytest.raises(AnswerRejected, match="from 1 to 5"):
        answer(all_kinds, price, "price_ok", Answer(6), "en")
    skipped = answer(all_kinds, price, "price_ok", Answer(5), "en")
    assert isinstance(skipped.next, Screen) and skipped.next.question_id == "comment"
    assert skipped.next.text == "Any comment? You chose: Price."
    normal = answer(all_kinds, price, "price_ok", Answer(4), "en")
    assert isinstance(normal.next, Screen) and normal.next.question_id == "csi"


def test_grid_needs_every_row_and_keeps_special_codes_per_row(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, _to_reasons(all_kinds, state), ("reasons", Answer((2,))))
    grid = screen(all_kinds, state, "en")
    assert grid.question_id == "csi"
    assert {r.id for r in grid.rows} == {"quality", "delivery", "manager"}
    assert "ООО «Вектор» manager" in [r.label for r in grid.rows]
    with pytest.raises(AnswerRejected) as caught:
        answer(all_kinds, state, "csi", Answer({"quality": 5, "delivery": 4}), "en")
    assert caught.value.message == "Rate \u201cООО «Вектор» manager\u201d."
    with pytest.raises(AnswerRejected, match="Unknown row speed"):
        answer(
            all_kinds,
            state,
            "csi",
            Answer({"quality": 5, "delivery": 4, "manager": 3, "speed": 1}),
            "en",
        )
    with pytest.raises(AnswerRejected, match="from 1 to 5"):
        answer(all_kinds, state, "csi", Answer({"quality": 0, "delivery": 4, "manager": 3}), "en")
    accepted = answer(
        all_kinds,
        state,
        "csi",
        Answer({"quality": 5, "delivery": "dont_know", "manager": "3"}),
        "en",
    )
    assert accepted.answer.value == {"quality": 5, "delivery": "dont_know", "manager": 3}
    assert accepted.alerts == ()  # "don't know" about delivery is not a delivery problem


def test_info_screen_is_acknowledged_and_open_text_is_limited(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(
        all_kinds,
        _to_reasons(all_kinds, state),
        ("reasons", Answer((2,))),
        ("csi", Answer({"quality": 5, "delivery": 1, "manager": 3})),
    )
    info = screen(all_kinds, state)
    assert (info.question_id, info.kind, info.required) == ("info_next", "info", False)
    with pytest.raises(AnswerRejected):
        answer(all_kinds, state, "info_next", Answer(1))
    state = run(all_kinds, state, ("info_next", Answer()))
    with pytest.raises(AnswerRejected, match="не больше 200 знаков"):
        answer(all_kinds, state, "comment", Answer("а" * 201), "ru")
    done = answer(all_kinds, state, "comment", Answer("   "), "ru")  # optional: empty is fine
    assert isinstance(done.next, Closing)
    assert done.next.status == "complete"
    assert done.next.text == "Спасибо, Анна Смирнова!"


def test_alerts_are_raised_by_the_answer_they_depend_on(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, state, *OPENING, ("role", Answer(1)), ("years", Answer(3)))
    detractor = answer(all_kinds, state, "nps", Answer(3))
    assert [a.kind for a in detractor.alerts] == ["detractor"]
    assert answer(all_kinds, state, "nps", Answer(9)).alerts == ()
    state = run(
        all_kinds, detractor.state, ("why_low", Answer("дорого")), ("reasons", Answer((2,)))
    )
    problem = answer(all_kinds, state, "csi", Answer({"quality": 5, "delivery": 2, "manager": 3}))
    assert [a.kind for a in problem.alerts] == ["delivery_problem"]


def test_going_back_and_editing_drops_answers_routing_no_longer_reaches(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(
        all_kinds,
        state,
        *OPENING,
        ("role", Answer(1)),
        ("years", Answer(3)),
        ("nps", Answer(2)),
        ("why_low", Answer("Срывы сроков")),
        ("reasons", Answer((1, 2))),
        ("price_ok", Answer(3)),
    )
    assert screen(all_kinds, state).question_id == "csi"
    assert previous(all_kinds, state) == "price_ok"
    assert previous(all_kinds, state, "reasons") == "why_low"
    # back to nps: the screen shows the answer given before
    assert screen_for(all_kinds, state, "nps").answer == Answer(2)
    edited = answer(all_kinds, state, "nps", Answer(10))
    assert edited.dropped == ("why_low",)
    assert "why_low" not in edited.state.answers
    # why_high is now on the path and has no answer: the interview stops there
    assert isinstance(edited.next, Screen) and edited.next.question_id == "why_high"
    # after answering it, the interview walks over the answers kept and returns to csi
    forward = answer(all_kinds, edited.state, "why_high", Answer("Качество"))
    assert isinstance(forward.next, Screen) and forward.next.question_id == "csi"
    # dropping "price" from reasons makes price_ok unreachable
    fewer = answer(all_kinds, forward.state, "reasons", Answer((2,)))
    assert fewer.dropped == ("price_ok",)


def test_an_answer_to_a_question_off_the_path_is_rejected(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(
        all_kinds, state, *OPENING, ("role", Answer(1)), ("years", Answer(3)), ("nps", Answer(8))
    )
    with pytest.raises(AnswerRejected) as caught:
        answer(all_kinds, state, "why_low", Answer("x"), "en")
    assert caught.value.reason == "not_on_path"
    with pytest.raises(AnswerRejected):
        answer(all_kinds, state, "comment", Answer("ahead of time"), "en")


def test_ending_drops_every_answer_off_the_final_path(
    all_kinds: Script, state: InterviewState
) -> None:
    state = run(all_kinds, state, *OPENING, ("role", Answer(1)), ("years", Answer(3)))
    state = replace(state, answers={**state.answers, "comment": Answer("stale")})
    ended = answer(all_kinds, state, "role", Answer(3))  # screened out
    assert isinstance(ended.next, Closing)
    assert set(ended.dropped) == {"years", "comment"}


def test_progress_grows_along_the_path(all_kinds: Script, state: InterviewState) -> None:
    first = screen(all_kinds, state)
    later = screen(all_kinds, _to_reasons(all_kinds, state))
    assert first.progress == 0.0
    assert 0.3 < later.progress < 1.0
    assert later.number == 7


def test_walk_reports_path_current_and_what_routing_passed(
    all_kinds: Script, state: InterviewState
) -> None:
    state = _to_reasons(all_kinds, state)
    result = walk(all_kinds, state)
    assert result.path[-1] == "nps"
    assert result.current == "reasons"
    assert result.passed_over == ("why_low", "why_high")
    assert result.ending is None


def test_answers_round_trip_through_json() -> None:
    for given in [
        Answer(3),
        Answer((1, 2), other="x"),
        Answer({"a": 5, "b": "dont_know"}),
        Answer(special="refused"),
        Answer("текст"),
        Answer(2.5),
        Answer(),
    ]:
        assert Answer.from_json(given.to_json()) == given
