"""Real local servers for delivery tests: an SMTP server (aiosmtpd) and a stand-in for the
Telegram Bot API (``http.server`` in a thread). Both can be switched "down"."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


class SmtpServer:
    """aiosmtpd on a fixed port, so it can be stopped (server down) and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@dataclass
class TelegramState:
    token: str
    up: bool = True
    sent: list[dict[str, Any]] = field(default_factory=list)
    blocked_chats: set[str] = field(default_factory=set)


def _handler(state: TelegramState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            if not state.up:
                self._reply(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
                return
            if self.path != f"/bot{state.token}/sendMessage":
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            chat = str(payload.get("chat_id"))
            if chat in state.blocked_chats:
                self._reply(
                    403,
                    {"ok": False, "error_code": 403,
                     "description": "Forbidden: bot was blocked by the user"},
                )  # fmt: skip
                return
            state.sent.append(payload)
            self._reply(200, {"ok": True, "result": {"message_id": len(state.sent)}})

    return Handler


@contextmanager
def telegram_server(token: str) -> Iterator[tuple[str, TelegramState]]:
    state = TelegramState(token)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
