"""``cati alerts``: deliver the hot alerts that are due (for cron or a service timer), list
the messages that need a person, send one again on purpose.

Each alert is stored when the answer that raised it is saved; ``send`` sends its e-mail and
Telegram messages, retrying later (with backoff) what a server did not take. Running it from
several places at once is safe: every delivery is claimed before it is sent, and sent once.
A message handed to a server that never confirmed it is "maybe sent": it is not sent again
by itself; ``undelivered`` lists those and the failed ones, ``resend`` sends one again.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cati.alerts.credentials import load_notifier_settings
from cati.alerts.delivery import deliver_due, resend_alert, undelivered
from cati.alerts.transports import transports_from_settings
from cati.app import open_database
from cati.clock import SystemClock
from cati.errors import CatiError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("alerts")
    commands = parser.add_subparsers(title="alert commands", metavar="COMMAND", required=True)
    send = commands.add_parser("send", help="send the alert messages that are due (for cron)")
    send.add_argument("--json", action="store_true", help="print the counts as JSON")
    send.set_defaults(handler=run_send)
    listing = commands.add_parser(
        "undelivered",
        help="list the messages that were maybe sent (no answer from the server) or failed",
    )
    listing.add_argument("study", nargs="?", help="only this study (name or number)")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    listing.set_defaults(handler=run_undelivered)
    resend = commands.add_parser(
        "resend",
        help="send an alert's maybe-sent or failed messages again (the recipient may get "
        "a message twice)",
    )
    resend.add_argument("alert", type=int, help="the alert's number (see undelivered)")
    resend.add_argument("--channel", choices=("email", "telegram"), help="only this channel")
    resend.add_argument("--to", metavar="RECIPIENT", help="only this address or chat id")
    resend.set_defaults(handler=run_resend)


def run_send(args: argparse.Namespace) -> int:
    transports = transports_from_settings(load_notifier_settings())
    with open_database(args.db) as engine:
        report = deliver_due(engine, SystemClock(), transports)
    counts = {
        "queued": report.queued,
        "sent": report.sent,
        "retrying": report.retrying,
        "failed": report.failed,
        "maybe_sent": report.maybe_sent,
    }
    if args.json:
        print(json.dumps({**counts, "errors": report.errors}, ensure_ascii=False))
    else:
        print(", ".join(f"{name.replace('_', ' ')} {count}" for name, count in counts.items()))
        for error in report.errors:
            print(f"  {error}")
        if report.maybe_sent:
            print("  maybe sent: not sent again; see `cati alerts undelivered`, then resend")
    return 1 if report.failed or report.maybe_sent else 0


def run_undelivered(args: argparse.Namespace) -> int:
    with open_database(args.db) as engine:
        found = undelivered(engine, args.study)
    if args.json:
        rows = [
            {
                "alert": item.alert_id,
                "study": item.study_name,
                "kind": item.kind,
                "created_at": item.created_at.isoformat(),
                "channel": item.status.channel,
                "to": item.status.recipient,
                "state": item.status.state,
                "attempts": item.status.attempts,
                "error": item.status.last_error,
            }
            for item in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("every alert message was sent or is still being tried")
        return 0
    for item in found:
        status = item.status
        state = "maybe sent" if status.state == "maybe_sent" else status.state
        print(
            f"alert {item.alert_id} ({item.kind}, {item.study_name}, "
            f"{item.created_at:%Y-%m-%d %H:%M} UTC): {status.channel} {status.recipient}: "
            f"{state} after {status.attempts} attempt(s)"
        )
        if status.last_error:
            print(f"  {status.last_error}")
    print("send one again: cati alerts resend ALERT [--channel email|telegram] [--to RECIPIENT]")
    return 0


def run_resend(args: argparse.Namespace) -> int:
    with open_database(args.db) as engine:
        queued = resend_alert(engine, SystemClock(), args.alert, args.channel, args.to)
    if not queued:
        raise CatiError(
            f"alert {args.alert} has no maybe-sent or failed message"
            + (f" for {args.channel}" if args.channel else "")
            + (f" to {args.to}" if args.to else "")
            + "; `cati alerts undelivered` lists those that do"
        )
    print(
        f"{queued} message(s) of alert {args.alert} will be sent again by the next "
        "`cati alerts send` (or the app's next round, within a minute)"
    )
    return 0
