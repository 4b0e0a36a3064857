"""Shared test setup: Qt runs offscreen; the database fixtures come from tests.db_fixtures."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.db_fixtures"]
