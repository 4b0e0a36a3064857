"""Importing call lists into a study: contacts saved in batches, rejects written, idempotent."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func
from sqlmodel import col, select

from cati.db import Contact, ContactPhone, ImportBatch, Study, session_scope
from cati.db.files import database_data_folder
from cati.dnc import add_to_do_not_call
from cati.errors import CatiError
from cati.sample import CallList, CallListError, NoPhoneColumnError
from cati.sample.importing import default_rejects_path, import_call_list
from cati.sample.limits import CallListLimits
from cati.segments import define_segments
from cati.studies import StudyExists, create_study
from tests.cati.sample.files import RUSSIAN_EXPORT_ROWS, write_csv
from tests.cati.segments.calllist import (
    RECENCY,
    RECENCY_SEGMENTS,
    SCRIPT,
    clock,
    write_segmentable_csv,
    write_segmentable_xlsx,
)


@pytest.fixture
def study(engine: Engine) -> str:
    create_study(engine, "NPS 2024", SCRIPT, clock=clock())
    return "NPS 2024"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "clients.csv", RUSSIAN_EXPORT_ROWS)


def contacts(engine: Engine) -> list[Contact]:
    with session_scope(engine) as session:
        return list(session.exec(select(Contact).order_by(col(Contact.id))).all())


def phones(engine: Engine) -> list[tuple[int, int, str, str | None]]:
    with session_scope(engine) as session:
        statement = select(
            col(ContactPhone.contact_id),
            col(ContactPhone.position),
            col(ContactPhone.e164),
            col(ContactPhone.extension),
        ).order_by(col(ContactPhone.contact_id), col(ContactPhone.position))
        return list(session.exec(statement).all())


def read_rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


def test_a_russian_excel_export_becomes_contacts_with_their_phones(
    engine: Engine, study: str, export: Path
) -> None:
    result = import_call_list(engine, study, export, clock=clock())

    assert (result.read, result.imported, result.rejected) == (9, 5, 3)
    assert result.summary["empty"] == 1
    assert result.rejected_by_reason == {
        "no_phone": 1,
        "invalid_phone": 1,
        "duplicate_in_file": 1,
        "already_in_study": 0,
        "do_not_call": 0,
    }
    saved = contacts(engine)
    assert [c.source_row for c in saved] == [4, 5, 6, 11, 12]
    first = saved[0]
    assert (first.company, first.name, first.position) == (
        'ООО "Ромашка"',
        "Иванов Иван Иванович",
        "Генеральный директор",
    )
    assert first.attributes == {
        "last_order": "2024-03-12",
        "revenue": 1234567.89,
        "orders_per_year": 12,
    }
    assert first.timezone == "Europe/Moscow"
    assert saved[1].timezone == "Asia/Vladivostok"  # from the region column
    assert all(c.import_batch_id == result.batch_id for c in saved)
    assert all(c.created_at == clock().now() for c in saved)
    ids = [c.id for c in saved]
    assert phones(engine) == [
        (ids[0], 0, "+74951234567", None),
        (ids[1], 0, "+79161234567", None),
        (ids[2], 0, "+78123214567", "123"),
        (ids[3], 0, "+77011234567", None),
        (ids[4], 0, "+74012123456", "55"),
        (ids[4], 1, "+79037654321", None),
    ]
    with session_scope(engine) as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert batch.file_name == "clients.csv"
        assert batch.sha256 == result.summary["sha256"]
        assert batch.summary["complete"] is True
        assert batch.summary["imported"] == 5
        assert batch.summary["attribute_kinds"]["revenue"] == {"number": 2}


def test_reimporting_the_same_file_adds_nothing(engine: Engine, study: str, export: Path) -> None:
    import_call_list(engine, study, export, clock=clock())
    again = import_call_list(engine, study, export, clock=clock())
    assert again.imported == 0
    assert again.rejected_by_reason["already_in_study"] == 6
    assert len(contacts(engine)) == 5
    assert len(phones(engine)) == 6


def test_rejects_file_lists_each_row_with_its_number_and_reason(
    engine: Engine, study: str, export: Path
) -> None:
    result = import_call_list(engine, study, export, clock=clock())
    assert result.rejects_path is not None
    rows = read_rejects(result.rejects_path)
    assert [(r["row"], r["reason"]) for r in rows] == [
        ("8", "no_phone"),
        ("9", "duplicate_in_file"),
        ("10", "invalid_phone"),
    ]
    assert rows[1]["Компания"] == "ИП Дубликатов"
    assert rows[1]["message"] == "'+74951234567 is already in row 4"  # no formula in Excel


def test_no_rejects_file_is_written_when_every_row_is_imported(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "clean.csv", [["Компания", "Телефон"], ["ООО А", "84951112233"]])
    out = tmp_path / "out.csv"
    result = import_call_list(engine, study, path, rejects=out, clock=clock())
    assert result.imported == 1 and result.rejects_path is None
    assert not out.exists()
    assert not any(p.name.endswith(".rejects.csv") for p in tmp_path.rglob("*"))


def test_the_rejects_file_is_kept_with_the_database_not_beside_the_call_list(
    engine: Engine, study: str, export: Path
) -> None:
    first = import_call_list(engine, study, export, clock=clock())
    second = import_call_list(engine, study, export, clock=clock())
    with session_scope(engine) as session:
        sid = session.exec(select(Study.id).where(Study.name == study)).one()
    folder = database_data_folder(engine) / "imports" / f"study-{sid}"
    assert first.rejects_path == default_rejects_path(engine, sid, export, first.batch_id)
    assert first.rejects_path == folder / f"clients-import-{first.batch_id}.rejects.csv"
    # one file per import: the second import's rejects do not replace the first's
    assert second.rejects_path is not None and second.rejects_path != first.rejects_path
    assert len(read_rejects(first.rejects_path)) == 3
    assert len(read_rejects(second.rejects_path)) == 8  # all but the empty row
    assert sorted(p.name for p in export.parent.iterdir() if p.suffix == ".csv") == ["clients.csv"]
    with session_scope(engine) as session:
        batch = session.get(ImportBatch, first.batch_id)
        assert batch is not None and batch.summary["rejects_file"] == str(first.rejects_path)


def test_a_rejects_file_that_cannot_be_written_stops_the_import_before_it_starts(
    engine: Engine, study: str, export: Path, tmp_path: Path
) -> None:
    with pytest.raises(CallListError, match=r"cannot be written there.*nothing was imported"):
        import_call_list(
            engine, study, export, rejects=tmp_path / "no" / "such" / "r.csv", clock=clock()
        )
    if hasattr(os, "mkfifo"):  # opening a pipe to write would wait for a reader forever
        os.mkfifo(tmp_path / "pipe.csv")
        with pytest.raises(CallListError, match="cannot be written there"):
            import_call_list(engine, study, export, rejects=tmp_path / "pipe.csv", clock=clock())
    assert contacts(engine) == []


def test_do_not_call_numbers_block_the_import(
    engine: Engine, study: str, export: Path, tmp_path: Path
) -> None:
    add_to_do_not_call(engine, ["8 (495) 123-45-67"], reason="просил не звонить", clock=clock())
    out = tmp_path / "rejected.csv"
    result = import_call_list(engine, study, export, rejects=out, clock=clock())
    # rows 4 and 9 carry the number (in two spellings)
    assert result.rejected_by_reason["do_not_call"] == 2
    assert result.imported == 4
    assert "+74951234567" not in {e164 for _, _, e164, _ in phones(engine)}
    rejected = [(r["row"], r["reason"]) for r in read_rejects(out)]
    assert ("4", "do_not_call") in rejected and ("9", "do_not_call") in rejected


def test_an_xlsx_call_list_is_imported_with_typed_attributes(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    path = write_segmentable_xlsx(tmp_path / "clients.xlsx")
    result = import_call_list(engine, study, path, clock=clock())
    assert result.imported == 8 and result.summary["format"] == "xlsx"
    first = contacts(engine)[0]
    assert first.attributes["first_order"] == "2024-03-01"
    assert first.attributes["orders_per_year"] == 24
    assert first.attributes["revenue"] == 15_000_000


def test_new_contacts_go_into_the_studys_segments(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    first = write_segmentable_csv(tmp_path / "first.csv")
    import_call_list(engine, study, first, clock=clock())
    define_segments(engine, study, RECENCY_SEGMENTS, clock=clock())
    more = write_csv(
        tmp_path / "more.csv",
        [
            ["Компания", "Телефон", "Дата первого заказа", "Дата последнего заказа"],
            ["ООО Новый", "8 495 700 00 01", "01.05.2024", "01.05.2024"],
            ["ООО Старый", "8 495 700 00 02", "01.05.2010", "01.05.2020"],
            ["ООО Прочий", "8 495 700 00 03", "01.05.2010", "01.05.2024"],
        ],
    )
    result = import_call_list(engine, study, more, clock=clock())
    assert result.segments == {"new": 1, "lost": 1, "other": 1}
    assert len(contacts(engine)) == len(RECENCY) + 3


def test_a_failure_mid_file_keeps_whole_batches_and_a_rerun_completes_it(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    rows = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(10)]
    path = write_csv(tmp_path / "list.csv", rows)

    def crash(done: int, total: int | None) -> None:
        if len(contacts(engine)) == 6:  # after the second batch of 3 rows is saved
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_call_list(engine, study, path, progress=crash, batch_size=3, clock=clock())
    assert len(contacts(engine)) == 6
    with session_scope(engine) as session:
        [batch] = session.exec(select(ImportBatch)).all()
        assert batch.summary["complete"] is False

    rerun = import_call_list(engine, study, path, batch_size=3, clock=clock())
    assert rerun.imported == 4 and rerun.rejected_by_reason["already_in_study"] == 6
    assert sorted(c.company for c in contacts(engine)) == sorted(f"ООО {i}" for i in range(10))


def test_an_unusable_file_is_an_error_and_records_nothing(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "no_phone.csv", [["Компания", "Город"], ["ООО А", "Москва"]])
    with pytest.raises(NoPhoneColumnError, match="no column looks like a phone column"):
        import_call_list(engine, study, path, clock=clock())
    with pytest.raises(CallListError, match="no such file"):
        import_call_list(engine, study, tmp_path / "missing.csv", clock=clock())
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(ImportBatch)).one() == 0


def import_batches(engine: Engine) -> int:
    with session_scope(engine) as session:
        return int(session.exec(select(func.count()).select_from(ImportBatch)).one())


def test_a_row_that_cannot_be_read_stores_nothing_and_names_the_row(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(3000)]
    table[2501][0] = "x" * 200_000  # row 2502: over the CSV reader's 128 KiB field limit
    path = write_csv(tmp_path / "list.csv", table, encoding="utf-8")
    with pytest.raises(CallListError, match=r"row 2502: .*; nothing was imported$"):
        import_call_list(engine, study, path, clock=clock())  # batches of 1,000 rows
    assert contacts(engine) == [] and import_batches(engine) == 0


def test_a_cut_off_utf16_file_stores_nothing(engine: Engine, study: str, tmp_path: Path) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(50)]
    path = write_csv(tmp_path / "unicode.txt", table, encoding="utf-16")
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(CallListError, match=r"row 51: .*utf-16.*; nothing was imported$"):
        import_call_list(engine, study, path, batch_size=10, clock=clock())
    assert contacts(engine) == [] and import_batches(engine) == 0


def test_a_limit_reached_late_in_the_file_stores_nothing(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(30)]
    path = write_csv(tmp_path / "list.csv", table)
    with pytest.raises(CallListError, match=r"row 26: .*more than 25 rows"):
        import_call_list(
            engine, study, path, batch_size=5, limits=CallListLimits(rows=25), clock=clock()
        )
    assert contacts(engine) == [] and import_batches(engine) == 0


def test_a_file_damaged_after_its_check_says_exactly_what_was_saved(
    engine: Engine, study: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(30)]
    table[25][0] = "x" * 200_000  # row 26
    path = write_csv(tmp_path / "list.csv", table, encoding="utf-8")
    # as if the file changed between the check and the import (a share being written to)
    monkeypatch.setattr(CallList, "check", lambda self, progress=None: 0)
    with pytest.raises(CallListError) as caught:
        import_call_list(engine, study, path, batch_size=10, clock=clock())
    assert str(caught.value).startswith(f"{path}: row 26: ")
    assert str(caught.value).endswith(
        "; 20 contacts of the rows before it were saved (import 1, marked incomplete): fix the "
        "file and import it again to add the rest"
    )
    assert len(contacts(engine)) == 20
    with session_scope(engine) as session:
        [batch] = session.exec(select(ImportBatch)).all()
        assert (batch.summary["complete"], batch.summary["imported"]) == (False, 20)


def test_the_check_before_saving_is_part_of_the_progress_and_can_be_cancelled(
    engine: Engine, study: str, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(10)]
    path = write_csv(tmp_path / "list.csv", table)
    seen: list[tuple[int, int | None]] = []

    def cancel(done: int, total: int | None) -> None:
        seen.append((done, total))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_call_list(engine, study, path, progress=cancel, batch_size=3, clock=clock())
    assert seen and import_batches(engine) == 0


def test_the_rejects_file_may_not_overwrite_the_call_list(
    engine: Engine, study: str, export: Path
) -> None:
    with pytest.raises(CallListError, match="overwrite"):
        import_call_list(engine, study, export, rejects=export, clock=clock())


PHONES = st.sampled_from(
    ["+7 (495) 123-45-67", "8 916 123 45 67", "8(812)3214567 доб. 123", "84951234567",
     "+375 29 123 45 67", "12345", "", "нет", "8 903 111 22 33, 8 903 111 22 34"]
)  # fmt: skip
TEXT = st.text(alphabet=st.sampled_from(list("абвгАБЁё ;,\"'\n\x000123456789.-")), max_size=12)


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.tuples(TEXT, PHONES, TEXT), max_size=15), blocked=st.booleans())
def test_every_row_of_a_random_list_is_saved_or_in_the_rejects_file(
    engine: Engine, rows: list[tuple[str, str, str]], blocked: bool
) -> None:
    table = [["Компания", "Телефон", "Дата последнего заказа"], *[list(row) for row in rows]]
    with tempfile.TemporaryDirectory() as folder:
        # one study for all examples: the invariants hold whatever it already holds
        name = "random"
        with contextlib.suppress(StudyExists):
            create_study(engine, name, SCRIPT, clock=clock())
        if blocked:
            add_to_do_not_call(engine, ["8 916 123 45 67"], clock=clock())
        path = write_csv(Path(folder) / "t.csv", table, encoding="utf-8")
        try:
            result = import_call_list(engine, name, path, clock=clock())
        except CatiError:
            return
        rejected = read_rejects(result.rejects_path) if result.rejects_path else []
    assert result.read == result.imported + result.rejected + result.summary["empty"]
    assert len(rejected) == result.rejected
    with session_scope(engine) as session:
        saved = session.exec(
            select(func.count())
            .select_from(Contact)
            .where(col(Contact.import_batch_id) == result.batch_id)
        ).one()
    assert saved == result.imported
