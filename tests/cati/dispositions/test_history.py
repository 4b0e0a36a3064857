"""A contact's disposition from its whole attempt history (precedence, closing, numbers)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from cati.dispositions import Attempt, CategoryMap, Disposition, OutcomeTable, derive_disposition
from cati.dispositions.history import attempts_counted, precedence

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
DEFAULT = OutcomeTable.default()
CONVERTING = OutcomeTable.from_settings({"allow_refusal_conversion": True})


def history(*keys: str, table: OutcomeTable = DEFAULT, numbers: str = "") -> list[Attempt]:
    """Attempts with the outcomes ``keys``, three hours apart; ``numbers`` gives each one's
    phone id as one letter per attempt ("AAB": first two on number A, third on B)."""
    return [
        Attempt.of(table[key], START + timedelta(hours=3 * i), numbers[i] if numbers else None)
        for i, key in enumerate(keys)
    ]


def test_a_contact_never_called_is_not_attempted_and_open() -> None:
    case = derive_disposition([])
    assert case.disposition is Disposition.NOT_ATTEMPTED
    assert not case.closed
    assert case.decided_by is None


def test_a_complete_is_final_whatever_follows() -> None:
    case = derive_disposition(history("no_answer", "complete", "busy"))
    assert case.disposition is Disposition.COMPLETE
    assert case.closed


def test_a_refusal_is_final_by_default() -> None:
    case = derive_disposition(history("no_answer", "refusal_respondent"))
    assert case.closed
    assert case.disposition is Disposition.REFUSAL_RESPONDENT


def test_an_earlier_refusal_followed_by_no_answers_stays_a_refusal() -> None:
    attempts = history("refusal_respondent", *["no_answer"] * 5, table=CONVERTING)
    case = derive_disposition(attempts, CONVERTING)
    assert case.closed  # six attempts
    assert case.disposition is Disposition.REFUSAL_RESPONDENT
    assert case.recorded is Disposition.SOFT_REFUSAL_RESPONDENT
    assert case.decided_by == attempts[0]


def test_an_open_case_reports_the_code_it_would_close_with() -> None:
    case = derive_disposition(
        history("refusal_gatekeeper", "no_answer", table=CONVERTING), CONVERTING
    )
    assert not case.closed
    assert case.disposition is Disposition.REFUSAL_GATEKEEPER


def test_no_answer_until_the_attempt_limit_closes_as_no_answer() -> None:
    assert not derive_disposition(history(*["no_answer"] * 5)).closed
    case = derive_disposition(history(*["no_answer"] * 6))
    assert case.closed
    assert case.disposition is Disposition.NO_ANSWER
    assert case.attempts_counted == 6


def test_always_busy_only_when_every_attempt_was_busy() -> None:
    assert derive_disposition(history(*["busy"] * 6)).disposition is Disposition.ALWAYS_BUSY
    mixed = derive_disposition(history("no_answer", *["busy"] * 5))
    assert mixed.disposition is Disposition.NO_ANSWER


def test_an_answering_machine_outranks_no_answer_among_unknowns() -> None:
    case = derive_disposition(history("answering_machine", *["no_answer"] * 5))
    assert case.disposition is Disposition.ANSWERING_MACHINE_UNKNOWN


def test_a_machine_confirming_the_organisation_makes_it_an_eligible_non_contact() -> None:
    case = derive_disposition(history("no_answer", "answering_machine_confirmed", *["busy"] * 4))
    assert case.closed
    assert case.disposition is Disposition.ANSWERING_MACHINE_ELIGIBLE


def test_a_person_asking_for_a_call_back_then_unreachable_is_respondent_never_available() -> None:
    case = derive_disposition(
        history("appointment_soft", "answering_machine_confirmed", *["no_answer"] * 4)
    )
    assert case.closed
    assert case.disposition is Disposition.RESPONDENT_NEVER_AVAILABLE


def test_a_hard_appointment_keeps_the_case_open_past_the_limit() -> None:
    case = derive_disposition(history(*["no_answer"] * 6, "appointment_hard"))
    assert not case.closed
    assert case.disposition is Disposition.RESPONDENT_NEVER_AVAILABLE


def test_contact_with_a_person_outranks_later_non_contacts() -> None:
    case = derive_disposition(history("language", *["no_answer"] * 5))
    assert case.disposition is Disposition.LANGUAGE_RESPONDENT


def test_an_interrupted_interview_never_resumed_is_a_break_off() -> None:
    case = derive_disposition(history("interrupted", *["no_answer"] * 5))
    assert case.disposition is Disposition.BREAK_OFF


def test_a_screen_out_after_non_contacts_is_not_eligible() -> None:
    case = derive_disposition(history("no_answer", "screened_out"))
    assert case.closed
    assert case.disposition is Disposition.NO_ELIGIBLE_RESPONDENT


def test_a_dead_only_number_closes_the_case_as_not_eligible() -> None:
    case = derive_disposition(history("no_answer", "disconnected"))
    assert case.closed
    assert case.disposition is Disposition.DISCONNECTED_NUMBER


def test_a_dead_number_keeps_the_case_open_while_another_number_is_untried() -> None:
    case = derive_disposition(history("disconnected", numbers="A"), has_untried_number=True)
    assert not case.closed


def test_a_dead_number_does_not_make_a_contact_reached_on_another_number_ineligible() -> None:
    attempts = history("disconnected", *["no_answer"] * 6, numbers="ABBBBBB")
    case = derive_disposition(attempts)
    assert case.closed
    assert case.disposition is Disposition.NO_ANSWER


def test_eligibility_established_is_not_lost_when_the_number_later_dies() -> None:
    case = derive_disposition(history("answering_machine_confirmed", "disconnected"))
    assert case.closed
    assert case.disposition is Disposition.ANSWERING_MACHINE_ELIGIBLE


def test_every_number_wrong_means_the_contact_could_not_be_located() -> None:
    case = derive_disposition(history("wrong_number", "wrong_number", numbers="AB"))
    assert case.closed
    assert case.disposition is Disposition.UNKNOWN_OTHER


def test_cancelled_dials_do_not_count_as_attempts() -> None:
    attempts = history("not_dialled", *["no_answer"] * 5)
    assert attempts_counted(attempts, DEFAULT) == 5
    assert not derive_disposition(attempts).closed


def test_the_attempt_limit_is_the_studys() -> None:
    strict = OutcomeTable.from_settings({"max_attempts": 2})
    assert derive_disposition(history("busy", "busy", table=strict), strict).closed


def test_the_order_attempts_are_given_in_does_not_matter() -> None:
    attempts = history("refusal_respondent", "no_answer", "busy", "no_answer", table=CONVERTING)
    expected = derive_disposition(attempts, CONVERTING)
    shuffled = attempts[:]
    random.Random(7).shuffle(shuffled)
    assert derive_disposition(shuffled, CONVERTING) == expected


def test_attempts_without_an_outcome_key_use_their_codes() -> None:
    attempts = [
        Attempt(Disposition.SOFT_REFUSAL_RESPONDENT, START),
        Attempt(Disposition.NO_ANSWER_RETRY, START + timedelta(hours=3)),
    ]
    case = derive_disposition(attempts)
    assert case.disposition is Disposition.REFUSAL_RESPONDENT
    assert not case.closed


def test_the_category_map_moves_codes_between_tiers() -> None:
    # AAPOR default: a business is not eligible, outranking unknowns;
    # B2B: reaching a business is unknown-other, still above no answer.
    assert precedence(Disposition.BUSINESS)[0] == 5
    assert precedence(Disposition.BUSINESS, CategoryMap.b2b())[0] == 8
    assert precedence(Disposition.BUSINESS, CategoryMap.b2b()) < precedence(Disposition.NO_ANSWER)


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        (Disposition.COMPLETE, Disposition.PARTIAL),
        (Disposition.PARTIAL, Disposition.REFUSAL_RESPONDENT),
        (Disposition.REFUSAL_GATEKEEPER, Disposition.LANGUAGE_RESPONDENT),
        (Disposition.DEAD, Disposition.QUOTA_FILLED),
        (Disposition.QUOTA_FILLED, Disposition.RESPONDENT_NEVER_AVAILABLE),
        (Disposition.RESPONDENT_NEVER_AVAILABLE, Disposition.ANSWERING_MACHINE_ELIGIBLE),
        (Disposition.ANSWERING_MACHINE_ELIGIBLE, Disposition.DISCONNECTED_NUMBER),
        (Disposition.DISCONNECTED_NUMBER, Disposition.UNKNOWN_ELIGIBLE_RESPONDENT),
        (Disposition.UNKNOWN_OTHER, Disposition.ANSWERING_MACHINE_UNKNOWN),
        (Disposition.ANSWERING_MACHINE_UNKNOWN, Disposition.NO_ANSWER),
        (Disposition.NO_ANSWER, Disposition.ALWAYS_BUSY),
        (Disposition.ALWAYS_BUSY, Disposition.NOT_ATTEMPTED),
    ],
)
def test_the_documented_precedence(stronger: Disposition, weaker: Disposition) -> None:
    assert precedence(stronger) < precedence(weaker)
