"""Studies without aspects or segments still give valid findings, facts and a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

from reports.analysis import report_from_findings
from reports.data import Fieldwork, ReportData
from reports.findings import compute_findings
from reports.findings.facts import facts_schema, findings_facts
from surveys import load_script

PULSE = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "nps_pulse.yaml"


def pulse_study(n: int = 60) -> ReportData:
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 11, size=n).astype(float)
    df = pd.DataFrame(index=pd.RangeIndex(1, n + 1, name="respondent"))
    df["segment"] = "all"
    df["nps"] = scores
    df["nps_why"] = [
        "Доставка задерживается, сроки срывают." if s <= 6 else "Всё устраивает, спасибо."
        for s in scores
    ]
    return ReportData(
        script=load_script(PULSE),
        responses=df,
        fieldwork=Fieldwork(
            study={"ru": "Пульс", "en": "Pulse"},
            client="ООО «Бета»",
            fieldwork_start=date(2025, 5, 5),
            fieldwork_end=date(2025, 5, 9),
            report_date=date(2025, 5, 12),
            completes={"all": n},
        ),
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_nps_pulse_has_no_aspect_actions_and_valid_facts(lang: str) -> None:
    findings = compute_findings(pulse_study(), lang)
    assert findings.drivers is None and findings.ipa is None and findings.csi is None
    assert not findings.comparisons.family  # one segment, no breakdowns: nothing to compare
    assert {r.kind for r in findings.recommendations} <= {"theme", "detractors"}
    facts = findings_facts(findings, lang)
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
    assert facts["drivers"] == [] and facts["differences"] == []
    report = report_from_findings(findings, lang)
    assert report.section("summary").blocks
