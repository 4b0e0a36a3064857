"""A realistic Russian B2B call list with the columns DOMAIN.md segments by, made by the tests.

``TODAY`` is the date the tests' clock is set to; each row's comment says which recency
segment it belongs to on that day (new: first order within a year; lost: last order over a
year ago; regular: 12 or more orders a year; else other).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from cati.clock import SimulatedClock
from tests.cati.sample.files import write_csv, write_xlsx

TODAY = date(2024, 6, 1)
SCRIPT = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "b2b_nps_csi.yaml"

HEADER = [
    "Компания", "ФИО", "Должность", "Телефон", "Регион", "Дата первого заказа",
    "Дата последнего заказа", "Заказов в год", "Продукт", "Роль в принятии решения",
    "Выручка, руб.",
]  # fmt: skip

ROWS = [
    ['ООО "Альфа-Сталь"', "Иванов Иван Иванович", "Генеральный директор", "+7 (495) 123-45-67",
     "Москва", "01.03.2024", "20.05.2024", "24", "Металлопрокат", "ЛПР", "15 000 000"],  # new
    ['ООО "Бета"', "Петрова Анна Сергеевна", "Директор по закупкам", "8 916 123 45 67",
     "Санкт-Петербург", "10.01.2019", "15.04.2024", "14", "Трубы", "ЛПР",
     "8 500 000,50"],  # regular
    ['АО "Гамма"', "Сидоров Пётр", "Главный инженер", "8(812)3214567 доб. 123",
     "Санкт-Петербург", "05.06.2018", "01.02.2022", "2", "Трубы", "Влияет",
     "1 200 000"],  # lost
    ["ИП Кузнецов", "Кузнецов Олег", "CEO", "+7 383 211-22-33", "Новосибирская обл.",
     "12.12.2020", "30.11.2023", "6", "Металлопрокат", "ЛПР", "25 000 000"],  # other
    ['ООО "Дельта"', "Смирнова Елена", "Бухгалтер", "8 (343) 222-33-44", "Свердловская обл.",
     "01.02.2021", "10.05.2024", "12", "Арматура", "Пользователь", "600 000"],  # regular
    ['ООО "Омега"', "Волков Андрей", "Генеральный директор", "+7 423 240-00-01",
     "Приморский край", "15.08.2015", "20.03.2023", "1", "Трубы", "ЛПР", "н/д"],  # lost
    ['ООО "Сигма"', "Морозова Ольга", "Коммерческий директор", "8 903 111 22 33", "Москва",
     "20.11.2023", "20.11.2023", "1", "Арматура", "ЛПР", "3 000 000"],  # new
    ['ООО "Тета"', "Орлов Игорь", "Менеджер", "8 926 555 44 33", "Москва",
     "", "", "", "", "", ""],  # other: nothing known
]  # fmt: skip

RECENCY = {
    "Иванов Иван Иванович": "new",
    "Петрова Анна Сергеевна": "regular",
    "Сидоров Пётр": "lost",
    "Кузнецов Олег": "other",
    "Смирнова Елена": "regular",
    "Волков Андрей": "lost",
    "Морозова Ольга": "new",
    "Орлов Игорь": "other",
}

RECENCY_SEGMENTS = """\
# DOMAIN.md: recency of purchase
- name: new
  rule: days_since(first_order) <= 365
  target: 20
- name: lost
  rule: days_since(last_order) > 365
  target: 20
  population: 340
- name: regular
  rule: orders_per_year >= 12
  target: 30
"""


def clock() -> SimulatedClock:
    return SimulatedClock(datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=UTC))


def write_segmentable_csv(path: Path) -> Path:
    """The list as a Russian Excel export: cp1251, ';'."""
    return write_csv(path, [HEADER, *ROWS])


def write_segmentable_xlsx(path: Path) -> Path:
    """The same list as an XLSX workbook with real dates and numbers in the cells."""
    typed: list[list[object]] = [list(HEADER)]
    for row in ROWS:
        cells: list[object] = list(row)
        for index in (5, 6):
            if row[index]:
                day, month, year = (int(part) for part in row[index].split("."))
                cells[index] = datetime(year, month, day)
        if row[7]:
            cells[7] = int(row[7])
        typed.append(cells)
    return write_xlsx(path, typed)
