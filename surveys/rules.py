"""Checking a validated script's logic and compiling its conditions, once, at load time.

Field types and required fields are pydantic's job; this module checks what spans fields:
unique ids and codes, scales, routing targets, every condition and piped text against the
names visible where it stands. Each problem is reported at its file position.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from surveys.errors import ExpressionError, ScriptProblem
from surveys.expressions import Node, check_condition, parse
from surveys.hints import Hints
from surveys.model import (
    END,
    AlertRule,
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    QuestionBase,
    RatingQuestion,
    Scale,
    ScreenOut,
    Script,
    SingleChoice,
)
from surveys.piping import placeholders
from surveys.scope import ScriptScope
from surveys.yamlsource import Path, SourceMap

RESERVED_IDS = frozenset({END, "contact", "and", "or", "not", "in", "true", "false"})


@dataclass(frozen=True)
class Rules:
    """The script's conditions, parsed and checked."""

    show_if: dict[str, Node] = field(default_factory=dict)
    skips: dict[str, tuple[tuple[Node, str], ...]] = field(default_factory=dict)
    screen_outs: dict[str, tuple[tuple[Node, ScreenOut], ...]] = field(default_factory=dict)
    alerts: tuple[tuple[AlertRule, Node], ...] = ()


class _Checker:
    def __init__(self, script: Script, source: SourceMap) -> None:
        self.script = script
        self.source = source
        self.problems: list[ScriptProblem] = []
        self.hints = Hints()  # one budget for the whole script

    def report(self, path: Path, message: str) -> None:
        self.problems.append(self.source.problem(path, message))

    def condition(self, path: Path, text: str, scope: ScriptScope) -> Node | None:
        try:
            node = parse(text)
            check_condition(node, scope)
        except ExpressionError as error:
            self.problems.append(self.source.problem_in_text(path, error.message, error.offset))
            return None
        return node

    def piped(self, path: Path, text: dict[str, str] | None, scope: ScriptScope) -> None:
        if text is None:
            return
        per_language = (*path, next(iter(text))) in self.source.keys
        seen: set[str] = set()
        for lang, template in text.items():
            if not per_language and template in seen:
                continue
            seen.add(template)
            where = (*path, lang) if per_language else path
            try:
                for placeholder in placeholders(template):
                    scope.type_of(placeholder.name)
            except ExpressionError as error:
                self.problems.append(
                    self.source.problem_in_text(where, error.message, error.offset)
                )


def check_rules(script: Script, source: SourceMap) -> tuple[Rules, list[ScriptProblem]]:
    """Check ``script``'s cross-field rules; return the compiled rules and every problem."""
    checker = _Checker(script, source)
    _check_metadata(checker)
    rules = Rules()
    seen: dict[str, int] = {}
    for index, question in enumerate(script.questions):
        path: Path = ("questions", index)
        if question.id in seen:
            checker.report(
                (*path, "id"),
                f"question id '{question.id}' is used twice (first by "
                f"question {seen[question.id] + 1})",
            )
        elif question.id in RESERVED_IDS:
            checker.report(
                (*path, "id"), f"'{question.id}' is a reserved word and cannot be a question id"
            )
        seen.setdefault(question.id, index)
        _check_question(checker, question, path)
        _compile_routing(checker, rules, question, index, path)
    _compile_alerts(checker, rules)
    _check_fixed_texts(checker)
    return rules, checker.problems


def _check_metadata(checker: _Checker) -> None:
    script = checker.script
    duplicates = [lang for lang, n in Counter(script.languages).items() if n > 1]
    if duplicates:
        checker.report(("languages",), f"language '{duplicates[0]}' is listed twice")
    codes = script.special_codes
    if codes.dont_know and codes.refused and codes.dont_know.code == codes.refused.code:
        checker.report(
            ("special_codes", "refused", "code"), "'don't know' and 'refused' need different codes"
        )


def _special_codes(checker: _Checker, question: QuestionBase) -> dict[int, str]:
    from surveys.specials import special_code  # the loader fills in the defaults

    return {special_code(checker.script, key).code: key for key in question.special}


