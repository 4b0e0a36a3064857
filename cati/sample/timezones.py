"""The local time zone of a contact, so calling hours are kept in the client's own time.

Decided in this order, first answer wins (the source is recorded with the zone):

1. ``phone``: a Russian landline's area code names a federal subject (``phonenumbers``'
   geocoder, e.g. ``+7 4012`` -> "Калининградская обл."), looked up in the shipped table
   ``ru_time_zones.csv``. This comes first because ``phonenumbers``' own time-zone data maps
   some Russian area codes to foreign zones with other daylight-saving rules (``+7 4012`` ->
   ``Europe/Bucharest``).
2. ``phone``: ``phonenumbers.timezone`` gives exactly one zone for the number.
3. ``region``: the number is ambiguous (Russian mobile numbers map to all eleven Russian
   zones) and the row's region column, else its city column, is in the table
   (``Приморский край``, ``Новосибирская обл.``, ``г. Владивосток``, ``Moscow``).
4. ``study_default``: the study's default zone, when the number says nothing, or when it is
   a number of the study's own country whose zones include the default.
5. ``phone``: otherwise the first of the number's zones in alphabetical order, so that the
   choice is at least deterministic (a Kazakh mobile number in a Moscow study gets
   ``Asia/Almaty``).

The table covers all 89 federal subjects as named in Russian law and by ``phonenumbers``, with
common short forms (``СПб``, ``ХМАО``, ``Подмосковье``) and about 130 cities by population
and regional capitals, in Russian and English. Names are matched ignoring case, punctuation,
``ё``/``е`` and the words "область", "край", "республика", "г.", "АО"; a cell like
``Новосибирская обл., г. Бердск`` is tried part by part.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from phonenumbers import timezone as number_time_zones

from cati.sample.phones import ContactPhone

__all__ = [
    "ContactTimeZone",
    "TimezoneSource",
    "contact_time_zone",
    "region_time_zone",
    "region_time_zone_table",
]

_TABLE_FILE = "ru_time_zones.csv"
_UNKNOWN_ZONE = "Etc/Unknown"
_STOP_WORDS = frozenset(
    {
        "область", "обл", "край", "республика", "респ", "автономныи", "автономная",
        "автономнои", "ао", "аобл", "округ", "г", "город", "гор", "народная", "фо",
        "oblast", "obl", "krai", "kray", "republic", "region", "of", "the", "city", "okrug",
    }
)  # fmt: skip
#: The longest prefix (with the country code) in ``phonenumbers``' time-zone data.
TZ_PREFIX_DIGITS = 9
#: The longest prefix of a +7 number in ``phonenumbers``' geocoding data.
RU_GEO_PREFIX_DIGITS = 8
_ZONE_CACHE: dict[str, str | tuple[str, ...]] = {}
_ZONE_CACHE_SIZE = 100_000
_PARTS = re.compile(r"[,;()/\[\]]")


class TimezoneSource(StrEnum):
    """Where a contact's time zone came from (the same values as the database's enum)."""

    PHONE = "phone"
    REGION = "region"
    STUDY_DEFAULT = "study_default"


@dataclass(frozen=True, slots=True)
class ContactTimeZone:
    name: str  # IANA zone, e.g. "Asia/Vladivostok"
    source: TimezoneSource


def _normalise_place(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(word for word in letters.split() if word not in _STOP_WORDS)


@cache
def region_time_zone_table() -> dict[str, str]:
    """Normalised place name -> IANA zone, from the shipped ``ru_time_zones.csv``."""
    text = resources.files("cati.sample").joinpath(_TABLE_FILE).read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        names = [row["name"], *(alias for alias in row["aliases"].split("|") if alias)]
        for name in names:
            key = _normalise_place(name)
            if table.get(key, row["time_zone"]) != row["time_zone"]:
                raise ValueError(f"{_TABLE_FILE}: {name!r} is listed with two time zones")
            table[key] = row["time_zone"]
    return table


def region_time_zone(text: str) -> str | None:
    """The time zone of a Russian region or city written by a person, or ``None``."""
    if not text or not text.strip():
        return None
    return _region_time_zone(text)


@lru_cache(maxsize=4096)  # a call list repeats a few hundred place names
def _region_time_zone(text: str) -> str | None:
    table = region_time_zone_table()
    key = _normalise_place(text)
    if key in table:
        return table[key]
    for part in _PARTS.split(text):
        part_key = _normalise_place(part)
        if part_key in table:
            return table[part_key]
    words = key.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]) in table:
            return table[" ".join(words[:size])]
    return None


def _number_zone(phone: ContactPhone) -> str | tuple[str, ...]:
    """One zone the number is sure of, or the zones it could be in (maybe none).

    Geocoding costs more than parsing, so answers are cached by the number's leading digits:
    ``phonenumbers`` decides zones by prefixes of at most :data:`TZ_PREFIX_DIGITS` digits and
    Russian places by at most :data:`RU_GEO_PREFIX_DIGITS` (tests check both against the
    installed data), so numbers sharing that many leading digits share the answer.
    """
    digits = RU_GEO_PREFIX_DIGITS if phone.region_code == "RU" else TZ_PREFIX_DIGITS
    key = phone.e164[: 1 + digits]
    cached = _ZONE_CACHE.get(key)
    if cached is None:
        if len(_ZONE_CACHE) >= _ZONE_CACHE_SIZE:
            _ZONE_CACHE.clear()
        cached = _ZONE_CACHE[key] = _number_zone_uncached(phone)
    return cached


def _number_zone_uncached(phone: ContactPhone) -> str | tuple[str, ...]:
    # Imported here: loading the geocoder's data takes a second and about 100 MB, which
    # the commands and processes that only parse phones (cati.sample.row_pool's workers)
    # never need.
    from phonenumbers import geocoder

    number = phone.parsed()
    if phone.region_code == "RU":
        zone = region_time_zone(geocoder.description_for_number(number, "ru"))
        if zone:
            return zone
    zones = tuple(z for z in number_time_zones.time_zones_for_number(number) if z != _UNKNOWN_ZONE)
    return zones[0] if len(zones) == 1 else zones


def contact_time_zone(
    phone: ContactPhone | None,
    region: str,
    city: str,
    default_zone: str,
    default_region: str = "RU",
) -> ContactTimeZone:
    """The contact's zone from the first phone, the region or city, or the default (see above)."""
    candidates: tuple[str, ...] = ()
    if phone is not None:
        from_number = _number_zone(phone)
        if isinstance(from_number, str):
            return ContactTimeZone(from_number, TimezoneSource.PHONE)
        candidates = from_number
    for place in (region, city):
        zone = region_time_zone(place)
        if zone:
            return ContactTimeZone(zone, TimezoneSource.REGION)
    domestic = phone is None or phone.region_code in ("", default_region)
    if not candidates or (domestic and default_zone in candidates):
        return ContactTimeZone(default_zone, TimezoneSource.STUDY_DEFAULT)
    return ContactTimeZone(sorted(candidates)[0], TimezoneSource.PHONE)
