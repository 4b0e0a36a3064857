"""Round trips: every format read back with pandas / openpyxl / pyreadstat / an XML parser
gives the values and labels that went in, Cyrillic included."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook

from cati.exports import RespondentTable, build_respondent_table, write_table
from cati.exports.sav_writer import sav_label
from cati.spreadsheet_cells import restore_cell_text
from surveys import load_script_text
from tests.cati.exports.factory import SCRIPT_TEXT, pure_results

SCRIPT = load_script_text(SCRIPT_TEXT)
EXPORTED_AT = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def table() -> RespondentTable:
    return build_respondent_table(pure_results(), SCRIPT, weights=True)


def _same(expected: object, actual: object) -> bool:
    if expected == "" and (actual is None or (isinstance(actual, float) and math.isnan(actual))):
        return True  # an empty text cell
    if isinstance(expected, float) and math.isnan(expected):
        return actual is None or (isinstance(actual, float) and math.isnan(actual)) or actual == ""
    if isinstance(expected, float) and isinstance(actual, int | float):
        return bool(actual == pytest.approx(expected, rel=1e-9))
    return expected == actual


def _assert_frame_matches(table_frame: pd.DataFrame, read: pd.DataFrame) -> None:
    assert list(read.columns) == list(table_frame.columns)
    for column in table_frame.columns:
        for expected, actual in zip(table_frame[column], read[column], strict=True):
            assert _same(expected, actual), (column, expected, actual)


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas(
    table: RespondentTable, tmp_path: Path
) -> None:
    path = tmp_path / "out.csv"
    files = write_table(table, "csv", path, exported_at=EXPORTED_AT)
    assert files == [path, tmp_path / "out_paradata.csv", tmp_path / "out_labels.csv"]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("respondent_id;interview_id;")
    text_columns = [v.name for v in table.variables if v.kind == "text"]
    read = pd.read_csv(
        path,
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        dtype={c: str for c in text_columns},
        keep_default_na=False,
        na_values={c: [""] for c in table.data.columns if c not in text_columns},
    )
    # An open answer that a spreadsheet would run is written with a quote in front.
    assert "'=СЧЁТ №15 не пришёл" in read["problem_text"].tolist()
    for column in text_columns:
        read[column] = read[column].map(restore_cell_text)
    _assert_frame_matches(table.data, read)
    assert "Долго везут" in path.read_text(encoding="utf-8-sig")


def test_csv_labels_file_lists_variable_and_value_labels_and_missing_codes(
    table: RespondentTable, tmp_path: Path
) -> None:
    write_table(table, "csv", tmp_path / "out.csv", exported_at=EXPORTED_AT)
    labels = pd.read_csv(
        tmp_path / "out_labels.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    nps = labels[labels["variable"] == "nps"]
    assert nps.iloc[0]["label"].startswith("Насколько вероятно")
    assert nps.iloc[0]["role"] == "nps"  # the script's declaration, for BI models
    first = labels.drop_duplicates("variable").set_index("variable")["role"]
    assert (first["csi_quality"], first["importance_price"], first["role"]) == (
        "satisfaction",
        "importance",
        "",
    )
    assert nps.iloc[0]["missing"] == "98 99"
    refused = nps[nps["value"] == "99"].iloc[0]
    assert (refused["value_label"], refused["missing"]) == ("Отказ от ответа", "missing")


def test_csv_international_dialect_uses_commas_and_points(
    table: RespondentTable, tmp_path: Path
) -> None:
    path = tmp_path / "intl.csv"
    write_table(table, "csv", path, exported_at=EXPORTED_AT, csv_dialect="intl")
    read = pd.read_csv(path, encoding="utf-8-sig")
    assert read["weight"][0] == pytest.approx(table.data["weight"][0])


def test_xlsx_has_data_labels_and_paradata_sheets_with_the_same_values(
    table: RespondentTable, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    write_table(table, "xlsx", path, exported_at=EXPORTED_AT)
    workbook = load_workbook(path)
    assert workbook.sheetnames[:3] == ["data", "labels", "paradata"]
    read = pd.read_excel(path, sheet_name="data", dtype=object)
    read = read.map(lambda v: None if isinstance(v, float) and math.isnan(v) else v)
    _assert_frame_matches(table.data, read)
    formula_like = workbook["data"].cell(
        row=2, column=list(table.data.columns).index("problem_text") + 1
    )
    assert formula_like.data_type == "s" and formula_like.value == "=СЧЁТ №15 не пришёл"
    labels = pd.read_excel(path, sheet_name="labels", dtype=object)
    quality = labels[(labels["variable"] == "csi_quality") & labels["value"].notna()]
    assert dict(zip(quality["value"], quality["value_label"], strict=True))[1] == (
        "Совсем не удовлетворены"
    )
    paradata = pd.read_excel(path, sheet_name="paradata", dtype=object)
    assert paradata["interviewer"].tolist() == ["anna"] * 3


def test_sav_reads_back_with_values_labels_and_missing_codes(
    table: RespondentTable, tmp_path: Path
) -> None:
    path = tmp_path / "out.sav"
    files = write_table(table, "sav", path, exported_at=EXPORTED_AT)
    assert files == [path, tmp_path / "out_paradata.sav"]
    read, meta = pyreadstat.read_sav(str(path), user_missing=True)
    _assert_frame_matches(table.data, read)
    assert meta.column_names_to_labels["csi_quality"] == sav_label(
        table.variable("csi_quality").label
    )
    assert meta.column_names_to_labels["csi_quality"].startswith("качеством продукции: ")
    assert meta.variable_value_labels["nps"][99] == "Отказ от ответа"
    assert meta.variable_value_labels["lost_reasons_1"] == {
        0: "Не выбрано",
        1: "Выбрано",
        98: "Затрудняюсь ответить",
    }
    assert meta.missing_ranges["nps"] == [{"lo": 98.0, "hi": 98.0}, {"lo": 99.0, "hi": 99.0}]
    assert meta.variable_measure["nps"] == "scale"
    # Without user_missing the special codes are missing, as SPSS treats them.
    plain, _ = pyreadstat.read_sav(str(path))
    assert math.isnan(plain["nps"][2]) and plain["nps"][0] == 3
    paradata, _ = pyreadstat.read_sav(str(tmp_path / "out_paradata.sav"))
    assert paradata["attempts"].tolist() == [1, 2, 3]


def test_triple_s_positions_match_the_fixed_width_data(
    table: RespondentTable, tmp_path: Path
) -> None:
    files = write_table(table, "sss", tmp_path / "out.sss", exported_at=EXPORTED_AT)
    assert [f.name for f in files] == [
        "out.sss", "out.asc", "out_paradata.sss", "out_paradata.asc",
    ]  # fmt: skip
    root = ET.parse(files[0]).getroot()
    assert root.tag == "sss" and root.get("version") == "2.0" and root.get("languages") == "ru"
    record = root.find("survey/record")
    assert record is not None and record.get("format") == "fixed"
    lines = files[1].read_bytes().decode("utf-8").split("\r\n")
    assert lines[-1] == "" and len(lines) == len(table.data) + 1
    variables = record.findall("variable")
    assert [v.findtext("name") for v in variables] == list(table.data.columns)
    end = 0
    for variable in variables:
        name = variable.findtext("name")
        position = variable.find("position")
        assert position is not None
        start = int(position.get("start", "0"))
        finish = int(position.get("finish", position.get("start", "0")))
        assert start == end + 1  # fields follow each other without gaps or overlaps
        end = finish
        kind = variable.get("type")
        for row, line in enumerate(lines[:-1]):
            field = line[start - 1 : finish]
            expected = table.data[name].iloc[row]
            if kind == "character":
                assert field.rstrip() == " ".join(str(expected).split()), name
                assert variable.findtext("size") == str(finish - start + 1)
            elif isinstance(expected, float) and math.isnan(expected):
                assert field.strip() == ""
            else:
                assert float(field) == pytest.approx(expected, abs=1e-6), name
        if kind == "single":
            codes = {float(v.get("code", "")) for v in variable.findall("values/value")}
            present = {float(f) for f in table.data[name].dropna()}
            assert present <= codes, name
    assert all(len(line) == end for line in lines[:-1])
    weight = next(v for v in variables if v.findtext("name") == "weight")
    assert weight.get("use") == "weight"
    serial = next(v for v in variables if v.findtext("name") == "interview_id")
    assert serial.get("use") == "serial"
    nps = next(v for v in variables if v.findtext("name") == "nps")
    assert nps.get("type") == "quantity"
    assert nps.find("values/range").attrib == {"from": "0", "to": "10"}  # type: ignore[union-attr]
    specials = {v.get("code"): v.text for v in nps.findall("values/value")}
    assert specials == {"98": "Затрудняюсь ответить", "99": "Отказ от ответа"}
