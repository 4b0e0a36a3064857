"""``cati study create|list|script|status|margins``: a study is a script, a call list and
its segments (and the margins its report is raked to).

Exit status: 0 done; 1 the script has problems (each printed as ``file:line:column:
message``, nothing stored); 2 the command could not run (a missing study, a name in use).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cati.clock import SystemClock
from cati.db import StudyStatus
from cati.studies import add_script_version, create_study, list_studies, set_study_status
from surveys import ScriptError

if TYPE_CHECKING:
    from cati.db import Engine

__all__ = ["open_engine", "print_json", "register"]

EXIT_OK, EXIT_PROBLEMS = 0, 1


@contextmanager
def open_engine(args: argparse.Namespace) -> Iterator[Engine]:
    """The database named by ``--db`` (or the default), upgraded, closed at the end."""
    from cati.app import build_application

    application = build_application(getattr(args, "db", None))
    try:
        yield application.engine
    finally:
        application.engine.dispose()


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "study",
        description="Create and list studies; open, pause and close their fieldwork.",
    )
    commands = parser.add_subparsers(title="study commands", metavar="COMMAND", required=True)

    create = commands.add_parser(
        "create",
        help="create a study from a script",
        description="Create a study from an interview script (checked first; version 1).",
    )
    create.add_argument("name", metavar="NAME")
    create.add_argument("--script", required=True, metavar="FILE", help="the script (YAML)")
    create.add_argument(
        "--region",
        default="RU",
        help="country of phone numbers written without + (default RU)",
    )
    create.add_argument("--client", default=None, help="the client's name")
    create.add_argument("--json", action="store_true", help="print the result as JSON")
    create.set_defaults(handler=run_create)

    listing = commands.add_parser("list", help="list the studies")
    listing.add_argument("--json", action="store_true", help="print the studies as JSON")
    listing.set_defaults(handler=run_list)

    script = commands.add_parser(
        "script",
        help="store a new version of a study's script",
        description="Store a new version of the study's script; interviews already started "
        "keep the version they began with. An unchanged script adds nothing.",
    )
    script.add_argument("name", metavar="NAME")
    script.add_argument("--script", required=True, metavar="FILE", help="the script (YAML)")
    script.add_argument("--json", action="store_true", help="print the result as JSON")
    script.set_defaults(handler=run_script)

    status = commands.add_parser(
        "status",
        help="open, pause or close a study's fieldwork",
        description="Set the study's status: draft (being set up; test calls allowed), "
        "active (fieldwork: interviewers get contacts), paused (no new contacts), closed "
        "(fieldwork over; reports and exports only).",
    )
    status.add_argument("name", metavar="NAME")
    status.add_argument("status", choices=[s.value for s in StudyStatus])
    status.set_defaults(handler=run_status)

    margins = commands.add_parser(
        "margins",
        help="show, store or clear the study's raking margins",
        description="Raking margins are the shares or counts of clients by attribute, "
        "{attribute: {group: share or count}} in YAML, that cati report --weights raking "
        "weights to. Without --file or --clear, print the stored margins as JSON.",
    )
    margins.add_argument("name", metavar="NAME")
    group = margins.add_mutually_exclusive_group()
    group.add_argument("--file", type=Path, metavar="FILE.yaml", help="store these margins")
    group.add_argument("--clear", action="store_true", help="remove the stored margins")
    margins.set_defaults(handler=run_margins)


def run_margins(args: argparse.Namespace) -> int:
    from cati.reporting.margins import store_study_margins, study_margins

    with open_engine(args) as engine:
        if args.file is not None or args.clear:
            stored = store_study_margins(engine, args.name, None if args.clear else args.file)
            print(f"margins of {args.name}: " + (", ".join(stored) if stored else "none"))
        else:
            print_json(study_margins(engine, args.name))
    return EXIT_OK


def _script_problems(error: ScriptError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print("cati: the script has problems; nothing was stored", file=sys.stderr)
    return EXIT_PROBLEMS


def run_create(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        try:
            change = create_study(
                engine,
                args.name,
                args.script,
                region=args.region,
                clock=SystemClock(),
                client=args.client,
            )
        except ScriptError as error:
            return _script_problems(error)
    study, version = change.study, change.version
    if args.json:
        print_json(
            {
                "id": study.id,
                "name": study.name,
                "client": study.client_name,
                "region": study.default_region,
                "script_version": version.version,
                "script_id": version.script_id,
                "script_title": version.title,
            }
        )
    else:
        print(
            f"created study {study.name!r} (id {study.id}, region {study.default_region}) "
            f"with script {version.script_id!r} version {version.version}: {version.title}"
        )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        studies = list_studies(engine)
    if args.json:
        print_json([study.to_dict() for study in studies])
        return EXIT_OK
    if not studies:
        print("no studies yet; create one with: cati study create NAME --script FILE")
        return EXIT_OK
    rows = [
        (
            study.name,
            study.client,
            study.region,
            study.status,
            str(study.contacts),
            f"v{study.script_version} {study.script_title}" if study.script_version else "-",
        )
        for study in studies
    ]
    header = ("study", "client", "region", "status", "contacts", "script")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i == 4 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    return EXIT_OK


def run_script(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        try:
            change = add_script_version(engine, args.name, args.script, clock=SystemClock())
        except ScriptError as error:
            return _script_problems(error)
    version = change.version
    if args.json:
        print_json(
            {
                "study": change.study.name,
                "script_version": version.version,
                "created": change.created,
                "script_id": version.script_id,
                "script_title": version.title,
            }
        )
    elif change.created:
        print(
            f"study {change.study.name!r}: stored script version {version.version} "
            f"({version.title}); interviews already started keep their version"
        )
    else:
        print(
            f"study {change.study.name!r}: the script is unchanged (version {version.version}); "
            "nothing stored"
        )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        study = set_study_status(engine, args.name, args.status)
    print(f"study {study.name!r} is {study.status.value}")
    return EXIT_OK
