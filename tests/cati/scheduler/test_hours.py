"""Calling hours in the contact's own time zone, days off, DST abroad, retry times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cati.dispositions.outcomes import PartOfDay
from cati.scheduler.hours import is_callable_at, next_opening, open_zones, retry_time
from cati.scheduler.settings import FieldworkSettings

DEFAULT = FieldworkSettings()


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_vladivostok_is_called_in_its_own_working_day_not_moscows() -> None:
    # Monday 2025-03-10 00:30 UTC = 10:30 in Vladivostok (UTC+10), 03:30 in Moscow.
    moment = utc(2025, 3, 10, 0, 30)
    assert is_callable_at(DEFAULT, "Asia/Vladivostok", moment)
    assert not is_callable_at(DEFAULT, "Europe/Moscow", moment)
    assert open_zones(DEFAULT, ["Europe/Moscow", "Asia/Vladivostok"], moment) == [
        "Asia/Vladivostok"
    ]


def test_kaliningrad_opens_an_hour_after_moscow() -> None:
    # 06:30 UTC on a Monday: 09:30 in Moscow (UTC+3), 08:30 in Kaliningrad (UTC+2).
    moment = utc(2025, 3, 10, 6, 30)
    assert is_callable_at(DEFAULT, "Europe/Moscow", moment)
    assert not is_callable_at(DEFAULT, "Europe/Kaliningrad", moment)
    assert next_opening(DEFAULT, "Europe/Kaliningrad", moment) == utc(2025, 3, 10, 7, 0)


def test_vladivostok_evening_closes_while_moscow_is_at_lunch() -> None:
    # 10:00 UTC = 20:00 in Vladivostok (closed: the end is exclusive), 13:00 in Moscow.
    moment = utc(2025, 3, 10, 10, 0)
    assert not is_callable_at(DEFAULT, "Asia/Vladivostok", moment)
    assert next_opening(DEFAULT, "Asia/Vladivostok", moment) == utc(2025, 3, 10, 23, 0)


def test_berlin_opening_moves_one_utc_hour_across_the_spring_dst_change() -> None:
    # Germany moves to CEST on Sunday 2025-03-30. Friday opens 08:00 UTC, Monday 07:00 UTC.
    friday_evening = utc(2025, 3, 28, 19, 30)  # 20:30 CET: closed
    assert next_opening(DEFAULT, "Europe/Berlin", friday_evening) == utc(2025, 3, 31, 7, 0)
    assert next_opening(DEFAULT, "Europe/Berlin", utc(2025, 3, 27, 20, 0)) == utc(2025, 3, 28, 8, 0)


def test_new_york_dst_change_shifts_its_hours_but_not_moscows() -> None:
    # The US moves to EDT on Sunday 2025-03-09: Friday 09:00 EST = 14:00 UTC,
    # Monday 09:00 EDT = 13:00 UTC. Moscow has no DST.
    assert next_opening(DEFAULT, "America/New_York", utc(2025, 3, 7, 12, 0)) == utc(
        2025, 3, 7, 14, 0
    )
    assert next_opening(DEFAULT, "America/New_York", utc(2025, 3, 8, 12, 0)) == utc(
        2025, 3, 10, 13, 0
    )
    assert is_callable_at(DEFAULT, "America/New_York", utc(2025, 3, 10, 13, 0))
    assert not is_callable_at(DEFAULT, "America/New_York", utc(2025, 3, 7, 13, 30))


def test_weekends_and_days_off_are_skipped_in_local_dates() -> None:
    settings = FieldworkSettings(days_off=(date(2025, 5, 1), date(2025, 5, 2)))
    thursday_morning = utc(2025, 5, 1, 7, 0)  # 10:00 in Moscow on a day off
    assert not is_callable_at(settings, "Europe/Moscow", thursday_morning)
    # Friday is off too, then the weekend: Monday 09:00 Moscow.
    assert next_opening(settings, "Europe/Moscow", thursday_morning) == utc(2025, 5, 5, 6, 0)


def test_an_unknown_time_zone_is_never_callable() -> None:
    assert not is_callable_at(DEFAULT, "Mars/Olympus_Mons", utc(2025, 3, 10, 9, 0))
    assert next_opening(DEFAULT, "Mars/Olympus_Mons", utc(2025, 3, 10, 9, 0)) is None


def test_busy_retries_fifteen_minutes_later() -> None:
    now = utc(2025, 3, 10, 8, 0)  # 11:00 Moscow
    assert retry_time(DEFAULT, "Europe/Moscow", now, timedelta(minutes=15)) == utc(
        2025, 3, 10, 8, 15
    )


def test_busy_near_closing_moves_to_the_next_working_morning() -> None:
    now = utc(2025, 3, 14, 16, 50)  # Friday 19:50 Moscow; +15 min is after 20:00
    assert retry_time(DEFAULT, "Europe/Moscow", now, timedelta(minutes=15)) == utc(
        2025, 3, 17, 6, 0
    )


def test_no_answer_goes_three_hours_later_into_an_untried_part_of_the_day() -> None:
    three_hours = timedelta(hours=3)
    # 10:00 Moscow, nobody answered in the morning: 13:00 is the afternoon, untried.
    first = utc(2025, 3, 10, 7, 0)
    assert retry_time(
        DEFAULT,
        "Europe/Moscow",
        first,
        three_hours,
        another_part_of_day=True,
        tried_parts={PartOfDay.MORNING},
    ) == utc(2025, 3, 10, 10, 0)
    # 11:30, morning and afternoon tried: 14:30 is the afternoon again -> 17:00 evening.
    second = utc(2025, 3, 10, 8, 30)
    assert retry_time(
        DEFAULT,
        "Europe/Moscow",
        second,
        three_hours,
        another_part_of_day=True,
        tried_parts={PartOfDay.MORNING, PartOfDay.AFTERNOON},
    ) == utc(2025, 3, 10, 14, 0)


def test_no_answer_in_the_evening_with_every_part_tried_goes_to_the_next_opening() -> None:
    evening = utc(2025, 3, 10, 15, 0)  # 18:00 Moscow; +3 h = 21:00, closed
    assert retry_time(
        DEFAULT,
        "Europe/Moscow",
        evening,
        timedelta(hours=3),
        another_part_of_day=True,
        tried_parts=set(PartOfDay),
    ) == utc(2025, 3, 11, 6, 0)


def test_no_answer_evening_retry_skips_the_tried_morning_next_day() -> None:
    evening = utc(2025, 3, 10, 15, 0)  # 18:00 Moscow; morning and evening tried
    assert retry_time(
        DEFAULT,
        "Europe/Moscow",
        evening,
        timedelta(hours=3),
        another_part_of_day=True,
        tried_parts={PartOfDay.MORNING, PartOfDay.EVENING},
    ) == utc(2025, 3, 11, 9, 0)  # Tuesday 12:00, the afternoon


@pytest.mark.parametrize("zone", ["Asia/Vladivostok", "Europe/Kaliningrad", "Europe/Berlin"])
def test_every_retry_lands_inside_calling_hours(zone: str) -> None:
    start = utc(2025, 3, 24, 0, 0)
    for step in range(0, 24 * 14, 5):
        now = start + timedelta(hours=step)
        when = retry_time(DEFAULT, zone, now, timedelta(hours=3), another_part_of_day=True)
        assert when is not None and when >= now + timedelta(hours=3)
        assert is_callable_at(DEFAULT, zone, when)
