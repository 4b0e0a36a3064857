"""SMTP and Telegram settings, from the environment or the system keyring (as Twilio's).

Each setting is read from the environment first, then from the keyring under the service
name ``cati``. Secrets (the SMTP password, the bot token) are never stored in the database
or written to logs; :meth:`NotifierSettings.scrub` removes them from error texts before
they are stored in ``alert_delivery.last_error``.

===================== ===============================================================
CATI_SMTP_HOST        the mail server, e.g. smtp.yandex.ru
CATI_SMTP_PORT        587 (STARTTLS, default), 465 (SSL) or 25
CATI_SMTP_SECURITY    starttls (default), ssl or none (only for a relay on localhost)
CATI_SMTP_USER        login, if the server wants one
CATI_SMTP_PASSWORD    its password (secret)
CATI_SMTP_FROM        the sender address (default: the login)
CATI_SMTP_CA_FILE     a CA bundle for a corporate server's certificate (optional)
CATI_SMTP_TIMEOUT     seconds to wait for each answer of the mail server (default 30)
CATI_TELEGRAM_BOT_TOKEN  the bot's token from @BotFather (secret)
CATI_TELEGRAM_API_URL    default https://api.telegram.org (tests use a local server)
CATI_TELEGRAM_TIMEOUT    seconds to wait for the Telegram API's answer (default 15)
===================== ===============================================================

A message handed over whose answer does not come within the timeout is "maybe sent" and not
sent again by itself (see :mod:`cati.alerts.delivery`): with a slow server, a longer timeout
means fewer such messages.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from cati.scrubbing import scrub_secrets

__all__ = ["SETTING_NAMES", "KeyringLike", "NotifierSettings", "load_notifier_settings"]

_log = logging.getLogger(__name__)

KEYRING_SERVICE = "cati"
SETTING_NAMES: dict[str, str] = {
    "smtp_host": "CATI_SMTP_HOST",
    "smtp_port": "CATI_SMTP_PORT",
    "smtp_security": "CATI_SMTP_SECURITY",
    "smtp_user": "CATI_SMTP_USER",
    "smtp_password": "CATI_SMTP_PASSWORD",
    "smtp_from": "CATI_SMTP_FROM",
    "smtp_ca_file": "CATI_SMTP_CA_FILE",
    "smtp_timeout": "CATI_SMTP_TIMEOUT",
    "telegram_token": "CATI_TELEGRAM_BOT_TOKEN",
    "telegram_api_url": "CATI_TELEGRAM_API_URL",
    "telegram_timeout": "CATI_TELEGRAM_TIMEOUT",
}
_SECRETS = ("smtp_password", "telegram_token")


class KeyringLike(Protocol):
    def get_password(self, service_name: str, username: str) -> str | None: ...


@dataclass(frozen=True, repr=False)
class NotifierSettings:
    smtp_host: str = ""
    smtp_port: str = ""
    smtp_security: str = ""
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_ca_file: str = ""
    smtp_timeout: str = ""
    telegram_token: str = ""
    telegram_api_url: str = ""
    telegram_timeout: str = ""

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}='***'"
            if name in _SECRETS and getattr(self, name)
            else f"{name}={getattr(self, name)!r}"
            for name in SETTING_NAMES
        )
        return f"NotifierSettings({shown})"

    __str__ = __repr__

    def scrub(self, text: str) -> str:
        """``text`` without the secrets, in any form (:func:`cati.scrubbing.scrub_secrets`)."""
        return scrub_secrets(text, [getattr(self, name) for name in _SECRETS])


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """The running app reads the settings every minute: a missing keyring is said once."""
    if message not in _warned:
        _warned.add(message)
        _log.warning(message)


def load_notifier_settings(
    environ: Mapping[str, str] | None = None, keyring: KeyringLike | None = None
) -> NotifierSettings:
    """Each setting from the environment if set there, else from the keyring (if usable)."""
    env = os.environ if environ is None else environ
    values: dict[str, str] = {}
    ring = keyring
    usable = True
    for field_name, setting in SETTING_NAMES.items():
        value = env.get(setting, "").strip()
        if not value and usable:
            try:
                if ring is None:
                    import keyring as keyring_module

                    ring = keyring_module
                value = (ring.get_password(KEYRING_SERVICE, setting) or "").strip()
            except Exception as error:  # a locked or absent keyring is not fatal
                _warn_once(f"the system keyring cannot be read ({type(error).__name__})")
                usable, value = False, ""
        values[field_name] = value
    return NotifierSettings(**values)
