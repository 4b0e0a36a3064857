"""``cati digest STUDY [--send] [--json]``: the fieldwork digest, printed or sent.

Without ``--send`` the digest of the last period (``--hours``, default: the study's digest
period or a day) is printed (``--json``: one JSON document). With ``--send`` it goes to the
study's digest recipients now (for cron); ``--due-only`` sends only to recipients whose
period has passed (for a cron job that runs more often than the period).
"""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "digest",
        description="Fieldwork progress, AAPOR rates, NPS and CSI so far, and new alerts.",
    )
    parser.add_argument("study", metavar="STUDY", help="the study's name or number")
    parser.add_argument("--send", action="store_true", help="send to the digest recipients")
    parser.add_argument(
        "--due-only", action="store_true", help="with --send: only recipients that are due"
    )
    parser.add_argument("--hours", type=float, default=None, help="period to print (hours)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(handler=_digest)


def _digest(args: argparse.Namespace) -> int:
    from cati.alerts.credentials import load_notifier_settings
    from cati.alerts.digest import digest_message, digest_to_dict, send_digests, study_digest
    from cati.alerts.settings import parse_alert_settings
    from cati.alerts.transports import transports_from_settings
    from cati.app import build_application
    from cati.clock import SystemClock
    from cati.db.results import study_settings

    clock = SystemClock()
    application = build_application(args.db)
    engine = application.engine
    try:
        if args.send:
            transports = transports_from_settings(load_notifier_settings())
            report = send_digests(engine, args.study, clock, transports, only_due=args.due_only)
            if args.json:
                print(
                    json.dumps(
                        {
                            "sent": report.sent,
                            "failed": report.failed,
                            "maybe_sent": report.maybe_sent,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                unconfirmed = {problem.partition(": ")[0] for problem in report.maybe_sent}
                for key in report.sent:
                    if key not in unconfirmed:
                        print(f"sent: {key}")
                for problem in report.maybe_sent:
                    print(f"maybe sent (not confirmed, not sent again): {problem}")
                for problem in report.failed:
                    print(f"failed: {problem}")
                if not report.sent and not report.failed:
                    print("no digest recipients are due (see alerts.digest in the settings)")
            return 1 if report.failed else 0
        _, raw = study_settings(engine, args.study)
        settings = parse_alert_settings(raw)
        period = (
            timedelta(hours=args.hours)
            if args.hours
            else settings.digest_every or timedelta(days=1)
        )
        now = clock.now()
        digest = study_digest(engine, args.study, now, now - period)
        if args.json:
            print(json.dumps(digest_to_dict(digest), ensure_ascii=False))
        else:
            message = digest_message(digest, ("segment", "company"), settings.language)
            print(message.subject)
            print(message.text)
        return 0
    finally:
        engine.dispose()
