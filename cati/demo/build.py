"""The demo study: a realistic client base, segments, quotas and two weeks of fieldwork.

``build_demo`` does what a research agency does, with the real code paths:

1. creates the study from ``resources/scripts/b2b_nps_csi.yaml``;
2. imports ``resources/demo/client_base.csv`` (a cp1251 CRM export with dirty rows) through
   the real importer, rejects and all;
3. defines the recency segments the script routes on (new, regular, lost) with quotas;
4. adds a research lead to sign in with (``demo`` / ``demo-cati``) and four robot
   interviewers;
5. simulates fieldwork from Monday 2 November 2026 for two weeks: two robot interviewers
   on five-hour shifts, each on its own simulated clock, take turns in time order (the seat
   whose clock is earliest works next), calling through the simulated dialer inside calling
   hours, with no answers,
   refusals, call-backs and interrupted interviews; the respondents answer as
   :mod:`cati.demo.respondents` says, so the report's findings are known in advance. It
   stops at the quota total or at the end of the fortnight, leaving contacts to call;
   Calls whose respondent agreed to the recording are recorded (the simulated dialer's
   recordings are a second of silence) and kept in ``data_dir/recordings`` (by default the
   database's data folder, so two demo databases never share recordings) for the call
   review;
6. opens the study (status active) for the person trying the app, around the clock every
   day, so that "Next contact" gives a contact at whatever hour ``make run`` is started
   (the simulated fortnight used the usual working hours).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cati.accounts import Role, add_account
from cati.accounts import people as list_people
from cati.clock import SimulatedClock
from cati.db import Engine, StudyStatus
from cati.db.alerts import update_study_settings
from cati.db.files import database_data_folder
from cati.demo.respondents import DemoRespondent
from cati.errors import CatiError
from cati.robot.worker import Respondent, run_robot
from cati.sample.importing import import_call_list
from cati.scheduler.settings import SETTINGS_SECTION, Weekday, fieldwork_settings
from cati.segments.service import define_segments
from cati.studies.service import (
    create_study,
    delete_study,
    find_study_named,
    set_study_status,
    study_id,
)
from cati.telephony.factory import create_dialer
from cati.telephony.recordings import study_recordings_folder
from surveys.model import QuestionBase, Script

DEMO_STUDY = "Демо: клиенты «Альфы» 2026"
DEMO_CLIENT = "ООО «Альфа»"
DEMO_LOGIN, DEMO_PASSWORD = "demo", "demo-cati"
ROBOTS = ("robot1", "robot2")
# Each robot works a five-hour shift a day (Moscow time), as part-time CATI interviewers do,
# and takes one to three minutes to wrap up a call before the next.
SHIFTS = ((9, 14), (14, 19))
WRAP_UP_SECONDS = (60.0, 180.0)
MOSCOW = ZoneInfo("Europe/Moscow")
FIELDWORK_START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)  # Monday, 09:00 in Moscow
FIELDWORK_DAYS = 14
SEGMENTS: tuple[dict[str, Any], ...] = (
    {"name": "lost", "rule": "days_since(last_order) > 365", "target": 90},
    {"name": "new", "rule": "days_since(first_order) <= 365", "target": 80},
    {"name": "regular", "rule": "true", "target": 180},
)

Progress = Callable[[int, int], None]


@dataclass
class DemoSummary:
    study: str
    imported: int = 0
    rejected: int = 0
    rejects_file: str = ""
    completes: int = 0
    calls: int = 0
    interviewers: list[str] = field(default_factory=list)
    fieldwork_end: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "imported": self.imported,
            "rejected": self.rejected,
            "rejects_file": self.rejects_file,
            "completes": self.completes,
            "calls": self.calls,
            "interviewers": self.interviewers,
            "fieldwork_end": self.fieldwork_end.isoformat() if self.fieldwork_end else None,
            "sign_in": {"login": DEMO_LOGIN, "password": DEMO_PASSWORD},
        }


def _resource(package: str, name: str) -> Path:
    return Path(str(resources.files(package) / name))


def _demo_respondent(contact: Any, seed: int, rng: random.Random) -> Respondent:
    respondent = DemoRespondent.for_contact(contact, seed)

    def answer(script: Script, question: QuestionBase) -> Any:
        return respondent.answer(script, question)

    return answer


def build_demo(
    engine: Engine,
    *,
    data_dir: Path | None = None,
    force: bool = False,
    seed: int = 2026,
    days: int = FIELDWORK_DAYS,
    progress: Progress | None = None,
) -> DemoSummary:
    """Build the demo study in ``engine``'s database (see the module docstring).

    ``data_dir`` receives the import's rejects file and the recordings; by default it is the
    database's data folder (:func:`cati.db.files.database_data_folder`). With ``force`` an
    existing demo study is deleted first; otherwise an existing one is an error.
    ``progress(done, total)`` counts simulated fieldwork minutes.
    """
    beside_database = database_data_folder(engine)
    data_dir = beside_database if data_dir is None else data_dir
    # The study names its recordings folder only when it is not the database's own, so a
    # database moved with its data folder keeps finding its recordings.
    recordings = "" if data_dir == beside_database else str(data_dir / "recordings")
    existing = find_study_named(engine, DEMO_STUDY)
    if existing is not None:
        if not force:
            raise CatiError(
                f"the demo study {DEMO_STUDY!r} exists already; cati demo --force builds it again"
            )
        delete_study(engine, study_id(existing))
        old = study_recordings_folder(recordings, study_id(existing), data_dir)
        shutil.rmtree(old, ignore_errors=True)
    start_clock = SimulatedClock(FIELDWORK_START - timedelta(days=1))
    created = create_study(
        engine,
        DEMO_STUDY,
        _resource("resources.scripts", "b2b_nps_csi.yaml"),
        region="RU",
        clock=start_clock,
        client=DEMO_CLIENT,
    )
    sid = study_id(created.study)
    summary = DemoSummary(study=DEMO_STUDY)
    data_dir.mkdir(parents=True, exist_ok=True)
    rejects = data_dir / "demo_client_base.rejects.csv"
    imported = import_call_list(
        engine,
        sid,
        _resource("resources.demo", "client_base.csv"),
        rejects=rejects,
        clock=start_clock,
    )
    summary.imported = imported.imported
    summary.rejected = int(imported.summary["rejected"])
    summary.rejects_file = str(imported.rejects_path or "")
    define_segments(engine, sid, list(SEGMENTS), clock=start_clock)
    _ensure_people(engine, start_clock)
    summary.interviewers = list(ROBOTS)
    folder = study_recordings_folder(recordings, sid, data_dir)  # the study's own subfolder
    _fieldwork(engine, sid, seed, days, summary, progress, folder)
    _open_for_trying(engine, sid, recordings)
    return summary


def _open_for_trying(engine: Engine, sid: int, recordings: str) -> None:
    round_the_clock = [["00:00", "23:59"]]
    hours = {day.value: round_the_clock for day in Weekday}

    def change(old: Any) -> dict[str, Any]:
        merged = {
            **(old or {}),
            "calling_hours": hours,
            "recordings_folder": recordings,
        }
        return fieldwork_settings({SETTINGS_SECTION: merged}).to_settings()

    update_study_settings(engine, sid, SETTINGS_SECTION, change)
    set_study_status(engine, sid, StudyStatus.ACTIVE)


def _ensure_people(engine: Engine, clock: SimulatedClock) -> None:
    known = {actor.login for actor, _active in list_people(engine)}
    if DEMO_LOGIN not in known:
        add_account(
            engine,
            DEMO_LOGIN,
            "Демо: руководитель проекта",
            Role.RESEARCH_LEAD,
            DEMO_PASSWORD,
            clock,
        )
    for number, login in enumerate(ROBOTS, start=1):
        if login not in known:
            add_account(
                engine,
                login,
                f"Робот-интервьюер {number}",
                Role.INTERVIEWER,
                f"robot-{login}-password",
                clock,
            )


def _fieldwork(
    engine: Engine,
    sid: int,
    seed: int,
    days: int,
    summary: DemoSummary,
    progress: Progress | None,
    folder: Path,
) -> None:
    from cati.accounts import people as everyone  # the robots' ids

    ids = {actor.login: actor.id for actor, _active in everyone(engine)}
    settings = fieldwork_settings({})
    end = FIELDWORK_START + timedelta(days=days)
    target = sum(int(s["target"]) for s in SEGMENTS)
    seats = []
    for number, login in enumerate(ROBOTS):
        clock = SimulatedClock(_shift_start(FIELDWORK_START, SHIFTS[number % len(SHIFTS)]))
        dialer = create_dialer("simulated", seed=seed * 10 + number, clock=clock)
        seats.append((clock, dialer, ids[login], random.Random(seed * 100 + number)))
    total_minutes = int((end - FIELDWORK_START).total_seconds() // 60)
    finished: set[int] = set()
    try:
        while len(finished) < len(seats) and summary.completes < target:
            index, (clock, dialer, person, rng) = min(
                ((i, seat) for i, seat in enumerate(seats) if i not in finished),
                key=lambda item: item[1][0].now(),
            )
            if clock.now() >= end:
                finished.add(index)
                continue
            shift = SHIFTS[index % len(SHIFTS)]
            if not _in_shift(clock.now(), shift):
                clock.advance((_shift_start(clock.now(), shift) - clock.now()).total_seconds())
                continue
            result = run_robot(
                engine,
                sid,
                person,
                count=1,
                clock=clock,
                dialer=dialer,
                settings=settings,
                emit=_ignore,
                seed=rng.randrange(2**31),
                respondents=_demo_respondent,
                recordings=folder,
            )
            summary.calls += result.contacts
            summary.completes += result.completes
            clock.advance(rng.uniform(*WRAP_UP_SECONDS))
            if result.stopped_because:
                finished.add(index)
            if progress is not None:
                done = int((min(clock.now(), end) - FIELDWORK_START).total_seconds() // 60)
                progress(min(done, total_minutes), total_minutes)
    finally:
        for _clock, dialer, _person, _rng in seats:
            dialer.close()
    summary.fieldwork_end = min(max(seat[0].now() for seat in seats), end)


def _in_shift(moment: datetime, shift: tuple[int, int]) -> bool:
    local = moment.astimezone(MOSCOW)
    return local.weekday() < 5 and shift[0] <= local.hour < shift[1]


def _shift_start(moment: datetime, shift: tuple[int, int]) -> datetime:
    """The start of the next shift at or after ``moment`` (weekdays only)."""
    local = moment.astimezone(MOSCOW)
    day = local.replace(hour=shift[0], minute=0, second=0, microsecond=0)
    if local > day:
        day += timedelta(days=1)
    while day.weekday() >= 5 or day < local:
        day += timedelta(days=1)
    return day.astimezone(UTC)


def _ignore(event: dict[str, Any]) -> None:
    """The demo keeps no event log: everything is in the database."""
