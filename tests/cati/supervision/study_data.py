# ruff: noqa: E501 - the call list keeps its rows as a client exports them
"""A small, realistic study for supervision and setup tests (and the screenshots).

Built through the services (not raw rows), so the tests see data as the app writes it:
a Russian call list with a bad row and a duplicate, three segments, three people, and
interviews driven through :class:`~cati.interviewing.InterviewSession`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from cati.accounts import Actor, Role, add_account
from cati.clock import SimulatedClock
from cati.db import Engine
from cati.interviewing import InterviewSession
from cati.sample.importing import import_call_list
from cati.scheduler.outcomes import record_outcome
from cati.scheduler.queue import Claim, claim_next_contact
from cati.segments import define_segments
from cati.studies import create_study
from cati.telephony.results import CallResult
from surveys.answers import Answer
from surveys.model import CONSENT, CONSENT_YES, INTRO, RECORDING_CONSENT

T0 = datetime(2025, 3, 10, 7, 0, tzinfo=UTC)  # Monday 10:00 in Moscow

CALL_LIST = """\
Компания;Контактное лицо;Должность;Телефон;Регион;Дата последнего заказа;Выручка
ООО «Кристалл Логистик»;Иванова Елена Сергеевна;Директор по логистике;+7 (495) 123-45-67;Москва;2025-02-01;1200000
АО «Феникс Волга»;Петров Сергей Иванович;Генеральный директор;8 916 222-33-44;Самарская область;2023-05-10;850000
ООО «Северный ветер»;Смирнова Ольга Петровна;Главный инженер;+7 812 555-66-77;Санкт-Петербург;2024-12-20;4300000
ИП Кузнецов;Кузнецов Андрей;Владелец;не звонить;Тверская область;2022-01-15;90000
ООО «Уральские сети»;Волков Дмитрий Олегович;Коммерческий директор;+7 343 777-88-99;Свердловская область;2025-01-11;2100000
ООО «Дубль»;Ещё Раз;Менеджер;+7 (495) 123-45-67;Москва;2025-02-01;10
ПАО «Балтика Трейд»;Соколова Анна Викторовна;Финансовый директор;+7 401 222-11-00;Калининградская область;2023-11-30;15600000
ООО «Байкал Строй»;Морозов Игорь Николаевич;Начальник снабжения;+7 3952 44-55-66;Иркутская область;2025-02-20;640000
"""

SEGMENTS = [
    {"name": "lost", "rule": "days_since(last_order) > 365", "target": 3},
    {"name": "regular", "rule": "revenue >= 1000000", "target": 2},
    {"name": "other", "target": 1},
]

ALWAYS_OPEN = {
    day: [["00:00", "23:59"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


@dataclass
class StudyData:
    engine: Engine
    study_id: int
    lead: Actor
    supervisor: Actor
    interviewer: Actor
    clock: SimulatedClock
    call_list: Path


def write_call_list(folder: Path) -> Path:
    path = folder / "клиенты.csv"
    path.write_bytes(CALL_LIST.encode("cp1251"))
    return path


def make_people(engine: Engine, clock: SimulatedClock) -> tuple[Actor, Actor, Actor]:
    lead = add_account(engine, "lead", "Анна Руководитель", Role.RESEARCH_LEAD, "password1", clock)
    boss = add_account(engine, "super", "Ольга Супервайзер", Role.SUPERVISOR, "password1", clock)
    worker = add_account(engine, "ivan", "Иван Интервьюеров", Role.INTERVIEWER, "password1", clock)
    return lead, boss, worker


def make_study(engine: Engine, folder: Path, *, imported: bool = True) -> StudyData:
    clock = SimulatedClock(T0 - timedelta(days=1))
    script = Path(str(resources.files("resources.scripts") / "nps_pulse.yaml"))
    created = create_study(engine, "NPS «Альфа» 2025", script, clock=clock, client="ООО «Альфа»")
    study_id = int(created.study.id or 0)
    from cati.db.alerts import update_study_settings

    update_study_settings(engine, study_id, "fieldwork", lambda old: {"calling_hours": ALWAYS_OPEN})
    lead, boss, worker = make_people(engine, clock)
    call_list = write_call_list(folder)
    if imported:
        import_call_list(engine, study_id, call_list, clock=clock)
        define_segments(engine, study_id, SEGMENTS, clock=clock)
    clock.advance(timedelta(days=1).total_seconds())
    return StudyData(engine, study_id, lead, boss, worker, clock, call_list)


def claim(data: StudyData, engine: Engine | None = None, person: Actor | None = None) -> Claim:
    found = claim_next_contact(
        engine or data.engine, data.study_id, (person or data.interviewer).id, data.clock
    )
    assert isinstance(found, Claim), found
    return found


def complete_interview(
    data: StudyData,
    *,
    nps: int = 9,
    why: str = "Надёжная доставка",
    engine: Engine | None = None,
    recording: str | None = None,
) -> tuple[int, int]:
    """Claim a contact and complete an interview with it; (interview id, attempt id)."""
    db = engine or data.engine
    held = claim(data, db)
    started = data.clock.now()
    session = InterviewSession.open(db, held, data.clock, seed=7)
    session.answer(INTRO, Answer())
    session.answer(CONSENT, Answer(CONSENT_YES))
    session.answer(RECORDING_CONSENT, Answer(CONSENT_YES))
    data.clock.advance(60)
    session.answer("nps", Answer(nps))
    data.clock.advance(90)
    session.answer("nps_why", Answer(why))
    done = session.finish(started_at=started, duration_seconds=170.0, dialer="simulated")
    if recording is not None:
        set_recording(db, done.attempt_id, recording)
    data.clock.advance(120)
    return session.interview_id, done.attempt_id


def no_answer(data: StudyData) -> int:
    held = claim(data)
    done = record_outcome(
        data.engine, held, "no_answer", "", data.clock, call_result=CallResult.NO_ANSWER
    )
    data.clock.advance(45)
    return done.attempt_id


def refusal(data: StudyData) -> int:
    held = claim(data)
    done = record_outcome(
        data.engine,
        held,
        "refusal_respondent",
        "не интересно",
        data.clock,
        call_result=CallResult.ANSWERED,
        started_at=data.clock.now(),
        duration_seconds=40.0,
    )
    data.clock.advance(60)
    return done.attempt_id


def set_recording(engine: Engine, attempt_id: int, path: str) -> None:
    from sqlalchemy import update

    from cati.db import Attempt, session_scope

    with session_scope(engine) as session:
        session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(recording_path=path)  # type: ignore[arg-type]
        )
