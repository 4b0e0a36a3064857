"""What every chapter needs: the findings, the language's texts and the wording helpers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reports.data import QuestionRoles, ReportData, localized
from reports.findings.model import LOYALTY_GROUPS, Findings, PreparedStudy
from reports.findings.voices import pick_quotes, top_complaints
from reports.model import Block, CellFormat, Paragraph
from reports.numbers import NumberFormat
from reports.texts import Texts
from reports.themes import ThemeDictionary
from surveys.model import GridQuestion

MAX_QUOTE = 220
_PIPE = re.compile(r"\{([^{}]*)\}")
_CONTACT_WORDS = {
    "company": ("компания", "company"),
    "name": ("имя", "name"),
    "position": ("должность", "position"),
    "segment": ("сегмент", "segment"),
    "region": ("регион", "region"),
}


@dataclass(frozen=True)
class ChapterContext:
    """The findings of one report and the words of its language."""

    f: Findings
    t: Texts

    @property
    def nf(self) -> NumberFormat:
        return self.t.nf

    @property
    def study(self) -> PreparedStudy:
        return self.f.study

    @property
    def data(self) -> ReportData:
        return self.f.study.data

    @property
    def roles(self) -> QuestionRoles:
        return self.f.study.roles

    @property
    def df(self) -> pd.DataFrame:
        return self.f.study.df

    @property
    def w(self) -> np.ndarray | None:
        """Respondent weights, or None when the report is unweighted."""
        return self.f.study.weights

    @property
    def segments(self) -> tuple[str, ...]:
        return self.f.study.segments

    @property
    def seg_n(self) -> Mapping[str, int]:
        return self.f.study.seg_n

    @property
    def min_base(self) -> int:
        return self.f.study.min_base

    @property
    def themes(self) -> ThemeDictionary:
        return self.f.study.themes

    def small(self, segment: str) -> bool:
        return self.f.study.small(segment)

    @property
    def has_nps(self) -> bool:
        """False in a study without NPS: overall satisfaction is then the outcome."""
        return self.f.study.outcome_kind == "nps"

    @property
    def metric(self) -> str:
        """The metric of the outcome's comparisons (``nps`` or ``csi_overall``)."""
        return self.f.study.outcome_kind

    def outcome_value(self, value: float) -> str:
        """An NPS with its sign, or an overall satisfaction score (0-100) without one."""
        return self.nf.signed(value) if self.has_nps else self.nf.num(value)

    @property
    def outcome_format(self) -> CellFormat:
        return "signed0" if self.has_nps else "num0"

    def seg_label(self, code: str) -> str:
        return localized(self.data.segment_labels.get(code), self.t.lang, str(code))

    def attr_label(self, attr: str) -> str:
        return localized(self.data.attribute_labels.get(attr), self.t.lang, attr)

    def aspect_label(self, aspect: str) -> str:
        """The aspect's name as a noun: grids word aspects to continue a sentence
        ("satisfied with ... prices"); the importance grid, when there is one, usually
        words them as nouns, which read better alone."""
        text = aspect
        for qid in (self.roles.satisfaction, self.roles.importance):
            q = self.data.script.by_id.get(qid) if qid else None
            if isinstance(q, GridQuestion):
                for r in q.rows:
                    if r.id == aspect:
                        text = r.label.get(self.t.lang) or next(iter(r.label.values()))
        return text[:1].upper() + text[1:]

    def quote(self, text: str) -> str:
        return f"«{text}»" if self.t.lang == "ru" else f"“{text}”"

    def ci(self, low: float, high: float, signed: bool = False) -> str:
        return self.nf.range(low, high, 0, signed=signed)

    def sig_word(self, diff: float) -> str:
        return self.t("higher") if diff > 0 else self.t("lower")


def shorten(text: str, limit: int = MAX_QUOTE, *, inline: bool = False) -> str:
    """Collapse spaces and cut at a word boundary; ``inline`` quotes lose their final full
    stop, since the sentence around them supplies one."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-. ") + "…"
    return text.rstrip(".") if inline else text


def plain(text: str) -> str:
    """Script text for print: piping placeholders ``{contact.name}`` become ``[contact.name]``."""
    return re.sub(r"\s+", " ", _PIPE.sub(r"[\1]", text)).strip()


def headline(text: str, lang: str) -> str:
    """Script text as a heading or caption: what was piped in reads as "…" (an answer) or as
    the contact field's name, since each respondent heard their own."""

    def word(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name.startswith("contact."):
            field = name.split(".", 1)[1]
            words = _CONTACT_WORDS.get(field)
            return f"[{words[0 if lang == 'ru' else 1] if words else field}]"
        return "…"

    return re.sub(r"\s+", " ", _PIPE.sub(word, text)).strip()


def verbatim_line(ctx: ChapterContext, row: pd.Series, with_segment: bool) -> str:
    t = ctx.t
    group = t(row["nps_group"]) if isinstance(row["nps_group"], str) else ""
    who = group
    if with_segment and isinstance(row["segment"], str):
        who = t("attribution", group=group, segment=ctx.seg_label(row["segment"]))
    quote = ctx.quote(shorten(str(row["text"]), 400))
    return f"{quote} — {who}" if who else quote


def quote_blocks(
    ctx: ChapterContext, texts: pd.DataFrame, k: int, with_segment: bool
) -> list[Block]:
    if texts.empty:
        return []
    picked: list[pd.Series] = []
    for group in LOYALTY_GROUPS:
        picked += pick_quotes(texts[texts["nps_group"] == group], max(1, k // 2))
        if len(picked) >= k:
            break
    if not picked:
        return []
    blocks: list[Block] = [Paragraph(ctx.t("segment_verbatims"))]
    for row in picked[:k]:
        blocks.append(Paragraph(verbatim_line(ctx, row, with_segment), "verbatim"))
    return blocks


def small_segments_note(ctx: ChapterContext, results: Mapping[str, object | None]) -> list[Block]:
    """The note naming the segments with no result (fewer interviews than the minimum base)."""
    small = [ctx.seg_label(s) for s in ctx.segments if results.get(s) is None]
    if not small:
        return []
    names = ctx.t.join([ctx.quote(s) for s in small])
    return [Paragraph(ctx.t("small_segments", names=names, min_base=ctx.min_base), "small_n")]


def top_complaint_names(ctx: ChapterContext, texts: pd.DataFrame, k: int) -> list[str]:
    """The labels of the ``k`` themes most complained about in ``texts``."""
    return [ctx.t.theme(n) for n in top_complaints(ctx.study, texts, k)]


__all__ = [
    "ChapterContext",
    "headline",
    "plain",
    "quote_blocks",
    "shorten",
    "top_complaint_names",
    "verbatim_line",
]
