"""Bounded input: no dictionary text and no answer makes the theme code raise anything but
a located ThemeDictionaryError, or hang."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.errors import ThemeDictionaryError
from reports.themes import code_text, default_themes, load_themes
from reports.themes.dictionary import DEFAULT_THEMES_PATH

DEFAULT = DEFAULT_THEMES_PATH.read_text(encoding="utf-8")


def _loads_or_located_error(text: str) -> None:
    try:
        load_themes(text)
    except ThemeDictionaryError as error:
        assert "Traceback" not in str(error)
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message


@st.composite
def _mutations(draw: st.DrawFn) -> str:
    """The shipped dictionary with a slice cut out or replaced by YAML punctuation."""
    lines = DEFAULT.splitlines(keepends=True)[:60]
    start = draw(st.integers(0, len(lines) - 1))
    stop = draw(st.integers(start, min(len(lines), start + 3)))
    junk = draw(st.sampled_from(["", "[", "]", "{", ": :", "- ", "&a ", "*a", "\t", "'", "!!"]))
    return "".join(lines[:start]) + junk + "".join(lines[stop:])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_random_text_raises_only_a_located_error(text: str) -> None:
    if "\n" not in text and text.endswith((".yaml", ".yml")):
        text += "\n"  # a one-line name ending in .yaml is read as a file name
    _loads_or_located_error(text)


@settings(max_examples=100, deadline=None)
@given(_mutations())
def test_mutated_dictionaries_raise_only_a_located_error(text: str) -> None:
    _loads_or_located_error(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_answer_is_coded_without_error(text: str) -> None:
    for mention in code_text(text, default_themes()):
        assert mention.polarity in ("praise", "complaint", "neutral")


def test_an_alias_bomb_is_refused_at_once() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    with pytest.raises(ThemeDictionaryError, match=":1:4: anchors and aliases"):
        load_themes(bomb)


def test_an_oversized_dictionary_is_refused() -> None:
    with pytest.raises(ThemeDictionaryError, match="larger than"):
        load_themes("themes:\n" + "#" * 1_100_000 + "\n")
