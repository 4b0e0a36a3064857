from __future__ import annotations

from pathlib import Path

import pytest

from cati.sample.columns import (
    ColumnRole,
    MappingSpec,
    attribute_key,
    column_letter,
    load_mapping_file,
    normalise_header,
    plan_columns,
)
from cati.sample.errors import ColumnMappingError


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Компания", ColumnRole.COMPANY),
        ("ОРГАНИЗАЦИЯ", ColumnRole.COMPANY),
        ("Company", ColumnRole.COMPANY),
        ("ФИО", ColumnRole.NAME),
        ("Контактное лицо", ColumnRole.NAME),
        ("Contact", ColumnRole.NAME),
        ("Должность", ColumnRole.POSITION),
        ("Job title", ColumnRole.POSITION),
        ("Телефон", ColumnRole.PHONE),
        ("Тел.", ColumnRole.PHONE),
        ("Тел. 2", ColumnRole.PHONE),
        ("Mobile", ColumnRole.PHONE),
        ("phone_1", ColumnRole.PHONE),
        ("Доб.", ColumnRole.EXTENSION),
        ("Ext", ColumnRole.EXTENSION),
        ("E-mail", ColumnRole.EMAIL),
        ("Почта", ColumnRole.EMAIL),
        ("Регион", ColumnRole.REGION),
        ("Город", ColumnRole.CITY),
        ("Менеджер", ColumnRole.MANAGER),
        ("Дата последнего заказа", ColumnRole.ATTRIBUTE),
    ],
)
def test_headers_in_russian_and_english_are_recognised(header: str, role: ColumnRole) -> None:
    assert plan_columns([header]).columns[0].role is role


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Дата последнего заказа", "last_order"),
        ("Last order", "last_order"),
        ("Заказов в год", "orders_per_year"),
        ("Orders per year", "orders_per_year"),
        ("Выручка", "revenue"),
        ("Выручка, руб.", "revenue"),
        ("Revenue (USD)", "revenue"),
        ("Выручка 2023", "revenue_2023"),
        ("Продукт", "product"),
        ("Роль в закупке", "decision_role"),
        ("Decision role", "decision_role"),
        ("Сумма счёта, руб.", "summa_scheta_rub"),
        ("Объём поставок (т)", "obem_postavok_t"),
        ("2023 год", "c_2023_god"),
        ("Щука/Ёж", "shchuka_ezh"),
        ("!!!", ""),
    ],
)
def test_attribute_keys_are_stable_ascii_identifiers(header: str, key: str) -> None:
    assert attribute_key(header) == key


def test_normalisation_ignores_case_spaces_punctuation_and_yo() -> None:
    assert normalise_header(" E-MAIL ") == normalise_header("email")
    assert normalise_header("Населённый пункт") == normalise_header("населенный  пункт")


def test_several_phone_columns_are_kept_in_order_and_second_singles_become_attributes() -> None:
    plan = plan_columns(["Телефон", "E-mail", "Тел. 2", "Email", "", "Город", "Выручка", "Оборот"])
    assert [c.index for c in plan.phone_columns] == [0, 2]
    assert [(c.role, c.key) for c in plan.columns[3:]] == [
        (ColumnRole.ATTRIBUTE, "email_2"),
        (ColumnRole.ATTRIBUTE, "column_e"),
        (ColumnRole.CITY, "city"),
        (ColumnRole.ATTRIBUTE, "revenue"),
        (ColumnRole.ATTRIBUTE, "revenue_2"),
    ]
    assert plan.attribute_labels["column_e"] == "Column E"
    assert plan.attribute_labels["revenue_2"] == "Оборот"


def test_column_letters_follow_excel() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_mapping_file_names_phone_columns_attributes_and_ignored_columns(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        'columns:\n  "Тел. моб.": phone\n  "Тел раб": phone\n  "Клиент": company\n'
        '  "Дата посл. отгрузки": last_order\n  "Служебное": ignore\n  "Нет такой": email\n'
        "auto: false\nsheet: Лист1\nheader_row: 2\n",
        encoding="utf-8",
    )
    spec = load_mapping_file(path)
    assert spec.sheet == "Лист1" and spec.header_row == 2 and not spec.auto
    plan = plan_columns(
        ["Клиент", "тел. моб", "ТЕЛ. РАБ.", "Дата посл. отгрузки", "Служебное", "Должность"],
        spec,
    )
    assert [(c.role, c.key) for c in plan.columns] == [
        (ColumnRole.COMPANY, "company"),
        (ColumnRole.PHONE, "phone"),
        (ColumnRole.PHONE, "phone"),
        (ColumnRole.ATTRIBUTE, "last_order"),
        (ColumnRole.IGNORE, "ignore"),
        (ColumnRole.ATTRIBUTE, "dolzhnost"),  # auto: false, so not guessed as position
    ]
    assert plan.unmatched == ("Нет такой",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- just a list\n", "YAML mapping"),
        ("columns: []\n", "'columns:'"),
        ("columns: {Телефон: 'Last Order!'}\n", "neither a role"),
        ("columns: {Телефон: attribute}\n", "attribute's key"),
        ("columns: {Телефон: phone}\ncolour: red\n", "unknown settings"),
        ("columns: {Телефон: phone}\nheader_row: 0\n", "header_row"),
        ("columns: {Телефон: phone}\nencoding: klingon\n", "encoding"),
        ("columns: {Телефон: phone\n", "not valid YAML"),
    ],
)
def test_bad_mapping_files_are_explained(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ColumnMappingError) as caught:
        load_mapping_file(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_mapping_file_is_a_mapping_error(tmp_path: Path) -> None:
    with pytest.raises(ColumnMappingError, match="cannot read"):
        load_mapping_file(tmp_path / "nope.yaml")


def test_mapping_from_code_accepts_a_plain_dict() -> None:
    spec = MappingSpec.from_dict({"columns": {"Номер": "phone"}})
    assert plan_columns(["Номер"], spec).phone_columns
