"""Calling hours in the contact's local time, and when to call again after an outcome.

Everything here is pure: UTC instants in, UTC instants out, local time computed with the IANA
database (``zoneinfo``), so daylight-saving changes abroad (a Berlin or New York client) and
zones far from Moscow (Vladivostok +10, Kaliningrad +2) need no special cases. An unknown
time-zone name is never "open": nobody is called at a time we cannot know is decent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cati.dispositions.outcomes import AFTERNOON_STARTS, EVENING_STARTS, PartOfDay, part_of_day
from cati.scheduler.settings import FieldworkSettings

__all__ = [
    "is_callable_at",
    "local_part_of_day",
    "next_opening",
    "open_zones",
    "retry_time",
    "zone_of",
]

#: How far ahead to look for calling hours before deciding there are none.
_HORIZON_DAYS = 370


@lru_cache(maxsize=1024)
def zone_of(name: str) -> ZoneInfo | None:
    """The IANA zone named ``name``, or None when the name is not a known zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("calling hours need a timezone-aware time (UTC)")


def is_callable_at(settings: FieldworkSettings, timezone: str, moment: datetime) -> bool:
    """Whether ``moment`` falls inside the calling hours of a contact in ``timezone``."""
    _require_aware(moment)
    zone = zone_of(timezone)
    if zone is None:
        return False
    local = moment.astimezone(zone)
    return any(w.contains(local.time()) for w in settings.windows_on(local.date()))


def open_zones(settings: FieldworkSettings, zones: Iterable[str], moment: datetime) -> list[str]:
    """The zones among ``zones`` whose contacts may be called at ``moment``."""
    return sorted(z for z in set(zones) if is_callable_at(settings, z, moment))


def _local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def next_opening(settings: FieldworkSettings, timezone: str, after: datetime) -> datetime | None:
    """The first instant at or after ``after`` inside the contact's calling hours.

    None when the zone is unknown or the study has no calling hours in the coming year.
    """
    _require_aware(after)
    zone = zone_of(timezone)
    if zone is None:
        return None
    local = after.astimezone(zone)
    for offset in range(_HORIZON_DAYS):
        day = local.date() + timedelta(days=offset)
        for window in settings.windows_on(day):
            start, end = _local(day, window.start, zone), _local(day, window.end, zone)
            if after < end:
                return max(start, after.astimezone(UTC))
    return None


def local_part_of_day(timezone: str, moment: datetime) -> PartOfDay | None:
    """Morning, afternoon or evening at ``moment`` where the contact is."""
    zone = zone_of(timezone)
    if zone is None:
        return None
    return part_of_day(moment.astimezone(zone).time())


def _next_part_boundary(timezone: str, moment: datetime) -> datetime:
    """The start of the next part of the contact's day after ``moment`` (12:00, 17:00,
    or the next midnight)."""
    zone = zone_of(timezone)
    assert zone is not None  # callers checked
    local = moment.astimezone(zone)
    for boundary in (AFTERNOON_STARTS, EVENING_STARTS):
        if local.time() < boundary:
            return _local(local.date(), boundary, zone)
    return _local(local.date() + timedelta(days=1), time(0, 0), zone)


def retry_time(
    settings: FieldworkSettings,
    timezone: str,
    now: datetime,
    delay: timedelta,
    *,
    another_part_of_day: bool = False,
    tried_parts: Iterable[PartOfDay] = (),
) -> datetime | None:
    """When to call again: ``delay`` after ``now``, moved into calling hours.

    With ``another_part_of_day`` (no answer, answering machine) the time is moved on to the
    first part of the contact's day (morning, afternoon, evening) not in ``tried_parts``, as
    long as some part is untried: a desk that never answers in the morning may answer after
    lunch. None when the contact has no calling hours at all (unknown zone, empty settings).
    """
    _require_aware(now)
    candidate = next_opening(settings, timezone, now + delay)
    tried = set(tried_parts)
    if candidate is None or not another_part_of_day or tried >= set(PartOfDay):
        return candidate
    first = candidate
    for _ in range(3 * 14):  # two weeks of parts is more than enough to find one
        part = local_part_of_day(timezone, candidate)
        if part is not None and part not in tried:
            return candidate
        moved = next_opening(settings, timezone, _next_part_boundary(timezone, candidate))
        if moved is None:
            return first
        candidate = moved
    return first  # the untried parts are outside calling hours: keep the plain delay
