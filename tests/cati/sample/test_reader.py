from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from cati.errors import CatiError, ConfigurationError
from cati.sample import (
    NoPhoneColumnError,
    ParsedContact,
    RejectedRow,
    RejectReason,
    RejectsWriter,
    TimezoneSource,
    UnreadableCallListError,
    UnsupportedCallListError,
    file_sha256,
    read_call_list,
)
from tests.cati.sample.files import RUSSIAN_EXPORT_ROWS, write_csv, write_xlsx

HEADER = ["Компания", "Телефон", "Регион"]


def read_all(path: Path, **options: object) -> tuple[list[ParsedContact], list[RejectedRow], dict]:
    with read_call_list(path, **options) as calls:  # type: ignore[arg-type]
        results = list(calls)
    contacts = [r for r in results if isinstance(r, ParsedContact)]
    rejects = [r for r in results if isinstance(r, RejectedRow)]
    return contacts, rejects, calls.summary.to_dict()


@pytest.fixture
def russian_export(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "clients.csv", RUSSIAN_EXPORT_ROWS, encoding="cp1251")


def test_russian_excel_export_in_cp1251_is_read_row_by_row(russian_export: Path) -> None:
    contacts, _rejects, summary = read_all(russian_export)
    assert (summary["encoding"], summary["delimiter"]) == ("cp1251", ";")
    assert (summary["header_row"], summary["preamble_rows"]) == (3, 2)
    assert [c.row for c in contacts] == [4, 5, 6, 11, 12]
    first = contacts[0]
    assert (first.company, first.name, first.position) == (
        'ООО "Ромашка"',
        "Иванов Иван Иванович",
        "Генеральный директор",
    )
    assert first.attributes == {
        "last_order": date(2024, 3, 12),
        "revenue": 1234567.89,
        "orders_per_year": 12,
    }
    assert contacts[1].position == "Директор; по закупкам"  # delimiter inside quotes
    assert contacts[1].timezone == "Asia/Vladivostok"
    assert contacts[1].timezone_source is TimezoneSource.REGION
    assert contacts[2].name == "Сидоров Пётр"  # a line break inside a quoted field
    assert (contacts[2].phones[0].e164, contacts[2].phones[0].extension) == ("+78123214567", "123")
    assert [(p.e164, p.extension) for p in contacts[4].phones] == [
        ("+74012123456", "55"),  # the Доб. column goes to the first number
        ("+79037654321", None),
    ]
    assert contacts[4].timezone == "Europe/Kaliningrad"


def test_every_row_is_imported_rejected_or_counted_empty(russian_export: Path) -> None:
    _contacts, rejects, summary = read_all(russian_export)
    assert [(r.row, r.reason) for r in rejects] == [
        (8, RejectReason.NO_PHONE),
        (9, RejectReason.DUPLICATE_IN_FILE),
        (10, RejectReason.INVALID_PHONE),
    ]
    assert "row 4" in rejects[1].message
    assert summary["read"] == 9 == summary["imported"] + summary["rejected"] + summary["empty"]
    assert (summary["imported"], summary["empty"], summary["duplicates"]) == (5, 1, 1)
    assert summary["rejected_by_reason"]["invalid_phone"] == 1
    assert summary["complete"] is True


def test_reimporting_the_same_file_adds_nothing(russian_export: Path) -> None:
    contacts, _, _ = read_all(russian_export)
    known = {phone.e164 for contact in contacts for phone in contact.phones}
    again, _rejects, summary = read_all(russian_export, is_known_number=known.__contains__)
    assert again == []
    assert summary["rejected_by_reason"]["already_in_study"] == 6  # row 9 too
    assert summary["duplicates"] == 6


