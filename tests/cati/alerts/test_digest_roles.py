"""The digest's running CSI and the report's CSI come from the same declared grids, even
when an id-based guess would take another grid."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest

from cati.alerts.digest import build_digest
from cati.exports.records import InterviewRecord, StudyResults
from reports.data import Fieldwork, ReportData
from reports.findings import compute_findings
from surveys import load_script_text

ROWS = ("price", "delivery", "manager")
SCRIPT = """\
schema_version: 2
id: two_grids
title: {ru: Две таблицы, en: Two grids}
languages: [ru, en]
intro: {text: {ru: Здравствуйте!, en: Hello!}}
consent: {text: {ru: Можно задать вопросы, en: May I ask some questions}}
closing:
  complete: {ru: Спасибо!, en: Thank you!}
  screened_out: {ru: Это все вопросы., en: Those were all my questions.}
  refused: {ru: Извините., en: Sorry.}
questions:
  - id: nps
    type: nps
    role: nps
    text: {ru: Порекомендуете ли вы нас, en: Would you recommend us}
  - id: csi_brand
    type: grid
    text: {ru: Согласны ли вы что бренд..., en: Do you agree the brand is...}
    scale: {min: 1, max: 5}
    rows:
      - {id: modern, label: {ru: современный, en: modern}}
      - {id: reliable, label: {ru: надёжный, en: reliable}}
  - id: service
    type: grid
    role: satisfaction
    text: {ru: Насколько вы довольны..., en: How satisfied are you with...}
    scale: {min: 1, max: 5}
    rows:
      - {id: price, label: {ru: ценами, en: prices}}
      - {id: delivery, label: {ru: доставкой, en: delivery}}
      - {id: manager, label: {ru: менеджером, en: the account manager}}
  - id: weights
    type: grid
    role: importance
    text: {ru: Насколько для вас важны..., en: How important to you are...}
    scale: {min: 1, max: 5}
    rows:
      - {id: delivery, label: {ru: доставка, en: delivery}}
      - {id: price, label: {ru: цены, en: prices}}
      - {id: manager, label: {ru: менеджер, en: account manager}}
"""


def test_digest_and_report_take_the_csi_from_the_declared_grids() -> None:
    script = load_script_text(SCRIPT)
    rng = np.random.default_rng(7)
    n = 40
    answers = []
    rows = []
    for _ in range(n):
        service = {r: int(rng.integers(1, 6)) for r in ROWS}
        weights = {r: int(rng.integers(1, 6)) for r in ROWS}
        brand = {"modern": 5, "reliable": 5}  # what a guess by id ("csi...") would report
        nps = int(rng.integers(0, 11))
        answers.append(
            {
                "nps": {"value": nps},
                "csi_brand": {"value": brand},
                "service": {"value": service},
                "weights": {"value": weights},
            }
        )
        rows.append(
            {
                "segment": "all",
                "nps": nps,
                **{f"csi_brand.{k}": v for k, v in brand.items()},
                **{f"service.{k}": v for k, v in service.items()},
                **{f"weights.{k}": v for k, v in weights.items()},
            }
        )
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    results = StudyResults(
        study_id=1,
        study_name="two grids",
        client_name="Альфа",
        script_text=SCRIPT,
        script_version=1,
        interviews=tuple(
            InterviewRecord(i, i, f"r{i}", "complete", "ru", "all", a, t0)
            for i, a in enumerate(answers)
        ),
    )
    digest = build_digest(results, script, [], {}, [], t0, t0)
    days = (date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3))
    fieldwork = Fieldwork("two grids", "Альфа", *days)
    findings = compute_findings(ReportData(script, pd.DataFrame(rows), fieldwork))
    assert findings.csi is not None and findings.csi.kind == "stated"
    assert list(findings.aspects.index) == list(ROWS)
    assert digest.csi == pytest.approx(findings.csi.value)
    assert digest.csi_n == n
    assert digest.csi < 90  # the brand grid (all 5s) would give 100
