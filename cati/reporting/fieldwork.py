"""What fieldwork produced, for rates and the report: each contact's case and the period.

Each contact counts once: with its final AAPOR code when the case is closed, otherwise with
the code its whole call history would close as now (AAPOR's advice for interim reports); a
contact never called counts as not attempted.
"""

from __future__ import annotations

from typing import Any

__all__ = ["study_cases"]


def study_cases(engine: Any, study_id: int) -> list[tuple[str | None, str]]:
    """One (segment, code) pair per contact of the study."""
    from cati.db.attempts import study_histories
    from cati.db.engine import session_scope
    from cati.db.queue import study_settings_and_status
    from cati.dispositions import Attempt, Disposition, derive_disposition
    from cati.scheduler.settings import fieldwork_settings

    with session_scope(engine) as session:
        row = study_settings_and_status(session, study_id)
    settings = fieldwork_settings(row[0] if row else {})
    table, categories = settings.outcome_table(), settings.category_map()
    cases: list[tuple[str | None, str]] = []
    for history in study_histories(engine, study_id):
        if history.final_disposition:
            cases.append((history.segment, history.final_disposition))
            continue
        case = derive_disposition(
            [
                Attempt(
                    Disposition.from_code(a.disposition), a.started_at, a.outcome, str(a.phone_id)
                )
                for a in history.attempts
                if a.disposition
            ],
            table,
            categories,
            has_untried_number=history.has_callable_phone,
        )
        cases.append((history.segment, case.disposition.value))
    return cases
