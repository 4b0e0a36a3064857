"""Segments on the database: defined from YAML, every contact assigned, counted for quotas."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from cati.db import (
    Contact,
    ContactState,
    Interview,
    Interviewer,
    InterviewStatus,
    ScriptVersion,
    Segment,
    session_scope,
)
from cati.dnc import add_to_do_not_call
from cati.sample.importing import import_call_list
from cati.segments import (
    SegmentDefinitionError,
    define_segments,
    segment_report,
)
from cati.studies import create_study
from tests.cati.segments.calllist import (
    RECENCY,
    RECENCY_SEGMENTS,
    SCRIPT,
    clock,
    write_segmentable_csv,
)

STUDY = "CSI 2024"


@pytest.fixture
def study(engine: Engine, tmp_path: Path) -> str:
    create_study(engine, STUDY, SCRIPT, clock=clock())
    import_call_list(engine, STUDY, write_segmentable_csv(tmp_path / "list.csv"), clock=clock())
    return STUDY


def segment_of(engine: Engine) -> dict[str, str | None]:
    """Contact name -> its segment's name."""
    with session_scope(engine) as session:
        names = {s.id: s.name for s in session.exec(select(Segment)).all()}
        return {
            c.name: names.get(c.segment_id)
            for c in session.exec(select(Contact).order_by(col(Contact.id))).all()
        }


def test_recency_segments_assign_every_contact_first_match_wins(engine: Engine, study: str) -> None:
    defined = define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    assert defined.assigned == {"new": 2, "lost": 2, "regular": 2, "other": 2}
    assert segment_of(engine) == RECENCY


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # order frequency
        (["orders_per_year >= 12", "orders_per_year >= 4"],
         {"Иванов Иван Иванович": 0, "Петрова Анна Сергеевна": 0, "Смирнова Елена": 0,
          "Кузнецов Олег": 1}),
        # product type
        (['product == "Металлопрокат"', '"труб" in lower(product)'],
         {"Иванов Иван Иванович": 0, "Кузнецов Олег": 0, "Петрова Анна Сергеевна": 1,
          "Сидоров Пётр": 1, "Волков Андрей": 1}),
        # region
        (['region == "Москва"', 'region in ["Санкт-Петербург", "Ленинградская обл."]'],
         {"Иванов Иван Иванович": 0, "Морозова Ольга": 0, "Орлов Игорь": 0,
          "Петрова Анна Сергеевна": 1, "Сидоров Пётр": 1}),
        # position
        (['position in ["Генеральный директор", "CEO"]', '"директор" in lower(position)'],
         {"Иванов Иван Иванович": 0, "Кузнецов Олег": 0, "Волков Андрей": 0,
          "Петрова Анна Сергеевна": 1, "Морозова Ольга": 1}),
        # influence on the decision, and size with it
        (['revenue >= 10000000 and decision_role == "ЛПР"', 'decision_role == "ЛПР"'],
         {"Иванов Иван Иванович": 0, "Кузнецов Олег": 0, "Петрова Анна Сергеевна": 1,
          "Волков Андрей": 1, "Морозова Ольга": 1}),
    ],
)  # fmt: skip
def test_the_domain_segmentations_are_expressible(
    engine: Engine, study: str, rules: list[str], expected: dict[str, int]
) -> None:
    names = ["first", "second"]
    define_segments(
        engine,
        study,
        [{"name": names[i], "rule": rule} for i, rule in enumerate(rules)],
        clock=clock(),
    )
    wanted = {person: names[index] for person, index in expected.items()}
    assert segment_of(engine) == {person: wanted.get(person, "other") for person in RECENCY}


