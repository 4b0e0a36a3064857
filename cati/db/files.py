"""The data folder of a database: where the files that describe its data are kept.

Files follow the database (DESIGN.md): call recordings, import rejects and caches belong to
one database, so two databases never share them (two databases both have a ``study-1``)
and a database copied or moved with its folder keeps them.

- A SQLite file ``/data/fieldwork.sqlite3`` keeps its files beside it, in
  ``/data/fieldwork-files/``.
- A PostgreSQL database (or any other server) has no folder of its own: its files go to the
  user data folder, one folder per server and database,
  ``<user data>/cati/databases/<host>-<port>-<database>-<hash>/``. The short hash tells apart
  names that read alike once made safe for a file system.
- An in-memory SQLite database (tests) lives as long as the process: its files go to a
  temporary folder of that process.

A folder the user names (a study's recordings folder) always wins over this one; the callers
decide that. The folder is not created here: whoever writes the first file does.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import platformdirs
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from cati.errors import ConfigurationError

__all__ = ["database_data_folder"]

#: Appended to a SQLite file's name (without its suffix) for the folder beside it.
SQLITE_FOLDER_SUFFIX = "-files"


def database_data_folder(database: str | URL | Engine) -> Path:
    """The folder for the files of ``database`` (a URL, or an engine's): see the module
    docstring. Raises :class:`~cati.errors.ConfigurationError` for a URL that cannot be read."""
    url = _url_of(database)
    if url.get_backend_name() == "sqlite":
        path = _sqlite_file(url)
        if path is None:
            return Path(tempfile.gettempdir()) / f"cati-in-memory-{os.getpid()}"
        return path.parent / f"{path.stem or path.name}{SQLITE_FOLDER_SUFFIX}"
    return _server_folder(url)


def _url_of(database: str | URL | Engine) -> URL:
    if isinstance(database, Engine):
        return database.url
    if isinstance(database, URL):
        return database
    text = database.strip()
    if text.startswith("postgres://"):
        text = "postgresql://" + text.removeprefix("postgres://")
    try:
        return make_url(text)
    except ArgumentError as error:
        raise ConfigurationError(
            f"cannot tell where the files of the database {text!r} belong: it is not a "
            "database URL. Examples: sqlite:///C:/data/cati.sqlite3, "
            "postgresql://cati@server/fieldwork."
        ) from error


def _sqlite_file(url: URL) -> Path | None:
    """The database file, or None for an in-memory database."""
    name = url.database or ""
    if name.startswith("file:"):  # a SQLite URI filename: sqlite:///file:path?uri=true
        name = name.removeprefix("file:").split("?", 1)[0]
        if url.query.get("mode") == "memory":
            return None
    if name in ("", ":memory:"):
        return None
    return Path(name).expanduser().absolute()


def _server_folder(url: URL) -> Path:
    host = (url.host or str(url.query.get("host", "")) or "localhost").lower()
    port = str(url.port or "")
    database = url.database or url.username or "default"
    exact = "\n".join((url.get_backend_name(), host, port, database))
    digest = hashlib.sha256(exact.encode("utf-8")).hexdigest()[:8]
    readable = "-".join(part for part in (host, port, database) if part)
    root = platformdirs.user_data_path("cati", appauthor=False) / "databases"
    return root / f"{_safe(readable)}-{digest}"


def _safe(text: str) -> str:
    """``text`` usable as one folder name on Windows, macOS and Linux (letters of any
    alphabet kept)."""
    cleaned = re.sub(r"[^\w.-]+", "_", text).strip("._") or "database"
    return cleaned[:80]
