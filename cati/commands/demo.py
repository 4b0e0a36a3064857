"""``cati demo``: build the demo study (client base, segments, two weeks of fieldwork)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cati.app import open_database
from cati.demo.build import DEMO_LOGIN, DEMO_PASSWORD, build_demo
from cati.sample.progress import TerminalProgress
from cati.studies.service import list_studies


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        description="Create the demo study in the database (the default one unless --db is "
        "given): import a synthetic Russian CRM export, define segments and quotas, and "
        "simulate two weeks of fieldwork with robot interviewers.",
    )
    parser.add_argument(
        "--force", action="store_true", help="delete an existing demo study and build it again"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="build it only when the database has no study yet (make run)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    progress = TerminalProgress("Simulating fieldwork", unit="min")  # draws on a terminal only
    with open_database(args.db) as engine:
        if args.if_empty and list_studies(engine):
            return 0
        print("Building the demo study (about a minute)...", file=sys.stderr, flush=True)
        summary = build_demo(  # rejects and recordings go beside the database
            engine,
            force=args.force,
            seed=args.seed,
            progress=progress,
        )
    progress.finish()
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"demo study '{summary.study}' is ready")
    print(
        f"  call list: {summary.imported} contacts imported, {summary.rejected} rejected "
        f"(reasons in {summary.rejects_file})"
    )
    end = summary.fieldwork_end.date().isoformat() if summary.fieldwork_end else "?"
    print(
        f"  fieldwork until {end}: {summary.calls} contacts worked, "
        f"{summary.completes} complete interviews"
    )
    print(f"  research-lead account: {DEMO_LOGIN} / {DEMO_PASSWORD}")
    print(f"  next: cati rates '{summary.study}', cati report '{summary.study}' --out report.docx")
    return 0
