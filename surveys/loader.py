"""Loading a script file: YAML -> validated model -> checked rules, every problem located."""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from surveys.errors import ScriptError, ScriptProblem
from surveys.hints import Hints
from surveys.limits import MAX_NUMBER_DIGITS, MAX_SCRIPT_BYTES
from surveys.model import NUMBER_BOUND, QUESTION_TYPES, SCHEMA_VERSION, Model, Script
from surveys.roles import check_roles, upgrade_v1
from surveys.rules import check_rules
from surveys.texts import BUILTIN
from surveys.yamlsource import Path, SourceMap, load_yaml, too_large

# Upgrades of older script formats: version -> function taking the data of that version and
# returning the data of the next. 1 -> 2 gives the questions the roles the report used to
# guess from their ids (surveys/roles.py).
UPGRADES: dict[int, Any] = {1: upgrade_v1}


def load_script(path: str | FilePath) -> Script:
    """Load and check the script at ``path``; raise :class:`ScriptError` listing every problem."""
    file = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a named pipe or a device would block
            raise ScriptError(
                [ScriptProblem(file, 0, 0, "not a regular file: name the script's .yaml file")]
            )
        with open(path, "rb") as stream:
            raw = stream.read(MAX_SCRIPT_BYTES + 1)  # no more: the file may be huge
    except OSError as error:
        reason = error.strerror or str(error)
        raise ScriptError([ScriptProblem(file, 0, 0, f"cannot read the file: {reason}")]) from None
    return load_script_bytes(raw, file)