def _check_question(checker: _Checker, question: QuestionBase, path: Path) -> None:
    specials = _special_codes(checker, question)
    if isinstance(question, InfoScreen) and question.special:
        checker.report(
            (*path, "special"), "an info screen has no answer, so it takes no special codes"
        )
    if isinstance(question, SingleChoice | MultipleChoice):
        _check_options(checker, question, path, specials)
    if isinstance(question, RatingQuestion | GridQuestion):
        _check_scale(checker, question.scale, (*path, "scale"), specials)
    if isinstance(question, NpsQuestion):
        clash = [code for code in specials if 0 <= code <= 10]
        if clash:
            checker.report(
                (*path, "special"),
                f"special code {clash[0]} lies inside the NPS "
                "scale 0-10; give it a code outside the scale under special_codes",
            )
    if isinstance(question, GridQuestion):
        counts = Counter(row.id for row in question.rows)
        for i, row in enumerate(question.rows):
            if counts[row.id] > 1:
                checker.report((*path, "rows", i, "id"), f"row id '{row.id}' is used twice")
                break
    if isinstance(question, NumericQuestion):
        _check_numeric(checker, question, path, specials)


def _check_options(
    checker: _Checker, question: SingleChoice | MultipleChoice, path: Path, specials: dict[int, str]
) -> None:
    codes: dict[int, int] = {}
    keys: dict[str, int] = {}
    for i, option in enumerate(question.options):
        where = (*path, "options", i)
        if option.code in codes:
            checker.report(
                (*where, "code"), f"option code {option.code} is used twice in {question.id}"
            )
        elif option.code in specials:
            checker.report(
                (*where, "code"),
                f"option code {option.code} is the code of "
                f"'{specials[option.code]}', which this question also offers",
            )
        codes.setdefault(option.code, i)
        if option.key is not None:
            if option.key in keys:
                checker.report(
                    (*where, "key"), f"option key '{option.key}' is used twice in {question.id}"
                )
            keys.setdefault(option.key, i)
        if option.exclusive and isinstance(question, SingleChoice):
            checker.report(
                (*where, "exclusive"),
                "'exclusive' only applies to multiple choice questions (type: multi)",
            )
    if isinstance(question, MultipleChoice):
        combinable = sum(1 for o in question.options if not o.exclusive)
        if question.max_choices is not None:
            if question.max_choices > combinable:
                checker.report(
                    (*path, "max_choices"),
                    f"max_choices is {question.max_choices}"
                    f" but only {combinable} options can be chosen together",
                )
            if question.min_choices > question.max_choices:
                checker.report((*path, "min_choices"), "min_choices is larger than max_choices")
        elif question.min_choices > combinable:
            checker.report(
                (*path, "min_choices"),
                f"min_choices is {question.min_choices} but"
                f" only {combinable} options can be chosen together",
            )


def _check_scale(checker: _Checker, scale: Scale, path: Path, specials: dict[int, str]) -> None:
    if scale.min >= scale.max:
        checker.report(
            (*path, "max"),
            f"the scale must go up: max ({scale.max}) is not above min ({scale.min})",
        )
        return
    if scale.max - scale.min > 100:
        checker.report(
            (*path, "max"),
            "a rating scale has at most 101 points; use a numeric question for wider ranges",
        )
    for point in scale.labels:
        if not scale.min <= point <= scale.max:
            checker.report(
                (*path, "labels", point),
                f"there is a label for {point}, but the scale is {scale.min}-{scale.max}",
            )
    for code, key in specials.items():
        if scale.min <= code <= scale.max:
            checker.report(
                path,
                f"the code of '{key}' ({code}) lies inside the scale "
                f"{scale.min}-{scale.max}; choose another under special_codes",
            )


