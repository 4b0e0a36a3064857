"""``cati`` without a command (or with only ``--db URL``): the desktop app.

The database layer is imported here, before the app imports Qt: once PySide6 is loaded,
its import hook reads the source of every module imported after it (shiboken's check for
``from __feature__``), which makes SQLAlchemy, Alembic and SQLModel load about twice as
slowly on the way to the sign-in window.
"""

from __future__ import annotations

import argparse

import cati.db  # noqa: F401 - imported before Qt on purpose (see above)
from cati.app import run_desktop_app

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    return run_desktop_app(database_url=args.db)
