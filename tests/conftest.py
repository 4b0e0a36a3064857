"""Shared test setup: Qt runs offscreen; the database fixtures come from tests.db_fixtures."""

from __future__ import annotations

import os

from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No per-example deadline: on a loaded 2-core CI machine a first example can take longer
# than hypothesis's default 200 ms without anything being wrong. On CI the examples are
# derived from the test itself, so a failure reproduces exactly.
settings.register_profile("cati", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "cati")

pytest_plugins = ["tests.db_fixtures"]
