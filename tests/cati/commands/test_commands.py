"""CLI round trips: studies, call-list imports, segments and the do-not-call list."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from cati.db.files import database_data_folder
from tests.cati.commands.conftest import Run
from tests.cati.sample.files import RUSSIAN_EXPORT_ROWS, write_csv
from tests.cati.segments.calllist import (
    SCRIPT,
    write_segmentable_csv,
    write_segmentable_xlsx,
)

Cati = Callable[..., Run]


@pytest.fixture
def study(cati: Cati) -> str:
    assert cati("study", "create", "NPS 2024", "--script", str(SCRIPT)).status == 0
    return "NPS 2024"


def test_study_create_list_and_script_versions(cati: Cati, tmp_path: Path) -> None:
    created = cati("study", "create", "NPS 2024", "--script", str(SCRIPT), "--client", "Альфа",
                   "--json")  # fmt: skip
    assert created.status == 0
    data = json.loads(created.out)
    assert data["name"] == "NPS 2024" and data["script_version"] == 1
    assert data["client"] == "Альфа" and data["region"] == "RU"

    listed = cati("study", "list")
    assert listed.out.splitlines()[0].split() == [
        "study", "client", "region", "status", "contacts", "script"
    ]  # fmt: skip
    assert "NPS 2024" in listed.out and "v1" in listed.out

    unchanged = cati("study", "script", "NPS 2024", "--script", str(SCRIPT))
    assert unchanged.status == 0 and "unchanged (version 1)" in unchanged.out
    edited = tmp_path / "v2.yaml"
    edited.write_text(SCRIPT.read_text(encoding="utf-8") + "# v2\n", encoding="utf-8")
    stored = cati("study", "script", "NPS 2024", "--script", str(edited), "--json")
    assert json.loads(stored.out)["script_version"] == 2
    assert json.loads(cati("study", "list", "--json").out)[0]["script_version"] == 2


def test_study_status_opens_pauses_and_closes_fieldwork(cati: Cati, study: str) -> None:
    def status() -> str:
        return str(json.loads(cati("study", "list", "--json").out)[0]["status"])

    assert status() == "draft"
    opened = cati("study", "status", study, "active")
    assert opened.status == 0 and opened.out == "study 'NPS 2024' is active\n"
    assert cati("study", "status", study, "paused").status == 0 and status() == "paused"
    missing = cati("study", "status", "Нет такого", "closed")
    assert missing.status == 2 and "no study named 'Нет такого'" in missing.err


def test_a_broken_script_prints_its_problems_and_exits_1(cati: Cati, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    run = cati("study", "create", "X", "--script", str(broken))
    assert run.status == 1
    assert run.err.startswith(f"{broken}:")
    assert json.loads(cati("study", "list", "--json").out) == []


def test_errors_are_messages(cati: Cati, study: str) -> None:
    again = cati("study", "create", study, "--script", str(SCRIPT))
    assert again.status == 2 and "already exists" in again.err
    missing = cati("segments", "CSI")
    assert missing.status == 2
    assert missing.err == "cati: no study named 'CSI'; cati study list shows the studies\n"


def test_sample_import_of_a_cp1251_export_prints_the_summary_and_writes_rejects(
    cati: Cati, study: str, tmp_path: Path, db_url: str
) -> None:
    export = write_csv(tmp_path / "клиенты.csv", RUSSIAN_EXPORT_ROWS)
    run = cati("sample", "import", study, str(export))
    assert run.status == 0
    lines = run.out.splitlines()
    assert lines[1] == "read 9 rows: 5 imported, 3 rejected, 1 empty"
    assert "duplicates: 1" in lines
    assert "  duplicate in the file (duplicate_in_file): 1" in lines
    assert "  no phone number (no_phone): 1" in lines
    # kept with the database, not beside the call list (study 1, import 1)
    rejects = database_data_folder(db_url) / "imports" / "study-1" / "клиенты-import-1.rejects.csv"
    assert not (tmp_path / "клиенты.rejects.csv").exists()
    assert lines[-1] == f"rejected rows with row numbers and reasons: {rejects}"
    with rejects.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    assert [(r["row"], r["reason"]) for r in rows] == [
        ("8", "no_phone"), ("9", "duplicate_in_file"), ("10", "invalid_phone")
    ]  # fmt: skip

    again = cati("sample", "import", study, str(export), "--json",
                 "--rejects", str(tmp_path / "again.csv"))  # fmt: skip
    assert again.status == 0
    summary = json.loads(again.out)
    assert summary["imported"] == 0 and summary["rejected_by_reason"]["already_in_study"] == 6
    assert summary["rejects_file"] == str(tmp_path / "again.csv")


def test_sample_import_of_an_xlsx_with_a_mapping_file(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    book = write_segmentable_xlsx(tmp_path / "clients.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('columns:\n  "Продукт": ignore\n', encoding="utf-8")
    run = cati("sample", "import", study, str(book), "--map", str(mapping), "--json")
    assert run.status == 0
    summary = json.loads(run.out)
    assert summary["imported"] == 8 and summary["format"] == "xlsx"
    assert "product" not in summary["attribute_labels"]


def test_an_unusable_call_list_exits_1(cati: Cati, study: str, tmp_path: Path) -> None:
    no_phone = write_csv(tmp_path / "x.csv", [["Компания"], ["ООО А"]])
    run = cati("sample", "import", study, str(no_phone))
    assert run.status == 1 and "no column looks like a phone column" in run.err
    header_only = write_csv(tmp_path / "h.csv", [["Компания", "Телефон"]])
    run = cati("sample", "import", study, str(header_only))
    assert run.status == 1 and "no rows below its header" in run.err


def study_contacts(cati: Cati) -> int:
    return int(json.loads(cati("study", "list", "--json").out)[0]["contacts"])


def test_a_damaged_row_exits_1_naming_it_and_imports_nothing(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [[f"ООО {i}", f"8495{7000000 + i}"] for i in range(3000)]
    table[2501][0] = "x" * 200_000
    path = write_csv(tmp_path / "list.csv", table, encoding="utf-8")
    run = cati("sample", "import", study, str(path))
    assert run.status == 1 and run.out == ""
    assert run.err.startswith(f"cati: {path}: row 2502: ")
    assert run.err.endswith("; nothing was imported\n")
    assert study_contacts(cati) == 0


def test_hostile_call_lists_and_mapping_files_exit_1_with_a_located_message(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    good = write_csv(tmp_path / "list.csv", [["Компания", "Телефон"], ["ООО А", "84951112233"]])
    for codec in ("rot13", "hex", "base64"):
        mapping = tmp_path / f"{codec}.yaml"
        mapping.write_text(f"columns:\n  Телефон: phone\nencoding: {codec}\n", encoding="utf-8")
        run = cati("sample", "import", study, str(good), "--map", str(mapping))
        assert run.status == 1, run.err  # was 70, an internal error
        assert run.err.startswith(f"cati: {mapping}:3:1: 'encoding: {codec}' is not a text")
    headers = tmp_path / "headers.csv"
    headers.write_text(";".join(["x"] * 20_000) + ";Телефон\n", encoding="utf-8")
    run = cati("sample", "import", study, str(headers))
    assert run.status == 1 and "row 1: 20,001 cells, more than 16,384" in run.err
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.csv"
        os.mkfifo(pipe)
        run = cati("sample", "import", study, str(pipe))
        assert run.status == 1 and "not a regular file" in run.err
    assert study_contacts(cati) == 0


def test_a_utf8_list_with_one_bad_byte_is_imported_with_a_warning_naming_the_row(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    table = [["Компания", "Телефон"]] + [
        [f"ООО Ромашка {i}", f"8495{7000000 + i}"] for i in range(9)
    ]
    path = write_csv(tmp_path / "list.csv", table, encoding="utf-8")
    data = path.read_bytes()
    at = data.index("Ромашка 4".encode())
    path.write_bytes(data[:at] + b"\xfe" + data[at:])
    run = cati("sample", "import", study, str(path), "--json")
    assert run.status == 0
    summary = json.loads(run.out)
    assert summary["encoding"] == "utf-8" and summary["imported"] == 9
    assert summary["warnings"] == [
        "bytes that are not valid utf-8 were replaced by \ufffd: row 6; check these contacts"
    ]
    listed = cati("sample", "import", study, str(path))
    assert "warning: bytes that are not valid utf-8 were replaced by" in listed.out


def test_a_list_where_every_row_is_rejected_exits_0_and_says_so(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "bad.csv", [["Компания", "Телефон"], ["ООО А", "123"]])
    run = cati("sample", "import", study, str(path))
    assert run.status == 0
    assert "nothing was imported: every row was rejected" in run.out


def test_segments_define_and_show(cati: Cati, study: str, tmp_path: Path) -> None:
    cati("sample", "import", study, str(write_segmentable_csv(tmp_path / "list.csv")))
    definitions = tmp_path / "segments.yaml"
    # the command runs on the system clock: rules here do not depend on today's date
    definitions.write_text(
        "- {name: frequent, rule: orders_per_year >= 12, target: 20}\n"
        "- name: moscow\n"
        '  rule: region == "Москва"\n'
        "  target: 20\n"
        "  population: 340\n",
        encoding="utf-8",
    )
    defined = cati("segments", "define", study, str(definitions))
    assert defined.status == 0
    assert defined.out.splitlines()[0] == (
        "study 'NPS 2024': 3 segments defined, 8 contacts assigned"
    )
    shown = cati("segments", study)
    lines = shown.out.splitlines()
    assert lines[0].split() == [
        "segment", "population", "contacts", "reachable", "completes", "target"
    ]  # fmt: skip
    assert lines[1].split() == ["frequent", "3", "3", "3", "0", "20"]
    assert lines[2].split() == ["moscow", "340*", "2", "2", "0", "20"]
    assert lines[3].split() == ["other", "3", "3", "3", "0", "0"]
    assert lines[4].split() == ["total", "346", "8", "8", "0", "40"]
    data = json.loads(cati("segments", study, "--json").out)
    assert [s["name"] for s in data["segments"]] == ["frequent", "moscow", "other"]


def test_segments_define_reports_problems_with_lines_and_changes_nothing(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    cati("sample", "import", study, str(write_segmentable_csv(tmp_path / "list.csv")))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: vip\n  rule: revenu > 1\n- name: x\n", encoding="utf-8")
    run = cati("segments", "define", study, str(bad))
    assert run.status == 1
    assert run.err.splitlines()[:2] == [
        f"{bad}:2:9: unknown contact field 'revenu' (did you mean 'revenue'?); the known "
        "fields are: company, decision_role, email, first_order, last_order, name, "
        "orders_per_year, position, product, region, revenue",
        f"{bad}:3:3: segment 'x' needs a rule, e.g. rule: days_since(last_order) > 365",
    ]
    assert json.loads(cati("segments", study, "--json").out)["segments"][0]["name"] == (
        "(no segment)"
    )
    assert cati("segments", "define", study).status == 2


def test_dnc_add_import_list_remove_and_blocking_an_import(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    added = cati("dnc", "add", "8 (495) 123-45-67", "+7 916 123 45 67", "--reason", "просил")
    assert added.status == 0 and added.out.startswith("blocked 2 number(s)")
    numbers = tmp_path / "dnc.csv"
    numbers.write_bytes("Телефон\n8 812 321 45 67\nнет номера\n".encode("cp1251"))
    imported = cati("dnc", "import", str(numbers), "--json")
    assert imported.status == 1
    assert json.loads(imported.out)["problems"] == [
        {"line": 3, "text": "нет номера", "message": "no phone number in the text"}
    ]
    listed = json.loads(cati("dnc", "list", "--json").out)
    assert [entry["number"] for entry in listed] == ["+74951234567", "+78123214567", "+79161234567"]

    export = write_csv(tmp_path / "clients.csv", RUSSIAN_EXPORT_ROWS)
    summary = json.loads(cati("sample", "import", study, str(export), "--json").out)
    assert summary["rejected_by_reason"]["do_not_call"] == 4

    assert cati("dnc", "remove", "+7 916 123-45-67").status == 0
    gone = cati("dnc", "remove", "+7 916 123-45-67")
    assert gone.status == 2 and "not on the do-not-call list" in gone.err
    bad = cati("dnc", "add", "12")
    assert bad.status == 2 and "nothing was added" in bad.err


def test_report_margins_file_errors_name_the_line_before_any_work(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    bad = tmp_path / "margins.yaml"
    bad.write_text("region:\n  Москва: 0.5\n  Урал: 0.4\n", encoding="utf-8")
    run = cati("report", study, "--out", str(tmp_path / "r.docx"), "--margins", str(bad))
    assert run.status != 0
    assert f"{bad}:2:" in run.err and "add up to 0.9" in run.err
    assert not (tmp_path / "r.docx").exists()


def test_study_margins_are_stored_shown_and_cleared(cati: Cati, study: str, tmp_path: Path) -> None:
    good = tmp_path / "margins.yaml"
    good.write_text("region: {Москва: 0.6, Урал: 0.4}\n", encoding="utf-8")
    assert cati("study", "margins", study).out.strip() == "{}"
    stored = cati("study", "margins", study, "--file", str(good))
    assert stored.status == 0 and "region" in stored.out
    assert json.loads(cati("study", "margins", study).out) == {
        "region": {"Москва": 0.6, "Урал": 0.4}
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: {Москва: 0.6, Урал: 0.3}\n", encoding="utf-8")
    refused = cati("study", "margins", study, "--file", str(bad))
    assert refused.status != 0 and "add up to 0.9" in refused.err
    assert "Урал" in cati("study", "margins", study).out  # the good margins are kept
    assert cati("study", "margins", study, "--clear").status == 0
    assert cati("study", "margins", study).out.strip() == "{}"
