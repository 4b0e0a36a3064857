"""A study without NPS is weighted and scored for mix like an NPS study: overall
satisfaction, its comparisons and the per-manager scorecards all use the weights."""

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
from reports.model import Paragraph, Table
from surveys import load_script

B2B_CSI = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "b2b_csi.yaml"
#: (manager, segment): (interviews, P(5), P(1)) of overall satisfaction on 1-5. Анна has
#: the happiest clients in every segment, but four in five of hers are lost clients.
MODEL = {
    ("Анна", "regular"): (40, 0.75, 0.05),
    ("Анна", "lost"): (160, 0.25, 0.45),
    ("Борис", "regular"): (160, 0.45, 0.15),
    ("Борис", "lost"): (40, 0.05, 0.75),
    ("Вера", "regular"): (160, 0.45, 0.15),
    ("Вера", "lost"): (40, 0.05, 0.75),
}
#: 360 regular and 240 lost interviews; the base has three regular clients per lost one,
#: so every regular interview weighs 2.5 times a lost one.
POPULATION = {"regular": 1800.0, "lost": 480.0}
ASPECTS = ("quality", "manager", "delivery", "documents", "price", "support")


def csi_only_study(seed: int = 7) -> ReportData:
    rng = np.random.default_rng(seed)
    rows = []
    for (manager, seg), (n, p_top, p_low) in MODEL.items():
        kind = rng.choice(3, size=n, p=[p_top, 1 - p_top - p_low, p_low])
        scores = np.select([kind == 0, kind == 1], [5.0, 3.0], 1.0)
        for s in scores:
            why = "Менеджер не перезванивает." if s <= 2 else None
            row = {"segment": seg, "manager": manager, "overall": s, "overall_low_why": why}
            for aspect in ASPECTS:
                near = s if aspect == "manager" else rng.integers(1, 6)
                row[f"csi.{aspect}"] = float(np.clip(near + rng.integers(-1, 2), 1, 5))
                row[f"importance.{aspect}"] = float(rng.integers(3, 6))
            rows.append(row)
    df = pd.DataFrame(rows)
    df.index = pd.RangeIndex(1, len(df) + 1, name="respondent")
    return ReportData(
        script=load_script(B2B_CSI),
        responses=df,
        fieldwork=Fieldwork(
            study="Удовлетворённость",
            client="ООО «Альфа»",
            fieldwork_start=date(2025, 3, 3),
            fieldwork_end=date(2025, 3, 14),
            report_date=date(2025, 3, 17),
        ),
        population=POPULATION,
        breakdowns=["manager"],
        attribute_labels={"manager": {"ru": "Менеджер", "en": "Account manager"}},
    )


def _to_100(x: pd.Series) -> pd.Series:
    return (x - 1.0) / 4.0 * 100.0


def test_overall_satisfaction_is_weighted_and_the_methodology_shows_what_it_changed() -> None:
    data = csi_only_study()
    findings = compute_findings(data, "en")
    df = data.responses
    w = df["segment"].map({"regular": 1800.0 / 360, "lost": 480.0 / 240})
    score = _to_100(df["overall"])
    assert findings.study.outcome_kind == "csi_overall" and findings.weighted
    assert findings.overall is not None and findings.overall_unweighted is not None
    assert findings.overall.mean == pytest.approx(float(np.average(score, weights=w)))
    assert findings.overall_unweighted.mean == pytest.approx(float(score.mean()))
    assert findings.overall.mean > findings.overall_unweighted.mean + 5  # regulars weigh more
    method = report_from_findings(findings, "en").section("method")
    text = " ".join(b.text for sec in method.walk() for b in sec.blocks if isinstance(b, Paragraph))
    assert "Unweighted, overall satisfaction would be" in text and "NPS" not in text
    facts = findings_facts(findings)
    assert facts["study"]["weighting"]["scheme"] == "population"  # type: ignore[index]


def test_the_segment_comparison_without_nps_is_weighted() -> None:
    data = csi_only_study()
    findings = compute_findings(data, "en")
    pair = [
        d
        for d in findings.comparisons.family
        if d.metric == "csi_overall" and d.kind == "segment_pair"
    ]
    assert len(pair) == 1
    d = pair[0]
    score = _to_100(data.responses["overall"])
    seg = data.responses["segment"]
    means = {s: float(score[seg == s].mean()) for s in ("regular", "lost")}  # weights equal within
    assert d.difference == pytest.approx(means[d.group] - means[d.versus])
    assert d.significant


def test_scorecards_without_nps_adjust_overall_satisfaction_for_the_mix() -> None:
    findings = compute_findings(csi_only_study(), "en")
    cards = findings.scorecards
    assert cards is not None and cards.attribute == "manager"
    anna = cards.cards[0]
    assert anna.group == "Анна" and anna.nps is None and anna.overall is not None
    raw = sorted(cards.cards, key=lambda c: -(c.overall.mean if c.overall else 0))
    assert raw[-1].group == "Анна"  # last on raw satisfaction, first adjusted
    assert anna.overall.mean - anna.expected == pytest.approx(anna.adjusted, abs=1e-9)
    d = findings.comparisons.find("group_adjusted", "Анна", "csi_overall", "manager")
    assert d is not None and d.significant and d.metric == "csi_overall"
    report = report_from_findings(findings, "en")
    sec = report.section("scorecards")
    text = " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
    assert "The study explains overall satisfaction, so the scorecards compare it" in text
    assert "Adjusted for the client mix, Анна ranks first: overall satisfaction" in text
    assert "By raw overall satisfaction Анна is only number 3" in text
    assert "NPS" not in text
    table = next(b for b in sec.blocks if isinstance(b, Table))
    assert table.columns[2].header == "Score" and table.columns[2].fmt == "num0"
    ru = report_from_findings(findings, "ru").section("scorecards")
    ru_text = " ".join(b.text for b in ru.blocks if isinstance(b, Paragraph))
    assert "общая удовлетворённость" in ru_text and "NPS" not in ru_text


def test_the_facts_of_a_csi_only_scorecard_carry_overall_satisfaction() -> None:
    findings = compute_findings(csi_only_study(), "en")
    facts = findings_facts(findings)
    jsonschema.validate(facts, facts_schema())
    card = facts["scorecards"]["cards"][0]  # type: ignore[index, call-overload]
    assert card["nps"] is None and card["group"] == "Анна"
    assert card["overall"]["score"] == pytest.approx(findings.scorecards.cards[0].overall.mean)  # type: ignore[union-attr]
    assert 0 <= card["overall"]["dissatisfied"] <= 1
