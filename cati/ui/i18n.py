"""The interface language: Russian or English, from the settings or the system locale.

Translations are Qt's ``.ts`` files in ``resources/translations`` (edit them with
``pyside6-linguist`` or by hand), compiled to ``.qm`` by ``make translations``.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("ru", "en")


def choose_language(setting: str | None = None) -> str:
    """The language to use: the setting if it names one we have, else the system's."""
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load cati's own and Qt's translations for ``language`` into ``app``."""
    installed: list[QTranslator] = []
    folder = resources.files("resources.translations")
    ours = QTranslator(app)
    with resources.as_file(folder / f"cati_{language}.qm") as path:
        if path.exists() and ours.load(str(path)):
            app.installTranslator(ours)
            installed.append(ours)
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
