"""The text encoding of a CSV call list: detected for the file, decided again for each line.

Russian call lists come in two encodings: UTF-8 (newer systems, Google Sheets, Excel's "CSV
UTF-8") and cp1251 (Excel's plain "CSV" on a Russian Windows, 1C). A byte-order mark decides
(UTF-8, or UTF-16 as Excel's "Unicode text"). Without one, a file that is valid UTF-8 from
start to end is UTF-8. Otherwise the *file's* encoding is the one most of its lines with
non-ASCII text are in (the first 64 KiB decide; when those are plain ASCII, the next
thousand lines with non-ASCII text), and every line is still decoded on its own, because
real files are not always one thing:

* a line that is valid UTF-8 is read as UTF-8;
* a line that is mostly valid UTF-8 with a few broken bytes (a file cut and pasted, a
  byte damaged in transit) keeps its UTF-8 text, the broken bytes shown as ``�``;
* any other line is read as cp1251 (a block pasted from a Russian Excel export).

A row read differently from the rest of the file, or with bytes replaced, is named in the
import summary's warnings, so one bad byte never turns a whole file into mojibake
(``РћРћРћ``) without a word.

An encoding named in a mapping file is used for every line; bytes it cannot decode are
replaced with ``�`` and the row is named the same way (for UTF-8 and cp1251 the per-line
rules above still apply). Encodings whose line breaks are not the ASCII byte (UTF-16,
UTF-32, EBCDIC) are decoded as one stream, strictly: a byte that does not decode stops the
import with the row it is near, as the rest of such a file cannot be trusted either.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from enum import StrEnum
from typing import BinaryIO

__all__ = [
    "LineDecoder",
    "RowNote",
    "is_ascii_compatible",
    "majority_encoding",
    "text_encoding",
]

UTF8, CP1251 = "utf-8", "cp1251"
_REPLACEMENT = "\ufffd"
_CHUNK = 1024 * 1024
#: Text codecs that are not file encodings (transformations, escapes, domain names).
_NOT_FILE_ENCODINGS = frozenset(
    {"idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape", "utf_7"}
)


class RowNote(StrEnum):
    """How a row's bytes were read when not simply in the file's encoding."""

    READ_AS_CP1251 = "read_as_cp1251"
    READ_AS_UTF8 = "read_as_utf8"
    BYTES_REPLACED = "bytes_replaced"


def text_encoding(name: str) -> str | None:
    """The canonical name of ``name`` if a CSV file can be in it, else ``None``.

    ``rot13``, ``hex`` or ``base64`` are codecs Python knows but not text encodings of a
    file; ``idna`` and the escape codecs are text codecs, but not of files.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        return None
    try:
        b"abcd".decode(info.name)  # LookupError for codecs that are not text encodings
    except UnicodeError:
        pass  # a text encoding that cannot decode these four bytes (undefined) is one
    except (LookupError, TypeError, ValueError):
        return None
    if info.name.replace("-", "_") in _NOT_FILE_ENCODINGS:
        return None
    return info.name


def is_ascii_compatible(encoding: str) -> bool:
    """Whether a line break, ``;``, ``,`` and ``"`` are their ASCII bytes and every byte
    decodes to one character (cp1251, koi8-r, latin-1), or the encoding is UTF-8: then a
    file can be split into lines as bytes and each line decoded on its own."""
    name = codecs.lookup(encoding).name
    if name in ("utf-8", "utf-8-sig"):
        return True
    try:
        probe = bytes(range(256)).decode(name, errors="replace")
    except (UnicodeError, LookupError):
        return False
    return len(probe) == 256 and probe[:128] == bytes(range(128)).decode("ascii")


def _kind(line: bytes) -> str:
    """``ascii``, ``utf-8``, ``damaged`` (mostly UTF-8) or ``cp1251`` for one line."""
    if line.isascii():
        return "ascii"
    try:
        line.decode(UTF8)
    except UnicodeDecodeError:
        text = line.decode(UTF8, errors="replace")
        bad = text.count(_REPLACEMENT)
        good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
        return "damaged" if good > bad else CP1251
    return UTF8


def majority_encoding(head: bytes, stream: BinaryIO | None, *, truncated: bool) -> str:
    """UTF-8 or cp1251 for a file that is not valid UTF-8: the encoding of most of its lines
    with non-ASCII text, judged on ``head`` and, when that is plain ASCII, on the rest of the
    ``stream`` (read from its current position)."""
    lines = head.splitlines()
    if truncated and len(lines) > 1:
        lines.pop()  # the sample's last line may be cut in the middle of a character
    utf8 = other = 0
    for line in lines:
        kind = _kind(line)
        if kind in (UTF8, "damaged"):
            utf8 += 1
        elif kind == CP1251:
            other += 1
    if utf8 + other == 0 and stream is not None:
        for line in _lines(stream):
            kind = _kind(line)
            if kind in (UTF8, "damaged"):
                utf8 += 1
            elif kind == CP1251:
                other += 1
            if utf8 + other >= 1000:
                break
    return UTF8 if utf8 > other else CP1251


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    rest = b""
    while chunk := stream.read(_CHUNK):
        pieces = (rest + chunk).splitlines()
        rest = pieces.pop() if pieces else b""
        yield from pieces
    if rest:
        yield rest


class LineDecoder:
    """Decodes a CSV file's lines one by one (see the module docstring).

    ``decode(line)`` returns the text and, when the line was not simply in ``encoding``,
    a :class:`RowNote`.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = codecs.lookup(encoding).name
        self._mixed = self.encoding in (UTF8, "utf-8-sig", CP1251)
        self._main = CP1251 if self.encoding == CP1251 else UTF8

    def decode(self, line: bytes) -> tuple[str, RowNote | None]:
        if line.isascii():
            return line.decode("ascii"), None
        if not self._mixed:
            try:
                return line.decode(self.encoding), None
            except UnicodeDecodeError:
                return line.decode(self.encoding, errors="replace"), RowNote.BYTES_REPLACED
        kind = _kind(line)
        if kind == UTF8:
            return line.decode(UTF8), RowNote.READ_AS_UTF8 if self._main == CP1251 else None
        if kind == "damaged":
            return line.decode(UTF8, errors="replace"), RowNote.BYTES_REPLACED
        # cp1251 decodes every byte but 0x98, which no real text holds: shown as U+FFFD.
        note = RowNote.READ_AS_CP1251 if self._main == UTF8 else None
        return line.decode(CP1251, errors="replace"), note
