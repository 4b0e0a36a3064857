"""Open-answer themes in the client report: counts split by polarity, complaints quoted as
complaints (issue 14: praise of prices was quoted as evidence of a price problem)."""

from __future__ import annotations

import re

import pytest

from reports.chapters._context import ChapterContext
from reports.chapters.recommendations import recommendation_text
from reports.data import ReportData
from reports.findings.model import Recommendation
from reports.model import Report
from reports.texts import Texts
from reports.themes import code_text, default_themes
from tests.reports.document.conftest import Built

QUOTE = {"ru": re.compile(r"например: «([^»]+)»"), "en": re.compile(r"e\.g\. “([^”]+)”")}


def _full_text(quote: str, study: ReportData) -> str:
    start = quote.rstrip("…").strip()
    for column in study.responses.columns:
        for value in study.responses[column].dropna():
            if isinstance(value, str) and value.startswith(start):
                return value
    raise AssertionError(f"quote not found among the answers: {quote}")


def _recommendation_texts(model: Report, lang: str) -> list[tuple[Recommendation, str]]:
    assert model.findings is not None
    ctx = ChapterContext(model.findings, Texts(lang))
    return [(r, recommendation_text(ctx, r)) for r in model.findings.recommendations]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_recommendations_quote_complaints_only(
    built: dict[str, Built], study: ReportData, lang: str
) -> None:
    quoted = 0
    for rec, text in _recommendation_texts(built[lang].model, lang):
        if rec.kind not in ("improve", "theme"):
            continue
        for quote in QUOTE[lang].findall(text):
            full = _full_text(quote, study)
            mentions = {m.theme: m.polarity for m in code_text(full, default_themes())}
            if rec.kind == "theme":
                assert mentions.get(rec.subject) == "complaint", (text, mentions)
            else:
                assert "complaint" in mentions.values(), (text, mentions)
            quoted += 1
    assert quoted, "no recommendation quotes a client"


def test_theme_table_splits_mentions_by_polarity(built: dict[str, Built]) -> None:
    doc = built["en"].doc
    tables = [t for t in doc.tables if t.rows and t.rows[0].cells[0].text == "Theme"]
    assert tables, "no theme table"
    header = [c.text for c in tables[0].rows[0].cells]
    assert header[-3:] == ["Complaints", "Praise", "Neutral"]
    for row in tables[0].rows[1:]:
        cells = [c.text for c in row.cells]
        mentions, complaints, praise, neutral = (
            int(cells[1]), int(cells[-3]), int(cells[-2]), int(cells[-1])
        )  # fmt: skip
        assert complaints + praise + neutral == mentions


def test_praise_is_never_quoted_as_evidence_of_a_problem(
    study: ReportData, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dataclasses import replace

    from reports import build_report
    from reports.data import question_roles

    praise = "Цены адекватные, есть скидки, менеджер быстро решает вопросы."
    responses = study.responses.copy()
    for column in question_roles(study.script).open_answers:
        if column not in responses.columns:
            continue
        answered = responses[column].notna()
        responses.loc[answered, column] = praise
    path = tmp_path_factory.mktemp("praise") / "report.docx"
    model = build_report(replace(study, responses=responses), path, lang="ru")
    assert model.findings is not None
    for rec, text in _recommendation_texts(model, "ru"):
        assert rec.evidence.quote is None, text
        assert not rec.evidence.mentions, text
        assert not rec.evidence.themes, text
        assert "Цены адекватные" not in text, text
    assert not [r for r in model.findings.recommendations if r.kind == "theme"]


def test_where_the_words_do_not_judge_the_clients_rating_does(
    study: ReportData, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dataclasses import replace

    from docx import Document

    from reports import build_report
    from reports.data import question_roles

    neutral = "Про доставку скажу так: работаем через ваш склад в Подольске."
    responses = study.responses.copy()
    expected = {"complaint": 0, "praise": 0, "neutral": 0}
    for column in question_roles(study.script).open_answers:
        if column not in responses.columns:
            continue
        answered = responses[column].notna()
        responses.loc[answered, column] = neutral
        for rating in responses.loc[answered, "csi.delivery"]:  # 1..5: 0..1 as (r - 1) / 4
            share = (rating - 1) / 4
            kind = "praise" if share >= 0.7 else "complaint" if share <= 0.3 else "neutral"
            expected[kind] += 1
    assert expected["praise"] and expected["complaint"] and expected["neutral"]
    path = tmp_path_factory.mktemp("rating") / "report.docx"
    build_report(replace(study, responses=responses), path, lang="en")
    doc = Document(str(path))
    [table] = [t for t in doc.tables if t.rows and t.rows[0].cells[0].text == "Theme"]
    [row] = [[c.text for c in r.cells] for r in table.rows if r.cells[0].text == "delivery"]
    assert [int(x) for x in row[-3:]] == [
        expected["complaint"],
        expected["praise"],
        expected["neutral"],
    ]
