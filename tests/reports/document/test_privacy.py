"""Phone numbers and e-mail addresses of respondents are masked; ordinary numbers are not."""

from __future__ import annotations

import pytest

from reports.privacy import contains_contacts, scrub_contacts


@pytest.mark.parametrize(
    "text",
    [
        "Перезвоните мне по номеру +7 916 555-12-34.",
        "Мой телефон 8 (495) 123-45-67, звоните после обеда.",
        "тел. 89161234567",
        "call +44 20 7946 0958 please",
        "Пишите на ivanov@stroytorg.ru, отвечу.",
        "e-mail: Ivan.Petrov+orders@mail.co.uk",
    ],
)
def test_contacts_are_masked(text: str) -> None:
    out = scrub_contacts(text, "ru")
    assert "скрыт" in out
    assert not contains_contacts(out)
    assert "@" not in out and not any(ch.isdigit() for ch in out.split("скрыт")[0][-6:])


@pytest.mark.parametrize(
    "text",
    ["Бюджет 1 000 000 рублей в год", "Заказ 12345 от 12.03.2024", "Скидка 15 %, отсрочка 30 дней"],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert scrub_contacts(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("тел: 123-45-67", "тел: [телефон скрыт]"),
        ("звоните мне на 123 45 67 до 18:00", "звоните мне на [телефон скрыт] до 18:00"),
        ("Мой прямой 1234567, спросить Ольгу", "Мой прямой [телефон скрыт], спросить Ольгу"),
        ("а 123-45-67 уже не работает", "а [телефон скрыт] уже не работает"),
        ("(1234567)", "([телефон скрыт])"),
        ("тел. 12-34-56 (райцентр)", "тел. [телефон скрыт] (райцентр)"),
        ("моб. 123456", "моб. [телефон скрыт]"),
        ("т.1-23-45", "т.[телефон скрыт]"),
        ("call me on 555 12 34", "call me on [телефон скрыт]"),
        ("phone: 5551234", "phone: [телефон скрыт]"),
    ],
)
def test_local_numbers_without_the_area_code_are_masked(text: str, expected: str) -> None:
    assert scrub_contacts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "В 2024 году выручка 1 200 000 руб.",  # grouped by thousands: a sum
        "потеряли 1200000 руб. на простое",  # a unit follows
        "закупили 1500000 ₽, 2500000 шт",
        "рост на 1234567 клиентов",
        "заказ 1234567 пришёл не полностью",  # a document word comes before
        "по счёту № 1234567 и договору 7654321",
        "ИНН 7712345678",
        "номер заказа 123456",
        "индекс 123456, Москва",  # a postcode: 6 digits without a phone word
        "поставка 12-03-24, следующая 15.04.2024",  # dates
        "12 34 56",  # pairs without a phone word
        "1234567,5 тонны",  # a decimal
        "коэффициент 0,1234567",
    ],
)
def test_numbers_that_are_data_stay(text: str) -> None:
    assert scrub_contacts(text) == text


def test_masks_follow_the_report_language() -> None:
    assert scrub_contacts("a@b.ru", "en") == "[e-mail removed]"
    assert scrub_contacts("a@b.ru", "ru") == "[e-mail скрыт]"
