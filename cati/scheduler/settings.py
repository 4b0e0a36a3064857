"""A study's fieldwork settings: calling hours, days off, leases, attempts, outcomes, dialer.

Kept in ``study.settings["fieldwork"]`` (other sections of ``study.settings`` belong to other
services: ``alerts``, ``exports``)::

    {
      "schema_version": 1,
      "calling_hours": {"mon": [["09:00", "20:00"]], ..., "fri": [["09:00", "20:00"]]},
      "days_off": ["2025-05-01", "2025-05-09"],
      "lease_minutes": 30,
      "appointment_grace_minutes": 10,
      "max_attempts": 6,
      "allow_refusal_conversion": false,
      "detractor_threshold": 6,
      "outcomes": {...},                 # OutcomeTable.to_settings() or only the overrides
      "categories": {"4.51": "UO", ...},  # CategoryMap overrides; default: B2B
      "dialer": {"kind": "simulated", "options": {"mix": {"answered": 40}}},
      "recordings_folder": "//server/cati/recordings"   # "": beside the database
    }

The defaults are those of mature CATI systems (queXS, Voxco): Monday to Friday 09:00-20:00
in the *contact's* local time, a 30-minute lease, six attempts, no refusal conversion.
Calling hours and days off are local to each contact (a Vladivostok client is called in
Vladivostok's working day), so a day off is a local date. Missing keys take the defaults;
unknown keys and bad values are refused with every problem listed at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cati.dispositions import CategoryMap, DispositionError, OutcomeTable
from cati.errors import CatiError

__all__ = [
    "SCHEMA_VERSION",
    "SETTINGS_SECTION",
    "CallingWindow",
    "DialerSettings",
    "FieldworkSettings",
    "FieldworkSettingsError",
    "Weekday",
    "fieldwork_settings",
    "with_fieldwork_settings",
]

SCHEMA_VERSION = 1
SETTINGS_SECTION = "fieldwork"


class FieldworkSettingsError(CatiError):
    """``study.settings["fieldwork"]`` is malformed; the message lists every problem."""


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @classmethod
    def of(cls, day: date) -> Weekday:
        return list(cls)[day.weekday()]


class CallingWindow(BaseModel):
    """One stretch of calling hours on one weekday, local time; ``end`` is exclusive."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: time
    end: time

    @classmethod
    def of(cls, start: str, end: str) -> CallingWindow:
        return cls(start=time.fromisoformat(start), end=time.fromisoformat(end))

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end


def _default_hours() -> dict[Weekday, tuple[CallingWindow, ...]]:
    working_day = (CallingWindow.of("09:00", "20:00"),)
    return {day: working_day for day in list(Weekday)[:5]}


