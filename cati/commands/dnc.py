"""``cati dnc add|import|list|remove``: the do-not-call list, shared by every study.

Numbers are written as people write them (``8 916 123-45-67``, ``+7 (495) 123-45-67``) and
stored in E.164; numbers without ``+`` are read in ``--region`` (default RU). A blocked number
is rejected by every later call-list import, and the call queue skips contacts with it.

Exit status: 0 done; 1 ``dnc import`` found lines without a valid number (reported with their
line numbers; the valid ones were added); 2 bad numbers given to ``add``/``remove`` (nothing
changed) or an unusable file.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cati.clock import SystemClock
from cati.commands.study import open_engine, print_json
from cati.dnc import (
    DoNotCallChange,
    add_to_do_not_call,
    import_do_not_call,
    list_do_not_call,
    remove_from_do_not_call,
)

__all__ = ["register"]

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dnc",
        description="Numbers nobody may call, in any study.",
    )
    commands = parser.add_subparsers(title="dnc commands", metavar="COMMAND", required=True)

    add = commands.add_parser("add", help="block numbers")
    add.add_argument("numbers", nargs="+", metavar="NUMBER")
    add.add_argument("--reason", default="", help="why, e.g. 'asked not to be called'")
    _common(add)
    add.set_defaults(handler=run_add)

    imported = commands.add_parser(
        "import",
        help="block every number of a file",
        description="Block every number of a CSV/XLSX/text file: one number per line, or a "
        "column headed Телефон/Phone. Lines without a valid number are reported.",
    )
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--reason", default="", help="why these numbers are blocked")
    _common(imported)
    imported.set_defaults(handler=run_import)

    listing = commands.add_parser("list", help="list the blocked numbers")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_list)

    remove = commands.add_parser("remove", help="unblock a number")
    remove.add_argument("number", metavar="NUMBER")
    _common(remove)
    remove.set_defaults(handler=run_remove)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--region", default="RU", help="country of numbers written without + (default RU)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _report(change: DoNotCallChange, as_json: bool) -> None:
    if as_json:
        print_json(change.to_dict())
        return
    print(
        f"blocked {len(change.added)} number(s); {len(change.already)} already on the "
        "do-not-call list"
    )
    for problem in change.problems:
        print(f"not a number: {problem}", file=sys.stderr)


def run_add(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        change = add_to_do_not_call(
            engine, args.numbers, reason=args.reason, region=args.region, clock=SystemClock()
        )
    _report(change, args.json)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        change = import_do_not_call(
            engine, args.file, reason=args.reason, region=args.region, clock=SystemClock()
        )
    _report(change, args.json)
    return EXIT_PROBLEMS if change.problems else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        entries = list_do_not_call(engine)
    if args.json:
        print_json([entry.to_dict() for entry in entries])
        return EXIT_OK
    if not entries:
        print("the do-not-call list is empty")
    for entry in entries:
        details = "; ".join(part for part in (entry.reason, entry.source) if part)
        when = entry.added_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{entry.e164}  {when}  {details}".rstrip())
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        e164 = remove_from_do_not_call(engine, args.number, region=args.region)
    if args.json:
        print_json({"removed": e164})
    else:
        print(f"{e164} is no longer on the do-not-call list")
    return EXIT_OK
