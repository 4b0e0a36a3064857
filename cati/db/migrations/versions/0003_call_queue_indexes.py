"""Indexes of the call queue.

Revision ID: 0003
Revises: 0002
Create Date: 2025-02-03

* ``ix_contact_fresh_queue`` (study, state, segment, time zone, priority, id): the queue
  takes fresh contacts of the segment furthest from its quota, one open time zone at a time,
  best first, with LIMIT; with a million contacts each probe is one index seek.
* ``ix_contact_study_id_timezone``: the distinct time zones of a study (to decide which are
  inside calling hours now) are read by a loose index scan instead of a table scan.
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        "ix_contact_fresh_queue",
        "contact",
        ["study_id", "state", "segment_id", "timezone", "priority", "id"],
    )
    op.create_index("ix_contact_study_id_timezone", "contact", ["study_id", "timezone"])


def downgrade() -> None:
    op.drop_index("ix_contact_study_id_timezone", table_name="contact")
    op.drop_index("ix_contact_fresh_queue", table_name="contact")
