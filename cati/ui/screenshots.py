"""Pictures of every main screen, rendered offscreen: ``python -m cati.ui.screenshots OUTDIR``.

A throw-away SQLite database gets the demo study (one day of simulated fieldwork), and the
screens are shown as the demo's research lead sees them, in Russian (``--language en`` for
English): sign-in (with the demo account's hint), the console with a contact on the line, a
question a minute into the call, the wrap-up with a call-back after the call, the settings,
and every tab of the supervisor's and research lead's screens when installed (the call list
tab previewing the demo's CRM export). ``make screenshots`` writes them to docs/screenshots,
where the README shows them: each is reduced to a 256-colour palette to stay small.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QTableWidget, QTabWidget, QWidget

from cati.accounts import sign_in
from cati.clock import SimulatedClock
from cati.db import Engine, create_engine_for, upgrade_database
from cati.telephony.simulated import OutcomeMix, SimulatedDialer
from cati.ui.context import UiContext
from cati.ui.errors import ErrorPresenter
from cati.ui.i18n import install_translations, remove_translations
from cati.ui.shell.change_feed import ChangeFeed
from cati.ui.shell.main_window import optional_screen
from cati.ui.shell.preferences import Preferences
from cati.ui.shell.settings_dialog import SettingsDialog
from cati.ui.shell.sign_in import SignInDialog

__all__ = ["main", "render_all"]

SIZE = (1280, 800)
#: The demo's first day of fieldwork ends at 09:00 Moscow time; the screens show 11:30.
SHOWN_AT = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
ANSWERED = OutcomeMix(answered=1, no_answer=0, busy=0, answering_machine=0, invalid_number=0)


class _QuietErrors(ErrorPresenter):
    def show(self, text: str) -> None:
        self.shown.append(text)
        print(f"screen error: {text}", file=sys.stderr)


def _settle(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Process events until ``done()`` (background calls finished) or the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if done():
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def _screen_idle(screen: QWidget) -> bool:
    return not getattr(getattr(screen, "background", None), "busy", False)


#: File names of the tabs of the supervisor's and the research lead's screens, in tab order.
TAB_NAMES = {
    "supervisor": ("progress", "alerts", "call_review"),
    "study_setup": ("call_list", "segments", "settings", "script", "themes"),
}


def _save(app: QApplication, widget: QWidget, folder: Path, name: str) -> Path:
    widget.show()
    _settle(app, lambda: True, 0.2)
    path = folder / f"{name}.png"
    image = widget.grab().toImage()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    _make_small(path)
    print(path)
    return path


def _make_small(path: Path) -> None:
    """Reduce the picture to 256 colours: flat interface colours survive, the file shrinks to
    a fraction (Pillow comes with matplotlib)."""
    from PIL import Image

    with Image.open(path) as picture:
        reduced = picture.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def _demo_database(folder: Path) -> Engine:
    from cati.demo import build_demo

    engine = create_engine_for(f"sqlite:///{folder / 'screens.sqlite3'}")
    upgrade_database(engine)
    arguments: dict[str, Any] = {"data_dir": folder}
    if "days" in inspect.signature(build_demo).parameters:
        arguments["days"] = 1
    build_demo(engine, **arguments)
    return engine


def render_all(folder: Path, language: str = "ru") -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    translators = install_translations(app, language)
    try:
        return _render_screens(app, folder, language)
    finally:  # the application outlives the pictures (in tests): leave its language as it was
        remove_translations(app, translators)


def _render_screens(app: QApplication, folder: Path, language: str) -> list[Path]:
    from cati.console_service import studies_for
    from cati.demo import DEMO_LOGIN, DEMO_PASSWORD
    from cati.ui.console.console import InterviewerConsole

    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        engine = _demo_database(Path(scratch))
        try:
            sign = SignInDialog(engine, "sqlite:///…/cati.sqlite3")
            sign.show()
            _settle(app, lambda: not sign.checking_demo)
            sign.resize(440, sign.sizeHint().height())
            saved.append(_save(app, sign, folder, "sign_in"))
            sign.close()

            actor = sign_in(engine, DEMO_LOGIN, DEMO_PASSWORD)
            clock = SimulatedClock(SHOWN_AT)
            dialers: list[SimulatedDialer] = []

            def dialer(kind: str, options: Any) -> SimulatedDialer:
                made = SimulatedDialer(ANSWERED, seed=3, clock=clock)
                dialers.append(made)
                return made

            study = studies_for(engine, actor)[0]
            feed = ChangeFeed(engine)
            context = UiContext(
                engine=engine,
                actor=actor,
                clock=clock,
                errors=_QuietErrors(),
                language=language,
                study_id=study.id,
                dialer_factory=dialer,
                changes=feed,
            )
            console = InterviewerConsole(context)
            console.resize(*SIZE)
            console.show()
            _settle(app, lambda: not console.busy and console.fieldwork is not None)
            saved.append(_save(app, console, folder, "console_waiting"))
            console.take_next_contact()
            _settle(app, lambda: not console.busy and console.claimed is not None)
            saved.append(_save(app, console, folder, "console_contact"))
            console.dial()
            _settle(app, lambda: not console.busy and console.pane.shown is not None)
            clock.advance(14)  # the timer shows the call going on
            saved.append(_save(app, console, folder, "console_introduction"))
            for _ in range(12):  # on to the first real question, as the interviewer would
                shown = console.pane.shown
                if shown is None or not shown.question_id.startswith("_"):
                    break
                if console.pane.input is not None:
                    console.pane.input.pick(1)  # "yes" to consent and recording
                console.pane.confirm()
                _settle(app, lambda: not console.busy)
                clock.advance(23)
            saved.append(_save(app, console, folder, "console_question"))
            clock.advance(41)  # the respondent asks to be called back; the interviewer hangs up
            console.hang_up()
            _settle(app, lambda: not console.busy and console.wrapping_up)
            panel = console.outcome_panel
            for row in range(panel.list.count()):
                item = panel.list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == "appointment_soft":
                    panel.list.setCurrentRow(row)
            panel.note.setPlainText("Просил перезвонить после обеда, сейчас на совещании")
            saved.append(_save(app, console, folder, "console_wrap_up"))
            console.shutdown()
            console.close()

            settings = SettingsDialog(
                Preferences(QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)),
                keyring=_NoKeyring(),
            )
            _settle(app, lambda: not settings.busy)
            settings.message.clear()
            saved.append(_save(app, settings, folder, "settings"))
            settings.close()

            for module, name, file_name in (
                ("cati.ui.supervisor.dashboard", "SupervisorDashboard", "supervisor"),
                ("cati.ui.setup.study_setup", "StudySetup", "study_setup"),
            ):
                screen_class = optional_screen(module, name)
                if screen_class is None:
                    continue
                screen = screen_class(context)  # type: ignore[arg-type]
                screen.resize(*SIZE)
                screen.show()
                _settle(app, partial(_screen_idle, screen))
                saved += _save_tabs(app, screen, folder, file_name, Path(scratch))
                screen.close()
            for made in dialers:
                made.close()
            QThreadPool.globalInstance().waitForDone(10_000)
            _settle(app, lambda: True, 0.2)
        finally:
            engine.dispose()
    return saved


def _save_tabs(
    app: QApplication, screen: QWidget, folder: Path, prefix: str, scratch: Path
) -> list[Path]:
    """One picture per tab of ``screen.tabs``; the call list tab previews the demo's file."""
    tabs = getattr(screen, "tabs", None)
    if not isinstance(tabs, QTabWidget):
        return [_save(app, screen, folder, prefix)]
    imports = getattr(screen, "imports", None)
    if imports is not None:
        # A copy, so that the picture shows no path of the checkout it was made in.
        export = scratch / "client_base.csv"
        export.write_bytes((resources.files("resources.demo") / "client_base.csv").read_bytes())
        imports.path.setText(str(export))
        imports.load_preview()
        _settle(app, partial(_screen_idle, imports))
    saved = []
    for index in range(tabs.count()):
        if not tabs.isTabVisible(index):
            continue
        tabs.setCurrentIndex(index)
        page = tabs.widget(index) or screen
        _settle(app, partial(_screen_idle, page))
        table = getattr(page, "table", None)  # the supervisor's lists: the first one's details
        if (
            prefix == "supervisor"
            and isinstance(table, QTableWidget)
            and table.rowCount()
            and not table.selectedItems()
        ):
            table.selectRow(0)
            _settle(app, partial(_screen_idle, page))
        names = TAB_NAMES.get(prefix, ())
        name = names[index] if index < len(names) else str(index + 1)
        saved.append(_save(app, screen, folder, f"{prefix}_{name}"))
    return saved


class _NoKeyring:
    """The screenshots never touch the real keyring."""

    def get_password(self, service_name: str, username: str) -> str | None:
        return None

    def set_password(self, service_name: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service_name: str, username: str) -> None:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cati.ui.screenshots", description=__doc__)
    parser.add_argument("folder", type=Path, help="where the PNG files go")
    parser.add_argument("--language", choices=("ru", "en"), default="ru")
    args = parser.parse_args(argv)
    render_all(args.folder, args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
