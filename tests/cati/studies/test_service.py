"""Studies: created from a checked script, versioned scripts, found by name or id."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from cati.db import Contact, Interview, Interviewer, StudyStatus, session_scope
from cati.errors import CatiError, ConfigurationError, NotFoundError
from cati.studies import (
    StudyExists,
    add_script_version,
    create_study,
    default_time_zone,
    get_study,
    list_studies,
    script_versions,
    set_study_status,
)
from surveys import ScriptError
from tests.cati.segments.calllist import SCRIPT, clock


def test_create_study_stores_the_script_as_version_one(engine: Engine) -> None:
    change = create_study(
        engine, "  NPS   2024 ", SCRIPT, region="ru", clock=clock(), client="Альфа"
    )
    assert change.created
    study = get_study(engine, "NPS 2024")
    assert (study.name, study.client_name, study.default_region) == ("NPS 2024", "Альфа", "RU")
    assert study.settings == {}
    [version] = script_versions(engine, study)
    assert version.version == 1
    assert version.script_id == "b2b_nps_csi"
    assert version.text == SCRIPT.read_text(encoding="utf-8")
    assert len(version.sha256) == 64
    assert version.title.startswith("Опрос клиентов")
    assert version.created_at == clock().now()


def test_a_broken_script_is_refused_with_its_place_and_nothing_is_stored(
    engine: Engine, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        SCRIPT.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: [2"),
        encoding="utf-8",
    )
    with pytest.raises(ScriptError) as raised:
        create_study(engine, "Broken", broken, clock=clock())
    assert raised.value.file == str(broken)
    assert raised.value.line >= 1
    assert list_studies(engine) == []


def test_a_script_given_as_text_is_accepted(engine: Engine) -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    change = create_study(engine, "From text", text, clock=clock())
    assert change.version.text == text


def test_a_second_study_with_the_same_name_is_refused(engine: Engine) -> None:
    create_study(engine, "NPS", SCRIPT, clock=clock())
    with pytest.raises(StudyExists, match="already exists"):
        create_study(engine, "NPS", SCRIPT, clock=clock())


def test_an_unknown_region_is_refused(engine: Engine) -> None:
    with pytest.raises(ConfigurationError, match="not a phone region"):
        create_study(engine, "NPS", SCRIPT, region="XX", clock=clock())


def test_a_changed_script_adds_a_version_and_interviews_keep_theirs(
    engine: Engine, tmp_path: Path
) -> None:
    first = create_study(engine, "NPS", SCRIPT, clock=clock())
    now = clock().now()
    with session_scope(engine) as session:
        person = Interviewer(login="anna", display_name="Анна", password_hash="x", created_at=now)
        session.add(person)
        session.flush()
        contact = Contact(study_id=first.study.id, timezone="Europe/Moscow", created_at=now,
                          updated_at=now)  # fmt: skip
        session.add(contact)
        session.flush()
        interview = Interview(
            study_id=first.study.id, contact_id=contact.id, script_version_id=first.version.id,
            interviewer_id=person.id, seed=1, language="ru", started_at=now, updated_at=now,
        )  # fmt: skip
        session.add(interview)
    edited = tmp_path / "edited.yaml"
    edited.write_text(SCRIPT.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    same = add_script_version(engine, "NPS", SCRIPT, clock=clock())
    assert not same.created and same.version.version == 1
    second = add_script_version(engine, "NPS", edited, clock=clock())
    assert second.created and second.version.version == 2
    again = add_script_version(engine, "NPS", edited, clock=clock())
    assert not again.created and again.version.version == 2

    assert [v.version for v in script_versions(engine, "NPS")] == [1, 2]
    with session_scope(engine) as session:
        stored = session.get(Interview, interview.id)
        assert stored is not None and stored.script_version_id == first.version.id
    [overview] = list_studies(engine)
    assert overview.script_version == 2


def test_list_studies_shows_contacts_and_latest_script(engine: Engine) -> None:
    create_study(engine, "Б", SCRIPT, clock=clock())
    create_study(engine, "А", SCRIPT, clock=clock(), client="Клиент")
    overviews = list_studies(engine)
    assert [o.name for o in overviews] == ["А", "Б"]
    assert overviews[0].to_dict()["client"] == "Клиент"
    assert overviews[0].contacts == 0
    assert overviews[0].script_version == 1


def test_get_study_by_name_or_id_and_a_clear_message_otherwise(engine: Engine) -> None:
    created = create_study(engine, "NPS", SCRIPT, clock=clock()).study
    assert get_study(engine, "NPS").id == created.id
    assert get_study(engine, created.id or 0).name == "NPS"
    assert get_study(engine, str(created.id)).name == "NPS"
    with pytest.raises(NotFoundError) as raised:
        get_study(engine, "CSI")
    assert str(raised.value) == "no study named 'CSI'; cati study list shows the studies"


def test_default_time_zone_is_the_countrys_main_zone() -> None:
    assert default_time_zone("RU") == "Europe/Moscow"
    assert default_time_zone("BY") == "Europe/Minsk"
    assert default_time_zone("DE") == "Europe/Berlin"


def test_the_study_status_is_set_by_name_and_checked(engine: Engine) -> None:
    create_study(engine, "CSI 2025", SCRIPT, clock=clock())
    assert get_study(engine, "CSI 2025").status is StudyStatus.DRAFT
    assert set_study_status(engine, "CSI 2025", "active").status is StudyStatus.ACTIVE
    assert get_study(engine, "CSI 2025").status is StudyStatus.ACTIVE
    with pytest.raises(CatiError, match="one of draft, active, paused, closed, not 'open'"):
        set_study_status(engine, "CSI 2025", "open")
    assert get_study(engine, "CSI 2025").status is StudyStatus.ACTIVE
