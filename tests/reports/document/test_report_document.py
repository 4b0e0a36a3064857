"""The client report reads back from Word: structure, content, numbers, no leaks."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from docx.document import Document as DocxDocument

from reports.model import Figure, Paragraph, Table
from reports.privacy import contains_contacts
from tests.reports.document.conftest import Built
from tests.reports.document.synthetic import DRIVER_WEIGHTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def all_text(doc: DocxDocument) -> list[str]:
    """Every paragraph and table cell, plus headers and footers."""
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells]
    for section in doc.sections:
        texts += [p.text for p in section.footer.paragraphs]
    return texts


def style_of(p: Any) -> str:
    return str(p.style.name) if p.style is not None else ""


def headings(doc: DocxDocument, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if style_of(p) == f"Heading {level}"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_has_every_chapter_as_a_heading(built: dict[str, Built], lang: str) -> None:
    doc = built[lang].doc
    h1 = headings(doc, 1)
    expected = {
        "ru": [
            "Главное",
            "Методология",
            "Индекс NPS",
            "Удовлетворённость (CSI)",
            "Что определяет лояльность",
            "Портреты сегментов",
            "Карточки: Менеджер",
            "Мнения клиентов",
            "Рекомендации",
            "Приложение А. Ответы на закрытые вопросы",
            "Приложение Б. Анкета",
            "Приложение В. Результаты дозвона",
        ],
        "en": [
            "Executive summary",
            "Methodology",
            "Net Promoter Score",
            "Satisfaction (CSI)",
            "What drives loyalty",
            "Segment profiles",
            "Scorecards: Account manager",
            "What clients say",
            "Recommendations",
            "Appendix A. Answers to closed questions",
            "Appendix B. The questionnaire",
            "Appendix C. Call outcomes",
        ],
    }[lang]
    assert h1 == expected
    segment_chapters = [h for h in headings(doc, 2) if "Ушедшие" in h or "Lost" in h]
    assert len(segment_chapters) == 1


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_toc_page_numbers_are_fields_and_pages_are_numbered(
    built: dict[str, Built], lang: str
) -> None:
    doc = built[lang].doc
    instr = [el.text for el in doc.element.body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("PAGEREF _Toc") for i in instr)
    footer = doc.sections[0].footer._element
    assert any("PAGE" in (el.text or "") for el in footer.iter(f"{W}instrText"))
    settings = doc.settings.element
    assert settings.find(f"{W}updateFields") is not None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_figures_and_tables_all_have_numbered_captions(built: dict[str, Built], lang: str) -> None:
    b = built[lang]
    figures = [x for x in b.model.blocks() if isinstance(x, Figure)]
    tables = [x for x in b.model.blocks() if isinstance(x, Table)]
    assert len(b.doc.inline_shapes) == len(figures) >= 8
    assert len(b.doc.tables) == len(tables) >= 20
    captions = [p.text for p in b.doc.paragraphs if style_of(p) == "Caption"]
    label_f, label_t = ("Рисунок", "Таблица") if lang == "ru" else ("Figure", "Table")
    assert [c for c in captions if c.startswith(label_f)] == [
        f"{label_f}\u00a0{i}. {f.caption}" for i, f in enumerate(figures, 1)
    ]
    assert sum(c.startswith(label_t) for c in captions) == len(tables)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_placeholder_or_missing_values_anywhere(built: dict[str, Built], lang: str) -> None:
    text = "\n".join(all_text(built[lang].doc))
    for bad in ("TODO", "lorem", "{", "}", "NaN", "inf"):
        assert bad.lower() not in text.lower() or (
            bad == "inf" and not re.search(r"(?<![\w])inf(?![\w])", text)
        ), bad
    assert not re.search(r"(?<![\w])nan(?![\w])", text, re.IGNORECASE)
    # "None, we work only with Alpha" is an answer option of the script, not a missing value.
    assert not re.search(r"(?<![\w])None(?![\w,])", text)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_phone_or_email_of_a_respondent_appears(built: dict[str, Built], study, lang) -> None:
    raw = pd.concat(
        [
            study.responses[c].dropna().astype(str)
            for c in ("nps_detractor_why", "nps_passive_why", "comment")
        ]
    )
    assert raw.map(contains_contacts).any(), "the synthetic data must contain contacts to scrub"
    for text in all_text(built[lang].doc):
        assert not contains_contacts(text), text
        assert "@" not in text
    assert "+7 916 555-12-34" not in "\n".join(all_text(built[lang].doc))


def test_driver_ranking_recovers_the_models_top_drivers(built: dict[str, Built]) -> None:
    truth = sorted(DRIVER_WEIGHTS, key=DRIVER_WEIGHTS.get, reverse=True)  # type: ignore[arg-type]
    for b in built.values():
        assert b.model.findings is not None
        ranking = b.model.findings.driver_ranking
        assert ranking[:2] == truth[:2]
        assert set(ranking[:3]) == set(truth[:3])


def test_the_built_in_segment_difference_is_reported_as_significant(
    built: dict[str, Built],
) -> None:
    findings = built["ru"].model.findings
    assert findings is not None
    lost_regular = next(
        d
        for d in findings.comparisons.of_kind("segment_pair")
        if (d.group, d.versus) == ("regular", "lost")
    )
    assert lost_regular.significant and lost_regular.difference > 15
    summary = "\n".join(p.text for p in built["ru"].doc.paragraphs)
    assert re.search(
        r"NPS в сегменте «Ушедшие клиенты» на \d+ пункт\w* ниже, чем в сегменте "
        r"«Постоянные клиенты» \(p [=<] 0,\d+\)",
        summary,
    )
    en = "\n".join(p.text for p in built["en"].doc.paragraphs)
    assert re.search(
        r"NPS in the “Lost clients” segment is \d+ points lower than in the "
        r"“Regular clients” segment \(p [=<] 0\.\d+\)",
        en,
    )


def test_non_significant_gaps_are_not_called_differences(built: dict[str, Built]) -> None:
    findings = built["ru"].model.findings
    assert findings is not None
    not_sig = [d for d in findings.comparisons.of_kind("segment_pair") if not d.significant]
    text = "\n".join(p.text for p in built["ru"].doc.paragraphs)
    label = {"regular": "Постоянные клиенты", "new": "Новые клиенты", "lost": "Ушедшие клиенты"}
    for d in not_sig:
        for a, b in ((d.group, d.versus), (d.versus, d.group)):
            sentence = f"NPS в сегменте «{label.get(a, a)}» на"
            assert not (sentence in text and f"чем в сегменте «{label.get(b, b)}»" in text)


def test_russian_report_uses_decimal_comma_and_english_a_point(built: dict[str, Built]) -> None:
    ru = "\n".join(all_text(built["ru"].doc))
    en = "\n".join(all_text(built["en"].doc))
    assert re.search(r"\d,\d", ru) and re.search(r"\d+\u00a0%", ru)
    assert not re.search(r"p = 0\.\d", ru)
    assert re.search(r"p [=<] 0\.\d", en)
    assert not re.search(r"\d+\u00a0%", en)


def test_small_segment_says_n_too_small_instead_of_numbers(built: dict[str, Built]) -> None:
    ru = built["ru"].model.section("segment.key")
    first = ru.blocks[0]
    assert isinstance(first, Paragraph) and "мало" in first.text and "18" in first.text
    assert not any(isinstance(b, Figure) for b in ru.blocks)
    en = built["en"].model.section("segment.key").blocks[0]
    assert isinstance(en, Paragraph) and "n too small" in en.text
    nps_table = next(
        t
        for t in built["en"].doc.tables
        if t.rows[0].cells[0].text == "Segment" and "NPS" in [c.text for c in t.rows[0].cells]
    )
    key_row = next(r for r in nps_table.rows if r.cells[0].text == "Key accounts")
    assert "n too small" in [c.text for c in key_row.cells]


def test_weighted_report_states_bases_and_design_effect(built: dict[str, Built]) -> None:
    text = "\n".join(p.text for p in built["en"].doc.paragraphs)
    assert "design effect" in text and "weighted base 2,040 clients" in text
    ru = "\n".join(p.text for p in built["ru"].doc.paragraphs)
    assert "не взвешивались" in ru


def test_recommendations_are_a_checklist_led_by_the_aspect_of_largest_gain(
    built: dict[str, Built],
) -> None:
    b = built["en"]
    checklist = [p.text for p in b.doc.paragraphs if style_of(p) == "Checklist"]
    assert b.model.findings is not None
    recs = b.model.findings.recommendations
    assert len(checklist) >= len(recs) >= 3
    assert [r.rank for r in recs] == list(range(1, len(recs) + 1))
    improve = [r for r in recs if r.kind == "improve"]
    gains = [r.expected_gain for r in improve]
    assert recs[0].kind == "improve" and gains == sorted(gains, reverse=True)  # type: ignore[type-var]
    assert all(c.startswith("\u2610") for c in checklist)


def test_every_closed_question_has_an_appendix_table(built: dict[str, Built], study) -> None:
    from surveys.model import InfoScreen, OpenQuestion

    cols = study.responses.columns
    closed = [
        q
        for q in study.script.questions
        if not isinstance(q, OpenQuestion | InfoScreen)
        and (q.id in cols or any(c.startswith(q.id + ".") for c in cols))
    ]
    assert len(closed) == 12  # contact_channel was never asked in the synthetic data
    section = built["ru"].model.section("appendix.tables")
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert len(tables) == len(closed)
