"""Choosing and building a dialer from settings: the one place that knows all three.

The Twilio dialer (and with it the twilio library) is imported only when chosen, so the
simulated default starts fast and works without the library configured.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from cati.errors import ConfigurationError
from cati.telephony.dialer import Clock, Dialer
from cati.telephony.manual import ManualDialer
from cati.telephony.simulated import OutcomeMix, SimulatedDialer

__all__ = ["DIALER_KINDS", "DialerKind", "create_dialer"]

DialerKind = Literal["simulated", "manual", "twilio"]
DIALER_KINDS: tuple[DialerKind, ...] = ("simulated", "manual", "twilio")
API_URL_SETTING = "CATI_TWILIO_API_URL"


def create_dialer(
    kind: str = "simulated",
    *,
    seed: int | None = None,
    mix: OutcomeMix | None = None,
    clock: Clock | None = None,
    environ: Mapping[str, str] | None = None,
) -> Dialer:
    """Build the dialer named ``kind``; Twilio settings come from environment or keyring."""
    if kind == "simulated":
        return SimulatedDialer(mix, seed=seed, clock=clock)
    if kind == "manual":
        return ManualDialer(clock=clock)
    if kind == "twilio":
        from cati.telephony.credentials import load_credentials
        from cati.telephony.twilio_dialer import TwilioDialer

        env = os.environ if environ is None else environ
        credentials = load_credentials(env)
        try:
            return TwilioDialer(credentials, api_url=env.get(API_URL_SETTING) or None, clock=clock)
        except ValueError as error:
            raise ConfigurationError(f"{API_URL_SETTING}: {error}") from None
    raise ConfigurationError(f"unknown dialer '{kind}'; choose one of {', '.join(DIALER_KINDS)}")
