"""Random but valid interviews, for testing a script's routing before fieldwork.

``simulate(script, n, seed)`` walks ``n`` interviews through the real engine with random
answers (including "don't know", "other, specify" and exclusive options where the script
allows them) and random contacts (declared values of contact fields), and reports how often
each question was reached, which were never reached, how interviews ended and how long the
paths were. Research leads run it as ``cati script simulate``.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from surveys.answers import Answer
from surveys.engine import Closing, InterviewState, answer, current_screen
from surveys.model import (
    CONSENT,
    CONSENT_NO,
    CONSENT_YES,
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    Script,
    SingleChoice,
)

SAMPLE_TEXTS = ("Всё устраивает", "Долгая доставка", "Good service", "Цены выше, чем у других")


def random_answer(
    script: Script, question: QuestionBase, rng: random.Random, special_rate: float = 0.05
) -> Answer:
    """A random answer that the engine accepts for ``question``."""
    if isinstance(question, InfoScreen):
        return Answer()
    if question.id == CONSENT:
        return Answer(CONSENT_YES if rng.random() < 0.9 else CONSENT_NO)
    if question.special and rng.random() < special_rate:
        return Answer(special=rng.choice(question.special))
    if not question.required and rng.random() < special_rate:
        return Answer(() if isinstance(question, MultipleChoice) else None)
    if isinstance(question, SingleChoice):
        option = rng.choice(question.options)
        return Answer(option.code, other=rng.choice(SAMPLE_TEXTS) if option.other else None)
    if isinstance(question, MultipleChoice):
        return _random_multi(question, rng)
    if isinstance(question, NpsQuestion):
        return Answer(rng.randint(0, 10))
    if isinstance(question, RatingQuestion):
        return Answer(rng.randint(question.scale.min, question.scale.max))
    if isinstance(question, GridQuestion):
        rows: dict[str, int | str] = {}
        for row in question.rows:
            if question.special and rng.random() < special_rate:
                rows[row.id] = rng.choice(question.special)
            else:
                rows[row.id] = rng.randint(question.scale.min, question.scale.max)
        return Answer(rows)
    if isinstance(question, NumericQuestion):
        return Answer(_random_number(question, rng))
    if isinstance(question, OpenQuestion):
        return Answer(rng.choice(SAMPLE_TEXTS)[: question.max_length])
    raise ValueError(f"no random answer for {question.id}")  # pragma: no cover


def _random_number(question: NumericQuestion, rng: random.Random) -> int | float:
    """A number within the question's range; an open end reaches 1000 beyond the other."""
    low, high = question.min, question.max
    if low is None:
        low = 0.0 if high is None or high >= 0 else high - 1000
    if high is None:
        high = low + 1000
    if question.integer:  # the loader makes sure a whole number lies in the range
        return rng.randint(math.ceil(low), math.floor(high))
    return min(max(round(rng.uniform(low, high), 2), low), high)


def _random_multi(question: MultipleChoice, rng: random.Random) -> Answer:
    exclusive = [o for o in question.options if o.exclusive]
    combinable = [o for o in question.options if not o.exclusive]
    if exclusive and rng.random() < 0.15:
        chosen = [rng.choice(exclusive)]
    else:
        least = max(question.min_choices, 1)
        most = min(question.max_choices or len(combinable), len(combinable))
        chosen = rng.sample(combinable, rng.randint(least, most))
    other = rng.choice(SAMPLE_TEXTS) if any(o.other for o in chosen) else None
    return Answer(tuple(o.code for o in chosen), other=other)


def random_contact(script: Script, rng: random.Random, today: date) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "company": "ООО «Ромашка»",
        "name": "Иван Петров",
        "position": "Директор",
        "region": "Москва",
        "segment": "",
    }
    for name, declared in script.contact_fields.items():
        if declared.values:
            contact[name] = rng.choice(declared.values)
        elif declared.type == "number":
            contact[name] = rng.choice([0, 1, 5, 12, 50, 250, 1_000_000])
        elif declared.type == "date":
            contact[name] = (today - timedelta(days=rng.randint(0, 1000))).isoformat()
        elif declared.type == "bool":
            contact[name] = rng.random() < 0.5
        else:
            contact[name] = rng.choice(["", "A", "Б"])
    return contact


@dataclass
class SimulationReport:
    interviews: int
    reached: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    lengths: list[int] = field(default_factory=list)
    never_reached: list[str] = field(default_factory=list)
    question_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        lengths = self.lengths or [0]
        return {
            "interviews": self.interviews,
            "reached": {qid: self.reached[qid] for qid in self.question_ids},
            "reached_share": {
                qid: self.reached[qid] / self.interviews if self.interviews else 0.0
                for qid in self.question_ids
            },
            "never_reached": self.never_reached,
            "endings": dict(self.endings),
            "path_length": {
                "min": min(lengths),
                "mean": statistics.fmean(lengths),
                "median": statistics.median(lengths),
                "max": max(lengths),
            },
        }


def simulate_one(script: Script, rng: random.Random, today: date) -> tuple[list[str], str]:
    """One random interview: the questions it reached (in order) and how it ended."""
    state = InterviewState(
        contact=random_contact(script, rng, today), seed=rng.randrange(2**31), today=today
    )
    reached: list[str] = []
    limit = 10 * len(script.flow) + 10
    screen = current_screen(script, state)
    for _ in range(limit):
        if isinstance(screen, Closing):
            return reached, screen.status
        reached.append(screen.question_id)
        question = script.question(screen.question_id)
        accepted = answer(script, state, screen.question_id, random_answer(script, question, rng))
        state, screen = accepted.state, accepted.next
    raise RuntimeError(f"interview did not end after {limit} screens")  # pragma: no cover


def simulate(script: Script, n: int, seed: int = 0, today: date | None = None) -> SimulationReport:
    if n < 1:
        raise ValueError("simulate at least one interview")
    rng = random.Random(seed)
    today = today or date.today()
    report = SimulationReport(interviews=n, question_ids=[q.id for q in script.questions])
    for _ in range(n):
        reached, ending = simulate_one(script, rng, today)
        questions = [qid for qid in reached if not qid.startswith("_")]
        report.reached.update(set(questions))
        report.endings[ending] += 1
        report.lengths.append(len(questions))
    report.never_reached = [qid for qid in report.question_ids if report.reached[qid] == 0]
    return report
