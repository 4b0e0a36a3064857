"""On Linux the app names the system libraries Qt's xcb plugin lacks, instead of Qt's bare
"could not load the Qt platform plugin xcb"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cati.cli import EXIT_ERROR
from cati.errors import ConfigurationError
from cati.ui.display_check import check_desktop_can_start, missing_xcb_libraries

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""
MISSING = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_the_missing_libraries_are_read_from_ldd(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    assert missing_xcb_libraries(plugin, ldd=lambda _path: LDD_OUTPUT) == MISSING
    assert missing_xcb_libraries(plugin, ldd=lambda _path: "") == []


def test_a_linux_desktop_without_them_gets_a_message_naming_them() -> None:
    with pytest.raises(ConfigurationError) as raised:
        check_desktop_can_start({"DISPLAY": ":0"}, "linux", lambda: MISSING)
    message = str(raised.value)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "make system-deps" in message


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ],
)
def test_other_platforms_are_left_to_qt(environ: dict[str, str], platform: str) -> None:
    check_desktop_can_start(environ, platform, lambda: MISSING)


def test_nothing_missing_lets_qt_start() -> None:
    check_desktop_can_start({"QT_QPA_PLATFORM": "xcb"}, "linux", lambda: [])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_cati_command_stops_with_the_message_and_the_error_status(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    ldd = fake / "ldd"
    ldd.write_text(f"#!/bin/sh\nprintf '{LDD_OUTPUT}'\n", encoding="utf-8")
    ldd.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}",
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "cati", "--db", f"sqlite:///{tmp_path / 'cati.sqlite3'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == EXIT_ERROR, done.stderr
    assert done.stderr.startswith("cati: the desktop app cannot start")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in done.stderr
    assert "Traceback" not in done.stderr
