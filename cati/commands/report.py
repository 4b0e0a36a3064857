"""``cati report STUDY --out FILE.docx``: the client's Word report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cati.app import open_database
from cati.reporting.study_report import build_study_report


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        description="NPS and CSI overall and by segment, drivers, verbatims and "
        "recommendations, as a .docx in Russian or English.",
    )
    parser.add_argument("study", metavar="STUDY", help="the study's name or id")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.docx")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument(
        "--weights",
        choices=("population", "raking", "none"),
        default=None,
        help="population: weight segments to their size in the client base (the default "
        "when every segment's size is known, else none); raking: to the margins",
    )
    parser.add_argument(
        "--margins",
        type=Path,
        metavar="FILE.yaml",
        help="raking targets {attribute: {group: share or count}} (default: the study's "
        "stored margins); implies --weights raking",
    )
    parser.add_argument(
        "--scorecards",
        metavar="ATTR",
        help="the contact attribute to build scorecards for (default: the account manager)",
    )
    parser.add_argument(
        "--facts",
        type=Path,
        metavar="FILE.json",
        help="also write the report's findings (numbers and claims) as JSON",
    )
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    weights = args.weights
    if args.margins is not None and weights is None:
        weights = "raking"
    with open_database(args.db) as engine:
        path = build_study_report(
            engine,
            args.study,
            args.out,
            args.lang,
            weights,
            facts=args.facts,
            margins=args.margins,
            scorecards=args.scorecards,
        )
    print(f"report written to {path}")
    if args.facts is not None:
        print(f"facts written to {args.facts}")
    return 0
