"""Piping: ``{contact.company}`` and earlier answers inside the texts read aloud.

A placeholder is a name in braces: ``{contact.name}``, ``{nps}``, ``{role}`` (the chosen
option's label), ``{reasons}`` (the chosen labels, joined), ``{csi.delivery}`` (a grid row).
Write ``{{`` and ``}}`` for literal braces. Placeholders are checked when the script loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from surveys.errors import ExpressionError
from surveys.expressions import Name
from surveys.expressions.syntax import parse


@dataclass(frozen=True)
class Placeholder:
    name: Name
    start: int  # offset of "{" in the template
    end: int  # offset after "}"


def placeholders(template: str) -> list[Placeholder]:
    """Find the placeholders of ``template``; raise :class:`ExpressionError` on bad braces."""
    found: list[Placeholder] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch == "{":
            if template.startswith("{{", i):
                i += 2
                continue
            close = template.find("}", i + 1)
            if close < 0:
                raise ExpressionError("'{' is not closed with '}' (write '{{' for a brace)", i)
            inner = template[i + 1 : close]
            try:
                node = parse(inner)
            except ExpressionError as error:
                raise ExpressionError(
                    f"in {{{_shown(inner)}}}: {error.message}", i + 1 + error.offset
                ) from None
            if not isinstance(node, Name):
                raise ExpressionError(
                    f"{{{_shown(inner)}}} must be a name, like {{contact.company}} or {{nps}}", i
                )
            found.append(Placeholder(Name(node.parts, i + 1 + node.offset), i, close + 1))
            i = close + 1
            continue
        if ch == "}":
            if template.startswith("}}", i):
                i += 2
                continue
            raise ExpressionError("'}' without '{' (write '}}' for a brace)", i)
        i += 1
    return found


def _shown(inner: str) -> str:
    """A placeholder's text as a message quotes it: a runaway one only by its start."""
    return inner if len(inner) <= 40 else f"{inner[:30]}..."


def render(template: str, value_text: Callable[[Name], str]) -> str:
    """Fill the placeholders of ``template`` with ``value_text(name)``."""
    parts: list[str] = []
    last = 0
    for placeholder in placeholders(template):
        parts.append(_unescape(template[last : placeholder.start]))
        parts.append(value_text(placeholder.name))
        last = placeholder.end
    parts.append(_unescape(template[last:]))
    return "".join(parts)


def _unescape(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}")
