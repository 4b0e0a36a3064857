"""Numbers, dates and plurals as a Russian or English reader expects them.

Russian: decimal comma, a no-break space between thousands (10 000), a space before the
per-cent sign (45 %), the true minus sign (−12), dates "12 марта 2025 г.".
English: decimal point, thousands comma (10,000), "45%", "12 March 2025".
NaN (and None) print as an em dash, never as "nan".
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "\u2014"

_MONTHS_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


class NumberFormat:
    """Formatting for one language (``"ru"`` or ``"en"``)."""

    def __init__(self, lang: str) -> None:
        self.lang = "ru" if lang == "ru" else "en"

    # ---- plain numbers --------------------------------------------------------------------
    def num(self, x: Any, decimals: int = 0) -> str:
        """``1234.5`` -> ``"1 234,5"`` (ru) / ``"1,234.5"`` (en); NaN -> em dash."""
        if _missing(x):
            return DASH
        v = float(x)
        if round(v, decimals) == 0:
            v = 0.0  # no "-0"
        text = f"{abs(v):,.{decimals}f}"
        if self.lang == "ru":
            whole, _, frac = text.partition(".")
            digits = whole.replace(",", "")
            whole = digits if len(digits) <= 4 else whole.replace(",", NBSP)
            text = whole + ("," + frac if frac else "")
        sign = MINUS if v < 0 else ""
        return sign + text

    def signed(self, x: Any, decimals: int = 0) -> str:
        """NPS-style points with an explicit sign: ``+12``, ``−5``, ``0``."""
        if _missing(x):
            return DASH
        text = self.num(x, decimals)
        if round(float(x), decimals) > 0:
            return "+" + text
        return text

    def pct(self, share: Any, decimals: int = 0) -> str:
        """A share 0..1 as per cent: ``0.453`` -> ``"45 %"`` / ``"45%"``."""
        if _missing(share):
            return DASH
        text = self.num(100.0 * float(share), decimals)
        return text + (NBSP + "%" if self.lang == "ru" else "%")

    def p_value(self, p: Any) -> str:
        """``p = 0,004`` / ``p < 0,001``: three decimals, never "p = 0,000"."""
        if _missing(p):
            return DASH
        v = float(p)
        if v < 0.001:
            return "p < " + self.num(0.001, 3)
        return "p = " + self.num(v, 3 if v < 0.1 else 2)

    def range(self, low: Any, high: Any, decimals: int = 0, signed: bool = False) -> str:
        """An interval: ``от +12 до +25`` / ``+12 to +25``."""
        f = self.signed if signed else self.num
        if self.lang == "ru":
            return f"от {f(low, decimals)} до {f(high, decimals)}"
        return f"{f(low, decimals)} to {f(high, decimals)}"

    def date(self, d: dt.date) -> str:
        if self.lang == "ru":
            return f"{d.day} {_MONTHS_RU[d.month - 1]} {d.year}{NBSP}г."
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"

    def period(self, start: dt.date, end: dt.date) -> str:
        if self.lang == "ru":
            return f"с {self.date(start)} по {self.date(end)}"
        return f"{self.date(start)} to {self.date(end)}"

    def cell(self, value: Any, fmt: str) -> str:
        """Format a table cell; strings pass through untouched."""
        if isinstance(value, str):
            return value
        if _missing(value):
            return DASH
        if fmt == "text":
            return str(value)
        if fmt == "int":
            return self.num(value, 0)
        if fmt.startswith("num"):
            return self.num(value, int(fmt[3:]))
        if fmt.startswith("pct"):
            return self.pct(value, int(fmt[3:]))
        if fmt.startswith("signed"):
            return self.signed(value, int(fmt[6:]))
        if fmt == "p":
            return self.p_value(value).replace("p = ", "").replace("p ", "")
        raise ValueError(f"unknown cell format {fmt!r}")


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """Russian noun form for ``n``: 1 клиент, 2 клиента, 5 клиентов, 21 клиент."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


__all__ = ["DASH", "MINUS", "NBSP", "NumberFormat", "plural_ru"]
