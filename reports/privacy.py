"""Keep respondents' phone numbers and e-mail addresses out of every report.

Open answers are typed by interviewers as the respondent speaks, and respondents dictate
contact details ("call me on 8 916 123-45-67", "write to ivanov@firm.ru"). The report is
sent to the client, so such details are masked before any text reaches the document model.

Phones are found with Google's libphonenumber (the ``phonenumbers`` port), which knows
the numbering plans and so does not mistake "1 000 000 рублей" or an order number for a
phone; a plain pattern catches what it does not accept as a valid number (long digit runs
with phone punctuation). E-mail addresses are found with a conservative pattern.

Local numbers (dialled without the area code: 7 digits in Moscow and most cities, 5 or 6
in small towns) are not valid numbers for libphonenumber, and short digit runs are also
years, sums, order numbers and postcodes. The rule, in order:

1. digits grouped 3-2-2 (``123-45-67``, ``123 45 67``) are a phone: quantities are grouped
   by thousands (``1 200 000``), never in pairs;
2. a run of exactly 7 digits standing alone (``1234567``) is a phone, unless a unit or
   currency follows (``1234567 руб.``, ``1500000 ₽``, ``шт``, ``%``...) or a document word
   comes just before (``заказ``, ``счёт``, ``договор``, ``№``, ``ИНН``, ``order``...): in
   an open answer a bare 7-digit number is more likely a phone than a sum, and a phone in
   the client's report is the worse mistake;
3. digits grouped in pairs (``12-34-56``, ``1-23-45``) and runs of 5 or 6 digits are a phone
   only right after a phone word (``тел.``, ``телефон``, ``моб.``, ``звоните``, ``phone``,
   ``call``...), as they are also dates (``12-03-24``), postcodes and order numbers.

Never a phone: years and other runs of 4 digits or fewer, numbers grouped by thousands
(``1 200 000 руб.``), decimals (``1234567,5``), dates (``12.03.2024``), percentages.
"""

from __future__ import annotations

import re

import phonenumbers

PHONE_MASK = "[телефон скрыт]"
EMAIL_MASK = "[e-mail скрыт]"
MASKS = {"ru": (PHONE_MASK, EMAIL_MASK), "en": ("[phone removed]", "[e-mail removed]")}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 10 or more digits held together by phone punctuation (+, spaces, dashes, brackets).
_PHONE_FALLBACK = re.compile(r"(?<![\w.,])\+?\d(?:[ \-()]*\d){9,14}(?![\w])")

# Local numbers (see the module docstring). A candidate stands alone: no digit, letter or
# decimal/group separator followed by a digit on either side.
_SEP = "[ \u00a0\u202f-]"
_ALONE_BEFORE = r"(?<![\w+])(?<!\d[.,\u00a0\u202f -])"
_ALONE_AFTER = r"(?![\w])(?![.,\u00a0\u202f-]?\d)"
_LOCAL_GROUPED = re.compile(rf"{_ALONE_BEFORE}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_ALONE_AFTER}")
_LOCAL_RUN = re.compile(rf"{_ALONE_BEFORE}\d{{7}}{_ALONE_AFTER}")
_SHORT_LOCAL = re.compile(
    rf"{_ALONE_BEFORE}(?:\d{{1,2}}{_SEP}\d{{2}}{_SEP}\d{{2}}|\d{{5,6}}){_ALONE_AFTER}"
)
# A phone word right before the number: "тел.", "тел:", "телефон", "моб.", "сот.", "звоните
# на", "call me on", "phone: "; at most a short word or two and punctuation in between.
_PHONE_WORD = re.compile(
    r"(?:\b(?:тел|телефон\w*|моб|мобильн\w*|сот|сотов\w*|звонит\w*|позвонит\w*|набери\w*"
    r"|наберит\w*|phone|tel|mobile|cell|call)\b\.?|\bт\.)"
    r"[\s:.,\-–—]*(?:(?:на|мне|мой|мне\s+на|рабочий|me|on|at|my)\s+){0,2}$",
    re.IGNORECASE,
)
_DOCUMENT_WORD = re.compile(
    r"(?:№|#|\b(?:заказ\w*|сч[её]т\w*|договор\w*|накладн\w*|инн|кпп|огрн|окпо|бик|артикул\w*"
    r"|код\w*|order|invoice|contract|account|id|no)\b\.?)[\s:.\-]*$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:руб|р\.|₽|\$|€|usd|rub|eur|долл|евро|тыс|млн|млрд|шт|кг|км|м²|м2|т\b|%|"
    r"процент|рубл|доллар|штук|единиц|ед\.|чел|сотрудник|клиент|дн|час|мин|лет|год)",
    re.IGNORECASE,
)


def scrub_contacts(text: str, lang: str = "ru", region: str = "RU") -> str:
    """Mask phone numbers and e-mail addresses in ``text``.

    Examples
    --------
    >>> scrub_contacts("Звоните 8 916 123-45-67 или пишите a.b@firm.ru", "en")
    'Звоните [phone removed] или пишите [e-mail removed]'
    >>> scrub_contacts("Бюджет 1 000 000 рублей, заказ 12345 от 12.03.2024")
    'Бюджет 1 000 000 рублей, заказ 12345 от 12.03.2024'
    """
    phone_mask, email_mask = MASKS.get(lang, MASKS["en"])
    out = _EMAIL.sub(email_mask, text)
    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(out, region, leniency=phonenumbers.Leniency.VALID)
        if not _after_document_word(out, m.start)
    ]
    for start, end in reversed(spans):
        out = out[:start] + phone_mask + out[end:]
    out = _PHONE_FALLBACK.sub(
        lambda m: m.group() if _after_document_word(m.string, m.start()) else phone_mask, out
    )
    return _mask_local_numbers(out, phone_mask)


def _after_document_word(text: str, start: int) -> bool:
    """Whether a document word (``ИНН``, ``заказ №``, ``invoice``...) comes right before."""
    return _DOCUMENT_WORD.search(text[max(0, start - 40) : start]) is not None


def _mask_local_numbers(text: str, mask: str) -> str:
    """Mask local numbers by the rule of the module docstring."""

    def run(match: re.Match[str]) -> str:
        data = _UNIT_AFTER.match(match.string, match.end()) or _after_document_word(
            match.string, match.start()
        )
        return match.group() if data else mask

    def short(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 40) : match.start()]
        return mask if _PHONE_WORD.search(before) else match.group()

    text = _LOCAL_GROUPED.sub(mask, text)
    text = _LOCAL_RUN.sub(run, text)
    return _SHORT_LOCAL.sub(short, text)


def contains_contacts(text: str) -> bool:
    """True when ``text`` still holds something that looks like a phone or an e-mail."""
    return scrub_contacts(text, "en") != text


__all__ = ["EMAIL_MASK", "PHONE_MASK", "contains_contacts", "scrub_contacts"]
