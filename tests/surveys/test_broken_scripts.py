"""A corpus of broken scripts: each breaks one thing in a valid script and names the exact
message, line and column a research lead sees from ``cati script check``.

The messages are the product here: a research lead fixes a script from them alone, so each
case pins the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cati.cli import main
from surveys import Script, ScriptError, load_script_bytes, load_script_text

# The valid script every case starts from. Line numbers in the expectations refer to it (or
# to it after the case's edit); keep it unchanged.
BASE = """\
schema_version: 1
id: mini
title: {ru: Мини-опрос, en: Mini survey}
languages: [ru, en]
contact_fields:
  segment: {type: text, values: [new, regular, lost]}
intro:
  text: {ru: "Здравствуйте, {contact.name}!", en: "Hello, {contact.name}!"}
consent:
  text: {ru: Можно задать вам пару вопросов, en: May I ask you a couple of questions}
closing:
  complete: {ru: Спасибо!, en: Thank you!}
  screened_out: {ru: Это все вопросы., en: Those were all my questions.}
  refused: {ru: Извините за беспокойство., en: Sorry to have bothered you.}
questions:
  - id: role
    type: single
    text: {ru: Ваша роль в закупках, en: Your role in purchasing}
    options:
      - {code: 1, key: decides, label: {ru: Принимаю решение, en: I decide}}
      - {code: 2, key: none, label: {ru: Не участвую, en: Not involved}}
    screen_out:
      - {if: role == "none", reason: {ru: Не участвует, en: Not involved}}
  - id: nps
    type: nps
    text: {ru: Оцените от 0 до 10, en: Rate from 0 to 10}
    special: [dont_know]
  - id: reasons
    type: multi
    text: {ru: Что для вас важно, en: What matters to you}
    options:
      - {code: 1, key: price, label: {ru: Цена, en: Price}}
      - {code: 2, key: speed, label: {ru: Скорость, en: Speed}}
      - {code: 3, key: nothing, label: {ru: Ничего, en: Nothing}, exclusive: true}
  - id: csi
    type: grid
    text: {ru: Оцените по шкале от 1 до 5, en: Rate from 1 to 5}
    scale: {min: 1, max: 5}
    rows:
      - {id: quality, label: {ru: Качество, en: Quality}}
      - {id: delivery, label: {ru: Доставка, en: Delivery}}
  - id: orders
    type: numeric
    text: {ru: Сколько заказов в год, en: How many orders a year}
    min: 0
    max: 50
  - id: why
    type: open
    show_if: nps <= 6
    text: {ru: Что нам исправить, en: What should we fix}
alerts:
  - {kind: detractor, if: nps <= 6}
"""

QUESTIONS = BASE[BASE.index("questions:\n") : BASE.index("alerts:\n")]
ROLE_OPTIONS = """\
    options:
      - {code: 1, key: decides, label: {ru: Принимаю решение, en: I decide}}
      - {code: 2, key: none, label: {ru: Не участвую, en: Not involved}}
"""
GRID_ROWS = """\
    rows:
      - {id: quality, label: {ru: Качество, en: Quality}}
      - {id: delivery, label: {ru: Доставка, en: Delivery}}
