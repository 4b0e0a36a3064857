"""Idempotent alert delivery: a stable message key per delivery.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

* ``alert_delivery.message_key``: made when a delivery is first claimed, before anything is
  sent, and used for every try (the e-mail's Message-ID), so a message sent again is
  recognisably the same one. NULL for existing rows: the next claim fills it in.
* ``alert_delivery.state`` gains the values ``sending`` (being handed to the server) and
  ``maybe_sent`` (handed over, no answer: not resent automatically). The column is plain
  text, so no change is needed for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("alert_delivery") as batch:
        batch.add_column(sa.Column("message_key", sa.String(), nullable=True))


def downgrade() -> None:
    # An older cati knows only pending, sent and failed: an unfinished hand-over becomes a
    # failure the supervisor sees, never a silent resend.
    op.execute(
        "UPDATE alert_delivery SET state = 'failed' WHERE state IN ('sending', 'maybe_sent')"
    )
    with op.batch_alter_table("alert_delivery") as batch:
        batch.drop_column("message_key")
