"""The console service keeps a call's recording for the supervisors, on the caller's own call."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from sqlalchemy import Engine

from cati.accounts import Role, add_account
from cati.console_service import (
    CallFacts,
    ClaimedContact,
    WrapUp,
    keep_call_recordings,
    next_contact,
    record_wrap_up,
    study_fieldwork,
)
from cati.errors import PermissionDenied
from cati.scheduler.settings import FieldworkSettings
from cati.supervision.review import open_recording
from cati.telephony.results import CallResult, CallStatus
from cati.telephony.simulated import SimulatedDialer

from .ui.console.helpers import ALWAYS_ANSWERED, PASSWORD, fieldwork

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_a_recorded_call_is_attached_to_the_callers_own_attempt_only(
    engine: Engine, tmp_path: Path
) -> None:
    work = fieldwork(engine)
    work.study.settings(FieldworkSettings(recordings_folder=str(tmp_path)))
    actor, clock, study_id = work.actor, work.clock, work.study.study_id
    claimed = next_contact(engine, actor, study_id, clock, "en")
    assert isinstance(claimed, ClaimedContact)
    dialer = SimulatedDialer(ALWAYS_ANSWERED, seed=3, clock=clock)
    try:
        handle = dialer.dial(claimed.claim.phone_e164)
        assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=10)
        dialer.start_recording(handle, consent_given=True)
        dialer.stop_recording(handle)
        dialer.start_recording(handle, consent_given=True)  # two pieces of one call
        dialer.hang_up(handle)
        handle.wait(timeout=10)
        assert handle.was_recorded
        facts = CallFacts(call_result=CallResult.ANSWERED, dialer="simulated")
        recorded = record_wrap_up(
            engine, actor, claimed.claim, clock, WrapUp("refusal_respondent", "занят", call=facts)
        )
        folder = study_fieldwork(engine, actor, study_id, "en").recordings_folder
        assert folder == tmp_path / f"study-{study_id}"

        other = add_account(engine, "igor", "Игорь", Role.INTERVIEWER, PASSWORD, clock)
        with pytest.raises(PermissionDenied):
            keep_call_recordings(engine, other, recorded.attempt_id, dialer, handle, folder)

        path = keep_call_recordings(engine, actor, recorded.attempt_id, dialer, handle, folder)
        assert path == folder / f"attempt-{recorded.attempt_id}.wav"
        with wave.open(str(path)) as audio:  # both pieces, one second each
            assert audio.getnframes() == 2 * audio.getframerate()
        supervisor = add_account(engine, "sveta", "Света", Role.SUPERVISOR, PASSWORD, clock)
        assert open_recording(engine, supervisor, recorded.attempt_id) == path
    finally:
        dialer.close()


def test_without_a_named_folder_recordings_go_beside_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    # Two databases, each with its study 1: their recordings never share a folder.
    from cati.db import create_engine_for, upgrade_database

    other = create_engine_for(f"sqlite:///{tmp_path / 'вторая' / 'cati.sqlite3'}")
    try:
        upgrade_database(other)
        folders = []
        for database in (engine, other):
            work = fieldwork(database)
            found = study_fieldwork(database, work.actor, work.study.study_id, "ru")
            file = Path(str(database.url.database))
            assert found.recordings_folder == (
                file.parent / f"{file.stem}-files" / "recordings" / f"study-{work.study.study_id}"
            )
            folders.append(found.recordings_folder)
    finally:
        other.dispose()
    assert folders[0].name == folders[1].name and folders[0] != folders[1]
