"""The fuzz corpus: hostile scripts and conditions never crash or hang cati.

Mutations of the ready scripts (byte flips, deleted, duplicated and swapped lines, renamed
keys, deep nesting, huge numbers, odd unicode, swapped types, aliases, hostile conditions)
and hostile conditions, each run under a time bound. A script either loads, and then
``simulate`` walks it, or raises :class:`ScriptError` whose every problem is located at
FILE:LINE:COL; a condition either parses and checks, and then evaluates to a value for any
data, or raises :class:`ExpressionError` at an offset inside it. Cases are seeded: a failure
names its case number, and ``fuzzing.mutated_script(n)`` rebuilds it.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cati.cli import main
from surveys import Script, ScriptError, load_script, load_script_bytes, load_script_text
from surveys.errors import ExpressionError
from surveys.expressions import check_condition, evaluate, evaluate_condition, parse
from surveys.limits import MAX_CONDITION_NESTING
from surveys.simulate import simulate
from tests.surveys.fuzzing import (
    EDGE_CONDITIONS,
    HOSTILE_EXPRESSIONS,
    HOSTILE_VALUES,
    READY,
    Types,
    Values,
    mutated_script,
    no_crash,
    time_bound,
)

CASES = 180  # about 5 s of CPU; the issue that asked for this corpus found its bugs with 155
BOUND = 10.0  # seconds per case: a real script loads in a few hundredths; the hangs found took
# minutes, and a loaded 2-core machine must not turn a slow case into a false alarm
INTERNALS = re.compile(r"Traceback|Error\b|sys\.|recursion|object at 0x|<class ", re.IGNORECASE)


def _assert_located(error: ScriptError, raw: bytes, file: str) -> None:
    lines = raw.count(b"\n") + raw.count(b"\r") + 2
    for problem in error.problems:
        assert problem.file == file
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert problem.message.strip(), problem
        assert not INTERNALS.search(problem.message), problem


def _load_and_simulate(raw: bytes, file: str, seed: int, interviews: int = 5) -> Script | None:
    try:
        script = load_script_bytes(raw, file)
    except ScriptError as error:
        _assert_located(error, raw, file)
        return None
    report = simulate(script, interviews, seed=seed, today=date(2026, 12, 4))
    assert sum(report.endings.values()) == interviews
    return script


@pytest.mark.parametrize("case", range(CASES))
def test_a_mutated_ready_script_loads_and_simulates_or_is_located_script_error(case: int) -> None:
    name, raw = mutated_script(case)
    with no_crash(f"case {case} ({name})"), time_bound(BOUND):
        _load_and_simulate(raw, f"case{case}-{name}", seed=case)


@pytest.mark.parametrize("condition", EDGE_CONDITIONS)
@pytest.mark.parametrize("name", sorted(READY))
def test_conditions_at_the_edges_of_arithmetic_load_and_simulate(name: str, condition: str) -> None:
    """Division by zero, overflow past 1e308 and the deepest nesting allowed are no
    problems for ``check`` and never crash ``simulate``: they are unknown, hence false."""
    text = re.sub(
        r"^(\s*(?:- )?(?:show_if|if): ).*$",
        lambda m: m.group(1) + "'" + condition + "'",
        READY[name],
        count=1,
        flags=re.MULTILINE,
    )
    assert text != READY[name]
    with no_crash(condition), time_bound(BOUND):
        assert _load_and_simulate(text.encode(), name, seed=1) is not None


NUMERIC_RANGES = (  # the "rings" question of the mystery call: min 0, max 30
    "    max: -5\n",
    "    min: 5\n",
    "    max: 0.5\n",
    "    min: 3\n    max: 3\n",
    "    min: -0.5\n    max: 0.5\n",
    "    min: -999999999999999\n    max: 999999999999999\n",
    "    min: 999999999999998.5\n    max: 999999999999999\n",
    "    min: 999999999999999\n",
    "    min: 0.5\n    max: 0.7\n    integer: false\n",
    "    max: -999999999999999\n    integer: false\n",
)


@pytest.mark.parametrize("numeric_range", NUMERIC_RANGES)
def test_numeric_ranges_at_the_edges_load_and_simulate(numeric_range: str) -> None:
    text = READY["mystery_call.yaml"].replace("    min: 0\n    max: 30\n", numeric_range)
    assert text != READY["mystery_call.yaml"]
    with no_crash(numeric_range), time_bound(BOUND):
        script = _load_and_simulate(text.encode(), "mystery_call.yaml", seed=2, interviews=60)
    assert script is not None


def _parse_check_evaluate(text: str) -> None:
    try:
        node = parse(text)
    except ExpressionError as error:
        assert 0 <= error.offset <= len(text)
        assert error.message and not INTERNALS.search(error.message)
        return
    for value in HOSTILE_VALUES:  # even a tree that fails its check evaluates to something
        evaluate(node, Values(value))
    try:
        check_condition(node, Types())
    except ExpressionError as error:
        assert 0 <= error.offset <= len(text)
        assert error.message and not INTERNALS.search(error.message)
        return
    for value in HOSTILE_VALUES:
        assert isinstance(evaluate_condition(node, Values(value)), bool)


@pytest.mark.parametrize("text", HOSTILE_EXPRESSIONS, ids=range(len(HOSTILE_EXPRESSIONS)))
def test_a_hostile_condition_is_an_expression_error_or_evaluates_for_any_data(text: str) -> None:
    with no_crash(text[:80]), time_bound(BOUND):
        _parse_check_evaluate(text)


TOKENS = (
    *("nps", "comment", "vip", "role", "reasons", "contact.last_order", "contact", "x"),
    *("and", "or", "not", "in", "true", "false", "==", "!=", "<", "<=", ">", ">="),
    *("+", "-", "*", "/", "(", ")", "[", "]", ",", ".", "=", "!", "&&", "'", '"'),
    *("0", "1", "7", "999999999999999", "0.5", "1e5", '"owner"', '"price"', '"2023-01-15"'),
    *("count(", "len(", "lower(", "days_since(", "abs(", "min(", "max(", "answered("),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_token_soup_is_an_expression_error_or_evaluates_for_any_data(text: str) -> None:
    _parse_check_evaluate(text)


# --- the nesting limit keeps the stack small -------------------------------------------------


def _deepest_allowed() -> Iterator[str]:
    n = MAX_CONDITION_NESTING
    yield "(" * n + "nps > 1" + ")" * n
    yield "not (" * (n // 2) + "nps > 1" + ")" * (n // 2)
    yield "not " * n + "nps > 1"
    yield "abs(" * n + "nps" + ")" * n + " > 1"
    yield "nps" + " + 1" * n + " > 1"
    yield "-" * n + "nps > 1"
    yield "nps in " + "[" * (n - 1) + "1" + "]" * (n - 1)
    yield "(nps + " * (n // 2) + "1" + ")" * (n // 2) + " > 1"
    yield "not (nps > 1 and (" * (n // 3) + "true" + "))" * (n // 3)
    yield "max(1, " * (n // 2) + "-nps" + ")" * (n // 2) + " > 1"


@pytest.mark.parametrize("text", list(_deepest_allowed()))
def test_the_deepest_condition_allowed_needs_under_400_stack_frames(text: str) -> None:
    """The interviewer console and segment rules evaluate conditions deep in their own call
    stacks: the limit leaves more than half of Python's default 1000 frames to them."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 400)
    try:
        try:
            node = parse(text)
            check_condition(node, Types())
        except ExpressionError as error:
            assert "levels deep" not in error.message, "the limit itself is allowed"
            node = parse(text)
        for value in HOSTILE_VALUES:
            evaluate(node, Values(value))
    finally:
        sys.setrecursionlimit(limit)


