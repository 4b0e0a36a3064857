"""Twilio credentials and the two lines of the agent bridge, from the environment or keyring.

Each setting is looked up in the environment first (handy for CI and for one-off tests of
another account), then in the operating system's keyring under the service name ``cati``,
where the settings dialog saves it with :func:`save_credentials`. Secrets are never written
anywhere else: not the database, not logs, not exports. ``repr`` hides them and
:meth:`TwilioCredentials.scrub` removes them from any text before it is shown or logged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from cati.errors import ConfigurationError
from cati.scrubbing import HIDDEN, scrub_secrets

__all__ = [
    "KEYRING_SERVICE",
    "SETTING_NAMES",
    "KeyringLike",
    "TwilioCredentials",
    "load_credentials",
    "save_credentials",
]

_log = logging.getLogger(__name__)

KEYRING_SERVICE = "cati"

# Field of TwilioCredentials -> the environment variable (also the keyring entry's name).
SETTING_NAMES: dict[str, str] = {
    "account_sid": "TWILIO_ACCOUNT_SID",
    "auth_token": "TWILIO_AUTH_TOKEN",
    "api_key": "TWILIO_API_KEY",
    "api_secret": "TWILIO_API_SECRET",
    "caller_id": "CATI_CALLER_ID",
    "agent_number": "CATI_AGENT_NUMBER",
}
_SECRET_FIELDS = ("auth_token", "api_secret")


class KeyringLike(Protocol):
    """The part of the ``keyring`` module used here (tests pass an in-memory stand-in)."""

    def get_password(self, service_name: str, username: str) -> str | None: ...

    def set_password(self, service_name: str, username: str, password: str) -> None: ...

    def delete_password(self, service_name: str, username: str) -> None: ...


@dataclass(frozen=True, repr=False)
class TwilioCredentials:
    """What the Twilio dialer needs: who we are to Twilio and which two lines to bridge.

    Authenticate with the account SID and auth token, or with an API key and its secret
    (preferred: revocable per workstation). ``caller_id`` is the Twilio number (or verified
    caller ID) respondents see; ``agent_number`` is the interviewer's own phone or SIP
    address that Twilio rings first.
    """

    account_sid: str
    auth_token: str = ""
    api_key: str = ""
    api_secret: str = ""
    caller_id: str = ""
    agent_number: str = ""

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={HIDDEN!r}"
            if name in _SECRET_FIELDS and getattr(self, name)
            else f"{name}={getattr(self, name)!r}"
            for name in SETTING_NAMES
        )
        return f"TwilioCredentials({shown})"

    __str__ = __repr__

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.auth_token, self.api_secret) if s)

    @property
    def uses_api_key(self) -> bool:
        return bool(self.api_key and self.api_secret)

    def basic_auth(self) -> tuple[str, str]:
        """The user name and password of HTTP basic auth against the REST API."""
        if self.uses_api_key:
            return self.api_key, self.api_secret
        return self.account_sid, self.auth_token

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced, safe to show, log or store.

        A server or proxy that echoes the request leaks more than the literal secret: the
        ``Authorization`` header (replaced whole, whatever its scheme), the basic-auth
        pair in base64 (``base64("AC…:token")``), the secret inside any other base64 text,
        and URL-encoded forms of all these (:func:`cati.scrubbing.scrub_secrets`)."""
        user, secret = self.basic_auth()
        pairs = [f"{user}:{secret}"] if user and secret else []
        return scrub_secrets(text, [*pairs, *self.secrets])

    def problems(self) -> list[str]:
        """What is missing or malformed, each naming the setting to fix (empty if usable)."""
        found = []
        if not self.account_sid:
            found.append("TWILIO_ACCOUNT_SID is not set")
        elif not (self.account_sid.startswith("AC") and len(self.account_sid) == 34):
            found.append("TWILIO_ACCOUNT_SID must be 34 characters starting with 'AC'")
        if not (self.auth_token or (self.api_key and self.api_secret)):
            found.append("set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET")
        elif self.api_key and not self.api_secret:
            found.append("TWILIO_API_KEY is set but TWILIO_API_SECRET is not")
        if not self.caller_id:
            found.append("CATI_CALLER_ID (your Twilio number shown to respondents) is not set")
        if not self.agent_number:
            found.append(
                "CATI_AGENT_NUMBER (the interviewer's own phone or SIP address, "
                "which Twilio rings first) is not set"
            )
        return found

    def require_complete(self) -> TwilioCredentials:
        problems = self.problems()
        if problems:
            raise ConfigurationError(
                "The Twilio dialer is not set up: " + "; ".join(problems) + ". Enter the "
                "settings in Settings > Telephony (saved in the system keyring) or set "
                "the environment variables."
            )
        return self


def _keyring_module() -> KeyringLike:
    import keyring

    return keyring


def load_credentials(
    environ: Mapping[str, str] | None = None,
    keyring: KeyringLike | None = None,
) -> TwilioCredentials:
    """Each setting from the environment if set there, else from the keyring.

    A keyring that is missing or locked is not fatal (the environment may have it all);
    the returned object may be incomplete: check :meth:`TwilioCredentials.problems`.
    """
    env = os.environ if environ is None else environ
    values: dict[str, str] = {}
    ring: KeyringLike | None = keyring
    keyring_usable = True
    for field_name, setting in SETTING_NAMES.items():
        value = env.get(setting, "").strip()
        if not value and keyring_usable:
            try:
                ring = ring or _keyring_module()
                value = (ring.get_password(KEYRING_SERVICE, setting) or "").strip()
            except Exception as error:  # any backend failure: locked, absent, DBus down
                _log.warning(
                    "the system keyring cannot be read (%s); using the environment only",
                    type(error).__name__,
                )
                keyring_usable, value = False, ""
        values[field_name] = value
    return TwilioCredentials(**values)


def save_credentials(credentials: TwilioCredentials, keyring: KeyringLike | None = None) -> None:
    """Store the settings in the keyring (for the settings dialog); empty ones are removed."""
    ring = keyring or _keyring_module()
    for field_name, setting in SETTING_NAMES.items():
        value = getattr(credentials, field_name)
        try:
            if value:
                ring.set_password(KEYRING_SERVICE, setting, value)
            elif ring.get_password(KEYRING_SERVICE, setting) is not None:
                ring.delete_password(KEYRING_SERVICE, setting)
        except Exception as error:
            raise ConfigurationError(
                f"Could not save {setting} in the system keyring "
                f"({type(error).__name__}). Unlock the keyring or set the environment "
                "variable instead."
            ) from None
