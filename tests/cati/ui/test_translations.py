"""The interface exists in Russian: every string is translated and the compiled files are
current."""

from __future__ import annotations

import os
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
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") == "unfinished":
            missing.append(message.findtext("source") or "")
    return missing


def _refreshed(tmp_path: Path) -> Path:
    """The translation files as make translations would leave them, built in a copy."""
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy)
    subprocess.run(
        ["bash", str(TRANSLATIONS / "update.sh")],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "VENV_BIN": str(TOOLS), "TRANSLATIONS_DIR": str(copy)},
    )
    return copy


def test_every_interface_string_has_a_russian_translation_and_the_files_are_current(
    tmp_path: Path,
) -> None:
    copy = _refreshed(tmp_path)
    areas = sorted(p.name.removesuffix("_ru.ts") for p in copy.glob("*_ru.ts"))
    assert "common" in areas
    for area in areas:
        ts = copy / f"{area}_ru.ts"
        assert len(list(ET.parse(ts).getroot().iter("message"))) > 0, area
        missing = _unfinished(ts)
        assert not missing, (
            f"untranslated strings in {area} (run make translations and "
            f"translate them in resources/translations/{area}_ru.ts): {missing}"
        )
        for language in ("ru", "en"):
            built = copy / f"{area}_{language}.qm"
            shipped = TRANSLATIONS / f"{area}_{language}.qm"
            assert shipped.exists() and built.read_bytes() == shipped.read_bytes(), (
                f"{shipped.name} is not current: run make translations"
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
