"""The outcome table: what an interviewer (or the dialer) records after a call, and what follows.

Mature CATI systems keep one table of call outcomes (queXS: ``outcome`` with its delay, "try
another number", "require note" and AAPOR code columns). Each row here says, in plain words,
what happened on the call and what the system does next:

- ``final``: the case (or, with ``try_next_number``, this phone number) is closed;
- ``disposition``: the AAPOR code recorded for the attempt (temporary or final);
- ``retry_delay`` and ``another_part_of_day``: when to try again (no answer and answering
  machine: +3 h in another part of the day; busy: +15 min);
- ``try_next_number``: continue with the contact's next phone number; a final outcome with this
  flag closes only the number, and the case closes when no untried number remains;
- ``note_required``: the interviewer must write why (refusals, language problems);
- ``appointment``: the interviewer books a call-back (hard: exact time; soft: a window);
- ``counts_as_attempt`` and ``ends_at_max_attempts``: how the attempt limit (default 6)
  applies; when it ends a case, ``final_at_max_attempts`` is the code this outcome closes as,
  and :mod:`cati.dispositions.history` picks the case's code from its whole history.

The dialer's results map to outcomes in :data:`DEFAULT_CALL_RESULTS`, the "one table" of
DESIGN.md. A study customises everything through :meth:`OutcomeTable.from_settings`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from cati.dispositions.codes import Disposition
from cati.dispositions.errors import DispositionError
from cati.telephony.results import CallResult

DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_REFUSAL_CONVERSION_DELAY = timedelta(days=7)


class UnknownOutcome(DispositionError):
    """An outcome key is not in the study's outcome table."""


@dataclass(frozen=True)
class Outcome:
    """One row of the outcome table (see the module docstring for each field's meaning)."""

    key: str
    label_en: str
    label_ru: str
    disposition: Disposition
    final: bool
    retry_delay: timedelta | None = None
    another_part_of_day: bool = False
    try_next_number: bool = False
    note_required: bool = False
    appointment: bool = False
    counts_as_attempt: bool = True
    ends_at_max_attempts: bool = True
    final_at_max_attempts: Disposition | None = None
    conversion: bool = False  # a refusal that a study may try to convert
    system: bool = False  # recorded by the program, not offered to the interviewer

    def label(self, language: str = "ru") -> str:
        """The label in ``language`` ("ru" or "en"; anything else falls back to English)."""
        return self.label_ru if language == "ru" else self.label_en

    @property
    def closing_disposition(self) -> Disposition:
        """The final code this outcome gives a case that closes on it."""
        if self.final:
            return self.disposition.closes_as
        return (self.final_at_max_attempts or self.disposition).closes_as


def _outcome(
    key: str,
    en: str,
    ru: str,
    disposition: Disposition,
    *,
    final: bool = False,
    delay_minutes: float | None = None,
    **flags: Any,
) -> Outcome:
    delay = None if delay_minutes is None else timedelta(minutes=delay_minutes)
    return Outcome(key, en, ru, disposition, final, delay, **flags)


_HOUR = 60
_DAY = 24 * _HOUR
_D = Disposition

