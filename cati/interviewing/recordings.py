"""Keeping a call's recording for the supervisors' call review.

After the wrap-up, the workstation that placed the call (the console, or a robot
interviewer) downloads the recording from the dialer into the study's recordings folder, as
one file per call, and attaches it to the call's attempt, which must be the interviewer's own.
"""

from __future__ import annotations

from pathlib import Path

from cati.db import Engine, session_scope
from cati.db import console as db_console
from cati.errors import PermissionDenied
from cati.telephony.dialer import CallHandle, Dialer
from cati.telephony.recordings import one_file_per_call

__all__ = ["store_call_recordings"]


def store_call_recordings(
    engine: Engine,
    interviewer_id: int,
    attempt_id: int,
    dialer: Dialer,
    handle: CallHandle,
    folder: Path,
) -> Path | None:
    """Download the ended call's recordings into ``folder`` and attach them, as one file, to
    the attempt. Blocking (Twilio may still be processing the recording): run it in a worker.
    Raises ``RecordingUnavailable``, or ``PermissionDenied`` for another interviewer's call."""
    pieces = dialer.fetch_recordings(handle, folder)
    if not pieces:
        return None
    path = one_file_per_call(pieces, folder / f"attempt-{attempt_id}")
    with session_scope(engine) as session:
        if not db_console.attach_recording(session, attempt_id, interviewer_id, str(path)):
            raise PermissionDenied(f"call {attempt_id} was made by another interviewer")
    return path
