"""One family of comparisons per report: with no group effects at all, a report states a
difference in at most 5 % of studies (Holm over every comparison it may state)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from reports.comparisons import holm
from reports.data import Fieldwork, ReportData
from reports.findings.family import comparison_family
from reports.findings.figures import segment_nps
from reports.findings.prepare import prepare_study
from reports.themes import ThemeDictionary, default_themes
from tests.reports.document.synthetic import ASPECTS, load_b2b_script

STUDIES = 200
CONTROL_STUDIES = 40
PER_SEGMENT = 45
SEGMENTS = ("regular", "new", "lost")
ATTRIBUTES = {"manager": 3, "region": 2, "product": 3}


def null_study(
    rng: np.random.Generator, script: object, themes: ThemeDictionary | None = None
) -> ReportData:
    """Answers from one model for everybody: segments and groups differ only by chance."""
    n = PER_SEGMENT * len(SEGMENTS)
    df = pd.DataFrame(index=pd.RangeIndex(1, n + 1, name="respondent"))
    df["segment"] = np.repeat(SEGMENTS, PER_SEGMENT)
    for attr, k in ATTRIBUTES.items():
        df[attr] = rng.choice([f"{attr} {i}" for i in range(1, k + 1)], size=n)
    common = rng.normal(size=n)
    z = {a: 0.5 * common + rng.normal(scale=0.85, size=n) for a in ASPECTS}
    for a in ASPECTS:
        df[f"csi.{a}"] = (np.digitize(z[a], [-2.0, -1.2, -0.3, 0.6]) + 1).astype(float)
        df[f"importance.{a}"] = rng.integers(3, 6, size=n).astype(float)
    y = 7.5 + 0.8 * z["delivery"] + 0.6 * z["quality"] + rng.normal(scale=1.5, size=n)
    df["nps"] = np.clip(np.round(y), 0, 10)
    fieldwork = Fieldwork(
        study="null",
        client="null",
        fieldwork_start=date(2025, 1, 1),
        fieldwork_end=date(2025, 1, 2),
        report_date=date(2025, 1, 3),
        completes={s: PER_SEGMENT for s in SEGMENTS},
    )
    return ReportData(
        script=script,  # type: ignore[arg-type]
        responses=df,
        fieldwork=fieldwork,
        breakdowns=tuple(ATTRIBUTES),
        themes=themes,
    )


@pytest.mark.slow  # 200 studies: about 12 s on an idle 2-core machine, more when busy
def test_reports_of_studies_without_group_effects_rarely_state_a_difference() -> None:
    script, themes = load_b2b_script(), default_themes()
    rng = np.random.default_rng(14)
    stating = 0
    sizes = set()
    for _ in range(STUDIES):
        study = prepare_study(null_study(rng, script, themes))
        family = comparison_family(study, segment_nps(study))
        sizes.add(len(family.family))
        stating += bool(family.stated)
    assert min(sizes) >= 25  # segments, every breakdown group, aspects by segment
    assert stating / STUDIES <= 0.05, stating


@pytest.mark.slow  # 40 studies: 3-10 s
def test_adjusting_within_each_attribute_instead_would_state_chance_differences() -> None:
    """The control: the same studies with Holm applied per attribute and per aspect, as
    the report used to, state a difference far more often than 5 %."""
    script, themes = load_b2b_script(), default_themes()
    rng = np.random.default_rng(14)
    stating = 0
    for _ in range(CONTROL_STUDIES):
        study = prepare_study(null_study(rng, script, themes))
        family = comparison_family(study, segment_nps(study))
        by_test: dict[tuple[str, str, str], list[float]] = {}
        for d in family.family:
            by_test.setdefault((d.kind, d.attribute, d.metric), []).append(d.p)
        stating += any((holm(np.array(p)) < 0.05).any() for p in by_test.values())
    assert stating / CONTROL_STUDIES > 0.10


@pytest.mark.parametrize("alpha", [0.01, 0.05])
def test_every_stated_difference_has_an_adjusted_p_below_alpha(alpha: float) -> None:
    script = load_b2b_script()
    rng = np.random.default_rng(3)
    data = null_study(rng, script)
    df = data.responses.copy()
    df.loc[df["segment"] == "lost", "nps"] = 2.0  # one real, large difference
    study = prepare_study(ReportData(data.script, df, data.fieldwork, breakdowns=data.breakdowns))
    family = comparison_family(study, segment_nps(study), alpha=alpha)
    assert family.stated
    for d in family.family:
        assert d.significant == (d.p_adjusted < alpha)
        assert d.p_adjusted >= d.p
