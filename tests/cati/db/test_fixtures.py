"""The shared database fixtures skip PostgreSQL locally when it is missing, and fail on CI."""

from __future__ import annotations

import pytest

from tests.db_fixtures import reachable_postgres_admin_url

NOWHERE = "postgresql://postgres@127.0.0.1:1/postgres"


def test_a_missing_postgres_server_skips_the_test_locally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CATI_TEST_POSTGRES_URL", NOWHERE)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL is not reachable at"):
        reachable_postgres_admin_url()


def test_a_missing_postgres_server_fails_the_test_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATI_TEST_POSTGRES_URL", NOWHERE)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required on CI"):
        reachable_postgres_admin_url()
