"""``cati rates STUDY [--json]``: AAPOR outcome rates overall and by segment, with counts.

Each contact counts once, with its final code when it is final and otherwise with the code
its whole history would close as now (AAPOR's advice for interim fieldwork reports; a
contact never called counts as not attempted).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cati.errors import NotFoundError
from cati.reporting.fieldwork import study_cases

__all__ = ["register"]


def register(subparsers: Any) -> None:
    rates = subparsers.add_parser(
        "rates",
        description="AAPOR rates (RR1-RR6, COOP1-4, REF1-3, CON1-3) overall and by segment, "
        "with the disposition counts behind them.",
    )
    rates.add_argument("study", metavar="STUDY", help="the study's name or id")
    rates.add_argument("--json", action="store_true", help="one JSON document")
    rates.add_argument("--e", type=float, default=None, help="share of unknown cases eligible")
    rates.add_argument(
        "--language", choices=("ru", "en"), default="ru", help="language of labels (ru)"
    )
    rates.add_argument("--db", dest="rates_db", metavar="URL", help="database URL")
    rates.set_defaults(handler=run_rates)


def run_rates(args: argparse.Namespace) -> int:
    from cati.app import open_database
    from cati.db.engine import session_scope
    from cati.db.queue import find_study, study_settings_and_status
    from cati.dispositions import format_rates_text, rates_report, report_to_dict
    from cati.scheduler.settings import fieldwork_settings

    with open_database(args.rates_db or args.db) as engine:
        found = find_study(engine, args.study)
        if found is None:
            raise NotFoundError(f"There is no study named {args.study!r}.")
        with session_scope(engine) as session:
            row = study_settings_and_status(session, found[0])
        categories = fieldwork_settings(row[0] if row else {}).category_map()
        report = rates_report(study_cases(engine, found[0]), categories, e=args.e)
    if args.json:
        document = {"study": found[1], **report_to_dict(report, args.language)}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(found[1])
        print(format_rates_text(report, args.language))
    return 0
