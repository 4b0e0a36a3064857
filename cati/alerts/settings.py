"""Who gets alerts and digests, on which channel, and which fields each recipient may see.

Kept per study in ``study.settings["alerts"]``::

    {
      "language": "ru",
      "recipients": [
        {"channel": "email", "to": ["quality@alfa.ru"],
         "kinds": ["detractor", "problem"], "fields": ["segment", "company", "answers", "note"]},
        {"channel": "telegram", "to": ["-1001234567890"],
         "fields": ["segment", "company", "contact_name", "phone", "answers", "note"]}
      ],
      "digest": {"every": "3h",
                 "recipients": [{"channel": "email", "to": ["ceo@alfa.ru"], "fields": []}]}
    }

Every message carries the study, the alert kind, its time and the interview number. Other
fields are shown only when listed: ``segment``, ``company``, ``contact_name``,
``position``, ``phone``, ``email`` (personal data), ``answers`` (the answers that raised the
alert and their open follow-ups) and ``note`` (the interviewer's note). Without ``fields``
a group sees :data:`DEFAULT_FIELDS`: no personal data. ``kinds`` defaults to every kind.
A recipient listed in several groups gets one message with only the fields *all* its groups
allow (least privilege).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cati.alerts.errors import AlertSettingsError

__all__ = [
    "ALERT_KINDS",
    "CHANNELS",
    "DEFAULT_FIELDS",
    "FIELDS",
    "AlertSettings",
    "RecipientGroup",
    "parse_alert_settings",
]

CHANNELS = ("email", "telegram")
FIELDS = (
    "segment",
    "company",
    "contact_name",
    "position",
    "phone",
    "email",
    "answers",
    "note",
)
PERSONAL_FIELDS = frozenset({"contact_name", "position", "phone", "email"})
DEFAULT_FIELDS = ("segment", "company", "answers", "note")
ALERT_KINDS = ("detractor", "problem", "sales_lead", "manual")
_PERIODS = {"1h": 60, "3h": 180, "1d": 1440, "24h": 1440, "day": 1440, "hour": 60}


@dataclass(frozen=True)
class RecipientGroup:
    channel: str
    to: tuple[str, ...]
    fields: frozenset[str]
    kinds: frozenset[str]


@dataclass(frozen=True)
class AlertSettings:
    language: str = "ru"
    recipients: tuple[RecipientGroup, ...] = ()
    digest_every: timedelta | None = None
    digest_recipients: tuple[RecipientGroup, ...] = ()

    def targets(self, kind: str) -> list[tuple[str, str]]:
        """``(channel, recipient)`` pairs that should get an alert of ``kind``, once each."""
        seen: dict[tuple[str, str], None] = {}
        for group in self.recipients:
            if kind in group.kinds:
                for address in group.to:
                    seen[(group.channel, address)] = None
        return list(seen)

    def visible_fields(
        self, channel: str, recipient: str, kind: str | None = None
    ) -> frozenset[str]:
        """What ``recipient`` may see: the intersection over its groups (none if unlisted)."""
        groups = self.digest_recipients if kind is None else self.recipients
        allowed: frozenset[str] | None = None
        for group in groups:
            if group.channel == channel and recipient in group.to:
                if kind is not None and kind not in group.kinds:
                    continue
                allowed = group.fields if allowed is None else allowed & group.fields
        return allowed or frozenset()

    def digest_targets(self) -> list[tuple[str, str]]:
        seen: dict[tuple[str, str], None] = {}
        for group in self.digest_recipients:
            for address in group.to:
                seen[(group.channel, address)] = None
        return list(seen)


def parse_alert_settings(settings: Mapping[str, Any] | None) -> AlertSettings:
    """Read and check ``study.settings``; every problem names the entry and what to write."""
    section = (settings or {}).get("alerts") or {}
    if not isinstance(section, Mapping):
        raise AlertSettingsError('settings "alerts" must be an object (see cati.alerts.settings)')
    language = str(section.get("language", "ru"))
    recipients = _groups(section.get("recipients", []), "alerts.recipients")
    digest = section.get("digest") or {}
    if not isinstance(digest, Mapping):
        raise AlertSettingsError('"alerts.digest" must be an object with "every" and "recipients"')
    every = _period(digest.get("every")) if digest else None
    digest_groups = _groups(digest.get("recipients", []), "alerts.digest.recipients")
    return AlertSettings(language, recipients, every, digest_groups)


def _groups(raw: Any, where: str) -> tuple[RecipientGroup, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise AlertSettingsError(f'"{where}" must be a list of recipient groups')
    groups = []
    for index, item in enumerate(raw):
        place = f"{where}[{index}]"
        if not isinstance(item, Mapping):
            raise AlertSettingsError(f'"{place}" must be an object with "channel" and "to"')
        channel = item.get("channel")
        if channel not in CHANNELS:
            raise AlertSettingsError(
                f'"{place}.channel" is {channel!r}; use one of {", ".join(CHANNELS)}'
            )
        to = item.get("to", [])
        if isinstance(to, str | int):
            to = [to]
        addresses = tuple(str(a).strip() for a in to if str(a).strip())
        if not addresses:
            raise AlertSettingsError(f'"{place}.to" lists no e-mail address or Telegram chat id')
        if channel == "email" and any("@" not in a for a in addresses):
            raise AlertSettingsError(f'"{place}.to" has an entry that is not an e-mail address')
        fields = item.get("fields", DEFAULT_FIELDS)
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise AlertSettingsError(
                f'"{place}.fields" has unknown fields {unknown}; known: {", ".join(FIELDS)}'
            )
        kinds = item.get("kinds", ALERT_KINDS)
        bad_kinds = sorted(set(kinds) - set(ALERT_KINDS))
        if bad_kinds:
            raise AlertSettingsError(
                f'"{place}.kinds" has unknown kinds {bad_kinds}; known: {", ".join(ALERT_KINDS)}'
            )
        groups.append(RecipientGroup(channel, addresses, frozenset(fields), frozenset(kinds)))
    return tuple(groups)


def _period(value: Any) -> timedelta:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return timedelta(minutes=value)
    if isinstance(value, str) and value.strip().lower() in _PERIODS:
        return timedelta(minutes=_PERIODS[value.strip().lower()])
    raise AlertSettingsError(
        f'"alerts.digest.every" is {value!r}; use "1h", "3h", "1d" or a number of minutes'
    )
