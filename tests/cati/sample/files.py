"""Call-list files shaped like the ones clients send, made by the tests themselves."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl

#: A Russian CRM export: title rows, ';', cp1251, mixed phone formats, quotes and line
#: breaks inside fields, a duplicate, junk and an empty row. Row numbers as Excel shows them.
RUSSIAN_EXPORT_ROWS: list[list[str]] = [
    ["Выгрузка клиентов на 01.03.2024", "", "", "", "", "", "", "", ""],  # row 1
    ["", "", "", "", "", "", "", "", ""],  # row 2
    ["Компания", "ФИО", "Должность", "Телефон", "Доб.", "Регион",
     "Дата последнего заказа", "Выручка, руб.", "Заказов в год"],  # row 3: header
    ['ООО "Ромашка"', "Иванов Иван Иванович", "Генеральный директор", "+7 (495) 123-45-67",
     "", "Москва", "12.03.2024", "1 234 567,89", "12"],  # row 4
    ['ООО "Лютик"', "Петрова Анна", "Директор; по закупкам", "8 916 123 45 67",
     "", "Приморский край (Владивосток)", "2023-01-05", "1234.5", "3"],  # row 5
    ["АО «Северсталь-Тест»", "Сидоров\nПётр", "Главный инженер", "8(812)3214567 доб. 123",
     "", "", "", "", ""],  # row 6
    ["", "", "", "", "", "", "", "", ""],  # row 7: empty
    ["Итого: 4 клиента", "", "", "", "", "", "", "", ""],  # row 8: junk, no phone
    ["ИП Дубликатов", "Повтор", "", "+7 495 123 45 67", "", "", "", "", ""],  # row 9: dup of 4
    ["ООО Мусор", "", "", "12345", "", "", "", "", ""],  # row 10: invalid number
    ["ТОО Алматы", "Нурлан", "CEO", "+7 701 123 4567", "", "", "", "", ""],  # row 11: KZ
    ["ООО Янтарь", "", "", "84012123456, 8 903 765 43 21", "55", "", "", "", ""],  # row 12
]  # fmt: skip


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    encoding: str = "cp1251",
    delimiter: str = ";",
    bom: bool = False,
) -> Path:
    """Write rows as Excel does: CRLF, minimal quoting; ``bom`` adds a byte-order mark."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Клиенты") -> Path:
    book = openpyxl.Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    book.save(path)
    return path
