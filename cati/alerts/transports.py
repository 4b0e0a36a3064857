"""Handing one message to one recipient: e-mail over SMTP, Telegram over the Bot API.

A transport either returns (the server accepted the message) or raises
:class:`~cati.alerts.errors.TemporaryDeliveryError` (down, busy, refused for now: the server
did not take the message, retry later),
:class:`~cati.alerts.errors.PermanentDeliveryError` (this recipient will never work) or
:class:`~cati.alerts.errors.UncertainDeliveryError` (the message was handed over and the
server's answer never came: it may have arrived, so it must not be resent blindly).

Where the line falls. SMTP: the message is handed over once its last line (``.``) has gone
to the server; a timeout or a dropped connection before that (connecting, logging in,
``MAIL``, ``RCPT``, ``DATA``) means the server cannot have accepted it, after it the server
may have. Once the server has said ``250`` the message is sent, whatever happens while
saying goodbye. Telegram: a request that never reached the server (no connection, a
connect timeout, TLS refused) was not sent; a request sent whose answer did not come (a read
timeout, the connection dropped) may have been. An answer from the server is believed.

Each e-mail's Message-ID is made from the delivery's stored key, so a copy sent again is
recognisably the same message (mail systems and clients file it as one). Error texts never
contain the password or the bot token, in any encoding (:mod:`cati.scrubbing`).
"""

from __future__ import annotations

import math
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Protocol

import requests
from urllib3.exceptions import ConnectTimeoutError

from cati.alerts.credentials import NotifierSettings
from cati.alerts.errors import (
    PermanentDeliveryError,
    TemporaryDeliveryError,
    UncertainDeliveryError,
)
from cati.errors import ConfigurationError
from cati.scrubbing import scrub_secrets

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = [
    "OutgoingMessage",
    "SmtpTransport",
    "TelegramTransport",
    "Transport",
    "transports_from_settings",
]

TELEGRAM_API_URL = "https://api.telegram.org"
TELEGRAM_TEXT_LIMIT = 4096
SMTP_TIMEOUT = 30.0  # seconds for each answer of the mail server
TELEGRAM_TIMEOUT = 15.0  # seconds for the Telegram API's answer


@dataclass(frozen=True)
class OutgoingMessage:
    subject: str
    text: str
    key: str = ""  # the delivery's stored key: the same on every try ("" for none)


class _WatchedSMTP(smtplib.SMTP):
    """``smtplib.SMTP`` that notes when the message itself has gone to the server."""

    handed_over = False

    def send(self, s: Buffer | str) -> None:
        super().send(s)
        # smtplib sends the whole message in one call, ending with the lone "." line.
        end = s[-5:] if isinstance(s, str) else memoryview(s)[-5:].tobytes()
        if end in (b"\r\n.\r\n", "\r\n.\r\n"):
            self.handed_over = True


class _WatchedSMTPSSL(_WatchedSMTP, smtplib.SMTP_SSL):
    """The same over implicit TLS (port 465)."""


class Transport(Protocol):
    def send(self, recipient: str, message: OutgoingMessage) -> None: ...