def test_do_not_call_numbers_reject_the_whole_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dnc.csv",
        [HEADER, ["А", "8 916 123 45 67, +7 495 123 45 67", ""], ["Б", "8 903 000 11 22", ""]],
    )
    contacts, rejects, _ = read_all(path, is_do_not_call={"+74951234567"}.__contains__)
    assert [c.company for c in contacts] == ["Б"]
    assert (rejects[0].reason, rejects[0].row) == (RejectReason.DO_NOT_CALL, 2)


def test_a_contact_keeps_its_new_numbers_and_lists_the_skipped_ones(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "partial.csv",
        [HEADER, ["А", "8 916 123 45 67", ""], ["Б", "8 916 123 45 67; 8 903 000 11 22; 77", ""]],
    )
    contacts, _, summary = read_all(path)
    second = contacts[1]
    assert [p.e164 for p in second.phones] == ["+79030001122"]
    assert [(s.reason, s.raw) for s in second.skipped_phones] == [
        (RejectReason.DUPLICATE_IN_FILE, "8 916 123 45 67"),
        (RejectReason.INVALID_PHONE, "77"),
    ]
    assert summary["phones_skipped"] == 2


def test_utf8_with_bom_and_commas_is_detected(tmp_path: Path) -> None:
    rows = [["Company", "Contact", "Phone", "Last order", "Revenue"],
            ["Acme, Inc.", "John", "+7 495 123-45-67", "2024-03-12", "1234.5"]]  # fmt: skip
    path = write_csv(tmp_path / "en.csv", rows, encoding="utf-8", delimiter=",", bom=True)
    contacts, _, summary = read_all(path)
    assert (summary["encoding"], summary["delimiter"]) == ("utf-8-sig", ",")
    assert contacts[0].company == "Acme, Inc."
    assert contacts[0].attributes == {"last_order": date(2024, 3, 12), "revenue": 1234.5}


def test_utf8_without_bom_and_tabs_is_detected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.tsv", [HEADER, ["Ёлка", "8 916 123 45 67", "Москва"]],
                     encoding="utf-8", delimiter="\t")  # fmt: skip
    contacts, _, summary = read_all(path)
    assert (summary["encoding"], summary["delimiter"]) == ("utf-8", "\t")
    assert contacts[0].company == "Ёлка"


def test_excel_unicode_text_utf16_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.txt", [HEADER, ["Ёлка", "8 916 123 45 67", ""]],
                     encoding="utf-16", delimiter="\t")  # fmt: skip
    contacts, _, summary = read_all(path)
    assert summary["encoding"] == "utf-16"
    assert contacts[0].company == "Ёлка"


def test_xlsx_is_read_with_typed_cells_and_excel_row_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Отчёт"],
        [],
        ["Организация", "Контактное лицо", "Тел.", "Тел. 2", "Дата последнего заказа", "Выручка"],
        ["ООО Тест", "Иванов", 79161234567, "8 (495) 123-45-67", datetime(2024, 3, 12), 1500.5],
        [None, None, None, None, None, None],
        ["ООО Два", "Петров", "нет", None, "12.03.2024", "1 000"],
    ]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    contacts, rejects, summary = read_all(path)
    assert (summary["format"], summary["sheet"], summary["header_row"]) == ("xlsx", "Клиенты", 3)
    assert [p.e164 for p in contacts[0].phones] == ["+79161234567", "+74951234567"]
    assert contacts[0].attributes == {"last_order": date(2024, 3, 12), "revenue": 1500.5}
    assert (rejects[0].row, rejects[0].reason) == (6, RejectReason.NO_PHONE)
    assert summary["empty"] == 1


