"""The composition root opens, creates and upgrades the database it is pointed at."""

from __future__ import annotations

from pathlib import Path

import pytest

from cati.app import build_application
from cati.db import current_revision, head_revision


def test_the_app_creates_its_database_in_the_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CATI_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    application = build_application()
    try:
        assert current_revision(application.engine) == head_revision()
        assert str(tmp_path) in application.database_label
        assert list(tmp_path.rglob("cati.sqlite3"))
    finally:
        application.engine.dispose()


def test_an_explicit_url_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CATI_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    application = build_application(f"sqlite:///{tmp_path / 'flag.sqlite3'}")
    application.engine.dispose()
    assert (tmp_path / "flag.sqlite3").exists()
    assert not (tmp_path / "env.sqlite3").exists()
