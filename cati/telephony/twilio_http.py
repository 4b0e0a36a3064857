"""The HTTP client handed to the twilio library: base-URL override, timeouts, quiet logs.

* ``CATI_TWILIO_API_URL`` (e.g. ``http://127.0.0.1:8123``) sends every request that the
  library addresses to ``https://*.twilio.com`` to that server instead, keeping path and
  query: how the tests run the real library against a local fake of the REST API.
* Every request has a timeout (the library's default is none: a hung socket would hang a
  call's worker for ever).
* The library's stock client logs each request URL at INFO, and list URLs carry phone
  numbers (``?To=+44...``); phones never go to logs, so it gets a logger of its own that
  is not attached to the logging tree.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response

__all__ = ["RebasedHttpClient"]


def _silent_logger() -> logging.Logger:
    logger = logging.Logger("cati.telephony.twilio_http.silent", level=logging.CRITICAL + 1)
    logger.propagate = False
    return logger


class RebasedHttpClient(TwilioHttpClient):
    """A :class:`TwilioHttpClient` that may talk to another base URL, always with a timeout."""

    def __init__(self, base_url: str | None = None, timeout: float = 10.0) -> None:
        super().__init__(timeout=timeout, logger=_silent_logger())
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url and urlsplit(self.base_url).scheme not in ("http", "https"):
            raise ValueError(
                f"CATI_TWILIO_API_URL must start with http:// or https://, got {self.base_url!r}"
            )

    def rebase(self, url: str) -> str:
        """``url`` pointed at :attr:`base_url` when it addresses a Twilio host."""
        if not self.base_url:
            return url
        parts = urlsplit(url)
        if not parts.hostname or not parts.hostname.endswith("twilio.com"):
            return url
        base = urlsplit(self.base_url)
        path = base.path.rstrip("/") + parts.path
        return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))

    def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        return super().request(
            method,
            self.rebase(url),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )

    def download(self, url: str, auth: tuple[str, str], target: Path) -> Path:
        """Stream a media file (a recording) to ``target``; written whole or not at all.

        The library's responses hold text only, so binary media go through the session
        directly. Twilio answers media URLs with a redirect to storage; ``requests`` drops
        the Authorization header when a redirect leaves the host.
        """
        import requests

        session = self.session or requests.Session()
        with session.get(
            self.rebase(url), auth=auth, timeout=self.timeout, stream=True, allow_redirects=True
        ) as response:
            response.raise_for_status()
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    for chunk in response.iter_content(chunk_size=64 * 1024):
                        out.write(chunk)
                os.replace(temp_name, target)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
        return target
