"""Texts in several languages.

In a script every text may be written once (a brand name, a number) or per language::

    text: "{contact.company}"
    text:
      ru: Насколько вероятно, что вы порекомендуете нас?
      en: How likely are you to recommend us?

Once loaded, every text is a mapping with exactly the script's languages; a missing
translation is a load error, so an interviewer never meets a blank screen mid-call.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo

LocalizedText = dict[str, str]

# Words the engine itself supplies, in the languages cati ships.
BUILTIN: dict[str, dict[str, str]] = {
    "yes": {"ru": "Да", "en": "Yes"},
    "no": {"ru": "Нет", "en": "No"},
    "dont_know": {"ru": "Затрудняюсь ответить", "en": "Don't know"},
    "refused": {"ru": "Отказ от ответа", "en": "Refused"},
    "nps_low": {"ru": "Точно не порекомендую", "en": "Not at all likely"},
    "nps_high": {"ru": "Обязательно порекомендую", "en": "Extremely likely"},
    "other_specify": {"ru": "Другое (укажите)", "en": "Other (specify)"},
}


def builtin(key: str, languages: list[str]) -> LocalizedText | None:
    """The engine's own wording for ``key`` in ``languages``, or None if one is missing."""
    table = BUILTIN[key]
    if not all(lang in table for lang in languages):
        return None
    return {lang: table[lang] for lang in languages}


def _languages(info: ValidationInfo) -> list[str]:
    context = info.context or {}
    return list(context.get("languages", []))


def _to_text(value: Any, info: ValidationInfo) -> LocalizedText:
    languages = _languages(info)
    if isinstance(value, bool) or value is None:
        raise ValueError("must be text (or a mapping of language: text)")
    if isinstance(value, str | int | float):
        text = str(value)
        if not text.strip():
            raise ValueError("must not be empty")
        return {lang: text for lang in languages} if languages else {"": text}
    if isinstance(value, dict):
        unknown = [str(k) for k in value if k not in languages]
        if unknown and languages:
            hint = ""
            if len(unknown[0]) > 3 or " " in unknown[0]:
                hint = "; a comma inside { } ends a text: put the text in quotes"
            raise ValueError(
                f"'{unknown[0]}' is not one of the script's languages ({', '.join(languages)})"
                + hint
            )
        missing = [lang for lang in languages if lang not in value]
        if missing:
            raise ValueError(
                f"missing the '{missing[0]}' text (the script's languages are "
                f"{', '.join(languages)})"
            )
        result: LocalizedText = {}
        for lang, text in value.items():
            if isinstance(text, bool) or not isinstance(text, str | int | float):
                raise ValueError(f"the '{lang}' text must be text")
            if not str(text).strip():
                raise ValueError(f"the '{lang}' text is empty")
            result[str(lang)] = str(text)
        return result
    raise ValueError("must be text (or a mapping of language: text)")


Text = Annotated[LocalizedText, BeforeValidator(_to_text)]