def load_script_bytes(raw: bytes, file: str = "<script>") -> Script:
    if len(raw) > MAX_SCRIPT_BYTES:
        raise ScriptError([too_large(file)])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScriptError(
            [ScriptProblem(file, 1, 1, "the file is saved as UTF-16; save it as UTF-8")]
        )
    if b"\x00" in raw:
        raise ScriptError(
            [ScriptProblem(file, 1, 1, "this is not a text file (it holds NUL bytes)")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1251")
            if re.search("[А-Яа-яЁё]", raw.decode("cp1251")):
                hint = " (it looks like Windows-1251)"
        except UnicodeDecodeError:
            pass
        raise ScriptError(
            [ScriptProblem(file, line, 1, f"the file is not UTF-8 text{hint}; save it as UTF-8")]
        ) from None
    return load_script_text(text, file)


def load_script_text(text: str, file: str = "<script>") -> Script:
    """Load a script from its YAML text; ``file`` names it in messages."""
    data, source = load_yaml(text, file)
    if not isinstance(data, dict):
        raise ScriptError(
            [
                ScriptProblem(
                    file,
                    1,
                    1,
                    "a script is a mapping of fields "
                    "(schema_version, id, title, languages, questions, "
                    "...), not a single value or a list",
                )
            ]
        )
    written_as = data.get("schema_version")
    data = _upgrade(data, source)
    languages = _languages(data, source)
    try:
        script = Script.model_validate(data, context={"languages": languages})
    except ValidationError as error:
        hints = Hints()
        problems = [_problem(detail, data, source, hints) for detail in error.errors()]
        raise ScriptError(_dedupe(problems)) from None
    problems = _check_builtin_texts(script, source)
    rules, rule_problems = check_rules(script, source)
    problems += rule_problems + check_roles(script, source)
    if problems:
        raise ScriptError(problems)
    script._rules = rules
    script._source_text = text
    script._file = file
    script._written_as = written_as if isinstance(written_as, int) else SCHEMA_VERSION
    return script


def _upgrade(data: dict[str, Any], source: SourceMap) -> dict[str, Any]:
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise ScriptError(
            [
                source.problem(
                    (),
                    "missing required field 'schema_version' (write "
                    f"schema_version: {SCHEMA_VERSION})",
                )
            ]
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScriptError(
            [
                source.problem(
                    ("schema_version",), "schema_version must be a whole number", at_value=True
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise ScriptError(
            [
                source.problem(
                    ("schema_version",),
                    f"this script is written for a "
                    f"newer cati (schema_version {version}); this cati "
                    f"reads up to {SCHEMA_VERSION}: update cati",
                )
            ]
        )
    if version < 1:
        raise ScriptError(
            [
                source.problem(
                    ("schema_version",), f"schema_version {version} does not exist; the first is 1"
                )
            ]
        )
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _languages(data: dict[str, Any], source: SourceMap) -> list[str]:
    value = data.get("languages")
    if value is None:
        raise ScriptError(
            [
                source.problem(
                    (), "missing required field 'languages' (for example: languages: [ru, en])"
                )
            ]
        )
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ScriptError(
            [
                source.problem(
                    ("languages",),
                    "languages must be a list of language codes, like [ru, en]",
                    at_value=True,
                )
            ]
        )
    for i, lang in enumerate(value):
        if (
            not isinstance(lang, str)
            or not lang.isascii()
            or not lang.isalpha()
            or not 2 <= len(lang) <= 3
            or lang != lang.lower()
        ):
            raise ScriptError(
                [
                    source.problem(
                        ("languages", i),
                        f"'{lang}' is not a language "
                        "code; use two lowercase letters such as ru or "
                        "en",
                    )
                ]
            )
    return list(value)


def _check_builtin_texts(script: Script, source: SourceMap) -> list[ScriptProblem]:
    """The engine's own words (yes/no) must exist in every language of the script."""
    problems = []
    for key in ("yes", "no"):
        if getattr(script.consent, key) is None:
            missing = [lang for lang in script.languages if lang not in BUILTIN[key]]
            if missing:
                problems.append(
                    source.problem(
                        ("consent",),
                        f"cati has no built-in '{key}' in '{missing[0]}'; give consent.{key} texts",
                    )
                )
    for key in ("dont_know", "refused"):
        if getattr(script.special_codes, key) is None:
            missing = [lang for lang in script.languages if lang not in BUILTIN[key]]
            used = any(key in q.special for q in script.questions)
            if missing and used:
                problems.append(
                    source.problem(
                        ("special_codes",),
                        f"cati has no built-in label"
                        f" for '{key}' in '{missing[0]}'; define "
                        f"special_codes.{key}",
                    )
                )
    return problems


# --- turning pydantic's errors into messages for research leads ---------------------------


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path:
    """Follow ``loc`` through the data, skipping pydantic's own entries (union tags, ...)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and part.isdigit()
            and int(part) in node
        ):
            path.append(int(part))
            node = node[int(part)]
    return tuple(path)


@functools.cache
def _all_field_names() -> list[str]:
    names: set[str] = set()
    for cls in _subclasses(Model):
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
    return sorted(names)


def _subclasses(cls: type[Model]) -> list[type[Model]]:
    found: list[type[Model]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def _show(value: Any) -> str:
    if isinstance(value, str):
        if len(value) > 40:
            return f"'{value[:24]}...' ({len(value):,} characters)"
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _message(detail: ErrorDetails, field: str, hints: Hints) -> str:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx", {}) or {}
    loc = tuple(detail["loc"])
    name = f"'{field}'" if field and not field.isdigit() else "this value"
    if field == "[key]" and "labels" in loc:
        return (
            f"a scale label is given for {_show(value)}; label the points of the scale "
            "by their numbers, like 1: ..."
        )
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        hint = hints.did_you_mean(field, _all_field_names(), cutoff=0.75)
        return f"unknown field '{field}'{hint}"
    bound = abs(ctx.get("gt", ctx.get("lt", 0))) == NUMBER_BOUND
    if kind == "int_parsing_size" or (kind in ("greater_than", "less_than") and bound):
        return f"{name} must be a number of at most {MAX_NUMBER_DIGITS} digits, not {_show(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name} must be a whole number, not {_show(value)}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"{name} must be a number, not {_show(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{name} must be true or false, not {_show(value)}"
    if kind == "string_type":
        return f"{name} must be text, not {_show(value)}"
    if kind == "list_type":
        return f"{name} must be a list (items starting with '- '), not {_show(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if loc[:1] == ("questions",) and len(loc) == 2 and isinstance(loc[1], int):
            return (
                f"question {loc[1] + 1} must be a mapping of fields (id, type, text, ...), "
                f"not {_show(value)}"
            )
        return f"{name} must be a mapping of fields, not {_show(value)}"
    if kind == "literal_error":
        return f"{name} must be one of {ctx.get('expected', '')}, not {_show(value)}"
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        hint = hints.did_you_mean(tag, QUESTION_TYPES)
        return f"unknown question type '{tag}'{hint}; use one of {', '.join(QUESTION_TYPES)}"
    if kind == "union_tag_not_found":
        return f"missing required field 'type' (one of {', '.join(QUESTION_TYPES)})"
    if kind == "string_pattern_mismatch":
        what = {"kind": "alert kind", "key": "option key"}.get(field, "id")
        return (
            f"{_show(value)} is not a valid {what}: use lowercase latin letters, digits and _, "
            "starting with a letter"
        )
    if kind == "string_too_long":
        return f"{name} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{name} needs at least {least} item{'s' if least != 1 else ''}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{name} must be at least {ctx.get('ge', ctx.get('gt'))}, not {_show(value)}"
    if kind == "value_error":
        text = str(ctx.get("error", detail["msg"]))
        if field.isdigit():
            return f"the label for {field}: {text}"
        if text.startswith("must"):
            return f"'{field}' {text}" if field else text
        return f"{field}: {text}" if field else text
    return f"{name}: {detail['msg']}"


def _problem(detail: ErrorDetails, data: Any, source: SourceMap, hints: Hints) -> ScriptProblem:
    loc = tuple(detail["loc"])
    path = _data_path(loc, data)
    field = str(loc[-1]) if loc else ""
    return source.problem(path, _message(detail, field, hints))


def _dedupe(problems: list[ScriptProblem]) -> list[ScriptProblem]:
    seen = set()
    unique = []
    for problem in problems:
        key = (problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
