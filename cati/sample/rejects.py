"""The rejects file: every row that was not imported, as the user wrote it, with the reason.

Written for Excel on a Russian desktop: UTF-8 with a byte-order mark (so Excel does not
guess cp1251) and ``;`` between fields. The original columns come first, unchanged, so the
file can be fixed and imported again; then ``row`` (the row number in the original file),
``reason`` (a stable code, see :class:`~cati.sample.reader.RejectReason`) and ``message``
(the explanation for a person). Cells beyond the header's width follow the message.
A cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``, but also a phone
``+7 (495) 123-45-67``) gets a quote in front (:mod:`cati.spreadsheet_cells`); reading the
file back removes it, so a fixed rejects file imports as the original would have.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO

from cati.sample.errors import CallListError
from cati.sample.reader import RejectedRow
from cati.spreadsheet_cells import defuse_cell_text

__all__ = ["REJECTS_COLUMNS", "RejectsWriter"]

REJECTS_COLUMNS = ("row", "reason", "message")


class RejectsWriter:
    """Writes rejected rows to a CSV file as they come (a context manager)."""

    def __init__(self, path: str | Path, header: Sequence[str]) -> None:
        self.path = Path(path)
        self._width = len(header)
        self.count = 0
        try:
            self._stream: TextIO = self.path.open("w", encoding="utf-8-sig", newline="")
        except OSError as error:
            raise CallListError(
                self.path,
                f"cannot write the rejects file ({error.strerror or error}); choose another place",
            ) from None
        self._writer = csv.writer(self._stream, delimiter=";", lineterminator="\r\n")
        self._writer.writerow([defuse_cell_text(name) for name in (*header, *REJECTS_COLUMNS)])

    def write(self, rejected: RejectedRow) -> None:
        cells = list(rejected.cells[: self._width])
        cells.extend([""] * (self._width - len(cells)))
        extra = list(rejected.cells[self._width :])
        texts = [*cells, str(rejected.row), rejected.reason.value, rejected.message, *extra]
        self._writer.writerow([defuse_cell_text(text) for text in texts])
        self.count += 1

    def write_all(self, rows: Iterable[RejectedRow]) -> None:
        for rejected in rows:
            self.write(rejected)

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> RejectsWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
