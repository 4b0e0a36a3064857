"""Verbatims and themes with polarity in Russian and English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reports.errors import ReportInputError, ThemeDictionaryError
from reports.themes import (
    NO_THEME,
    code_mentions,
    code_text,
    code_themes,
    default_themes,
    load_themes,
    tag_themes,
    theme_counts,
    theme_crosstab,
    verbatims,
)

VERBATIMS = [
    "Доставка опять задержалась на неделю, менеджер не перезванивает.",
    "Цены выросли, а качество упало.",
    "Всё устраивает, спасибо!",
    "Счёт-фактуру и акты присылают с ошибками.",
    "Delivery was late and the invoice was wrong.",
    "Great account manager, very responsive.",
    "Ваш персональный менеджер Ёлкин — молодец.",
    "",
]


def coded(text: str, **kwargs: object) -> dict[str, str]:
    return {m.theme: m.polarity for m in code_text(text, default_themes(), **kwargs)}  # type: ignore[arg-type]


def test_default_dictionary_has_the_b2b_themes() -> None:
    assert default_themes().names == [
        "price",
        "delivery",
        "quality",
        "account manager",
        "documents",
        "support",
        "communication",
        "speed",
        "range",
    ]


def test_praise_is_not_counted_as_a_complaint() -> None:
    # the examples of issue 14: praise was quoted as evidence of problems
    assert coded("Цены адекватные, есть скидки.") == {"price": "praise"}
    assert coded("Менеджер Ольга быстро решает вопросы.") == {
        "account manager": "praise",
        "speed": "praise",
    }


def test_clauses_are_judged_separately() -> None:
    assert coded("Цены высокие, но менеджер отличный") == {
        "price": "complaint",
        "account manager": "praise",
    }
    assert coded("Prices are high, but the account manager is excellent.") == {
        "price": "complaint",
        "account manager": "praise",
    }


@pytest.mark.parametrize(
    ("text", "theme", "polarity"),
    [
        ("Доставка не всегда вовремя.", "delivery", "complaint"),
        ("Доставляют вовремя.", "delivery", "praise"),
        ("Без задержек привозят.", "speed", "praise"),
        ("Претензий к качеству нет.", "quality", "praise"),
        ("Проблем с документами не было.", "documents", "praise"),
        ("Менеджер не перезванивает.", "account manager", "complaint"),
        ("Нет сертификатов на товар.", "documents", "complaint"),
        ("Цены не высокие.", "price", "praise"),
        ("Deliveries are not always on time.", "delivery", "complaint"),
        ("Hardly any defects, quality is fine.", "quality", "praise"),
    ],
)
def test_negation_turns_the_judgement(text: str, theme: str, polarity: str) -> None:
    assert coded(text)[theme] == polarity


def test_words_are_matched_by_lemma() -> None:
    for text in ("Цена высокая", "Ценам не доверяем, завышены", "С ценами беда, дорого"):
        assert "price" in coded(text)
    assert coded("Дешевле, чем раньше")["price"] == "praise"


def test_a_reflexive_entry_does_not_find_a_different_plain_verb() -> None:
    # "приходиться" (to have to) is a complaint; "приходят" (arrive) is not (demo report:
    # promoters praising documents were counted as complaining about them).
    praise = coded("Документы всегда в порядке, закрывающие приходят вовремя.")
    assert praise.get("documents") != "complaint"
    assert coded("Приходится по три раза звонить менеджеру")["account manager"] == "complaint"
    # the plain verb is listed where it means the same as the reflexive one
    assert coded("Постоянно срывают сроки поставки")["delivery"] == "complaint"
    assert coded("Сменили менеджера, новый не в курсе")["account manager"] == "complaint"


def test_theme_specific_judgements() -> None:
    # "высокий" is bad for prices and good for quality
    assert coded("Высокое качество") == {"quality": "praise"}
    assert coded("Высокие цены") == {"price": "complaint"}


def test_a_wish_is_a_complaint() -> None:
    assert coded("Хотелось бы больше скидок.") == {"price": "complaint"}
    assert coded("Расширить ассортимент.") == {"range": "complaint"}


def test_praise_of_a_competitor_is_a_complaint() -> None:
    assert coded("У конкурентов цены ниже")["price"] == "complaint"


def test_the_rating_decides_a_neutral_mention() -> None:
    text = "По доставке: работаем с вашим складом в Подольске."
    assert coded(text)["delivery"] == "neutral"
    assert coded(text, ratings={"delivery": 0.1})["delivery"] == "complaint"
    assert coded(text, ratings={"delivery": 0.9})["delivery"] == "praise"
    assert coded(text, ratings={"delivery": 0.5})["delivery"] == "neutral"
    # the rating never overrides what the text says
    assert coded("Доставка отличная", ratings={"delivery": 0.0})["delivery"] == "praise"
    m = code_text(text, default_themes(), ratings={"delivery": 0.0})[0]
    assert m.decided_by == "rating"


def test_mentions_explain_themselves() -> None:
    (m,) = [
        x
        for x in code_text("Доставка не всегда вовремя", default_themes())
        if x.theme == "delivery"
    ]
    assert m.theme_words == ("Доставка",)
    assert m.evidence == ("не … вовремя: complaint",)
    assert m.decided_by == "text"


def test_code_mentions_keeps_the_labels_of_a_series() -> None:
    s = pd.Series(["Цены высокие", None, "Доставка быстрая"], index=[10, 11, 12])
    ms = code_mentions(s.dropna())
    assert {(m.index, m.theme) for m in ms} == {(10, "price"), (12, "delivery"), (12, "speed")}
    table = code_themes(s)
    assert table.columns.tolist() == [
        "answer", "theme", "polarity", "theme_words", "evidence", "decided_by", "text",
    ]  # fmt: skip
    with pytest.raises(ReportInputError, match="one per answer"):
        code_themes(s, ratings=[None])


def test_yo_is_treated_as_ye() -> None:
    d = load_themes({"price": {"ru": ["дешевый"]}, "mood": {"ru": ["ёлка"]}})
    assert d.match("Дешёвый товар") == ["price"]
    assert d.match("Елки привезли") == ["mood"]


def test_version_1_dictionaries_still_load_as_word_beginnings() -> None:
    d = load_themes("schema_version: 1\nthemes:\n  documents:\n    ru: [документ, акт$]\n")
    assert d.match("Документооборот наладили") == ["documents"]
    assert d.match("Акт подписали") == ["documents"]
    assert d.match("Актуальные новости") == []


def test_counts_are_split_by_polarity_with_matching_examples() -> None:
    texts = [*VERBATIMS, "Доставка всегда вовремя, спасибо", "Цены адекватные, есть скидки"]
    t = theme_counts(texts, examples=2)
    assert t.attrs["n_verbatims"] == 9  # the empty answer is not a verbatim
    assert t.loc["delivery", "count"] == 3
    assert t.loc["delivery", ["praise", "complaint", "neutral"]].tolist() == [1, 2, 0]
    assert t.loc["delivery", "share"] == pytest.approx(3 / 9)
    assert t.loc["price", "examples_complaint"] == ["Цены выросли, а качество упало."]
    assert t.loc["price", "examples_praise"] == ["Цены адекватные, есть скидки"]
    assert t.loc["price", "examples"][0] == "Цены выросли, а качество упало."  # complaints first
    assert t.loc[NO_THEME, "count"] == 1
    assert t.loc[NO_THEME, "examples"] == ["Всё устраивает, спасибо!"]
    assert (t[["praise", "complaint", "neutral"]].sum(axis=1) <= t["count"]).all()


def test_tag_and_crosstab_by_nps_group() -> None:
    tags = tag_themes(VERBATIMS[:3])
    assert tags.loc[1, "price"] and not tags.loc[2].any()
    groups = ["detractor", "detractor", "promoter"]
    x = theme_crosstab(VERBATIMS[:3], groups)
    assert x.loc["price", "detractor"] == 1 and x.loc["price", "promoter"] == 0
    praise = theme_crosstab(VERBATIMS[:3], groups, polarity="praise")
    assert praise.loc["price"].sum() == 0


def test_yaml_dictionary_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(
        "schema_version: 2\nthemes:\n  цена:\n    ru:\n      words: [цена]\n", encoding="utf-8"
    )
    assert load_themes(path).match("Цены высокие") == ["цена"]
    assert load_themes("цена:\n  ru: [цена]\n").names == ["цена"]


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ("- a list", ":1:1:"),
        ("price: [цена]", ":1:8:"),
        ("price:\n  ru: цена\n", ":2:7:"),
        ("schema_version: 9\nthemes: {}\n", ":1:17:"),
        ("schema_version: 2\nthemes:\n  price:\n    ru:\n      word: [цена]\n", ":5:7:"),
        ("schema_version: 2\nthemes:\n  price:\n    ru:\n      words: [цена, [x]]\n", ":5:21:"),
        ("schema_version: 2\nthemes:\n  price:\n    ru: {words: [цена}\n", ":4:"),
        ("a: &x [1]\nb: *x\n", ":1:4:"),
        ("schema_version: 2\nthemes: {}\npolarity:\n  ru:\n    praize: [хороший]\n", ":5:5:"),
    ],
)
def test_malformed_dictionaries_raise_located_errors(bad: str, where: str) -> None:
    with pytest.raises(ThemeDictionaryError) as info:
        load_themes(bad)
    assert where in str(info.value)
    assert "Traceback" not in str(info.value)


def test_the_lemmatiser_is_loaded_only_when_coding() -> None:
    code = (
        "import sys, reports, reports.themes, reports.analysis; "
        "assert 'pymorphy3' not in sys.modules; "
        "reports.themes.code_text('Цены', reports.themes.default_themes()); "
        "assert 'pymorphy3' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_verbatims_grouped_by_question_nps_group_and_segment() -> None:
    df = pd.DataFrame(
        {
            "nps": [10, 3, 7, np.nan],
            "segment": ["regular", "lost", "new", "lost"],
            "why": ["Отличный сервис", "Дорого", "", "Нет ответа"],
            "improve": ["Быстрее отгружать", None, "Скидки", "  "],
        }
    )
    v = verbatims(df, ["why", "improve"], nps_column="nps", segment="segment")
    assert v.columns.tolist() == ["respondent", "question", "nps_group", "segment", "text"]
    why = v[v["question"] == "why"]
    assert why["nps_group"].tolist()[:2] == ["detractor", "promoter"]
    assert why["text"].tolist() == ["Дорого", "Отличный сервис", "Нет ответа"]
    assert v[v["question"] == "improve"]["text"].tolist() == ["Скидки", "Быстрее отгружать"]
