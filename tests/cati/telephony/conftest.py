"""Fixtures for the dialer tests: the fake Twilio server and dialers pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from cati.telephony.credentials import TwilioCredentials
from cati.telephony.twilio_dialer import TwilioDialer, TwilioOptions
from tests.cati.telephony.fake_twilio import (
    ACCOUNT_SID,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    FakeTwilio,
)

CALLER_ID = "+14155550100"
AGENT_NUMBER = "+14155550111"

# Short timings: the fake moves calls along in tenths of seconds.
FAST = TwilioOptions(
    poll_interval_s=0.02,
    request_timeout_s=1.0,
    read_attempts=4,
    backoff_s=0.02,
    backoff_cap_s=0.1,
    lookup_delay_s=0.1,
    recording_ready_timeout_s=2.0,
)


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio() as fake:
        yield fake
        assert fake.violations == [], "requests broke Twilio's OpenAPI description"
        fake.assert_no_double_dial()


@pytest.fixture
def credentials() -> TwilioCredentials:
    return TwilioCredentials(
        ACCOUNT_SID, auth_token=AUTH_TOKEN, caller_id=CALLER_ID, agent_number=AGENT_NUMBER
    )


@pytest.fixture
def api_key_credentials() -> TwilioCredentials:
    return TwilioCredentials(
        ACCOUNT_SID,
        api_key=API_KEY,
        api_secret=API_SECRET,
        caller_id=CALLER_ID,
        agent_number=AGENT_NUMBER,
    )


@pytest.fixture
def make_twilio_dialer(
    fake_twilio: FakeTwilio, credentials: TwilioCredentials
) -> Iterator[Callable[..., TwilioDialer]]:
    made: list[TwilioDialer] = []

    def make(creds: TwilioCredentials | None = None, options: TwilioOptions = FAST) -> TwilioDialer:
        dialer = TwilioDialer(creds or credentials, api_url=fake_twilio.url, options=options)
        made.append(dialer)
        return dialer

    yield make
    for dialer in made:
        dialer.close(timeout=2.0)
