"""What the engine says to the interviewer when it rejects an answer, in each language."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "An answer is required.",
        "ru": "Нужен ответ.",
    },
    "not_an_option": {
        "en": "{value} is not one of the options.",
        "ru": "{value} — нет такого варианта ответа.",
    },
    "one_option": {
        "en": "Choose exactly one option.",
        "ru": "Выберите один вариант.",
    },
    "repeated_option": {
        "en": "An option is chosen twice.",
        "ru": "Вариант выбран дважды.",
    },
    "too_few": {
        "en": "Choose at least {count}.",
        "ru": "Выберите не меньше {count}.",
    },
    "too_many": {
        "en": "Choose at most {count}.",
        "ru": "Выберите не больше {count}.",
    },
    "exclusive": {
        "en": "\u201c{label}\u201d cannot be combined with other options.",
        "ru": "«{label}» нельзя сочетать с другими вариантами.",
    },
    "other_text": {
        "en": "Write what \u201c{label}\u201d means.",
        "ru": "Уточните ответ «{label}».",
    },
    "off_scale": {
        "en": "Enter a whole number from {min} to {max}.",
        "ru": "Введите целое число от {min} до {max}.",
    },
    "not_a_number": {
        "en": "Enter a number.",
        "ru": "Введите число.",
    },
    "not_whole": {
        "en": "Enter a whole number.",
        "ru": "Введите целое число.",
    },
    "below_min": {
        "en": "The smallest allowed value is {min}.",
        "ru": "Минимальное значение — {min}.",
    },
    "above_max": {
        "en": "The largest allowed value is {max}.",
        "ru": "Максимальное значение — {max}.",
    },
    "too_long": {
        "en": "The answer is too long (at most {count} characters).",
        "ru": "Слишком длинный ответ (не больше {count} знаков).",
    },
    "special_not_allowed": {
        "en": "\u201c{label}\u201d is not allowed for this question.",
        "ru": "Ответ «{label}» для этого вопроса не предусмотрен.",
    },
    "row_missing": {
        "en": "Rate \u201c{label}\u201d.",
        "ru": "Оцените «{label}».",
    },
    "unknown_row": {
        "en": "Unknown row {value}.",
        "ru": "Неизвестная строка {value}.",
    },
    "no_answer_expected": {
        "en": "This screen takes no answer.",
        "ru": "На этом экране ответ не нужен.",
    },
    "not_on_path": {
        "en": "This question is not asked in this interview.",
        "ru": "Этот вопрос в данном интервью не задаётся.",
    },
    "finished": {
        "en": "The interview is over.",
        "ru": "Интервью завершено.",
    },
    "bad_shape": {
        "en": "This kind of answer does not fit the question.",
        "ru": "Ответ такого вида не подходит к вопросу.",
    },
}


def message(key: str, lang: str, **params: object) -> str:
    table = MESSAGES[key]
    template = table.get(lang) or table["en"]
    return template.format(**params)