def test_one_level_deeper_than_allowed_is_refused_where_it_crosses_the_limit() -> None:
    n = MAX_CONDITION_NESTING
    with pytest.raises(ExpressionError) as caught:
        parse("(" * (n + 1) + "nps" + ")" * (n + 1) + " > 1")
    assert caught.value.offset == n
    assert caught.value.message == (
        f"this condition nests more than {n} levels deep (brackets, lists, function calls, "
        "'not', '-' and steps of arithmetic); write it more simply"
    )


# --- the command line and the editor ----------------------------------------------------------

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
BOMB = "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    for i in range(1, 9)
)
HOSTILE_FILES = {
    "alias_bomb": READY["nps_pulse.yaml"] + 'a: &a ["lol","lol","lol","lol","lol"]\n' + BOMB,
    "self_alias": READY["nps_pulse.yaml"] + "loop: &x [*x]\n",
    "deep_yaml": READY["nps_pulse.yaml"] + "deep: " + "[" * 600 + "]" * 600 + "\n",
    "bracket_flood": READY["nps_pulse.yaml"] + "flood: " + "[" * 100_000 + "\n",  # was minutes
    "deep_condition": READY["nps_pulse.yaml"].replace(
        "if: nps <= 6", "if: " + "(" * 200 + "nps <= 6" + ")" * 200
    ),
    "long_or": READY["nps_pulse.yaml"].replace(
        "if: nps <= 6", "if: " + " or ".join(["nps <= 6"] * 600)
    ),
    "many_nots": READY["nps_pulse.yaml"].replace("if: nps <= 6", "if: " + "not " * 1000 + "true"),
    "huge_number": READY["nps_pulse.yaml"].replace("nps <= 6", "nps <= " + "9" * 5000),
    "exponent": READY["nps_pulse.yaml"].replace("nps <= 6", "nps > 1e400 / 3"),
    "huge_yaml_number": READY["b2b_nps_csi.yaml"].replace(
        "- code: 1\n", "- code: 1" + "0" * 5000 + "\n", 1
    ),
    "infinite_range": READY["mystery_call.yaml"].replace("max: 600", "max: 1e400"),
    "nan_range": READY["mystery_call.yaml"].replace(
        "min: 0\n    max: 600", "min: .nan\n    max: 600"
    ),
}