def test_the_report_counts_population_contacts_reachable_completes_and_target(
    engine: Engine, study: str
) -> None:
    define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    now = clock().now()
    with session_scope(engine, immediate=True) as session:
        people = {c.name: c for c in session.exec(select(Contact)).all()}
        anna = Interviewer(login="anna", display_name="Анна", password_hash="x", created_at=now)
        session.add(anna)
        session.flush()
        version = session.exec(select(ScriptVersion)).one()
        finished = people["Иванов Иван Иванович"]  # new
        finished.state = ContactState.FINAL
        finished.final_disposition = "1.1"
        session.add(finished)
        for contact, status in (
            (finished, InterviewStatus.COMPLETE),
            (people["Морозова Ольга"], InterviewStatus.BROKEN_OFF),  # new
            (people["Сидоров Пётр"], InterviewStatus.COMPLETE),  # lost
        ):
            session.add(
                Interview(
                    study_id=contact.study_id, contact_id=contact.id, script_version_id=version.id,
                    interviewer_id=anna.id, seed=1, language="ru", status=status,
                    started_at=now, updated_at=now,
                )
            )  # fmt: skip
    # blocked after the import: still a contact, no longer reachable
    add_to_do_not_call(engine, ["+7 423 240-00-01"], clock=clock())  # Волков: lost

    report = {row.name: row for row in segment_report(engine, study)}
    assert list(report) == ["new", "lost", "regular", "other"]
    new, lost = report["new"], report["lost"]
    assert (new.population, new.contacts, new.reachable, new.completes, new.target) == (
        2, 2, 1, 1, 20
    )  # fmt: skip
    assert (lost.population, lost.contacts, lost.reachable, lost.completes, lost.target) == (
        340, 2, 1, 1, 20
    )  # fmt: skip
    assert lost.population_entered and not new.population_entered
    assert report["other"].to_dict() == {
        "name": "other",
        "rule": None,
        "population": 2,
        "population_entered": False,
        "contacts": 2,
        "reachable": 2,
        "completes": 0,
        "target": 0,
    }


def test_before_segments_are_defined_the_report_shows_the_unsegmented_contacts(
    engine: Engine, study: str
) -> None:
    [row] = segment_report(engine, study)
    assert (row.name, row.contacts, row.reachable) == ("(no segment)", 8, 8)


def test_redefining_replaces_segments_keeps_ids_of_kept_names_and_reassigns(
    engine: Engine, study: str
) -> None:
    define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    with session_scope(engine) as session:
        before = {s.name: s.id for s in session.exec(select(Segment)).all()}
    define_segments(
        engine,
        study,
        "- {name: moscow, rule: 'region == \"Москва\"', target: 7}\n"
        "- {name: lost, rule: 'days_since(last_order) > 365'}\n",
        clock=clock(),
    )
    with session_scope(engine) as session:
        after = {s.name: s for s in session.exec(select(Segment)).all()}
    assert sorted(after) == ["lost", "moscow", "other"]
    assert after["lost"].id == before["lost"] and after["other"].id == before["other"]
    assert after["lost"].population is None  # no longer entered
    assert [s.name for s in sorted(after.values(), key=lambda s: s.position)] == [
        "moscow", "lost", "other"
    ]  # fmt: skip
    segments = segment_of(engine)
    assert segments["Иванов Иван Иванович"] == "moscow"
    assert segments["Сидоров Пётр"] == "lost"
    assert segments["Петрова Анна Сергеевна"] == "other"


def test_a_bad_definition_changes_nothing(engine: Engine, study: str, tmp_path: Path) -> None:
    define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    bad = tmp_path / "segments.yaml"
    bad.write_text("- name: vip\n  rule: revenu > 1\n", encoding="utf-8")
    with pytest.raises(SegmentDefinitionError) as raised:
        define_segments(engine, study, bad, clock=clock())
    assert str(raised.value).startswith(
        f"{bad}:2:9: unknown contact field 'revenu' (did you mean 'revenue'?)"
    )
    assert segment_of(engine) == RECENCY


def test_segment_labels_reach_the_report_settings_and_outlive_an_edit_without_them(
    engine: Engine, study: str
) -> None:
    from cati.db.results import study_settings

    labelled = RECENCY_SEGMENTS.replace(
        "  population: 340\n",
        "  population: 340\n  label: {ru: Ушедшие клиенты, en: Clients who left}\n",
    )
    define_segments(engine, study, labelled, clock=clock())
    expected = {"lost": {"ru": "Ушедшие клиенты", "en": "Clients who left"}}
    assert study_settings(engine, study)[1]["report"]["segment_labels"] == expected
    # The setup screen saves rules and targets only: the label stays.
    define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    assert study_settings(engine, study)[1]["report"]["segment_labels"] == expected
    # A segment that is gone takes its label with it.
    without_lost = RECENCY_SEGMENTS.replace("- name: lost\n", "- name: gone\n")
    define_segments(engine, study, without_lost, clock=clock())
    assert "segment_labels" not in study_settings(engine, study)[1].get("report", {})