DEFAULT_OUTCOMES: tuple[Outcome, ...] = (
    # --- interviews (recorded by the interviewing session) ----------------------------------
    _outcome("complete", "Interview completed", "Интервью завершено", _D.COMPLETE, final=True),
    _outcome(
        "partial",
        "Partial interview (enough answers)",
        "Частичное интервью (ответов достаточно)",
        _D.PARTIAL,
        final=True,
        system=True,
    ),
    _outcome(
        "interrupted",
        "Interview interrupted, continue later",
        "Интервью прервано, продолжить позже",
        _D.INTERRUPTED,
        delay_minutes=2 * _HOUR,
        final_at_max_attempts=_D.BREAK_OFF,
    ),
    # --- no contact with a person -----------------------------------------------------------
    _outcome(
        "no_answer",
        "No answer",
        "Не отвечает",
        _D.NO_ANSWER_RETRY,
        delay_minutes=3 * _HOUR,
        another_part_of_day=True,
        final_at_max_attempts=_D.NO_ANSWER,
    ),
    _outcome(
        "busy",
        "Busy",
        "Занято",
        _D.BUSY_RETRY,
        delay_minutes=15,
        final_at_max_attempts=_D.ALWAYS_BUSY,
    ),
    _outcome(
        "answering_machine",
        "Answering machine (cannot tell whose)",
        "Автоответчик (непонятно чей)",
        _D.ANSWERING_MACHINE_RETRY,
        delay_minutes=3 * _HOUR,
        another_part_of_day=True,
        final_at_max_attempts=_D.ANSWERING_MACHINE_UNKNOWN,
    ),
    _outcome(
        "answering_machine_confirmed",
        "Answering machine of the right organisation",
        "Автоответчик нужной организации",
        _D.ANSWERING_MACHINE_ELIGIBLE_RETRY,
        delay_minutes=3 * _HOUR,
        another_part_of_day=True,
        final_at_max_attempts=_D.ANSWERING_MACHINE_ELIGIBLE,
    ),
    _outcome(
        "technical_problem",
        "Line problem (no tone, noise, call dropped)",
        "Проблема связи (нет гудка, шум, обрыв)",
        _D.TECHNICAL_RETRY,
        delay_minutes=30,
        final_at_max_attempts=_D.TECHNICAL_PHONE_PROBLEMS,
    ),
    _outcome(
        "not_dialled",
        "Not dialled (call cancelled before it was answered)",
        "Не набран (вызов отменён до ответа)",
        _D.NOT_ATTEMPTED,
        delay_minutes=0,
        counts_as_attempt=False,
        system=True,
    ),
    # --- a person was reached ---------------------------------------------------------------
    _outcome(
        "appointment_hard",
        "Call back at an agreed time",
        "Перезвонить в назначенное время",
        _D.APPOINTMENT_HARD,
        appointment=True,
        ends_at_max_attempts=False,
        final_at_max_attempts=_D.RESPONDENT_NEVER_AVAILABLE,
    ),
    _outcome(
        "appointment_soft",
        "Call back later (roughly when)",
        "Перезвонить позже (примерное время)",
        _D.APPOINTMENT_SOFT,
        appointment=True,
        final_at_max_attempts=_D.RESPONDENT_NEVER_AVAILABLE,
    ),
    _outcome(
        "respondent_unavailable",
        "Contact person away (out, on leave, in a meeting)",
        "Контактное лицо отсутствует (нет на месте, в отпуске, на встрече)",
        _D.RESPONDENT_UNAVAILABLE_RETRY,
        delay_minutes=_DAY,
        final_at_max_attempts=_D.RESPONDENT_NEVER_AVAILABLE,
    ),
    _outcome(
        "contact_not_found",
        "Organisation reached, contact person not found yet",
        "Дозвонились в организацию, контактное лицо пока не найдено",
        _D.UNKNOWN_RESPONDENT_RETRY,
        delay_minutes=_DAY,
        note_required=True,
        final_at_max_attempts=_D.UNKNOWN_ELIGIBLE_RESPONDENT,
    ),
    _outcome(
        "refusal_respondent",
        "Respondent refused",
        "Респондент отказался",
        _D.SOFT_REFUSAL_RESPONDENT,
        delay_minutes=DEFAULT_REFUSAL_CONVERSION_DELAY / timedelta(minutes=1),
        note_required=True,
        conversion=True,
        final_at_max_attempts=_D.REFUSAL_RESPONDENT,
    ),
    _outcome(
        "refusal_gatekeeper",
        "Secretary or switchboard refused to connect",
        "Секретарь или коммутатор отказались соединить",
        _D.SOFT_REFUSAL_GATEKEEPER,
        delay_minutes=DEFAULT_REFUSAL_CONVERSION_DELAY / timedelta(minutes=1),
        note_required=True,
        conversion=True,
        final_at_max_attempts=_D.REFUSAL_GATEKEEPER,
    ),
    _outcome(
        "refusal_hard",
        "Refused, never call again",
        "Категорический отказ, больше не звонить",
        _D.REFUSAL_RESPONDENT,
        final=True,
        note_required=True,
    ),
    _outcome(
        "language",
        "Does not speak the interview language",
        "Не говорит на языке интервью",
        _D.LANGUAGE_RETRY,
        delay_minutes=_DAY,
        note_required=True,
        final_at_max_attempts=_D.LANGUAGE_RESPONDENT,
    ),
    _outcome(
        "unable",
        "Unable to take part (health)",
        "Не может участвовать (по состоянию здоровья)",
        _D.UNABLE,
        final=True,
        note_required=True,
    ),
    _outcome("deceased", "Respondent deceased", "Респондент умер", _D.DEAD, final=True),
    _outcome(
        "screened_out",
        "Screened out: no eligible respondent",
        "Отсев: нет подходящего респондента",
        _D.NO_ELIGIBLE_RESPONDENT,
        final=True,
    ),
    _outcome(
        "quota_filled",
        "Quota filled",
        "Квота заполнена",
        _D.QUOTA_FILLED,
        final=True,
        system=True,
    ),
    # --- the number itself ------------------------------------------------------------------
    _outcome(
        "wrong_number",
        "Wrong number (not this organisation or person)",
        "Не тот номер (не та организация или человек)",
        # A list sample's client still exists when one of its numbers is wrong, so a contact
        # whose every number was wrong is "could not be located" (unknown), not ineligible.
        _D.UNKNOWN_OTHER,
        final=True,
        try_next_number=True,
    ),
    _outcome(
        "invalid_number",
        "Number does not exist",
        "Номер не существует",
        _D.NON_WORKING_NUMBER,
        final=True,
        try_next_number=True,
    ),
    _outcome(
        "disconnected",
        "Number disconnected",
        "Номер отключён",
        _D.DISCONNECTED_NUMBER,
        final=True,
        try_next_number=True,
    ),
    _outcome(
        "fax",
        "Fax or data line",
        "Факс или модем",
        _D.FAX_DATA_LINE,
        final=True,
        try_next_number=True,
    ),
)

