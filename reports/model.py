"""The content of a report, apart from how it is rendered (Orange's report model idea).

:mod:`reports.analysis` builds a :class:`Report` - a tree of :class:`Section` objects
holding paragraphs, bullet lists, tables and figures - and :mod:`reports.docx_renderer`
writes it to Word. Tables keep their numbers at full precision in a DataFrame and say per
column how to format them, so rounding happens once, at rendering, in the report's
language. Figures are ``matplotlib.figure.Figure`` objects made without pyplot.
The model carries the :class:`reports.findings.Findings` it was written from, so tests
read the very claims the text makes (which aspects lead the driver ranking, which
differences are stated) as well as the rendered document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pandas as pd
from matplotlib.figure import Figure as MplFigure

if TYPE_CHECKING:  # pragma: no cover
    from reports.findings.model import Findings

#: How a table column is printed: text as is, counts, decimals, shares as percentages,
#: signed points (NPS), p-values.
CellFormat = Literal[
    "text", "int", "num0", "num1", "num2", "pct0", "pct1", "signed0", "signed1", "p"
]
ParagraphStyle = Literal["body", "lead", "note", "verbatim", "small_n"]


@dataclass
class Paragraph:
    """A paragraph of running text; ``style`` picks the template style."""

    text: str
    style: ParagraphStyle = "body"


@dataclass
class Bullets:
    """A list; ``checklist`` renders a box before every item (recommendations)."""

    items: list[str]
    checklist: bool = False


@dataclass
class Column:
    """One column of a table: the DataFrame column, its header and its format."""

    key: str
    header: str
    fmt: CellFormat = "text"


@dataclass
class Table:
    """A table: values in ``data``, printed through ``columns``; numbered at rendering.

    Cells holding a string are printed as they are (e.g. "n too small" in a numeric
    column); NaN prints as a dash.
    """

    data: pd.DataFrame
    columns: list[Column]
    caption: str
    note: str | None = None
    bold_last_row: bool = False
    compact: bool = False


@dataclass
class Figure:
    """A chart with its caption; ``width_cm`` is the printed width."""

    figure: MplFigure
    caption: str
    width_cm: float = 16.0


@dataclass
class PageBreak:
    """Start the next block on a new page."""


Block = Paragraph | Bullets | Table | Figure | PageBreak


@dataclass
class Section:
    """A titled part of the report; ``key`` is a stable id for tests and cross-references."""

    title: str
    key: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    new_page: bool = False

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def child(self, title: str, key: str) -> Section:
        sec = Section(title=title, key=key)
        self.children.append(sec)
        return sec

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Report:
    """The whole document: title page facts, then the sections in order."""

    lang: str
    title: str
    subtitle: str
    title_facts: list[tuple[str, str]]
    toc_title: str
    sections: list[Section]
    page_label: str
    figure_label: str
    table_label: str
    #: Every number and claim of the report, as computed (see :mod:`reports.findings`).
    findings: Findings | None = None

    def section(self, key: str) -> Section:
        for top in self.sections:
            for s in top.walk():
                if s.key == key:
                    return s
        raise KeyError(key)

    def all_sections(self) -> Iterator[Section]:
        for top in self.sections:
            yield from top.walk()

    def blocks(self) -> Iterator[Block]:
        for s in self.all_sections():
            yield from s.blocks


__all__ = [
    "Block",
    "Bullets",
    "CellFormat",
    "Column",
    "Figure",
    "PageBreak",
    "Paragraph",
    "Report",
    "Section",
    "Table",
]
