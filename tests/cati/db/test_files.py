"""The data folder of a database: beside a SQLite file, per server and database otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from cati.db import create_engine_for
from cati.db.files import database_data_folder
from cati.errors import ConfigurationError


def test_a_sqlite_file_keeps_its_files_in_a_folder_beside_it(tmp_path: Path) -> None:
    database = tmp_path / "полевые работы" / "fieldwork.sqlite3"
    folder = database_data_folder(f"sqlite:///{database}")
    assert folder == tmp_path / "полевые работы" / "fieldwork-files"


def test_two_sqlite_files_have_two_folders(tmp_path: Path) -> None:
    first = database_data_folder(f"sqlite:///{tmp_path / 'a' / 'cati.sqlite3'}")
    second = database_data_folder(f"sqlite:///{tmp_path / 'b' / 'cati.sqlite3'}")
    assert first != second


def test_a_relative_sqlite_path_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_data_folder("sqlite:///local.db") == tmp_path / "local-files"


def test_an_engine_is_asked_for_its_url(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        assert database_data_folder(engine) == tmp_path / "x-files"
    finally:
        engine.dispose()


def test_a_sqlite_uri_filename_is_read_as_its_path(tmp_path: Path) -> None:
    url = f"sqlite:///file:{tmp_path / 'uri.sqlite3'}?mode=rw&uri=true"
    assert database_data_folder(url) == tmp_path / "uri-files"


def test_an_in_memory_database_uses_a_temporary_folder_of_the_process() -> None:
    folder = database_data_folder("sqlite://")
    assert str(os.getpid()) in folder.name
    assert database_data_folder("sqlite:///:memory:") == folder
    assert not folder.is_relative_to(platformdirs.user_data_path("cati", appauthor=False))


def test_a_postgresql_database_has_a_user_data_folder_per_server_and_database() -> None:
    root = platformdirs.user_data_path("cati", appauthor=False) / "databases"
    fieldwork = database_data_folder("postgresql://cati:secret@DB.example.org:5433/fieldwork")
    assert fieldwork.parent == root
    assert fieldwork.name.startswith("db.example.org-5433-fieldwork-")
    assert "secret" not in str(fieldwork)
    # The user and the password do not change the folder; the server and database do.
    assert database_data_folder("postgresql://other@db.example.org:5433/fieldwork") == fieldwork
    assert database_data_folder("postgres://cati@db.example.org:5433/fieldwork") == fieldwork
    others = {
        database_data_folder("postgresql://cati@db.example.org:5433/pilot"),
        database_data_folder("postgresql://cati@db2.example.org:5433/fieldwork"),
        database_data_folder("postgresql://cati@db.example.org/fieldwork"),
    }
    assert fieldwork not in others and len(others) == 3


def test_database_names_that_read_alike_once_made_safe_get_two_folders() -> None:
    slash = database_data_folder("postgresql://cati@server/a/b")
    underscore = database_data_folder("postgresql://cati@server/a_b")
    assert slash != underscore
    assert "/" not in slash.name and "\\" not in slash.name


def test_a_cyrillic_database_name_stays_readable() -> None:
    folder = database_data_folder("postgresql://cati@server/опрос_2026")
    assert folder.name.startswith("server-опрос_2026-")


def test_a_url_that_is_not_one_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="not a database URL"):
        database_data_folder("no url at all")
