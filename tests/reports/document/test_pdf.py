"""The report converts to PDF with LibreOffice (required on CI) and renders to images."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def page_count(pdf: Path) -> int:
    info = shutil.which("pdfinfo")
    if info is None:
        return len(pdf.read_bytes().split(b"/Type /Page")) - 1
    out = subprocess.run([info, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_converts_to_a_pdf_with_pages(pdfs: dict[str, Path], lang: str) -> None:
    pdf = pdfs[lang]
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert page_count(pdf) >= 15


def test_pdf_pages_render_to_images(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The first pages render (title, contents); the PNGs are what a reviewer looks at."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(
        [tool, "-r", "40", "-png", "-f", "1", "-l", "2", str(pdfs["ru"]), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 2000 for p in pages)
