"""What Twilio's call statuses and error codes mean for a dial attempt: the one table.

Twilio reports the respondent's leg (the child call of the agent bridge) with the call
statuses of its REST API (``queued``, ``ringing``, ``in-progress``, ``completed``, ``busy``,
``no-answer``, ``failed``, ``canceled``) and reports problems as numbered errors
(https://www.twilio.com/docs/api/errors). Both are mapped here and nowhere else; ``cati``'s
disposition table then maps :class:`CallResult` to AAPOR codes. Pure data, no twilio import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cati.telephony.results import CallResult, CallStatus

__all__ = [
    "AUTH_FAILED",
    "STATUS_TABLE",
    "TWILIO_ERRORS",
    "ErrorMeaning",
    "StatusMeaning",
    "error_outcome",
    "status_outcome",
]


@dataclass(frozen=True)
class StatusMeaning:
    """A Twilio status of the respondent's leg: what to show while live, or how it ended."""

    live: CallStatus
    result: CallResult | None  # None while the call is still going
    reason: str


STATUS_TABLE: dict[str, StatusMeaning] = {
    "queued": StatusMeaning(CallStatus.RINGING, None, "dialling the respondent"),
    "ringing": StatusMeaning(CallStatus.RINGING, None, "the respondent's phone is ringing"),
    "in-progress": StatusMeaning(CallStatus.IN_PROGRESS, None, "connected"),
    "completed": StatusMeaning(CallStatus.ENDED, CallResult.ANSWERED, "answered"),
    "busy": StatusMeaning(CallStatus.ENDED, CallResult.BUSY, "busy"),
    "no-answer": StatusMeaning(CallStatus.ENDED, CallResult.NO_ANSWER, "no answer"),
    "failed": StatusMeaning(
        CallStatus.ENDED, CallResult.UNREACHABLE, "the call could not be connected"
    ),
    "canceled": StatusMeaning(
        CallStatus.ENDED, CallResult.CANCELED, "canceled before it was answered"
    ),
}


def status_outcome(status: str, answered_by: str | None = None) -> StatusMeaning:
    """The meaning of a respondent-leg status; an answering machine (if Twilio's machine
    detection said so in ``answered_by``) turns an answered call into ``ANSWERING_MACHINE``.
    An unknown status (a newer API) counts as still going rather than inventing an end."""
    meaning = STATUS_TABLE.get(status)
    if meaning is None:
        return StatusMeaning(CallStatus.RINGING, None, f"Twilio status '{status}'")
    machine = bool(answered_by) and str(answered_by).startswith(("machine", "fax"))
    if machine and meaning.result is CallResult.ANSWERED:
        return StatusMeaning(
            CallStatus.ENDED, CallResult.ANSWERING_MACHINE, f"answered by a machine ({answered_by})"
        )
    if machine and meaning.live is CallStatus.IN_PROGRESS:
        return StatusMeaning(CallStatus.IN_PROGRESS, None, f"answered by a machine ({answered_by})")
    return meaning


@dataclass(frozen=True)
class ErrorMeaning:
    """A Twilio error code about a number, or about our setup."""

    result: CallResult
    about: Literal["number", "setup"]
    advice: str


AUTH_FAILED = 20003

TWILIO_ERRORS: dict[int, ErrorMeaning] = {
    # The number itself (REST API 212xx; <Dial> 132xx when the bridge dials it).
    21211: ErrorMeaning(CallResult.INVALID_NUMBER, "number", "invalid 'To' phone number"),
    21214: ErrorMeaning(CallResult.UNREACHABLE, "number", "the phone number cannot be reached"),
    21215: ErrorMeaning(
        CallResult.UNREACHABLE,
        "number",
        "calls to this destination are not enabled in the account's Voice geographic permissions",
    ),
    21216: ErrorMeaning(CallResult.UNREACHABLE, "number", "the call was blocked by Twilio"),
    21217: ErrorMeaning(
        CallResult.INVALID_NUMBER, "number", "the phone number does not appear to be valid"
    ),
    13223: ErrorMeaning(CallResult.INVALID_NUMBER, "number", "invalid phone number format"),
    13224: ErrorMeaning(
        CallResult.INVALID_NUMBER,
        "number",
        "Twilio does not support calling this number or it is invalid",
    ),
    13225: ErrorMeaning(CallResult.UNREACHABLE, "number", "forbidden phone number"),
    13227: ErrorMeaning(
        CallResult.UNREACHABLE, "number", "no international authorization for this destination"
    ),
    # Our setup: nothing about the respondent, the case stays untouched.
    AUTH_FAILED: ErrorMeaning(
        CallResult.FAILED,
        "setup",
        "Twilio rejected the credentials: check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN "
        "(or TWILIO_API_KEY/TWILIO_API_SECRET) in Settings > Telephony or the environment",
    ),
    20404: ErrorMeaning(
        CallResult.FAILED, "setup", "Twilio does not know this resource: check TWILIO_ACCOUNT_SID"
    ),
    21210: ErrorMeaning(
        CallResult.FAILED,
        "setup",
        "the caller ID is not verified for this account: check CATI_CALLER_ID",
    ),
    21212: ErrorMeaning(
        CallResult.FAILED, "setup", "the caller ID is not a valid number: check CATI_CALLER_ID"
    ),
}


def error_outcome(
    code: int | None,
    message: str,
    *,
    leg: Literal["agent", "respondent"],
) -> tuple[CallResult, str]:
    """The result and reason text for a Twilio error about one leg of the bridge.

    Errors about the *agent* leg (the REST create dials the interviewer's own line) never
    mark the respondent's number: a bad number there is a setup problem with
    ``CATI_AGENT_NUMBER``. Errors about the respondent's leg keep their number meaning.
    """
    label = f"Twilio {code}: {message}" if code else f"Twilio: {message}"
    meaning = TWILIO_ERRORS.get(code or 0)
    if meaning is None:
        return CallResult.FAILED, label
    if meaning.about == "number" and leg == "agent":
        return CallResult.FAILED, (
            f"{label} - this is about your own line, not the respondent's number: check "
            "CATI_AGENT_NUMBER (the phone or SIP address Twilio rings first)"
        )
    return meaning.result, f"{label} ({meaning.advice})"
