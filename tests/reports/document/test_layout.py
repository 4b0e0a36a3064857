"""The document as a reader gets it: contents with page numbers, pages that are not left
mostly empty, and an English edition written in English."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from reports.data import ReportData, localized
from reports.model import Report
from tests.reports.document.conftest import Built
from tests.reports.document.test_pdf import page_count

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTED = re.compile('“[^”]*”|«[^»]*»|"[^"]*"')
PAGE_NUMBER_AT_END = re.compile(r"\.{3,}\s*(\d+)\s*$")
# A4 with 2 cm margins: the text area runs from 2/29.7 to 27.7/29.7 of the page height;
# the footer (page number) sits below it and is not content.
BODY_TOP, BODY_BOTTOM = 2.0 / 29.7, 27.7 / 29.7
MIN_FILL = 0.25


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return found


def page_texts(pdf: Path) -> list[str]:
    tool = _tool("pdftotext")
    out = subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return out.split("\f")[: page_count(pdf)]


def top_level_titles(b: Built | Report) -> list[str]:
    model = b.model if isinstance(b, Built) else b
    return [model.toc_title] + [s.title for s in model.sections]


def test_contents_entries_point_at_bookmarks_on_the_headings(built: dict[str, Built]) -> None:
    doc = built["en"].doc
    refs = [
        el.text.split()[1]
        for el in doc.element.body.iter(f"{W}instrText")
        if el.text.strip().startswith("PAGEREF")
    ]
    heading_marks = {
        bm.get(f"{W}name")
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
        for bm in p._p.iter(f"{W}bookmarkStart")
    }
    anchors = [link.get(f"{W}anchor") for link in doc.element.body.iter(f"{W}hyperlink")]
    b = built["en"]
    assert len(refs) == sum(1 + len(s.children) for s in b.model.sections)
    assert set(refs) == heading_marks
    assert anchors == refs  # every entry is a link to its heading, in order


def check_contents_page_numbers(pdf: Path, model: Report) -> None:
    """The PDF shows a page number on every chapter's contents line, and it is the page on
    which the chapter's heading starts."""
    pages = page_texts(pdf)
    contents = next(i for i, t in enumerate(pages) if t.strip().startswith(model.toc_title))
    numbered = {}
    for line in pages[contents].splitlines():
        m = PAGE_NUMBER_AT_END.search(line)
        if m:
            numbered[line[: m.start()].strip()] = int(m.group(1))
    for sec in model.sections:
        assert sec.title in numbered, f"no page number for {sec.title!r}"
        page = numbered[sec.title]
        assert pages[page - 1].strip().startswith(sec.title), (sec.title, page)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_converted_pdfs_contents_give_each_chapters_page(
    built: dict[str, Built], pdfs: dict[str, Path], lang: str
) -> None:
    check_contents_page_numbers(pdfs[lang], built[lang].model)


def _fill(png: Path) -> float:
    """The share of the text area's height down to the lowest ink on the page."""
    from PIL import Image

    ink = np.asarray(Image.open(png).convert("L")) < 200
    h = ink.shape[0]
    top, bottom = int(h * BODY_TOP), int(h * BODY_BOTTOM)
    rows = np.flatnonzero(ink[top:bottom].any(axis=1))
    return 0.0 if rows.size == 0 else (rows[-1] + 1) / (bottom - top)


def sparse_pages(pdf: Path, chapter_titles: list[str], work: Path) -> list[tuple[int, float, str]]:
    """Pages less than ``MIN_FILL`` filled whose next page does not open a chapter."""
    tool = _tool("pdftoppm")
    subprocess.run(
        [tool, "-r", "30", "-gray", "-png", str(pdf), str(work / "p")], check=True, timeout=120
    )
    images = sorted(work.glob("p-*.png"))
    texts = page_texts(pdf)
    assert len(images) == len(texts)
    starts = tuple(chapter_titles)
    sparse = []
    for i, png in enumerate(images[:-1]):
        if texts[i + 1].strip().startswith(starts):
            continue  # the next page opens a chapter: this one may end short
        fill = _fill(png)
        if fill < MIN_FILL:
            sparse.append((i + 1, round(fill, 2), texts[i].strip()[:60]))
    return sparse


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_only_the_last_page_of_a_chapter_may_be_mostly_empty(
    built: dict[str, Built], pdfs: dict[str, Path], tmp_path: Path, lang: str
) -> None:
    sparse = sparse_pages(pdfs[lang], top_level_titles(built[lang]), tmp_path)
    assert not sparse, f"pages left mostly empty inside a chapter: {sparse}"


def _data_values(study: ReportData) -> list[str]:
    """Text the client gave us, printed as it is in either language: the study's and
    the client's names where they have no English form, contact attribute values
    (managers, regions, products from the client's CRM) and respondents' own words."""
    values = [
        localized(study.fieldwork.study, "en"),
        localized(study.fieldwork.client, "en"),
    ]
    for column in study.responses.columns:
        for value in study.responses[column]:
            if isinstance(value, str) and CYRILLIC.search(value):
                values.append(value)
    return sorted(set(values), key=len, reverse=True)


def russian_outside_quotes_and_data(docx: Path, study: ReportData) -> list[str]:
    """Texts of the document with Cyrillic left once quotes and client data are removed."""
    from docx import Document

    doc = Document(str(docx))
    allowed = _data_values(study)
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        texts += [p.text for p in section.footer.paragraphs + section.header.paragraphs]
    russian = []
    for text in texts:
        rest = text
        for value in allowed:  # before the quotes: a data value may hold «quotes» itself
            rest = rest.replace(value, "")
        if CYRILLIC.search(QUOTED.sub("", rest)):
            russian.append(text)
    return russian


def test_the_english_edition_has_no_russian_outside_quotes_and_client_data(
    built: dict[str, Built], study: ReportData
) -> None:
    """Allowed Cyrillic: text in quotation marks (respondents' words) and the client's own
    data values; everything the report writes itself (headings, labels, segment names,
    answer options, notes) is English."""
    russian = russian_outside_quotes_and_data(built["en"].path, study)
    assert not russian, f"Russian text in the English edition: {russian[:10]}"
