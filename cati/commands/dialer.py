"""``cati dialer test``: place one call and print how it goes - how a user checks the setup.

Prints each status change and the final outcome (one JSON object per line with ``--json``).
An answered call is held for ``--hold`` seconds, then hung up. Exit status: 0 when the call
ended with any outcome a real call can have, 1 when it ended as ``FAILED`` (a setup or
network problem: the reason says what to fix), 2 for bad arguments or missing settings.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

import phonenumbers

from cati.errors import ConfigurationError
from cati.telephony.dialer import CallLimits, CallUpdate, SimulatedClock, mask_phone_numbers
from cati.telephony.factory import DIALER_KINDS, create_dialer
from cati.telephony.manual import MANUAL_RESULTS, ManualDialer
from cati.telephony.results import CallResult, CallStatus

__all__ = ["register"]


def register(subparsers: Any) -> None:
    dialer = subparsers.add_parser("dialer", description="Check the telephone setup.")
    commands = dialer.add_subparsers(title="dialer commands", metavar="COMMAND", required=True)
    test = commands.add_parser(
        "test",
        help="place one call and print each status change and the outcome",
        description="Place one call and print each status change and the final outcome. "
        "Twilio settings come from the environment (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN or "
        "TWILIO_API_KEY/TWILIO_API_SECRET, CATI_CALLER_ID, CATI_AGENT_NUMBER) or the keyring.",
    )
    test.add_argument(
        "--to",
        required=True,
        metavar="NUMBER",
        help="the number to call: E.164 (+74951234567) or as written locally (8 495 123-45-67)",
    )
    test.add_argument(
        "--region", default="RU", help="the country of numbers written without + (default RU)"
    )
    test.add_argument("--extension", default="", help="DTMF digits to send after answer")
    test.add_argument("--dialer", choices=DIALER_KINDS, default="simulated")
    test.add_argument("--json", action="store_true", help="one JSON object per line")
    test.add_argument("--seed", type=int, default=None, help="seed of the simulated dialer")
    test.add_argument(
        "--fast",
        action="store_true",
        help="run the simulated dialer on simulated time (no waiting)",
    )
    test.add_argument("--ring-timeout", type=int, default=30, metavar="SECONDS")
    test.add_argument(
        "--hold",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="how long to keep an answered call before hanging up (default 3)",
    )
    test.add_argument(
        "--wait",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="give up waiting for the outcome after this long",
    )
    test.set_defaults(handler=_test)


def _printer(as_json: bool) -> Any:
    lock = threading.Lock()

    def show(update: CallUpdate) -> None:
        if as_json:
            line = json.dumps(
                {
                    "call_id": update.call_id,
                    "at": update.at.isoformat(),
                    "status": update.status.value,
                    "result": update.result.value if update.result else None,
                    "reason": update.reason,
                    "recording": update.recording,
                    "final": update.is_final,
                },
                ensure_ascii=False,
            )
        elif update.is_final:
            assert update.result is not None
            line = f"{update.at:%H:%M:%S}  outcome: {update.result.value} ({update.reason})"
        else:
            line = f"{update.at:%H:%M:%S}  {update.status.value}: {update.reason}"
        with lock:
            print(line, flush=True)

    return show


def _as_e164(text: str, region: str) -> str:
    """The number in E.164 when it can be read as one; else as given (the dialer says why)."""
    try:
        parsed = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(parsed):
        return text
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _test(args: argparse.Namespace) -> int:
    try:
        limits = CallLimits(ring_timeout_s=args.ring_timeout)
    except ValueError as error:
        raise ConfigurationError(f"--ring-timeout: {error}") from None
    clock = SimulatedClock() if args.fast and args.dialer == "simulated" else None
    dialer = create_dialer(args.dialer, seed=args.seed, clock=clock)
    show = _printer(args.json)
    try:
        number = _as_e164(args.to, args.region)
        handle = dialer.dial(number, extension=args.extension, limits=limits, listener=show)
        if isinstance(dialer, ManualDialer) and not handle.is_final:
            _ask_interviewer(dialer, handle, args.json)
        elif (
            handle.wait_for(CallStatus.IN_PROGRESS, timeout=args.wait)
            and not handle.is_final
            and handle.wait(timeout=args.hold) is None
        ):
            dialer.hang_up(handle)
        result = handle.wait(timeout=args.wait)
        if result is None:
            dialer.hang_up(handle)
            result = handle.wait(timeout=30)
    finally:
        dialer.close()
    if result is None:
        print(f"cati: no outcome within {args.wait:g} s", file=sys.stderr)
        return 1
    return 1 if result is CallResult.FAILED else 0


def _ask_interviewer(dialer: ManualDialer, handle: Any, as_json: bool) -> None:
    """The manual dialer: show the number, then ask how the call went."""
    choices = {str(i): r for i, r in enumerate(MANUAL_RESULTS, 1)}
    out = sys.stderr if as_json else sys.stdout
    print(f"Dial {handle.number.display} on your desk phone.", file=out)
    print("How did it go? " + ", ".join(f"{k}={r.value}" for k, r in choices.items()), file=out)
    answer = sys.stdin.readline().strip()
    result = choices.get(answer)
    if result is None:
        dialer.hang_up(handle)
    else:
        dialer.report_result(handle, result, mask_phone_numbers("reported at the command line"))
