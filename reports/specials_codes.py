"""The "don't know" / "refused" codes of a script, as the report needs them."""

from __future__ import annotations

from surveys.model import Script
from surveys.specials import special_code


def special_codes(script: Script) -> set[int]:
    """Every special answer code of ``script`` (98 and 99 unless the script says otherwise).

    Answer columns should already hold NaN for special answers (see :mod:`reports.data`);
    removing the codes as well makes a raw export with 98/99 in it safe too.
    """
    return {special_code(script, key).code for key in ("dont_know", "refused")}


def special_label(script: Script, key: str, lang: str) -> str:
    """The label of a special answer in ``lang``, e.g. "Затрудняюсь ответить"."""
    label = special_code(script, key).label
    return label.get(lang) or next(iter(label.values()))


__all__ = ["special_codes", "special_label"]
