"""Special answer codes ("don't know", "refused") kept outside every scale."""

from __future__ import annotations

from surveys.model import Script, SpecialCode, SpecialKey
from surveys.texts import BUILTIN

DEFAULT_CODES: dict[str, int] = {"dont_know": 98, "refused": 99}


def special_code(script: Script, key: SpecialKey | str) -> SpecialCode:
    """The code and label of a special answer, the script's own or the default."""
    own = getattr(script.special_codes, key)
    if own is not None:
        return own
    table = BUILTIN[key]
    label = {lang: table.get(lang, table["en"]) for lang in script.languages}
    return SpecialCode(code=DEFAULT_CODES[key], label=label)
