"""The real ``cati`` command on a demo database, on a real X server (Xvfb) with Qt's xcb
platform plugin, as ``make run`` starts it on a desktop: the sign-in window appears, the demo
account signs in from the keyboard, the main window opens on the console, F2 takes a contact
(the keyboard is the console's without a click) and Ctrl+Q quits with status 0.

This is what breaks on a fresh machine when a system library is missing (Qt cannot load its
xcb plugin); scripts/system-deps installs Xvfb and xdotool for it. Without them the test is
skipped, except on CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from cati.db import create_engine_for, upgrade_database
from cati.demo import DEMO_LOGIN, DEMO_PASSWORD, build_demo

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

#: How long the app may take to show a window on a loaded 2-core machine.
WINDOW_TIMEOUT = 90.0


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} ({package}) is required on CI: scripts/system-deps test")
        pytest.skip(f"{name} ({package}) is not installed: scripts/system-deps test")
    return found


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh X server on a free display number, stopped afterwards."""
    xvfb = tool("Xvfb", "xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 32).decode().strip() if ready else ""
        if not number:
            server.kill()
            pytest.fail(f"Xvfb did not start: {server.communicate()[1].decode()[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class X:
    """xdotool on one display."""

    def __init__(self, display: str) -> None:
        self.binary = tool("xdotool", "xdotool")
        self.env = {**os.environ, "DISPLAY": display}

    def __call__(self, *arguments: str) -> str:
        done = subprocess.run(
            [self.binary, *arguments], env=self.env, capture_output=True, text=True, timeout=30
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    def window(self, title: str, app: subprocess.Popen[str]) -> str:
        """The id of the visible window whose title matches ``title`` (a regex)."""
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while time.monotonic() < deadline:
            found = self("search", "--onlyvisible", "--name", title)
            if found:
                return found.split()[0]
            if app.poll() is not None:
                pytest.fail(f"cati exited with {app.returncode}: {app.communicate()[1][-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"no window titled {title!r} within {WINDOW_TIMEOUT:.0f} s")


def held_contacts(url: str) -> int:
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM contact WHERE claimed_by IS NOT NULL")
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def cati_command() -> list[str]:
    script = Path(sys.executable).with_name("cati")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cati"]


def test_the_app_signs_in_and_quits_on_a_real_x_server(display: str, tmp_path: Path) -> None:
    x = X(display)
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = create_engine_for(url)
    upgrade_database(engine)
    build_demo(engine, data_dir=tmp_path, days=0)  # the demo study, without fieldwork
    engine.dispose()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CATI_USER", "CATI_PASSWORD", "CATI_DATABASE_URL", "WAYLAND_DISPLAY")
    }
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        CATI_LANGUAGE="en",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    app = subprocess.Popen(
        [*cati_command(), "--db", url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        sign_in = x.window("sign in$", app)
        x("windowfocus", "--sync", sign_in)
        x("type", "--delay", "20", DEMO_LOGIN)
        x("key", "Tab")
        x("type", "--delay", "20", DEMO_PASSWORD)
        x("key", "Return")
        main = x.window("^cati$", app)
        x("windowfocus", "--sync", main)  # what a window manager does with a new window
        assert held_contacts(url) == 0
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while held_contacts(url) == 0:  # F2 waits for the console to load the study
            assert time.monotonic() < deadline, "F2 took no contact"
            x("key", "F2")
            time.sleep(1)
        x("key", "ctrl+q")
        _, errors = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert "Could not load the Qt platform plugin" not in errors
    assert app.returncode == 0, errors[-3000:]
