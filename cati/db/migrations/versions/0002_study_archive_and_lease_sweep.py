"""Archiving studies; an index for returning expired leases.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-27

* ``study.archived_at``: a finished study leaves the everyday lists (interviewers' study
  picker, the dashboard) while its data stays for reports and exports. NULL for every
  existing study: nothing is archived by the upgrade.
* ``ix_contact_state_claim_expires_at``: the call queue regularly returns the contacts of
  crashed workstations ("claimed and the lease expired"); without this index that sweep
  reads every claimed contact of every study.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("study") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_contact_state_claim_expires_at", "contact", ["state", "claim_expires_at"])


def downgrade() -> None:
    op.drop_index("ix_contact_state_claim_expires_at", table_name="contact")
    with op.batch_alter_table("study") as batch:
        batch.drop_column("archived_at")
