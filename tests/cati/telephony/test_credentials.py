"""Credentials: environment over keyring, and secrets never in logs, errors or reprs."""

from __future__ import annotations

import base64
import logging
import re
from dataclasses import replace
from urllib.parse import quote, quote_plus, unquote, unquote_plus

import pytest

from cati.errors import ConfigurationError
from cati.telephony.credentials import (
    KEYRING_SERVICE,
    TwilioCredentials,
    load_credentials,
    save_credentials,
)
from cati.telephony.results import CallResult
from cati.telephony.twilio_dialer import TwilioDialer
from tests.cati.telephony.conftest import FAST
from tests.cati.telephony.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, Fault


class MemoryKeyring:
    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service_name: str, username: str) -> str | None:
        return self.store.get((service_name, username))

    def set_password(self, service_name: str, username: str, password: str) -> None:
        self.store[(service_name, username)] = password

    def delete_password(self, service_name: str, username: str) -> None:
        del self.store[(service_name, username)]


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service_name: str, username: str) -> str | None:
        raise RuntimeError("keyring locked")


def test_saved_settings_come_back_from_the_keyring(credentials: TwilioCredentials) -> None:
    ring = MemoryKeyring()
    save_credentials(credentials, keyring=ring)
    assert ring.store[(KEYRING_SERVICE, "TWILIO_AUTH_TOKEN")] == AUTH_TOKEN
    assert load_credentials({}, keyring=ring) == credentials


def test_the_environment_wins_over_the_keyring(credentials: TwilioCredentials) -> None:
    ring = MemoryKeyring()
    save_credentials(credentials, keyring=ring)
    loaded = load_credentials(
        {"CATI_AGENT_NUMBER": "sip:desk7@example.sip.twilio.com"}, keyring=ring
    )
    assert loaded.agent_number == "sip:desk7@example.sip.twilio.com"
    assert loaded.auth_token == AUTH_TOKEN


def test_saving_an_empty_setting_removes_it_from_the_keyring(
    credentials: TwilioCredentials,
) -> None:
    ring = MemoryKeyring()
    save_credentials(credentials, keyring=ring)
    save_credentials(
        replace(credentials, auth_token="", api_key="SK1", api_secret="s"), keyring=ring
    )
    assert (KEYRING_SERVICE, "TWILIO_AUTH_TOKEN") not in ring.store


def test_a_broken_keyring_falls_back_to_the_environment_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        loaded = load_credentials({"TWILIO_ACCOUNT_SID": ACCOUNT_SID}, keyring=BrokenKeyring())
    assert loaded.account_sid == ACCOUNT_SID and loaded.auth_token == ""
    assert len(caplog.records) == 1


def test_missing_settings_are_named_in_one_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as caught:
        TwilioDialer(TwilioCredentials(ACCOUNT_SID, auth_token=AUTH_TOKEN))
    assert "CATI_CALLER_ID" in str(caught.value) and "CATI_AGENT_NUMBER" in str(caught.value)


def test_repr_and_str_hide_the_secrets(
    credentials: TwilioCredentials, api_key_credentials: TwilioCredentials
) -> None:
    for creds in (credentials, api_key_credentials):
        for text in (repr(creds), str(creds), f"{creds}", repr([creds])):
            for secret in creds.secrets:
                assert secret not in text
        assert "***" in repr(creds)
    dialer = TwilioDialer(credentials, api_url="http://127.0.0.1:9")
    assert AUTH_TOKEN not in repr(dialer)


def test_scrub_removes_secrets_from_any_text(credentials: TwilioCredentials) -> None:
    assert credentials.scrub(f"token={AUTH_TOKEN}!") == "token=***!"


