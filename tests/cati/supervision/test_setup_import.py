"""The import behind the study setup screen: its files stay with the database, its
warnings reach the screen, a damaged file is refused with the row before anything is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from cati.db.files import database_data_folder
from cati.sample import CallListError
from cati.segments import segment_report
from cati.supervision.setup import import_with_mapping, mapping_yaml, preview_call_list

from .study_data import StudyData, make_study

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> StudyData:
    return make_study(engine, tmp_path, imported=False)


def write_utf8_with_a_bad_byte(folder: Path) -> Path:
    rows = ["Компания;Телефон"] + [f"ООО Ромашка {i};8495{7300000 + i}" for i in range(6)]
    data = "\r\n".join(rows).encode() + b"\r\n"
    at = data.index("Ромашка 2".encode())
    path = folder / "list.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    return path


def test_the_mapping_file_is_kept_with_the_database_and_warnings_are_reported(
    data: StudyData, tmp_path: Path
) -> None:
    source_folder = tmp_path / "share"
    source_folder.mkdir()
    path = write_utf8_with_a_bad_byte(source_folder)
    preview = preview_call_list(data.lead, path)
    assert preview.encoding == "utf-8"
    report = import_with_mapping(
        data.engine, data.lead, data.study_id, path, mapping_yaml(preview, {}), data.clock
    )
    assert report.imported == 6
    assert report.warnings == (
        "bytes that are not valid utf-8 were replaced by \ufffd: row 4; check these contacts",
    )
    folder = database_data_folder(data.engine) / "imports" / f"study-{data.study_id}"
    assert report.mapping_path == folder / "list.mapping.yaml"
    assert sorted(p.name for p in source_folder.iterdir()) == ["list.csv"]  # nothing beside it


def test_a_damaged_file_is_refused_with_its_row_and_nothing_is_saved(
    data: StudyData, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    rows = ["Компания;Телефон"] + [f"ООО {i};8495{7300000 + i}" for i in range(20)]
    path.write_text("\r\n".join(rows) + '\r\n"ООО Без кавычки;84957000000\r\n' + "x" * 140_000)
    preview = preview_call_list(data.lead, path)
    with pytest.raises(CallListError, match=r"row 22: .*nothing was imported"):
        import_with_mapping(
            data.engine, data.lead, data.study_id, path, mapping_yaml(preview, {}), data.clock
        )
    assert sum(row.contacts for row in segment_report(data.engine, data.study_id)) == 0
