"""``cati user``: the people who sign in, their roles and passwords."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from cati.accounts import ROLE_LABELS, Role, add_account, people, reset_password, set_active
from cati.app import open_database
from cati.clock import SystemClock
from cati.errors import CatiError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("user")
    commands = parser.add_subparsers(title="user commands", metavar="COMMAND", required=True)
    add = commands.add_parser("add", help="add a person who can sign in")
    add.add_argument("login")
    add.add_argument("--name", default="", help="the name shown in the app")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.INTERVIEWER.value)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )
    add.set_defaults(handler=_add)
    listing = commands.add_parser("list", help="list the people")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    passwd = commands.add_parser("passwd", help="set a person's password")
    passwd.add_argument("login")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(handler=_passwd)
    for name, active in (("deactivate", False), ("activate", True)):
        sub = commands.add_parser(name, help=f"{name} an account")
        sub.add_argument("login")
        sub.set_defaults(handler=lambda args, active=active: _activate(args, active))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CatiError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise CatiError("the two passwords differ")
    return first


def _add(args: argparse.Namespace) -> int:
    password = _password(args)
    with open_database(args.db) as engine:
        actor = add_account(engine, args.login, args.name, Role(args.role), password, SystemClock())
    print(f"added {actor.login} ({ROLE_LABELS[actor.role]['en'].lower()})")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_database(args.db) as engine:
        rows = people(engine)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "login": a.login,
                        "name": a.display_name,
                        "role": a.role.value,
                        "active": active,
                    }
                    for a, active in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for actor, active in rows:
        state = "" if active else "  (deactivated)"
        print(f"{actor.login:<20} {actor.role.value:<14} {actor.display_name}{state}")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    password = _password(args)
    with open_database(args.db) as engine:
        reset_password(engine, args.login, password)
    print(f"password of {args.login} changed")
    return 0


def _activate(args: argparse.Namespace, active: bool) -> int:
    with open_database(args.db) as engine:
        set_active(engine, args.login, active)
    print(f"{args.login} {'activated' if active else 'deactivated'}")
    return 0
