"""The plain input of the client report: answers, the script, and the fieldwork facts.

``reports`` never talks to the database. Whoever builds a report (``cati report``, a
notebook, a test) hands over a :class:`ReportData`:

``script``
    The :class:`surveys.Script` that was fielded: question texts, option labels, scales,
    which codes mean "don't know" / "refused", and the question roles it declares (the NPS
    question or the overall satisfaction rating, the satisfaction and importance grids,
    the open questions to read: :func:`question_roles`); pass ``roles`` to override.

``responses``
    A pandas DataFrame, **one row per complete interview**; the index is an anonymous
    respondent number (never a phone, never a contact id a client could look up).
    Columns:

    ==========================  ==========================================================
    column                      content
    ==========================  ==========================================================
    ``segment``                 the respondent's segment code (``"new"``, ``"lost"``, ...)
    attribute columns           contact attributes picked for breakdowns (``manager``,
                                ``region``, ``product``, ``revenue_band``); text or numbers
    ``<q>``                     single choice: the option code (int); rating / NPS /
                                numeric: the value; open: the text
    ``<q>.<row>``               grid rows, e.g. ``csi.quality`` (the scale value)
    ``<q>``                     multiple choice: a list of option codes per respondent ...
    ``<q>.<code>``              ... or one 0/1 column per option code (``source.1``)
    ``<q>:other``               the "other, specify" text of a choice question (optional)
    ``<col>:special``           ``"dont_know"`` or ``"refused"`` when that special answer
                                was given to ``<col>`` (a question or a grid row)
    ==========================  ==========================================================

    A question that routing skipped, and a special answer, are both NaN in the answer
    column; the ``:special`` marker tells them apart, so "don't know" never enters a mean
    but is still counted in the appendix tables.

``fieldwork``
    :class:`Fieldwork`: study and client names, dates, the final disposition counts and
    AAPOR rates as plain dicts (``cati`` computes them; ``reports`` only prints them),
    completes and targets per segment.

``population``
    Segment -> number of clients in the base (the frame), for the margins of error and for
    ``weights="population"`` (post-stratification; the default when every segment has one).

``scorecards``
    The attribute to build per-group scorecards for (a column of ``responses``); None
    picks the column named like an account manager (``manager``, ``менеджер``), if any.

``margins``
    ``{attribute: {group: share or count}}`` for ``weights="raking"``
    (:mod:`reports.margins`); attributes are ``segment`` or columns of ``responses``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from reports.errors import ReportInputError
from reports.themes import ThemeDictionary
from surveys.model import (
    GridQuestion,
    MultipleChoice,
    NpsQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    Script,
)
from surveys.roles import ScriptRoles

SEGMENT = "segment"
SPECIAL_SUFFIX = ":special"
OTHER_SUFFIX = ":other"
DONT_KNOW, REFUSED = "dont_know", "refused"

#: Localised text: ``{"ru": ..., "en": ...}`` or one string for every language.
Label = str | Mapping[str, str]


@dataclass(frozen=True)
class OutcomeCount:
    """One row of the final outcome table: AAPOR code, its label, number of cases."""

    code: str
    label: Label
    count: int


@dataclass(frozen=True)
class Fieldwork:
    """Facts about the study and its fieldwork, as plain values.

    ``rates`` maps AAPOR rate names to shares 0..1 (``{"RR1": 0.21, "COOP1": 0.64,
    "REF1": 0.09, "CON1": 0.33}``); ``None`` means undefined. ``completes`` and ``targets``
    map segment -> count; ``completes`` defaults to the rows of ``responses``.
    """

    study: Label
    client: Label
    fieldwork_start: date
    fieldwork_end: date
    report_date: date
    outcomes: Sequence[OutcomeCount] = ()
    rates: Mapping[str, float | None] = field(default_factory=dict)
    completes: Mapping[str, int] = field(default_factory=dict)
    targets: Mapping[str, int] = field(default_factory=dict)
    agency: Label | None = None
    interviewers: int | None = None
    e: float | None = None


#: Which questions play which part in the analysis: the roles the script declares
#: (:class:`surveys.roles.ScriptRoles`; ``outcome`` is NPS, else overall satisfaction).
QuestionRoles = ScriptRoles


@dataclass(frozen=True)
class ReportData:
    """Everything a report is built from; see the module docstring for the shapes."""

    script: Script
    responses: pd.DataFrame
    fieldwork: Fieldwork
    population: Mapping[str, float] = field(default_factory=dict)
    breakdowns: Sequence[str] = ()
    segment_labels: Mapping[str, Label] = field(default_factory=dict)
    attribute_labels: Mapping[str, Label] = field(default_factory=dict)
    roles: Mapping[str, Any] | QuestionRoles | None = None
    themes: ThemeDictionary | None = None
    min_base: int = 30
    margins: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    scorecards: str | None = None


def localized(label: Label | None, lang: str, default: str = "") -> str:
    """The ``lang`` text of a label (falling back to English, then to any language)."""
    if label is None:
        return default
    if isinstance(label, str):
        return label
    for key in (lang, "en", "ru"):
        if label.get(key):
            return str(label[key])
    return next((str(v) for v in label.values() if v), default)


def question_roles(
    script: Script, overrides: Mapping[str, Any] | QuestionRoles | None = None
) -> QuestionRoles:
    """The question roles ``script`` declares (``role:`` in the script; see
    ``surveys/FORMAT.md``), with ``overrides`` for an analysis the script did not plan
    (``{"importance": None}``). Nothing is guessed from question ids here: scripts older
    than roles were given theirs when they were loaded.
    """
    if isinstance(overrides, ScriptRoles):
        roles = overrides
    else:
        given = dict(overrides or {})
        known = {f.name for f in fields(ScriptRoles)}
        unknown = set(given) - known
        if unknown:
            raise ReportInputError(
                f"unknown question roles {sorted(unknown)}; use {', '.join(sorted(known))}"
            )
        for key in ("checklist", "comment", "improvement", "open_answers"):
            if key in given:
                given[key] = tuple(given[key] or ())
        roles = replace(script.roles, **given)
    _check_role(script, roles.nps, NpsQuestion | RatingQuestion, "nps")
    _check_role(script, roles.csi_overall, RatingQuestion, "csi_overall")
    _check_role(script, roles.satisfaction, GridQuestion, "satisfaction")
    _check_role(script, roles.importance, GridQuestion, "importance")
    for qid in roles.open_answers:
        _check_role(script, qid, OpenQuestion, "comment")
    if roles.outcome is None:
        raise ReportInputError(
            f"script {script.id!r} declares no question with role nps or csi_overall, so the "
            "report has nothing to explain: add 'role: nps' to the recommendation question "
            "or 'role: csi_overall' to the overall satisfaction rating (surveys/FORMAT.md)"
        )
    return roles


def _check_role(script: Script, qid: str | None, kind: Any, role: str) -> None:
    if qid is None:
        return
    q = script.by_id.get(qid)
    if q is None:
        raise ReportInputError(f"question role {role!r}: {qid!r} is not a question of the script")
    if not isinstance(q, kind):
        raise ReportInputError(
            f"question role {role!r}: {qid!r} is a {getattr(q, 'type', '?')} question"
        )


def grid_columns(q: GridQuestion) -> dict[str, str]:
    """Row id -> answer column for a grid (``csi.quality``)."""
    return {r.id: f"{q.id}.{r.id}" for r in q.rows}


def multi_matrix(responses: pd.DataFrame, q: MultipleChoice) -> pd.DataFrame | None:
    """0/1 matrix (respondent x option code) of a multiple-choice question, or None.

    Accepts a list-valued column ``<q>`` or 0/1 columns ``<q>.<code>``. Respondents who were
    not asked (NaN / missing list) get NaN rows.
    """
    codes = [o.code for o in q.options]
    if q.id in responses.columns:
        col = responses[q.id]
        asked = col.map(lambda v: isinstance(v, list | tuple | set | np.ndarray))
        data = {
            c: col.map(
                lambda v, c=c: (
                    float(c in v) if isinstance(v, list | tuple | set | np.ndarray) else np.nan
                )
            )
            for c in codes
        }
        out = pd.DataFrame(data, index=responses.index)
        out[~asked] = np.nan
        return out
    cols = {c: f"{q.id}.{c}" for c in codes if f"{q.id}.{c}" in responses.columns}
    if not cols:
        return None
    out = pd.DataFrame(
        {c: pd.to_numeric(responses[name], errors="coerce") for c, name in cols.items()},
        index=responses.index,
    )
    return out.reindex(columns=codes)


def special_marker(responses: pd.DataFrame, column: str) -> pd.Series:
    """The ``:special`` marker of ``column`` (``"dont_know"``, ``"refused"`` or NaN)."""
    name = column + SPECIAL_SUFFIX
    if name in responses.columns:
        return responses[name]
    return pd.Series(np.nan, index=responses.index, dtype=object)


def validate(data: ReportData) -> QuestionRoles:
    """Check the data against the script; return the question roles. Raises with the column."""
    df = data.responses
    if not isinstance(df, pd.DataFrame):
        raise ReportInputError("responses must be a pandas DataFrame, one row per interview")
    if df.empty:
        raise ReportInputError("responses is empty: there are no complete interviews to report")
    if SEGMENT not in df.columns:
        raise ReportInputError(
            f"responses has no {SEGMENT!r} column; give every respondent a segment "
            "(one segment 'all' if the study has none)"
        )
    if df[SEGMENT].isna().any():
        raise ReportInputError(
            f"{int(df[SEGMENT].isna().sum())} respondents have no segment; assign them first"
        )
    if not df.index.is_unique:
        raise ReportInputError("responses must have one row per respondent (duplicate index)")
    for col in data.breakdowns:
        if col not in df.columns:
            raise ReportInputError(f"breakdown attribute {col!r} is not a column of responses")
    roles = question_roles(data.script, data.roles)
    role = "nps" if roles.nps is not None else "csi_overall"
    if roles.outcome not in df.columns:
        raise ReportInputError(
            f"the {role} question {roles.outcome!r} is not a column of responses"
        )
    if roles.csi_overall is not None and roles.csi_overall not in df.columns:
        roles = replace(roles, csi_overall=None)  # not the outcome: the report can do without
    for gid in (roles.satisfaction, roles.importance):
        if gid is None:
            continue
        grid = data.script.by_id[gid]
        if not isinstance(grid, GridQuestion):  # question_roles has checked this already
            continue
        missing = [c for c in grid_columns(grid).values() if c not in df.columns]
        if missing:
            raise ReportInputError(
                f"grid {gid!r}: columns {missing} are missing from responses "
                f"(grid rows are named '<question>.<row>')"
            )
    if data.min_base < 2:
        raise ReportInputError(f"min_base must be at least 2, got {data.min_base}")
    return roles


def answer_columns(q: QuestionBase) -> list[str]:
    """Answer columns of one question (grid rows for grids, the question id otherwise)."""
    if isinstance(q, GridQuestion):
        return list(grid_columns(q).values())
    return [q.id]


__all__ = [
    "DONT_KNOW",
    "OTHER_SUFFIX",
    "REFUSED",
    "SEGMENT",
    "SPECIAL_SUFFIX",
    "Fieldwork",
    "Label",
    "OutcomeCount",
    "QuestionRoles",
    "ReportData",
    "answer_columns",
    "grid_columns",
    "localized",
    "multi_matrix",
    "question_roles",
    "special_marker",
    "validate",
]
