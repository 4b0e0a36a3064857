"""The demo study's answers without its fieldwork: the demo's respondents
(:class:`cati.demo.respondents.DemoRespondent`, the documented generating model) answer the
shipped B2B script through the real interview engine, contact by contact, for the demo's
segment targets. A study takes about a second instead of a minute of simulated calling.
"""

from __future__ import annotations

import random
from datetime import date
from importlib import resources
from pathlib import Path

import pandas as pd

from cati.demo.build import SEGMENTS
from cati.demo.client_base import MANAGERS, PRODUCTS
from cati.demo.respondents import DemoRespondent
from cati.reporting.responses import answer_columns
from cati.reporting.study_report import ATTRIBUTE_LABELS, SEGMENT_LABELS
from reports.data import Fieldwork, ReportData
from surveys import load_script
from surveys.engine import Closing, InterviewState, answer, current_screen

TODAY = date(2026, 11, 2)
REGIONS = ("Москва", "Санкт-Петербург", "Свердловская область", "Новосибирская область")


def demo_answers(seed: int) -> ReportData:
    """A demo study's report data: the demo's segment targets completed by its respondents."""
    script = load_script(Path(str(resources.files("resources.scripts") / "b2b_nps_csi.yaml")))
    rng = random.Random(seed)
    rows = []
    for segment in SEGMENTS:
        done = 0
        while done < int(segment["target"]):
            contact = {
                "segment": segment["name"],
                "manager": rng.choice(MANAGERS),
                "product": rng.choice(PRODUCTS),
                "region": rng.choice(REGIONS),
                "company": "ООО «Клиент»",
            }
            respondent = DemoRespondent.for_contact(contact, rng.randrange(2**31))
            state = InterviewState(contact=contact, seed=rng.randrange(2**31), today=TODAY)
            screen = current_screen(script, state)
            while not isinstance(screen, Closing):
                question = script.question(screen.question_id)
                given = respondent.answer(script, question)
                accepted = answer(script, state, screen.question_id, given)
                state, screen = accepted.state, accepted.next
            if screen.status != "complete":
                continue  # declined the interview, as some clients do
            stored = {qid: a.to_json() for qid, a in state.answers.items()}
            row = {
                "segment": segment["name"],
                **{k: contact[k] for k in ("manager", "product", "region")},
            }
            row.update(answer_columns(script, stored))
            rows.append(row)
            done += 1
    responses = pd.DataFrame(rows)
    responses.index = pd.RangeIndex(1, len(responses) + 1, name="respondent")
    completes = responses["segment"].value_counts().to_dict()
    fieldwork = Fieldwork(
        study={"ru": "Демо", "en": "Demo"},
        client={"ru": "ООО «Альфа»", "en": "Alpha LLC"},
        fieldwork_start=TODAY,
        fieldwork_end=TODAY,
        report_date=TODAY,
        completes=completes,
        targets={s["name"]: int(s["target"]) for s in SEGMENTS},
    )
    breakdowns = ("manager", "product", "region")
    return ReportData(
        script=script,
        responses=responses,
        fieldwork=fieldwork,
        breakdowns=breakdowns,
        segment_labels={k: SEGMENT_LABELS[k] for k in completes},
        attribute_labels={k: ATTRIBUTE_LABELS[k] for k in breakdowns},
    )
