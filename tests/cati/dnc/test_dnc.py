"""The do-not-call list: numbers normalised like call lists, files read, contacts blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from cati.db import Contact, session_scope
from cati.db.do_not_call import is_blocked, is_number_blocked
from cati.dnc import (
    InvalidNumber,
    add_to_do_not_call,
    import_do_not_call,
    list_do_not_call,
    normalise_number,
    read_number_file,
    remove_from_do_not_call,
)
from cati.errors import NotFoundError
from cati.sample.importing import import_call_list
from cati.studies import create_study
from tests.cati.sample.files import write_csv, write_xlsx
from tests.cati.segments.calllist import SCRIPT, clock, write_segmentable_csv


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("+7 (495) 123-45-67", "+74951234567"),
        ("8 916 123 45 67", "+79161234567"),
        ("8(812)3214567 доб. 123", "+78123214567"),
    ],
)
def test_numbers_are_normalised_to_e164(text: str, e164: str) -> None:
    assert normalise_number(text) == e164


def test_a_bad_number_says_why() -> None:
    with pytest.raises(InvalidNumber, match="'12345' is not a phone number: too few digits"):
        normalise_number("12345")


def test_a_file_of_numbers_one_per_line_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dnc.txt"
    path.write_bytes("+7 495 123-45-67\n\nнет\n8 916 123 45 67\n12345\n".encode("cp1251"))
    found = read_number_file(path)
    assert found.numbers == [(1, "+74951234567"), (4, "+79161234567")]
    assert [(p.line, p.text) for p in found.problems] == [(3, "нет"), (5, "12345")]


def test_a_table_with_a_phone_column_is_read_by_that_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dnc.csv",
        [["Компания", "Телефон", "Комментарий"], ["ООО А", "8 495 123 45 67", "просил"]],
    )
    found = read_number_file(path)
    assert found.header_line == 1 and found.numbers == [(2, "+74951234567")]
    book = write_xlsx(tmp_path / "dnc.xlsx", [["Phone"], ["+7 916 123 45 67"], ["x"]])
    found = read_number_file(book)
    assert found.numbers == [(2, "+79161234567")] and found.problems[0].line == 3


def test_adding_removing_and_listing_numbers(engine: Engine) -> None:
    first = add_to_do_not_call(engine, ["8 495 123 45 67", "+74951234567"], reason="просил")
    assert first.added == ["+74951234567"] and first.already == []
    second = add_to_do_not_call(engine, ["+7 (495) 123-45-67", "8 916 123 45 67"], clock=clock())
    assert second.added == ["+79161234567"] and second.already == ["+74951234567"]
    listed = list_do_not_call(engine)
    assert [(e.e164, e.reason) for e in listed] == [
        ("+74951234567", "просил"),
        ("+79161234567", ""),
    ]
    assert remove_from_do_not_call(engine, "8 916 123-45-67") == "+79161234567"
    with pytest.raises(NotFoundError, match="not on the do-not-call list"):
        remove_from_do_not_call(engine, "8 916 123-45-67")


def test_one_bad_number_adds_nothing(engine: Engine) -> None:
    with pytest.raises(InvalidNumber, match="nothing was added"):
        add_to_do_not_call(engine, ["8 495 123 45 67", "123"])
    assert list_do_not_call(engine) == []


def test_importing_a_file_adds_its_numbers_with_the_file_as_source(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "отказы.txt"
    path.write_text("+74951234567\nмусор\n", encoding="utf-8")
    change = import_do_not_call(engine, path, reason="отказ", clock=clock())
    assert change.added == ["+74951234567"]
    assert [p.line for p in change.problems] == [2]
    [entry] = list_do_not_call(engine)
    assert (entry.source, entry.reason) == ("отказы.txt", "отказ")


def test_blocked_contacts_stay_but_the_queue_can_exclude_them(
    engine: Engine, tmp_path: Path
) -> None:
    create_study(engine, "NPS", SCRIPT, clock=clock())
    import_call_list(engine, "NPS", write_segmentable_csv(tmp_path / "list.csv"), clock=clock())
    add_to_do_not_call(engine, ["8 916 123 45 67"], clock=clock())
    with session_scope(engine) as session:
        people = session.exec(select(Contact).order_by(col(Contact.id))).all()
        blocked = [c.name for c in people if is_blocked(session, c.id or 0)]
        assert blocked == ["Петрова Анна Сергеевна"]
        assert all(c.state.value == "fresh" for c in people)  # left alone
        assert is_number_blocked(session, "+79161234567")
        assert not is_number_blocked(session, "+74951234567")
