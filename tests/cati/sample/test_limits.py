"""Every parser of a call list reads within limits and says where it stopped (file, row or
line and column); nothing hangs on a pipe, nothing unpacks a bomb."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from cati.sample import (
    CallListError,
    ColumnMappingError,
    UnreadableCallListError,
    UnsupportedCallListError,
    load_mapping_file,
    plan_columns,
    read_call_list,
)
from cati.sample.limits import CallListLimits
from tests.cati.sample.files import write_csv, write_xlsx

HEADER = ["Компания", "Телефон"]
SMALL = CallListLimits(
    file_bytes=64 * 1024,
    rows=50,
    columns=8,
    cell_chars=100,
    record_chars=1000,
    xlsx_unpacked_bytes=2_000_000,
    xlsx_part_bytes=200_000,
    xlsx_shared_strings_bytes=200_000,
    xlsx_shared_strings=500,
    xlsx_cells=300,
    mapping_bytes=2000,
    mapping_depth=4,
    mapping_nodes=100,
)


def rows(count: int) -> list[list[str]]:
    return [[f"ООО Ромашка {i}", f"8495{7100000 + i}"] for i in range(count)]


def read_everything(path: Path, limits: CallListLimits = SMALL, **options: object) -> int:
    with read_call_list(path, limits=limits, **options) as calls:  # type: ignore[arg-type]
        return sum(1 for _ in calls)


# --- files that are not files -----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "clients.csv"
    os.mkfifo(pipe)
    started = time.monotonic()
    with pytest.raises(UnsupportedCallListError, match="not a regular file"):
        read_call_list(pipe)
    mapping = tmp_path / "map.yaml"
    os.mkfifo(mapping)
    with pytest.raises(ColumnMappingError, match="not a regular file"):
        load_mapping_file(mapping)
    assert time.monotonic() - started < 5


def test_an_encoding_that_cannot_start_the_file_is_a_message(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER, *rows(3)])
    with pytest.raises(UnreadableCallListError, match="cannot be read as utf-32"):
        read_call_list(path, encoding="utf-32")  # no byte-order mark: was a UnicodeError


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", [HEADER, *rows(3000)])
    with pytest.raises(UnsupportedCallListError, match="more than the 64 KiB a call list may be"):
        read_call_list(path, limits=SMALL)


# --- CSV ---------------------------------------------------------------------------------------


def test_rows_over_the_limit_stop_at_the_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [HEADER, *rows(60)])
    with pytest.raises(UnreadableCallListError, match=r"long\.csv: row 51: .*more than 50 rows"):
        read_everything(path)


def test_cells_over_the_column_limit_name_the_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "wide.csv", [HEADER, *rows(3), ["ООО", "84957000000", *"abcdefgh"]])
    with pytest.raises(UnreadableCallListError, match=r"row 5: 10 cells, more than 8"):
        read_everything(path)


def test_a_cell_over_the_character_limit_names_its_row_and_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cell.csv", [HEADER, *rows(3), ["ООО", "8495 " + "1" * 120]])
    with pytest.raises(UnreadableCallListError, match=r"row 5: the cell in column B has 125"):
        read_everything(path)


def test_a_quote_never_closed_stops_at_its_row_not_at_the_end_of_memory(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "quote.csv", [HEADER, *rows(3)])
    text = table.read_bytes() + b'"OOO Open;84957000000\r\n' + b"x;y\r\n" * 400
    table.write_bytes(text)
    with pytest.raises(UnreadableCallListError, match=r"row 5: .*quote"):
        read_everything(table)


def test_a_field_over_the_csv_readers_own_limit_names_its_row(tmp_path: Path) -> None:
    table = [HEADER, *rows(2600)]
    table[2501][0] = "x" * 200_000  # row 2502: more than the csv module's 131,072
    path = write_csv(tmp_path / "field.csv", table, encoding="utf-8")
    with (
        pytest.raises(UnreadableCallListError, match=r"field\.csv: row 2502: "),
        read_call_list(path) as calls,
    ):
        calls.check()


def test_a_truncated_utf16_file_names_where_it_breaks(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u16.csv", [HEADER, *rows(40)], encoding="utf-16")
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(UnreadableCallListError, match=r"row 41: the text is not valid utf-16"):
        read_everything(path, limits=CallListLimits())


def test_twenty_thousand_identical_headers_are_told_apart_in_linear_time() -> None:
    started = time.monotonic()
    plan = plan_columns(["Комментарий"] * 16_000 + ["Телефон"])
    assert time.monotonic() - started < 5  # was quadratic: 40 s for 20,000
    keys = [c.key for c in plan.columns if c.role.value == "attribute"]
    assert len(set(keys)) == 16_000 and keys[:3] == ["comment", "comment_2", "comment_3"]


def test_too_many_columns_in_the_header_are_refused_with_the_row(tmp_path: Path) -> None:
    path = tmp_path / "headers.csv"
    path.write_text(";".join(["x"] * 20_000) + ";Телефон\r\n", encoding="utf-8")
    with pytest.raises(UnreadableCallListError, match=r"row 1: 20,001 cells, more than 16,384"):
        read_call_list(path)


# --- XLSX --------------------------------------------------------------------------------------


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def workbook_with_shared_strings(path: Path, *, strings: int) -> Path:
    """A minimal workbook as Excel writes one, with a shared-strings table: the header's two
    texts, then ``strings`` empty entries (a few hundred kilobytes packed, far more
    unpacked and in memory)."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            '<sheet name="Клиенты" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
            '<c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>ООО'
            '</t></is></c><c r="B2"><v>84957000000</v></c></row></sheetData></worksheet>'
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{_MAIN}"><si><t>Компания</t></si><si><t>Телефон</t></si>'
            + "<si><t/></si>" * strings
            + "</sst>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, text in parts.items():
            packed.writestr(name, text.encode("utf-8"))
    return path