DEFAULT_CALL_RESULTS: Mapping[CallResult, str | None] = MappingProxyType(
    {
        # The interviewer records what was said; the dialer cannot know.
        CallResult.ANSWERED: None,
        CallResult.NO_ANSWER: "no_answer",
        CallResult.BUSY: "busy",
        CallResult.ANSWERING_MACHINE: "answering_machine",
        CallResult.INVALID_NUMBER: "invalid_number",
        CallResult.UNREACHABLE: "technical_problem",
        # A fault on our side (credentials, API error): the case is not touched.
        CallResult.FAILED: None,
        CallResult.CANCELED: "not_dialled",
    }
)


@dataclass(frozen=True)
class OutcomeTable(Mapping[str, Outcome]):
    """A study's outcome table: the outcomes by key, the attempt limit and the refusal policy.

    Looking an outcome up (``table[key]``) applies the study's policy: when refusal conversion
    is not allowed (the default) a refusal outcome is final with its closing code.
    """

    outcomes: Mapping[str, Outcome]
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    allow_refusal_conversion: bool = False
    call_results: Mapping[CallResult, str | None] = field(
        default_factory=lambda: dict(DEFAULT_CALL_RESULTS)
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", MappingProxyType(dict(self.outcomes)))
        object.__setattr__(self, "call_results", MappingProxyType(dict(self.call_results)))

    @classmethod
    def default(cls) -> OutcomeTable:
        """The defaults described in the module docstring."""
        return cls({o.key: o for o in DEFAULT_OUTCOMES})

    # ---- lookup -----------------------------------------------------------------------------

    def __getitem__(self, key: str) -> Outcome:
        try:
            outcome = self.outcomes[key]
        except KeyError:
            known = ", ".join(self.outcomes)
            raise UnknownOutcome(
                f"Unknown call outcome {key!r}; this study's outcomes are: {known}."
            ) from None
        if outcome.conversion and not self.allow_refusal_conversion:
            return replace(
                outcome,
                final=True,
                disposition=outcome.closing_disposition,
                retry_delay=None,
                another_part_of_day=False,
            )
        return outcome

    def __iter__(self) -> Iterator[str]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def __contains__(self, key: object) -> bool:
        return key in self.outcomes

    def get(self, key: str, default: Any = None) -> Any:
        """The outcome for ``key`` (policy applied), or ``default`` when there is none."""
        return self[key] if key in self.outcomes else default

    def for_call_result(self, result: CallResult) -> Outcome | None:
        """The outcome the dialer's ``result`` records, or None when none is recorded
        automatically (answered: the interviewer records it; failed: the case is untouched)."""
        key = self.call_results.get(result)
        return None if key is None else self[key]

    def for_interviewer(self) -> list[Outcome]:
        """The outcomes an interviewer may pick, in table order."""
        return [self[key] for key, o in self.outcomes.items() if not o.system]

    # ---- settings ---------------------------------------------------------------------------

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, Any] | None, base: OutcomeTable | None = None
    ) -> OutcomeTable:
        """Build a study's table from its settings dict, on top of ``base`` (the defaults).

        Outcomes named in ``settings["outcomes"]`` replace or extend the base's: fields left
        out keep the base outcome's values, a new key must give at least its labels,
        disposition and ``final``. Every problem is reported at once, with its field path.
        """
        from cati.dispositions.outcome_settings import table_from_settings

        return table_from_settings(settings, base if base is not None else cls.default())

    def to_settings(self) -> dict[str, Any]:
        """The whole table as a JSON-able dict that :meth:`from_settings` reads back."""
        from cati.dispositions.outcome_settings import table_to_settings

        return table_to_settings(self)


class PartOfDay(StrEnum):
    """Parts of the contact's local day, for "retry in another part of the day"."""

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


AFTERNOON_STARTS = time(12, 0)
EVENING_STARTS = time(17, 0)


def part_of_day(local_time: time) -> PartOfDay:
    """The part of the day a local clock time falls in (morning < 12:00 <= afternoon < 17:00
    <= evening), so the scheduler can move a retry to a part not yet tried."""
    if local_time < AFTERNOON_STARTS:
        return PartOfDay.MORNING
    if local_time < EVENING_STARTS:
        return PartOfDay.AFTERNOON
    return PartOfDay.EVENING
