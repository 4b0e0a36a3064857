"""Reading and writing a study's outcome table as plain settings (JSON/YAML-able dicts).

The format, version 1::

    {
      "schema_version": 1,
      "max_attempts": 6,
      "allow_refusal_conversion": false,
      "outcomes": {
        "no_answer": {"label_en": "No answer", "label_ru": "Не отвечает",
                      "disposition": "3.13a", "final": false, "retry_delay_minutes": 180,
                      "another_part_of_day": true, ...},
        "fax": null                      # removes an outcome of the base table
      },
      "call_results": {"no_answer": "no_answer", "answered": null, ...}
    }

Settings are merged onto a base table (the defaults): an outcome that is named keeps the base's
values for the fields it leaves out. Every problem is collected and reported at once, each with
the path of the field ("outcomes.busy.retry_delay_minutes: ...") and what is expected there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from cati.dispositions.codes import Disposition
from cati.dispositions.errors import OutcomeSettingsError, UnknownDispositionCode
from cati.telephony.results import CallResult

if TYPE_CHECKING:
    from cati.dispositions.outcomes import Outcome, OutcomeTable

SCHEMA_VERSION = 1
_TOP_LEVEL = ("schema_version", "max_attempts", "allow_refusal_conversion", "outcomes",
              "call_results")  # fmt: skip
_BOOL_FIELDS = (
    "final",
    "another_part_of_day",
    "try_next_number",
    "note_required",
    "appointment",
    "counts_as_attempt",
    "ends_at_max_attempts",
    "conversion",
    "system",
)
_FIELDS = (
    "label_en",
    "label_ru",
    "disposition",
    "retry_delay_minutes",
    "final_at_max_attempts",
    *_BOOL_FIELDS,
)
_REQUIRED_FOR_NEW = ("label_en", "label_ru", "disposition", "final")
_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def table_to_settings(table: OutcomeTable) -> dict[str, Any]:
    """The whole table as a JSON-able dict (every field written, so the file is explicit).

    A default outcome the study removed is written as ``null``, so that reading the dict back
    onto the defaults gives the same table.
    """
    from cati.dispositions.outcomes import DEFAULT_OUTCOMES

    outcomes: dict[str, Any] = {key: _outcome_to_settings(o) for key, o in table.outcomes.items()}
    for removed in (o.key for o in DEFAULT_OUTCOMES if o.key not in table.outcomes):
        outcomes[removed] = None
    return {
        "schema_version": SCHEMA_VERSION,
        "max_attempts": table.max_attempts,
        "allow_refusal_conversion": table.allow_refusal_conversion,
        "outcomes": outcomes,
        "call_results": {result.value: key for result, key in table.call_results.items()},
    }


def _outcome_to_settings(outcome: Outcome) -> dict[str, Any]:
    delay: float | None = None
    if outcome.retry_delay is not None:
        minutes = outcome.retry_delay / timedelta(minutes=1)
        delay = int(minutes) if minutes.is_integer() else minutes
    return {
        "label_en": outcome.label_en,
        "label_ru": outcome.label_ru,
        "disposition": outcome.disposition.value,
        "final": outcome.final,
        "retry_delay_minutes": delay,
        "another_part_of_day": outcome.another_part_of_day,
        "try_next_number": outcome.try_next_number,
        "note_required": outcome.note_required,
        "appointment": outcome.appointment,
        "counts_as_attempt": outcome.counts_as_attempt,
        "ends_at_max_attempts": outcome.ends_at_max_attempts,
        "final_at_max_attempts": (
            None if outcome.final_at_max_attempts is None else outcome.final_at_max_attempts.value
        ),
        "conversion": outcome.conversion,
        "system": outcome.system,
    }


def table_from_settings(settings: Mapping[str, Any] | None, base: OutcomeTable) -> OutcomeTable:
    """Merge ``settings`` onto ``base`` and validate the result (see the module docstring)."""
    from cati.dispositions.outcomes import OutcomeTable

    merged = table_to_settings(base)
    problems: list[str] = []
    if settings is None:
        settings = {}
    if not isinstance(settings, Mapping):
        raise OutcomeSettingsError(
            f"Outcome settings must be a mapping (a dict), got {type(settings).__name__}."
        )
    for name in settings:
        if name not in _TOP_LEVEL:
            problems.append(f"{name}: unknown setting; expected one of {', '.join(_TOP_LEVEL)}")

    version = settings.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        problems.append(
            f"schema_version: {version!r} is not supported; this version of cati reads "
            f"{SCHEMA_VERSION}"
        )

    max_attempts = settings.get("max_attempts", merged["max_attempts"])
    if not _is_int(max_attempts) or max_attempts < 1:
        problems.append(f"max_attempts: must be a whole number of at least 1, got {max_attempts!r}")

    conversion = settings.get("allow_refusal_conversion", merged["allow_refusal_conversion"])
    if not isinstance(conversion, bool):
        problems.append(f"allow_refusal_conversion: must be true or false, got {conversion!r}")

    raw_outcomes: dict[str, Any] = {k: v for k, v in merged["outcomes"].items() if v is not None}
    given_outcomes = settings.get("outcomes", {})
    if not isinstance(given_outcomes, Mapping):
        problems.append("outcomes: must be a mapping of outcome key to its fields")
        given_outcomes = {}
    for key, fields in given_outcomes.items():
        if fields is None:
            raw_outcomes.pop(key, None)
            continue
        if not isinstance(fields, Mapping):
            problems.append(f"outcomes.{key}: must be a mapping of fields (or null to remove it)")
            continue
        if key in raw_outcomes:
            raw_outcomes[key] = {**raw_outcomes[key], **fields}
        else:
            missing = [f for f in _REQUIRED_FOR_NEW if f not in fields]
            if missing:
                problems.append(f"outcomes.{key}: a new outcome needs {', '.join(missing)}")
                continue
            raw_outcomes[key] = dict(fields)

    outcomes: dict[str, Outcome] = {}
    for key, fields in raw_outcomes.items():
        outcome = _parse_outcome(key, fields, problems)
        if outcome is not None:
            outcomes[key] = outcome

    call_results = _parse_call_results(
        {**merged["call_results"], **_mapping_or_report(settings, "call_results", problems)},
        raw_outcomes,
        problems,
    )
    if not any(not o.system for o in outcomes.values()) and not problems:
        problems.append("outcomes: the table offers the interviewer no outcome at all")

    if problems:
        raise OutcomeSettingsError(
            "The study's outcome table settings are invalid:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
    return OutcomeTable(
        outcomes,
        max_attempts=max_attempts,
        allow_refusal_conversion=conversion,
        call_results=call_results,
    )


def _mapping_or_report(settings: Mapping[str, Any], name: str, problems: list[str]) -> dict:
    value = settings.get(name, {})
    if not isinstance(value, Mapping):
        problems.append(f"{name}: must be a mapping")
        return {}
    return dict(value)


def _parse_outcome(key: object, fields: Mapping[str, Any], problems: list[str]) -> Outcome | None:
    from cati.dispositions.outcomes import Outcome

    where = f"outcomes.{key}"
    before = len(problems)
    if not isinstance(key, str) or not _KEY_PATTERN.match(key):
        problems.append(
            f"{where}: an outcome key is lower-case latin letters, digits and '_', starting "
            "with a letter (e.g. 'no_answer')"
        )
    for name in fields:
        if name not in _FIELDS:
            problems.append(f"{where}.{name}: unknown field; expected one of {', '.join(_FIELDS)}")

    labels = {}
    for name in ("label_en", "label_ru"):
        value = fields.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}.{name}: must be a non-empty text, got {value!r}")
        labels[name] = value if isinstance(value, str) else ""

    flags: dict[str, bool] = {}
    for name in _BOOL_FIELDS:
        value = fields.get(name, name in ("counts_as_attempt", "ends_at_max_attempts"))
        if not isinstance(value, bool):
            problems.append(f"{where}.{name}: must be true or false, got {value!r}")
            value = False
        flags[name] = value

    disposition = _parse_code(fields.get("disposition"), f"{where}.disposition", problems)
    at_max_raw = fields.get("final_at_max_attempts")
    at_max = (
        None
        if at_max_raw is None
        else _parse_code(at_max_raw, f"{where}.final_at_max_attempts", problems)
    )
    if at_max is not None and not at_max.is_final:
        problems.append(
            f"{where}.final_at_max_attempts: {at_max.value} is a temporary code; the code a "
            "case closes with must be final (no trailing letter)"
        )

    delay_raw = fields.get("retry_delay_minutes")
    delay: timedelta | None = None
    if delay_raw is not None:
        if _is_number(delay_raw) and delay_raw >= 0:
            delay = timedelta(minutes=delay_raw)
        else:
            problems.append(
                f"{where}.retry_delay_minutes: must be a number of minutes >= 0 or null, "
                f"got {delay_raw!r}"
            )

    final = flags["final"]
    if final:
        if disposition is not None and not disposition.is_final:
            problems.append(
                f"{where}.disposition: a final outcome needs a final AAPOR code (no trailing "
                f"letter), got {disposition.value}; use {disposition.closes_as.value}"
            )
        if delay is not None:
            problems.append(
                f"{where}.retry_delay_minutes: a final outcome is not retried; use null"
            )
        if flags["appointment"]:
            problems.append(f"{where}: an outcome cannot be both final and an appointment")
        if flags["conversion"]:
            problems.append(
                f"{where}.conversion: only a temporary refusal can be converted; set final to "
                "false or conversion to false"
            )
    elif delay is None and not flags["appointment"]:
        problems.append(
            f"{where}.retry_delay_minutes: a temporary outcome needs a retry delay (minutes), "
            "unless it books an appointment"
        )

    if len(problems) != before or disposition is None:
        return None
    return Outcome(
        key=str(key),
        label_en=labels["label_en"],
        label_ru=labels["label_ru"],
        disposition=disposition,
        final=final,
        retry_delay=delay,
        another_part_of_day=flags["another_part_of_day"],
        try_next_number=flags["try_next_number"],
        note_required=flags["note_required"],
        appointment=flags["appointment"],
        counts_as_attempt=flags["counts_as_attempt"],
        ends_at_max_attempts=flags["ends_at_max_attempts"],
        final_at_max_attempts=at_max,
        conversion=flags["conversion"],
        system=flags["system"],
    )


def _parse_code(value: object, where: str, problems: list[str]) -> Disposition | None:
    try:
        return Disposition.from_code(value)
    except UnknownDispositionCode as error:
        problems.append(f"{where}: {error}")
        return None


def _parse_call_results(
    given: Mapping[str, Any], outcomes: Mapping[str, Any], problems: list[str]
) -> dict[CallResult, str | None]:
    result: dict[CallResult, str | None] = {}
    known = ", ".join(r.value for r in CallResult)
    for raw, key in given.items():
        try:
            call_result = CallResult(raw)
        except ValueError:
            problems.append(f"call_results.{raw}: unknown dialer result; expected one of {known}")
            continue
        if key is not None and key not in outcomes:
            problems.append(
                f"call_results.{raw}: {key!r} is not an outcome of this table; use one of "
                f"{', '.join(outcomes)} or null"
            )
            continue
        result[call_result] = key
    return result


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
