"""``cati sample import STUDY FILE``: bring a client's call list into a study.

Prints the summary (rows read, imported, duplicates, rejected by reason, empty, rows read
in another encoding) and where the rejects file is; ``--json`` prints it as one JSON
document. A progress bar is drawn on stderr when it is a terminal (it fills twice: the file
is checked from start to end before anything is saved, then imported).

Exit status: 0 when the file was imported - also when every row was rejected, each with its
reason in the rejects file (the summary says so); 1 when the file cannot be used (missing,
not CSV/XLSX, no phone column, a bad mapping, a damaged row, a limit exceeded, no rows below
the header): the message names the row (or the mapping file's line and column) and nothing
is imported; 2 when the command cannot run (an unknown study).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cati.clock import SystemClock
from cati.commands.study import open_engine, print_json
from cati.sample import CallListError, RejectReason, TerminalProgress
from cati.sample.importing import ImportResult, import_call_list

__all__ = ["register"]

EXIT_OK, EXIT_UNUSABLE = 0, 1

_REASONS = {
    RejectReason.NO_PHONE: "no phone number",
    RejectReason.INVALID_PHONE: "invalid phone number",
    RejectReason.DUPLICATE_IN_FILE: "duplicate in the file",
    RejectReason.ALREADY_IN_STUDY: "already in the study",
    RejectReason.DO_NOT_CALL: "on the do-not-call list",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sample", description="Import call lists into a study.")
    commands = parser.add_subparsers(title="sample commands", metavar="COMMAND", required=True)
    importing = commands.add_parser(
        "import",
        help="import a CSV or XLSX call list into a study",
        description="Import a CSV or XLSX call list into a study. Rows that are not imported "
        "(no valid phone, duplicates, do-not-call numbers) go to a rejects file with their "
        "row number and reason. A file with a damaged row or over a limit imports nothing "
        "and the message names the row. Importing the same file again adds nothing.",
    )
    importing.add_argument("study", metavar="STUDY")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--map", dest="mapping", metavar="MAP.yaml", help="column mapping file (YAML)"
    )
    importing.add_argument(
        "--rejects",
        metavar="OUT.csv",
        help="rejects file (default: imports/study-ID/NAME-import-N.rejects.csv in the "
        "database's data folder, e.g. NAME-files/ beside a SQLite file)",
    )
    importing.add_argument("--json", action="store_true", help="print the summary as JSON")
    importing.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    progress = TerminalProgress("Importing")
    with open_engine(args) as engine:
        try:
            result = import_call_list(
                engine,
                args.study,
                args.file,
                mapping=args.mapping,
                rejects=args.rejects,
                progress=progress,
                clock=SystemClock(),
            )
        except CallListError as error:
            progress.finish()
            progress.enabled = False  # the bar's line is ended; draw nothing more
            print(f"cati: {error}", file=sys.stderr)
            return EXIT_UNUSABLE
        finally:
            progress.finish()
    if args.json:
        print_json(result.to_dict())
    else:
        _print_summary(result)
    if result.read == 0:
        if not args.json:
            print("cati: the file has no rows below its header", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


def _print_summary(result: ImportResult) -> None:
    summary = result.summary
    print(f"{summary['file']} -> study {result.study!r}")
    print(
        f"read {summary['read']} rows: {summary['imported']} imported, "
        f"{summary['rejected']} rejected, {summary['empty']} empty"
    )
    print(f"duplicates: {summary['duplicates']}")
    for reason, count in summary["rejected_by_reason"].items():
        if count:
            print(f"  {_REASONS.get(RejectReason(reason), reason)} ({reason}): {count}")
    if summary["phones_skipped"]:
        print(f"numbers skipped on imported rows: {summary['phones_skipped']}")
    for warning in summary["warnings"]:
        print(f"warning: {warning}")
    if result.segments:
        shares = ", ".join(f"{name} {count}" for name, count in result.segments.items())
        print(f"segments of the new contacts: {shares}")
    if result.rejects_path is not None:
        print(f"rejected rows with row numbers and reasons: {result.rejects_path}")
    if summary["read"] and not summary["imported"] and summary["rejected"]:
        print("nothing was imported: every row was rejected (see the reasons above)")
