"""Encodings decided for the file and again for each row: one bad byte is a warning, not
mojibake; a block pasted in another encoding is read in its own."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cati.sample import ParsedContact, read_call_list
from cati.sample.encodings import LineDecoder, RowNote, text_encoding

HEADER = ["Компания", "Телефон", "Город"]


def rows(count: int, start: int = 0) -> list[list[str]]:
    return [[f"ООО Ромашка {i}", f"8495{7100000 + i}", "Москва"] for i in range(start, count)]


def csv_bytes(table: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode(encoding)


def read(path: Path) -> tuple[list[ParsedContact], dict]:
    with read_call_list(path) as calls:
        contacts = [r for r in calls if isinstance(r, ParsedContact)]
    return contacts, calls.summary.to_dict()


def test_one_invalid_byte_in_a_utf8_file_is_a_warning_about_its_row(tmp_path: Path) -> None:
    data = csv_bytes([HEADER, *rows(50)], "utf-8")
    damaged_at = data.index("Ромашка 5;".encode())  # row 7 (header is row 1)
    data = data[:damaged_at] + b"\xff" + data[damaged_at:]
    path = tmp_path / "utf8.csv"
    path.write_bytes(data)

    contacts, summary = read(path)
    assert summary["encoding"] == "utf-8"
    assert len(contacts) == 50
    assert contacts[0].company == "ООО Ромашка 0"  # not "РћРћРћ Р РѕРјР°С€РєР°"
    assert contacts[5].company == "ООО \ufffdРомашка 5"
    assert summary["rows_decoded_differently"] == {"bytes_replaced": 1}
    assert summary["warnings"] == [
        "bytes that are not valid utf-8 were replaced by \ufffd: row 7; check these contacts"
    ]


def test_a_cp1251_block_in_a_utf8_file_is_read_as_cp1251_and_named(tmp_path: Path) -> None:
    data = csv_bytes([HEADER, *rows(20)], "utf-8") + csv_bytes(rows(23, 20), "cp1251")
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)

    contacts, summary = read(path)
    assert summary["encoding"] == "utf-8"
    assert [c.company for c in contacts[19:]] == [f"ООО Ромашка {i}" for i in range(19, 23)]
    assert summary["warnings"] == [
        "read as cp1251 (Windows Cyrillic), unlike the rest of the file: rows 22, 23, 24; "
        "check these contacts"
    ]


def test_a_utf8_row_in_a_cp1251_file_is_read_as_utf8_and_named(tmp_path: Path) -> None:
    data = csv_bytes([HEADER, *rows(30)], "cp1251") + csv_bytes(rows(31, 30), "utf-8")
    path = tmp_path / "mostly_cp1251.csv"
    path.write_bytes(data)

    contacts, summary = read(path)
    assert summary["encoding"] == "cp1251"
    assert contacts[-1].company == "ООО Ромашка 30"
    assert summary["rows_decoded_differently"] == {"read_as_utf8": 1}
    assert "row 32" in summary["warnings"][0]


def test_a_clean_cp1251_export_has_no_warnings(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.csv"
    path.write_bytes(csv_bytes([HEADER, *rows(40)], "cp1251"))
    contacts, summary = read(path)
    assert (summary["encoding"], summary["warnings"], len(contacts)) == ("cp1251", [], 40)


def test_many_damaged_rows_are_counted_and_the_first_ones_named(tmp_path: Path) -> None:
    lines = csv_bytes([HEADER, *rows(30)], "utf-8").split(b"\r\n")
    damaged = [line.replace("Ромашка".encode(), "Ромашка".encode() + b"\xc3") for line in lines]
    path = tmp_path / "damaged.csv"
    path.write_bytes(b"\r\n".join([lines[0], *damaged[1:]]))
    _contacts, summary = read(path)
    assert summary["rows_decoded_differently"] == {"bytes_replaced": 30}
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 20 more" in summary["warnings"][0]


def test_the_file_is_judged_beyond_a_plain_ascii_start(tmp_path: Path) -> None:
    ascii_rows = [[f"OOO Romashka {i}", f"8495{7200000 + i}", "Moscow"] for i in range(3000)]
    data = csv_bytes([["Company", "Phone", "City"], *ascii_rows], "ascii")
    data += csv_bytes(rows(5), "cp1251")  # Cyrillic only after the first 64 KiB
    path = tmp_path / "late.csv"
    path.write_bytes(data)
    contacts, summary = read(path)
    assert summary["encoding"] == "cp1251" and summary["warnings"] == []
    assert contacts[-1].company == "ООО Ромашка 4"


def test_old_mac_line_endings_are_rows(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(csv_bytes([HEADER, *rows(3)], "cp1251").replace(b"\r\n", b"\r"))
    contacts, summary = read(path)
    assert [c.row for c in contacts] == [2, 3, 4] and summary["read"] == 3


def test_an_encoding_from_the_mapping_file_replaces_what_it_cannot_decode(
    tmp_path: Path,
) -> None:
    data = csv_bytes([HEADER, *rows(3)], "koi8-r")
    path = tmp_path / "koi8.csv"
    path.write_bytes(data)
    with read_call_list(path, encoding="koi8-r") as calls:
        contacts = [r for r in calls if isinstance(r, ParsedContact)]
    assert contacts[0].company == "ООО Ромашка 0" and calls.summary.warnings == []


@pytest.mark.parametrize("name", ["rot13", "hex", "base64", "zlib", "idna", "nonsense", ""])
def test_codecs_that_are_not_file_encodings_are_refused(name: str) -> None:
    assert text_encoding(name) is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("UTF8", "utf-8"), ("windows-1251", "cp1251"), ("utf-16", "utf-16"), ("KOI8-R", "koi8-r")],
)
def test_file_encodings_are_known_by_their_canonical_names(name: str, canonical: str) -> None:
    assert text_encoding(name) == canonical


def test_a_line_decoder_says_how_it_read_each_line() -> None:
    decoder = LineDecoder("utf-8")
    assert decoder.decode("Ромашка".encode()) == ("Ромашка", None)
    assert decoder.decode("Ромашка".encode("cp1251")) == ("Ромашка", RowNote.READ_AS_CP1251)
    text, note = decoder.decode("Ромашка".encode() + b"\xff")
    assert (text, note) == ("Ромашка\ufffd", RowNote.BYTES_REPLACED)
    assert LineDecoder("cp1251").decode("Ромашка".encode()) == ("Ромашка", RowNote.READ_AS_UTF8)


@settings(max_examples=200, deadline=None)
@given(line=st.binary(max_size=200), encoding=st.sampled_from(["utf-8", "cp1251", "koi8-r"]))
def test_any_bytes_decode_to_text_and_valid_utf8_stays_exact(line: bytes, encoding: str) -> None:
    text, note = LineDecoder(encoding).decode(line)
    assert isinstance(text, str)
    try:
        exact = line.decode("utf-8")
    except UnicodeDecodeError:
        return
    if encoding == "utf-8":
        assert (text, note) == (exact, None)
