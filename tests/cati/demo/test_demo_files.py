"""The demo's files (rejects, recordings) follow the database it is built in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlmodel import col, select

from cati.accounts import sign_in
from cati.console_service import study_fieldwork
from cati.db import create_engine_for, session_scope, upgrade_database
from cati.db.models import Attempt
from cati.demo.build import DEMO_LOGIN, DEMO_PASSWORD, DEMO_STUDY, build_demo
from cati.studies.service import find_study_named, study_id


@pytest.mark.slow
def test_the_demo_keeps_its_recordings_and_rejects_beside_its_database(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'опрос' / 'demo.sqlite3'}")
    try:
        upgrade_database(engine)
        summary = build_demo(engine, days=1)
        with session_scope(engine) as session:
            paths = {
                Path(path)
                for path in session.exec(
                    select(Attempt.recording_path).where(col(Attempt.recording_path).is_not(None))
                )
                if path
            }
        actor = sign_in(engine, DEMO_LOGIN, DEMO_PASSWORD)
        study = find_study_named(engine, DEMO_STUDY)
        assert study is not None
        console = study_fieldwork(engine, actor, study_id(study), "ru")
    finally:
        engine.dispose()
    beside = tmp_path / "опрос" / "demo-files"
    assert Path(summary.rejects_file).parent == beside
    assert paths and all(p.is_relative_to(beside / "recordings") and p.exists() for p in paths)
    # Calls made later from the console keep their recordings there too.
    assert console.recordings_folder.parent == beside / "recordings"
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "cati" / "recordings").exists()
