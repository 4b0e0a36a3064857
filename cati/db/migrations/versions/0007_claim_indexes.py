"""Partial indexes the claim walks in priority order.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Each index holds only the rows of one queue state, so a claim reads the first eligible entry
of a small index instead of skipping the study's claimed and final contacts:

* ``ix_contact_due_retry`` (study, due time) of scheduled contacts: due retries, longest
  overdue first.
* ``ix_contact_fresh_pick`` (study, segment, time zone, priority, id) of fresh contacts: one
  probe per segment and open time zone, best first. It replaces ``ix_contact_fresh_queue``,
  which indexed every state (a claim rewrote an entry of it for nothing).
* ``ix_contact_claimed_lease`` (study, lease end) and ``ix_contact_claimed_seat`` (seat,
  study) of claimed contacts: the sweep of expired leases and "what does this seat hold".
* ``ix_appointment_pending_contact`` (contact) and ``ix_appointment_pending_due`` (start) of
  pending call-backs: "does this retry have a call-back booked" and due call-backs.

The queries compare the state with a literal (``state = 'scheduled'``) so that both SQLite
and PostgreSQL (whose generic plans cannot use a partial index for a bound parameter) pick
these indexes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_CONTACT = {
    "ix_contact_due_retry": (["study_id", "next_call_at"], "state = 'scheduled'"),
    "ix_contact_fresh_pick": (
        ["study_id", "segment_id", "timezone", "priority", "id"],
        "state = 'fresh'",
    ),
    "ix_contact_claimed_lease": (
        ["study_id", "claim_expires_at", "segment_id"],
        "state = 'claimed'",
    ),
    "ix_contact_claimed_seat": (["claimed_by", "study_id"], "state = 'claimed'"),
}
_APPOINTMENT = {
    "ix_appointment_pending_contact": (["contact_id"], "status = 'pending'"),
    "ix_appointment_pending_due": (["starts_at"], "status = 'pending'"),
}


def _create(table: str, indexes: dict[str, tuple[list[str], str]]) -> None:
    for name, (columns, where) in indexes.items():
        op.create_index(
            name,
            table,
            columns,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )


def upgrade() -> None:
    _create("contact", _CONTACT)
    _create("appointment", _APPOINTMENT)
    op.drop_index("ix_contact_fresh_queue", table_name="contact")


def downgrade() -> None:
    op.create_index(
        "ix_contact_fresh_queue",
        "contact",
        ["study_id", "state", "segment_id", "timezone", "priority", "id"],
    )
    for name in _APPOINTMENT:
        op.drop_index(name, table_name="appointment")
    for name in _CONTACT:
        op.drop_index(name, table_name="contact")
