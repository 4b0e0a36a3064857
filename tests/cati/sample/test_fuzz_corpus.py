"""A fuzz corpus of hostile call lists, made from real-shaped ones with a fixed seed.

Seeds: the demo's client base (a Russian cp1251 ``;`` export), the Russian CRM export of
:mod:`tests.cati.sample.files` as cp1251, UTF-8 with a BOM and UTF-16, an XLSX workbook and
a column mapping file. Each is mutated the way real files go wrong and hostile files are
built: bytes flipped, cut, repeated and spliced, stray quotes, NULs, byte-order marks and
line breaks, huge cells, many columns, encodings pasted together; inside workbooks the XML
parts are damaged, their cell references pushed to the sheet's far corner and the shared
strings multiplied; mapping files get YAML syntax, anchors, nesting and odd values.

Every case must end in a result whose rows add up, or in a :class:`CatiError` that names
the file (and the row, or the mapping file's line and column, when the problem is at one);
never another exception (the CLI's exit 70, "internal error"), and never slowly. The
command line is run on a sample of the cases too: exit 0 or 1, never 70.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from cati import cli
from cati.errors import CatiError
from cati.sample import CallListError, ColumnMappingError, load_mapping_file, read_call_list
from cati.sample.limits import CallListLimits
from tests.cati.sample.files import RUSSIAN_EXPORT_ROWS, write_csv, write_xlsx
from tests.cati.segments.calllist import SCRIPT

SEED = 20261204
#: Per case: a hang or a quadratic path shows up as a case over this bound.
CASE_SECONDS = 10.0  # generous: CI machines are shared; the bugs found took 40 s or forever
#: Limits a little tighter than the defaults, so the corpus reaches them quickly.
LIMITS = CallListLimits(rows=20_000, xlsx_cells=200_000)

HOSTILE_BYTES = (
    b'"', b'""', b'"\r\n', b"\x00", b"\r", b"\n", b"\r\r\n", b";", b";" * 300, b"\t",
    b"\xff", b"\xd0", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "Ромашка".encode(),
    "ООО «Лютик»".encode("cp1251"), b"x" * 40_000, b"8 (495) 123-45-67", b"=HYPERLINK()",
    b"\x1a", b"\\", b"\x98", b"\xe2\x80\xa8", b"+7" * 500,
)  # fmt: skip


def demo_base() -> bytes:
    data = resources.files("resources.demo").joinpath("client_base.csv").read_bytes()
    return b"\r\n".join(data.split(b"\r\n")[:120]) + b"\r\n"


def export_as(tmp: Path, encoding: str, delimiter: str = ";", bom: bool = False) -> bytes:
    path = write_csv(tmp / f"seed-{encoding}.csv", RUSSIAN_EXPORT_ROWS, encoding=encoding,
                     delimiter=delimiter, bom=bom)  # fmt: skip
    return path.read_bytes()


# --- byte mutations ---------------------------------------------------------------------------


def flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(HOSTILE_BYTES) + data[at:]


def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randrange(1, 200) :]


def repeat(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    piece = data[start : start + rng.randrange(1, 400)]
    return data[:start] + piece * rng.randrange(2, 60) + data[start:]


def wide_header(rng: random.Random, data: bytes) -> bytes:
    first, _, rest = data.partition(b"\n")
    return first.rstrip(b"\r") + b";x" * rng.choice((50, 5_000, 20_000)) + b"\r\n" + rest


def splice(rng: random.Random, data: bytes) -> bytes:
    other = "ООО Ромашка;8 916 123 45 67\r\n".encode(rng.choice(("utf-8", "cp1251", "koi8-r")))
    at = data.find(b"\n", rng.randrange(len(data) + 1)) + 1
    return data[:at] + other * rng.randrange(1, 30) + data[at:]


def long_cell(rng: random.Random, data: bytes) -> bytes:
    at = data.find(b";", rng.randrange(len(data) + 1)) + 1
    return data[:at] + b"y" * rng.choice((33_000, 140_000)) + data[at:]


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    flip, insert, insert, cut, delete, repeat, wide_header, splice, long_cell,
)  # fmt: skip


def mutated(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randrange(1, 4)):
        data = rng.choice(BYTE_MUTATIONS)(rng, data)
    return data


# --- workbooks --------------------------------------------------------------------------------


def workbook_parts(tmp: Path) -> dict[str, bytes]:
    rows = [list(RUSSIAN_EXPORT_ROWS[2]), *[list(r) for r in RUSSIAN_EXPORT_ROWS[3:]]]
    path = write_xlsx(tmp / "seed.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def far_corner(rng: random.Random, xml: bytes) -> bytes:
    if rng.random() < 0.5:  # a row far down: every row above it is read as empty
        return xml.replace(b'<row r="2"', rng.choice((b'<row r="1048576"', b'<row r="99999999"')))
    return xml.replace(b'r="B2"', rng.choice((b'r="XFD2"', b'r="A1048576"', b'r="B99999999"')))


def mutated_workbook(rng: random.Random, parts: dict[str, bytes], *, far: bool = True) -> bytes:
    """``far``: may move cells to the sheet's far corner (slow to read with the default
    limits: up to two million empty rows)."""
    changed = dict(parts)
    name = rng.choice(sorted(changed))
    if far and name.endswith("sheet1.xml") and rng.random() < 0.5:
        changed[name] = far_corner(rng, changed[name])
    elif rng.random() < 0.2:
        changed["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"<si><t>x</t></si>" * rng.choice((10, 100_000))
            + b"</sst>"
        )
    else:
        changed[name] = mutated(rng, changed[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in changed.items():
            archive.writestr(part, data)
    packed = buffer.getvalue()
    return flip(rng, packed) if rng.random() < 0.1 else packed


# --- mapping files ----------------------------------------------------------------------------

MAPPING = (
    'columns:\n  "Компания": company\n  "Телефон": phone\n  "Доб.": extension\n'
    '  "Дата последнего заказа": last_order\nauto: true\nheader_row: 3\nencoding: cp1251\n'
    'delimiter: ";"\n'
)
MAPPING_PIECES = (
    "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "!!python/object:os.system ", "|\n", ">\n",
    "%YAML 1.1\n", "---\n", "...\n", "#", '"', "'", "\t", "\n  ", "encoding: rot13\n",
    "encoding: base64\n", "encoding: utf-16\n", "header_row: 99999999999\n",
    "header_row: -1\n", "sheet: [1, 2]\n", "delimiter: '\"'\n", "delimiter: 12\n",
    "auto: maybe\n", "[" * 200, "{a: " * 50, "x" * 5000, "\x00", "\ufeff", "? [a, b]\n: c\n",
    "columns: {Телефон: [phone]}\n", "columns: {Телефон: ~}\n",
)  # fmt: skip


HOSTILE_SETTINGS = (
    "encoding: rot13", "encoding: hex", "encoding: base64", "encoding: utf-16",
    "encoding: utf-32", "encoding: idna", "encoding: koi8-r", "encoding: 12",
    "encoding: [utf-8]", "header_row: 99999999999", "header_row: 0", "header_row: 2.5",
    "header_row: true", "header_row: 1", "sheet: [1, 2]", "sheet: Нет такого",
    "delimiter: '\"'", "delimiter: '\\n'", "delimiter: 12", "delimiter: ' '",
    "delimiter: 'ab'", "delimiter: ','", "auto: false", "auto: maybe",
    "columns: {Телефон: [phone]}", "columns: {Телефон: ~}", "columns: {Телефон: 12}",
    "columns: {'': phone}", "columns: {Компания: phone, Телефон: ignore}",
    "columns: {Телефон: phone, Доб.: phone, Регион: phone}", "columns: []",
)  # fmt: skip


def mutated_mapping(rng: random.Random) -> str:
    if rng.random() < 0.5:  # well-formed YAML, hostile values (a repeated key: the last wins)
        return MAPPING + "\n".join(rng.sample(HOSTILE_SETTINGS, rng.randrange(1, 3))) + "\n"
    text = MAPPING
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.8:
            text = text[:at] + rng.choice(MAPPING_PIECES) + text[at:]
        else:
            text = text[:at] + text[at + rng.randrange(1, 20) :]
    return text


# --- the checks -------------------------------------------------------------------------------


def assert_located(error: CatiError, path: Path, during_rows: bool) -> None:
    message = str(error)
    assert str(path) in message, f"the message does not name the file: {message}"
    if (
        during_rows
        and isinstance(error, CallListError)
        and not isinstance(error, ColumnMappingError)
    ):
        assert "row " in message, f"a problem met while reading rows names no row: {message}"


def read_case(path: Path, mapping: Path | None = None) -> None:
    started = time.monotonic()
    during_rows = False
    try:
        with read_call_list(path, mapping=mapping, limits=LIMITS) as calls:
            during_rows = True
            calls.check()
            results = list(calls)
        summary = calls.summary
        assert summary.rows_read == summary.imported + summary.rejected_total + summary.empty
        assert len(results) == summary.imported + summary.rejected_total
    except CatiError as error:
        assert_located(error, mapping if isinstance(error, ColumnMappingError) and mapping
                       else path, during_rows)  # fmt: skip
    elapsed = time.monotonic() - started
    assert elapsed < CASE_SECONDS, f"{path.name} took {elapsed:.1f} s"


def csv_cases(tmp: Path, count: int) -> Iterator[Path]:
    rng = random.Random(SEED)
    seeds = [
        demo_base(),
        export_as(tmp, "cp1251"),
        export_as(tmp, "utf-8", delimiter=",", bom=True),
        export_as(tmp, "utf-16", delimiter="\t"),
    ]
    for index in range(count):
        path = tmp / f"case-{index}.csv"
        path.write_bytes(mutated(rng, rng.choice(seeds)))
        yield path


def test_mutated_csv_call_lists_end_in_rows_or_a_located_message(tmp_path: Path) -> None:
    for path in csv_cases(tmp_path, 160):
        read_case(path)


def test_mutated_workbooks_end_in_rows_or_a_located_message(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    parts = workbook_parts(tmp_path)
    for index in range(50):
        path = tmp_path / f"case-{index}.xlsx"
        path.write_bytes(mutated_workbook(rng, parts))
        read_case(path)


def test_mutated_mapping_files_load_or_say_where_they_are_wrong(tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    call_list = tmp_path / "clients.csv"
    call_list.write_bytes(export_as(tmp_path, "cp1251"))
    for index in range(150):
        path = tmp_path / f"map-{index}.yaml"
        path.write_text(mutated_mapping(rng), encoding="utf-8")
        started = time.monotonic()
        try:
            load_mapping_file(path)
        except ColumnMappingError as error:
            message = str(error)
            assert message.startswith(str(path)), message
            if "YAML" in message or "aliases" in message or "nested" in message:
                assert message.startswith(f"{path}:"), f"no line and column: {message}"
            continue
        finally:
            assert time.monotonic() - started < CASE_SECONDS
        read_case(call_list, mapping=path)


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_the_command_line_exits_0_or_1_on_hostile_files_never_70(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", db_url, "study", "create", "Fuzz", "--script", str(SCRIPT)]) == 0
    rng = random.Random(SEED + 3)
    parts = workbook_parts(tmp_path)
    cases = list(csv_cases(tmp_path, 4))
    for index in range(2):
        path = tmp_path / f"cli-{index}.xlsx"
        path.write_bytes(mutated_workbook(rng, parts, far=False))
        cases.append(path)
    mapping = tmp_path / "cli.yaml"
    mapping.write_text(mutated_mapping(rng), encoding="utf-8")
    capsys.readouterr()
    for path in cases:
        rejects = tmp_path / f"{path.stem}.rejects.csv"
        status = cli.main(["--db", db_url, "sample", "import", "Fuzz", str(path),
                           "--rejects", str(rejects)])  # fmt: skip
        captured = capsys.readouterr()
        assert status in (0, 1), f"{path.name}: exit {status}: {captured.err}"
        assert "Traceback" not in captured.err and "internal error" not in captured.err
    status = cli.main(["--db", db_url, "sample", "import", "Fuzz", str(cases[0]), "--map",
                       str(mapping)])  # fmt: skip
    assert status in (0, 1), capsys.readouterr().err
