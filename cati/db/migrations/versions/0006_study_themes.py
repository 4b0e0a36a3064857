"""A study's own dictionary of open-answer themes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

* ``study_themes``: one row per study that has its own theme dictionary (the YAML text a
  research lead saved with ``cati themes STUDY set`` or in the study setup); studies
  without a row use the dictionary shipped with ``reports``. Deleting a study deletes its
  dictionary. Existing studies get no row: their reports keep the shipped dictionary.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "study_themes",
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["study.id"],
            name="fk_study_themes_study_id_study",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("study_id", name="pk_study_themes"),
    )


def downgrade() -> None:
    op.drop_table("study_themes")
