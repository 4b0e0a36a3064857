"""The client report of a study: stored results and fieldwork facts into ``reports``.

The report itself is built by :func:`reports.build_report` on plain data; this module only
gathers that data from the database. What to break the results down by, and how segments
and attributes are called in the document, can be set per study in
``study.settings["report"]``::

    {"breakdowns": ["manager", "region", "revenue_band"],
     "segment_labels": {"lost": {"ru": "Ушедшие клиенты", "en": "Lost clients"}},
     "attribute_labels": {"manager": {"ru": "Менеджер", "en": "Account manager"}},
     "agency": {"ru": "...", "en": "..."},
     "margins": {"region": {"Москва": 0.45, "Регионы": 0.55}},
     "scorecards": "manager"}

``margins`` are the raking targets of ``--weights raking`` (:mod:`reports.margins`; a
``--margins FILE`` given to ``cati report`` takes their place), ``scorecards`` the
attribute of the per-person scorecards (default: the account manager).

Open answers are coded with the study's own theme dictionary when one was saved
(:mod:`cati.studies.themes`), else with the shipped one.

``revenue_band`` is derived from a ``revenue`` attribute (under 1 million roubles, 1-10
million, over 10 million) so that clients can ask "are large accounts happier?".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cati.accounts import Actor, Permission, require
from cati.clock import Clock, SystemClock
from cati.db import Engine
from cati.db.reporting import contact_attributes, fieldwork_period
from cati.db.results import load_study_results
from cati.dispositions import Disposition, rates_report
from cati.reporting.fieldwork import study_cases
from cati.reporting.responses import responses_frame
from cati.scheduler.settings import fieldwork_settings
from cati.studies.themes import study_theme_dictionary
from reports import Fieldwork, OutcomeCount, ReportData, build_report
from reports.margins import load_margins, margins_from
from surveys import load_script_text

DEFAULT_BREAKDOWNS = ("manager", "region", "revenue_band", "product")
ATTRIBUTE_LABELS: dict[str, dict[str, str]] = {
    "manager": {"ru": "Менеджер", "en": "Account manager"},
    "region": {"ru": "Регион", "en": "Region"},
    "revenue_band": {"ru": "Оборот клиента", "en": "Client revenue"},
    "product": {"ru": "Продукт", "en": "Product"},
    "decision_role": {"ru": "Роль в закупке", "en": "Purchasing role"},
}
SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "new": {"ru": "Новые клиенты", "en": "New clients"},
    "regular": {"ru": "Постоянные клиенты", "en": "Regular clients"},
    "lost": {"ru": "Ушедшие клиенты", "en": "Lost clients"},
    "other": {"ru": "Прочие", "en": "Other"},
}
REVENUE_BANDS = (  # upper bound in roubles, label
    (1_000_000, {"ru": "до 1 млн ₽", "en": "under RUB 1m"}),
    (10_000_000, {"ru": "1–10 млн ₽", "en": "RUB 1–10m"}),
    (math.inf, {"ru": "более 10 млн ₽", "en": "over RUB 10m"}),
)

Progress = Callable[[int, int], None]


def revenue_band(value: Any, lang: str) -> str | None:
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    for limit, label in REVENUE_BANDS:
        if amount < limit:
            return label[lang]
    return None  # pragma: no cover - the last band has no limit


def study_report_data(
    engine: Engine,
    study: str | int,
    *,
    lang: str = "ru",
    clock: Clock | None = None,
    margins: str | Path | None = None,
    scorecards: str | None = None,
) -> ReportData:
    """Everything :func:`reports.build_report` needs about ``study``, as plain data.

    ``margins``: a margins file for raking, in place of the study's stored margins;
    ``scorecards``: the attribute of the scorecards, in place of the study's setting.
    """
    clock = clock or SystemClock()
    targets = load_margins(margins) if margins is not None else {}  # a bad file fails first
    results = load_study_results(engine, study)
    script = load_script_text(
        results.script_text, f"{results.study_name} (v{results.script_version})"
    )
    settings = dict(results.settings.get("report") or {})
    if margins is None and settings.get("margins"):
        targets = margins_from(settings["margins"], f"study {results.study_name}: margins")
    scorecard_attr = scorecards or settings.get("scorecards") or None
    extra = [a for a in (*targets, scorecard_attr) if a and a != "segment"]
    raw_attributes = contact_attributes(
        engine, results.study_id, list(dict.fromkeys([*DEFAULT_BREAKDOWNS, "revenue", *extra]))
    )
    for values in raw_attributes.values():
        values["revenue_band"] = revenue_band(values.get("revenue"), lang)
    wanted = list(settings.get("breakdowns") or DEFAULT_BREAKDOWNS)
    present = [
        name
        for name in wanted
        if any(values.get(name) not in (None, "") for values in raw_attributes.values())
    ]
    columns = list(dict.fromkeys([*present, *extra]))
    responses = responses_frame(script, results.interviews, raw_attributes, columns)
    fieldwork = _fieldwork(engine, results, responses, settings, clock)
    population = {
        s.name: float(s.weighting_population) for s in results.segments if s.weighting_population
    }
    segment_labels = {**SEGMENT_LABELS, **settings.get("segment_labels", {})}
    attribute_labels = {**ATTRIBUTE_LABELS, **settings.get("attribute_labels", {})}
    segments = {*population, *(responses["segment"] if len(responses) else ())}
    return ReportData(
        script=script,
        responses=responses,
        fieldwork=fieldwork,
        population=population,
        breakdowns=present,
        segment_labels={name: segment_labels.get(name, name) for name in segments},
        attribute_labels={name: attribute_labels.get(name, name) for name in columns},
        themes=study_theme_dictionary(engine, results.study_id),
        margins=targets,
        scorecards=scorecard_attr,
    )


def _fieldwork(
    engine: Engine, results: Any, responses: Any, settings: Mapping[str, Any], clock: Clock
) -> Fieldwork:
    first, last, interviewers = fieldwork_period(engine, results.study_id)
    today = clock.now().date()
    category_map = fieldwork_settings(results.settings).category_map()
    cases = study_cases(engine, results.study_id)
    report = rates_report(cases, category_map)
    codes = Counter(code for _segment, code in cases)
    outcomes = [
        OutcomeCount(
            code, {"ru": Disposition(code).label("ru"), "en": Disposition(code).label("en")}, count
        )
        for code, count in sorted(codes.items())
    ]
    completes = Counter(responses["segment"]) if len(responses) else Counter()
    return Fieldwork(
        study=results.study_name,
        client=results.client_name or results.study_name,
        fieldwork_start=first.date() if first else today,
        fieldwork_end=last.date() if last else today,
        report_date=today,
        outcomes=outcomes,
        rates=report.overall.rates.values_dict(),
        completes=dict(completes),
        targets={s.name: s.target_completes for s in results.segments},
        agency=settings.get("agency"),
        interviewers=interviewers or None,
        e=report.e,
    )


def build_study_report(
    engine: Engine,
    study: str | int,
    out: str | Path,
    lang: str = "ru",
    weights: str | None = None,
    *,
    actor: Actor | None = None,
    progress: Progress | None = None,
    clock: Clock | None = None,
    facts: str | Path | None = None,
    margins: str | Path | None = None,
    scorecards: str | None = None,
) -> Path:
    """Write the client report of ``study`` to ``out`` (.docx) and return its path.

    ``actor`` is checked for the right to open reports (the desktop app passes the
    signed-in person; the command line acts for whoever owns the database). ``facts``,
    when given, also receives the report's findings as JSON (``reports/FACTS.md``).
    ``weights`` is ``population``, ``raking`` or ``none``; None weights to the segment
    populations when every segment has one, else not (the methodology says which).
    """
    if actor is not None:
        require(actor, Permission.REPORT)
    if progress is not None:
        progress(0, 2)
    data = study_report_data(
        engine, study, lang=lang, clock=clock, margins=margins, scorecards=scorecards
    )
    if progress is not None:
        progress(1, 2)
    path = Path(out)
    build_report(data, path, lang=lang, weights=weights, facts=facts)
    if progress is not None:
        progress(2, 2)
    return path
