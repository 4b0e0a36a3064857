"""The respondent table: one row per interview, one column per answer code, plus paradata.

Pure: it takes :class:`~cati.exports.records.StudyResults` and the loaded script and returns
pandas frames with the :class:`~cati.exports.variables.Variable` list that describes them;
the writers (CSV, XLSX, SPSS, Triple-S) only change the container.

Numeric variables are ``float64`` with NaN for "not asked"; text variables are ``str`` with
"" for "not asked". Weights (``weights=True``) are the client report's population weights
(:func:`reports.findings.weights.study_weighting`: the *complete* interviews post-stratified
to the segments' populations; a segment's population is its ``population`` or, when unset,
its number of contacts), scaled to sum to the number of completes so that significance
tests in SPSS see the real sample size - the same relative weights, so a weighted NPS in
SPSS equals the report's; other rows have no weight. Segments without any complete
interview are left out of weighting, and the table's ``notes`` say so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from cati.dispositions import Disposition, UnknownDispositionCode
from cati.exports.errors import ExportError
from cati.exports.records import InterviewRecord, StudyResults
from cati.exports.variables import (
    STATUS_CODES,
    STATUS_LABELS,
    Variable,
    script_variables,
)
from reports.data import SEGMENT
from reports.errors import ReportInputError
from reports.findings.weights import study_weighting
from surveys.model import GridQuestion, MultipleChoice, Script
from surveys.specials import special_code

__all__ = ["RespondentTable", "build_respondent_table"]

_ID_LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "respondent_id": "Идентификатор респондента (псевдоним)",
        "interview_id": "Номер интервью",
        "status": "Статус интервью",
        "segment": "Сегмент",
        "language": "Язык интервью",
        "weight": "Вес (постстратификация по сегментам)",
        "company": "Компания",
        "contact_name": "Контактное лицо",
        "position": "Должность",
        "email": "Электронная почта",
        "phone": "Телефон",
        "interviewer": "Интервьюер",
        "attempts": "Число звонков",
        "call_seconds": "Время разговоров, с",
        "final_disposition": "Итоговый код AAPOR",
        "final_outcome": "Итог",
        "started_at": "Начало интервью (UTC)",
        "completed_at": "Окончание интервью (UTC)",
        "duration_seconds": "Длительность интервью, с",
        "recording_consent": "Согласие на запись",
    },
    "en": {
        "respondent_id": "Respondent id (pseudonym)",
        "interview_id": "Interview number",
        "status": "Interview status",
        "segment": "Segment",
        "language": "Interview language",
        "weight": "Weight (post-stratified to segments)",
        "company": "Company",
        "contact_name": "Contact person",
        "position": "Position",
        "email": "E-mail",
        "phone": "Phone",
        "interviewer": "Interviewer",
        "attempts": "Calls made",
        "call_seconds": "Talk time, s",
        "final_disposition": "Final AAPOR code",
        "final_outcome": "Final outcome",
        "started_at": "Interview start (UTC)",
        "completed_at": "Interview end (UTC)",
        "duration_seconds": "Interview length, s",
        "recording_consent": "Consent to recording",
    },
}
_YES_NO = {"ru": {0: "Нет", 1: "Да"}, "en": {0: "No", 1: "Yes"}}


@dataclass(frozen=True)
class RespondentTable:
    """The data and paradata frames with the variables describing their columns."""

    title: str
    language: str
    data: pd.DataFrame
    variables: tuple[Variable, ...]
    paradata: pd.DataFrame
    paradata_variables: tuple[Variable, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def variable(self, name: str) -> Variable:
        for variable in (*self.variables, *self.paradata_variables):
            if variable.name == name:
                return variable
        raise KeyError(name)


def _label(name: str, language: str) -> str:
    return _ID_LABELS.get(language, _ID_LABELS["en"])[name]


def build_respondent_table(
    results: StudyResults,
    script: Script,
    *,
    language: str | None = None,
    weights: bool = False,
    include_contacts: bool = False,
) -> RespondentTable:
    """The respondent table of ``results``; see the module docstring for the rules."""
    lang = language or script.languages[0]
    if lang not in script.languages:
        raise ExportError(
            f"the script has no texts in {lang!r}; choose one of {', '.join(script.languages)}"
        )
    answer_vars = script_variables(script, lang)
    id_vars = _identification_variables(lang, weights, include_contacts)
    names = [v.name for v in id_vars]
    clash = sorted({v.name for v in answer_vars} & set(names))
    if clash:
        raise ExportError(
            f"question ids {clash} clash with the export's own columns; rename the questions "
            "in the script (e.g. add a prefix)"
        )
    interviews = sorted(results.interviews, key=lambda r: r.interview_id)
    rows = [_data_row(script, record, answer_vars, include_contacts) for record in interviews]
    columns = [v.name for v in (*id_vars, *answer_vars) if v.name != "weight"]
    data = pd.DataFrame(rows, columns=columns)
    variables = list(id_vars) + answer_vars
    notes: list[str] = []
    if weights:
        data.insert(names.index("weight"), "weight", _weights(results, interviews, notes, lang))
    data = _typed(data, variables)
    para_vars = _paradata_variables(lang)
    paradata = _typed(
        pd.DataFrame(
            [_paradata_row(record, lang) for record in interviews],
            columns=[v.name for v in para_vars],
        ),
        para_vars,
    )
    title = f"{results.study_name} ({results.client_name})" if results.client_name else ""
    return RespondentTable(
        title=title or results.study_name,
        language=lang,
        data=data,
        variables=tuple(variables),
        paradata=paradata,
        paradata_variables=tuple(para_vars),
        notes=tuple(notes),
    )


def _identification_variables(lang: str, weights: bool, contacts: bool) -> list[Variable]:
    status_labels = STATUS_LABELS.get(lang, STATUS_LABELS["en"])
    out = [
        Variable("respondent_id", _label("respondent_id", lang), "text"),
        Variable("interview_id", _label("interview_id", lang), "numeric"),
        Variable("status", _label("status", lang), "numeric", value_labels=dict(status_labels)),
        Variable("segment", _label("segment", lang), "text"),
        Variable("language", _label("language", lang), "text"),
    ]
    if weights:
        out.append(Variable("weight", _label("weight", lang), "numeric", measure="scale"))
    if contacts:
        out += [
            Variable(name, _label(name, lang), "text")
            for name in ("company", "contact_name", "position", "email", "phone")
        ]
    return out


def _paradata_variables(lang: str) -> list[Variable]:
    def text(name: str) -> Variable:
        return Variable(name, _label(name, lang), "text")

    def number(name: str) -> Variable:
        return Variable(name, _label(name, lang), "numeric", measure="scale")

    return [
        text("respondent_id"),
        Variable("interview_id", _label("interview_id", lang), "numeric"),
        text("interviewer"),
        number("attempts"),
        number("call_seconds"),
        text("final_disposition"),
        text("final_outcome"),
        text("started_at"),
        text("completed_at"),
        number("duration_seconds"),
        Variable(
            "recording_consent",
            _label("recording_consent", lang),
            "numeric",
            value_labels=dict(_YES_NO.get(lang, _YES_NO["en"])),
        ),
    ]


def _data_row(
    script: Script, record: InterviewRecord, variables: list[Variable], contacts: bool
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "respondent_id": record.respondent_id,
        "interview_id": record.interview_id,
        "status": STATUS_CODES.get(record.status, math.nan),
        "segment": record.segment or "",
        "language": record.language,
    }
    if contacts:
        person = record.contact
        row |= {
            "company": person.company if person else "",
            "contact_name": person.name if person else "",
            "position": person.position if person else "",
            "email": person.email if person else "",
            "phone": ", ".join(person.phones) if person else "",
        }
    for variable in variables:
        row[variable.name] = _value(
            script, variable, record.answers.get(variable.question_id or "")
        )
    return row


def _value(script: Script, variable: Variable, answer: Mapping[str, Any] | None) -> Any:
    """The cell of ``variable`` for one stored answer (see ``surveys.answers`` for shapes)."""
    empty: Any = "" if variable.kind == "text" else math.nan
    if answer is None:
        return empty
    special = answer.get("special")
    value = answer.get("value")
    if variable.part == "other":
        return str(answer.get("other") or "")
    if special:
        code = special_code(script, special).code
        return str(code) if variable.kind == "text" else code
    question = script.by_id[variable.question_id or ""]
    if isinstance(question, MultipleChoice):
        if value is None:
            return empty
        return 1 if variable.part in value else 0
    if isinstance(question, GridQuestion):
        point = value.get(str(variable.part)) if isinstance(value, Mapping) else None
        if isinstance(point, str):
            return special_code(script, point).code
        return empty if point is None else point
    if value is None:
        return empty
    return str(value) if variable.kind == "text" else value


def _weights(
    results: StudyResults, interviews: list[InterviewRecord], notes: list[str], lang: str
) -> list[float]:
    completes = [r for r in interviews if r.status == "complete"]
    if not completes:
        notes.append(
            "нет завершённых интервью: веса не рассчитаны"
            if lang == "ru"
            else "no complete interviews: no weights computed"
        )
        return [math.nan] * len(interviews)
    unsegmented = [r.interview_id for r in completes if not r.segment]
    if unsegmented:
        raise ExportError(
            f"{len(unsegmented)} complete interviews have no segment (e.g. interview "
            f"{unsegmented[0]}); assign every contact to a segment before exporting weights"
        )
    present = {r.segment for r in completes}
    population = {
        s.name: float(s.weighting_population) for s in results.segments if s.name in present
    }
    skipped = sorted(s.name for s in results.segments if s.name not in present)
    if skipped:
        notes.append(
            (
                "сегменты без завершённых интервью не участвуют во взвешивании: "
                if lang == "ru"
                else "segments without complete interviews are left out of weighting: "
            )
            + ", ".join(skipped)
        )
    try:  # the report's own weights (one home for weighting), scaled to the interviews
        scheme = study_weighting(
            pd.DataFrame({SEGMENT: [r.segment for r in completes]}), population, None, "population"
        )
    except ReportInputError as error:
        raise ExportError(f"cannot weight the interviews: {error}") from None
    if scheme.weights is None:  # pragma: no cover - population weighting always weights
        raise ExportError("cannot weight the interviews: no weights were computed")
    weights = scheme.weights * (len(completes) / scheme.weighted_base)
    by_interview = dict(zip((r.interview_id for r in completes), weights, strict=True))
    return [float(by_interview.get(r.interview_id, math.nan)) for r in interviews]


def _paradata_row(record: InterviewRecord, lang: str) -> dict[str, Any]:
    outcome = ""
    if record.final_disposition:
        try:
            outcome = Disposition.from_code(record.final_disposition).label(lang)
        except UnknownDispositionCode:
            outcome = ""
    return {
        "respondent_id": record.respondent_id,
        "interview_id": record.interview_id,
        "interviewer": record.interviewer,
        "attempts": record.attempts,
        "call_seconds": math.nan if record.call_seconds is None else record.call_seconds,
        "final_disposition": record.final_disposition or "",
        "final_outcome": outcome,
        "started_at": record.started_at.isoformat(timespec="seconds"),
        "completed_at": (
            record.completed_at.isoformat(timespec="seconds") if record.completed_at else ""
        ),
        "duration_seconds": (
            math.nan if record.duration_seconds is None else record.duration_seconds
        ),
        "recording_consent": (
            math.nan if record.recording_consent is None else int(record.recording_consent)
        ),
    }


def _typed(frame: pd.DataFrame, variables: list[Variable]) -> pd.DataFrame:
    for variable in variables:
        if variable.name not in frame.columns:
            continue
        if variable.kind == "numeric":
            frame[variable.name] = pd.to_numeric(frame[variable.name], errors="coerce").astype(
                "float64"
            )
        else:
            frame[variable.name] = frame[variable.name].fillna("").astype(object).map(str)
    return frame