@pytest.fixture(scope="module")
def warm_cli(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The first ``main`` call imports every command's module: not a part of the bound."""
    path = tmp_path_factory.mktemp("warm") / "pulse.yaml"
    path.write_text(READY["nps_pulse.yaml"], encoding="utf-8")
    assert main(["script", "check", str(path)]) == 0


@pytest.mark.usefixtures("warm_cli")
@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_check_and_simulate_report_hostile_files_without_internal_error(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HOSTILE_FILES[name]
    assert text not in READY.values(), f"{name}: the edit must change the script"
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["check", str(path)], ["simulate", "-n", "5", str(path)]):
        with no_crash(f"{name}: cati script {command[0]}"), time_bound(BOUND):
            status = main(["script", *command])
        out, err = capsys.readouterr()
        assert status in (0, 1), f"{command[0]} exited {status}: {err}"
        assert err == ""
        if status == 1:
            assert out.splitlines()
            for line in out.splitlines():
                found = LINE.match(line)
                assert found and found["file"] == str(path), line
                assert not INTERNALS.search(found["message"]), line


def test_every_hostile_file_is_refused_with_a_located_problem() -> None:
    for name, text in HOSTILE_FILES.items():
        with no_crash(name), pytest.raises(ScriptError), time_bound(BOUND):
            load_script_text(text, name)


def test_a_named_pipe_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "script.yaml"
    os.mkfifo(pipe)
    with time_bound(BOUND), pytest.raises(ScriptError, match="not a regular file"):
        load_script(pipe)
    assert main(["script", "check", str(pipe)]) == 1
