"""``cati alerts send``: deliver the hot alerts that are due (for cron or a service timer).

Each alert is stored when the answer that raised it is saved; this sends its e-mail and
Telegram messages, retrying later (with backoff) what a server refused for now. Running it
from several places at once is safe: every delivery is claimed before it is sent, and sent
once.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cati.alerts.credentials import load_notifier_settings
from cati.alerts.delivery import deliver_due
from cati.alerts.transports import transports_from_settings
from cati.app import open_database
from cati.clock import SystemClock


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("alerts")
    commands = parser.add_subparsers(title="alert commands", metavar="COMMAND", required=True)
    send = commands.add_parser("send", help="send the alert messages that are due (for cron)")
    send.add_argument("--json", action="store_true", help="print the counts as JSON")
    send.set_defaults(handler=run_send)


def run_send(args: argparse.Namespace) -> int:
    transports = transports_from_settings(load_notifier_settings())
    with open_database(args.db) as engine:
        report = deliver_due(engine, SystemClock(), transports)
    counts = {
        "queued": report.queued,
        "sent": report.sent,
        "retrying": report.retrying,
        "failed": report.failed,
    }
    if args.json:
        print(json.dumps({**counts, "errors": report.errors}, ensure_ascii=False))
    else:
        print(", ".join(f"{name} {count}" for name, count in counts.items()))
        for error in report.errors:
            print(f"  {error}")
    return 1 if report.failed else 0
