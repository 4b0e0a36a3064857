"""Reading a script's YAML while remembering where every value stood in the file.

Research leads write scripts by hand, so every error must name the line and column of the
value it is about. PyYAML's composer gives nodes with positions; we build plain Python data
from them and keep a map from each value's path (``("questions", 3, "options")``) to its
position. YAML 1.2 is used (ruamel.yaml), not PyYAML's YAML 1.1, so that ``No``, ``on`` and
``12:30`` stay text instead of turning into ``False``, ``True`` and ``750`` behind the
writer's back; dates stay text too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys.errors import ScriptError, ScriptProblem

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


def _reader() -> YAML:
    # YAML 1.2 (ruamel.yaml): unlike PyYAML it also accepts "Можно?" inside {ru: ..., en: ...}
    return YAML(typ="safe", pure=True)


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
    non-text keys and YAML features a script has no use for (anchors are fine; tags are not).
    """
    source = SourceMap(file)
    if "\x00" in text:
        raise ScriptError(
            [ScriptProblem(file, 1, 1, "this is not a text file (it holds NUL bytes)")]
        )
    reader = _reader()
    try:
        node = reader.compose(text)
    except YAMLError as error:
        raise ScriptError([_yaml_problem(text, file, error)]) from None
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
