"""Both languages have every sentence, with the same placeholders."""

from __future__ import annotations

import string

from reports import texts


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


#: Russian needs the noun form agreeing with a number ("398 клиентов"); English does not.
WORD_FORMS = {
    "clients",
    "interviews",
    "points",
    "answers",
    "respondents",
    "segments",
    "contacts",
    "questions",
    "aspects",
    "comparisons",
}


def test_russian_and_english_sentences_take_the_same_values() -> None:
    for table in (texts._T, texts._S):
        for key, (ru, en) in table.items():
            assert ru.strip() and en.strip(), key
            assert _fields(en) <= _fields(ru), key
            assert _fields(ru) - _fields(en) <= WORD_FORMS, key
