"""The service behind ``cati export``: load a study's results, build the table, write files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cati.clock import Clock
from cati.exports.csv_writer import CsvDialect
from cati.exports.errors import ExportError
from cati.exports.table import build_respondent_table
from cati.exports.writers import ExportFormat, write_table
from surveys.errors import ScriptError
from surveys.loader import load_script_text

if TYPE_CHECKING:
    from cati.db import Engine

__all__ = ["ExportSummary", "export_study"]


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    study: str
    interviews: int
    complete: int
    files: tuple[Path, ...]
    notes: tuple[str, ...]


def export_study(
    engine: Engine,
    study: str | int,
    export_format: ExportFormat,
    out: Path,
    *,
    clock: Clock,
    include_contacts: bool = False,
    weights: bool = False,
    language: str | None = None,
    csv_dialect: CsvDialect = "ru",
) -> ExportSummary:
    """Export ``study`` to ``out``; personal data only with ``include_contacts``."""
    from cati.db.results import load_study_results

    results = load_study_results(engine, study, include_contacts=include_contacts)
    try:
        script = load_script_text(
            results.script_text, file=f"{results.study_name} v{results.script_version}"
        )
    except ScriptError as error:
        raise ExportError(f"the study's script cannot be read: {error}") from None
    table = build_respondent_table(
        results,
        script,
        language=language,
        weights=weights,
        include_contacts=include_contacts,
    )
    files = write_table(table, export_format, out, exported_at=clock.now(), csv_dialect=csv_dialect)
    return ExportSummary(
        study=results.study_name,
        interviews=len(results.interviews),
        complete=sum(1 for r in results.interviews if r.status == "complete"),
        files=tuple(files),
        notes=table.notes,
    )
