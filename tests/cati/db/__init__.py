"""Tests of cati.db: types, engines, tables, migrations."""
