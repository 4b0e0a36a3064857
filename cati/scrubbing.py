"""Keeping secrets (API tokens, passwords) out of what is shown, logged or stored.

Replacing the literal secret is not enough: a server, proxy or library that echoes the
request shows it in other clothes. HTTP basic auth sends ``base64("user:secret")`` in the
``Authorization`` header; SMTP ``AUTH PLAIN`` sends ``base64("\\0user\\0password")``; URLs
and forms carry it percent-encoded. :func:`scrub_secrets` therefore hides

- any echoed ``Authorization`` / ``Proxy-Authorization`` header or field, whole (whatever
  the scheme: Basic, Bearer, Digest), in the shapes servers and libraries print it;
- each secret literally, in base64 (standard and URL-safe), and inside any other base64
  text (at each of the three byte alignments, the characters that encode only the secret's
  bytes), each of these also percent-encoded (upper- or lower-case escapes, ``+`` or
  ``%20`` for spaces).

The Twilio dialer (:meth:`cati.telephony.credentials.TwilioCredentials.scrub`) and the alert
transports (SMTP password, Telegram bot token) use it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, quote_plus

__all__ = ["HIDDEN", "scrub_secrets", "secret_forms"]

HIDDEN = "***"

_AUTHORIZATION = re.compile(
    r"""(?P<name>\b(?:proxy-)?authorization\b["']?\s*(?::|=|%3A)\s*["']?)"""
    r"""(?:[A-Za-z][\w.-]*(?:\s+|%20|\+)(?=[^\s"',;}]))?[^\s"',;}&]+""",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%[0-9A-F]{2}")
#: Base64 fragments shorter than this are not hidden: they would match ordinary words.
_MIN_FRAGMENT = 8


def scrub_secrets(text: str, secrets: Iterable[str]) -> str:
    """``text`` with echoed ``Authorization`` values and every form of ``secrets`` replaced
    by ``***`` (see the module docstring)."""
    text = _AUTHORIZATION.sub(lambda found: found.group("name") + HIDDEN, text)
    for form in secret_forms(tuple(secret for secret in secrets if secret)):
        text = text.replace(form, HIDDEN)
    return text


@lru_cache(maxsize=32)
def secret_forms(secrets: tuple[str, ...]) -> tuple[str, ...]:
    """Every text form in which ``secrets`` can appear (see the module docstring), longest
    first so that a longer form is replaced before a part of it."""
    found: set[str] = set()
    for secret in secrets:
        raw = secret.encode("utf-8")
        encoded = {secret}
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded.add(encode(raw).decode("ascii"))
            for offset in range(3):
                text = encode(b"\0" * offset + raw).decode("ascii")
                first = -(-8 * offset // 6)  # the first character free of the prefix
                last = 8 * (offset + len(raw)) // 6  # past the last one free of what follows
                if last - first >= _MIN_FRAGMENT:
                    encoded.add(text[first:last])
        for form in encoded:
            for quoted in (quote(form, safe=""), quote_plus(form, safe="")):
                found.update((form, quoted, _PERCENT.sub(lambda m: m.group().lower(), quoted)))
    return tuple(sorted(found, key=len, reverse=True))
