"""The fieldwork database: tables, engines and sessions, migrations.

The only package of cati that knows SQL. Services elsewhere get an engine from the
composition root and run their unit of work in :func:`session_scope`.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from cati.db.engine import (
    DATABASE_URL_VARIABLE,
    create_engine_for,
    database_url,
    default_database_url,
    describe_url,
    session_scope,
)
from cati.db.migrate import (
    DatabaseTooNew,
    DatabaseUnavailable,
    NotACatiDatabase,
    current_revision,
    head_revision,
    upgrade_database,
)
from cati.db.models import *  # noqa: F403 - the tables are this package's vocabulary
from cati.db.models import __all__ as _model_names
from cati.db.types import NaiveDatetimeError

__all__ = [
    "Engine",
    "DATABASE_URL_VARIABLE",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "NaiveDatetimeError",
    "NotACatiDatabase",
    "create_engine_for",
    "current_revision",
    "database_url",
    "default_database_url",
    "describe_url",
    "head_revision",
    "session_scope",
    "upgrade_database",
    *_model_names,
]
