"""``pip install .`` ships what the app needs at run time: scripts, the demo base,
translations, the report template and the migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_carries_the_resources(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("cati-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "resources/scripts/b2b_nps_csi.yaml",
        "resources/scripts/b2b_csi.yaml",
        "resources/scripts/nps_pulse.yaml",
        "resources/scripts/mystery_call.yaml",
        "resources/demo/client_base.csv",
        "resources/translations/common_ru.qm",
        "resources/report/template.docx",
        "cati/db/migrations/script.py.mako",
        "cati/sample/ru_time_zones.csv",
        "reports/themes/default.yaml",
        "surveys/FORMAT.md",
    ):
        assert needed in names, needed
    migrations = [n for n in names if n.startswith("cati/db/migrations/versions/0")]
    assert len(migrations) >= 4
    assert not any(n.startswith("tests/") for n in names)
    assert any(n.endswith("entry_points.txt") for n in names)
