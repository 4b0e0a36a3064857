"""Reading a script's YAML while remembering where every value stood in the file.

Research leads write scripts by hand, so every error must name the line and column of the
value it is about. PyYAML's composer gives nodes with positions; we build plain Python data
from them and keep a map from each value's path (``("questions", 3, "options")``) to its
position. YAML 1.2 is used (ruamel.yaml), not PyYAML's YAML 1.1, so that ``No``, ``on`` and
``12:30`` stay text instead of turning into ``False``, ``True`` and ``750`` behind the
writer's back; dates stay text too.

Reading is bounded (``surveys.limits``): the text's size, how deeply values nest, how long
numbers are; aliases (``*name``) are refused, since a script has no use for them and a few
hundred bytes of them can expand to billions of values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scanner import Scanner

from surveys.errors import ScriptError, ScriptProblem
from surveys.limits import MAX_NUMBER_DIGITS, MAX_SCRIPT_BYTES, MAX_YAML_DEPTH

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based
    quoted: bool = False  # a quoted scalar: its text starts one column later
    single_line: bool = True  # a scalar on one line: an offset inside it maps to a column


@dataclass
class SourceMap:
    """Where each value of a loaded document came from."""

    file: str
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path) -> Position:
        """The position of the key that introduces ``path`` (or its value), else of the
        nearest enclosing value that has one."""
        probe = tuple(path)
        while True:
            for variant in _spellings(probe):
                if variant in self.keys:
                    return self.keys[variant]
                if variant in self.values:
                    return self.values[variant]
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]

    def value_position(self, path: Path) -> Position:
        for variant in _spellings(tuple(path)):
            if variant in self.values:
                return self.values[variant]
        return self.position(path)

    def problem(self, path: Path, message: str, *, at_value: bool = False) -> ScriptProblem:
        pos = self.value_position(path) if at_value else self.position(path)
        return ScriptProblem(self.file, pos.line, pos.column, message, dotted(path))

    def problem_in_text(self, path: Path, message: str, offset: int) -> ScriptProblem:
        """A problem at character ``offset`` inside the text value at ``path``."""
        pos = self.values.get(tuple(path))
        if pos is None or not pos.single_line:
            return self.problem(path, message, at_value=True)
        column = pos.column + offset + (1 if pos.quoted else 0)
        return ScriptProblem(self.file, pos.line, column, message, dotted(path))


def _spellings(path: Path) -> tuple[Path, ...]:
    """``path`` and, when it ends in a number, the same path with the number as the text a
    mapping key was written with (scale labels are keyed ``10:`` in YAML, 10 in the model)."""
    if path and isinstance(path[-1], int):
        return (path, (*path[:-1], str(path[-1])))
    return (path,)


def dotted(path: Path) -> str:
    """``("questions", 3, "options")`` -> ``questions[3].options``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class _AliasNotingComposer(Composer):
    """ruamel.yaml's composer, noting every alias (``*name``) it meets, so that the loader
    can refuse them at the place they are written before anything expands them."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # a reused anchor is harmless without aliases
        self.aliases: list[AliasEvent] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            self.aliases.append(self.parser.peek_event())
        return super().compose_node(parent, index)


class _DepthBoundScanner(Scanner):
    """ruamel.yaml's scanner, refusing brackets nested beyond :data:`MAX_YAML_DEPTH`: it
    looks ahead through every open bracket for a possible key, so a few thousand ``[``
    would take it minutes, long before the composer's own depth limit is reached."""

    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        if self.flow_level >= MAX_YAML_DEPTH:
            raise MaxDepthExceededError(
                None, None, "brackets nest too deep", self.reader.get_mark()
            )
        super().fetch_flow_collection_start(TokenClass, to_push)


def _reader() -> YAML:
    # YAML 1.2 (ruamel.yaml): unlike PyYAML it also accepts "Можно?" inside {ru: ..., en: ...}
    reader = YAML(typ="safe", pure=True)
    reader.Scanner = _DepthBoundScanner
    reader.Composer = _AliasNotingComposer
    reader.max_depth = MAX_YAML_DEPTH
    return reader


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _yaml_problem(text: str, file: str, error: YAMLError) -> ScriptProblem:
    """Turn a YAML syntax error into a one-line message about what to change."""
    character = getattr(error, "character", None)
    position = getattr(error, "position", None)
    if character is not None and position is not None:  # a reader error: a bad character
        line, column = _line_column(text, position)
        code = ord(character) if isinstance(character, str) else int(character)
        return ScriptProblem(
            file,
            line,
            column,
            f"an invisible control character (U+{code:04X}) stands here; "
            "delete it (it often comes from copying out of Word or Excel)",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(error, MaxDepthExceededError):
        return ScriptProblem(
            file,
            line,
            column,
            f"values nest more than {MAX_YAML_DEPTH} levels deep here; a script needs far "
            "fewer: check the brackets and the indentation",
        )
    problem = str(getattr(error, "problem", None) or error).split("\n")[0]
    context = str(getattr(error, "context", None) or "")
    opened = getattr(error, "context_mark", None)
    if "another document" in problem:
        message = "a script is a single document, but '---' starts another here"
    elif "'\\t'" in problem or "\t" in problem:
        message = f"line {line} is indented with a tab; indent with spaces"
    elif (
        "flow" in context
        and opened is not None
        and ("<stream end>" in problem or opened.line < line - 1)
    ):
        index = getattr(opened, "index", -1)
        bracket = text[index] if 0 <= index < len(text) and text[index] in "[{" else "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return ScriptProblem(
            file,
            opened.line + 1,
            opened.column + 1,
            f"the '{bracket}' opened here is not closed with '{closing}'",
        )
    elif "flow" in context:
        message = "inside { } or [ ], put texts holding : # , or quotes in quotes"
    elif "mapping values are not allowed" in problem:
        message = (
            "this line is indented more than the lines above it, or a text holds ': '; "
            "align the line, or put the text in quotes"
        )
    elif "<block end>" in problem and "<scalar>" in problem:
        message = (
            "a value that starts with a quote ends at the closing quote; to start a "
            "condition with a text, put the whole condition in the other quotes: "
            "'\"price\" in reasons'"
        )
    else:
        message = f"{problem} ({context})" if context else problem
    return ScriptProblem(file, line, column, f"not valid YAML: {message}")


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` into plain data and its :class:`SourceMap`.

    Raises :class:`ScriptError` for text that is not a single YAML document, duplicate keys,
    non-text keys, YAML features a script has no use for (aliases and tags; an anchor alone
    is harmless) and text beyond the limits of ``surveys.limits``.
    """
    source = SourceMap(file)
    if "\x00" in text:
        raise ScriptError(
            [ScriptProblem(file, 1, 1, "this is not a text file (it holds NUL bytes)")]
        )
    if len(text) > MAX_SCRIPT_BYTES:
        raise ScriptError([too_large(file, len(text))])
    reader = _reader()
    try:
        node = reader.compose(text)
    except YAMLError as error:
        raise ScriptError([_yaml_problem(text, file, error)]) from None
    aliases = reader.composer.aliases
    if aliases:
        raise ScriptError(_alias_problems(file, aliases))
    if node is None:
        raise ScriptError(
            [
                ScriptProblem(
                    file,
                    1,
                    1,
                    "the file is empty: a script needs schema_version, id, title, "
                    "languages, intro, consent, closing and questions",
                )
            ]
        )
    problems: list[ScriptProblem] = []
    data = _build(node, (), source, problems, reader)
    if problems:
        raise ScriptError(problems)
    return data, source


def too_large(file: str, characters: int | None = None) -> ScriptProblem:
    """The problem of a script over :data:`MAX_SCRIPT_BYTES` (bytes, or characters)."""
    size = f"{characters:,} characters" if characters is not None else "the file"
    unit = "characters" if characters is not None else "bytes"
    return ScriptProblem(
        file,
        1,
        1,
        f"{size} is more than the {MAX_SCRIPT_BYTES:,} {unit} a script may have (the largest "
        "ready script has about 30,000): is this the right file?",
    )


_ALIASES_SHOWN = 20


def _alias_problems(file: str, aliases: list[AliasEvent]) -> list[ScriptProblem]:
    problems = []
    for event in aliases[:_ALIASES_SHOWN]:
        mark = event.start_mark
        problems.append(
            ScriptProblem(
                file,
                mark.line + 1,
                mark.column + 1,
                f"'*{event.anchor}' repeats a value by reference (a YAML alias), which scripts "
                "do not allow; write the value out in full here",
            )
        )
    if len(aliases) > _ALIASES_SHOWN:
        mark = aliases[_ALIASES_SHOWN].start_mark
        problems.append(
            ScriptProblem(
                file,
                mark.line + 1,
                mark.column + 1,
                f"{len(aliases) - _ALIASES_SHOWN:,} more aliases (*name) from here on; write "
                "those values out in full too",
            )
        )
    return problems


def _position(node: Node) -> Position:
    style = node.style if isinstance(node, ScalarNode) else "{"
    quoted = style in ("'", '"')
    single_line = style not in ("|", ">", "{") and node.end_mark.line == node.start_mark.line
    return Position(node.start_mark.line + 1, node.start_mark.column + 1, quoted, single_line)


def _build(
    node: Node,
    path: Path,
    source: SourceMap,
    problems: list[ScriptProblem],
    reader: YAML,
) -> Any:
    source.values[path] = _position(node)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            pos = _position(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.append(
                    ScriptProblem(
                        source.file, pos.line, pos.column, "a key must be plain text", dotted(path)
                    )
                )
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = source.keys[child]
                problems.append(
                    ScriptProblem(
                        source.file,
                        pos.line,
                        pos.column,
                        f"duplicate key '{key}' (first given on line {first.line})",
                        dotted(child),
                    )
                )
                continue
            source.keys[child] = pos
            result[key] = _build(value_node, child, source, problems, reader)
        return result
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            source.keys[child] = _position(item)
            items.append(_build(item, child, source, problems, reader))
        return items
    kind = (
        str(node.tag).rsplit(":", 1)[-1] if str(node.tag).startswith("tag:yaml.org,2002:") else ""
    )
    if kind == "timestamp":
        return str(node.value)  # dates stay text; the model decides what they mean
    if kind in ("int", "float") and not _number_fits(node, kind, reader):
        pos = _position(node)
        problems.append(
            ScriptProblem(
                source.file,
                pos.line,
                pos.column,
                f"{_shown(node.value)} is not a number a script can use: numbers in a script are "
                f"finite, with at most {MAX_NUMBER_DIGITS} digits before the decimal point",
                dotted(path),
            )
        )
        return None
    if kind in ("str", "int", "float", "bool", "null"):
        try:
            return reader.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError) as error:
            pos = _position(node)
            problems.append(
                ScriptProblem(
                    source.file,
                    pos.line,
                    pos.column,
                    f"cannot read this value: {error}",
                    dotted(path),
                )
            )
            return None
    pos = _position(node)
    problems.append(
        ScriptProblem(
            source.file,
            pos.line,
            pos.column,
            f"YAML tag {node.tag} is not supported in scripts; write the value as plain text",
            dotted(path),
        )
    )
    return None


def _number_fits(node: Node, kind: str, reader: YAML) -> bool:
    """A number within the script's bounds: finite and under 10**MAX_NUMBER_DIGITS in size
    (so that exports, databases and conditions hold it exactly)."""
    if kind == "int" and len(node.value.lstrip("+-0")) > MAX_NUMBER_DIGITS + 5:
        return False  # converting thousands of digits is slow, and Python refuses it
    try:
        value = reader.constructor.construct_object(node, deep=True)
    except (YAMLError, ValueError):
        return True  # reported as unreadable where it is built
    return math.isfinite(value) and abs(value) < 10**MAX_NUMBER_DIGITS


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}...{text[-4:]} ({len(text):,} characters)"
