"""The ``cati`` command: the desktop app without arguments, subcommands for everything else.

This is an edge of the application: every :class:`CatiError` is printed as a message for a
person, and anything unexpected is logged with its traceback to a file while the person sees
one line saying where the details are. A traceback never reaches the terminal.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from cati.errors import CatiError

# Each module registers one command group with ``register(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = (
    "cati.commands.study",
    "cati.commands.sample",
    "cati.commands.segments",
    "cati.commands.dnc",
    "cati.commands.work",
    "cati.commands.rates",
    "cati.commands.report",
    "cati.commands.demo",
    "cati.commands.script",
    "cati.commands.themes",
    "cati.commands.dialer",
    "cati.commands.users",
    "cati.commands.export",
    "cati.commands.digest",
    "cati.commands.alerts",
)

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (a bad script, rejected rows)
EXIT_ERROR = 2  # the command could not do its work (bad arguments, missing study)
EXIT_INTERNAL = 70  # a bug: details are in the log file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cati",
        description="Telephone NPS/CSI surveys: scripts, call lists, interviewing, reports. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: CATI_DATABASE_URL "
        "or a SQLite file in the user data directory)",
    )
    parser.set_defaults(handler=_run_app)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
    return parser


def _run_app(args: argparse.Namespace) -> int:
    from cati.app import run_desktop_app

    return run_desktop_app(database_url=args.db)


def _internal_error_log() -> Path:
    from platformdirs import user_log_path

    path = user_log_path("cati", ensure_exists=True) / "errors.log"
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except CatiError as error:
        print(f"cati: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cati: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # the edge: turn a bug into a message and a log entry
        try:
            log = _internal_error_log()
            with log.open("a", encoding="utf-8") as stream:
                stream.write(traceback.format_exc() + "\n")
            where = f"details were written to {log}"
        except OSError:
            where = "details could not be written to the log"
        logging.getLogger(__name__).debug("internal error", exc_info=True)
        print(
            f"cati: internal error ({sys.exc_info()[1].__class__.__name__}); {where}. "
            "Please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
