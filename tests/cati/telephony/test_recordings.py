"""Where recordings are kept, and a call recorded in pieces kept as one file."""

from __future__ import annotations

import wave
from pathlib import Path

from cati.telephony.recordings import one_file_per_call, study_recordings_folder


def write_wav(path: Path, frames: int, rate: int = 8000, value: int = 0) -> Path:
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(value.to_bytes(2, "little", signed=True) * frames)
    return path


def test_the_study_folder_is_the_configured_one_or_the_databases_data_folder(
    tmp_path: Path,
) -> None:
    beside = tmp_path / "fieldwork-files"
    assert study_recordings_folder(str(tmp_path / "общая папка"), 7, beside) == (
        tmp_path / "общая папка" / "study-7"
    )
    assert study_recordings_folder("  ", 7, beside) == beside / "recordings" / "study-7"


def test_a_relative_configured_folder_is_read_from_the_databases_data_folder(
    tmp_path: Path,
) -> None:
    beside = tmp_path / "fieldwork-files"
    assert study_recordings_folder("записи ", 2, beside) == beside / "записи" / "study-2"


def test_one_piece_is_named_after_the_attempt(tmp_path: Path) -> None:
    only = write_wav(tmp_path / "CA1-1.wav", 800)
    kept = one_file_per_call([only], tmp_path / "attempt-1")
    assert kept == tmp_path / "attempt-1.wav" and kept.exists() and not only.exists()


def test_wav_pieces_are_joined_in_order_and_removed(tmp_path: Path) -> None:
    first = write_wav(tmp_path / "CA1-1.wav", 800, value=1)
    second = write_wav(tmp_path / "CA1-2.wav", 400, value=2)
    joined = one_file_per_call([first, second], tmp_path / "attempt-5")
    assert joined == tmp_path / "attempt-5.wav"
    with wave.open(str(joined)) as reader:
        assert (reader.getnframes(), reader.getframerate()) == (1200, 8000)
        samples = reader.readframes(1200)
    assert samples[:2] == (1).to_bytes(2, "little") and samples[-2:] == (2).to_bytes(2, "little")
    assert not first.exists() and not second.exists()


def test_mp3_pieces_play_one_after_another(tmp_path: Path) -> None:
    first, second = tmp_path / "RE1.mp3", tmp_path / "RE2.mp3"
    first.write_bytes(b"\xff\xfbframe-one")
    second.write_bytes(b"\xff\xfbframe-two")
    joined = one_file_per_call([first, second], tmp_path / "attempt-6")
    assert joined.read_bytes() == b"\xff\xfbframe-one\xff\xfbframe-two"


def test_pieces_that_cannot_be_joined_stay_apart(tmp_path: Path) -> None:
    narrow = write_wav(tmp_path / "a.wav", 800, rate=8000)
    wide = write_wav(tmp_path / "b.wav", 800, rate=16000)
    assert one_file_per_call([narrow, wide], tmp_path / "attempt-7") == narrow
    assert narrow.exists() and wide.exists() and not (tmp_path / "attempt-7.wav").exists()
    mp3 = tmp_path / "c.mp3"
    mp3.write_bytes(b"\xff\xfb")
    assert one_file_per_call([mp3, narrow], tmp_path / "attempt-8") == mp3
