"""Write a :class:`reports.model.Report` to a Word document with python-docx.

The look belongs to the template (``resources/report/template.docx``: fonts, heading,
caption and table-text styles, margins, the page-number footer); this module only places
content and picks style names. What it adds in XML because python-docx has no API for it:

* the table of contents lists the headings, each with a ``PAGEREF`` field to a bookmark on
  its heading: Word fills the page numbers in when the document is opened (the template
  sets ``updateFields``) and LibreOffice computes them from its layout, PDF included;
* figure and table numbers are ``SEQ`` fields with the number already filled in;
* table header rows repeat on every page and table rows do not split across pages.

Captions follow Russian practice (GOST 7.32) in both languages: a table's caption above
it, a figure's below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reports import charts
from reports.model import Bullets, Figure, PageBreak, Paragraph, Report, Section, Table
from reports.numbers import NumberFormat

STYLE = {
    "body": "Normal",
    "lead": "Lead",
    "note": "Note",
    "verbatim": "Verbatim",
    "small_n": "Small Base",
}
HEADER_FILL = "1F3A5F"
STRIPE_FILL = "F2F4F7"
TEXT_WIDTH_CM = 17.0
NUMERIC_FORMATS = ("int", "num", "pct", "signed", "p")


def default_template() -> Path:
    from importlib import resources

    return Path(str(resources.files("resources.report").joinpath("template.docx")))


class _Writer:
    def __init__(self, report: Report, template: Path) -> None:
        self.report = report
        self.doc: DocxDocument = Document(str(template))
        self.nf = NumberFormat(report.lang)
        self.figures = 0
        self.tables = 0
        self.headings = 0
        # python-docx looks a style up by scanning every style on each use; a report sets
        # thousands of paragraph styles, so resolve the ids once.
        self.style_ids = {st.name: st.style_id for st in self.doc.styles}

    def _style(self, paragraph: DocxParagraph, name: str) -> DocxParagraph:
        if name != "Normal":
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self.style_ids[name]
        return paragraph

    def _para(self, text: str = "", style: str = "Normal") -> DocxParagraph:
        return self._style(self.doc.add_paragraph(text), style)

    # ---- fields ------------------------------------------------------------------------
    @staticmethod
    def _field(paragraph: DocxParagraph, instr: str, cached: str) -> None:
        """A complex field ``{instr}`` showing ``cached`` until Word updates it."""

        paragraph.add_run()._r.append(_fld_char("begin"))
        paragraph.add_run()._r.append(_instr(f" {instr} "))
        paragraph.add_run()._r.append(_fld_char("separate"))
        paragraph.add_run(cached)
        paragraph.add_run()._r.append(_fld_char("end"))

    # ---- document parts ----------------------------------------------------------------
    def title_page(self) -> None:
        r = self.report
        self._para(r.title, "Title")
        self._para(r.subtitle, "Subtitle")
        for label, value in r.title_facts:
            p = self._para("", "Title Facts")
            run = p.add_run(f"{label}: ")
            run.bold = True
            p.add_run(value)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def toc(self) -> None:
        """The contents: one paragraph per heading (chapters and their sections), each
        ending in a dotted leader and a ``PAGEREF`` field to the heading's bookmark.

        Word updates the fields on open (the template sets ``updateFields``) and before
        printing; LibreOffice computes ``PAGEREF`` from its own layout, so its PDF shows
        the page numbers too. (A ``TOC`` field would not do: LibreOffice shows a TOC
        field's cached result as it is, without page numbers, until a person updates it.)
        """
        r = self.report
        self._para(r.toc_title, "TOC Heading")
        entries: list[tuple[int, str]] = []
        for top in r.sections:
            entries.append((1, top.title))
            entries += [(2, c.title) for c in top.children]
        for i, (level, title) in enumerate(entries):
            p = self._para(title, f"TOC {level}")
            p.add_run().add_tab()
            self._field(p, f"PAGEREF {_bookmark(i)} \\h", "")
            _link_to_bookmark(p, _bookmark(i))

    def section(self, sec: Section, level: int) -> None:
        h = self.doc.add_heading(level=min(level, 3))
        if level <= 2:
            # The same order as the contents' entries: top-level sections and their children.
            _bookmark_run(h, _bookmark(self.headings), self.headings, sec.title)
            self.headings += 1
        else:
            h.add_run(sec.title)
        if sec.new_page and level == 1:
            # Only chapters start a page: a break before a short section inside a chapter
            # leaves the page before it mostly empty.
            h.paragraph_format.page_break_before = True
        together = _kept_with_next(sec.blocks)
        for block, keep in zip(sec.blocks, together, strict=True):
            written = self.block(block)
            if keep and written is not None:
                written.paragraph_format.keep_with_next = True
        for child in sec.children:
            self.section(child, level + 1)

    def block(self, block: Any) -> DocxParagraph | None:
        """Write one block; a paragraph is returned so that the caller can keep it with
        the next."""
        if isinstance(block, Paragraph):
            return self._para(block.text, STYLE[block.style])
        elif isinstance(block, Bullets):
            for item in block.items:
                if block.checklist:
                    self._para("\u2610\u00a0\u00a0" + item, "Checklist")
                else:
                    self._para(item, "List Bullet")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - the model only has these blocks
            raise TypeError(f"cannot render {type(block).__name__}")
        return None

    def _caption(self, label: str, seq: str, number: int, text: str) -> DocxParagraph:
        p = self._para("", "Caption")
        p.add_run(f"{label}\u00a0")
        self._field(p, f"SEQ {seq} \\* ARABIC", str(number))
        p.add_run(f". {text}")
        return p

    def figure(self, fig: Figure) -> None:
        self.figures += 1
        png = charts.to_png(fig.figure)
        p = self._para("", "Figure")
        p.add_run().add_picture(_bytes_io(png), width=Cm(fig.width_cm))
        self._caption(self.report.figure_label, "Figure", self.figures, fig.caption)

    def table(self, tab: Table) -> None:
        self.tables += 1
        cap = self._caption(self.report.table_label, "Table", self.tables, tab.caption)
        cap.paragraph_format.keep_with_next = True
        data = tab.data.reset_index(drop=True)
        cols = tab.columns
        table = self.doc.add_table(rows=1, cols=len(cols))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        text_style = "Table Text Small" if tab.compact or len(cols) > 7 else "Table Text"
        cells = [
            [self.nf.cell(data.at[i, c.key] if c.key in data else None, c.fmt) for c in cols]
            for i in range(len(data))
        ]
        widths = _widths([c.header for c in cols], cells, [c.fmt for c in cols])
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid: LibreOffice lays fixed tables out by it
        hdr = table.rows[0]
        _repeat_header(hdr)
        for j, c in enumerate(cols):
            cell = hdr.cells[j]
            cell.width = Cm(widths[j])
            para = cell.paragraphs[0]
            self._style(para, "Table Header")
            para.text = c.header
            if c.fmt.startswith(NUMERIC_FORMATS):
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _shade(cell, HEADER_FILL)
        for i, values in enumerate(cells):
            row = table.add_row()
            _no_split(row)
            last = tab.bold_last_row and i == len(cells) - 1
            for j, (c, text) in enumerate(zip(cols, values, strict=True)):
                cell = row.cells[j]
                cell.width = Cm(widths[j])
                para = cell.paragraphs[0]
                self._style(para, text_style)
                run = para.add_run(text)
                if last:
                    run.bold = True
                if c.fmt.startswith(NUMERIC_FORMATS):
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if i % 2 == 1:
                    _shade(cell, STRIPE_FILL)
        _borders(table)
        if tab.note:
            self._para(tab.note, "Note")
        else:
            spacer = self._para("", "Note")
            spacer.paragraph_format.space_after = 0

    def write(self, out: Path) -> Path:
        self.title_page()
        self.toc()
        for sec in self.report.sections:
            self.section(sec, 1)
        props = self.doc.core_properties
        props.title = self.report.title
        props.subject = self.report.subtitle
        props.language = self.report.lang
        self.doc.save(str(out))
        return out


MAX_QUOTES_KEPT_TOGETHER = 6


def _is_quote(block: Any) -> bool:
    return isinstance(block, Paragraph) and block.style == "verbatim"


def _kept_with_next(blocks: list[Any]) -> list[bool]:
    """Which blocks keep with the next one: a short run of quotes stays on one page with
    the line that introduces it, so no quote is left alone at the top of a page (a long
    run may break, or it would leave the page before it half empty)."""
    run = [0] * (len(blocks) + 1)  # run[j]: consecutive quotes from j on
    for j in range(len(blocks) - 1, -1, -1):
        run[j] = run[j + 1] + 1 if _is_quote(blocks[j]) else 0
    keep = [False] * len(blocks)
    start = 0
    for j in range(1, len(blocks)):
        if not _is_quote(blocks[j]):
            continue
        if not _is_quote(blocks[j - 1]):
            start = j
        if run[start] <= MAX_QUOTES_KEPT_TOGETHER:
            keep[j - 1] = True
    return keep


def _fld_char(kind: str) -> Any:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _instr(text: str) -> Any:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


def _bookmark(index: int) -> str:
    """The bookmark of the ``index``-th heading in the contents (Word's own ``_Toc`` form)."""
    return f"_Toc{index + 1:09d}"


def _bookmark_run(paragraph: DocxParagraph, name: str, ident: int, text: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.append(start)
    paragraph.add_run(text)
    paragraph._p.append(end)


def _link_to_bookmark(paragraph: DocxParagraph, name: str) -> None:
    """Make the paragraph's runs one internal link to ``name`` (a click in Word or in the
    PDF jumps to the heading)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), name)
    link.set(qn("w:history"), "1")
    for run in paragraph._p.findall(qn("w:r")):
        link.append(run)
    paragraph._p.append(link)


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


CM_PER_CHAR = 0.215  # an 8-9 pt character, bold headers included
CELL_PADDING_CM = 0.5


def _widths(headers: list[str], rows: list[list[str]], fmts: list[str]) -> list[float]:
    """Column widths (cm): number columns as wide as their header's longest word or their
    widest value needs; text columns share the rest in proportion to their text."""
    numeric = [fmt.startswith(NUMERIC_FORMATS) for fmt in fmts]
    need: list[float] = []
    for j, header in enumerate(headers):
        word = max([len(w) for w in header.split()] + [1])
        value = max([len(r[j]) for r in rows] + [1])
        if numeric[j]:
            need.append(CM_PER_CHAR * max(word, value) + CELL_PADDING_CM)
        else:
            need.append(CM_PER_CHAR * min(max(word, value), 60) + CELL_PADDING_CM)
    fixed = sum(w for w, is_number in zip(need, numeric, strict=True) if is_number)
    text_need = sum(w for w, is_number in zip(need, numeric, strict=True) if not is_number)
    if not text_need or fixed >= TEXT_WIDTH_CM * 0.8:
        total = sum(need)
        return [TEXT_WIDTH_CM * w / total for w in need]
    room = TEXT_WIDTH_CM - fixed
    scale = min(1.0, room / text_need) if text_need > room else room / text_need
    return [w if is_number else w * scale for w, is_number in zip(need, numeric, strict=True)]


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _no_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _borders(table: DocxTable) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", 8), ("bottom", 8), ("insideH", 4)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:color"), "8FA6C1")
        borders.append(el)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "70")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)


def render_docx(report: Report, out_path: str | Path, template: str | Path | None = None) -> Path:
    """Write ``report`` to ``out_path`` (.docx) using the report template."""
    out = Path(out_path)
    tpl = Path(template) if template is not None else default_template()
    return _Writer(report, tpl).write(out)


def table_frame(table: Table, lang: str) -> pd.DataFrame:
    """The table as printed (strings), for tests and previews."""
    nf = NumberFormat(lang)
    data = table.data.reset_index(drop=True)
    return pd.DataFrame(
        {
            c.header: [nf.cell(data.at[i, c.key], c.fmt) for i in range(len(data))]
            for c in table.columns
        }
    )


__all__ = ["default_template", "render_docx", "table_frame"]
