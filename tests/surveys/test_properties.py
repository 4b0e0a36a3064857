"""Property tests: random valid interviews never reach an undefined state."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from surveys import Answer, AnswerRejected, Closing, InterviewState, Screen, Script, answer, walk
from surveys.answers import validate_answer
from surveys.engine import current_screen, previous
from surveys.simulate import random_answer, random_contact


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_random_walks_end_in_a_defined_state(all_kinds: Script, seed: int) -> None:
    rng = random.Random(seed)
    today = date(2026, 11, 23)
    state = InterviewState(contact=random_contact(all_kinds, rng, today), seed=seed, today=today)
    seen: list[str] = []
    for _ in range(4 * len(all_kinds.flow)):
        shown = current_screen(all_kinds, state, rng.choice(all_kinds.languages))
        if isinstance(shown, Closing):
            assert shown.status in ("complete", "screened_out", "refused")
            assert shown.text
            result = walk(all_kinds, state)
            assert result.ending is not None
            # nothing off the final path survives the ending
            assert set(state.answers) <= set(result.path)
            return
        assert isinstance(shown, Screen)
        assert shown.question_id not in seen, "routing never shows a screen twice"
        assert "{" not in shown.text, "every placeholder is filled"
        seen.append(shown.question_id)
        question = all_kinds.question(shown.question_id)
        accepted = answer(
            all_kinds, state, shown.question_id, random_answer(all_kinds, question, rng)
        )
        state = accepted.state
    raise AssertionError("the interview did not end")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), back=st.integers(1, 6))
def test_going_back_and_answering_again_keeps_a_consistent_path(
    all_kinds: Script, seed: int, back: int
) -> None:
    rng = random.Random(seed)
    today = date(2026, 11, 23)
    state = InterviewState(contact=random_contact(all_kinds, rng, today), seed=seed, today=today)
    for _ in range(rng.randint(3, 12)):
        shown = current_screen(all_kinds, state)
        if isinstance(shown, Closing):
            break
        state = answer(
            all_kinds,
            state,
            shown.question_id,
            random_answer(all_kinds, all_kinds.question(shown.question_id), rng),
        ).state
    target: str | None = None
    for _ in range(back):
        target = previous(all_kinds, state, target)
        if target is None:
            return
    question = all_kinds.question(target)
    edited = answer(all_kinds, state, target, random_answer(all_kinds, question, rng))
    result = walk(all_kinds, edited.state)
    # every kept answer is either on the path or beyond the current screen, never passed over
    assert not set(edited.state.answers) & set(result.passed_over)
    assert not set(edited.dropped) & set(edited.state.answers)


@settings(max_examples=200, deadline=None)
@given(
    value=st.one_of(
        st.none(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(),
        st.lists(st.integers(-5, 200), max_size=6),
        st.dictionaries(st.text(max_size=8), st.integers(-5, 105), max_size=4),
    ),
    special=st.sampled_from([None, "dont_know", "refused", "bogus"]),
    question_index=st.integers(0, 20),
)
def test_any_input_is_either_accepted_in_canonical_form_or_rejected_with_a_reason(
    all_kinds: Script, value: object, special: str | None, question_index: int
) -> None:
    question = all_kinds.flow[question_index % len(all_kinds.flow)]
    given_answer = Answer(value=value, special=special)
    try:
        accepted = validate_answer(all_kinds, question, given_answer, "ru")
    except AnswerRejected as rejected:
        assert rejected.message
        return
    assert Answer.from_json(accepted.to_json()) == accepted
