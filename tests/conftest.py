"""Shared test setup: Qt runs offscreen, user folders are scratch folders, SQLite units of
work are checked for deferred read-then-write; the database fixtures come from
tests.db_fixtures."""

from __future__ import annotations

import os
import tempfile

from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every SQLite unit of work that reads and then writes must be immediate (DESIGN.md): the
# engines raise DeferredReadThenWrite at the offending statement (cati.db.engine).
os.environ.setdefault("CATI_STRICT_TRANSACTIONS", "1")

# The user's own data and settings folders are never touched: whatever the code puts in the
# user data folder (recordings, the demo database, preferences) goes to a scratch folder.
_scratch_home = tempfile.mkdtemp(prefix="cati-tests-home-")
for _variable, _folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
    os.environ[_variable] = os.path.join(_scratch_home, _folder)

# No per-example deadline: on a loaded 2-core CI machine a first example can take longer
# than hypothesis's default 200 ms without anything being wrong. On CI the examples are
# derived from the test itself, so a failure reproduces exactly.
settings.register_profile("cati", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "cati")

pytest_plugins = ["tests.db_fixtures"]
