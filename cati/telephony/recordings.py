"""Where a study's call recordings are kept, and the pieces of one call made into one file.

A study may name a folder (``fieldwork.recordings_folder``: a shared folder when several
workstations call, so supervisors can listen from theirs; a relative name is read from the
database's data folder); otherwise recordings follow the database they belong to, in
``recordings`` of its data folder (:func:`cati.db.files.database_data_folder`: beside a
SQLite file, or a user data folder per PostgreSQL server and database), so two databases
never mix their recordings. Each study has its own subfolder. A call recorded in several pieces (the
recording was stopped and started again) is kept as one file, as supervisors listen to the
call, not to its pieces.
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Sequence
from pathlib import Path

__all__ = ["one_file_per_call", "study_recordings_folder"]

log = logging.getLogger(__name__)


def study_recordings_folder(configured: str, study_id: int, data_folder: Path) -> Path:
    """The folder of the study's recordings: the ``configured`` folder (relative to
    ``data_folder``, the database's data folder), else ``data_folder / "recordings"``; then
    ``study-<id>``."""
    named = configured.strip()
    root = data_folder / (Path(named).expanduser() if named else Path("recordings"))
    return root / f"study-{study_id}"


def one_file_per_call(pieces: Sequence[Path], target: Path) -> Path:
    """The one file a supervisor plays, ``target`` with the pieces' suffix: the only piece
    renamed, or the WAV or MP3 pieces joined in order (the pieces are removed). Pieces that
    cannot be joined (mixed formats, different sample rates) stay as they are and the first
    is returned."""
    if not pieces:
        raise ValueError("no recording to keep")
    if len(pieces) == 1:
        return pieces[0].replace(target.with_suffix(pieces[0].suffix))
    suffix = pieces[0].suffix.lower()
    if any(piece.suffix.lower() != suffix for piece in pieces):
        return pieces[0]
    joined = target.with_suffix(suffix)
    try:
        if suffix == ".wav":
            _join_wav(pieces, joined)
        elif suffix == ".mp3":
            # MP3 is a sequence of self-contained frames: pieces play one after another.
            joined.write_bytes(b"".join(piece.read_bytes() for piece in pieces))
        else:
            return pieces[0]
    except (wave.Error, ValueError, OSError) as error:
        log.warning("the %d pieces of a recording were kept apart: %s", len(pieces), error)
        return pieces[0]
    for piece in pieces:
        if piece != joined:
            piece.unlink(missing_ok=True)
    return joined


def _join_wav(pieces: Sequence[Path], target: Path) -> None:
    frames: list[bytes] = []
    parameters = None
    for piece in pieces:
        with wave.open(str(piece), "rb") as reader:
            shape = (reader.getnchannels(), reader.getsampwidth(), reader.getframerate())
            if parameters is None:
                parameters = shape
            elif shape != parameters:
                raise ValueError(f"{piece.name} has another format ({shape} vs {parameters})")
            frames.append(reader.readframes(reader.getnframes()))
    assert parameters is not None
    partial = target.with_name(target.name + ".part")
    with wave.open(str(partial), "wb") as writer:
        writer.setnchannels(parameters[0])
        writer.setsampwidth(parameters[1])
        writer.setframerate(parameters[2])
        for chunk in frames:
            writer.writeframes(chunk)
    partial.replace(target)
