"""The interface exists in Russian: every string is translated and the compiled files are
current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cati.ui.i18n import choose_language, install_translations, remove_translations
from cati.ui.script_pane import ScriptPane
from surveys import Screen

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "resources" / "translations"
TOOLS = Path(sys.executable).parent


def _unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [
        message.findtext("source") or ""
        for message in root.iter("message")
        if (
            message.find("translation") is not None
            and message.find("translation").get("type") == "unfinished"
        )
    ]  # type: ignore[union-attr]


def test_every_interface_string_has_a_russian_translation(tmp_path: Path) -> None:
    copy = tmp_path / "cati_ru.ts"
    shutil.copy(TRANSLATIONS / "cati_ru.ts", copy)
    result = subprocess.run(
        [
            str(TOOLS / "pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            str(ROOT / "cati" / "ui"),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Found 0 source text" not in result.stdout + result.stderr
    assert len(list(ET.parse(copy).getroot().iter("message"))) >= 16
    missing = _unfinished(copy)
    assert not missing, (
        f"untranslated strings (run make translations and translate them in "
        f"resources/translations/cati_ru.ts): {missing}"
    )


def test_compiled_translations_match_their_sources(tmp_path: Path) -> None:
    for language in ("ru", "en"):
        ts = TRANSLATIONS / f"cati_{language}.ts"
        qm = tmp_path / f"cati_{language}.qm"
        subprocess.run(
            [str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert qm.read_bytes() == (TRANSLATIONS / f"cati_{language}.qm").read_bytes(), (
            "run make translations"
        )


def test_the_pane_speaks_russian_with_the_russian_translation(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "ru")
    try:
        pane = ScriptPane()
        qtbot.addWidget(pane)
        pane.show_screen(
            Screen(question_id="q", kind="info", text="Текст", note="Заметка", required=False)
        )
        assert pane.note.text() == "Интервьюеру: Заметка"
        assert pane.next_button.text() == "Далее (Enter) →"
    finally:
        remove_translations(app, translators)


def test_language_follows_the_setting_or_falls_back() -> None:
    assert choose_language("ru") == "ru"
    assert choose_language("en") == "en"
    assert choose_language("de") in ("ru", "en")
