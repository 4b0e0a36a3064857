"""The report's findings layer: every number and every claim, computed once and typed.

>>> from reports.findings import compute_findings     # doctest: +SKIP
>>> findings = compute_findings(data, lang="en", weights="population")   # doctest: +SKIP
>>> findings.recommendations[0].subject                                  # doctest: +SKIP
'manager'

Modules: ``model`` (the dataclasses), ``prepare`` (answers ready for analysis),
``figures`` (NPS, aspects, drivers, CSI, importance-performance, breakdowns), ``family``
(every stated comparison, one multiplicity family), ``recommend`` (actions ranked by
expected gain), ``weights`` (the weighting scheme), ``scorecards`` (per manager, adjusted
for segment mix), ``voices`` (open answers and themes), ``facts`` (the findings as JSON).
"""

from __future__ import annotations

from reports.data import ReportData
from reports.findings.family import comparison_family
from reports.findings.figures import (
    aspect_scores,
    breakdowns_of,
    csi_of,
    driver_analysis,
    everyone,
    ipa_of,
    nps_of,
    overall_of,
    segment_aspects,
    segment_nps,
    segment_overall,
    unweighted_nps,
)
from reports.findings.model import Findings
from reports.findings.prepare import prepare_study
from reports.findings.recommend import recommend
from reports.findings.scorecards import scorecards as scorecards_of
from reports.findings.voices import theme_findings, theme_overview, verbatim_table


def compute_findings(data: ReportData, lang: str = "ru", weights: str | None = None) -> Findings:
    """Compute every figure and claim of the report on ``data``.

    ``lang`` only decides how contacts in open answers are masked; ``weights`` is
    ``"population"`` (post-stratified to the segment sizes in the base), ``"raking"``
    (to ``data.margins``), ``"none"``, or None: population when every segment's size is
    known, else none (:mod:`reports.findings.weights`).
    """
    study = prepare_study(data, weights)
    overall = nps_of(study, everyone(study))
    aspects = aspect_scores(study)
    drivers = driver_analysis(study)
    csi = csi_of(study, aspects, drivers)
    by_segment = segment_nps(study)
    overall_by_segment = segment_overall(study)
    texts = verbatim_table(study, lang)
    cards = scorecards_of(study, texts)
    comparisons = comparison_family(study, by_segment, scorecards=cards)
    ipa = ipa_of(drivers, aspects)
    recommendations = recommend(study, ipa, comparisons, by_segment, texts, overall_by_segment)
    return Findings(
        study=study,
        weighted=study.weights is not None,
        nps=overall,
        nps_by_segment=by_segment,
        overall=overall_of(study, everyone(study)),
        overall_by_segment=overall_by_segment,
        aspects=aspects,
        csi=csi,
        drivers=drivers,
        ipa=ipa,
        segment_aspects=segment_aspects(study, csi),
        breakdowns=breakdowns_of(study),
        comparisons=comparisons,
        recommendations=recommendations,
        verbatims=texts,
        theme_table=theme_overview(study, texts),
        themes=theme_findings(texts),
        scorecards=cards,
        nps_unweighted=unweighted_nps(study) if study.weights is not None else None,
        overall_unweighted=(
            overall_of(study, everyone(study), weighted=False)
            if study.weights is not None
            else None
        ),
    )


__all__ = ["Findings", "compute_findings"]
