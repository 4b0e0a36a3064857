"""AAPOR disposition codes for telephone surveys, final and temporary, with ru/en labels.

Source: The American Association for Public Opinion Research (2023), *Standard Definitions:
Final Dispositions of Case Codes and Outcome Rates for Surveys*, 10th edition, the table of
final disposition codes for telephone surveys (the numbering is the one the 9th edition, 2016,
already used for RDD telephone surveys). Codes are kept as strings ("2.112", never floats) so
that "2.10" and "2.1" cannot be confused and the text stored in the database is the code a
methodologist reads in the AAPOR table.

The AAPOR table was written for household surveys. In B2B fieldwork read "household" as "the
organisation the number belongs to" and "respondent" as the named contact person: a
"household-level refusal" is a refusal by a secretary or switchboard (a gatekeeper), a
"known-respondent refusal" is a refusal by the contact person. Whether a business number is
in scope is a matter of the category map (see :mod:`cati.dispositions.categories`), not of the
code.

Temporary (interim) dispositions. AAPOR says the final codes may also serve as temporary
codes while a case is in the field; CATI systems (queXS, for one) add a letter to the AAPOR
code to tell apart interim states that close to the same final code (a soft refusal ``2.112a``
becomes a known-respondent refusal ``2.112`` if it is never converted). We follow that
practice: every temporary disposition carries the final code it becomes when the case closes
(:attr:`Disposition.closes_as`) and the category of that final code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cati.dispositions.errors import UnknownCategory, UnknownDispositionCode


class Category(StrEnum):
    """AAPOR's aggregate groups that the rate formulas count (Standard Definitions, 2023)."""

    I = "I"  # noqa: E741 - AAPOR's own symbol for complete interviews
    P = "P"
    R = "R"
    NC = "NC"
    O = "O"  # noqa: E741 - AAPOR's own symbol for "other" eligible non-interviews
    UH = "UH"
    UO = "UO"
    NE = "NE"

    @property
    def label_en(self) -> str:
        return _CATEGORY_LABELS[self][0]

    @property
    def label_ru(self) -> str:
        return _CATEGORY_LABELS[self][1]

    def label(self, language: str = "ru") -> str:
        """The label in ``language`` ("ru" or "en"; anything else falls back to English)."""
        return self.label_ru if language == "ru" else self.label_en

    @property
    def is_eligible(self) -> bool:
        """Known to be eligible (interviews and eligible non-interviews)."""
        return self in _ELIGIBLE

    @property
    def is_unknown(self) -> bool:
        """Eligibility unknown (UH, UO): these cases are counted with the estimate ``e``."""
        return self in (Category.UH, Category.UO)

    @classmethod
    def parse(cls, text: object) -> Category:
        """The category named by ``text`` (case-insensitive), or a clear error."""
        if isinstance(text, Category):
            return text
        if isinstance(text, str):
            try:
                return cls(text.strip().upper())
            except ValueError:
                pass
        known = ", ".join(c.value for c in cls)
        raise UnknownCategory(
            f"Unknown AAPOR category {text!r}. Use one of: {known} "
            "(I complete, P partial, R refusal/break-off, NC non-contact, O other eligible, "
            "UH unknown if household/organisation, UO unknown other, NE not eligible)."
        )


_ELIGIBLE = frozenset({Category.I, Category.P, Category.R, Category.NC, Category.O})

_CATEGORY_LABELS: dict[Category, tuple[str, str]] = {
    Category.I: ("Complete interview", "Полное интервью"),
    Category.P: ("Partial interview", "Частичное интервью"),
    Category.R: ("Refusal and break-off", "Отказ и прерывание"),
    Category.NC: ("Non-contact", "Нет контакта"),
    Category.O: ("Other eligible non-interview", "Прочие подходящие без интервью"),
    Category.UH: (
        "Unknown if household/organisation",
        "Неизвестно, домохозяйство/организация ли это",
    ),
    Category.UO: ("Unknown eligibility, other", "Неизвестная пригодность, прочее"),
    Category.NE: ("Not eligible", "Не подходит (вне выборки)"),
}


