"""The composition root: settings -> database -> services -> windows.

Nothing here runs at import time; ``run_desktop_app`` builds the graph explicitly, and tests
build the same graph with a temporary database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cati.db import Engine


@dataclass(frozen=True)
class Application:
    """What the windows are given: where the data lives and how to reach it."""

    database_label: str  # the URL with any password hidden, for people to read
    engine: Engine


def build_application(database_url: str | None = None) -> Application:
    """Open (and create or upgrade) the database named by ``--db``, ``CATI_DATABASE_URL`` or
    the default SQLite file in the user data directory."""
    from cati.db import create_engine_for, describe_url, upgrade_database
    from cati.db import database_url as resolve_url

    url = resolve_url(database_url)
    engine = create_engine_for(url)
    upgrade_database(engine)
    return Application(database_label=describe_url(url), engine=engine)


@contextmanager
def open_database(database_url: str | None = None) -> Iterator[Engine]:
    """The upgraded database for one command; the connections close when it ends."""
    application = build_application(database_url)
    try:
        yield application.engine
    finally:
        application.engine.dispose()


def run_desktop_app(database_url: str | None = None) -> int:
    """Start the desktop client (the Qt layer lives in ``cati.ui``)."""
    from cati.ui.main import run, saved_database_url

    application = build_application(saved_database_url(database_url))
    try:
        return run(database_label=application.database_label, engine=application.engine)
    finally:
        application.engine.dispose()
