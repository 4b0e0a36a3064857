"""A CSI-only study's answers, simulated from the ready ``b2b_csi`` script: the demo's
respondents (:class:`cati.demo.respondents.DemoRespondent`, the documented generating
model) answer it through the real interview engine. Overall satisfaction follows their
aspect opinions, so the drivers, segments and themes have something true to find.
"""

from __future__ import annotations

import random
from importlib import resources
from pathlib import Path

import pandas as pd

from cati.demo.client_base import MANAGERS, PRODUCTS
from cati.demo.respondents import COMPLAINTS, PRAISE, DemoRespondent
from cati.reporting.responses import answer_columns
from cati.reporting.study_report import ATTRIBUTE_LABELS, SEGMENT_LABELS
from reports.data import Fieldwork, ReportData
from surveys import Answer, Script, load_script
from surveys.engine import Closing, InterviewState, answer, current_screen
from surveys.model import QuestionBase
from tests.e2e.demo_answers import REGIONS, TODAY

#: Completes per segment: a small B2B base, as studies without NPS usually have.
TARGETS = {"lost": 40, "new": 40, "regular": 80}
#: The b2b_nps_csi questions the demo respondent already answers in its own way.
SHARED = ("role", "tenure", "csi", "csi_pain", "importance", "overall", "problem_text", "comment")


class CsiOnlyRespondent(DemoRespondent):
    """The demo respondent, answering the questions of ``b2b_csi`` from its opinions."""

    def answer(self, script: Script, question: QuestionBase) -> Answer:
        qid = question.id
        if qid in SHARED:
            handler = getattr(self, f"_answer_{qid}")
            return handler(question)  # type: ignore[no-any-return]
        if qid == "overall_low_why":
            return Answer(self.rng.choice(COMPLAINTS[self.worst()]))
        if qid == "overall_high_why":
            return Answer(self.rng.choice(PRAISE[self.best()]))
        if qid == "plans":
            mean = sum(self.satisfaction.values()) / len(self.satisfaction)
            return Answer(1 if mean > 0.8 else 2 if mean > -0.5 else 3)
        if qid == "problem_contact":
            unhappy = min(self.satisfaction.values()) < -1.5
            return Answer(1 if unhappy and self.rng.random() < 0.5 else 2)
        return super().answer(script, question)


def csi_only_answers(seed: int) -> ReportData:
    """Report data of a CSI-only study fielded with the ready ``b2b_csi`` script."""
    script = load_script(Path(str(resources.files("resources.scripts") / "b2b_csi.yaml")))
    rng = random.Random(seed)
    rows = []
    for segment, target in TARGETS.items():
        done = 0
        while done < target:
            contact = {
                "segment": segment,
                "manager": rng.choice(MANAGERS),
                "product": rng.choice(PRODUCTS),
                "region": rng.choice(REGIONS),
                "company": "ООО «Клиент»",
            }
            base = DemoRespondent.for_contact(contact, rng.randrange(2**31))
            respondent = CsiOnlyRespondent(
                base.satisfaction, base.nps_latent, base.recency, base.rng
            )
            state = InterviewState(contact=contact, seed=rng.randrange(2**31), today=TODAY)
            screen = current_screen(script, state)
            while not isinstance(screen, Closing):
                question = script.question(screen.question_id)
                given = respondent.answer(script, question)
                accepted = answer(script, state, screen.question_id, given)
                state, screen = accepted.state, accepted.next
            if screen.status != "complete":
                continue  # declined the interview or does not buy, as some clients do
            stored = {qid: a.to_json() for qid, a in state.answers.items()}
            row = {"segment": segment, **{k: contact[k] for k in ("manager", "product", "region")}}
            row.update(answer_columns(script, stored))
            rows.append(row)
            done += 1
    responses = pd.DataFrame(rows)
    responses.index = pd.RangeIndex(1, len(responses) + 1, name="respondent")
    completes = responses["segment"].value_counts().to_dict()
    fieldwork = Fieldwork(
        study={"ru": "Удовлетворённость клиентов «Альфы»", "en": "Alpha client satisfaction"},
        client={"ru": "ООО «Альфа»", "en": "Alpha LLC"},
        fieldwork_start=TODAY,
        fieldwork_end=TODAY,
        report_date=TODAY,
        completes=completes,
        targets=TARGETS,
    )
    breakdowns = ("manager", "product")
    return ReportData(
        script=script,
        responses=responses,
        fieldwork=fieldwork,
        breakdowns=breakdowns,
        segment_labels={k: SEGMENT_LABELS[k] for k in completes},
        attribute_labels={k: ATTRIBUTE_LABELS[k] for k in breakdowns},
        min_base=30,
    )