class Disposition(StrEnum):
    """An AAPOR disposition code (value: the code string, e.g. ``"2.112"``).

    Final codes follow the AAPOR telephone table; temporary ones end in a letter and name the
    final code they close as. Properties give the default category, whether the code is final,
    and the labels a person sees.
    """

    # 1.0 Interview
    COMPLETE = "1.1"
    PARTIAL = "1.2"
    # 2.0 Eligible, non-interview
    REFUSAL_AND_BREAK_OFF = "2.10"
    REFUSAL = "2.11"
    REFUSAL_GATEKEEPER = "2.111"  # AAPOR: household-level refusal
    REFUSAL_RESPONDENT = "2.112"  # AAPOR: known-respondent refusal
    BREAK_OFF = "2.12"
    NON_CONTACT = "2.20"
    RESPONDENT_NEVER_AVAILABLE = "2.21"
    ANSWERING_MACHINE_ELIGIBLE = "2.22"  # the greeting confirms the organisation/household
    ANSWERING_MACHINE_ELIGIBLE_MESSAGE_LEFT = "2.221"
    ANSWERING_MACHINE_ELIGIBLE_NO_MESSAGE = "2.222"
    OTHER_ELIGIBLE = "2.30"
    DEAD = "2.31"
    UNABLE = "2.32"  # physically or mentally unable/incompetent
    LANGUAGE = "2.33"
    LANGUAGE_HOUSEHOLD = "2.331"
    LANGUAGE_RESPONDENT = "2.332"
    LANGUAGE_NO_INTERVIEWER = "2.333"
    INADEQUATE_AUDIO = "2.34"
    LOCATION_NOT_ALLOWING = "2.35"  # e.g. driving, in a meeting where talk is not possible
    OTHER_MISCELLANEOUS = "2.36"
    # 3.0 Unknown eligibility, non-interview
    UNKNOWN_IF_HOUSEHOLD = "3.10"
    NOT_ATTEMPTED = "3.11"
    ALWAYS_BUSY = "3.12"
    NO_ANSWER = "3.13"
    ANSWERING_MACHINE_UNKNOWN = "3.14"
    CALL_BLOCKING = "3.15"
    TECHNICAL_PHONE_PROBLEMS = "3.16"
    AMBIGUOUS_OPERATOR_MESSAGE = "3.161"
    UNKNOWN_ELIGIBLE_RESPONDENT = "3.20"
    NO_SCREENER_COMPLETED = "3.21"
    UNKNOWN_OTHER = "3.90"
    # 4.0 Not eligible
    OUT_OF_SAMPLE = "4.10"
    FAX_DATA_LINE = "4.20"
    NON_WORKING_DISCONNECTED = "4.30"
    NON_WORKING_NUMBER = "4.31"
    DISCONNECTED_NUMBER = "4.32"
    TEMPORARILY_OUT_OF_SERVICE = "4.33"
    SPECIAL_TECHNOLOGICAL = "4.40"
    NUMBER_CHANGED = "4.41"
    NON_RESIDENCE = "4.50"
    BUSINESS = "4.51"  # business, government office, other organisation
    INSTITUTION = "4.52"
    GROUP_QUARTERS = "4.53"
    NO_ELIGIBLE_RESPONDENT = "4.70"
    QUOTA_FILLED = "4.80"
    OTHER_INELIGIBLE = "4.90"

    # Temporary (interim) dispositions: final code + letter
    APPOINTMENT_HARD = "2.21a"
    APPOINTMENT_SOFT = "2.21b"
    SOFT_REFUSAL_GATEKEEPER = "2.111a"
    SOFT_REFUSAL_RESPONDENT = "2.112a"
    INTERRUPTED = "2.12a"  # interview started and stopped, to be resumed
    ANSWERING_MACHINE_ELIGIBLE_RETRY = "2.22a"
    RESPONDENT_UNAVAILABLE_RETRY = "2.21c"  # person reached, contact person out today
    LANGUAGE_RETRY = "2.333a"  # needs an interviewer speaking the language
    BUSY_RETRY = "3.12a"
    NO_ANSWER_RETRY = "3.13a"
    ANSWERING_MACHINE_RETRY = "3.14a"
    TECHNICAL_RETRY = "3.16a"
    UNKNOWN_RESPONDENT_RETRY = "3.20a"  # organisation reached, contact person not yet found

    # ---- properties -------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return self.value

    @property
    def info(self) -> DispositionInfo:
        return _INFO[self]

    @property
    def is_final(self) -> bool:
        """A final AAPOR code (no trailing letter): the case may close with it."""
        return self.value[-1].isdigit()

    @property
    def closes_as(self) -> Disposition:
        """The final code this disposition becomes when the case closes (itself if final)."""
        if self.is_final:
            return self
        return Disposition(self.value.rstrip("abcdefghijklmnopqrstuvwxyz"))

    @property
    def category(self) -> Category:
        """AAPOR's default category; a study may override it (see ``categories``)."""
        return _default_category(self.closes_as.value)

    @property
    def label_en(self) -> str:
        return self.info.label_en

    @property
    def label_ru(self) -> str:
        return self.info.label_ru

    def label(self, language: str = "ru") -> str:
        """The label in ``language`` ("ru" or "en"; anything else falls back to English)."""
        return self.label_ru if language == "ru" else self.label_en

    @classmethod
    def from_code(cls, code: object) -> Disposition:
        """The disposition with ``code`` ("2.112"), or an error naming the known codes."""
        if isinstance(code, Disposition):
            return code
        if isinstance(code, str):
            try:
                return cls(code.strip())
            except ValueError:
                pass
        raise UnknownDispositionCode(
            f"Unknown AAPOR disposition code {code!r}. Codes are strings such as '1.1', "
            "'2.112', '3.13' or temporary ones such as '3.13a'; see "
            "`cati.dispositions.codes.Disposition` for the full list."
        )