class DialerSettings(BaseModel):
    """Which dialer the study's workstations use, with its options (e.g. the simulated mix)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["simulated", "manual", "twilio"] = "simulated"
    options: dict[str, Any] = Field(default_factory=dict)


class FieldworkSettings(BaseModel):
    """Validated fieldwork settings of one study (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = 1
    calling_hours: dict[Weekday, tuple[CallingWindow, ...]] = Field(default_factory=_default_hours)
    days_off: tuple[date, ...] = ()
    lease_minutes: int = Field(default=30, ge=5, le=480)
    appointment_grace_minutes: int = Field(default=10, ge=0, le=240)
    max_attempts: int = Field(default=6, ge=1, le=50)
    allow_refusal_conversion: bool = False
    detractor_threshold: int = Field(default=6, ge=0, le=10)
    outcomes: dict[str, Any] = Field(default_factory=dict)
    categories: dict[str, str] = Field(default_factory=lambda: CategoryMap.b2b().to_settings())
    dialer: DialerSettings = Field(default_factory=DialerSettings)
    recordings_folder: str = ""  # where workstations keep downloaded call recordings

    @field_validator("calling_hours", mode="before")
    @classmethod
    def _windows_from_pairs(cls, value: Any) -> Any:
        """Accept ``[["09:00", "20:00"]]`` as well as ``[{"start": ..., "end": ...}]``."""
        if not isinstance(value, Mapping):
            return value
        converted: dict[Any, Any] = {}
        for day, windows in value.items():
            if isinstance(windows, list | tuple):
                converted[day] = [
                    {"start": w[0], "end": w[1]}
                    if isinstance(w, list | tuple) and len(w) == 2
                    else w
                    for w in windows
                ]
            else:
                converted[day] = windows
        return converted

    @field_validator("calling_hours")
    @classmethod
    def _windows_in_order(
        cls, value: dict[Weekday, tuple[CallingWindow, ...]]
    ) -> dict[Weekday, tuple[CallingWindow, ...]]:
        for day, windows in value.items():
            for window in windows:
                if window.start >= window.end:
                    raise ValueError(
                        f"{day.value}: calling window {window.start:%H:%M}-{window.end:%H:%M} "
                        "ends before it starts; write it as start-end within one day"
                    )
            ordered = sorted(windows, key=lambda w: w.start)
            for first, second in pairwise(ordered):
                if second.start < first.end:
                    raise ValueError(f"{day.value}: calling windows overlap; merge them")
            value[day] = tuple(ordered)
        return value

    @field_validator("outcomes")
    @classmethod
    def _outcome_table_reads(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            OutcomeTable.from_settings(value)
        except DispositionError as error:
            raise ValueError(str(error)) from None
        return value

    @field_validator("categories")
    @classmethod
    def _category_map_reads(cls, value: dict[str, str]) -> dict[str, str]:
        try:
            CategoryMap.from_settings(value)
        except DispositionError as error:
            raise ValueError(str(error)) from None
        return value

    # ---- derived ------------------------------------------------------------------------

    @property
    def lease(self) -> timedelta:
        return timedelta(minutes=self.lease_minutes)

    @property
    def appointment_grace(self) -> timedelta:
        return timedelta(minutes=self.appointment_grace_minutes)

    def windows_on(self, day: date) -> tuple[CallingWindow, ...]:
        """The calling windows of a local date (none on a day off)."""
        if day in self.days_off:
            return ()
        return self.calling_hours.get(Weekday.of(day), ())

    def outcome_table(self) -> OutcomeTable:
        """The study's outcome table, with this study's attempt limit and refusal policy."""
        merged = dict(self.outcomes)
        merged["max_attempts"] = self.max_attempts
        merged["allow_refusal_conversion"] = self.allow_refusal_conversion
        return OutcomeTable.from_settings(merged)

    def category_map(self) -> CategoryMap:
        return CategoryMap.from_settings(self.categories)

    def to_settings(self) -> dict[str, Any]:
        """A JSON-able dict that :func:`fieldwork_settings` reads back."""
        data = self.model_dump(mode="json")
        data["calling_hours"] = {
            day: [[w["start"][:5], w["end"][:5]] for w in windows]
            for day, windows in data["calling_hours"].items()
        }
        return data


def fieldwork_settings(study_settings: Mapping[str, Any] | None) -> FieldworkSettings:
    """The fieldwork settings kept in a study's ``settings`` dict (defaults when absent).

    Raises :class:`FieldworkSettingsError` naming every bad field and what is expected.
    """
    section = (study_settings or {}).get(SETTINGS_SECTION) or {}
    if not isinstance(section, Mapping):
        raise FieldworkSettingsError(
            f"study settings: '{SETTINGS_SECTION}' must be a mapping of fieldwork settings, "
            f"not {type(section).__name__}"
        )
    version = section.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise FieldworkSettingsError(
            f"study settings: fieldwork schema_version {version!r} is not known to this "
            f"version of cati (it reads version {SCHEMA_VERSION}); install a newer cati"
        )
    try:
        return FieldworkSettings.model_validate(dict(section))
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in problem['loc']) or SETTINGS_SECTION}: "
            f"{problem['msg']}"
            for problem in error.errors()
        ]
        raise FieldworkSettingsError(
            "study settings: fieldwork settings are not valid:\n  " + "\n  ".join(problems)
        ) from None


def with_fieldwork_settings(
    study_settings: Mapping[str, Any] | None, settings: FieldworkSettings
) -> dict[str, Any]:
    """A copy of a study's settings dict with the fieldwork section replaced."""
    merged = dict(study_settings or {})
    merged[SETTINGS_SECTION] = settings.to_settings()
    return merged
