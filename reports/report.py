"""``build_report``: answers in, the client's Word report out."""

from __future__ import annotations

from pathlib import Path

from reports.analysis import build_model
from reports.data import ReportData
from reports.docx_renderer import render_docx
from reports.errors import ReportInputError
from reports.findings.facts import write_facts
from reports.model import Report


def build_report(
    data: ReportData,
    out_path: str | Path,
    lang: str = "ru",
    weights: str | None = None,
    *,
    template: str | Path | None = None,
    facts: str | Path | None = None,
) -> Report:
    """Compute the study's figures and write the report to ``out_path`` (.docx).

    Parameters
    ----------
    data : ReportData
        Script, one row per complete interview, fieldwork facts, segment populations
        (see :mod:`reports.data`).
    out_path : path
        Where to write the .docx.
    lang : {"ru", "en"}
        Language of the report (numbers formatted for it: decimal comma in Russian).
    weights : {"population", "raking", "none"}, optional
        ``"population"`` post-stratifies to the segment sizes in the base, ``"raking"``
        rakes to ``data.margins``; None (the default) is population when every segment's
        size is known, else none; the methodology says which was used.
    template : path, optional
        Another Word template with the same style names.
    facts : path, optional
        Also write the findings as JSON there (``schema_version`` 2, documented in
        ``reports/facts_schema.json`` and ``reports/FACTS.md``).

    Returns
    -------
    Report
        The report model that was rendered; ``report.findings`` holds every number and
        claim it states.
    """
    for what, path in (("report", out_path), ("facts", facts)):
        if path is not None and not Path(path).resolve().parent.is_dir():
            raise ReportInputError(
                f"the folder {Path(path).resolve().parent} for the {what} file does not exist; "
                "create it or choose another path"
            )
    report = build_model(data, lang=lang, weights=weights)
    render_docx(report, out_path, template=template)
    if facts is not None and report.findings is not None:
        write_facts(report.findings, facts, lang)
    return report


__all__ = ["build_report"]
