"""A synthetic B2B client base shaped like a Russian CRM export, for the demo study.

The file looks like what a research agency receives from a client's sales department: an
Excel export saved as CSV in Windows-1251 with ``;``, Russian company names with their legal
forms, contact persons with positions and their role in purchasing, phones written the ways
Russian CRMs write them (from Kaliningrad to Vladivostok, plus a few Kazakh and Belarusian
numbers), regions and cities, the account manager, first and last order dates, orders per
year and revenue. Some rows are dirty on purpose (duplicates, missing or broken phones, a
junk line) so the import's rejects are visible.

Everything is drawn from a seeded generator: the same seed gives the same file.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

import phonenumbers

COLUMNS = (
    "Компания",
    "ИНН",
    "Контактное лицо",
    "Должность",
    "Роль в закупке",
    "Телефон",
    "Доб.",
    "Телефон 2",
    "E-mail",
    "Регион",
    "Город",
    "Менеджер",
    "Продукт",
    "Дата первого заказа",
    "Дата последнего заказа",
    "Заказов в год",
    "Выручка за год, руб.",
)

LEGAL_FORMS = ("ООО", "ООО", "ООО", "АО", "ПАО", "ЗАО", "ИП")
NAME_PARTS = (
    "Вектор",
    "Альтаир",
    "Северная",
    "Урал",
    "Техно",
    "Строй",
    "Пром",
    "Энерго",
    "Гранит",
    "Меридиан",
    "Импульс",
    "Ресурс",
    "Сибирь",
    "Волга",
    "Балтика",
    "Орион",
    "Лидер",
    "Стандарт",
    "Прогресс",
    "Мастер",
    "Инвест",
    "Альянс",
    "Феникс",
    "Монолит",
    "Кристалл",
)
NAME_SUFFIXES = (
    "",
    "Сервис",
    "Комплект",
    "Снаб",
    "Торг",
    "Маш",
    "Монтаж",
    " Групп",
    "-Профи",
    "Логистик",
)

MALE_NAMES = (
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Игорь",
    "Владимир",
    "Николай",
    "Олег",
    "Павел",
    "Роман",
    "Виктор",
)
FEMALE_NAMES = (
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Анна",
    "Светлана",
    "Мария",
    "Юлия",
    "Екатерина",
    "Марина",
    "Анастасия",
)
PATRONYMIC_ROOTS = (
    "Александров",
    "Сергеев",
    "Дмитриев",
    "Андреев",
    "Алексеев",
    "Викторов",
    "Николаев",
    "Владимиров",
    "Игорев",
    "Павлов",
    "Петров",
    "Иванов",
)
SURNAMES = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
)

POSITIONS = (  # (position, weight, typical role in purchasing)
    ("Генеральный директор", 8, "ЛПР"),
    ("Коммерческий директор", 6, "ЛПР"),
    ("Директор по закупкам", 10, "ЛПР"),
    ("Начальник отдела снабжения", 14, "ЛВР"),
    ("Главный инженер", 8, "ЛВР"),
    ("Менеджер по закупкам", 22, "Исполнитель"),
    ("Специалист по снабжению", 18, "Исполнитель"),
    ("Главный бухгалтер", 5, "Согласующий"),
    ("Инженер-технолог", 9, "Пользователь"),
)
PRODUCTS = (
    "Металлопрокат",
    "Крепёж и метизы",
    "Электрооборудование",
    "Инструмент",
    "Запорная арматура",
    "Средства защиты",
)
MANAGERS = (
    "Анна Котова",
    "Игорь Белов",
    "Марина Ершова",
    "Денис Гусев",
    "Ольга Титова",
    "Руслан Ахметов",
    "Светлана Ким",
    "Павел Рябов",
)

# (region, city, how the city's landline numbers start after +7, share of contacts)
RUSSIAN_PLACES = (
    ("Москва", "Москва", ("495", "499"), 24),
    ("Московская обл.", "Химки", ("495", "498"), 6),
    ("Санкт-Петербург", "Санкт-Петербург", ("812",), 10),
    ("Калининградская обл.", "Калининград", ("4012",), 3),
    ("Нижегородская обл.", "Нижний Новгород", ("831",), 4),
    ("Республика Татарстан", "Казань", ("843",), 4),
    ("Самарская обл.", "Самара", ("846",), 4),
    ("Ростовская обл.", "Ростов-на-Дону", ("863",), 4),
    ("Краснодарский край", "Краснодар", ("861",), 4),
    ("Свердловская обл.", "Екатеринбург", ("343",), 6),
    ("Челябинская обл.", "Челябинск", ("351",), 3),
    ("Новосибирская обл.", "Новосибирск", ("383",), 5),
    ("Красноярский край", "Красноярск", ("391",), 3),
    ("Иркутская обл.", "Иркутск", ("3952",), 2),
    ("Хабаровский край", "Хабаровск", ("4212",), 2),
    ("Приморский край", "Владивосток", ("423",), 3),
)
FOREIGN_PLACES = (  # (region, city, country code, area codes, mobile prefixes)
    ("Казахстан", "Алматы", "7", ("727",), ("701", "777")),
    ("Казахстан", "Астана", "7", ("7172",), ("702", "747")),
    ("Беларусь", "Минск", "375", ("17",), ("29", "33", "44")),
)
RUSSIAN_MOBILE_PREFIXES = (
    "903",
    "905",
    "909",
    "910",
    "915",
    "916",
    "917",
    "919",
    "925",
    "926",
    "950",
    "960",
    "977",
    "985",
    "999",
)

TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)


@dataclass(frozen=True)
class BaseSettings:
    contacts: int = 1500
    seed: int = 20261123
    today: date = date(2026, 11, 1)  # the export's date: "last order" is counted from it


def _valid(number: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number))
    except phonenumbers.NumberParseException:
        return False


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _number(rng: random.Random, country: str, prefix: str) -> str:
    """A valid E.164 number under ``prefix`` (the national part is 10 digits in +7)."""
    national_length = 10 if country == "7" else 9
    for _ in range(200):
        first = rng.choice("23456789")
        candidate = f"+{country}{prefix}{first}{_digits(rng, national_length - len(prefix) - 1)}"
        if _valid(candidate):
            return candidate
    raise RuntimeError(f"no valid number under +{country} {prefix}")


def _written(rng: random.Random, e164: str, extension: str) -> tuple[str, str]:
    """The number as a CRM might have it: one of the formats seen in real exports."""
    national = e164[2:]  # +7 numbers only
    if not e164.startswith("+7"):
        country = e164[1:4] if e164.startswith("+375") else e164[1:2]
        rest = e164[1 + len(country) :]
        return f"+{country} {rest[:2]} {rest[2:5]}-{rest[5:7]}-{rest[7:]}", extension
    area, local = national[:3], national[3:]
    style = rng.randrange(6)
    text = [
        f"+7 ({area}) {local[:3]}-{local[3:5]}-{local[5:]}",
        f"8 {area} {local[:3]} {local[3:5]} {local[5:]}",
        f"8({area}){local}",
        f"8{national}",
        f"+7{national}",
        f"7-{area}-{local[:3]}-{local[3:]}",
    ][style]
    if extension and rng.random() < 0.5:  # the extension written inside the phone cell
        return f"{text} доб. {extension}", ""
    return text, extension


def _person(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.45
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    root = rng.choice(PATRONYMIC_ROOTS)
    surname = rng.choice(SURNAMES)
    if female:
        return f"{surname}а {first} {root}на", first
    return f"{surname} {first} {root}ич", first


def _company(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(NAME_PARTS) + rng.choice(NAME_SUFFIXES)
        if rng.random() < 0.3:
            name = rng.choice(NAME_PARTS) + rng.choice(NAME_PARTS).lower()
        form = rng.choice(LEGAL_FORMS)
        if form == "ИП":  # a sole trader goes by a person's name
            initials = f"{rng.choice(MALE_NAMES)[0]}. {rng.choice(MALE_NAMES)[0]}."
            full = f"ИП {rng.choice(SURNAMES)} {initials}"
        else:
            full = f"{form} «{name}»"
        if full not in used:
            used.add(full)
            return full


def generate_rows(settings: BaseSettings = BaseSettings()) -> list[dict[str, str]]:
    """The rows of the export, clean ones first drawn, then the dirty ones mixed in."""
    rng = random.Random(settings.seed)
    used: set[str] = set()
    rows: list[dict[str, str]] = []
    places = [p for p in RUSSIAN_PLACES for _ in range(p[3])]
    positions = [p for p in POSITIONS for _ in range(p[1])]
    while len(rows) < settings.contacts:
        company = _company(rng, used)
        inn = _digits(rng, 10)
        manager = rng.choice(MANAGERS)
        product = rng.choice(PRODUCTS)
        foreign = rng.random() < 0.04
        place = rng.choice(FOREIGN_PLACES) if foreign else rng.choice(places)
        # a client company has one to three contacts in its city
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            if len(rows) >= settings.contacts:
                break
            rows.append(
                _contact_row(rng, settings, company, inn, manager, product, place, positions)
            )
    return _add_dirty_rows(rng, rows)


def _contact_row(
    rng: random.Random,
    settings: BaseSettings,
    company: str,
    inn: str,
    manager: str,
    product: str,
    place: tuple,
    positions: list[tuple],
) -> dict[str, str]:
    person, first_name = _person(rng)
    position, _, role = rng.choice(positions)
    if rng.random() < 0.2:  # titles and roles do not always match in real bases
        role = rng.choice(("ЛПР", "ЛВР", "Исполнитель", "Пользователь"))
    extension = ""
    if len(place) == 5:  # Kazakhstan or Belarus
        region, city, country, areas, mobiles = place
        prefix = rng.choice(mobiles if rng.random() < 0.5 else areas)
        phone = _number(rng, country, prefix)
        written = _written(rng, phone, "")[0]
        second = ""
    else:
        region, city, areas, _ = place
        mobile = rng.random() < 0.45
        prefix = rng.choice(RUSSIAN_MOBILE_PREFIXES) if mobile else rng.choice(areas)
        phone = _number(rng, "7", prefix)
        if not mobile and rng.random() < 0.3:
            extension = str(rng.randint(100, 4999))
        written, extension = _written(rng, phone, extension)
        second = ""
        if rng.random() < 0.25:
            other = _number(rng, "7", rng.choice(RUSSIAN_MOBILE_PREFIXES))
            second = _written(rng, other, "")[0]
    first_order = settings.today - timedelta(days=rng.randint(30, 9 * 365))
    recency = rng.random()
    if recency < 0.22:  # lost: nothing ordered for more than a year
        last = settings.today - timedelta(days=rng.randint(380, 900))
    elif recency < 0.4:  # new: first ordered within the year
        first_order = settings.today - timedelta(days=rng.randint(20, 330))
        last = settings.today - timedelta(days=rng.randint(0, 60))
    else:
        last = settings.today - timedelta(days=rng.randint(0, 200))
    last = max(last, first_order)
    orders = max(1, round(rng.lognormvariate(2.0, 0.8)))
    revenue = round(rng.lognormvariate(14.2, 1.1), 2)
    login = first_name.lower().translate(TRANSLIT)
    domain = company.split("«")[-1].rstrip("»").lower().translate(TRANSLIT)
    domain = "".join(ch for ch in domain if ch.isalnum()) or "mail"
    email = f"{login}.{rng.randint(1, 99)}@{domain}.ru" if rng.random() < 0.8 else ""
    return {
        "Компания": company,
        "ИНН": inn,
        "Контактное лицо": person,
        "Должность": position,
        "Роль в закупке": role,
        "Телефон": written,
        "Доб.": extension,
        "Телефон 2": second,
        "E-mail": email,
        "Регион": region,
        "Город": city,
        "Менеджер": manager,
        "Продукт": product,
        "Дата первого заказа": first_order.strftime("%d.%m.%Y"),
        "Дата последнего заказа": last.strftime("%d.%m.%Y"),
        "Заказов в год": str(orders),
        "Выручка за год, руб.": f"{revenue:,.2f}".replace(",", "\u00a0").replace(".", ","),
    }


def _add_dirty_rows(rng: random.Random, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Duplicates, missing and broken phones, a junk line: what every real base has."""
    dirty: list[dict[str, str]] = []
    for row in rng.sample(rows, 25):  # the same person exported twice by two managers
        copy = dict(row)
        copy["Менеджер"] = rng.choice(MANAGERS)
        dirty.append(copy)
    for row in rng.sample(rows, 12):  # a phone nobody filled in
        dirty.append(
            {**row, "Телефон": "", "Доб.": "", "Телефон 2": "", "Контактное лицо": _person(rng)[0]}
        )
    for text in ("нет", "12-34", "8 (800) 555", "уточнить у менеджера", "+7 000 000-00-00"):
        row = dict(rng.choice(rows))
        dirty.append(
            {
                **row,
                "Телефон": text,
                "Телефон 2": "",
                "Доб.": "",
                "Контактное лицо": _person(rng)[0],
            }
        )
    dirty.append(dict.fromkeys(COLUMNS, "") | {"Компания": "ИТОГО", "Заказов в год": "—"})
    mixed = list(rows)
    for row in dirty:
        mixed.insert(rng.randrange(len(mixed) + 1), row)
    return mixed


def render_csv(rows: list[dict[str, str]]) -> bytes:
    """The export as Russian Excel saves it: Windows-1251, ``;``, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("cp1251")
