"""Periodic digests: fieldwork progress, response rates, NPS and CSI so far, new alerts.

Every 1 h, 3 h or a day (``study.settings["alerts"]["digest"]["every"]``), to the digest
recipients, by the same channels as alerts. Each recipient has its own schedule, kept in
``study.settings["digest_state"]`` (``{"email:ceo@alfa.ru": {"last_sent_at": ...,
"retry_at": ...}}``): a digest lists the alerts since that recipient's last one, and a
failed send is retried after :data:`DIGEST_RETRY` without resending to the others; a digest
handed over whose answer never came (a slow server) counts as sent, with a warning in
``maybe_sent``: it is not sent twice, and the next one follows on schedule. A
recipient is claimed (``retry_at`` set) under a row lock before sending, so two
workstations running the timer do not both send it.

Rates: each contact counts with its final AAPOR code, or the code of its last call while
the case is open, or 3.11 (not attempted), under the B2B category map (business numbers are
in scope), so RR3/COOP1 mid-fieldwork describe the cases worked so far.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import reports
from cati.alerts.errors import DeliveryError, UncertainDeliveryError
from cati.alerts.messages import KIND_NAMES
from cati.alerts.settings import parse_alert_settings
from cati.alerts.transports import OutgoingMessage, Transport
from cati.clock import Clock
from cati.dispositions import CategoryMap, rates_report
from cati.exports.records import StudyResults
from reports.errors import ReportInputError
from surveys.model import GridQuestion, Script

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.alerts import AlertSummary

__all__ = [
    "DIGEST_RETRY",
    "Digest",
    "DigestReport",
    "build_digest",
    "digest_message",
    "digest_to_dict",
    "send_digests",
    "send_due_digests",
    "study_digest",
]

DIGEST_RETRY = timedelta(minutes=5)
STATE_KEY = "digest_state"
RATES = ("RR3", "COOP1", "REF1", "CON1")


@dataclass(frozen=True)
class SegmentProgress:
    name: str
    target: int
    completes: int
    partials: int
    contacts: int
    calls: int


@dataclass(frozen=True)
class Digest:
    study: str
    since: datetime
    until: datetime
    segments: tuple[SegmentProgress, ...]
    rates: Mapping[str, float | None]
    nps: float | None
    nps_n: int
    csi: float | None
    csi_n: int
    alerts: tuple[AlertSummary, ...] = ()


def build_digest(
    results: StudyResults,
    script: Script,
    cases: list[tuple[str | None, str]],
    calls: Mapping[str, int],
    alerts: list[AlertSummary],
    since: datetime,
    until: datetime,
) -> Digest:
    """The digest's figures from plain data (no database)."""
    completes = [r for r in results.interviews if r.status == "complete"]
    progress = tuple(
        SegmentProgress(
            s.name,
            s.target_completes,
            sum(1 for r in completes if r.segment == s.name),
            sum(
                1
                for r in results.interviews
                if r.segment == s.name and r.status in ("in_progress", "broken_off")
            ),
            s.contacts,
            calls.get(s.name, 0),
        )
        for s in results.segments
    )
    report = rates_report(cases, CategoryMap.b2b()) if cases else None
    rates = {name: report.overall.rates[name].value if report else None for name in RATES}
    nps_value, nps_n = _nps(script, completes)
    csi_value, csi_n = _csi(script, completes)
    return Digest(
        results.study_name,
        since,
        until,
        progress,
        rates,
        nps_value,
        nps_n,
        csi_value,
        csi_n,
        tuple(alerts),
    )


def _numbers(completes: list[Any], question_id: str, row: str | None = None) -> list[float]:
    values = []
    for record in completes:
        stored = record.answers.get(question_id)
        if not stored or stored.get("special"):
            continue
        value = stored.get("value")
        if row is not None:
            value = value.get(row) if isinstance(value, Mapping) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            values.append(float(value))
    return values


def _nps(script: Script, completes: list[Any]) -> tuple[float | None, int]:
    """NPS of the question the script declares ``role: nps``."""
    if script.roles.nps is None:
        return None, 0
    scores = _numbers(completes, script.roles.nps)
    if not scores:
        return None, 0
    return reports.nps.nps(scores).score, len(scores)


