"""Exports and the client report from the desktop app: role checked, progress, cancel.

Both run in a worker thread (the dialogs use ``run_in_background``); ``progress(done,
total)`` reports the steps and ``cancel`` (a :class:`threading.Event`) is looked at between
them. A cancelled export leaves no files behind.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine
from cati.exports.errors import ExportError
from cati.supervision.errors import OperationCancelled
from surveys.errors import ScriptError
from surveys.loader import load_script_text

__all__ = ["ExportDone", "export_results", "write_report"]

Progress = Callable[[int, int], None]
#: ``default``: population weights when every segment's size is known, else none.
WeightMode = Literal["default", "population", "raking", "none"]


class ExportDone:
    """What an export wrote."""

    def __init__(self, files: tuple[Path, ...], interviews: int, notes: tuple[str, ...]) -> None:
        self.files = files
        self.interviews = interviews
        self.notes = notes


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise OperationCancelled("cancelled; nothing was written")


def export_results(
    engine: Engine,
    actor: Actor,
    study_id: int,
    export_format: str,
    out: Path,
    clock: Clock,
    *,
    include_contacts: bool = False,
    weights: bool = False,
    language: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportDone:
    """Export the study's respondent data (personal data only with ``include_contacts``)."""
    require(actor, Permission.EXPORT)
    if include_contacts:
        require(actor, Permission.SEE_ALL_CONTACTS)
    from cati.db.results import load_study_results
    from cati.exports.table import build_respondent_table
    from cati.exports.writers import write_table

    step = progress or (lambda done, total: None)
    step(0, 3)
    results = load_study_results(engine, study_id, include_contacts=include_contacts)
    _check(cancel)
    step(1, 3)
    try:
        script = load_script_text(
            results.script_text, file=f"{results.study_name} v{results.script_version}"
        )
    except ScriptError as error:
        raise ExportError(f"the study's script cannot be read: {error}") from None
    table = build_respondent_table(
        results, script, language=language, weights=weights, include_contacts=include_contacts
    )
    _check(cancel)
    step(2, 3)
    files = write_table(table, export_format, out, exported_at=clock.now())  # type: ignore[arg-type]
    if cancel is not None and cancel.is_set():
        for path in files:
            path.unlink(missing_ok=True)
        raise OperationCancelled("cancelled; the files written were removed")
    step(3, 3)
    return ExportDone(tuple(files), len(results.interviews), tuple(table.notes))


def write_report(
    engine: Engine,
    actor: Actor,
    study_id: int,
    out: Path,
    clock: Clock,
    *,
    language: str = "ru",
    weights: WeightMode | str = "default",
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write the client report (.docx) through :func:`cati.reporting.build_study_report`."""
    require(actor, Permission.REPORT)
    try:
        module: Any = importlib.import_module("cati.reporting.study_report")
    except ImportError:
        raise ExportError("this version of cati cannot build reports yet") from None
    build = module.build_study_report

    def step(done: int, total: int) -> None:
        _check(cancel)
        if progress is not None:
            progress(done, total)

    try:
        path = Path(
            build(
                engine,
                study_id,
                out,
                language,
                None if weights == "default" else weights,
                actor=actor,
                progress=step,
                clock=clock,
            )
        )
    except OperationCancelled:
        Path(out).unlink(missing_ok=True)
        raise
    _check(cancel)
    return path
