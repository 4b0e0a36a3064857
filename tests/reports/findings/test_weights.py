"""Weighted by default: post-stratification, raking to margins, and what weighting costs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from reports.analysis import report_from_findings
from reports.data import Fieldwork, ReportData
from reports.errors import ReportInputError
from reports.findings import compute_findings
from reports.findings.facts import facts_schema, findings_facts
from reports.findings.family import weighted_welch
from reports.margins import parse_margins
from reports.model import Paragraph
from reports.numbers import NumberFormat
from surveys import load_script

PULSE = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "nps_pulse.yaml"
#: segment: (clients in the base, interviews, P(promoter), P(detractor)) - NPS +40 and -50.
SEGMENTS = {"regular": (2000, 150, 0.5, 0.1), "lost": (500, 150, 0.1, 0.6)}
#: The base's true NPS under this model: (2000 * 40 + 500 * -50) / 2500.
TRUE_NPS = 22.0


def draw(rng: np.random.Generator, n: int, p_pro: float, p_det: float) -> np.ndarray:
    kind = rng.choice(3, size=n, p=[p_pro, 1 - p_pro - p_det, p_det])
    return np.select([kind == 0, kind == 1], [10.0, 8.0], 3.0)


def oversampled_study(seed: int = 11, population: bool = True) -> ReportData:
    """Lost clients are a fifth of the base but half of the interviews."""
    rng = np.random.default_rng(seed)
    frames = []
    for seg, (_pop, n, p_pro, p_det) in SEGMENTS.items():
        frames.append(
            pd.DataFrame(
                {
                    "segment": seg,
                    "nps": draw(rng, n, p_pro, p_det),
                    "region": rng.choice(["Москва", "Урал"], size=n, p=[0.7, 0.3]),
                }
            )
        )
    df = pd.concat(frames, ignore_index=True)
    df.index = pd.RangeIndex(1, len(df) + 1, name="respondent")
    df["nps_why"] = ["Сроки срывают." if s <= 6 else "Всё хорошо." for s in df["nps"]]
    return ReportData(
        script=load_script(PULSE),
        responses=df,
        fieldwork=Fieldwork(
            study="Пульс",
            client="ООО «Альфа»",
            fieldwork_start=date(2025, 3, 3),
            fieldwork_end=date(2025, 3, 14),
            report_date=date(2025, 3, 17),
            completes={s: v[1] for s, v in SEGMENTS.items()},
        ),
        population={s: float(v[0]) for s, v in SEGMENTS.items()} if population else {},
        breakdowns=["region"],
    )


def test_weighted_headline_recovers_the_base_and_unweighted_does_not() -> None:
    data = oversampled_study()
    weighted = compute_findings(data, "en")  # the default: every segment has a population
    unweighted = compute_findings(data, "en", weights="none")
    assert weighted.weighted and weighted.study.weighting.chosen == "default"
    w, u = weighted.nps, unweighted.nps
    assert w is not None and u is not None
    assert w.ci_low <= TRUE_NPS <= w.ci_high
    assert not u.ci_low <= TRUE_NPS <= u.ci_high
    assert abs(w.score - TRUE_NPS) < abs(u.score - TRUE_NPS)
    assert weighted.nps_unweighted is not None
    assert weighted.nps_unweighted.score == pytest.approx(u.score)
    text = _method_text(weighted, "en")
    nf = NumberFormat("en")
    assert f"Unweighted, the NPS would be {nf.signed(u.score)}; weighted, it is " in text
    # the interval is computed on Kish's effective n, smaller than the interviews
    wt = weighted.study.weighting
    assert w.n_effective == pytest.approx(wt.n_effective)
    assert wt.n_effective < wt.n and wt.design_effect == pytest.approx(wt.n / wt.n_effective)
    assert wt.weighted_base == pytest.approx(2500)


def test_weighted_recovery_holds_over_many_samples() -> None:
    """The weighted interval covers the true NPS about 95 % of the time; unweighted rarely."""
    hits_w = hits_u = 0
    for seed in range(40):
        data = oversampled_study(seed)
        w = compute_findings(data, "en").nps
        u = compute_findings(data, "en", weights="none").nps
        assert w is not None and u is not None
        hits_w += w.ci_low <= TRUE_NPS <= w.ci_high
        hits_u += u.ci_low <= TRUE_NPS <= u.ci_high
    assert hits_w >= 34 and hits_u <= 4


def test_default_is_unweighted_when_a_segment_size_is_unknown_and_the_report_says_why() -> None:
    data = replace(oversampled_study(), population={"regular": 2000.0})
    findings = compute_findings(data, "en")
    wt = findings.study.weighting
    assert not findings.weighted and wt.scheme == "none" and wt.chosen == "default"
    assert wt.missing == ("lost",)
    text = _method_text(findings, "en")
    assert "unknown: lost" in text
    with pytest.raises(ReportInputError, match="missing for: lost"):
        compute_findings(data, "en", weights="population")


def test_raking_meets_every_margin_and_the_methodology_names_them() -> None:
    data = replace(oversampled_study(), margins={"region": {"Москва": 0.5, "Урал": 0.5}})
    findings = compute_findings(data, "en", weights="raking")
    wt = findings.study.weighting
    assert wt.scheme == "raking" and set(wt.margins) == {"region", "segment"}
    assert wt.weights is not None
    df = findings.study.df
    share = pd.Series(wt.weights).groupby(df["region"].to_numpy()).sum() / wt.weights.sum()
    assert share["Москва"] == pytest.approx(0.5, abs=1e-6)
    by_seg = pd.Series(wt.weights).groupby(df["segment"].to_numpy()).sum()
    assert by_seg["lost"] == pytest.approx(500, rel=1e-6)
    assert "raked" in _method_text(findings, "en")
    assert "raking" in _method_text(findings, "ru")


def test_raking_without_margins_or_on_an_unknown_attribute_is_a_clear_error() -> None:
    with pytest.raises(ReportInputError, match="needs margins"):
        compute_findings(oversampled_study(), "en", weights="raking")
    data = replace(oversampled_study(), margins={"city": {"Казань": 1.0}})
    with pytest.raises(ReportInputError, match="'city' is not an attribute"):
        compute_findings(data, "en", weights="raking")


def test_margins_file_errors_name_the_line() -> None:
    assert parse_margins("region: {Москва: 0.45, Урал: 0.55}\n") == {
        "region": {"Москва": 0.45, "Урал": 0.55}
    }
    with pytest.raises(ReportInputError, match=r"m\.yaml:2:.*add up to 0\.9"):
        parse_margins("segment: {new: 10, lost: 20}\nregion: {a: 0.4, b: 0.5}\n", "m.yaml")
    with pytest.raises(ReportInputError, match=r"m\.yaml:1:.*not a number"):
        parse_margins("region: {a: много}\n", "m.yaml")
    with pytest.raises(ReportInputError, match="mapping"):
        parse_margins("- a\n- b\n", "m.yaml")


def test_weighted_welch_is_welch_with_equal_weights() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.normal(3.5, 1, 40), rng.normal(3.9, 0.7, 55)
    diff, p = weighted_welch(a, np.ones(40), b, np.full(55, 7.0))
    ref = stats.ttest_ind(a, b, equal_var=False)
    assert diff == pytest.approx(a.mean() - b.mean())
    assert p == pytest.approx(ref.pvalue, rel=1e-9)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_facts_carry_the_scheme_the_design_effect_and_the_effective_n(lang: str) -> None:
    findings = compute_findings(oversampled_study(), lang)
    facts = findings_facts(findings, lang)
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
    w = facts["study"]["weighting"]  # type: ignore[index, call-overload]
    assert facts["study"]["weighted"] is True  # type: ignore[index, call-overload]
    assert w["scheme"] == "population" and w["chosen"] == "default"  # type: ignore[index]
    assert w["deff"] == pytest.approx(findings.study.weighting.design_effect)  # type: ignore[index]
    assert w["n_eff"] < w["unweighted_base"]  # type: ignore[index, operator]


def test_methodology_gives_both_bases_the_effective_n_and_the_design_effect() -> None:
    findings = compute_findings(oversampled_study(), "en")
    wt = findings.study.weighting
    text = _method_text(findings, "en")
    assert "The unweighted base is 300 interviews, the weighted base 2,500 clients" in text
    assert f"design effect of the unequal weights is {wt.design_effect:.2f}" in text
    assert "default" in text
    ru = _method_text(findings, "ru")
    assert "Невзвешенная база — 300 интервью" in ru and "эффективный размер выборки" in ru


def _method_text(findings: object, lang: str) -> str:
    report = report_from_findings(findings, lang)  # type: ignore[arg-type]
    sec = report.section("method.weighting")
    return " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))


def test_margins_stored_with_the_study_are_checked_like_a_file() -> None:
    from reports.margins import margins_from

    assert margins_from({"region": {"Урал": 30, "Москва": 70}}, "study") == {
        "region": {"Урал": 30.0, "Москва": 70.0}
    }
    with pytest.raises(ReportInputError, match=r"study X: margins.*region.*not a number"):
        margins_from({"region": {"Урал": "много"}}, "study X: margins")
