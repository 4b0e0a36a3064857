"""Supervision and setup services for the desktop client (and anything else that asks).

Every function takes the signed-in :class:`~cati.accounts.Actor` and checks the role
before touching the database: supervisors and research leads supervise, listen to
recordings, export and open reports; the research lead sets studies up; an interviewer may
do none of it. Queries live in :mod:`cati.db.supervision`.

- :mod:`~cati.supervision.progress`: quotas per segment, AAPOR rates, outcomes of calls;
- :mod:`~cati.supervision.productivity`: calls and completes per hour, interview length,
  refusal rate per interviewer;
- :mod:`~cati.supervision.alerts`: the alert inbox, the answers behind an alert, handling;
- :mod:`~cati.supervision.review`: recorded calls, recordings, checklist scores;
- :mod:`~cati.supervision.corrections`: logged answer corrections;
- :mod:`~cati.supervision.outputs`: exports and the client report with progress and cancel;
- :mod:`~cati.supervision.setup`: studies, call-list import with preview and mapping,
  segments with live counts, fieldwork settings, script versions.
"""

from __future__ import annotations

from cati.supervision.errors import (
    AlertAlreadyHandled,
    AnswersChanged,
    OperationCancelled,
    RecordingMissing,
)

__all__ = ["AlertAlreadyHandled", "AnswersChanged", "OperationCancelled", "RecordingMissing"]
