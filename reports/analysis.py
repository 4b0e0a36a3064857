"""From answers to report content: findings first, then chapters.

:func:`build_model` computes the :class:`reports.findings.Findings` of
:class:`reports.data.ReportData` once (:mod:`reports.findings`) and lets each chapter of
:mod:`reports.chapters` put them into words; :mod:`reports.docx_renderer` only writes the
result. The report model carries the findings, so tests read the very claims the Word
text makes.
"""

from __future__ import annotations

from reports.chapters._context import ChapterContext
from reports.chapters.appendices import (
    appendix_outcomes,
    appendix_questionnaire,
    appendix_tables,
)
from reports.chapters.csi import csi_chapter
from reports.chapters.drivers import drivers_chapter
from reports.chapters.methodology import methodology_chapter
from reports.chapters.nps import nps_chapter
from reports.chapters.overall import overall_chapter
from reports.chapters.recommendations import recommendations_chapter
from reports.chapters.scorecards import scorecards_chapter
from reports.chapters.segments import segments_chapter
from reports.chapters.summary import summary_chapter
from reports.chapters.verbatims import verbatims_chapter
from reports.data import ReportData, localized
from reports.findings import Findings, compute_findings
from reports.model import Report
from reports.texts import Texts

CHAPTERS = (
    summary_chapter,
    methodology_chapter,
    nps_chapter,
    overall_chapter,
    csi_chapter,
    drivers_chapter,
    segments_chapter,
    scorecards_chapter,
    verbatims_chapter,
    recommendations_chapter,
    appendix_tables,
    appendix_questionnaire,
    appendix_outcomes,
)


def build_model(data: ReportData, lang: str = "ru", weights: str | None = None) -> Report:
    """Compute the study's findings and lay them out as a report model."""
    t = Texts(lang)  # checks the language before any work
    return report_from_findings(compute_findings(data, lang=t.lang, weights=weights), lang)


def report_from_findings(findings: Findings, lang: str = "ru") -> Report:
    """The report model of already computed ``findings``, in ``lang``."""
    t = Texts(lang, findings.outcome_kind)
    ctx = ChapterContext(findings, t)
    fw = findings.study.data.fieldwork
    study = localized(fw.study, lang)
    title_facts = [
        (t("client"), localized(fw.client, lang)),
        (t("study"), study),
        (t("fieldwork"), t.nf.period(fw.fieldwork_start, fw.fieldwork_end)),
        (t("interviews"), t.nf.num(findings.n)),
        (t("report_date"), t.nf.date(fw.report_date)),
    ]
    if fw.agency:
        title_facts.append((t("agency"), localized(fw.agency, lang)))
    return Report(
        lang=lang,
        title=study,
        subtitle=t("report_kind"),
        title_facts=title_facts,
        toc_title=t("toc"),
        sections=[s for chapter in CHAPTERS if (s := chapter(ctx)) is not None],
        page_label=t("page"),
        figure_label=t("figure"),
        table_label=t("table"),
        findings=findings,
    )


__all__ = ["build_model", "report_from_findings"]
