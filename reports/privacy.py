"""Keep respondents' phone numbers and e-mail addresses out of every report.

Open answers are typed by interviewers as the respondent speaks, and respondents dictate
contact details ("call me on 8 916 123-45-67", "write to ivanov@firm.ru"). The report is
sent to the client, so such details are masked before any text reaches the document model.

Phones are found with Google's libphonenumber (the ``phonenumbers`` port), which knows
the numbering plans and so does not mistake "1 000 000 рублей" or an order number for a
phone; a plain pattern catches what it does not accept as a valid number (long digit runs
with phone punctuation). E-mail addresses are found with a conservative pattern.
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
    ]
    for start, end in reversed(spans):
        out = out[:start] + phone_mask + out[end:]
    return _PHONE_FALLBACK.sub(phone_mask, out)


def contains_contacts(text: str) -> bool:
    """True when ``text`` still holds something that looks like a phone or an e-mail."""
    return scrub_contacts(text, "en") != text


__all__ = ["EMAIL_MASK", "PHONE_MASK", "contains_contacts", "scrub_contacts"]
