"""Generate ``template.docx``: the styles and page setup of the client report.

Run ``python -m resources.report.make_template`` (from the repository root). The template
starts from python-docx's default document and sets: A4 with 2 cm margins; Arial body
text (present on every office machine; LibreOffice substitutes a metric-compatible font);
navy headings; caption, note, verbatim, checklist and table-text styles; TOC 1-3 styles;
TOC entries end in a dotted leader to the page number at the right margin; a footer with
the page number (not on the title page); and ``updateFields`` so that Word fills in the
table of contents when the report is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x5F, 0x6B)
BODY_FONT = "Arial"
TEXT_WIDTH_CM = 17.0  # A4 less two 2 cm margins


def _font(
    style: ParagraphStyle,
    size: float,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
    f = style.font
    f.name = BODY_FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), BODY_FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color is not None:
        f.color.rgb = color


def _para(style: ParagraphStyle, before: float, after: float, line: float = 1.15) -> None:
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line


def _add(doc: Any, name: str, base: str = "Normal") -> Any:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)


def make_template(path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    _page_number_footer(section)

    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 10.5, color=RGBColor(0x22, 0x22, 0x22))
    _para(normal, 0, 6)
    for level, size, before, after in ((1, 18, 0, 12), (2, 13.5, 14, 6), (3, 11.5, 10, 4)):
        h = styles[f"Heading {level}"]
        _font(h, size, bold=True, italic=False, color=NAVY)
        _para(h, before, after, 1.0)
        h.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _font(title, 26, bold=True, color=NAVY)
    _para(title, 120, 12, 1.0)
    tppr = title.element.get_or_add_pPr()
    border = tppr.find(qn("w:pBdr"))
    if border is not None:
        tppr.remove(border)
    subtitle = styles["Subtitle"]
    _font(subtitle, 14, italic=False, color=GREY)
    _para(subtitle, 0, 48)
    caption = styles["Caption"]
    _font(caption, 9, bold=True, italic=False, color=GREY)
    _para(caption, 4, 10, 1.0)
    toc_heading = styles["TOC Heading"]
    _font(toc_heading, 18, bold=True, color=NAVY)
    _para(toc_heading, 0, 12)
    for name in ("List Bullet",):
        _font(styles[name], 10.5)
        _para(styles[name], 0, 4)

    lead = _add(doc, "Lead")
    _font(lead, 10.5, bold=True)
    _para(lead, 6, 4)
    lead.paragraph_format.keep_with_next = True
    note = _add(doc, "Note")
    _font(note, 8.5, italic=True, color=GREY)
    _para(note, 0, 8, 1.0)
    verbatim = _add(doc, "Verbatim")
    _font(verbatim, 10, italic=True, color=RGBColor(0x33, 0x3D, 0x4A))
    _para(verbatim, 0, 6)
    verbatim.paragraph_format.left_indent = Cm(0.8)
    small_n = _add(doc, "Small Base")
    _font(small_n, 10, italic=True, color=RGBColor(0x9A, 0x5B, 0x00))
    _para(small_n, 0, 6)
    checklist = _add(doc, "Checklist")
    _font(checklist, 10.5)
    _para(checklist, 0, 6)
    checklist.paragraph_format.left_indent = Cm(0.8)
    checklist.paragraph_format.first_line_indent = Cm(-0.8)
    table_text = _add(doc, "Table Text")
    _font(table_text, 9)
    _para(table_text, 1, 1, 1.0)
    table_small = _add(doc, "Table Text Small", "Table Text")
    _font(table_small, 8)
    table_head = _add(doc, "Table Header", "Table Text")
    _font(table_head, 9, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
    facts = _add(doc, "Title Facts")
    _font(facts, 11.5, color=RGBColor(0x22, 0x22, 0x22))
    _para(facts, 0, 4)
    figure = _add(doc, "Figure")
    _para(figure, 6, 0, 1.0)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    for level in (1, 2, 3):
        toc = _add(doc, f"TOC {level}")
        _font(toc, 10.5 if level == 1 else 10, bold=level == 1)
        _para(toc, 4 if level == 1 else 0, 2, 1.0)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        # A long title wraps before the page-number column; the number sits on a dotted
        # leader at the right margin.
        toc.paragraph_format.right_indent = Cm(1.0)
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )

    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    # The body must be empty: the renderer appends content before the section properties.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.author = "cati"
    doc.core_properties.title = ""
    doc.save(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    out = make_template(Path(__file__).with_name("template.docx"))
    print(f"wrote {out}")
