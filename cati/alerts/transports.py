"""Handing one message to one recipient: e-mail over SMTP, Telegram over the Bot API.

A transport either returns (the server accepted the message) or raises
:class:`~cati.alerts.errors.TemporaryDeliveryError` (down, busy, timed out: retry later) or
:class:`~cati.alerts.errors.PermanentDeliveryError` (this recipient will never work). Error
texts never contain the password or the bot token.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol

import requests

from cati.alerts.credentials import NotifierSettings
from cati.alerts.errors import PermanentDeliveryError, TemporaryDeliveryError
from cati.errors import ConfigurationError

__all__ = [
    "OutgoingMessage",
    "SmtpTransport",
    "TelegramTransport",
    "Transport",
    "transports_from_settings",
]

TELEGRAM_API_URL = "https://api.telegram.org"
TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class OutgoingMessage:
    subject: str
    text: str


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
        timeout: float = 30.0,
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

    def send(self, recipient: str, message: OutgoingMessage) -> None:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = recipient
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        mail.set_content(message.text)
        try:
            if self.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=self.context
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.security == "starttls":
                    client.starttls(context=self.context)
                if self.username:
                    client.login(self.username, self.password)
                client.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentDeliveryError(
                    f"the mail server refused {recipient}: {codes}"
                ) from None
            raise TemporaryDeliveryError(f"the mail server deferred {recipient}: {codes}") from None
        except smtplib.SMTPResponseException as error:
            text = self._scrub(f"{error.smtp_code} {error.smtp_error!r}")
            raise TemporaryDeliveryError(f"the mail server answered {text}") from None
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryDeliveryError(
                f"cannot reach the mail server {self.host}:{self.port} "
                f"({type(error).__name__}: {self._scrub(str(error))})"
            ) from None

    def _scrub(self, text: str) -> str:
        return text.replace(self.password, "***") if self.password else text


class TelegramTransport:
    """``sendMessage`` of the Telegram Bot API: plain text, one chat id per recipient."""

    def __init__(
        self,
        token: str,
        base_url: str = TELEGRAM_API_URL,
        *,
        session: requests.Session | None = None,
        timeout: float = 15.0,
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
            raise TemporaryDeliveryError(
                f"cannot reach the Telegram API ({type(error).__name__}: {self._scrub(str(error))})"
            ) from None
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
        return text.replace(self.token, "***")


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
        )
    if settings.telegram_token:
        found["telegram"] = TelegramTransport(
            settings.telegram_token, settings.telegram_api_url or TELEGRAM_API_URL
        )
    return found
