"""Secrets stay out of messages in every clothing a server may echo them in."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

from cati.scrubbing import scrub_secrets

PASSWORD = "Пароль-2026!smtp"


def _decoded_words(text: str) -> str:
    """Every base64-looking word of ``text`` decoded, read from each of its first four
    characters on (a fragment need not start on a base64 boundary)."""
    found = []
    for word in re.findall(r"[A-Za-z0-9+/=]{8,}", text):
        for offset in range(4):
            chunk = word[offset:].rstrip("=")
            chunk = chunk[: len(chunk) // 4 * 4]
            found.append(base64.b64decode(chunk).decode("utf-8", "replace"))
    return "\n".join(found)


def test_an_echoed_smtp_auth_plain_or_login_hides_the_password() -> None:
    plain = base64.b64encode(f"\0cati@agency.ru\0{PASSWORD}".encode()).decode()
    login = base64.b64encode(PASSWORD.encode()).decode()
    for echo in (f"535 5.7.8 AUTH PLAIN {plain} rejected", f"334 {login}"):
        assert PASSWORD[2:-2] in _decoded_words(echo)  # the check below is not vacuous
        scrubbed = scrub_secrets(echo, [PASSWORD])
        assert "***" in scrubbed
        assert PASSWORD[2:-2] not in _decoded_words(scrubbed)


def test_a_url_encoded_telegram_token_is_hidden() -> None:
    token = "123456:SECRET-bot-token"
    text = f"GET https://api.telegram.org/bot{quote(token, safe='')}/sendMessage failed"
    assert scrub_secrets(text, [token]) == "GET https://api.telegram.org/bot***/sendMessage failed"


def test_nothing_is_hidden_without_secrets_and_short_base64_words_survive() -> None:
    assert scrub_secrets("Basic auth failed", []) == "Basic auth failed"
    assert scrub_secrets("code 42 in row 7", ["42"]) == "code *** in row 7"