def _leaks(creds: TwilioCredentials, text: str) -> list[str]:
    """The ways ``text`` still shows a secret: literally, URL-decoded or base64-decoded."""
    _user, secret = creds.basic_auth()
    found = []
    for candidate in {text, unquote(text), unquote_plus(text)}:
        if secret in candidate:
            found.append(candidate)
        for word in re.findall(r"[A-Za-z0-9+/_=-]{12,}", candidate):
            for offset in range(4):  # base64 read from any character on
                chunk = word[offset:]
                chunk = chunk[: len(chunk) // 4 * 4]
                for decode in (base64.b64decode, base64.urlsafe_b64decode):
                    try:
                        decoded = decode(chunk).decode("utf-8", "replace")
                    except ValueError:
                        continue
                    if secret in decoded or secret[4:-4] in decoded:
                        found.append(word)
    return found


@pytest.mark.parametrize("which", ["auth token", "api key"])
def test_scrub_hides_the_echoed_authorization_header_base64_and_url_encoded_forms(
    which: str, credentials: TwilioCredentials, api_key_credentials: TwilioCredentials
) -> None:
    creds = credentials if which == "auth token" else api_key_credentials
    user, secret = creds.basic_auth()
    pair = base64.b64encode(f"{user}:{secret}".encode()).decode()
    echoes = [
        f"400 Bad Request: you sent Authorization: Basic {pair}",
        f"headers={{'User-Agent': 'twilio-python', 'Authorization': 'Basic {pair}'}}",
        f'{{"headers": {{"authorization": "Basic {pair}", "accept": "*/*"}}}}',
        f"GET /echo?Authorization=Basic%20{quote(pair, safe='')}&x=1",
        f"proxy said Proxy-Authorization:Basic {pair} is not allowed",
        f"credentials {pair} rejected",  # the base64 without the header name
        f"credentials {quote(pair, safe='')} rejected",
        f"credentials {base64.urlsafe_b64encode(f'{user}:{secret}'.encode()).decode()}",
        f"https://{user}:{secret}@api.twilio.com/2010-04-01 refused",
        f"https://{user}:{quote(secret, safe='')}@api.twilio.com refused",
        f"token in a form: Password={quote_plus(secret)}",
        f"base64 of the token alone: {base64.b64encode(secret.encode()).decode()}",
        f"inside other base64: {base64.b64encode(('x:' + secret + ':y').encode()).decode()}",
        "lower-case escapes: " + re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), quote(pair, "")),
    ]
    for echo in echoes:
        scrubbed = creds.scrub(echo)
        assert "***" in scrubbed, echo
        assert not _leaks(creds, scrubbed), (echo, scrubbed)
    header = creds.scrub(f"Authorization: Basic {pair}\r\nAccept: */*")
    assert header == "Authorization: ***\r\nAccept: */*"  # the header whole, the rest kept


def test_scrub_leaves_ordinary_text_alone(credentials: TwilioCredentials) -> None:
    text = "HTTP 404: The requested resource /2010-04-01/Calls/CA123.json was not found"
    assert credentials.scrub(text) == text
    assert credentials.scrub("authorization failed for the account") == (
        "authorization failed for the account"
    )


def test_secrets_and_phones_stay_out_of_logs_reasons_and_errors(
    credentials: TwilioCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    """Drive every path that logs: a normal call, a failed create, auth failure, faults."""
    respondent = "+442079460000"
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG), FakeTwilio() as fake:
        dialer = TwilioDialer(credentials, api_url=fake.url, options=FAST)
        handle = dialer.dial(respondent)
        handle.wait(timeout=0.3)
        dialer.hang_up(handle)
        handle.wait(timeout=5)
        texts += [u.reason for u in handle.history()]
        fake.faults += [
            Fault("POST", "/Calls.json", status=500, message=f"echo {AUTH_TOKEN}"),
            Fault("GET", ".json", status=500, times=1000, message=f"echo {AUTH_TOKEN}"),
        ]
        failed = dialer.dial(respondent)
        assert failed.wait(timeout=5) is CallResult.FAILED
        texts += [u.reason for u in failed.history()]
        fake.faults.clear()
        wrong = TwilioDialer(
            replace(credentials, auth_token="bad" + AUTH_TOKEN[3:]), api_url=fake.url, options=FAST
        )
        denied = wrong.dial(respondent)
        assert denied.wait(timeout=5) is CallResult.FAILED
        texts += [denied.reason, repr(wrong)]
        dialer.close()
        wrong.close()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    everything = logged + "\n".join(texts)
    for secret in (AUTH_TOKEN, "bad" + AUTH_TOKEN[3:]):
        assert secret not in everything
    assert respondent not in logged and respondent[1:] not in logged
    assert caplog.records  # the dialer did log: the test is not vacuous
