"""The segments file a research lead writes, checked as a whole with every problem located.

::

    # segments.yaml: evaluated top to bottom, the first matching rule wins
    - name: new
      rule: days_since(first_order) <= 365
      target: 40
    - name: lost
      rule: days_since(last_order) > 365
      target: 40
      population: 1250        # the client's true number of such customers (for weighting)
      label: {ru: Ушедшие клиенты, en: Lost clients}   # how the report calls it
    - name: regular
      rule: orders_per_year >= 12
      target: 60
    - name: other             # optional: takes every contact no rule matched
      target: 0

``name`` and ``rule`` are required (except for ``other``, which has no rule); ``target`` is
the number of completed interviews wanted (default 0); ``population`` defaults to the
number of contacts in the segment; ``label`` (a text, or one per language under ``ru`` and
``en``) is how the report calls the segment, the name if absent. The list may also stand
under a ``segments:`` key. If ``other`` is not listed it is added with target 0. All
problems are reported together as ``file:line:column: message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from cati.db.segments import SegmentSpec
from cati.errors import CatiError
from cati.segments.rules import ContactFieldTypes, compile_rule
from surveys.errors import ExpressionError, ScriptError, ScriptProblem
from surveys.yamlsource import SourceMap, load_yaml

__all__ = [
    "OTHER",
    "SegmentDefinitionError",
    "parse_segment_definitions",
    "read_segment_file",
    "specs_from_data",
]

#: The catch-all segment: contacts no rule matched.
OTHER = "other"
_KEYS = ("name", "rule", "target", "population", "label")
_LANGUAGES = ("ru", "en")
_MAX_NAME = 100


class SegmentDefinitionError(CatiError):
    """A segments file has problems; ``problems`` lists each with its line and column."""

    def __init__(self, problems: list[ScriptProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def read_segment_file(path: str | Path) -> tuple[str, str]:
    """The text of a segments file and its name for messages."""
    file = str(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig"), file
    except UnicodeDecodeError:
        raise SegmentDefinitionError(
            [ScriptProblem(file, 1, 1, "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    except OSError as error:
        raise SegmentDefinitionError(
            [ScriptProblem(file, 0, 0, f"cannot read the file: {error.strerror or error}")]
        ) from None


def parse_segment_definitions(text: str, file: str, types: ContactFieldTypes) -> list[SegmentSpec]:
    """The segments in evaluation order, ``other`` last; raises :class:`SegmentDefinitionError`."""
    try:
        data, source = load_yaml(text, file)
    except ScriptError as error:
        raise SegmentDefinitionError(error.problems) from None
    path: tuple[str | int, ...] = ()
    if isinstance(data, dict) and set(data) == {"segments"}:
        data, path = data["segments"], ("segments",)
    if not isinstance(data, list) or not data:
        raise SegmentDefinitionError(
            [
                source.problem(
                    path,
                    "a segments file is a list of segments, each like "
                    "'- {name: lost, rule: days_since(last_order) > 365, target: 40}'",
                )
            ]
        )
    problems: list[ScriptProblem] = []
    specs: list[SegmentSpec] = []
    other: SegmentSpec | None = None
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        raw_name = item.get("name") if isinstance(item, dict) else None
        if isinstance(raw_name, str) and raw_name.strip():
            key = " ".join(raw_name.split()).casefold()
            first = seen.get(key)
            if first is not None:
                problems.append(
                    source.problem(
                        (*path, index, "name"),
                        f"the segment name '{raw_name.strip()}' is used twice "
                        f"(first in segment {first})",
                        at_value=True,
                    )
                )
                continue
            seen[key] = index + 1
        spec = _segment(item, (*path, index), source, types, problems)
        if spec is None:
            continue
        if spec.name == OTHER:
            other = spec
        else:
            specs.append(spec)
    if problems:
        raise SegmentDefinitionError(problems)
    specs.append(other or SegmentSpec(name=OTHER, rule=None, target_completes=0, population=None))
    return specs


def _segment(
    item: object,
    path: tuple[str | int, ...],
    source: SourceMap,
    types: ContactFieldTypes,
    problems: list[ScriptProblem],
) -> SegmentSpec | None:
    if not isinstance(item, dict):
        problems.append(source.problem(path, f"each segment is a mapping with {', '.join(_KEYS)}"))
        return None
    before = len(problems)
    for key in item:
        if key not in _KEYS:
            problems.append(
                source.problem(
                    (*path, key),
                    f"unknown key '{key}'; a segment has {', '.join(_KEYS)}",
                )
            )
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            source.problem((*path, "name"), "each segment needs a name (text), e.g. name: lost")
        )
        name = ""
    name = " ".join(name.split())
    if len(name) > _MAX_NAME:
        problems.append(
            source.problem((*path, "name"), f"a segment name may be at most {_MAX_NAME} characters")
        )
    rule = _rule(item, name, path, source, types, problems)
    target = _count(item, "target", path, source, problems, default=0)
    population = _count(item, "population", path, source, problems, default=None)
    label = _label(item, path, source, problems)
    if label is not None:  # a language without its own label uses the segment's name
        label = {lang: label.get(lang, name) for lang in _LANGUAGES}
    if len(problems) > before:
        return None
    return SegmentSpec(
        name=name, rule=rule, target_completes=target or 0, population=population, label=label
    )


def _label(
    item: dict[str, Any],
    path: tuple[str | int, ...],
    source: SourceMap,
    problems: list[ScriptProblem],
) -> dict[str, str] | None:
    """``label: Lost clients`` (every language) or ``label: {ru: ..., en: ...}``."""
    value = item.get("label")
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return {lang: " ".join(value.split()) for lang in _LANGUAGES}
    if isinstance(value, dict) and value:
        label: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in _LANGUAGES:
                problems.append(
                    source.problem(
                        (*path, "label", lang),
                        f"unknown language '{lang}'; a label has {' and '.join(_LANGUAGES)}",
                    )
                )
            elif not isinstance(text, str) or not text.strip():
                problems.append(
                    source.problem(
                        (*path, "label", lang), f"the {lang} label must be text", at_value=True
                    )
                )
            else:
                label[lang] = " ".join(text.split())
        return label or None
    problems.append(
        source.problem(
            (*path, "label"),
            "a label is a text or one per language, e.g. label: {ru: Ушедшие, en: Lost clients}",
            at_value=True,
        )
    )
    return None


def _rule(
    item: dict[str, Any],
    name: str,
    path: tuple[str | int, ...],
    source: SourceMap,
    types: ContactFieldTypes,
    problems: list[ScriptProblem],
) -> str | None:
    rule = item.get("rule")
    if name == OTHER:
        if rule is not None:
            problems.append(
                source.problem(
                    (*path, "rule"),
                    "'other' takes the contacts no rule matched, so it has no rule; "
                    "remove the rule or give the segment another name",
                )
            )
        return None
    if rule is None:
        problems.append(
            source.problem(
                path if "rule" not in item else (*path, "rule"),
                f"segment '{name or '?'}' needs a rule, e.g. rule: days_since(last_order) > 365",
            )
        )
        return None
    if not isinstance(rule, str):
        rule = str(rule).lower() if isinstance(rule, bool) else str(rule)
    try:
        compile_rule(rule, types)
    except ExpressionError as error:
        problems.append(source.problem_in_text((*path, "rule"), error.message, error.offset))
        return None
    return rule


def _count(
    item: dict[str, Any],
    key: str,
    path: tuple[str | int, ...],
    source: SourceMap,
    problems: list[ScriptProblem],
    *,
    default: int | None,
) -> int | None:
    value = item.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(
            source.problem(
                (*path, key),
                f"{key} must be a whole number of 0 or more, not {value!r}",
                at_value=True,
            )
        )
        return default
    return value


def specs_from_data(items: Sequence[dict[str, Any]], types: ContactFieldTypes) -> list[SegmentSpec]:
    """Segments given as data (by the UI) rather than a file; problems name the segment."""
    text = yaml.safe_dump(list(items), allow_unicode=True, sort_keys=False)
    return parse_segment_definitions(text, "<segments>", types)