@dataclass(frozen=True)
class DispositionInfo:
    """The labels of one disposition."""

    label_en: str
    label_ru: str


def _default_category(final_code: str) -> Category:
    """AAPOR's grouping of final codes into the categories the rate formulas count."""
    if final_code == "1.1":
        return Category.I
    if final_code == "1.2":
        return Category.P
    if final_code.startswith("2.1"):
        return Category.R
    if final_code.startswith("2.2"):
        return Category.NC
    if final_code.startswith("2."):
        return Category.O
    if final_code.startswith("3.1"):
        return Category.UH
    if final_code.startswith("3."):
        return Category.UO
    return Category.NE


_D = Disposition
_INFO: dict[Disposition, DispositionInfo] = {
    _D.COMPLETE: DispositionInfo("Complete interview", "Полное интервью"),
    _D.PARTIAL: DispositionInfo("Partial interview", "Частичное интервью"),
    _D.REFUSAL_AND_BREAK_OFF: DispositionInfo("Refusal and break-off", "Отказ и прерывание"),
    _D.REFUSAL: DispositionInfo("Refusal", "Отказ"),
    _D.REFUSAL_GATEKEEPER: DispositionInfo(
        "Household/organisation-level refusal (gatekeeper)",
        "Отказ на уровне организации (секретарь, коммутатор)",
    ),
    _D.REFUSAL_RESPONDENT: DispositionInfo("Known-respondent refusal", "Отказ самого респондента"),
    _D.BREAK_OFF: DispositionInfo("Break-off", "Прерванное интервью"),
    _D.NON_CONTACT: DispositionInfo("Non-contact", "Нет контакта"),
    _D.RESPONDENT_NEVER_AVAILABLE: DispositionInfo(
        "Respondent never available", "Респондент ни разу не был доступен"
    ),
    _D.ANSWERING_MACHINE_ELIGIBLE: DispositionInfo(
        "Answering machine confirming the household/organisation",
        "Автоответчик, подтверждающий организацию",
    ),
    _D.ANSWERING_MACHINE_ELIGIBLE_MESSAGE_LEFT: DispositionInfo(
        "Answering machine (confirmed), message left",
        "Автоответчик (организация подтверждена), сообщение оставлено",
    ),
    _D.ANSWERING_MACHINE_ELIGIBLE_NO_MESSAGE: DispositionInfo(
        "Answering machine (confirmed), no message left",
        "Автоответчик (организация подтверждена), сообщение не оставлено",
    ),
    _D.OTHER_ELIGIBLE: DispositionInfo("Other eligible non-interview", "Прочее (подходящий)"),
    _D.DEAD: DispositionInfo("Respondent deceased", "Респондент умер"),
    _D.UNABLE: DispositionInfo(
        "Physically or mentally unable", "Не может отвечать по состоянию здоровья"
    ),
    _D.LANGUAGE: DispositionInfo("Language problem", "Языковой барьер"),
    _D.LANGUAGE_HOUSEHOLD: DispositionInfo(
        "Household/organisation-level language problem",
        "Языковой барьер на уровне организации",
    ),
    _D.LANGUAGE_RESPONDENT: DispositionInfo(
        "Respondent language problem", "Языковой барьер респондента"
    ),
    _D.LANGUAGE_NO_INTERVIEWER: DispositionInfo(
        "No interviewer available for the needed language",
        "Нет интервьюера с нужным языком",
    ),
    _D.INADEQUATE_AUDIO: DispositionInfo("Inadequate audio quality", "Плохое качество связи"),
    _D.LOCATION_NOT_ALLOWING: DispositionInfo(
        "Location/activity not allowing an interview",
        "Обстановка не позволяет провести интервью",
    ),
    _D.OTHER_MISCELLANEOUS: DispositionInfo("Miscellaneous", "Прочее"),
    _D.UNKNOWN_IF_HOUSEHOLD: DispositionInfo(
        "Unknown if household/organisation", "Неизвестно, организация ли это"
    ),
    _D.NOT_ATTEMPTED: DispositionInfo("Not attempted or worked", "Не набирался"),
    _D.ALWAYS_BUSY: DispositionInfo("Always busy", "Всегда занято"),
    _D.NO_ANSWER: DispositionInfo("No answer", "Нет ответа"),
    _D.ANSWERING_MACHINE_UNKNOWN: DispositionInfo(
        "Answering machine, unknown if household/organisation",
        "Автоответчик, неизвестно, та ли организация",
    ),
    _D.CALL_BLOCKING: DispositionInfo("Call blocking / technological barrier", "Блокировка вызова"),
    _D.TECHNICAL_PHONE_PROBLEMS: DispositionInfo(
        "Technical phone problems", "Технические проблемы связи"
    ),
    _D.AMBIGUOUS_OPERATOR_MESSAGE: DispositionInfo(
        "Ambiguous operator's message", "Неясное сообщение оператора связи"
    ),
    _D.UNKNOWN_ELIGIBLE_RESPONDENT: DispositionInfo(
        "Household/organisation reached, unknown if eligible respondent",
        "Организация подтверждена, неизвестно, есть ли подходящий респондент",
    ),
    _D.NO_SCREENER_COMPLETED: DispositionInfo("No screener completed", "Скрининг не пройден"),
    _D.UNKNOWN_OTHER: DispositionInfo("Unknown eligibility, other", "Неизвестно, прочее"),
    _D.OUT_OF_SAMPLE: DispositionInfo(
        "Out of sample (not the sampled organisation or person)",
        "Вне выборки (не та организация или не тот человек)",
    ),
    _D.FAX_DATA_LINE: DispositionInfo("Fax/data line", "Факс или линия передачи данных"),
    _D.NON_WORKING_DISCONNECTED: DispositionInfo(
        "Non-working/disconnected number", "Номер не работает или отключён"
    ),
    _D.NON_WORKING_NUMBER: DispositionInfo("Non-working number", "Несуществующий номер"),
    _D.DISCONNECTED_NUMBER: DispositionInfo("Disconnected number", "Номер отключён"),
    _D.TEMPORARILY_OUT_OF_SERVICE: DispositionInfo(
        "Temporarily out of service", "Временно не обслуживается"
    ),
    _D.SPECIAL_TECHNOLOGICAL: DispositionInfo(
        "Special technological circumstances", "Особые технические обстоятельства"
    ),
    _D.NUMBER_CHANGED: DispositionInfo("Number changed", "Номер сменился"),
    _D.NON_RESIDENCE: DispositionInfo("Non-residence", "Не жилой номер"),
    _D.BUSINESS: DispositionInfo(
        "Business, government office, other organisation",
        "Предприятие, госучреждение, другая организация",
    ),
    _D.INSTITUTION: DispositionInfo("Institution", "Учреждение (больница, общежитие и т. п.)"),
    _D.GROUP_QUARTERS: DispositionInfo("Group quarters", "Групповое жильё"),
    _D.NO_ELIGIBLE_RESPONDENT: DispositionInfo(
        "No eligible respondent (screened out)", "Нет подходящего респондента (отсев)"
    ),
    _D.QUOTA_FILLED: DispositionInfo("Quota filled", "Квота заполнена"),
    _D.OTHER_INELIGIBLE: DispositionInfo("Other ineligible", "Прочие неподходящие"),
    _D.APPOINTMENT_HARD: DispositionInfo(
        "Callback: appointment at an exact time", "Перезвон: точное время"
    ),
    _D.APPOINTMENT_SOFT: DispositionInfo(
        "Callback: soft appointment (a time window)", "Перезвон: примерное время"
    ),
    _D.SOFT_REFUSAL_GATEKEEPER: DispositionInfo(
        "Soft refusal by a gatekeeper (conversion possible)",
        "Мягкий отказ секретаря (возможна повторная попытка)",
    ),
    _D.SOFT_REFUSAL_RESPONDENT: DispositionInfo(
        "Soft refusal by the respondent (conversion possible)",
        "Мягкий отказ респондента (возможна повторная попытка)",
    ),
    _D.INTERRUPTED: DispositionInfo(
        "Interview interrupted, to be resumed", "Интервью прервано, продолжить позже"
    ),
    _D.ANSWERING_MACHINE_ELIGIBLE_RETRY: DispositionInfo(
        "Answering machine (organisation confirmed), try again",
        "Автоответчик (организация подтверждена), повторить",
    ),
    _D.RESPONDENT_UNAVAILABLE_RETRY: DispositionInfo(
        "Respondent not available now, try again",
        "Респондент сейчас недоступен, повторить",
    ),
    _D.LANGUAGE_RETRY: DispositionInfo(
        "Needs an interviewer speaking another language",
        "Нужен интервьюер, говорящий на другом языке",
    ),
    _D.BUSY_RETRY: DispositionInfo("Busy, try again", "Занято, повторить"),
    _D.NO_ANSWER_RETRY: DispositionInfo("No answer, try again", "Нет ответа, повторить"),
    _D.ANSWERING_MACHINE_RETRY: DispositionInfo(
        "Answering machine, try again", "Автоответчик, повторить"
    ),
    _D.TECHNICAL_RETRY: DispositionInfo(
        "Technical phone problem, try again", "Технические проблемы, повторить"
    ),
    _D.UNKNOWN_RESPONDENT_RETRY: DispositionInfo(
        "Organisation reached, contact person not yet found",
        "Организация подтверждена, контактное лицо ещё не найдено",
    ),
}

FINAL_DISPOSITIONS: tuple[Disposition, ...] = tuple(d for d in Disposition if d.is_final)
TEMPORARY_DISPOSITIONS: tuple[Disposition, ...] = tuple(d for d in Disposition if not d.is_final)
