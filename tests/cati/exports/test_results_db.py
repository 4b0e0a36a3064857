"""Loading results from the database (SQLite and PostgreSQL), pseudonyms, the BI view."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from cati.cli import main
from cati.db import Study
from cati.db.results import ensure_pseudonym_key, load_study_results
from cati.errors import NotFoundError
from cati.exports import pseudonym
from tests.cati.exports.factory import PEOPLE, add_respondents, add_study


@pytest.fixture
def study_id(session: Session) -> int:
    data = add_respondents(session, add_study(session))
    session.commit()
    assert data.study.id is not None
    return data.study.id


def test_results_load_as_plain_records_with_answers_and_paradata(
    engine: Engine, study_id: int
) -> None:
    results = load_study_results(engine, "Лояльность 2025")
    assert results.study_id == study_id and results.script_version == 1
    assert [s.name for s in results.segments] == ["lost", "regular", "new"]
    assert [s.contacts for s in results.segments] == [1, 1, 1]
    first, second, third = results.interviews
    assert first.answers["nps"] == {"value": 3}
    assert first.answers["lost_reasons"] == {"value": [1, 3, 97], "other": "Ушли к «Бете»"}
    assert first.answers["csi"]["value"]["manager"] == "dont_know"
    assert (first.status, third.status) == ("complete", "broken_off")
    assert (first.segment, second.segment, third.segment) == ("lost", "regular", "new")
    assert third.attempts == 3 and third.call_seconds == 90.0
    assert first.final_disposition == "1.1" and third.final_disposition is None
    assert all(r.contact is None for r in results.interviews)


def test_pseudonyms_are_stable_keyed_and_carry_no_personal_data(
    engine: Engine, study_id: int
) -> None:
    once = [r.respondent_id for r in load_study_results(engine, study_id).interviews]
    again = [r.respondent_id for r in load_study_results(engine, str(study_id)).interviews]
    assert once == again and len(set(once)) == 3
    key = ensure_pseudonym_key(engine, study_id)
    assert len(key) == 64
    with Session(engine) as session:
        study = session.get(Study, study_id)
        assert study is not None and study.settings["exports"]["pseudonym_key"] == key
    records = load_study_results(engine, study_id).interviews
    assert once == [pseudonym(key, r.contact_id) for r in records]
    for respondent_id, (_company, name, phone, _email) in zip(once, PEOPLE, strict=True):
        assert phone.lstrip("+") not in respondent_id and name not in respondent_id
        assert respondent_id != f"R{records[0].contact_id}"


def test_contacts_are_read_only_when_asked_for(engine: Engine, study_id: int) -> None:
    results = load_study_results(engine, study_id, include_contacts=True)
    contact = results.interviews[0].contact
    assert contact is not None
    assert (contact.company, contact.name, contact.phones[0], contact.email) == PEOPLE[0]


def test_an_unknown_study_is_a_message_naming_the_known_ones(engine: Engine, study_id: int) -> None:
    with pytest.raises(NotFoundError, match="Лояльность 2025"):
        load_study_results(engine, "no such study")


def test_the_results_view_has_one_row_per_answer_with_the_export_pseudonym(
    engine: Engine, study_id: int
) -> None:
    records = load_study_results(engine, study_id).interviews  # the migrations made the view
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT interview_id, respondent_id, segment, interview_status, question_id,"
                " value, value_number, special, other_text FROM cati_results"
                " ORDER BY interview_id, question_id"
            )
        ).all()
    answers = sum(len(r.answers) for r in records)
    assert len(rows) == answers
    by_key = {(r.interview_id, r.question_id): r for r in rows}
    nps = by_key[(records[0].interview_id, "nps")]
    assert (nps.value, nps.value_number, nps.segment) == ("3", 3, "lost")
    assert nps.interview_status == "complete"
    refused = by_key[(records[2].interview_id, "nps")]
    assert refused.special == "refused" and refused.value is None
    reasons = by_key[(records[0].interview_id, "lost_reasons")]
    assert reasons.other_text == "Ушли к «Бете»" and reasons.value_number is None
    if engine.dialect.name == "postgresql":
        assert nps.respondent_id == records[0].respondent_id
    else:
        assert nps.respondent_id is None  # SQLite has no hash function in SQL


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_export_command_writes_files_without_personal_data_unless_asked(
    db_url: str,
    study_id: int,
    tmp_path: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "study.csv"
    assert main(["--db", db_url, "export", "Лояльность 2025", "--format", "csv",
                 "--out", str(out), "--weights", "--json"]) == 0  # fmt: skip
    summary = capsys.readouterr().out
    assert '"interviews": 3' in summary and '"personal_data": false' in summary
    written = out.read_text(encoding="utf-8-sig") + (
        out.with_name("study_paradata.csv").read_text(encoding="utf-8-sig")
    )
    for _company, name, phone, email in PEOPLE:
        assert name not in written and phone not in written and email not in written
    assert "weight" in written.splitlines()[0]
    assert main(["--db", db_url, "export", str(study_id), "--format", "xlsx",
                 "--out", str(out.with_suffix(".xlsx")), "--include-contacts"]) == 0  # fmt: skip
    data = pd.read_excel(out.with_suffix(".xlsx"), sheet_name="data", dtype=object)
    assert data["contact_name"].tolist() == [p[1] for p in PEOPLE]


def test_export_command_reports_an_unknown_study_as_a_message(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", db_url, "export", "nope", "--format", "csv", "--out", "/tmp/x.csv"])
    assert code == 2
    err = capsys.readouterr().err
    assert "there is no study 'nope'" in err and "Traceback" not in err
