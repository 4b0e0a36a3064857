"""Queries behind the client report: contact attributes for breakdowns, the fieldwork period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import col

from cati.db.engine import session_scope
from cati.db.models import Attempt, Contact


def contact_attributes(
    engine: Engine, study_id: int, names: Sequence[str]
) -> dict[int, dict[str, Any]]:
    """The named attributes of every contact of the study (the region column included)."""
    found: dict[int, dict[str, Any]] = {}
    with session_scope(engine) as session:
        rows = session.execute(
            select(col(Contact.id), col(Contact.region), col(Contact.attributes)).where(
                col(Contact.study_id) == study_id
            )
        )
        for contact_id, region, attributes in rows:
            values = dict(attributes or {})
            values.setdefault("region", region)
            found[int(contact_id)] = {name: values.get(name) for name in names}
    return found


def fieldwork_period(engine: Engine, study_id: int) -> tuple[datetime | None, datetime | None, int]:
    """The first call, the last call and how many interviewers called."""
    with session_scope(engine) as session:
        first, last, people = session.execute(
            select(
                func.min(Attempt.started_at),
                func.max(func.coalesce(Attempt.ended_at, Attempt.started_at)),
                func.count(func.distinct(Attempt.interviewer_id)),
            ).where(col(Attempt.study_id) == study_id)
        ).one()
    return first, last, int(people or 0)