"""
INTRO = 'intro:\n  text: {ru: "Здравствуйте, {contact.name}!", en: "Hello, {contact.name}!"}\n'
CONSENT_TEXT = (
    "  text: {ru: Можно задать вам пару вопросов, en: May I ask you a couple of questions}\n"
)
CLOSING = BASE[BASE.index("closing:\n") : BASE.index("questions:\n")]
REFUSED = "  refused: {ru: Извините за беспокойство., en: Sorry to have bothered you.}\n"
ROLE_TEXT = "    text: {ru: Ваша роль в закупках, en: Your role in purchasing}\n"
WHY_TEXT = "text: {ru: Что нам исправить, en: What should we fix}"
NPS_TEXT = "text: {ru: Оцените от 0 до 10, en: Rate from 0 to 10}"
SHOW_IF = "    show_if: nps <= 6"
SCALE = "scale: {min: 1, max: 5}"
ALERT = "  - {kind: detractor, if: nps <= 6}"
AFTER_NPS = "    special: [dont_know]\n  - id: reasons"
SCREEN_OUT = '{if: role == "none", reason'
SPECIAL_CODES = "special_codes:\n  {}\ncontact_fields:\n"
ALIAS = (
    "repeats a value by reference (a YAML alias), which scripts do not allow; write the "
    "value out in full here"
)
BOMB = 'a: &a ["lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    for previous, name in ("ab", "bc", "cd")
)
TOO_DEEP = (
    "values nest more than 32 levels deep here; a script needs far fewer: check the brackets "
    "and the indentation"
)
NOT_A_NUMBER = (
    "is not a number a script can use: numbers in a script are finite, with at most 15 "
    "digits before the decimal point"
)
CONDITION_TOO_DEEP = (
    "this condition nests more than 32 levels deep (brackets, lists, function calls, 'not', "
    "'-' and steps of arithmetic); write it more simply"
)


@dataclass(frozen=True)
class Case:
    id: str
    change: tuple[tuple[str, str], ...] | bytes | str  # edits of BASE, raw bytes or a text
    expected: tuple[str, ...]  # every problem, as "LINE:COL: message"

    def source(self) -> bytes:
        if isinstance(self.change, bytes):
            return self.change
        if isinstance(self.change, str):
            return self.change.encode("utf-8")
        text = BASE
        for old, new in self.change:
            assert text.count(old) == 1, f"{self.id}: {old!r} must occur once"
            text = text.replace(old, new)
        return text.encode("utf-8")


def edit(old: str, new: str) -> tuple[tuple[str, str], ...]:
    return ((old, new),)


def condition(text: str) -> tuple[tuple[str, str], ...]:
    """Replace the show_if of the last question (line 49, the condition at column 14)."""
    return edit(SHOW_IF, f"    show_if: {text}")


def special_codes(entries: str) -> tuple[tuple[str, str], ...]:
    return edit("contact_fields:\n", SPECIAL_CODES.replace("  {}\n", entries))


TYPES = "single, multi, nps, rating, grid, numeric, open, info"
ID_RULE = "use lowercase latin letters, digits and _, starting with a letter"
NOT_UTF8 = "the file is not UTF-8 text; save it as UTF-8"
NOT_A_MAPPING = (
    "a script is a mapping of fields (schema_version, id, title, languages, questions, ...), "
    "not a single value or a list"
)
EMPTY = (
    "the file is empty: a script needs at least schema_version, id, title, languages and questions"
)

CASES = [
    # --- not a script at all ---------------------------------------------------------------
    Case(
        "not_yaml_unclosed_bracket",
        edit("languages: [ru, en]", "languages: [ru, en"),
        ("4:12: the '[' opened here is not closed with ']'",),
    ),
    Case(
        "not_yaml_tab_indentation",
        edit("    type: open\n", "\ttype: open\n"),
        ("48:1: not valid YAML: line 48 is indented with a tab; indent with spaces",),
    ),
    Case(
        "not_yaml_inconsistent_indentation",
        edit("    text: {ru: Что нам", "      text: {ru: Что нам"),
        (
            "50:11: not valid YAML: this line is indented more than the lines above it, or a "
            "text holds ': '; align the line, or put the text in quotes",
        ),
    ),
    Case(
        "condition_starting_with_a_quote_not_quoted_as_a_whole",
        condition('"price" in reasons'),
        (
            "49:22: not valid YAML: a value that starts with a quote ends at the closing "
            "quote; to start a condition with a text, put the whole condition in the other "
            "quotes: '\"price\" in reasons'",
        ),
    ),
    Case(
        "empty_file",
        "",
        (
            "1:1: the file is empty: a script needs schema_version, id, title, languages, "
            "intro, consent, closing and questions",
        ),
    ),
    Case(
        "only_comments",
        "# the script will come here\n\n",
        (
            "1:1: the file is empty: a script needs schema_version, id, title, languages, "
            "intro, consent, closing and questions",
        ),
    ),
    Case(
        "nul_bytes",
        b"schema_version: 1\nid: mini\x00\x00\n",
        ("1:1: this is not a text file (it holds NUL bytes)",),
    ),
    Case(
        "control_character_in_the_text",
        edit("id: mini", "id: mini\x07"),
        (
            "2:9: an invisible control character (U+0007) stands here; delete it (it often "
            "comes from copying out of Word or Excel)",
        ),
    ),
    Case(
        "binary_junk_png_header",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        ("1:1: this is not a text file (it holds NUL bytes)",),
    ),
    Case(
        "cp1251_bytes",
        BASE.encode("cp1251"),
        ("3:1: the file is not UTF-8 text (it looks like Windows-1251); save it as UTF-8",),
    ),
    Case(
        "utf16_bytes",
        BASE.encode("utf-16"),
        ("1:1: the file is saved as UTF-16; save it as UTF-8",),
    ),
    Case("list_at_top_level", "- id: nps\n  type: nps\n", (f"1:1: {NOT_A_MAPPING}",)),
    Case("scalar_at_top_level", "NPS survey for Alpha\n", (f"1:1: {NOT_A_MAPPING}",)),
    Case(
        "yaml_tag",
        edit("id: mini", "id: !!python/name:os.system mini"),
        (
            "2:5: YAML tag tag:yaml.org,2002:python/name:os.system is not supported in "
            "scripts; write the value as plain text",
        ),
    ),
    # --- missing fields --------------------------------------------------------------------
    Case(
        "missing_schema_version",
        edit("schema_version: 1\n", ""),
        ("1:1: missing required field 'schema_version' (write schema_version: 2)",),
    ),
    Case("missing_id", edit("id: mini\n", ""), ("1:1: missing required field 'id'",)),
    Case(
        "missing_title",
        edit("title: {ru: Мини-опрос, en: Mini survey}\n", ""),
        ("1:1: missing required field 'title'",),
    ),
    Case(
        "missing_languages",
        edit("languages: [ru, en]\n", ""),
        ("1:1: missing required field 'languages' (for example: languages: [ru, en])",),
    ),
    Case("missing_intro", edit(INTRO, ""), ("1:1: missing required field 'intro'",)),
    Case(
        "missing_consent",
        edit("consent:\n" + CONSENT_TEXT, ""),
        ("1:1: missing required field 'consent'",),
    ),
    Case(
        "missing_consent_text",
        edit(CONSENT_TEXT, "  note: {ru: Спросите, en: Ask}\n"),
        ("9:1: missing required field 'text'",),
    ),
    Case("missing_closing", edit(CLOSING, ""), ("1:1: missing required field 'closing'",)),
    Case("missing_closing_refused", edit(REFUSED, ""), ("11:1: missing required field 'refused'",)),
    Case("missing_questions", edit(QUESTIONS, ""), ("1:1: missing required field 'questions'",)),
    Case(
        "empty_question_list",
        edit(QUESTIONS, "questions: []\n"),
        ("15:1: 'questions' needs at least 1 item",),
    ),
    Case(
        "missing_question_type",
        edit("    type: open\n", ""),
        (f"47:5: missing required field 'type' (one of {TYPES})",),
    ),
    # --- schema_version ---------------------------------------------------------------------
    Case(
        "schema_version_too_new",
        edit("schema_version: 1", "schema_version: 3"),
        (
            "1:1: this script is written for a newer cati (schema_version 3); this cati reads "
            "up to 2: update cati",
        ),
    ),
    Case(
        "schema_version_zero",
        edit("schema_version: 1", "schema_version: 0"),
        ("1:1: schema_version 0 does not exist; the first is 1",),
    ),
    Case(
        "schema_version_text",
        edit("schema_version: 1", "schema_version: one"),
        ("1:17: schema_version must be a whole number",),
    ),
    # --- wrong types ------------------------------------------------------------------------
    Case(
        "text_where_a_number_is_option_code",
        edit("{code: 2, key: none", "{code: two, key: none"),
        ("21:10: 'code' must be a whole number, not 'two'",),
    ),
    Case(
        "text_where_a_number_is_numeric_max",
        edit("    max: 50\n", "    max: fifty\n"),
        ("46:5: 'max' must be a number, not 'fifty'",),
    ),
    Case(
        "number_where_a_list_is_options",
        edit(ROLE_OPTIONS, "    options: 2\n"),
        ("19:5: 'options' must be a list (items starting with '- '), not 2",),
    ),
    Case(
        "number_where_a_list_is_languages",
        edit("languages: [ru, en]", "languages: 2"),
        ("4:12: languages must be a list of language codes, like [ru, en]",),
    ),
    Case(
        "plain_text_where_a_question_is",
        edit("questions:\n", "questions:\n  - nps\n"),
        ("16:5: question 1 must be a mapping of fields (id, type, text, ...), not 'nps'",),
    ),
    Case(
        "true_where_a_text_is",
        edit("title: {ru: Мини-опрос, en: Mini survey}", "title: true"),
        ("3:1: 'title' must be text (or a mapping of language: text)",),
    ),
    Case("empty_text", edit(WHY_TEXT, "text: ''"), ("50:5: 'text' must not be empty",)),
    Case(
        "scale_label_key_not_a_number",
        edit(SCALE, "scale: {min: 1, max: 5, labels: {one: Плохо}}"),
        (
            "38:38: a scale label is given for 'one'; label the points of the scale by their "
            "numbers, like 1: ...",
        ),
    ),
    # --- unknown fields and names -------------------------------------------------------------
    Case(
        "unknown_top_level_field_did_you_mean",
        edit("id: mini\n", "id: mini\ntitel: Mini\n"),
        ("3:1: unknown field 'titel' (did you mean 'title'?)",),
    ),
    Case(
        "unknown_question_field_did_you_mean",
        edit(SHOW_IF, "    show_iff: nps <= 6"),
        ("49:5: unknown field 'show_iff' (did you mean 'show_if'?)",),
    ),
    Case(
        "unknown_question_type",
        edit("    type: numeric", "    type: number"),
        # A did-you-mean ('numeric') would help here as it does for fields.
        (
            "42:5: unknown question type 'number' (did you mean 'numeric'?); use one of "
            "single, multi, nps, rating, grid, numeric, open, info",
        ),
    ),
    Case(
        "bad_id_uppercase",
        edit("  - id: why", "  - id: Why"),
        (f"47:5: 'Why' is not a valid id: {ID_RULE}",),
    ),
    Case(
        "bad_id_space",
        edit("  - id: why", "  - id: why not"),
        (f"47:5: 'why not' is not a valid id: {ID_RULE}",),
    ),
    Case(
        "bad_id_cyrillic",
        edit("  - id: why", "  - id: почему"),
        (f"47:5: 'почему' is not a valid id: {ID_RULE}",),
    ),
    Case(
        "reserved_id_end",
        edit("  - id: why", "  - id: end"),
        ("47:5: 'end' is a reserved word and cannot be a question id",),
    ),
    # --- duplicates -------------------------------------------------------------------------
    Case(
        "duplicate_question_id",
        edit("  - id: why", "  - id: orders"),
        ("47:5: question id 'orders' is used twice (first by question 5)",),
    ),
    Case(
        "duplicate_yaml_key",
        edit("    type: open\n", "    type: open\n    type: single\n"),
        ("49:5: duplicate key 'type' (first given on line 48)",),
    ),
    Case(
        "duplicate_option_code",
        edit("{code: 2, key: speed", "{code: 1, key: speed"),
        ("33:10: option code 1 is used twice in reasons",),
    ),
    Case(
        "duplicate_option_key",
        edit("{code: 2, key: speed", "{code: 2, key: price"),
        ("33:19: option key 'price' is used twice in reasons",),
    ),
    Case(
        "duplicate_grid_row",
        edit("{id: delivery, label: {ru: Доставка", "{id: quality, label: {ru: Доставка"),
        ("40:10: row id 'quality' is used twice",),
    ),
    Case(
        "duplicate_language",
        edit("languages: [ru, en]", "languages: [ru, en, ru]"),
        ("4:1: language 'ru' is listed twice",),
    ),
    # --- options ------------------------------------------------------------------------------
    Case(
        "option_code_equal_to_a_special_code",
        (
            ("      - {code: 2, key: none", "      - {code: 98, key: none"),
            (ROLE_TEXT, ROLE_TEXT + "    special: [dont_know]\n"),
        ),
        ("22:10: option code 98 is the code of 'dont_know', which this question also offers",),
    ),
    Case(
        "single_choice_with_one_option",
        edit("      - {code: 2, key: none, label: {ru: Не участвую, en: Not involved}}\n", ""),
        ("19:5: 'options' needs at least 2 items",),
    ),
    Case(
        "exclusive_on_single_choice",
        edit(
            "en: Not involved}}\n    screen_out",
            "en: Not involved}, exclusive: true}\n    screen_out",
        ),
        ("21:74: 'exclusive' only applies to multiple choice questions (type: multi)",),
    ),
    Case(
        "max_choices_larger_than_the_options",
        edit("    type: multi\n", "    type: multi\n    max_choices: 3\n"),
        ("30:5: max_choices is 3 but only 2 options can be chosen together",),
    ),
    Case(
        "min_choices_above_max_choices",
        edit("    type: multi\n", "    type: multi\n    min_choices: 2\n    max_choices: 1\n"),
        ("30:5: min_choices is larger than max_choices",),
    ),
    # --- scales, ranges and special codes -----------------------------------------------------
    Case(
        "scale_min_not_below_max",
        edit(SCALE, "scale: {min: 5, max: 1}"),
        ("38:21: the scale must go up: max (1) is not above min (5)",),
    ),
    Case(
        "scale_wider_than_101_points",
        edit(SCALE, "scale: {min: 0, max: 200}"),
        ("38:21: a rating scale has at most 101 points; use a numeric question for wider ranges",),
    ),
    Case(
        "scale_label_outside_the_scale",
        edit(SCALE, "scale: {min: 1, max: 5, labels: {1: Плохо, 10: Отлично}}"),
        ("38:48: there is a label for 10, but the scale is 1-5",),
    ),
    Case(
        "special_code_inside_a_rating_scale",
        edit(SCALE + "\n", "scale: {min: 1, max: 100}\n    special: [dont_know]\n"),
        (
            "38:5: the code of 'dont_know' (98) lies inside the scale 1-100; choose another "
            "under special_codes",
        ),
    ),
    Case(
        "special_code_inside_a_numeric_range",
        edit("    max: 50\n", "    max: 500\n    special: [refused]\n"),
        (
            "47:5: the code of 'refused' (99) is a valid answer of this question; give it a "
            "code outside the range under special_codes, or set min/max",
        ),
    ),
    Case(
        "special_code_inside_the_nps_scale",
        special_codes("  dont_know: {code: 9, label: {ru: Не знаю, en: Don't know}}\n"),
        (
            "29:5: special code 9 lies inside the NPS scale 0-10; give it a code outside the "
            "scale under special_codes",
        ),
    ),
    Case(
        "same_code_for_dont_know_and_refused",
        special_codes(
            "  dont_know: {code: 99, label: {ru: Не знаю, en: Don't know}}\n"
            "  refused: {code: 99, label: {ru: Отказ, en: Refused}}\n"
        ),
        ("7:13: 'don't know' and 'refused' need different codes",),
    ),
    Case(
        "special_answers_on_an_info_screen",
        edit("    type: open\n", "    type: info\n    special: [dont_know]\n"),
        ("49:5: an info screen has no answer, so it takes no special codes",),
    ),
    Case(
        "numeric_min_above_max",
        edit("    min: 0\n    max: 50\n", "    min: 50\n    max: 10\n"),
        ("46:5: max (10) is below min (50)",),
    ),
    Case(
        "grid_without_rows",
        edit(GRID_ROWS, "    rows: []\n"),
        ("39:5: 'rows' needs at least 1 item",),
    ),
    # --- languages and texts ----------------------------------------------------------------
    Case(
        "missing_translation",
        edit(WHY_TEXT, "text: {ru: Что нам исправить}"),
        ("50:5: text: missing the 'en' text (the script's languages are ru, en)",),
    ),
    Case(
        "extra_unknown_language_in_a_text",
        edit(WHY_TEXT, "text: {ru: Что нам исправить, en: What should we fix, de: Was tun}"),
        ("50:5: text: 'de' is not one of the script's languages (ru, en)",),
    ),
    Case(
        "unquoted_comma_splits_a_text_in_braces",
        edit("{ru: Не участвую, en: Not involved}}\n", "{ru: Нет, не участвую, en: No}}\n"),
        (
            "21:30: label: 'не участвую' is not one of the script's languages (ru, en); a "
            "comma inside { } ends a text: put the text in quotes",
        ),
    ),
    Case(
        "bad_language_code_uppercase",
        edit("languages: [ru, en]", "languages: [ru, EN]"),
        ("4:17: 'EN' is not a language code; use two lowercase letters such as ru or en",),
    ),
    Case(
        "bad_language_code_a_word",
        edit("languages: [ru, en]", "languages: [russian, en]"),
        ("4:13: 'russian' is not a language code; use two lowercase letters such as ru or en",),
    ),
    # --- conditions: syntax -----------------------------------------------------------------
    Case(
        "condition_unclosed_string",
        edit(SCREEN_OUT, "{if: 'role == \"none', reason"),
        ('23:23: text starting here is not closed with "',),
    ),
    Case(
        "condition_single_equals",
        condition("nps = 6"),
        ("49:18: use '==' to compare ('=' alone is not an operator)",),
    ),
    Case(
        "condition_reversed_less_or_equal",
        condition("nps =< 6"),
        ("49:18: write '<=' instead of '=<'",),
    ),
    Case(
        "condition_double_ampersand",
        condition("nps <= 6 && csi.quality <= 2"),
        ("49:23: write 'and' instead of '&&'",),
    ),
    Case(
        "condition_dangling_and",
        condition("nps <= 6 and"),
        ("49:26: the condition ends too early: a value is missing",),
    ),
    Case(
        "condition_chained_comparison",
        condition("0 <= nps <= 6"),
        ("49:23: comparisons cannot be chained; join them with 'and' (a < b and b < c)",),
    ),
    Case("condition_blank", condition("'  '"), ("49:15: the condition is empty",)),
    Case(
        "condition_unknown_function",
        condition("avg(nps) <= 6"),
        (
            "49:14: unknown function avg(); known functions: abs, answered, count, days_since, "
            "dont_know, len, lower, max, min, refused",
        ),
    ),
    # --- conditions: names and types -----------------------------------------------------------
    Case(
        "condition_unknown_name_did_you_mean",
        condition("npss <= 6"),
        ("49:14: unknown name 'npss' (did you mean 'nps'?)",),
    ),
    Case(
        "condition_forward_reference_to_a_later_question",
        edit("    type: multi\n", "    type: multi\n    show_if: csi.quality <= 2\n"),
        (
            "30:14: csi is asked later (question 4); a condition can only use answers given "
            "before it",
        ),
    ),
    Case(
        "show_if_uses_its_own_answer",
        condition("answered(why)"),
        (
            "49:23: why is this question itself; its show_if cannot use its own answer (use "
            "skip or screen_out after it)",
        ),
    ),
    Case(
        "condition_unknown_contact_field",
        condition('contact.sgment == "lost"'),
        (
            "49:14: unknown contact field 'sgment' (did you mean 'segment'?); declare it under "
            "contact_fields",
        ),
    ),
    Case(
        "condition_undeclared_contact_value",
        condition('contact.segment == "lots"'),
        (
            '49:33: "lots" is not one of the values declared for contact.segment: "lost", '
            '"new", "regular"',
        ),
    ),
    Case(
        "condition_number_compared_with_text",
        condition('nps == "high"'),
        ("49:18: cannot compare nps (number) with text using '=='",),
    ),
    Case(
        "condition_unknown_option_key",
        edit(SCREEN_OUT, '{if: role == "owner", reason'),
        ('23:22: role has no option with key "owner"; its keys are "decides", "none"',),
    ),
    Case(
        "condition_unknown_option_code",
        edit(SCREEN_OUT, "{if: role == 7, reason"),
        ("23:22: role has no option with code 7; its codes are 1, 2",),
    ),
    Case(
        "condition_multiple_choice_compared_with_equals",
        condition('reasons == "price"'),
        (
            "49:22: reasons (multiple choice) holds several values and cannot be compared with "
            "'=='; use 'in' (\"price\" in reasons) or count(...)",
        ),
    ),
    Case(
        "condition_in_on_a_number",
        condition("6 in nps"),
        (
            "49:16: 'in' needs a list, a multiple-choice question or text on the right, not "
            "nps (number)",
        ),
    ),
    Case(
        "condition_grid_without_row",
        condition("csi <= 2"),
        ("49:14: csi is a grid: name one of its rows, like csi.quality",),
    ),
    Case(
        "condition_unknown_grid_row",
        condition("csi.qualty <= 2"),
        (
            "49:14: grid csi has no row 'qualty' (did you mean 'quality'?); its rows are "
            "quality, delivery",
        ),
    ),
    Case(
        "condition_not_true_or_false",
        condition("nps + 1"),
        (
            "49:18: a condition must be true or false, but this is number; compare it with "
            "something (for example: nps <= 6)",
        ),
    ),
    # --- routing ----------------------------------------------------------------------------
    Case(
        "skip_target_unknown",
        edit(
            AFTER_NPS,
            "    special: [dont_know]\n    skip:\n      - {if: nps >= 9, to: whyy}"
            "\n  - id: reasons",
        ),
        (
            "29:24: skip target 'whyy' is not a question (did you mean 'why'?); use a question "
            "id or 'end'",
        ),
    ),
    Case(
        "skip_target_backwards",
        edit(
            AFTER_NPS,
            "    special: [dont_know]\n    skip:\n      - {if: nps >= 9, to: role}"
            "\n  - id: reasons",
        ),
        (
            "29:24: skip target 'role' comes before this question; routing only goes forward "
            "(use show_if to ask a question again under a condition)",
        ),
    ),
    # --- piping -----------------------------------------------------------------------------
    Case(
        "piping_an_unknown_name",
        edit(WHY_TEXT, 'text: {ru: "Вы дали {npss}. Почему?", en: "You gave {npss}. Why?"}'),
        (
            "50:26: unknown name 'npss' (did you mean 'nps'?)",
            "50:58: unknown name 'npss' (did you mean 'nps'?)",
        ),
    ),
    Case(
        "piping_a_later_question",
        edit(NPS_TEXT, 'text: {ru: "Оцените {why}", en: "Rate {why}"}'),
        (
            "26:26: why is asked later (question 6); a piped text can only use answers given "
            "before it",
            "26:44: why is asked later (question 6); a piped text can only use answers given "
            "before it",
        ),
    ),
    Case(
        "piping_an_answer_into_the_introduction",
        edit('{ru: "Здравствуйте, {contact.name}!"', '{ru: "Здравствуйте, {nps}!"'),
        ("8:30: nps is asked later (question 2); this text can only use answers given before it",),
    ),
    Case(
        "unclosed_brace_in_a_text",
        edit('en: "Hello, {contact.name}!"', 'en: "Hello, {contact.name!"'),
        ("8:59: '{' is not closed with '}' (write '{{' for a brace)",),
    ),
    Case(
        "closing_brace_without_opening_in_a_text",
        edit('en: "Hello, {contact.name}!"', 'en: "Hello, contact.name}!"'),
        ("8:71: '}' without '{' (write '}}' for a brace)",),
    ),
    # --- alerts -----------------------------------------------------------------------------
    Case(
        "alert_condition_syntax_error",
        edit(ALERT, "  - {kind: detractor, if: nps = 6}"),
        ("52:31: use '==' to compare ('=' alone is not an operator)",),
    ),
    Case(
        "alert_condition_unknown_name",
        edit(ALERT, "  - {kind: detractor, if: nsp <= 6}"),
        # A swapped pair of letters finds no did-you-mean (difflib cutoff 0.7).
        ("52:27: unknown name 'nsp' (did you mean 'nps'?)",),
    ),
    Case(
        "alert_bad_kind",
        edit(ALERT, "  - {kind: Detractor!, if: nps <= 6}"),
        (
            "52:6: 'Detractor!' is not a valid alert kind: use lowercase latin letters, "
            "digits and _, starting with a letter",
        ),
    ),
    # --- limits: hostile input is a located problem, never a hang or a crash ----------------
    Case(
        "yaml_alias_is_refused_where_it_is_used",
        edit("languages: [ru, en]\n", "languages: &langs [ru, en]\ndescription: *langs\n"),
        (f"5:14: '*langs' {ALIAS}",),
    ),
    Case(
        "yaml_alias_bomb_is_refused_without_expanding_it",
        BASE + BOMB,
        (
            *(
                f"{line}:{column}: '*{name}' {ALIAS}"
                for line, name in ((54, "a"), (55, "b"))
                for column in range(8, 33, 3)
            ),
            f"56:8: '*c' {ALIAS}",
            f"56:11: '*c' {ALIAS}",
            "56:14: 7 more aliases (*name) from here on; write those values out in full too",
        ),
    ),
    Case(
        "yaml_alias_to_the_value_that_holds_it",
        edit("alerts:\n", "loop: &x [*x]\nalerts:\n"),
        (f"51:11: '*x' {ALIAS}",),
    ),
    Case(
        "yaml_brackets_nested_too_deep",
        edit("    max: 50\n", "    max: " + "[" * 40 + "]" * 40 + "\n"),
        (f"46:42: {TOO_DEEP}",),
    ),
    Case(
        "yaml_indentation_nested_too_deep",
        edit(
            "alerts:\n",
            "deep:\n"
            + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(35))
            + "  " * 36
            + "x: 1\nalerts:\n",
        ),
        (f"82:63: {TOO_DEEP}",),
    ),
    Case(
        "yaml_number_with_thousands_of_digits",
        edit("    max: 50\n", "    max: 1" + "0" * 5000 + "\n"),
        (f"46:10: 100000000000...0000 (5,001 characters) {NOT_A_NUMBER}",),
    ),
    Case(
        "yaml_number_beyond_floats",
        edit("    max: 50\n", "    max: 1e400\n"),
        (f"46:10: 1e400 {NOT_A_NUMBER}",),
    ),
    Case(
        "yaml_number_not_a_number",
        edit("    max: 50\n", "    max: .nan\n"),
        (f"46:10: .nan {NOT_A_NUMBER}",),
    ),
    Case(
        "quoted_number_too_large",
        edit("    max: 50\n", '    max: "1e300"\n'),
        ("46:5: 'max' must be a number of at most 15 digits, not '1e300'",),
    ),
    Case(
        "quoted_option_code_too_long",
        edit("{code: 1, key: decides", '{code: "' + "1" * 30 + '", key: decides'),
        (f"20:10: 'code' must be a number of at most 15 digits, not '{'1' * 30}'",),
    ),
    Case(
        "numeric_range_without_a_whole_number",
        edit("    min: 0\n    max: 50\n", "    min: 0.5\n    max: 0.7\n"),
        (
            "46:5: no whole number lies between min (0.5) and max (0.7); widen the range, or "
            "allow decimals with integer: false",
        ),
    ),
    Case(
        "condition_brackets_nested_too_deep",
        condition("(" * 40 + "nps <= 6" + ")" * 40),
        (f"49:46: {CONDITION_TOO_DEEP}",),
    ),
    Case(
        "condition_with_a_thousand_nots",
        condition("not " * 1000 + "nps <= 6"),
        (f"49:142: {CONDITION_TOO_DEEP}",),
    ),
    Case(
        "condition_too_long",
        condition(" or ".join(["nps <= 6"] * 600)),
        (
            "49:14: this condition is 7,196 characters long; a condition has at most 5,000: "
            "split the rule or use a list ([...])",
        ),
    ),
    Case(
        "condition_number_with_thousands_of_digits",
        condition("nps <= " + "9" * 4000),
        (
            "49:21: this number has 4000 digits before the decimal point; numbers in "
            "conditions have at most 15",
        ),
    ),
    Case(
        "condition_number_with_an_exponent",
        condition("nps > 1e400 / 3"),
        ("49:20: write numbers out in full, like 1500000; conditions have no exponents",),
    ),
    Case(
        "runaway_placeholder_is_quoted_by_its_start",
        edit('en: "Hello, {contact.name}!"', 'en: "Hello, {' + "(" * 100 + "x" + ")" * 100 + '}!"'),
        (f"8:92: in {{{'(' * 30}...}}: {CONDITION_TOO_DEEP}",),
    ),
    Case(
        "file_too_large",
        BASE.encode() + b"#" * 500_000,
        (
            "1:1: the file is more than the 500,000 bytes a script may have (the largest ready "
            "script has about 30,000): is this the right file?",
        ),
    ),
    Case(
        "condition_with_a_full_width_digit",
        condition("nps <= ６"),
        ("49:21: unexpected character '６'",),
    ),
]


def problems_of(raw: bytes, file: str = "s.yaml") -> list[str]:
    with pytest.raises(ScriptError) as caught:
        load_script_bytes(raw, file)
    assert all(p.file == file for p in caught.value.problems)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_a_text_too_large_is_refused_before_it_is_read() -> None:
    with pytest.raises(ScriptError) as caught:
        load_script_text(BASE + "#" * 500_000, "big.yaml")
    assert str(caught.value) == (
        "big.yaml:1:1: 501,839 characters is more than the 500,000 characters a script may "
        "have (the largest ready script has about 30,000): is this the right file?"
    )


def test_did_you_mean_hints_stop_after_fifty_so_thousands_of_misspellings_stay_quick() -> None:
    extra = "".join(
        f"  - id: extra{i}\n    type: open\n    show_if: nsp <= 6\n    {WHY_TEXT}\n"
        for i in range(60)
    )
    with pytest.raises(ScriptError) as caught:
        load_script_text(BASE.replace("  - id: why\n", extra + "  - id: why\n"), "s.yaml")
    messages = [p.message for p in caught.value.problems]
    assert (
        messages == ["unknown name 'nsp' (did you mean 'nps'?)"] * 50 + ["unknown name 'nsp'"] * 10
    )


def test_the_base_script_is_valid() -> None:
    script = load_script_text(BASE, "base.yaml")
    assert [q.id for q in script.questions] == ["role", "nps", "reasons", "csi", "orders", "why"]


def test_the_corpus_is_large_and_its_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 45


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_script_reports_exact_message_line_and_column(case: Case) -> None:
    assert problems_of(case.source()) == list(case.expected)


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.id in ("condition_dangling_and", "piping_a_later_question")],
    ids=lambda c: c.id,
)
def test_problem_names_the_offending_field(case: Case) -> None:
    with pytest.raises(ScriptError) as caught:
        load_script_bytes(case.source())
    fields = {p.field for p in caught.value.problems}
    assert fields <= {"questions[5].show_if", "questions[1].text.ru", "questions[1].text.en"}


# --- the command line ----------------------------------------------------------------------

BAD_ALERT = "  - {kind: x, if: nps = 1}"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_cli_check_prints_file_line_column_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "опрос с ошибками.yaml"
    bad.write_text(
        BASE.replace(SHOW_IF, "    show_if: npss <= 6").replace("  - id: why", "  - id: Why"),
        encoding="utf-8",
    )
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    status = main(["script", "check", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert status == 1
    assert err == ""
    assert out.splitlines() == [
        f"{bad}:47:5: 'Why' is not a valid id: {ID_RULE}",
        f"{good}: ok",
    ]


def test_cli_check_reports_every_problem_of_a_file_in_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BASE.replace(SHOW_IF, "    show_if: npss <= 6").replace(ALERT, BAD_ALERT),
        encoding="utf-8",
    )
    assert main(["script", "check", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{bad}:49:14: unknown name 'npss' (did you mean 'nps'?)",
        f"{bad}:52:23: use '==' to compare ('=' alone is not an operator)",
    ]
    assert all(LINE.match(line) for line in lines)


def test_cli_check_ok_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    assert main(["script", "check", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"


def test_cli_check_missing_file_is_a_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["script", "check", str(missing)]) == 1
    expected = f"{missing}:1:1: cannot read the file: No such file or directory\n"
    assert capsys.readouterr().out == expected


# --- nothing crashes -------------------------------------------------------------------------


def _mutations() -> st.SearchStrategy[str]:
    """BASE with a few characters deleted, inserted or swapped: nearly-valid scripts reach
    far deeper into the checks than random text does."""
    pieces = st.sampled_from(
        [
            *"{}[]:,-\"'#&*!|>?%@` \n\t0123456789az_.=<Яё",
            *("nps", "role", "csi.quality", "contact.", "\x00", "\ufeff", "null", "- ", "{{"),
        ]
    )
    edit_op = st.tuples(st.integers(0, len(BASE)), st.integers(0, 8), pieces)

    def apply(ops: list[tuple[int, int, str]]) -> str:
        text = BASE
        for at, cut, piece in ops:
            at = min(at, len(text))
            text = text[:at] + piece + text[at + cut :]
        return text

    return st.lists(edit_op, min_size=1, max_size=4).map(apply)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _loads_or_script_error(raw: bytes) -> None:
    try:
        script = load_script_bytes(raw, "fuzz.yaml")
    except ScriptError as error:
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message and "Traceback" not in problem.message
    else:
        assert isinstance(script, Script)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_script_error(raw: bytes) -> None:
    _loads_or_script_error(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_raises_only_script_error(text: str) -> None:
    _loads_or_script_error(_encode(text))


@settings(max_examples=300, deadline=None)
@given(_mutations())
def test_mutated_scripts_raise_only_script_error(text: str) -> None:
    _loads_or_script_error(_encode(text))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.one_of(st.binary(max_size=500), _mutations().map(_encode)))
def test_cli_never_prints_a_traceback(
    raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    status = main(["script", "check", str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in out + err
    assert err == ""
    for line in out.splitlines():
        assert line == f"{path}: ok" or LINE.match(line), line
