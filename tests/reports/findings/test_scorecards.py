"""Scorecards per manager, adjusted for the mix of clients each one inherited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

from reports.analysis import report_from_findings
from reports.data import Fieldwork, ReportData
from reports.errors import ReportInputError
from reports.findings import compute_findings
from reports.findings.facts import facts_schema, findings_facts
from reports.findings.scorecards import expected_nps
from reports.model import Figure, Paragraph, Table
from surveys import load_script

PULSE = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "nps_pulse.yaml"
#: (manager, segment): (interviews, P(promoter), P(detractor)). Анна has the happiest clients
#: in every segment, but four in five of hers are lost clients.
MODEL = {
    ("Анна", "regular"): (40, 0.75, 0.05),
    ("Анна", "lost"): (160, 0.25, 0.45),
    ("Борис", "regular"): (160, 0.45, 0.15),
    ("Борис", "lost"): (40, 0.05, 0.75),
    ("Вера", "regular"): (160, 0.45, 0.15),
    ("Вера", "lost"): (40, 0.05, 0.75),
}


def mixed_study(seed: int = 7) -> ReportData:
    rng = np.random.default_rng(seed)
    rows = []
    for (manager, seg), (n, p_pro, p_det) in MODEL.items():
        kind = rng.choice(3, size=n, p=[p_pro, 1 - p_pro - p_det, p_det])
        scores = np.select([kind == 0, kind == 1], [10.0, 7.0], 2.0)
        for s in scores:
            text = "Менеджер не перезванивает." if s <= 6 else "Спасибо, всё отлично."
            rows.append({"segment": seg, "manager": manager, "nps": s, "nps_why": text})
    df = pd.DataFrame(rows)
    df.index = pd.RangeIndex(1, len(df) + 1, name="respondent")
    return ReportData(
        script=load_script(PULSE),
        responses=df,
        fieldwork=Fieldwork(
            study="Пульс",
            client="ООО «Альфа»",
            fieldwork_start=date(2025, 3, 3),
            fieldwork_end=date(2025, 3, 14),
            report_date=date(2025, 3, 17),
        ),
        population={"regular": 360.0, "lost": 240.0},  # weights 1: the interviews are the base
        breakdowns=["manager"],
        attribute_labels={"manager": {"ru": "Менеджер", "en": "Account manager"}},
    )


def test_a_manager_is_not_blamed_for_inheriting_lost_clients() -> None:
    findings = compute_findings(mixed_study(), "en")
    cards = findings.scorecards
    assert cards is not None and cards.attribute == "manager" and cards.chosen == "default"
    anna = cards.cards[0]
    assert anna.group == "Анна"  # first on the adjusted figure ...
    raw = sorted(cards.cards, key=lambda c: -(c.nps.score if c.nps else 0))
    assert raw[-1].group == "Анна"  # ... although last on the raw NPS
    d = findings.comparisons.find("group_adjusted", "Анна", attribute="manager")
    assert d is not None and d.significant and d.versus == "expected"
    # the raw manager-versus-rest tests are replaced by the adjusted ones, in one family
    assert not [c for c in findings.comparisons.family if c.kind == "group_vs_rest"]
    report = report_from_findings(findings, "en")
    text = " ".join(b.text for b in report.section("scorecards").blocks if isinstance(b, Paragraph))
    assert "Adjusted for the client mix, Анна ranks first" in text
    assert "By raw NPS Анна is only number 3" in text
    assert "(p = 0" in text or "(p < 0" in text
    assert "p = p" not in text
    ru = report_from_findings(findings, "ru").section("scorecards")
    assert any(
        "первое место занимает Анна" in b.text for b in ru.blocks if isinstance(b, Paragraph)
    )
    assert any(isinstance(b, Figure) for b in ru.blocks)
    assert any(isinstance(b, Table) for b in ru.blocks)


def test_expected_nps_is_the_mix_times_the_segment_nps() -> None:
    """Indirect standardisation by hand: 2 regular (NPS +50) and 1 lost (NPS -100)."""
    scores = np.array([10.0, 7.0, 2.0, 10.0, 3.0, 2.0])
    segments = np.array(["r", "r", "l", "r", "l", "r"])
    w = np.ones(6)
    _, by_segment = expected_nps(scores, segments, w)
    assert by_segment == {"r": pytest.approx(25.0), "l": pytest.approx(-100.0)}
    data = mixed_study()
    findings = compute_findings(data, "en")
    assert findings.scorecards is not None
    for card in findings.scorecards.cards:
        seg_nps = {s: r.score for s, r in findings.nps_by_segment.items() if r is not None}
        by_hand = sum(k * seg_nps[s] for s, k in card.mix.items()) / sum(card.mix.values())
        assert card.expected == pytest.approx(by_hand)
        assert card.nps is not None
        assert card.adjusted == pytest.approx(card.nps.score - card.expected)
        assert card.ci_low < card.adjusted < card.ci_high


def test_verbatims_of_each_manager_come_complaints_first() -> None:
    findings = compute_findings(mixed_study(), "en")
    assert findings.scorecards is not None
    rank = {"complaint": 0, "neutral": 1, "praise": 2}
    seen = set()
    for card in findings.scorecards.cards:
        # polarity maps each theme of an answer to praise/complaint/neutral: an answer
        # with any complaint counts as a complaint
        order = [
            min((rank[p] for p in pol.values()), default=1) for pol in card.verbatims["polarity"]
        ]
        assert order == sorted(order)
        seen.update(order)
        assert len(card.verbatims) == card.n
    assert 0 in seen  # the study has complaints, so the ordering was exercised


def test_scorecard_attribute_can_be_chosen_and_a_wrong_one_is_a_clear_error() -> None:
    data = mixed_study()
    df = data.responses.assign(region=np.where(data.responses.index % 2, "Урал", "Москва"))
    chosen = compute_findings(replace(data, responses=df, scorecards="region"), "en")
    assert chosen.scorecards is not None and chosen.scorecards.chosen == "asked"
    assert set(chosen.scorecards.ranking) == {"Урал", "Москва"}
    with pytest.raises(ReportInputError, match="'branch' is not an attribute"):
        compute_findings(replace(data, scorecards="branch"), "en")
    empty = replace(data, responses=df.assign(branch=None), scorecards="branch")
    with pytest.raises(ReportInputError, match="no respondent has a value for 'branch'"):
        compute_findings(empty, "en")
    none = compute_findings(replace(data, responses=df.drop(columns="manager"), breakdowns=[]))
    assert none.scorecards is None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_facts_record_the_scorecard_attribute_and_each_card(lang: str) -> None:
    findings = compute_findings(mixed_study(), lang)
    facts = findings_facts(findings, lang)
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
    sc = facts["scorecards"]
    assert sc["attribute"] == "manager" and sc["chosen"] == "default"  # type: ignore[index, call-overload]
    assert sc["cards"][0]["group"] == "Анна"  # type: ignore[index, call-overload]
    assert {d["kind"] for d in facts["differences"]} >= {"group_adjusted"}  # type: ignore[index, union-attr]


def test_a_breakdown_group_is_not_called_different_for_its_mix_of_segments() -> None:
    """Region "Урал" holds most lost clients but, within each segment, answers like the rest:
    its raw NPS is far lower, yet the family compares like for like and states nothing."""
    data = mixed_study()
    df = data.responses.drop(columns="manager")
    df["region"] = np.where(df["segment"] == "lost", "Урал", "Москва")
    flip = df.index[(df["segment"] == "lost")][::5]  # a few lost clients in Москва too
    df.loc[flip, "region"] = "Москва"
    flip = df.index[(df["segment"] == "regular")][::6]  # and a few regular ones in Урал
    df.loc[flip, "region"] = "Урал"
    rng = np.random.default_rng(1)  # the same answers model in both regions, by segment
    for seg, (p_pro, p_det) in {"regular": (0.5, 0.15), "lost": (0.1, 0.6)}.items():
        rows = df.index[df["segment"] == seg]
        kind = rng.choice(3, size=len(rows), p=[p_pro, 1 - p_pro - p_det, p_det])
        df.loc[rows, "nps"] = np.select([kind == 0, kind == 1], [10.0, 7.0], 2.0)
    findings = compute_findings(replace(data, responses=df, breakdowns=["region"]), "en")
    ural = findings.comparisons.find("group_vs_rest", "Урал", attribute="region")
    assert ural is not None and not ural.significant and abs(ural.difference) < 15
    raw = findings.breakdowns[0].table.set_index("group")["value"]
    assert raw["Москва"] - raw["Урал"] > 40  # what a raw comparison would have called a gap


def test_an_aspect_a_manager_owns_is_compared_with_what_the_mix_predicts() -> None:
    """The synthetic study's managers differ in nothing; lower one manager's "manager"
    ratings by a point and the report states that aspect for that manager alone."""
    from tests.reports.document.synthetic import make_study

    data = make_study()
    df = data.responses.copy()
    col = "csi.manager"
    mine = df["manager"] == "Петров С."
    df.loc[mine, col] = (df.loc[mine, col] - 1).clip(lower=1)
    findings = compute_findings(replace(data, responses=df), "en")
    stated = [
        d for d in findings.comparisons.stated if d.kind == "group_adjusted" and d.metric != "nps"
    ]
    assert [(d.group, d.metric) for d in stated] == [("Петров С.", "manager")]
    assert stated[0].difference < -10
    report = report_from_findings(findings, "en")
    text = " ".join(b.text for b in report.section("scorecards").blocks if isinstance(b, Paragraph))
    assert "Петров С.: “" in text and "below the" in text
    facts = findings_facts(findings, "en")
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