def test_a_named_sheet_and_a_mapping_file_are_honoured(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    write_xlsx(path, [["x"]], sheet="Первый")
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("База")
    sheet.append(["Номер", "Клиент", "Посл. отгрузка"])
    sheet.append(["8 916 123 45 67", "ООО Тест", "01.02.2024"])
    book.save(path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "sheet: База\ncolumns:\n  Номер: phone\n  Клиент: company\n  Посл. отгрузка: last_order\n",
        encoding="utf-8",
    )
    contacts, _, _ = read_all(path, mapping=mapping)
    assert contacts[0].company == "ООО Тест"
    assert contacts[0].attributes == {"last_order": date(2024, 2, 1)}


def test_extra_cells_beyond_the_header_are_kept_not_dropped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [HEADER, ["А", "8 916 123 45 67", "", "", "заметка"]])
    with read_call_list(path) as calls:
        contacts = list(calls)
    assert isinstance(contacts[0], ParsedContact)
    assert contacts[0].attributes["column_e"] == "заметка"
    assert calls.attribute_labels["column_e"] == "Column E"
    assert calls.summary.rows_with_extra_cells == 1


def test_batches_group_contacts_and_rejects_and_progress_is_reported(tmp_path: Path) -> None:
    rows = [HEADER] + [[f"К{i}", f"8 916 {i:03d} 45 67" if i % 3 else "", ""] for i in range(10)]
    path = write_csv(tmp_path / "b.csv", rows)
    calls_seen: list[tuple[int, int | None]] = []
    with read_call_list(path, batch_size=4, progress=lambda d, t: calls_seen.append((d, t))) as c:
        batches = list(c.batches())
        assert c.progress_unit == "bytes"
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sum(len(b.contacts) for b in batches) == 6
    assert sum(len(b.rejects) for b in batches) == 4
    size = path.stat().st_size
    assert calls_seen[-1] == (size, size)
    assert all(total == size for _, total in calls_seen)


def test_rejects_file_has_original_columns_row_and_reason(
    russian_export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rejects.csv"
    with read_call_list(russian_export) as calls, RejectsWriter(out, calls.header) as writer:
        for batch in calls.batches():
            writer.write_all(batch.rejects)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [*RUSSIAN_EXPORT_ROWS[2], "row", "reason", "message"]
    assert [(r[9], r[10]) for r in rows[1:]] == [
        ("8", "no_phone"),
        ("9", "duplicate_in_file"),
        ("10", "invalid_phone"),
    ]
    assert rows[3][3] == "12345"
    assert writer.count == 3


@pytest.mark.parametrize(
    ("content", "error", "fragment"),
    [
        (b"", UnreadableCallListError, "empty"),
        (b"%PDF-1.4 blah", UnsupportedCallListError, "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, UnsupportedCallListError, ".xls"),
        (b"PK\x03\x04 not really a zip", UnsupportedCallListError, "XLSX"),
        (b"abc\x00def\x00" * 50, UnsupportedCallListError, "binary"),
        ("Компания;Адрес\r\nООО;Москва\r\n".encode("cp1251"), NoPhoneColumnError, "Адрес"),
    ],
)
def test_whole_file_problems_are_cati_errors_naming_the_file(
    tmp_path: Path, content: bytes, error: type[CatiError], fragment: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_call_list(path)
    assert str(path) in str(caught.value)
    assert fragment in str(caught.value)


def test_missing_file_and_folder_are_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableCallListError, match="no such file"):
        read_call_list(tmp_path / "nope.csv")
    with pytest.raises(UnreadableCallListError, match="folder"):
        read_call_list(tmp_path)


def test_bad_settings_are_configuration_errors(russian_export: Path) -> None:
    with pytest.raises(ConfigurationError, match="phone region"):
        read_call_list(russian_export, default_region="XX")
    with pytest.raises(ConfigurationError, match="time zone"):
        read_call_list(russian_export, default_time_zone="Mars/Olympus")


def test_unknown_sheet_is_named_with_the_sheets_there_are(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", [HEADER])
    with pytest.raises(CatiError, match="Клиенты"):
        read_call_list(path, sheet="Нет")


def test_sha256_fingerprint_is_stable(russian_export: Path) -> None:
    assert file_sha256(russian_export) == file_sha256(russian_export)
    assert len(file_sha256(russian_export)) == 64
