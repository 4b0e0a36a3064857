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


def test_masks_follow_the_report_language() -> None:
    assert scrub_contacts("a@b.ru", "en") == "[e-mail removed]"
    assert scrub_contacts("a@b.ru", "ru") == "[e-mail скрыт]"
