"""Big call lists prepared by worker processes: the same contacts, rejects and report as one
process gives, errors at the same row, and no process left behind when an import stops."""

from __future__ import annotations

import csv
import multiprocessing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from cati.db import Contact, ContactPhone, ImportBatch, session_scope
from cati.dnc import add_to_do_not_call
from cati.sample import CallListError, ParsedContact, RejectedRow, read_call_list, row_pool
from cati.sample.importing import import_call_list
from cati.studies import create_study
from tests.cati.sample.files import RUSSIAN_EXPORT_ROWS, write_csv, write_xlsx
from tests.cati.segments.calllist import SCRIPT, clock

POOLED: dict[str, Any] = {"workers": 2, "parallel_from": 7}  # a pool from the 7th data row
SERIAL: dict[str, Any] = {"workers": 0}
FORMATS = ("+7 (495) {0}-{1}-{2}", "8 916 {0} {1} {2}", "8({0}){1}{2} доб. 12", "7912{0}{1}{2}")
REGIONS = ("Москва", "Приморский край", "г. Новосибирск", "", "Хабаровск")


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_pool, "CHUNK_ROWS", 37)  # many chunks, the last one partial


_EARLIER_CHILDREN: set[int] = set()


@pytest.fixture(autouse=True)
def earlier_children() -> None:
    """Processes another test may have left running are not this module's workers."""
    _EARLIER_CHILDREN.clear()
    _EARLIER_CHILDREN.update(p.pid or 0 for p in multiprocessing.active_children())


def workers() -> set[int]:
    """The child processes started since the test began (the pool's workers)."""
    return {p.pid or 0 for p in multiprocessing.active_children()} - _EARLIER_CHILDREN


def hostile_rows(count: int) -> list[list[str]]:
    """The Russian export, then ``count`` rows of every kind: formats, duplicates in the
    file and in the row, junk, invalid numbers, empty rows, cells right of the header."""
    rows = [list(row) for row in RUSSIAN_EXPORT_ROWS]
    for i in range(count):
        n = i - 3 if i % 50 == 49 else i  # a duplicate of a row a little before
        digits = f"{100 + n % 900:03d}", f"{10 + n // 900 % 90:02d}", f"{10 + n % 89:02d}"
        phone = FORMATS[n % len(FORMATS)].format(*digits)
        if i % 31 == 0:
            phone += ", 8 (903) 765-43-21"  # a second number, the same on many rows
        if i % 43 == 0:
            phone = f"{phone}; {phone}"  # written twice in the row
        if i % 67 == 5:
            phone = "нет"
        if i % 71 == 6:
            phone = "12-34"
        row = [f'ООО "Клиент {i}"', f"Иванов {i}", "Директор", phone, str(i % 4 or ""),
               REGIONS[i % len(REGIONS)], f"{1 + i % 28:02d}.03.2024", f"{i * 13 % 9999},5",
               str(i % 50)]  # fmt: skip
        if i % 97 == 0:
            row = [""] * 9
        if i % 89 == 3:
            row += ["лишнее", str(i)]
        rows.append(row)
    rows.append(["ООО Просили не звонить", "", "", "+7 (495) 999-88-77", "", "", "", "", ""])
    rows.append(["ООО Уже в исследовании", "", "", "8 495 100-10-10", "", "", "", "", ""])
    return rows


KNOWN = "+74951001010"  # the last row's number
DO_NOT_CALL = "+74959998877"  # the row before it


def results(path: Path, **options: Any) -> tuple[list[ParsedContact | RejectedRow], Any]:
    with read_call_list(path, batch_size=50, **options) as calls:
        found = list(calls)
    return found, (calls.summary.to_dict(), calls.attribute_labels)


def test_rows_prepared_by_workers_give_the_same_contacts_rejects_and_summary(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "list.csv", hostile_rows(1200))
    checks = {"is_known_number": {KNOWN}.__contains__, "is_do_not_call": {DO_NOT_CALL}.__contains__}
    serial, serial_report = results(path, **SERIAL, **checks)
    pooled, pooled_report = results(path, **POOLED, **checks)

    assert pooled == serial
    assert pooled_report == serial_report
    summary = serial_report[0]
    assert summary["complete"] and summary["read"] == 9 + 1200 + 2
    assert all(summary["rejected_by_reason"].values())  # every reason, in the same rows
    assert summary["rows_with_extra_cells"] > 0 and summary["empty"] > 0
    assert workers() == set()


def test_a_workbook_prepared_by_workers_gives_the_same_typed_contacts(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Компания", "Телефон", "Последний заказ", "Выручка", "Заказов"]]
    for i in range(300):
        rows.append([f"ООО {i}", 74957000000 + i % 280, date(2024, 1, 1 + i % 28), i * 1.5, i])
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    serial, serial_report = results(path, **SERIAL)
    pooled, pooled_report = results(path, **POOLED)
    assert pooled == serial and pooled_report == serial_report
    contact = next(r for r in pooled if isinstance(r, ParsedContact))
    assert isinstance(contact.attributes["last_order"], date)  # typed in the worker
    assert workers() == set()


def test_a_small_file_is_read_without_starting_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "list.csv", hostile_rows(100))

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a small file")

    monkeypatch.setattr(row_pool, "ProcessPoolExecutor", no_pool)
    found, (summary, _labels) = results(path, workers=2)  # the default threshold
    assert summary["read"] == 9 + 100 + 2 and found


