"""This workstation's preferences (QSettings): database, interface language, dialer.

Secrets never go here: Twilio credentials live in the OS keyring
(:mod:`cati.telephony.credentials`). Changes of the database and the language apply when
the app starts again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSettings

from cati.clock import Clock
from cati.db import DATABASE_URL_VARIABLE
from cati.telephony.dialer import Dialer

__all__ = ["DIALER_CHOICES", "Preferences", "dialer_factory"]

STUDY_DIALER = "study"  # use what the study's settings say
DIALER_CHOICES = (STUDY_DIALER, "simulated", "manual", "twilio")


class Preferences:
    """Typed access to the app's QSettings (tests pass an INI file of their own)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings("cati", "cati")

    def _text(self, key: str) -> str:
        value = self.settings.value(key, "")
        return str(value or "").strip()

    @property
    def database_url(self) -> str:
        return self._text("database/url")

    @database_url.setter
    def database_url(self, url: str) -> None:
        self.settings.setValue("database/url", url.strip())

    @property
    def language(self) -> str:
        """ "ru", "en" or "" (follow the system)."""
        return self._text("interface/language")

    @language.setter
    def language(self, language: str) -> None:
        self.settings.setValue("interface/language", language)

    @property
    def dialer(self) -> str:
        value = self._text("dialer/kind")
        return value if value in DIALER_CHOICES else STUDY_DIALER

    @dialer.setter
    def dialer(self, kind: str) -> None:
        self.settings.setValue("dialer/kind", kind)

    def sync(self) -> None:
        self.settings.sync()

    def startup_database_url(self, explicit: str | None = None) -> str | None:
        """``--db``, else ``CATI_DATABASE_URL``, else the saved URL (None: the default)."""
        if explicit:
            return explicit
        if os.environ.get(DATABASE_URL_VARIABLE, "").strip():
            return None  # build_application reads the variable itself
        return self.database_url or None


def dialer_factory(
    preferences: Preferences, clock: Clock
) -> Callable[[str, Mapping[str, Any]], Dialer]:
    """Builds the dialer for a study: this workstation's choice, else the study's."""

    def build(kind: str, options: Mapping[str, Any]) -> Dialer:
        from cati.telephony.factory import create_dialer
        from cati.telephony.simulated import OutcomeMix

        chosen = preferences.dialer
        if chosen == STUDY_DIALER:
            chosen = kind
        mix = None
        weights = options.get("mix") if chosen == kind else None
        if chosen == "simulated" and isinstance(weights, Mapping):
            mix = OutcomeMix.from_mapping(weights)
        return create_dialer(chosen, mix=mix, clock=clock)

    return build
