"""A study ready for the console: the NPS pulse script, contacts, an interviewer, a context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from cati.accounts import Actor, Role, add_account
from cati.clock import SimulatedClock
from cati.telephony.simulated import OutcomeMix, SimulatedDialer
from cati.ui.context import UiContext
from cati.ui.errors import ErrorPresenter

from ...scheduler.factory import T0, StudyBuilder, make_study

PASSWORD = "correct-horse"
ALWAYS_ANSWERED = OutcomeMix(answered=1, no_answer=0, busy=0, answering_machine=0, invalid_number=0)


class RecordingErrors(ErrorPresenter):
    """Keeps the messages instead of opening boxes."""

    def show(self, text: str) -> None:
        self.shown.append(text)


@dataclass
class Fieldwork:
    engine: Engine
    study: StudyBuilder
    actor: Actor
    clock: SimulatedClock
    contacts: list[int]
    dialers: list[SimulatedDialer] = field(default_factory=list)

    def context(self, **changes: Any) -> UiContext:
        def build(kind: str, options: Any) -> SimulatedDialer:
            dialer = SimulatedDialer(ALWAYS_ANSWERED, seed=1, clock=self.clock)
            self.dialers.append(dialer)
            return dialer

        values: dict[str, Any] = {
            "engine": self.engine,
            "actor": self.actor,
            "clock": self.clock,
            "errors": RecordingErrors(),
            "language": "en",
            "study_id": self.study.study_id,
            "dialer_factory": build,
        }
        values.update(changes)
        return UiContext(**values)

    def close(self) -> None:
        for dialer in self.dialers:
            dialer.close()


def fieldwork(
    engine: Engine,
    *,
    timezone: str = "Europe/Moscow",
    contacts: int = 2,
    role: Role = Role.INTERVIEWER,
) -> Fieldwork:
    study = make_study(engine)
    study.segment("all")
    ids = study.contacts(contacts, segment="all", timezone=timezone, position="Директор")
    study.script("nps_pulse.yaml")
    clock = SimulatedClock(T0)
    actor = add_account(engine, "olga", "Ольга", role, PASSWORD, clock)
    return Fieldwork(engine, study, actor, clock, ids)
