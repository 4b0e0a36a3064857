"""A study without NPS gets a full report: overall satisfaction explained by the aspects,
compared across segments and groups, with recommendations, verbatims and a facts file;
nothing in it speaks of NPS."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from docx import Document

from reports import build_report
from reports.data import ReportData
from reports.findings import Findings, compute_findings
from reports.findings.facts import facts_schema
from tests.e2e.csi_only_answers import csi_only_answers
from tests.reports.document.conftest import soffice
from tests.reports.document.test_report_document import all_text

# NPS and its groups; "нейтральный клиент" (a neutral client) is the CSI word.
NPS_WORDS = re.compile(
    r"NPS|Net Promoter|promoter|detractor|\bpassives?\b|критик|сторонник|\bнейтрал(?:ы|ов)?\b", re.I
)


@pytest.fixture(scope="module")
def study() -> ReportData:
    return csi_only_answers(seed=3)


@pytest.fixture(scope="module")
def findings(study: ReportData) -> Findings:
    return compute_findings(study, lang="ru")


def test_overall_satisfaction_is_the_outcome_of_a_study_without_nps(findings: Findings) -> None:
    assert findings.nps is None and findings.outcome_kind == "csi_overall"
    assert findings.overall is not None and findings.overall.n == findings.n
    assert findings.drivers is not None and len(findings.drivers.drivers) == 6
    assert findings.csi is not None and findings.csi.kind == "stated"
    # every test of the outcome is of overall satisfaction (the others are of aspects:
    # by segment, and the manager's own aspect on the scorecards)
    outcome_tests = [
        d for d in findings.comparisons.family if d.metric not in findings.study.sat_cols
    ]
    assert outcome_tests and {d.metric for d in outcome_tests} == {"csi_overall"}
    kinds = [r.kind for r in findings.recommendations]
    assert kinds[0] == "improve"
    # The lost clients are less satisfied in the generating model: stated, and an action.
    lost = findings.comparisons.find("segment_vs_rest", "lost", "csi_overall")
    assert lost is not None and lost.significant and lost.difference < 0
    segment = next(r for r in findings.recommendations if r.kind == "segment")
    assert (segment.subject, segment.gain_unit) == ("lost", "score_points")
    assert segment.evidence.score is not None and segment.evidence.nps is None
    call_back = next(r for r in findings.recommendations if r.kind == "detractors")
    assert call_back.subject == "dissatisfied"
    # "what should change" is read as complaints, "what do you value" as praise
    texts = findings.verbatims
    sides = {
        question: {side for answer in group["polarity"] for side in answer.values()}
        for question, group in texts.groupby("question")
    }
    assert sides["overall_low_why"] == {"complaint"}
    assert "praise" in sides["overall_high_why"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_report_has_no_nps_chapter_and_never_speaks_of_nps(
    study: ReportData, lang: str, tmp_path: Path
) -> None:
    out, facts_path = tmp_path / f"csi_{lang}.docx", tmp_path / "facts.json"
    model = build_report(study, out, lang=lang, facts=facts_path)
    ids = [s.key for s in model.sections]
    assert "nps" not in ids and "overall" in ids
    assert {"summary", "csi", "drivers", "segments", "verbatims", "recommendations"} <= set(ids)
    for section in model.sections:
        assert section.blocks or section.children, section.key  # no empty chapter
    text = [t for t in all_text(Document(str(out))) if t.strip()]
    assert not [t for t in text if NPS_WORDS.search(t)]
    joined = "\n".join(text)
    assert ("Общая удовлетворённость" if lang == "ru" else "Overall satisfaction") in joined
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
    assert facts["outcome"] == "csi_overall" and facts["nps"] is None
    overall = facts["csi"]["overall"]
    assert model.findings is not None and model.findings.overall is not None
    assert overall["question"] == "overall"
    assert overall["result"]["score"] == pytest.approx(model.findings.overall.mean)
    shares = overall["result"]
    assert shares["satisfied"] + shares["neutral"] + shares["dissatisfied"] == pytest.approx(1)
    assert all(
        set(t["by_group"]) <= {"dissatisfied", "neutral", "satisfied"} for t in facts["themes"]
    )


@pytest.mark.slow
def test_libreoffice_converts_the_csi_only_report(study: ReportData, tmp_path: Path) -> None:
    binary = soffice()
    assert binary is not None
    out = tmp_path / "csi_ru.docx"
    build_report(study, out, lang="ru")
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "csi_ru.pdf"
    assert pdf.stat().st_size > 50_000
