"""Open answers: verbatims, and themes with praise / complaint / neutral polarity.

``code_mentions`` / ``code_themes`` code answers into one mention per (answer, theme) with
its polarity and the words that explain it; ``theme_counts`` counts mentions per theme
split by polarity; ``load_themes`` reads a dictionary a research lead can edit (lemmas in
YAML, :mod:`reports.themes.dictionary`); the coding rules are in
:mod:`reports.themes.coding`. Russian words are lemmatised with pymorphy3, loaded on first
use only.
"""

from __future__ import annotations

from reports.themes.coding import POLARITIES, Mention, Polarity, code_mentions, code_text
from reports.themes.dictionary import (
    DEFAULT_THEMES_PATH,
    SCHEMA_VERSION,
    ThemeDictionary,
    default_themes,
    load_themes,
    parse_dictionary,
)
from reports.themes.tables import (
    MENTION_COLUMNS,
    NO_THEME,
    code_themes,
    normalize_text,
    tag_themes,
    theme_counts,
    theme_crosstab,
    verbatims,
)

__all__ = [
    "DEFAULT_THEMES_PATH",
    "MENTION_COLUMNS",
    "NO_THEME",
    "POLARITIES",
    "SCHEMA_VERSION",
    "Mention",
    "Polarity",
    "ThemeDictionary",
    "code_mentions",
    "code_text",
    "code_themes",
    "default_themes",
    "load_themes",
    "normalize_text",
    "parse_dictionary",
    "tag_themes",
    "theme_counts",
    "theme_crosstab",
    "verbatims",
]
