"""Loyalty groups: NPS groups, or the dissatisfied / neutral / satisfied of overall
satisfaction in a study without NPS (reports.findings.prepare.loyalty_groups)."""

from __future__ import annotations

import math

import pandas as pd

from reports.findings.prepare import loyalty_groups


def test_nps_groups_are_detractors_0_to_6_passives_7_8_promoters_9_10() -> None:
    groups = loyalty_groups(pd.Series([0, 6, 7, 8, 9, 10]), "nps", (0, 10))
    assert list(groups) == ["detractor"] * 2 + ["passive"] * 2 + ["promoter"] * 2


def test_on_1_to_5_the_dissatisfied_give_1_2_and_the_satisfied_4_5() -> None:
    groups = loyalty_groups(pd.Series([1, 2, 3, 4, 5, None]), "csi_overall", (1, 5))
    assert list(groups[:5]) == ["detractor", "detractor", "passive", "promoter", "promoter"]
    assert isinstance(groups[5], float) and math.isnan(groups[5])


def test_on_1_to_10_the_lower_half_is_dissatisfied_and_the_top_quarter_satisfied() -> None:
    groups = loyalty_groups(pd.Series(range(1, 11)), "csi_overall", (1, 10))
    assert list(groups) == ["detractor"] * 5 + ["passive"] * 2 + ["promoter"] * 3
