from __future__ import annotations

import pytest

from cati.sample.phones import ContactPhone, PhoneProblem, parse_phone_cell, parse_phones


@pytest.mark.parametrize(
    ("text", "e164", "extension"),
    [
        ("+7 (495) 123-45-67", "+74951234567", None),
        ("8 916 123 45 67", "+79161234567", None),
        ("8(812)3214567 доб. 123", "+78123214567", "123"),
        ("8(812)3214567 доб 123", "+78123214567", "123"),
        ("8 (812) 321-45-67 вн. 12", "+78123214567", "12"),
        ("8 (812) 321-45-67 ext. 7", "+78123214567", "7"),
        ("8 (812) 321-45-67 x7", "+78123214567", "7"),
        ("8 (812) 321-45-67 #7", "+78123214567", "7"),
        ("84951234567", "+74951234567", None),
        ("79161234567", "+79161234567", None),
        ("9161234567", "+79161234567", None),
        ("+375 29 123 45 67", "+375291234567", None),
        ("8 10 375 29 123 45 67", "+375291234567", None),
        ("375291234567", "+375291234567", None),  # Excel dropped the "+"
        ("+7 727 250 1234", "+77272501234", None),  # Almaty landline
        ("+7 701 123 4567", "+77011234567", None),  # Kazakh mobile
        ("тел.: 8-916-123-45-67 (моб.)", "+79161234567", None),
    ],
)
def test_numbers_as_people_write_them_become_e164(
    text: str, e164: str, extension: str | None
) -> None:
    phone = parse_phone_cell(text, "RU")
    assert isinstance(phone, ContactPhone), phone
    assert (phone.e164, phone.extension, phone.raw) == (e164, extension, text)


def test_country_of_a_number_is_known() -> None:
    phone = parse_phone_cell("+7 701 123 4567", "RU")
    assert isinstance(phone, ContactPhone) and phone.region_code == "KZ"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12345", "too few digits"),
        ("+7 495 123 45 67 89 00 11 22", "too many digits"),
        ("8 000 000 00 00", "not a number in use"),
    ],
)
def test_invalid_numbers_say_why(text: str, fragment: str) -> None:
    problem = parse_phone_cell(text, "RU")
    assert isinstance(problem, PhoneProblem)
    assert fragment in problem.message and problem.has_digits


def test_several_numbers_in_one_cell_are_kept_in_order() -> None:
    phones, problems = parse_phones(
        "+7 (495) 123-45-67, 8 916 123 45 67; 8 903 111-22-33 / +375 29 123 45 67", "RU"
    )
    assert [p.e164 for p in phones] == [
        "+74951234567",
        "+79161234567",
        "+79031112233",
        "+375291234567",
    ]
    assert problems == []


def test_an_extension_on_its_own_belongs_to_the_number_before_it() -> None:
    phones, _ = parse_phones("8 (495) 123-45-67, доб. 305", "RU")
    assert [(p.e164, p.extension) for p in phones] == [("+74951234567", "305")]


def test_text_without_digits_is_no_number_and_the_rest_still_counts() -> None:
    phones, problems = parse_phones("нет; 8 916 123 45 67 или 555", "RU")
    assert [p.e164 for p in phones] == ["+79161234567"]
    assert [(p.raw, p.has_digits) for p in problems] == [("нет", False), ("555", True)]


def test_spreadsheet_exponent_is_recognised_as_a_lost_number() -> None:
    phones, problems = parse_phones("7,91612E+10", "RU")
    assert phones == []
    assert "exponent" in problems[0].message
