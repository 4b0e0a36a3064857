"""``cati work STUDY --interviewer NAME --robot``: a robot interviewer works the real queue.

Prints one JSON object per line for every committed event (claim, call outcome, interview
opened, answer, break-off, completion), each with the contact id (and the interview id once
there is one), flushed at once: a line on the screen is a row in the database. ``--at``
runs on a simulated clock starting then, so days of fieldwork pass in minutes while calling
hours are respected. Only robots work from the command line; people use the desktop app.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from cati.errors import CatiError, ConfigurationError, NotFoundError

__all__ = ["register"]


def register(subparsers: Any) -> None:
    work = subparsers.add_parser(
        "work",
        description="Work contacts of STUDY with a robot interviewer: the real call queue, "
        "the simulated dialer and random valid answers. One JSON line per committed event.",
    )
    work.add_argument("study", metavar="STUDY", help="the study's name or id")
    work.add_argument("--interviewer", required=True, metavar="NAME", help="login to work as")
    work.add_argument("--robot", action="store_true", help="answer with random valid answers")
    work.add_argument("--count", type=int, default=10, metavar="N", help="contacts to work")
    work.add_argument("--seed", type=int, default=None, help="seed of dialer and answers")
    work.add_argument(
        "--at",
        metavar="DATETIME",
        help="run on a simulated clock starting then (ISO 8601; without an offset: UTC)",
    )
    work.add_argument("--db", dest="work_db", metavar="URL", help="database URL")
    work.set_defaults(handler=run_work)


def _start(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(
            f"--at {text!r} is not a date and time; write it like 2025-03-10T09:00+03:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_work(args: argparse.Namespace) -> int:
    from cati.app import open_database
    from cati.clock import Clock, SimulatedClock, SystemClock
    from cati.db import Role
    from cati.db.engine import session_scope
    from cati.db.people import add_person, find_person
    from cati.db.queue import find_study, study_settings_and_status
    from cati.robot import run_robot
    from cati.scheduler.settings import fieldwork_settings
    from cati.telephony.factory import create_dialer
    from cati.telephony.simulated import OutcomeMix

    if not args.robot:
        raise CatiError(
            "Only robot interviewers work from the command line: add --robot, or start the "
            "desktop app to interview."
        )
    if args.count < 1:
        raise CatiError("--count must be at least 1.")
    clock: Clock = SimulatedClock(_start(args.at)) if args.at else SystemClock()
    with open_database(args.work_db or args.db) as engine:
        found = find_study(engine, args.study)
        if found is None:
            raise NotFoundError(f"There is no study named {args.study!r}.")
        study_id = found[0]
        with session_scope(engine) as session:
            row = study_settings_and_status(session, study_id)
        settings = fieldwork_settings(row[0] if row else {})
        # Two robots of one name started together: one adds the person, the other finds it.
        person = find_person(engine, args.interviewer) or add_person(
            engine,
            args.interviewer,
            f"Robot {args.interviewer}",
            Role.INTERVIEWER,
            "!",
            clock.now(),
        )
        person = person or find_person(engine, args.interviewer)
        assert person is not None and person.id is not None
        mix_options = settings.dialer.options.get("mix")
        try:
            mix = OutcomeMix.from_mapping(mix_options) if mix_options else None
        except ValueError as error:
            raise ConfigurationError(f"study settings: dialer.options.mix: {error}") from None
        dialer = create_dialer("simulated", seed=args.seed, mix=mix, clock=clock)

        def emit(event: dict[str, Any]) -> None:
            event.setdefault("interviewer", args.interviewer)
            sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
            sys.stdout.flush()

        try:
            run_robot(
                engine,
                study_id,
                person.id,
                count=args.count,
                clock=clock,
                dialer=dialer,
                settings=settings,
                emit=emit,
                seed=args.seed,
            )
        finally:
            dialer.close()
    return 0
