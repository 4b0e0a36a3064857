"""The fake itself: it must reject what Twilio's OpenAPI description rejects."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from tests.cati.telephony.fake_twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PREFIX,
    SPEC_PATH,
    FakeTwilio,
)


@pytest.fixture
def fake() -> Iterator[FakeTwilio]:
    with FakeTwilio() as server:
        yield server


def _post(fake: FakeTwilio, path: str, data: dict[str, str]) -> requests.Response:
    return requests.post(
        fake.url + PREFIX + path, data=data, auth=(ACCOUNT_SID, AUTH_TOKEN), timeout=5
    )


def test_the_committed_spec_extract_has_the_calls_and_recordings_paths() -> None:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    assert "/2010-04-01/Accounts/{AccountSid}/Calls.json" in spec["paths"]
    assert "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json" in spec["paths"]


def test_unknown_form_fields_are_rejected(fake: FakeTwilio) -> None:
    answer = _post(
        fake,
        "/Calls.json",
        {"To": "+14155550111", "From": "+14155550100", "Twiml": "<Response/>", "Colour": "blue"},
    )
    assert answer.status_code == 400
    assert any("unknown form field Colour" in v for v in fake.violations)


def test_missing_required_fields_are_rejected(fake: FakeTwilio) -> None:
    assert _post(fake, "/Calls.json", {"To": "+14155550111"}).status_code == 400
    assert any("From is missing" in v for v in fake.violations)


def test_enum_values_are_checked(fake: FakeTwilio) -> None:
    created = _post(
        fake, "/Calls.json", {"To": "+14155550111", "From": "+14155550100", "Twiml": "<Response/>"}
    ).json()
    assert set(created) == set(
        fake.spec["components"]["schemas"]["api.v2010.account.call"]["properties"]
    )
    answer = _post(fake, f"/Calls/{created['sid']}.json", {"Status": "vanished"})
    assert answer.status_code == 400
    assert any("vanished" in v for v in fake.violations)


def test_wrong_credentials_get_twilios_20003_payload(fake: FakeTwilio) -> None:
    answer = requests.get(fake.url + PREFIX + "/Calls.json", auth=(ACCOUNT_SID, "nope"), timeout=5)
    assert answer.status_code == 401 and answer.json()["code"] == 20003