def _csi(script: Script, completes: list[Any]) -> tuple[float | None, int]:
    """The running CSI as the report computes it: the declared satisfaction grid's aspect
    scores (0-100), weighted by the declared importance grid's scores (0-100) when every
    aspect has them, else equally. (The report's derived weights need the full model.)"""
    satisfaction = script.by_id.get(script.roles.satisfaction or "")
    if not isinstance(satisfaction, GridQuestion):
        return None, 0
    importance = script.by_id.get(script.roles.importance or "")
    importance_grid = importance if isinstance(importance, GridQuestion) else None
    rows = [r.id for r in satisfaction.rows]
    scale = (satisfaction.scale.min, satisfaction.scale.max)
    scores: dict[str, float] = {}
    weights: dict[str, float] = {}
    for row in rows:
        values = _numbers(completes, satisfaction.id, row)
        if not values:
            continue
        scores[row] = reports.csi.aspect_score(values, scale).mean
        if importance_grid is not None:
            stated = _numbers(completes, importance_grid.id, row)
            weights[row] = reports.csi.aspect_score(stated, scale).mean if stated else math.nan
    if not scores:
        return None, 0
    use_weights = importance_grid is not None and all(
        not math.isnan(weights.get(row, math.nan)) for row in scores
    )
    try:
        index = reports.csi.csi_index(scores, weights if use_weights else None)
    except ReportInputError:
        return None, 0
    n = sum(1 for r in completes if satisfaction.id in r.answers)
    return index.value, n


_WORDS = {
    "ru": {
        "title": "Сводка",
        "period": "Период",
        "progress": "Ход полевых работ (завершено / цель, неполных, контактов, звонков)",
        "total": "Всего",
        "rates": "Показатели AAPOR",
        "nps": "NPS",
        "csi": "CSI",
        "alerts": "Новые сигналы",
        "none": "нет",
        "answers": "ответов",
    },
    "en": {
        "title": "Digest",
        "period": "Period",
        "progress": "Fieldwork (complete / target, partial, contacts, calls)",
        "total": "Total",
        "rates": "AAPOR rates",
        "nps": "NPS",
        "csi": "CSI",
        "alerts": "New alerts",
        "none": "none",
        "answers": "answers",
    },
}


def digest_message(
    digest: Digest, fields: Collection[str], language: str = "ru", timezone: str = "Europe/Moscow"
) -> OutgoingMessage:
    """The digest as text; alerts show segment and company only where ``fields`` allow."""
    from zoneinfo import ZoneInfo

    lang = language if language in _WORDS else "en"
    w = _WORDS[lang]
    zone = ZoneInfo(timezone)
    since, until = digest.since.astimezone(zone), digest.until.astimezone(zone)
    lines = [
        f"{w['period']}: {since:%d.%m.%Y %H:%M} — {until:%d.%m.%Y %H:%M} ({until.tzname()})",
        "",
        f"{w['progress']}:",
    ]
    for s in digest.segments:
        lines.append(
            f"  {s.name}: {s.completes} / {s.target}, {s.partials}, {s.contacts}, {s.calls}"
        )
    lines.append(
        f"  {w['total']}: {sum(s.completes for s in digest.segments)} / "
        f"{sum(s.target for s in digest.segments)}"
    )
    rates = ", ".join(
        f"{name} {value * 100:.1f}%" if value is not None else f"{name} —"
        for name, value in digest.rates.items()
    )
    lines += [f"{w['rates']}: {rates}"]
    if digest.nps is not None:
        lines.append(f"{w['nps']}: {digest.nps:+.0f} ({digest.nps_n} {w['answers']})")
    if digest.csi is not None:
        lines.append(f"{w['csi']}: {digest.csi:.1f} ({digest.csi_n} {w['answers']})")
    lines.append(f"{w['alerts']}: {len(digest.alerts) or w['none']}")
    kinds = KIND_NAMES.get(lang, KIND_NAMES["en"])
    for alert in digest.alerts:
        at = alert.created_at.astimezone(zone)
        parts = [f"  {at:%d.%m %H:%M} {kinds.get(alert.kind, alert.kind)}"]
        if "segment" in fields and alert.segment:
            parts.append(alert.segment)
        if "company" in fields and alert.company:
            parts.append(alert.company)
        lines.append(", ".join(parts))
    return OutgoingMessage(
        subject=f"[cati] {w['title']}: {digest.study}, {until:%d.%m.%Y %H:%M}",
        text="\n".join(lines),
    )