def test_a_row_that_cannot_be_read_is_reported_after_the_rows_before_it(tmp_path: Path) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(300)]
    table[250][0] = "x" * 200_000  # row 251: over the CSV reader's field limit
    path = write_csv(tmp_path / "list.csv", table, encoding="utf-8")
    for options in (SERIAL, POOLED):
        given: list[int] = []
        with (
            pytest.raises(CallListError, match=r"row 251: ") as caught,
            read_call_list(path, **options) as calls,
        ):
            given.extend(result.row for result in calls)
        assert given == list(range(2, 251)), options
        assert "row 251" in str(caught.value)
    assert workers() == set()


def test_stopping_the_reading_midway_leaves_no_worker_process(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", hostile_rows(600))
    with read_call_list(path, **POOLED) as calls:
        rows = iter(calls)
        for _ in range(100):
            next(rows)
        assert workers()  # the pool is working
    assert workers() == set()


# --- saved into a study ------------------------------------------------------------------------


def saved(engine: Engine, study_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with session_scope(engine) as session:
        people = session.exec(
            select(Contact).where(col(Contact.study_id) == study_id).order_by(col(Contact.id))
        ).all()
        contacts = [
            (c.source_row, c.company, c.name, c.position, c.email, c.region, c.timezone,
             c.timezone_source, c.attributes, c.segment_id)
            for c in people
        ]  # fmt: skip
        numbers = session.exec(
            select(
                col(ContactPhone.contact_id),
                col(ContactPhone.position),
                col(ContactPhone.e164),
                col(ContactPhone.extension),
                col(ContactPhone.raw),
            )
            .where(col(ContactPhone.study_id) == study_id)
            .order_by(col(ContactPhone.contact_id), col(ContactPhone.position))
        ).all()
        first = people[0].id if people else 0
        assert first is not None
        phones = [(c_id - first, *rest) for c_id, *rest in numbers]
    return contacts, phones


def rejects_of(path: Path | None) -> list[list[str]]:
    assert path is not None
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def test_an_import_by_workers_saves_what_one_process_saves(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", hostile_rows(800))
    add_to_do_not_call(engine, [DO_NOT_CALL], clock=clock())
    serial_study = create_study(engine, "Один процесс", SCRIPT, clock=clock()).study
    pooled_study = create_study(engine, "Пул", SCRIPT, clock=clock()).study
    assert serial_study.id is not None and pooled_study.id is not None

    serial = import_call_list(engine, serial_study.id, path, batch_size=64, clock=clock(),
                              rejects=tmp_path / "serial.csv", **SERIAL)  # fmt: skip
    pooled = import_call_list(engine, pooled_study.id, path, batch_size=64, clock=clock(),
                              rejects=tmp_path / "pooled.csv", **POOLED)  # fmt: skip

    assert saved(engine, pooled_study.id) == saved(engine, serial_study.id)
    assert rejects_of(pooled.rejects_path) == rejects_of(serial.rejects_path)
    differ = {"rejects_file", "batch_id", "study"}
    assert {k: v for k, v in pooled.to_dict().items() if k not in differ} == {
        k: v for k, v in serial.to_dict().items() if k not in differ
    }
    assert serial.rejected_by_reason["do_not_call"] == 1
    assert workers() == set()


def test_cancelling_while_workers_prepare_rows_keeps_only_whole_batches_and_no_process(
    engine: Engine, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(900)]
    path = write_csv(tmp_path / "list.csv", table)
    study = create_study(engine, "Отмена", SCRIPT, clock=clock()).study
    assert study.id is not None

    def cancel(done: int, total: int | None) -> None:
        if workers():  # rows past the 7th: the pool is busy
            raise KeyboardInterrupt  # (the progress after the first batch of 200 is saved)

    with pytest.raises(KeyboardInterrupt):
        import_call_list(engine, study.id, path, progress=cancel, batch_size=200, clock=clock(),
                         **POOLED)  # fmt: skip
    assert workers() == set()
    contacts, _ = saved(engine, study.id)
    assert [row for row, *_ in contacts] == list(range(2, 202))  # the first batch, whole
    with session_scope(engine) as session:
        [batch] = session.exec(select(ImportBatch)).all()
        assert batch.summary["complete"] is False and batch.summary["imported"] == 200

    rerun = import_call_list(engine, study.id, path, batch_size=200, clock=clock(), **POOLED)
    assert (rerun.imported, rerun.rejected_by_reason["already_in_study"]) == (700, 200)
    assert len(saved(engine, study.id)[0]) == 900
    assert workers() == set()
