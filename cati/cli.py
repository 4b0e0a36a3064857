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
from typing import NamedTuple

from cati.errors import CatiError


class Command(NamedTuple):
    """A command of ``cati``: the module that defines it and its line in ``cati --help``."""

    module: str
    summary: str


#: The commands in the order ``cati --help`` lists them. A command's module registers its
#: arguments and handler with ``register(subparsers)`` and is imported only when that command
#: runs, so listing the commands (and starting one) loads nothing the others need.
COMMANDS: dict[str, Command] = {
    "study": Command("cati.commands.study", "create, list and open studies"),
    "sample": Command("cati.commands.sample", "import call lists"),
    "segments": Command("cati.commands.segments", "show or define a study's segments and quotas"),
    "dnc": Command("cati.commands.dnc", "the do-not-call list (all studies)"),
    "work": Command(
        "cati.commands.work", "let a robot interviewer work a study (rehearsals, load tests)"
    ),
    "rates": Command(
        "cati.commands.rates",
        "AAPOR response, cooperation, refusal and contact rates of a study",
    ),
    "report": Command("cati.commands.report", "write the client's Word report of a study"),
    "demo": Command(
        "cati.commands.demo",
        "build the demo study: 1,500 clients, segments, two weeks of fieldwork",
    ),
    "script": Command("cati.commands.script", "check and simulate interview scripts"),
    "themes": Command(
        "cati.commands.themes",
        "show, set or reset a study's dictionary of open-answer themes",
    ),
    "dialer": Command("cati.commands.dialer", "check the telephone setup"),
    "user": Command("cati.commands.users", "people who sign in: add, list, passwords"),
    "export": Command(
        "cati.commands.export",
        "export a study's respondent data (CSV, XLSX, SPSS, Triple-S)",
    ),
    "digest": Command("cati.commands.digest", "print or send a study's fieldwork digest"),
    "alerts": Command("cati.commands.alerts", "deliver hot alerts by e-mail and Telegram"),
}

#: ``cati`` without a command: the module whose ``run(args)`` starts the desktop app.
DESKTOP_MODULE = "cati.commands.desktop"

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (a bad script, rejected rows)
EXIT_ERROR = 2  # the command could not do its work (bad arguments, missing study)
EXIT_INTERNAL = 70  # a bug: details are in the log file


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``cati`` parser: every command listed, ``command``'s module loaded for its arguments.

    The other commands are placeholders that accept anything, so a first parse finds which
    command was asked for without importing any command module.
    """
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
    for name, entry in COMMANDS.items():
        if name == command:
            import_module(entry.module).register(subparsers)
        else:
            placeholder = subparsers.add_parser(name, help=entry.summary, add_help=False)
            placeholder.set_defaults(chosen_command=name)
    return parser


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (None: the desktop app); ``--help`` exits here."""
    known, _rest = build_parser().parse_known_args(argv)
    return getattr(known, "chosen_command", None)


def _run_app(args: argparse.Namespace) -> int:
    return int(import_module(DESKTOP_MODULE).run(args))


def _internal_error_log() -> Path:
    from platformdirs import user_log_path

    path = user_log_path("cati", ensure_exists=True) / "errors.log"
    return path


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser(chosen_command(arguments)).parse_args(arguments)
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
