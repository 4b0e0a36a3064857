"""``cati export STUDY --format csv|xlsx|sav|sss --out PATH``: the respondent data for
researchers and clients.

Without ``--include-contacts`` the files hold no names, phones, e-mails or companies: each
respondent is a stable pseudonym. ``--weights`` adds the client report's population weights
(post-stratified to the segments' populations), scaled to sum to the interviews. Prints
the files written (``--json``: one JSON document).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

__all__ = ["register"]

FORMATS = ("csv", "xlsx", "sav", "sss")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        description="Export one row per interview and one column per answer code, with "
        "labels, missing-value codes and paradata. Personal data only with "
        "--include-contacts.",
    )
    parser.add_argument("study", metavar="STUDY", help="the study's name or number")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="export_format")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH")
    parser.add_argument(
        "--include-contacts",
        action="store_true",
        help="add company, name, position, e-mail and phones (personal data!)",
    )
    parser.add_argument(
        "--weights",
        action="store_true",
        help="add the report's weights by segment, scaled to the interviews",
    )
    parser.add_argument("--language", default=None, help="language of the labels (ru, en)")
    parser.add_argument(
        "--csv-dialect",
        choices=("ru", "intl"),
        default="ru",
        help="ru: ';' and decimal comma (Russian Excel, default); intl: ',' and '.'",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    parser.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from cati.app import build_application
    from cati.clock import SystemClock
    from cati.exports.service import export_study

    application = build_application(args.db)
    try:
        summary = export_study(
            application.engine,
            args.study,
            args.export_format,
            args.out,
            clock=SystemClock(),
            include_contacts=args.include_contacts,
            weights=args.weights,
            language=args.language,
            csv_dialect=args.csv_dialect,
        )
    finally:
        application.engine.dispose()
    if args.json:
        print(
            json.dumps(
                {
                    "study": summary.study,
                    "interviews": summary.interviews,
                    "complete": summary.complete,
                    "files": [str(p) for p in summary.files],
                    "notes": list(summary.notes),
                    "personal_data": bool(args.include_contacts),
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"{summary.study}: {summary.interviews} interviews "
            f"({summary.complete} complete) exported"
        )
        for path in summary.files:
            print(f"  {path}")
        for note in summary.notes:
            print(f"  note: {note}")
    return 0