def bomb(path: Path, *, strings: int) -> Path:
    return workbook_with_shared_strings(path, strings=strings)


def test_a_workbook_with_shared_strings_within_the_limits_is_read(tmp_path: Path) -> None:
    path = workbook_with_shared_strings(tmp_path / "fine.xlsx", strings=10)
    with read_call_list(path, limits=SMALL) as calls:
        contacts = list(calls)
    assert calls.header == ("Компания", "Телефон") and len(contacts) == 1


def test_a_shared_strings_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.xlsx", strings=1_000)
    with pytest.raises(UnsupportedCallListError, match="more than 500 distinct texts"):
        read_call_list(path, limits=SMALL)


def test_a_part_that_unpacks_too_big_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.xlsx", strings=20_000)  # 260 KB of XML
    with pytest.raises(UnsupportedCallListError, match=r"unpacks to .* more than 195\.3 KiB"):
        read_call_list(path, limits=SMALL)


def test_a_workbook_that_unpacks_too_big_in_all_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.xlsx", strings=200_000)
    limits = CallListLimits(xlsx_unpacked_bytes=1_000_000)
    with pytest.raises(UnsupportedCallListError, match="the workbook unpacks to"):
        read_call_list(path, limits=limits)


def test_worksheet_rows_columns_and_cells_are_limited_with_the_row(tmp_path: Path) -> None:
    long = write_xlsx(tmp_path / "long.xlsx", [HEADER, *rows(60)])
    with pytest.raises(UnreadableCallListError, match=r"sheet 'Клиенты', row 51: .*50 rows"):
        read_everything(long)
    wide = write_xlsx(tmp_path / "wide.xlsx", [HEADER, ["ООО", "84957000000", *range(9)]])
    with pytest.raises(UnreadableCallListError, match=r"row 2: 11 cells, more than 8"):
        read_everything(wide)
    many = write_xlsx(
        tmp_path / "many.xlsx", [[*HEADER, *"abcdef"], *[[*r, *"abcdef"] for r in rows(40)]]
    )
    with pytest.raises(UnreadableCallListError, match=r"row 38: the worksheet has more than 300"):
        read_everything(many)
    cell = write_xlsx(tmp_path / "cell.xlsx", [HEADER, ["x" * 101, "84957000000"]])
    with pytest.raises(UnreadableCallListError, match=r"row 2: the cell in column A has 101"):
        read_everything(cell)


# --- the mapping file --------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64"])
def test_a_mapping_file_naming_a_codec_that_is_not_a_text_encoding_is_refused(
    tmp_path: Path, codec: str
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(f"columns:\n  Телефон: phone\nencoding: {codec}\n", encoding="utf-8")
    with pytest.raises(ColumnMappingError) as caught:
        load_mapping_file(path)
    assert str(caught.value).startswith(f"{path}:3:1: 'encoding: {codec}' is not a text encoding")


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("a: &a [x, x]\nb: [*a, *a]\n", ":1:4:", "anchors and aliases"),
        ("columns: {Телефон: phone}\nx: [[[[[1]]]]]\n", ":2:", "nested deeper"),
        ("columns:\n  Телефон: [phone, name]\n", ":2:3:", "neither a role"),
        ("columns:\n  Телефон: phone\n  2024: 'x y'\n", ":3:3:", "neither a role"),
        ("columns:\n  Телефон: phone\nheader_row: true\n", ":3:1:", "header_row"),
        ('columns:\n  Телефон: phone\ndelimiter: "\\""\n', ":3:1:", "delimiter"),
        ("columns:\n  Телефон: phone\n  Имя: [\n", ":4:1:", "not valid YAML"),
        ("columns:\n  Телефон: ph\x00one\n", ":2:14:", "U+0000 is not allowed"),
    ],
)
def test_mapping_file_problems_are_located_by_line_and_column(
    tmp_path: Path, text: str, where: str, fragment: str
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ColumnMappingError) as caught:
        load_mapping_file(path, SMALL)
    message = str(caught.value)
    assert message.startswith(f"{path}{where}") and fragment in message


def test_a_mapping_file_over_its_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("columns:\n" + "".join(f"  c{i}: phone\n" for i in range(300)))
    with pytest.raises(ColumnMappingError, match=r"more than the 2\.0 KiB a mapping file may be"):
        load_mapping_file(path, SMALL)


def test_an_alias_bomb_in_a_mapping_file_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    lines += ["columns: {Телефон: *a8}"]
    path = tmp_path / "map.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ColumnMappingError, match="anchors and aliases"):
        load_mapping_file(path)
    assert time.monotonic() - started < 2


def test_wide_rows_without_a_phone_column_get_a_short_message_quickly(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        "\n".join(";".join(f"Колонка {r} {i}" for i in range(5000)) for r in range(25)) + "\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    with pytest.raises(CallListError, match="no column looks like a phone column") as caught:
        read_call_list(path)
    assert time.monotonic() - started < 10
    assert "and 4980 more" in str(caught.value) and len(str(caught.value)) < 1000


def test_a_large_file_of_zeros_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "zeros.csv"
    with path.open("wb") as stream:
        stream.truncate(512 * 1024 * 1024)  # sparse: no disk used
    started = time.monotonic()
    with pytest.raises(UnsupportedCallListError, match="binary data"):
        read_call_list(path)
    assert time.monotonic() - started < 2  # not read to its end first
