"""What a dialer can say about how a call attempt ended.

This is the telephony side's vocabulary only; ``cati.dispositions`` maps each result to an
AAPOR disposition in one table. Kept free of twilio so every part of ``cati`` may import it.
"""

from __future__ import annotations

from enum import StrEnum


class CallStatus(StrEnum):
    """Live status of a call while it is in progress (shown to the interviewer)."""

    QUEUED = "queued"
    DIALING = "dialing"
    RINGING = "ringing"
    IN_PROGRESS = "in_progress"
    ENDED = "ended"


class CallResult(StrEnum):
    """How a dial attempt ended, before the interviewer adds what was said."""

    ANSWERED = "answered"  # a person (or the interviewer's judgement says so) picked up
    NO_ANSWER = "no_answer"  # rang out
    BUSY = "busy"
    ANSWERING_MACHINE = "answering_machine"
    INVALID_NUMBER = "invalid_number"  # the number does not exist / is not a phone number
    UNREACHABLE = "unreachable"  # network or carrier could not complete the call
    FAILED = "failed"  # a fault on our side (credentials, API error) - the case is not touched
    CANCELED = "canceled"  # the interviewer hung up before the call was answered
