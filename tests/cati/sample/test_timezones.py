from __future__ import annotations

import csv
import importlib
import io
import pkgutil
import zoneinfo
from importlib import resources

import phonenumbers.geodata
import pytest
from phonenumbers.tzdata import TIMEZONE_DATA

from cati.sample.phones import ContactPhone, parse_phone_cell
from cati.sample.timezones import (
    RU_GEO_PREFIX_DIGITS,
    TZ_PREFIX_DIGITS,
    TimezoneSource,
    contact_time_zone,
    region_time_zone,
    region_time_zone_table,
)


def phone(text: str) -> ContactPhone:
    parsed = parse_phone_cell(text, "RU")
    assert isinstance(parsed, ContactPhone)
    return parsed


def test_the_table_covers_all_89_federal_subjects_with_real_zones() -> None:
    text = resources.files("cati.sample").joinpath("ru_time_zones.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert sum(row["kind"] == "subject" for row in rows) == 89
    for row in rows:
        zoneinfo.ZoneInfo(row["time_zone"])  # raises for a misspelt zone
    assert len(region_time_zone_table()) > 300


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Москва", "Europe/Moscow"),
        ("г. Москва", "Europe/Moscow"),
        ("Санкт-Петербург", "Europe/Moscow"),
        ("СПб", "Europe/Moscow"),
        ("Калининградская обл.", "Europe/Kaliningrad"),
        ("Новосибирская область", "Asia/Novosibirsk"),
        ("Новосибирская", "Asia/Novosibirsk"),
        ("Приморский край (Владивосток)", "Asia/Vladivostok"),
        ("г. Владивосток", "Asia/Vladivostok"),
        ("Республика Саха /Якутия/", "Asia/Yakutsk"),
        ("Ханты - Мансийский - Югра АО", "Asia/Yekaterinburg"),
        ("ХМАО", "Asia/Yekaterinburg"),
        ("Республика Удмуртская", "Europe/Samara"),
        ("Камчатский край", "Asia/Kamchatka"),
        ("Чукотский АО", "Asia/Anadyr"),
        ("Самарская обл., г. Тольятти", "Europe/Samara"),
        ("Москва и МО", "Europe/Moscow"),
        ("Novosibirsk", "Asia/Novosibirsk"),
        ("Орел", "Europe/Moscow"),
    ],
)
def test_russian_places_have_their_time_zone(text: str, zone: str) -> None:
    assert region_time_zone(text) == zone


@pytest.mark.parametrize("text", ["", "  ", "Атлантида", "Алматы"])
def test_unknown_places_have_none(text: str) -> None:
    assert region_time_zone(text) is None


def test_every_russian_place_phonenumbers_geocodes_is_in_the_table() -> None:
    descriptions = set()
    for module in pkgutil.iter_modules(phonenumbers.geodata.__path__):
        if module.name.startswith("data"):
            data = importlib.import_module(f"phonenumbers.geodata.{module.name}").data
            descriptions |= {
                v["ru"]
                for k, v in data.items()
                if k.startswith("7") and k[1:2] not in ("6", "7") and "ru" in v  # 76, 77: KZ
            }
    assert len(descriptions) > 80
    assert {d for d in descriptions if region_time_zone(d) is None} == {"Байконыр"}


def test_cache_prefix_lengths_cover_the_installed_phonenumbers_data() -> None:
    assert max(len(prefix) for prefix in TIMEZONE_DATA) <= TZ_PREFIX_DIGITS
    longest = 0
    for module in pkgutil.iter_modules(phonenumbers.geodata.__path__):
        if module.name.startswith("data"):
            data = importlib.import_module(f"phonenumbers.geodata.{module.name}").data
            longest = max([longest, *(len(k) for k in data if k.startswith("7"))])
    assert longest <= RU_GEO_PREFIX_DIGITS


@pytest.mark.parametrize(
    ("number", "region", "zone", "source"),
    [
        ("+7 (495) 123-45-67", "", "Europe/Moscow", TimezoneSource.PHONE),
        ("+7 383 123 4567", "", "Asia/Novosibirsk", TimezoneSource.PHONE),
        # phonenumbers says Europe/Bucharest (with summer time); the geocoder fixes it
        ("+7 4012 123456", "", "Europe/Kaliningrad", TimezoneSource.PHONE),
        # a landline's area code wins over a region column that says otherwise
        ("+7 4232 123456", "Москва", "Asia/Vladivostok", TimezoneSource.PHONE),
        # mobile numbers map to every Russian zone: the region column decides
        ("8 916 123 45 67", "Приморский край", "Asia/Vladivostok", TimezoneSource.REGION),
        ("8 916 123 45 67", "", "Europe/Moscow", TimezoneSource.STUDY_DEFAULT),
        ("+7 701 123 4567", "", "Asia/Almaty", TimezoneSource.PHONE),
    ],
)
def test_contact_time_zone_comes_from_number_region_or_default(
    number: str, region: str, zone: str, source: TimezoneSource
) -> None:
    result = contact_time_zone(phone(number), region, "", "Europe/Moscow", "RU")
    assert (result.name, result.source) == (zone, source)


def test_city_is_used_when_the_region_is_unknown() -> None:
    result = contact_time_zone(phone("8 916 123 45 67"), "Дальний Восток", "Хабаровск",
                               "Europe/Moscow")  # fmt: skip
    assert (result.name, result.source) == ("Asia/Vladivostok", TimezoneSource.REGION)


def test_without_any_hint_the_study_default_is_used() -> None:
    result = contact_time_zone(None, "", "", "Asia/Yekaterinburg")
    assert (result.name, result.source) == ("Asia/Yekaterinburg", TimezoneSource.STUDY_DEFAULT)
