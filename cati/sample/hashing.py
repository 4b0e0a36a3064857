"""The fingerprint of an imported file, so the database can tell a repeated import."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cati.sample.errors import UnreadableCallListError

__all__ = ["file_sha256"]

_CHUNK = 1024 * 1024


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of the file's bytes, as hex (streamed: any size in constant memory)."""
    path = Path(path)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError as error:
        raise UnreadableCallListError(path, f"cannot be read ({error.strerror or error})") from None
    return digest.hexdigest()
