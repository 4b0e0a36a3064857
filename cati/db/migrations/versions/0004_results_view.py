"""The read-only view ``cati_results`` for BI tools: one row per stored answer.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

The view's text is frozen here as it was at this revision (``cati.db.results`` documents
the columns); a later change to the view is a new revision.
"""

from __future__ import annotations

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

POSTGRES_VIEW = """
CREATE VIEW cati_results AS
SELECT
    s.id AS study_id,
    s.name AS study_name,
    i.id AS interview_id,
    'R' || substr(encode(sha256(convert_to(
        (s.settings -> 'exports' ->> 'pseudonym_key') || ':' || c.id::text, 'UTF8'
    )), 'hex'), 1, 16) AS respondent_id,
    g.name AS segment,
    i.status AS interview_status,
    i.language AS language,
    a.question_id AS question_id,
    a.value ->> 'value' AS value,
    CASE WHEN jsonb_typeof(a.value -> 'value') = 'number'
         THEN (a.value ->> 'value')::double precision END AS value_number,
    a.value ->> 'special' AS special,
    COALESCE(a.value ->> 'other', a.other_text) AS other_text,
    a.answered_at AS answered_at,
    i.started_at AS interview_started_at,
    i.completed_at AS interview_completed_at
FROM answer a
JOIN interview i ON i.id = a.interview_id
JOIN study s ON s.id = i.study_id
JOIN contact c ON c.id = i.contact_id
LEFT JOIN segment g ON g.id = c.segment_id
"""

SQLITE_VIEW = """
CREATE VIEW cati_results AS
SELECT
    s.id AS study_id,
    s.name AS study_name,
    i.id AS interview_id,
    NULL AS respondent_id,
    g.name AS segment,
    i.status AS interview_status,
    i.language AS language,
    a.question_id AS question_id,
    CASE WHEN json_type(a.value, '$.value') IN ('array', 'object')
         THEN json_extract(a.value, '$.value')
         ELSE CAST(json_extract(a.value, '$.value') AS TEXT) END AS value,
    CASE WHEN json_type(a.value, '$.value') IN ('integer', 'real')
         THEN json_extract(a.value, '$.value') END AS value_number,
    json_extract(a.value, '$.special') AS special,
    COALESCE(json_extract(a.value, '$.other'), a.other_text) AS other_text,
    a.answered_at AS answered_at,
    i.started_at AS interview_started_at,
    i.completed_at AS interview_completed_at
FROM answer a
JOIN interview i ON i.id = a.interview_id
JOIN study s ON s.id = i.study_id
JOIN contact c ON c.id = i.contact_id
LEFT JOIN segment g ON g.id = c.segment_id
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(POSTGRES_VIEW if dialect == "postgresql" else SQLITE_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS cati_results")
