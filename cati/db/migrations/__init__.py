"""Alembic migrations of the cati database, run by :mod:`cati.db.migrate` (no alembic.ini)."""