class SmtpTransport:
    """SMTP with STARTTLS (port 587), implicit TLS (465) or, for a local relay, none."""

    def __init__(
        self,
        host: str,
        port: int = 587,
        *,
        security: str = "starttls",
        username: str = "",
        password: str = "",
        sender: str = "",
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = SMTP_TIMEOUT,
    ) -> None:
        if security not in ("starttls", "ssl", "none"):
            raise ConfigurationError(
                f"CATI_SMTP_SECURITY is {security!r}; use starttls, ssl or none"
            )
        if not host:
            raise ConfigurationError("CATI_SMTP_HOST is not set: e-mail alerts cannot be sent")
        self.host, self.port, self.security = host, port, security
        self.username, self.password = username, password
        self.sender = sender or username
        if not self.sender:
            raise ConfigurationError("set CATI_SMTP_FROM (the sender address) for e-mail alerts")
        self.context = ssl_context or ssl.create_default_context()
        self.timeout = timeout

    def message_id(self, key: str) -> str:
        """The Message-ID of the delivery with stored ``key`` (a fresh one without)."""
        domain = self.sender.rpartition("@")[2].strip() or "cati.invalid"
        if not key:
            return make_msgid(domain=domain)
        return f"<cati.{key}@{domain}>"

    def send(self, recipient: str, message: OutgoingMessage) -> None:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = recipient
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = self.message_id(message.key)
        mail.set_content(message.text)
        client: _WatchedSMTP | None = None
        confirmed = False
        try:
            if self.security == "ssl":
                client = _WatchedSMTPSSL(
                    self.host, self.port, timeout=self.timeout, context=self.context
                )
            else:
                client = _WatchedSMTP(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                client.starttls(context=self.context)
            if self.username:
                client.login(self.username, self.password)
            client.send_message(mail)
            confirmed = True
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentDeliveryError(
                    f"the mail server refused {recipient}: {codes}"
                ) from None
            raise TemporaryDeliveryError(f"the mail server deferred {recipient}: {codes}") from None
        except smtplib.SMTPResponseException as error:
            # The server answered: it did not take the message.
            text = self._scrub(f"{error.smtp_code} {error.smtp_error!r}")
            raise TemporaryDeliveryError(f"the mail server answered {text}") from None
        except (smtplib.SMTPException, OSError) as error:
            reason = f"{type(error).__name__}: {self._scrub(str(error))}"
            if client is not None and client.handed_over:
                raise UncertainDeliveryError(
                    f"the message went to the mail server {self.host}:{self.port}, but its "
                    f"answer never came ({reason}; timeout {self.timeout:g} s): it may have "
                    "arrived, so it is not sent again automatically"
                ) from None
            raise TemporaryDeliveryError(
                f"cannot reach the mail server {self.host}:{self.port} ({reason})"
            ) from None
        finally:
            if client is not None:
                _say_goodbye(client, confirmed)

    def _scrub(self, text: str) -> str:
        # AUTH PLAIN and AUTH LOGIN send the password in base64: hide every form of it.
        return scrub_secrets(text, [self.password])


def _say_goodbye(client: smtplib.SMTP, politely: bool) -> None:
    """QUIT after a confirmed message (it stays sent if that fails), else just close: a
    server that did not answer would only make QUIT wait for another timeout."""
    try:
        if politely:
            client.quit()
            return
    except (smtplib.SMTPException, OSError):
        pass
    client.close()


class TelegramTransport:
    """``sendMessage`` of the Telegram Bot API: plain text, one chat id per recipient."""

    def __init__(
        self,
        token: str,
        base_url: str = TELEGRAM_API_URL,
        *,
        session: requests.Session | None = None,
        timeout: float = TELEGRAM_TIMEOUT,
    ) -> None:
        if not token:
            raise ConfigurationError(
                "CATI_TELEGRAM_BOT_TOKEN is not set: Telegram alerts cannot be sent"
            )
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.timeout = timeout

    def send(self, recipient: str, message: OutgoingMessage) -> None:
        text = f"{message.subject}\n\n{message.text}"
        if len(text) > TELEGRAM_TEXT_LIMIT:
            text = text[: TELEGRAM_TEXT_LIMIT - 1] + "…"
        url = f"{self.base_url}/bot{self.token}/sendMessage"
        try:
            response = self.session.post(
                url,
                json={"chat_id": recipient, "text": text, "disable_web_page_preview": True},
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            reason = f"{type(error).__name__}: {self._scrub(str(error))}"
            if _request_was_sent(error):
                raise UncertainDeliveryError(
                    f"the message went to the Telegram API, but its answer never came "
                    f"({reason}; timeout {self.timeout:g} s): it may have arrived, so it is "
                    "not sent again automatically"
                ) from None
            raise TemporaryDeliveryError(f"cannot reach the Telegram API ({reason})") from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code == 200 and body.get("ok"):
            return
        description = self._scrub(str(body.get("description") or response.reason or ""))
        status = response.status_code
        if status == 429 or status >= 500 or status == 401:
            # 401: a wrong token is fixed in the settings, then the pending messages go out.
            raise TemporaryDeliveryError(f"Telegram answered {status}: {description}")
        raise PermanentDeliveryError(f"Telegram refused chat {recipient}: {status} {description}")

    def _scrub(self, text: str) -> str:
        return scrub_secrets(text, [self.token])


def _request_was_sent(error: requests.RequestException) -> bool:
    """Whether the request may have reached the server before ``error`` (see the module
    docstring): False only when no connection was made."""
    if isinstance(error, requests.ConnectTimeout | requests.exceptions.SSLError):
        return False
    if isinstance(error, requests.exceptions.ProxyError | requests.exceptions.InvalidURL):
        return False
    if isinstance(error, requests.ReadTimeout):
        return True
    if isinstance(error, requests.ConnectionError):
        cause = error.args[0] if error.args else None
        cause = getattr(cause, "reason", cause)  # urllib3's MaxRetryError wraps the reason
        # NewConnectionError and NameResolutionError are ConnectTimeoutErrors too.
        return not isinstance(cause, ConnectTimeoutError)
    return isinstance(error, requests.exceptions.ChunkedEncodingError)


def transports_from_settings(settings: NotifierSettings) -> dict[str, Transport]:
    """The transports that are configured (a channel without settings is left out)."""
    found: dict[str, Transport] = {}
    if settings.smtp_host:
        security = settings.smtp_security or "starttls"
        default_port = {"ssl": 465, "none": 25}.get(security, 587)
        try:
            port = int(settings.smtp_port or default_port)
        except ValueError:
            raise ConfigurationError(
                f"CATI_SMTP_PORT is {settings.smtp_port!r}; give a number such as 587"
            ) from None
        context = ssl.create_default_context(cafile=settings.smtp_ca_file or None)
        found["email"] = SmtpTransport(
            settings.smtp_host,
            port,
            security=security,
            username=settings.smtp_user,
            password=settings.smtp_password,
            sender=settings.smtp_from,
            ssl_context=context,
            timeout=_seconds("CATI_SMTP_TIMEOUT", settings.smtp_timeout, SMTP_TIMEOUT),
        )
    if settings.telegram_token:
        found["telegram"] = TelegramTransport(
            settings.telegram_token,
            settings.telegram_api_url or TELEGRAM_API_URL,
            timeout=_seconds("CATI_TELEGRAM_TIMEOUT", settings.telegram_timeout, TELEGRAM_TIMEOUT),
        )
    return found


def _seconds(name: str, text: str, default: float) -> float:
    if not text.strip():
        return default
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not 1 <= value <= 600:
        raise ConfigurationError(
            f"{name} is {text!r}; give the seconds to wait for the server, from 1 to 600 "
            f"(default {default:g})"
        )
    return value
