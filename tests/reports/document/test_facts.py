"""The facts file: valid against its documented schema, and the summary's numbers in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from reports import build_report
from reports.findings.facts import SCHEMA_VERSION, facts_schema, findings_facts
from reports.model import Bullets, Paragraph
from tests.reports.document.conftest import Built


def test_facts_file_validates_against_its_schema(
    built: dict[str, Built], tmp_path: Path, study: object
) -> None:
    out = tmp_path / "facts.json"
    model = build_report(study, tmp_path / "r.docx", lang="en", facts=out)  # type: ignore[arg-type]
    facts = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(facts_schema())
    jsonschema.validate(facts, facts_schema(), cls=jsonschema.Draft202012Validator)
    assert facts["schema_version"] == SCHEMA_VERSION
    assert model.findings is not None
    overall = facts["nps"]["overall"]
    assert overall["score"] == pytest.approx(model.findings.nps.score)  # type: ignore[union-attr]
    assert {"score", "ci_low", "ci_high", "n", "weighted"} <= set(overall)
    assert facts["drivers"][0]["aspect"] == model.findings.driver_ranking[0]
    assert facts["multiplicity"] == {
        "method": "holm",
        "alpha": 0.05,
        "family_size": len(facts["differences"]),
    }
    assert [r["rank"] for r in facts["recommendations"]] == list(
        range(1, len(facts["recommendations"]) + 1)
    )
    assert all(t["polarity"] in ("praise", "complaint", "neutral") for t in facts["themes"])


def test_facts_are_the_same_in_both_languages_except_titles(built: dict[str, Built]) -> None:
    ru = built["ru"].model.findings
    assert ru is not None
    facts = findings_facts(ru, "ru")
    assert facts["study"]["client"] == "ООО «Альфа»"  # type: ignore[index]
    json.dumps(facts)  # plain JSON: no NaN, no numpy types
    assert "NaN" not in json.dumps(facts)


def _facts_numbers(value: object) -> list[float]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _facts_numbers(v)]
    if isinstance(value, list):
        return [x for v in value for x in _facts_numbers(v)]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    return [float(value)]  # type: ignore[arg-type]


def _stated_numbers(text: str) -> list[float]:
    text = re.sub(r"«[^»]*»|“[^”]*”", "", text)  # quotes and names carry their own digits
    text = re.sub(r"p < 0[.,]\d+", "", text)  # a bound, not a figure
    found = re.findall(r"[−+-]?\d[\d\u00a0,.]*", text)
    out = []
    for raw in found:
        s = raw.replace("\u00a0", "").replace("−", "-").rstrip(".,")
        s = s.replace(",", ".") if re.fullmatch(r"-?\+?\d+,\d+", s) else s.replace(",", "")
        out.append(float(s))
    return out


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_number_of_the_executive_summary_is_in_the_facts(
    built: dict[str, Built], lang: str
) -> None:
    model = built[lang].model
    assert model.findings is not None
    facts = findings_facts(model.findings, lang)
    known = _facts_numbers(facts)
    summary = model.section("summary")
    texts: list[str] = []
    for block in summary.blocks[1:]:  # the lead paragraph states the period and the count
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts.extend(block.items)
    stated = [x for t in texts for x in _stated_numbers(t)]
    assert len(stated) >= 10
    for x in stated:
        assert any(abs(x - k) <= 0.5 + 1e-9 or abs(x - 100 * k) <= 0.5 + 1e-9 for k in known), (
            x,
            texts,
        )
    assert str(facts["study"]["interviews"]) in summary.blocks[0].text.replace("\u00a0", "")  # type: ignore[attr-defined,index]


@pytest.mark.parametrize("which", ["out", "facts"])
def test_a_missing_output_folder_is_a_clear_error_before_any_work(
    study: object, tmp_path: Path, which: str
) -> None:
    from reports.errors import ReportInputError

    missing = tmp_path / "no such folder" / "file"
    out = missing if which == "out" else tmp_path / "r.docx"
    facts = missing if which == "facts" else None
    with pytest.raises(ReportInputError, match=r"no such folder.*does not exist"):
        build_report(study, out, facts=facts)  # type: ignore[arg-type]
    assert not (tmp_path / "r.docx").exists()


def test_facts_themes_split_each_theme_by_polarity_as_the_theme_table_does(
    built: dict[str, Built],
) -> None:
    findings = built["ru"].model.findings
    assert findings is not None
    themes = findings_facts(findings, "ru")["themes"]
    keys = [(t["question"], t["theme"], t["polarity"]) for t in themes]
    assert len(keys) == len(set(keys))  # one entry per question, theme and polarity
    assert {t["polarity"] for t in themes} == {"praise", "complaint", "neutral"}
    for t in themes:
        assert t["mentions"] == sum(t["by_group"].values()) > 0
    table = findings.theme_table
    for polarity in ("praise", "complaint", "neutral"):
        for theme in {t["theme"] for t in themes}:
            said = sum(
                t["mentions"] for t in themes if t["theme"] == theme and t["polarity"] == polarity
            )
            assert said == int(table.loc[theme, polarity]), (theme, polarity)