def digest_to_dict(
    digest: Digest, fields: Collection[str] = ("segment", "company")
) -> dict[str, Any]:
    return {
        "study": digest.study,
        "since": digest.since.isoformat(),
        "until": digest.until.isoformat(),
        "segments": [s.__dict__ for s in digest.segments],
        "rates": dict(digest.rates),
        "nps": digest.nps,
        "nps_n": digest.nps_n,
        "csi": digest.csi,
        "csi_n": digest.csi_n,
        "alerts": [
            {
                "id": a.alert_id,
                "kind": a.kind,
                "created_at": a.created_at.isoformat(),
                **({"segment": a.segment} if "segment" in fields else {}),
                **({"company": a.company} if "company" in fields else {}),
            }
            for a in digest.alerts
        ],
    }


# --- services --------------------------------------------------------------------------------


def study_digest(engine: Engine, study: str | int, now: datetime, since: datetime) -> Digest:
    """The digest of ``study`` for the period ``[since, now]``."""
    from cati.db.alerts import alerts_since, digest_cases
    from cati.db.results import load_study_results
    from surveys.loader import load_script_text

    results = load_study_results(engine, study)
    script = load_script_text(results.script_text)
    cases, calls = digest_cases(engine, results.study_id)
    alerts = alerts_since(engine, results.study_id, since)
    return build_digest(results, script, cases, calls, alerts, since, now)


@dataclass
class DigestReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    maybe_sent: list[str] = field(default_factory=list)  # "key: reason"; counted as sent


def send_digests(
    engine: Engine,
    study: str | int,
    clock: Clock,
    transports: Mapping[str, Transport],
    *,
    only_due: bool = True,
) -> DigestReport:
    """Send the study's digest to its digest recipients (those due, or all with ``only_due``
    False, as ``cati digest --send`` does). Due digests of channels without a transport here
    are left for another sender; ``only_due`` False reports them as failed."""
    from cati.db.alerts import update_study_settings
    from cati.db.results import study_settings

    study_id, settings_raw = study_settings(engine, study)
    settings = parse_alert_settings(settings_raw)
    every = settings.digest_every or timedelta(days=1)
    now = clock.now()
    claimed: dict[str, datetime] = {}

    def claim(old: Any) -> dict[str, Any]:
        state = dict(old or {})
        for channel, recipient in settings.digest_targets():
            key = f"{channel}:{recipient}"
            entry = dict(state.get(key) or {})
            last = _time(entry.get("last_sent_at"))
            retry = _time(entry.get("retry_at"))
            due = last is None or now - last >= every
            if only_due and (not due or (retry is not None and retry > now)):
                continue
            if only_due and channel not in transports:
                continue  # left for a workstation (or cron job) that can send it
            claimed[key] = last or now - every
            entry["retry_at"] = (now + DIGEST_RETRY).isoformat()
            state[key] = entry
        return state

    update_study_settings(engine, study_id, STATE_KEY, claim)
    report = DigestReport()
    if not claimed:
        return report
    results: dict[str, datetime] = {}
    for key, since in claimed.items():
        channel, _, recipient = key.partition(":")
        digest = study_digest(engine, study_id, now, since)
        message = digest_message(
            digest, settings.visible_fields(channel, recipient), settings.language
        )
        transport = transports.get(channel)
        try:
            if transport is None:
                raise DeliveryError(f"{channel} is not set up on this workstation")
            transport.send(recipient, message)
        except UncertainDeliveryError as error:
            report.maybe_sent.append(f"{key}: {error}")
        except DeliveryError as error:
            report.failed.append(f"{key}: {error}")
            continue
        results[key] = now
        report.sent.append(key)

    def record(old: Any) -> dict[str, Any]:
        state = dict(old or {})
        for key, at in results.items():
            state[key] = {"last_sent_at": at.isoformat(), "retry_at": None}
        return state

    if results:
        update_study_settings(engine, study_id, STATE_KEY, record)
    return report


def send_due_digests(
    engine: Engine, clock: Clock, transports: Mapping[str, Transport]
) -> DigestReport:
    """The app's timer: send every study's digests that are due (others are untouched)."""
    from cati.alerts.errors import AlertSettingsError
    from cati.db.results import active_study_settings

    report = DigestReport()
    for study_id, settings in active_study_settings(engine):
        try:
            if not parse_alert_settings(settings).digest_targets():
                continue
        except AlertSettingsError:
            continue
        one = send_digests(engine, study_id, clock, transports)
        report.sent += one.sent
        report.failed += one.failed
        report.maybe_sent += one.maybe_sent
    return report


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None
