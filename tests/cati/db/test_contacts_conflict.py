"""Two imports adding the same number at once: the second is told to run again, no crash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from cati.db import session_scope
from cati.db.contacts import NewContact, NewPhone, insert_contacts
from cati.errors import CatiError
from tests.cati.db._rows import add_study, id_of

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _contact(number: str) -> NewContact:
    return NewContact(
        source_row=2,
        company="ООО «Вектор»",
        name="Анна",
        position="",
        email="",
        region="Москва",
        timezone="Europe/Moscow",
        timezone_source="region",
        attributes={},
        phones=[NewPhone(number, None, number)],
    )


def test_a_number_added_meanwhile_is_a_message_and_nothing_is_half_saved(engine: Engine) -> None:
    with session_scope(engine) as session:
        study_id = id_of(add_study(session))
        insert_contacts(
            session,
            study_id=study_id,
            import_batch_id=None,
            contacts=[_contact("+74951234567")],
            now=NOW,
        )
    with pytest.raises(CatiError, match="run the import again"), session_scope(engine) as session:
        insert_contacts(
            session,
            study_id=study_id,
            import_batch_id=None,
            contacts=[_contact("+74957654321"), _contact("+74951234567")],
            now=NOW,
        )
    with session_scope(engine) as session:
        count = session.connection().execute(text("SELECT count(*) FROM contact")).scalar_one()
    assert count == 1
