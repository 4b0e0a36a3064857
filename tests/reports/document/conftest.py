"""Build the synthetic study's report once per language for all document tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument

from reports import build_report
from reports.data import ReportData
from reports.model import Report
from tests.reports.document.synthetic import make_study


@dataclass
class Built:
    lang: str
    path: Path
    model: Report
    doc: DocxDocument


@pytest.fixture(scope="session")
def study() -> ReportData:
    return make_study()


@pytest.fixture(scope="session")
def built(study: ReportData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Russian report unweighted, English report weighted to the segment populations."""
    out = tmp_path_factory.mktemp("report")
    result = {}
    for lang, weights in (("ru", "none"), ("en", "population")):
        path = out / f"report_{lang}.docx"
        model = build_report(study, path, lang=lang, weights=weights)
        result[lang] = Built(lang, path, model, Document(str(path)))
    return result


def soffice() -> str | None:
    """LibreOffice's binary; on CI (``CI=true``) its absence is a failure, elsewhere a skip."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required on CI to check the report converts")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture(scope="session")
def pdfs(built: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    binary = soffice()
    assert binary is not None
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    result = {}
    for lang, b in built.items():
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(b.path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        result[lang] = out / (b.path.stem + ".pdf")
    return result
