"""Verbatims and keyword themes in Russian and English."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reports.errors import ThemeDictionaryError
from reports.themes import (
    NO_THEME,
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
    ]


def test_russian_sentences_match_by_stem_case_insensitively() -> None:
    d = default_themes()
    assert d.match(VERBATIMS[0]) == ["delivery", "account manager", "communication", "speed"]
    assert d.match(VERBATIMS[1]) == ["price", "quality"]
    assert d.match(VERBATIMS[3]) == ["documents"]
    assert d.match(VERBATIMS[4]) == ["delivery", "documents", "speed"]


def test_yo_is_treated_as_ye() -> None:
    d = load_themes({"price": {"ru": ["дешев"]}, "mood": {"ru": ["ёлк"]}})
    assert d.match("Дешёвый товар") == ["price"]
    assert d.match("Елкин помог") == ["mood"]


def test_whole_word_entries_do_not_match_longer_words() -> None:
    d = default_themes()
    assert "documents" not in d.match("Актуальные новости и активная позиция")
    assert d.explain("Акт подписали")["documents"] == ["акт"]


def test_counts_share_and_examples() -> None:
    t = theme_counts(VERBATIMS, examples=2)
    assert t.attrs["n_verbatims"] == 7  # the empty answer is not a verbatim
    assert t.loc["delivery", "count"] == 2
    assert t.loc["delivery", "share"] == pytest.approx(2 / 7)
    assert t.loc[NO_THEME, "count"] == 1
    assert t.loc[NO_THEME, "examples"] == ["Всё устраивает, спасибо!"]
    assert len(t.loc["account manager", "examples"]) == 2


def test_tag_and_crosstab_by_nps_group() -> None:
    tags = tag_themes(VERBATIMS[:3])
    assert tags.loc[1, "price"] and not tags.loc[2].any()
    groups = ["detractor", "detractor", "promoter"]
    x = theme_crosstab(VERBATIMS[:3], groups)
    assert x.loc["price", "detractor"] == 1 and x.loc["price", "promoter"] == 0


def test_yaml_dictionary_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("schema_version: 1\nthemes:\n  цена:\n    ru: [цен]\n", encoding="utf-8")
    assert load_themes(path).match("Цена высокая") == ["цена"]
    assert load_themes("цена:\n  ru: [цен]\n").names == ["цена"]


@pytest.mark.parametrize(
    "bad",
    ["- a list", "price: [цен]", "price:\n  ru: цен\n", "schema_version: 9\nthemes: {}\n"],
)
def test_malformed_dictionaries_raise(bad: str) -> None:
    with pytest.raises(ThemeDictionaryError):
        load_themes(bad)


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
