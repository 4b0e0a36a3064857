"""Phone numbers as call lists write them, normalised to E.164 with ``phonenumbers``.

A cell may hold several numbers (``+7 (495) 123-45-67, 8 916 123 45 67``) separated by
``,`` ``;`` ``/``, a line break or the words "или"/"or"; they are kept in the order written.
An extension is taken from the text after the number (``доб. 123``, ``доб 123``, ``вн. 12``,
``ext 5``, ``x5``, ``#5``) or, when a fragment is only an extension (``..., доб. 123``), it
belongs to the number before it. Numbers without a country code are read in the caller's
default region (``8 916 ...`` and ``916 ...`` in Russia); a digits-only number that is not
valid there is tried once more as international (``375291234567`` -> ``+375291234567``),
which is how spreadsheets store numbers whose ``+`` was lost.

A number counts only if ``phonenumbers`` says it is *valid* (not merely the right length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

__all__ = ["ContactPhone", "PhoneProblem", "parse_phone_cell", "parse_phones"]

_SEPARATORS = re.compile(r"[,;/|\n\r]+|\s+(?:или|or|and|и)\s+", re.IGNORECASE)
_EXTENSION = re.compile(
    r"(?:\bдоб(?:авочный)?|\bвн(?:утр(?:енний)?)?|\bд|\bext(?:ension)?|x|#)\.?\s*:?\s*(\d{1,8})\W*$",
    re.IGNORECASE,
)
_ONLY_EXTENSION = re.compile(
    r"\W*(?:доб(?:авочный)?|вн(?:утр(?:енний)?)?|ext(?:ension)?)\.?\s*:?\s*(\d{1,8})\W*",
    re.IGNORECASE,
)
_EXPONENT = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")
_NUMBER_SPAN = re.compile(r"[+(\d].*\d", re.DOTALL)
_MIN_INTERNATIONAL_DIGITS = 11


@dataclass(frozen=True, slots=True)
class ContactPhone:
    """One valid number of a contact, in E.164 with its extension and the text it came from.

    ``number`` is ``phonenumbers``' parsed form, kept from parsing; a phone sent between
    processes travels without it (:meth:`parsed` parses the E.164 form again when needed).
    """

    e164: str
    extension: str | None
    raw: str
    region_code: str  # ISO country of the number ("RU", "KZ"), "" for non-geographic ones
    number: phonenumbers.PhoneNumber | None = field(default=None, compare=False, repr=False)

    def with_extension(self, extension: str) -> ContactPhone:
        return ContactPhone(self.e164, extension, self.raw, self.region_code, self.number)

    def parsed(self) -> phonenumbers.PhoneNumber:
        """``phonenumbers``' form of the number (an E.164 string always parses)."""
        return self.number if self.number is not None else phonenumbers.parse(self.e164)


@dataclass(frozen=True, slots=True)
class PhoneProblem:
    """A piece of a phone cell that is not a valid number, with a reason for people."""

    raw: str
    message: str
    has_digits: bool  # False for notes like "нет" or "-": the cell holds no number at all


def parse_phones(text: str, default_region: str) -> tuple[list[ContactPhone], list[PhoneProblem]]:
    """All numbers in one cell, valid ones in order, and the pieces that are not numbers."""
    phones: list[ContactPhone] = []
    problems: list[PhoneProblem] = []
    if _EXPONENT.fullmatch(text.strip()):
        message = "the number was turned into a spreadsheet exponent (like 7,91612E+10)"
        return phones, [PhoneProblem(text.strip(), message, has_digits=True)]
    for piece in _SEPARATORS.split(text):
        fragment = piece.strip()
        if not fragment:
            continue
        only_extension = _ONLY_EXTENSION.fullmatch(fragment)
        if only_extension and phones and phones[-1].extension is None:
            phones[-1] = phones[-1].with_extension(only_extension.group(1))
            continue
        result = parse_phone_cell(fragment, default_region)
        if isinstance(result, ContactPhone):
            phones.append(result)
        else:
            problems.append(result)
    return phones, problems


def parse_phone_cell(fragment: str, default_region: str) -> ContactPhone | PhoneProblem:
    """One number written by a person, or the reason it is not one."""
    has_digits = any(ch.isdigit() for ch in fragment)
    if not has_digits:
        return PhoneProblem(fragment, "no phone number in the text", has_digits=False)
    extension: str | None = None
    body = fragment
    match = _EXTENSION.search(body)
    if match and sum(ch.isdigit() for ch in body[: match.start()]) >= 5:
        extension = match.group(1)
        body = body[: match.start()]
    span = _NUMBER_SPAN.search(body)
    if span is None:
        return PhoneProblem(fragment, "too few digits for a phone number", has_digits=True)
    body = span.group(0)
    number = _parse(body, default_region)
    if number is None and not body.lstrip().startswith("+"):
        digits = "".join(ch for ch in body if ch.isdigit())
        if len(digits) >= _MIN_INTERNATIONAL_DIGITS and not digits.startswith(
            _domestic_prefixes(default_region)
        ):
            number = _parse("+" + digits, default_region)
    if number is None:
        return PhoneProblem(fragment, _why_invalid(body, default_region), has_digits=True)
    extension = extension or number.extension or None
    return ContactPhone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        extension=extension,
        raw=fragment,
        region_code=phonenumbers.region_code_for_number(number) or "",
        number=number,
    )


@cache
def _domestic_prefixes(region: str) -> tuple[str, ...]:
    """How numbers dialled inside ``region`` start: its trunk prefix and country code.

    Such a number is never retried as international: ``8 000 000 00 00`` in Russia is a
    broken domestic number, not ``+800`` (an international freephone).
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefixes = [str(phonenumbers.country_code_for_region(region))]
    if metadata is not None and metadata.national_prefix:
        prefixes.append(metadata.national_prefix)
    return tuple(prefixes)


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _why_invalid(text: str, region: str) -> str:
    digits = sum(ch.isdigit() for ch in text)
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        if error.error_type == NumberParseException.TOO_LONG:
            return f"too many digits for a phone number ({digits})"
        if error.error_type in (
            NumberParseException.TOO_SHORT_NSN,
            NumberParseException.TOO_SHORT_AFTER_IDD,
        ):
            return f"too few digits for a phone number ({digits})"
        return f"not a phone number ({digits} digits)"
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        return f"too few digits for a phone number ({digits})"
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        return f"too many digits for a phone number ({digits})"
    if reason == phonenumbers.ValidationResult.INVALID_COUNTRY_CODE:
        return "unknown country code"
    return "not a number in use (no such operator or area code)"