def _check_numeric(
    checker: _Checker, question: NumericQuestion, path: Path, specials: dict[int, str]
) -> None:
    low, high = question.min, question.max
    if low is not None and high is not None and low > high:
        checker.report((*path, "max"), f"max ({high:g}) is below min ({low:g})")
        return
    if (
        question.integer
        and low is not None
        and high is not None
        and math.ceil(low) > math.floor(high)
    ):
        checker.report(
            (*path, "max"),
            f"no whole number lies between min ({low:g}) and max ({high:g}); widen the "
            "range, or allow decimals with integer: false",
        )
        return
    for code, key in specials.items():
        if (low is None or code >= low) and (high is None or code <= high):
            checker.report(
                (*path, "special"),
                f"the code of '{key}' ({code}) is a valid "
                "answer of this question; give it a code outside the range under "
                "special_codes, or set min/max",
            )


def _compile_routing(
    checker: _Checker, rules: Rules, question: QuestionBase, index: int, path: Path
) -> None:
    script = checker.script
    before = ScriptScope(script, index, include_self=False, hints=checker.hints)
    after = ScriptScope(script, index, include_self=True, hints=checker.hints)
    if question.show_if is not None:
        node = checker.condition((*path, "show_if"), question.show_if, before)
        if node is not None:
            rules.show_if[question.id] = node
    skips: list[tuple[Node, str]] = []
    for i, rule in enumerate(question.skip):
        node = checker.condition((*path, "skip", i, "if"), rule.when, after)
        target_ok = _check_target(checker, (*path, "skip", i, "to"), rule.to, index)
        if node is not None and target_ok:
            skips.append((node, rule.to))
    rules.skips[question.id] = tuple(skips)
    outs: list[tuple[Node, ScreenOut]] = []
    for i, out in enumerate(question.screen_out):
        node = checker.condition((*path, "screen_out", i, "if"), out.when, after)
        if node is not None:
            outs.append((node, out))
    rules.screen_outs[question.id] = tuple(outs)
    piping = ScriptScope(
        script, index, include_self=False, what="a piped text", hints=checker.hints
    )
    for name in ("text", "note"):
        checker.piped((*path, name), getattr(question, name), piping)
    for i, option in enumerate(getattr(question, "options", [])):
        checker.piped((*path, "options", i, "label"), option.label, piping)
    for i, row in enumerate(getattr(question, "rows", [])):
        checker.piped((*path, "rows", i, "label"), row.label, piping)


def _check_target(checker: _Checker, path: Path, target: str, index: int) -> bool:
    script = checker.script
    if target == END:
        return True
    if target not in script.index:
        hint = checker.hints.did_you_mean(target, script.index, cutoff=0.7)
        checker.report(
            path, f"skip target '{target}' is not a question{hint}; use a question id or '{END}'"
        )
        return False
    if script.index[target] <= index:
        checker.report(
            path,
            f"skip target '{target}' comes before this question; routing only "
            "goes forward (use show_if to ask a question again under a condition)",
        )
        return False
    return True


def _compile_alerts(checker: _Checker, rules: Rules) -> None:
    script = checker.script
    last = len(script.questions) - 1
    compiled = []
    for i, alert in enumerate(script.alerts):
        node = checker.condition(
            ("alerts", i, "if"),
            alert.when,
            ScriptScope(script, last, include_self=True, hints=checker.hints),
        )
        if node is not None:
            compiled.append((alert, node))
    object.__setattr__(rules, "alerts", tuple(compiled))


def _fixed_texts(script: Script) -> Iterator[tuple[Path, dict[str, str] | None, bool]]:
    """Texts outside the questions: (path, text, may use answers)."""
    yield ("intro", "text"), script.intro.text, False
    yield ("intro", "note"), script.intro.note, False
    for name in ("text", "note", "recording", "recording_note"):
        yield ("consent", name), getattr(script.consent, name), False
    for name in ("complete", "screened_out", "refused"):
        yield ("closing", name), getattr(script.closing, name), True
    for i, alert in enumerate(script.alerts):
        yield ("alerts", i, "message"), alert.message, True


def _check_fixed_texts(checker: _Checker) -> None:
    script = checker.script
    last = len(script.questions) - 1
    scope_for: Callable[[bool], ScriptScope] = lambda answers: ScriptScope(  # noqa: E731
        script,
        last if answers else -1,
        include_self=answers,
        what="this text",
        hints=checker.hints,
    )
    for path, text, answers in _fixed_texts(script):
        checker.piped(path, text, scope_for(answers))
