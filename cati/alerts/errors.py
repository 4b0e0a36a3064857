"""Errors of alert and digest delivery."""

from __future__ import annotations

from cati.errors import CatiError, ConfigurationError

__all__ = [
    "AlertSettingsError",
    "DeliveryError",
    "PermanentDeliveryError",
    "TemporaryDeliveryError",
    "UncertainDeliveryError",
]


class AlertSettingsError(ConfigurationError):
    """``study.settings["alerts"]`` is malformed; the message says which entry and how."""


class DeliveryError(CatiError):
    """A message could not be handed over; ``temporary`` says whether retrying may help."""

    temporary = True


class TemporaryDeliveryError(DeliveryError):
    """The server is down, busy or timed out: retry later with backoff."""


class PermanentDeliveryError(DeliveryError):
    """The server refused this recipient for good (no such mailbox, bot blocked)."""

    temporary = False


class UncertainDeliveryError(DeliveryError):
    """The message was handed to the server, but its answer never came (a timeout, a
    dropped connection): it may have arrived. Sending it again could deliver it twice, so it
    is not retried automatically; a person decides (``cati alerts resend``)."""

    temporary = False
