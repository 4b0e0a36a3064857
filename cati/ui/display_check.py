"""Before Qt starts on Linux: can its xcb platform plugin load?

When a system library the plugin links to is missing, Qt stops the program with "could not
load the Qt platform plugin "xcb"" and no word about which library; here the missing ones
are named, with what to do, before Qt is asked to start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from cati.errors import ConfigurationError

__all__ = ["check_desktop_can_start", "missing_xcb_libraries", "xcb_plugin"]


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, if this installation has one."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def _ldd(library: Path) -> str:
    try:
        done = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""  # no ldd here: let Qt try
    return done.stdout


def missing_xcb_libraries(
    plugin: Path | None = None, ldd: Callable[[Path], str] = _ldd
) -> list[str]:
    """The shared libraries the xcb plugin needs that the system cannot find."""
    found = plugin or xcb_plugin()
    if found is None:
        return []
    missing = set()
    for line in ldd(found).splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1:3] == ["=>", "not"]:
            missing.add(parts[0])
    return sorted(missing)


def check_desktop_can_start(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    missing: Callable[[], list[str]] | None = None,
) -> None:
    """Raise :class:`ConfigurationError` naming the missing libraries when Qt would use its xcb
    plugin (Linux, no other platform chosen) and that plugin cannot load."""
    if not platform.startswith("linux"):
        return
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return  # offscreen, wayland...: not the xcb plugin
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return  # Qt may take Wayland in a Wayland session
    lost = (missing or missing_xcb_libraries)()
    if lost:
        raise ConfigurationError(
            "the desktop app cannot start: Qt's window-system plugin (xcb) needs "
            f"{', '.join(lost)}, which this computer lacks. In the cati folder, "
            "`make system-deps` installs what is missing on Debian and Ubuntu (or prints the "
            "apt-get line to run); elsewhere install the packages that provide these files."
        )
